// Generates the scenario validator from schema/scenario.schema.json, the single source of truth of the
// scenario format (`cc-plan --scenario file.yaml`). Run by `npm run build`, `npm run typecheck` and the
// test setup (test/support/generate-scenario-validator.ts); it rewrites nothing when its output is up to
// date. Output (git-ignored, never edited by hand), in src/adapters/scenario/generated/:
//
// - validate-scenario.ts: ajv's standalone code (ajv/dist/standalone) for the schema, with ajv's two
//   run-time helpers (ucs2length, fast-deep-equal) bundled in by esbuild, so neither the CLI nor the
//   published library needs ajv at run time (it stays a devDependency) and nothing compiles a schema
//   when cc-plan starts. `// @ts-nocheck`: it is generated JavaScript; only its export is typed.
// - scenario-schema.ts: the same schema as a typed constant (messages name its enums, ranges, keys and
//   descriptions; the reader's exported enum lists are read from it), which $ref sites refer to which
//   $defs entry, and `ScenarioDocument`, the TypeScript type of a document that passed the schema.
//
// The validator is compiled from the schema with every local `$ref` replaced by the definition it names
// (the schema has no recursive refs, so this changes no verdict; a test checks verdicts against ajv
// compiling the original file). With refs inlined, each ajv error's schemaPath is absolute: the reader
// can tell which oneOf branch an error belongs to and find the schema (and description) it came from.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaFile = `${root}schema/scenario.schema.json`;
const outDir = `${root}src/adapters/scenario/generated/`;
const validatorFile = `${outDir}validate-scenario.ts`;
const schemaModuleFile = `${outDir}scenario-schema.ts`;

/** Ajv options of the generated validator; `test/scenario` compiles the original schema with the same ones. */
export const ajvOptions = {
  allErrors: true, // all errors, so the reader can pick the most useful one
  strict: true,
  // strictRequired flags the standard `anyOf: [{ required: [peak] }, …]` and `not: { required: [peak] }`
  // idioms, whose properties are defined one level up.
  strictRequired: false,
  allowUnionTypes: true,
  // NaN and ±Infinity (YAML .nan, .inf) are not numbers for the schema.
  strictNumbers: true,
  // The reader writes its own messages from the schema; ajv's English ones would only add size.
  messages: false,
};

/** The schema with every `{ $ref: "#/$defs/x", ...siblings }` replaced by `{ ...$defs.x, ...siblings }`. */
export function inlineRefs(schema) {
  const defs = schema.$defs ?? {};
  const refSites = {};
  const escapeToken = (k) => k.replace(/~/g, "~0").replace(/\//g, "~1");
  const subschema = new Set([
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
  ]);
  const subschemaLists = new Set(["oneOf", "anyOf", "allOf", "prefixItems"]);
  const subschemaMaps = new Set(["properties", "patternProperties", "dependentSchemas"]);
  const walk = (node, path, depth) => {
    if (depth > 50) throw new Error(`${path}: $refs nest too deeply (recursive?)`);
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    let out = {};
    if (typeof node.$ref === "string") {
      const m = /^#\/\$defs\/([^/]+)$/.exec(node.$ref);
      if (!m || !(m[1] in defs)) throw new Error(`${path}: unsupported $ref ${node.$ref}`);
      refSites[path] = m[1];
      out = { ...walk(defs[m[1]], path, depth + 1) };
    }
    for (const [k, v] of Object.entries(node)) {
      const at = `${path}/${escapeToken(k)}`;
      if (k === "$ref" || (path === "#" && k === "$defs")) continue;
      else if (subschema.has(k)) out[k] = walk(v, at, depth + 1);
      else if (subschemaLists.has(k)) out[k] = v.map((x, i) => walk(x, `${at}/${i}`, depth + 1));
      else if (subschemaMaps.has(k))
        out[k] = Object.fromEntries(Object.entries(v).map(([name, x]) => [name, walk(x, `${at}/${escapeToken(name)}`, depth + 1)]));
      else if (k.startsWith("$") && k !== "$id" && k !== "$schema" && k !== "$comment") throw new Error(`${at}: unsupported keyword ${k}`);
      else out[k] = v;
    }
    return out;
  };
  return { schema: walk(schema, "#", 0), defs, refSites };
}

/** A TypeScript type for data valid under `s` (the subset of JSON Schema the scenario schema uses). */
function tsType(s, indent) {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const shaping = (b) => b.type !== undefined || b.const !== undefined || b.enum !== undefined || b.properties !== undefined || b.items !== undefined;
  for (const k of ["oneOf", "anyOf"]) {
    const branches = (s[k] ?? []).filter(shaping);
    if (branches.length > 0 && s.type === undefined) return branches.map((b) => `(${tsType(b, indent)})`).join(" | ");
  }
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (types.length === 0) return "unknown";
  return types
    .map((t) => {
      if (t === "string") return "string";
      if (t === "integer" || t === "number") return "number";
      if (t === "boolean") return "boolean";
      if (t === "null") return "null";
      if (t === "array") return `readonly (${s.items ? tsType(s.items, indent) : "unknown"})[]`;
      if (t === "object") {
        const req = new Set(s.required ?? []);
        const inner = `${indent}  `;
        const props = Object.entries(s.properties ?? {}).map(([k, p]) => {
          const doc = typeof p.description === "string" ? `${inner}/** ${p.description.replace(/\*\//g, "* /")} */\n` : "";
          return `${doc}${inner}readonly ${JSON.stringify(k)}${req.has(k) ? "" : "?"}: ${tsType(p, inner)};\n`;
        });
        // A map (additionalProperties with a schema): an index signature beside the named properties.
        const extra =
          s.additionalProperties && typeof s.additionalProperties === "object"
            ? `${inner}readonly [key: string]: ${tsType(s.additionalProperties, inner)};\n`
            : "";
        return `{\n${props.join("")}${extra}${indent}}`;
      }
      throw new Error(`no TypeScript type for JSON Schema type ${t}`);
    })
    .join(" | ");
}

function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Writes the two modules unless they are up to date; returns whether it wrote them. */
export async function generateScenarioValidator({ force = false } = {}) {
  const schemaText = readFileSync(schemaFile, "utf8");
  const require = createRequire(import.meta.url);
  const ajvVersion = require("ajv/package.json").version;
  const stamp = createHash("sha256")
    .update(schemaText)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(ajvVersion)
    .digest("hex")
    .slice(0, 16);
  const header = (what) =>
    `// Generated by scripts/gen-scenario-validator.mjs from schema/scenario.schema.json (${what}). Do not edit;\n` +
    `// \`npm run build\` regenerates it. stamp: ${stamp}\n`;
  if (!force) {
    try {
      if ([validatorFile, schemaModuleFile].every((f) => readFileSync(f, "utf8").includes(`stamp: ${stamp}\n`))) return false;
    } catch {
      // missing: generate
    }
  }

  // Loaded only when there is something to generate: an up-to-date check costs no ajv or esbuild start-up.
  const [{ Ajv2020 }, { default: standaloneCode }, { build }] = await Promise.all([
    import("ajv/dist/2020.js"),
    import("ajv/dist/standalone/index.js"),
    import("esbuild"),
  ]);
  const original = JSON.parse(schemaText);
  const { schema, defs, refSites } = inlineRefs(original);
  const ajv = new Ajv2020({ ...ajvOptions, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const standalone = (standaloneCode.default ?? standaloneCode)(ajv, validate);
  // Bundle ajv's run-time helpers (required by the standalone code) into one self-contained module.
  const bundled = await build({
    stdin: { contents: standalone, resolveDir: root, sourcefile: "scenario-validator.mjs", loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
  });
  let code = bundled.outputFiles[0].text;
  const exportBlock = /\nexport\s*\{[^}]*\};?\s*$/;
  if (!exportBlock.test(code) || !/\b(?:const|let|var) validate = validate\d+;/.test(code)) throw new Error("unexpected shape of ajv's standalone code");
  code = code.replace(exportBlock, "\n");

  mkdirSync(outDir, { recursive: true });
  writeAtomic(
    validatorFile,
    `// @ts-nocheck\n${header("ajv standalone code")}` +
      `import type { ScenarioDocument } from "./scenario-schema.js";\n\n` +
      `/** One ajv error (ajv's ErrorObject without message, which the reader writes itself). */\n` +
      `export interface SchemaError {\n  readonly keyword: string;\n  readonly instancePath: string;\n  readonly schemaPath: string;\n  readonly params: Readonly<Record<string, unknown>>;\n}\n` +
      `/** Validates a parsed scenario document against the schema; on false, \`errors\` says why. */\n` +
      `export interface ScenarioDocumentValidator {\n  (data: unknown): data is ScenarioDocument;\n  errors?: readonly SchemaError[] | null;\n}\n\n` +
      `${code}\n` +
      `export const validateScenarioDocument: ScenarioDocumentValidator = validate;\n`,
  );
  writeAtomic(
    schemaModuleFile,
    `${header("the schema with $refs inlined, and its type")}\n` +
      `/** schema/scenario.schema.json with each \`$ref\` replaced by the definition it names; ajv errors' schemaPaths point into it. */\n` +
      `export const scenarioSchema = ${JSON.stringify(schema, null, 2)} as const;\n\n` +
      `/** The schema's \`$defs\`. */\n` +
      `export const scenarioSchemaDefs = ${JSON.stringify(defs, null, 2)} as const;\n\n` +
      `/** The schemaPath of every place that was a \`$ref\`, and the \`$defs\` entry it named. */\n` +
      `export const scenarioSchemaRefSites: Readonly<Record<string, keyof typeof scenarioSchemaDefs>> = ${JSON.stringify(refSites, null, 2)};\n\n` +
      `/** A scenario document that passed the schema (the checks in code come after). */\n` +
      `export type ScenarioDocument = ${tsType(schema, "")};\n`,
  );
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const wrote = await generateScenarioValidator({ force: process.argv.includes("--force") });
  if (process.argv.includes("--verbose")) console.log(wrote ? "scenario validator generated" : "scenario validator up to date");
}
