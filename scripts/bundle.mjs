// Bundles the CLI into dist/bundle/cli.cjs and writes a V8 code cache beside it, so that `cc-plan`
// starts fast: one file instead of ~100 module resolutions, and no parsing/compiling of the hot
// functions at each start (measured by `npm run bench`: ratio ~2.2 → ~1.8 to `node -e 0`).
//
// Why CommonJS: Node 20 has no compile cache for ES modules (module.enableCompileCache is Node 22),
// but vm.Script accepts V8 `cachedData`. bin/cc-plan.cjs loads the bundle through vm.Script with the
// cache; V8 rejects a cache from another Node/V8 version or for another source (cachedDataRejected)
// and then simply compiles, so a stale cache costs speed, never correctness.
// mathjs stays external: esbuild turns `await import("mathjs")` into a lazy require. The scenario
// validator is a second file with its own cache, dist/bundle/scenario-validator.cjs (see validatorApart).

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse as parseYaml } from "yaml";
import { buildAppsScriptCore } from "./apps-script-core.mjs";

// yargs and cliui build Unicode-property regexes (string-width's \p{Default_Ignorable_Code_Point},
// \p{RGI_Emoji}, ...) when their modules load; profiling showed ~25 ms of a ~140 ms start spent there,
// though they are only used to lay out --help. This plugin gives yargs' platform shim lazy stand-ins
// for `cliui` and `string-width`: the real module is required (and its top level run) on first call.
const lazyForYargs = {
  name: "lazy-yargs-layout",
  setup(b) {
    b.onResolve({ filter: /^(cliui|string-width)$/ }, (args) => {
      if (!/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]/.test(args.importer)) return undefined;
      return { path: args.path, namespace: "lazy", pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      contents: `let real;\nexport default function lazy(...a) { real ??= require(${JSON.stringify(args.path)}).default; return real(...a); }\n`,
      resolveDir: args.pluginData.resolveDir,
      loader: "js",
    }));
  },
};

// cli-table3 measures every cell with string-width@4, whose emoji regex dominated table rendering
// (~20 ms of the headline's run in a profile). This stand-in answers exactly for the common case — after
// removing SGR colour codes, only printable ASCII (each one column wide in string-width's rules) — and
// defers to the real string-width for anything else (wide, combining or control characters).
const fastWidthForTables = {
  name: "fast-width-cli-table3",
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === "real" || !/[\\/]cli-table3[\\/]/.test(args.importer)) return undefined;
      const real = await b.resolve("string-width", { resolveDir: args.resolveDir, kind: args.kind, pluginData: "real" });
      return { path: real.path, namespace: "fast-width", pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: "fast-width" }, (args) => ({
      contents:
        `const real = require(${JSON.stringify(args.path)});\n` +
        `const sgr = /\\u001b\\[[0-9;]*m/g;\n` +
        `const ascii = /^[\\x20-\\x7e]*$/;\n` +
        `module.exports = (s) => { if (typeof s === "string") { const t = s.replace(sgr, ""); if (ascii.test(t)) return t.length; } return real(s); };\n`,
      resolveDir: args.pluginData.resolveDir,
      loader: "js",
    }));
  },
};

// The scenario validator generated from schema/scenario.schema.json (scripts/gen-scenario-validator.mjs:
// ajv standalone code and the schema as data, ~100 KB minified) is only needed for --scenario. Inside
// cli.cjs it would cost every start ~3 ms (more source to read and a larger code cache to map) although
// the reader is imported lazily; so it goes to its own file beside the bundle, dist/bundle/
// scenario-validator.cjs, with its own code cache, loaded by bin/load.cjs's loadChunk when the reader's
// (lazily initialised) imports run.
const validatorFile = "scenario-validator.cjs";
const generatedDir = fileURLToPath(new URL("../src/adapters/scenario/generated/", import.meta.url));
const validatorApart = {
  name: "scenario-validator-apart",
  setup(b) {
    b.onResolve({ filter: /^\.\/generated\/(validate-scenario|scenario-schema)\.js$/ }, (args) =>
      /[\\/]src[\\/]adapters[\\/]scenario$/.test(args.resolveDir) ? { path: validatorFile, namespace: "chunk" } : undefined,
    );
    // bin/load.cjs, relative to dist/bundle/cli.cjs (the bundle's require is createRequire(cli.cjs)).
    b.onLoad({ filter: /.*/, namespace: "chunk" }, (args) => ({
      contents: `module.exports = require("../../bin/load.cjs").loadChunk(${JSON.stringify(args.path)}).exports;\n`,
      loader: "js",
    }));
    b.onResolve({ filter: /^\.\.\/\.\.\/bin\/load\.cjs$/ }, (args) => (args.namespace === "chunk" ? { path: args.path, external: true } : undefined));
  },
};

const out = fileURLToPath(new URL("../dist/bundle/cli.cjs", import.meta.url));
rmSync(fileURLToPath(new URL("../dist/bundle", import.meta.url)), { recursive: true, force: true });
await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: out,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Loaded lazily and kept out of the bundle: mathjs (reservation expressions), the price SDKs
  // (`catalog refresh` only), exceljs (`sheet --out`, an optional peer) and the CSV parser and stringifier
  // (`cc-plan batch` and `--format csv` only) and the chart library (`cc-plan report`: Observable Plot and
  // linkedom, ES modules required through require(esm)), which stay ordinary node_modules packages.
  external: ["mathjs", "@google-cloud/*", "google-gax", "@azure/*", "highs", "exceljs", "csv-parse", "csv-stringify", "@observablehq/plot", "linkedom"],
  // Full minification: ~30 % less source for V8 to parse at every start (stack traces are never shown).
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [lazyForYargs, fastWidthForTables, validatorApart],
  // The sources are ESM; the only import.meta use is locating catalogs/ relative to the module.
  define: { "import.meta.url": "__ccModuleUrl" },
  banner: { js: 'var __ccModuleUrl=require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  stdin: {
    contents: 'export * from "./validate-scenario.ts";\nexport * from "./scenario-schema.ts";\n',
    resolveDir: generatedDir,
    sourcefile: "scenario-validator.ts",
    loader: "ts",
  },
  outfile: fileURLToPath(new URL(`../dist/bundle/${validatorFile}`, import.meta.url)),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});

// The Google Sheets custom functions' core (`cc-plan sheet --apps-script`, issue 13): an ES2019 script
// defining the global `CCPlan`, read by `cc-plan sheet` at run time (scripts/apps-script-core.mjs says how).
// The folder also holds tsc's output of src/apps-script/, so only core.js is (over)written.
const appsScriptDir = fileURLToPath(new URL("../dist/apps-script/", import.meta.url));
mkdirSync(appsScriptDir, { recursive: true });
writeFileSync(join(appsScriptDir, "core.js"), await buildAppsScriptCore());

// The library for `require("cc-plan")` and `require("cc-plan/expression")` (package.json exports, the
// "require" condition): CommonJS bundles of the library entries in dist/cjs/, beside a copy of tsc's
// declarations there, with a dist/cjs/package.json of `"type": "commonjs"` so that TypeScript reads those
// declarations as CommonJS (the .d.ts files under dist/ describe the ES modules). `import` keeps tsc's ES
// modules in dist/. Every package stays external (`packages: "external"`): the dependencies load from
// node_modules as they do for the ES modules (chalk, an ES module, through require(esm), Node >= 20.19).
// What loads lazily stays lazy: HiGHS is required inside loadHighsSolver (a createRequire call the bundler
// leaves alone) and only for several env shapes; mathjs is imported by src/core/expression.ts alone, which
// the index does not import, so it is only in expression.js; the price SDKs are not reachable from the index.
const distDir = fileURLToPath(new URL("../dist/", import.meta.url));
const cjsDir = join(distDir, "cjs");
rmSync(cjsDir, { recursive: true, force: true });
for (const [entry, outfile] of [
  ["src/index.ts", "index.js"],
  ["src/core/expression.ts", "core/expression.js"],
]) {
  await build({
    entryPoints: [entry],
    outfile: join(cjsDir, outfile),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    // catalog-fs.ts finds catalogs/ by walking up from its module's URL: here the bundle's own file.
    define: { "import.meta.url": "__ccModuleUrl" },
    banner: { js: 'var __ccModuleUrl=require("node:url").pathToFileURL(__filename).href;' },
  });
}
writeFileSync(join(cjsDir, "package.json"), '{\n  "type": "commonjs"\n}\n');
const copyDeclarations = (rel) => {
  for (const e of readdirSync(join(distDir, rel), { withFileTypes: true })) {
    const r = join(rel, e.name);
    if (e.isDirectory()) {
      if (rel === "" && (e.name === "cjs" || e.name === "bundle")) continue;
      copyDeclarations(r);
    } else if (e.name.endsWith(".d.ts")) {
      mkdirSync(join(cjsDir, rel), { recursive: true });
      copyFileSync(join(distDir, r), join(cjsDir, r));
    }
  }
};
copyDeclarations("");

// Produce the code cache after running the commands users run most, so that the functions they
// execute (not only the top level) are in it. Output goes nowhere.
const { loadCli } = createRequire(import.meta.url)("../bin/load.cjs");
const cli = loadCli();
const io = { stdout() {}, stderr() {}, env: {}, isTTY: false };
for (const argv of [
  ["--peak", "60", "--env", "4cpu16g"],
  ["--peak", "60", "--env", "4cpu16g", "--json"],
  ["node", "n2-standard-4", "--json"],
  // A mix, so the packing engine's functions are compiled into the cache too (HiGHS itself is WASM,
  // loaded from node_modules at run time).
  ["--env", "40x4cpu16g", "--env", "15/8x8cpu32g", "--env", "5x16cpu64g", "--env", "10x2cpu16g@100Gi"],
]) {
  const code = await cli.run(argv, io);
  if (code !== 0) throw new Error(`bundle warm-up: cc-plan ${argv.join(" ")} exited ${code}`);
}
writeFileSync(cli.cacheFile, cli.script.createCachedData());

// The validator's code cache, after validating every example scenario (so its functions are compiled).
const { loadChunk } = createRequire(import.meta.url)("../bin/load.cjs");
const validator = loadChunk(validatorFile);
const scenarioDir = fileURLToPath(new URL("../scenarios/", import.meta.url));
for (const f of readdirSync(scenarioDir).filter((x) => x.endsWith(".yaml"))) {
  if (!validator.exports.validateScenarioDocument(parseYaml(readFileSync(`${scenarioDir}${f}`, "utf8"))))
    throw new Error(`bundle warm-up: scenarios/${f} does not validate`);
}
writeFileSync(validator.cacheFile, validator.script.createCachedData());
