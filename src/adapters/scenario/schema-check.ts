/**
 * Validates a scenario's data with the validator generated from schema/scenario.schema.json
 * (scripts/gen-scenario-validator.mjs) and turns ajv's errors into the one problem worth showing.
 *
 * Which error: ajv (allErrors) reports every failure, including those of each oneOf/anyOf branch. Errors
 * inside a failed oneOf/anyOf are grouped under it (their schemaPaths start with its schemaPath, since
 * the generated validator has no $refs); of a oneOf, the branch the document evidently meant (its type
 * matches, and for a mapping it has a key only that branch names) with the fewest errors is explained,
 * and when no single branch stands out, all the accepted forms are listed. Among the candidates left,
 * the deepest YAML path wins, then the earliest line, then a type error over other keywords.
 *
 * What it says: everything comes from the schema at the error's schemaPath — its type, range, enum,
 * keys and description (the accepted forms); quantities and env shapes whose pattern fails are
 * explained by the parsers that read them later (src/core/units).
 */
import { type ScenarioDocument, scenarioSchema, scenarioSchemaDefs, scenarioSchemaRefSites } from "./generated/scenario-schema.js";
import { type SchemaError, validateScenarioDocument } from "./generated/validate-scenario.js";
import { envShapeProblem, memoryQuantityProblem } from "./semantic.js";
import { didYouMean, type Lines, nodeAt, type Problem, quote, show, treeData, treeLines, type YamlPath, type YNode } from "./yaml-tree.js";

type SchemaNode = { readonly [k: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const asSchema = (v: unknown): SchemaNode => (isObject(v) ? v : {});
const has = (o: unknown, k: string): boolean => isObject(o) && Object.hasOwn(o, k);

const unescapeToken = (t: string): string => t.replace(/~1/g, "/").replace(/~0/g, "~");
const tokens = (pointer: string): string[] => (pointer.replace(/^#/, "") === "" ? [] : pointer.replace(/^#?\//, "").split("/").map(unescapeToken));

/** The schema at a schemaPath such as `#/properties/demand/properties/peak` (`{}` if there is none). */
function schemaAt(pointer: string): SchemaNode {
  let s: unknown = scenarioSchema;
  for (const t of tokens(pointer)) s = Array.isArray(s) ? s[Number(t)] : isObject(s) ? s[t] : undefined;
  return asSchema(s);
}
const parentPointer = (pointer: string): string => pointer.slice(0, Math.max(1, pointer.lastIndexOf("/")));
const within = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);

/** The pointer of the mapping schema whose keys a keyword at `pointer` is about: up through oneOf/anyOf branches and dependentSchemas. */
function objectPointerOf(pointer: string): string {
  if (isObject(schemaAt(pointer).properties)) return pointer;
  const branch = /^(.*)\/(?:oneOf|anyOf|allOf)\/\d+$/.exec(pointer) ?? /^(.*)\/dependentSchemas\/[^/]+$/.exec(pointer);
  return branch?.[1] !== undefined ? objectPointerOf(branch[1]) : pointer;
}
const objectSchemaFor = (pointer: string): SchemaNode => schemaAt(objectPointerOf(pointer));

/** The branches of the oneOf/anyOf at `pointer` (e.g. `#/properties/zones/oneOf`). */
function branchesAt(pointer: string): SchemaNode[] {
  const holder = schemaAt(parentPointer(pointer));
  const k = pointer.slice(pointer.lastIndexOf("/") + 1);
  return (Array.isArray(holder[k]) ? (holder[k] as unknown[]) : []).map(asSchema);
}

/** A description as part of a sentence: no final period, and lower case unless it starts with a name (GCP, Monday, …). */
const sentence = (d: unknown): string | undefined => {
  if (typeof d !== "string" || d.trim() === "") return undefined;
  const t = d.trim().replace(/\.$/, "");
  const name = /^([A-Z][A-Z0-9]|(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Azure|Google|Kubernetes)\b)/.test(t);
  return name ? t : t.charAt(0).toLowerCase() + t.slice(1);
};
const plain = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const list = (xs: readonly string[], last = "or"): string => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} ${last} ${xs[xs.length - 1]}`);
const typesOf = (s: SchemaNode): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : []);

/** Description of the `$defs` entry a $ref at `pointer` named: the general form, e.g. what a quantity is. */
const defDescription = (pointer: string): string | undefined => {
  const def = scenarioSchemaRefSites[pointer];
  return def === undefined ? undefined : sentence((scenarioSchemaDefs[def] as SchemaNode).description);
};
/**
 * A key's description for "required: …": its own, then its definition's general form where that says
 * more than a type does (a pattern's forms, a list's shape; not "non-empty text" or a whole number).
 */
function describeKey(objectSchema: SchemaNode, objectPointer: string, key: string): string | undefined {
  const prop = asSchema(asSchema(objectSchema.properties)[key]);
  if (prop.const !== undefined) return phrase(prop, `${objectPointer}/properties/${key}`);
  const own = sentence(prop.description);
  const telling = (typeof prop.pattern === "string" && prop.pattern !== "\\S") || typesOf(prop).includes("array");
  const general = telling ? defDescription(`${objectPointer}/properties/${key}`) : undefined;
  return [own, general].filter((x) => x !== undefined).join("; ") || undefined;
}

/** " from 1 to 10", " greater than 0 and at most 1", " of at least 0", or "" for a number schema's bounds. */
function range(s: SchemaNode): string {
  const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = s;
  if (min !== undefined && max !== undefined) return ` from ${plain(min)} to ${plain(max)}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(`of at least ${plain(min)}`);
  else if (xmin !== undefined) parts.push(`greater than ${plain(xmin)}`);
  if (max !== undefined) parts.push(`at most ${plain(max)}`);
  else if (xmax !== undefined) parts.push(`less than ${plain(xmax)}`);
  return parts.length > 0 ? ` ${parts.join(" and ")}` : "";
}

/** What a schema accepts, as a phrase: "a whole number from 1 to 10", "one of a, b", "a list of …". */
function phrase(s: SchemaNode, pointer: string): string {
  const desc = defDescription(pointer) ?? sentence(s.description);
  if (s.const !== undefined) return `${plain(s.const)}${desc ? ` (${desc})` : ""}`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(plain).join(", ")}`;
  const types = typesOf(s);
  if (types.length === 0) {
    const branches = (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : []).map(asSchema);
    if (branches.length > 0) return forms(branches, `${pointer}/${Array.isArray(s.oneOf) ? "oneOf" : "anyOf"}`);
    return desc ?? "a value";
  }
  return types
    .map((t) => {
      if (t === "integer") return `a whole number${range(s)}`;
      if (t === "number") return `a number${range(s)}`;
      if (t === "boolean") return "true or false";
      if (t === "null") return "nothing";
      if (t === "string") {
        const max = typeof s.maxLength === "number" ? `, at most ${s.maxLength} characters` : "";
        return (s.pattern !== undefined || s.format !== undefined) && desc ? `${desc}${max}` : `text${max}`;
      }
      if (t === "object") {
        const keys = Object.keys(asSchema(s.properties));
        return `a mapping (key: value lines)${keys.length > 0 ? ` with keys ${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", …" : ""}` : ""}`;
      }
      if (t === "array") {
        const min = typeof s.minItems === "number" ? s.minItems : 0;
        const max = typeof s.maxItems === "number" ? s.maxItems : undefined;
        const count =
          max === min
            ? `exactly ${min} items`
            : max !== undefined
              ? `${min} to ${max} items`
              : min > 1
                ? `at least ${min} items`
                : min === 1
                  ? "at least one item"
                  : "items";
        const each = s.items !== undefined ? `, each ${phrase(asSchema(s.items), `${pointer}/items`)}` : "";
        return `a list of ${count}${s.uniqueItems === true ? " (each once)" : ""}${each}${desc ? ` (${desc})` : ""}`;
      }
      return t;
    })
    .join(" or ");
}

/** The accepted forms of a oneOf/anyOf at `pointer` (e.g. `#/properties/zones/oneOf`). */
function forms(branches: readonly SchemaNode[], pointer: string): string {
  return branches
    .map((b, i) => {
      const d = sentence(b.description);
      if (typesOf(b).length === 0 && b.const === undefined && b.enum === undefined)
        return d ?? `with ${list((b.required as string[] | undefined) ?? [], "and")}`;
      const p = phrase({ ...b, description: undefined }, `${pointer}/${i}`);
      return d ? `${d}: ${p}` : p;
    })
    .join("; or ");
}

const typeMatches = (t: string, v: unknown): boolean =>
  t === "object"
    ? isObject(v)
    : t === "array"
      ? Array.isArray(v)
      : t === "integer"
        ? Number.isInteger(v)
        : t === "number"
          ? typeof v === "number" && Number.isFinite(v)
          : t === "null"
            ? v === null
            : typeof v === t;

/** Keys a `{ required }` or `{ anyOf: [{ required }, …] }` names. */
function requiredKeys(s: SchemaNode): string[] {
  const own = Array.isArray(s.required) ? (s.required as string[]) : [];
  const nested = (["anyOf", "oneOf", "allOf"] as const).flatMap((k) =>
    Array.isArray(s[k]) ? (s[k] as unknown[]).flatMap((b) => requiredKeys(asSchema(b))) : [],
  );
  return [...own, ...nested];
}

interface Candidate {
  readonly problem: Problem;
  /** 0: a type error, 1: other keywords, 2: a oneOf/anyOf explained as a whole. */
  readonly rank: number;
  readonly order: number;
}

class Explainer {
  private readonly lines: Lines;

  constructor(
    private readonly tree: YNode,
    private readonly data: unknown,
  ) {
    this.lines = treeLines(tree);
  }

  /** `/demand/standby/0` → ["demand", "standby", 0] (indexes where the data has a list). */
  private yamlPath(instancePath: string): YamlPath {
    const out: (string | number)[] = [];
    let d: unknown = this.data;
    for (const t of tokens(instancePath)) {
      if (Array.isArray(d)) {
        out.push(Number(t));
        d = d[Number(t)];
      } else {
        out.push(t);
        d = isObject(d) ? d[t] : undefined;
      }
    }
    return out;
  }
  private dataAt(path: YamlPath): unknown {
    let d: unknown = this.data;
    for (const s of path) d = Array.isArray(d) ? d[Number(s)] : isObject(d) && has(d, String(s)) ? d[String(s)] : undefined;
    return d;
  }
  private got(path: YamlPath): string {
    return `, got ${show(nodeAt(this.tree, path))}`;
  }

  /** The one problem to show for a non-empty list of errors. */
  best(errors: readonly SchemaError[]): Problem {
    const composite = (e: SchemaError): boolean => e.keyword === "oneOf" || e.keyword === "anyOf";
    const inside = (e: SchemaError, c: SchemaError): boolean =>
      e !== c && e.schemaPath.startsWith(`${c.schemaPath}/`) && within(e.instancePath, c.instancePath);
    const composites = errors.filter(composite);
    const top = errors.filter((e) => !composites.some((c) => inside(e, c)));
    const candidates: Candidate[] = top.map((e, order) =>
      composite(e)
        ? {
            problem: this.composite(
              e,
              errors.filter((x) => inside(x, e)),
            ),
            rank: 2,
            order,
          }
        : { problem: this.leaf(e), rank: e.keyword === "type" ? 0 : 1, order },
    );
    candidates.sort(
      (a, b) => b.problem.path.length - a.problem.path.length || (a.problem.line ?? 0) - (b.problem.line ?? 0) || a.rank - b.rank || a.order - b.order,
    );
    const first = candidates[0];
    return first ? first.problem : { path: [], text: "does not match the scenario schema" };
  }

  /** A failed oneOf/anyOf: explain the branch the document meant, or list the accepted forms. */
  private composite(c: SchemaError, inner: readonly SchemaError[]): Problem {
    const path = this.yamlPath(c.instancePath);
    const line = this.lines.line(path);
    const branches = branchesAt(c.schemaPath);
    const data = this.dataAt(path);
    const at = (text: string): Problem => ({ path, text, ...(line === undefined ? {} : { line }) });
    // `anyOf: [{ required: [a] }, { required: [b] }]`: one of these keys.
    const alternatives = branches.map((b) =>
      Object.keys(b).every((k) => k === "required" || k === "description") && Array.isArray(b.required) && b.required.length === 1
        ? (b.required[0] as string)
        : undefined,
    );
    if (alternatives.length > 0 && alternatives.every((k) => k !== undefined)) {
      const pointer = objectPointerOf(parentPointer(c.schemaPath));
      const o = schemaAt(pointer);
      const keys = alternatives as string[];
      return at(`needs ${list(keys)}: ${keys.map((k) => `${k} (${describeKey(o, pointer, k) ?? "see the schema"})`).join(", ")}`);
    }
    if (c.keyword === "oneOf" && Array.isArray(c.params.passingSchemas))
      return at(`matches more than one of the accepted forms (${forms(branches, c.schemaPath)}); make it one of them`);
    const errorsOf = branches.map((_, i) => inner.filter((e) => e.schemaPath.startsWith(`${c.schemaPath}/${i}/`)));
    // A branch is evidently meant when the data has its type and, for a mapping, one of the keys only
    // this branch names (in properties or required), if it has such keys.
    const keysOf = (b: SchemaNode): string[] => [...Object.keys(asSchema(b.properties)), ...(Array.isArray(b.required) ? (b.required as string[]) : [])];
    const evident = branches.map((b, i) => {
      const types = typesOf(b);
      if (types.length === 0 && (b.const !== undefined || b.enum !== undefined)) return false;
      if (types.length > 0 && !types.some((t) => typeMatches(t, data))) return false;
      const own = keysOf(b).filter((k) => !branches.some((o, j) => j !== i && keysOf(o).includes(k)));
      return !isObject(data) || own.length === 0 || own.some((k) => has(data, k));
    });
    const counts = errorsOf.map((es, i) => (evident[i] && es.length > 0 ? es.length : Infinity));
    const fewest = Math.min(...counts);
    const chosen = counts.flatMap((n, i) => (n === fewest && n !== Infinity ? [i] : []));
    const only = chosen.length === 1 ? errorsOf[chosen[0] as number] : undefined;
    if (only) return this.best(only);
    const got = isObject(data) ? "" : this.got(path);
    return at(`expected one of these forms: ${forms(branches, c.schemaPath)}${got}`);
  }

  /** One error of one keyword. */
  private leaf(e: SchemaError): Problem {
    const path = this.yamlPath(e.instancePath);
    const pointer = parentPointer(e.schemaPath);
    const s = schemaAt(pointer);
    const p = e.params;
    const problem = (where: YamlPath, text: string, line: number | undefined = this.lines.line(where), shownPath?: YamlPath): Problem => ({
      path: where,
      text,
      ...(line === undefined ? {} : { line }),
      ...(shownPath === undefined ? {} : { shownPath }),
    });
    switch (e.keyword) {
      case "additionalProperties": {
        const key = String(p.additionalProperty);
        const allowed = Object.keys(asSchema(s.properties));
        const where = path.length === 0 ? " at the top level" : "";
        return problem(
          [...path, key],
          `unknown key ${quote(key)}${where}${didYouMean(key, allowed)}; expected one of ${allowed.join(", ")}`,
          this.lines.keyLine([...path, key]),
          path,
        );
      }
      case "propertyNames": {
        // A key outside the names a branch allows (e.g. demand.peak with several shapes: only profile and standby).
        const key = String(p.propertyName);
        const names = asSchema(s.propertyNames);
        const allowed = Array.isArray(names.enum) ? (names.enum as unknown[]).map(String) : [];
        const why = typeof s.description === "string" ? ` (${s.description.replace(/\.$/, "")})` : "";
        return problem(
          [...path, key],
          `key ${quote(key)} is not allowed here${why}; expected one of ${allowed.join(", ")}`,
          this.lines.keyLine([...path, key]),
          path,
        );
      }
      case "required": {
        const key = String(p.missingProperty);
        const o = objectSchemaFor(pointer);
        const d = describeKey(o, objectPointerOf(pointer), key);
        return problem([...path, key], `required${d ? `: ${d}` : ""}`, this.lines.line(path));
      }
      case "dependentRequired": {
        const key = String(p.property);
        const missing = String(p.missingProperty);
        const d = describeKey(s, pointer, missing);
        return problem([...path, key], `needs ${missing}${d ? ` (${d})` : ""}`);
      }
      case "uniqueItems": {
        const i = Math.max(Number(p.i), Number(p.j));
        const where = [...path, Number.isInteger(i) ? i : 0];
        return problem(where, `${show(nodeAt(this.tree, where))} is listed twice`);
      }
      case "not": {
        const data = this.dataAt(path);
        const forbidden = requiredKeys(asSchema(s.not)).filter((k) => has(data, k));
        const dependent = /\/dependentSchemas\/([^/]+)$/.exec(pointer);
        if (dependent?.[1] !== undefined) {
          const key = unescapeToken(dependent[1]);
          const o = objectSchemaFor(pointer);
          const d = describeKey(o, objectPointerOf(pointer), key);
          return problem([...path, key], `not allowed together with ${list(forbidden, "and")}${d ? ` (${d})` : ""}`, this.lines.keyLine([...path, key]));
        }
        const branch = /^(.*\/(?:oneOf|anyOf))\/\d+$/.exec(pointer);
        const present = (Array.isArray(s.required) ? (s.required as string[]) : []).filter((k) => has(data, k));
        const context = branch?.[1] !== undefined ? `; the accepted forms: ${forms(branchesAt(branch[1]), branch[1])}` : "";
        const key = forbidden[0];
        const where = key === undefined ? path : [...path, key];
        return problem(where, `not allowed${present.length > 0 ? ` with ${list(present, "and")}` : ""}${context}`, this.lines.keyLine(where));
      }
      default:
        return problem(path, this.expected(s, pointer, path));
    }
  }

  /** "expected <what the schema accepts>, got <what the file says>" (type, range, enum, const, pattern, sizes). */
  private expected(s: SchemaNode, pointer: string, path: YamlPath): string {
    const value = this.dataAt(path);
    const def = scenarioSchemaRefSites[pointer];
    if (typeof value === "string" && def === "quantity") return memoryQuantityProblem(value) ?? `expected ${phrase(s, pointer)}${this.got(path)}`;
    if (typeof value === "string" && def === "envShape") return envShapeProblem(value) ?? `expected ${phrase(s, pointer)}${this.got(path)}`;
    const types = typesOf(s);
    const numeric = types.includes("integer") || types.includes("number");
    const quoted = numeric && typeof value === "string" && /^[+-]?\d+(\.\d+)?$/.test(value.trim()) ? " (write numbers without quotes)" : "";
    const near = Array.isArray(s.enum) && typeof value === "string" ? didYouMean(value, s.enum.map(plain)) : "";
    return `expected ${phrase(s, pointer)}${this.got(path)}${quoted}${near}`;
  }
}

/** Validate a scenario's tree against the schema: the typed document, or the one problem to show. */
export function checkSchema(tree: YNode): { ok: true; doc: ScenarioDocument } | { ok: false; problem: Problem } {
  const data = treeData(tree);
  if (validateScenarioDocument(data)) return { ok: true, doc: data };
  const errors = [...(validateScenarioDocument.errors ?? [])];
  return { ok: false, problem: new Explainer(tree, data).best(errors) };
}
