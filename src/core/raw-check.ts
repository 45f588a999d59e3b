/**
 * The type check of raw plan input at the library boundary (issue 12). Flags arrive as strings and
 * scenario files are checked by their schema, but a library call (`plan({ env: 4 })`, a JSON body) can
 * hold anything: every field's JavaScript type is checked here, before any resolver reads it, so a wrong
 * type is one input error naming the field and the accepted forms, never a TypeError from deep inside.
 * Values (ranges, names, units) are still checked by the resolvers, which know the catalogs.
 *
 * The accepted types (README "Library"; the JSDoc of RawRequest):
 * - counts and numbers (`peak`, `within`, `minNodes`, …): a finite number or a string;
 * - text (`env`, `platform`, `disk`, quantities, `today`, …): a string;
 * - lists (`provider`, `machine`, `region`, `storageClass`, `clusterTier`): a list of strings, or one
 *   string meaning a list of one (`provider: "gcp"` is `["gcp"]`; commas separate items, as in the flags);
 * - `zones`: a zone count (number or string) or zone names, or a list of them;
 * - `capacityMemory`, `capacityEphemeralStorage`: a string, a list of strings, or a map of machine type → quantity;
 * - `perZone`: a boolean; `profile`, `standby`, `warmups`, `fixed`, `perNodeFees`, `envs`: the objects
 *   of their types, each field checked the same way;
 * - a field left `undefined` is absent; `null` is a wrong type; an unknown field is an error (a typo such
 *   as `peaks` would otherwise be ignored).
 * Pure.
 */
import type { Resolved } from "./resolved.js";

/** How a value is described in a message: `the string "gcp"`, `the number 4`, `null`, `an object`. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : `a list of ${v.length}`;
  switch (typeof v) {
    case "string":
      return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case "number":
      return `the number ${String(v)}`;
    case "boolean":
      return `the boolean ${String(v)}`;
    case "object":
      return "an object";
    case "undefined":
      return "nothing";
    default:
      return `a ${typeof v}`;
  }
}

type Check = (v: unknown) => boolean;
interface FieldSpec {
  readonly check: Check;
  /** The accepted forms, as the message says them. */
  readonly forms: string;
  readonly required?: boolean;
  /** Objects in a list: their own fields. */
  readonly items?: Readonly<Record<string, FieldSpec>>;
  /** Turns an accepted value into the form the resolvers read. */
  readonly normalize?: (v: unknown) => unknown;
}

const isString: Check = (v) => typeof v === "string";
const isNumberOrString: Check = (v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const count = (example: string, required = false): FieldSpec => ({
  check: isNumberOrString,
  forms: `a number or a string holding one, e.g. ${example}`,
  ...(required ? { required } : {}),
});
const text = (example: string, required = false): FieldSpec => ({ check: isString, forms: `a string, e.g. ${example}`, ...(required ? { required } : {}) });
const list = (example: string): FieldSpec => ({
  check: (v) => typeof v === "string" || (Array.isArray(v) && v.every(isString)),
  forms: `a list of strings, or one string for a list of one, e.g. ${example}`,
  normalize: (v) => (typeof v === "string" ? [v] : v),
});
const objects = (what: string, items: Record<string, FieldSpec>): FieldSpec => ({
  check: Array.isArray,
  forms: `a list of ${what} objects with the fields ${Object.keys(items).join(", ")}`,
  items,
});

/** An observed quantity per machine type (`capacityMemory`, `capacityEphemeralStorage`): "TYPE=QUANTITY", a list of them, or a map. */
const perType = (example: string): FieldSpec => ({
  check: (v) =>
    typeof v === "string" ||
    (Array.isArray(v) && v.every(isString)) ||
    (isPlainObject(v) && Object.values(v).every((q) => typeof q === "string" || (typeof q === "number" && Number.isFinite(q)))),
  forms: `"TYPE=QUANTITY", a list of them, or a map of machine type to quantity, e.g. ${example}`,
  normalize: (v) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, q]) => [k, String(q)])) : v),
});

const dayForms = `one of "weekdays", "weekends", "all"`;

/** Every field of the raw request (RawPlanInput, RawDemandAndCostInput, RawMixOptions, RawPreferenceInput). */
const fields: Readonly<Record<string, FieldSpec>> = {
  peak: count("60"),
  normal: count("25"),
  env: text('"4cpu16g"'),
  provider: { ...list('["gcp", "azure"] or "gcp"'), forms: `"gcp", "azure" or "aws", or a list of them, e.g. ["gcp", "azure"] or "gcp"` },
  platform: text('"gke"'),
  machine: list('["n2-standard-32"]'),
  region: list('["us-central1", "eastus"]'),
  maxPods: count("110"),
  daemonsetOverhead: text('"cpu=400m,memory=700Mi,pods=9"'),
  kubeReservedCpu: text('"100m" or "11 * maxPods + 255"'),
  kubeReservedMemory: text('"1Gi"'),
  systemReservedCpu: text('"100m"'),
  systemReservedMemory: text('"100Mi"'),
  evictionHardMemory: text('"100Mi"'),
  capacityMemory: perType('{ "n2-standard-16": "65851908Ki" }'),
  capacityEphemeralStorage: perType('{ "n2-standard-8": "98831908Ki" }'),
  users: count("20"),
  envsPerUser: count("3"),
  concurrency: count("0.8"),
  profile: {
    check: (v) =>
      isPlainObject(v) && Object.keys(v).every((k) => k === "weekday" || k === "weekend") && ["weekday", "weekend"].every((k) => Array.isArray(v[k])),
    forms: "{ weekday: [24 numbers], weekend: [24 numbers] } (concurrent envs for hours 00–23)",
  },
  standby: objects("standby", {
    name: text('"office hours"'),
    envs: count("5", true),
    from: text('"08:00"', true),
    to: text('"18:00"', true),
    days: text(dayForms),
  }),
  warmups: objects("warm-up", {
    name: text('"morning"'),
    envs: count("10", true),
    at: text('"07:30"', true),
    durationMinutes: count("30", true),
    days: text(dayForms),
    env: text('"4cpu16g"'),
    snapshot: text('"20Gi"'),
  }),
  disk: text('"100Gi"'),
  storageClass: list('["pd-balanced"]'),
  pricing: text('"on-demand"'),
  zones: {
    check: (v) => isNumberOrString(v) || (Array.isArray(v) && v.every(isNumberOrString)),
    forms: `a zone count or zone names, or a list of them, e.g. 3, ["us-central1-a,us-central1-b"] or ["1,2,3"]`,
    normalize: (v) => (Array.isArray(v) ? v : [v]).map((z) => String(z)),
  },
  minNodes: count("3"),
  scaleDownDelayMinutes: count("10"),
  nodeStartMinutes: count("3"),
  warmEnvsPerZone: count("2"),
  startLatencyGoalSeconds: count("30"),
  arrivalsPerMinute: count("2"),
  clusterTier: list('["gke-standard"]'),
  fixed: objects("fixed cost", {
    name: text('"app cluster"', true),
    usdPerMonth: count("120"),
    machineType: text('"n2-standard-8"'),
    count: count("3"),
    source: text('"invoice 2026-11"'),
    bootDisk: text('"pd-ssd:100Gi"'),
  }),
  perNodeFees: objects("per-node fee", {
    name: text('"agent"', true),
    usdPerNodeMonth: count("15", true),
    source: text('"vendor price list"', true),
  }),
  envs: objects("env shape", {
    name: text('"small"'),
    env: text('"4cpu16g"', true),
    peak: count("40"),
    normal: count("25"),
    disk: text('"100Gi"'),
  }),
  bootDisk: list('["pd-ssd:512Gi"]'),
  ephemeralReserved: text('"20Gi"'),
  ephemeralLocalSsd: { check: (v) => typeof v === "boolean", forms: "true or false" },
  maxPools: count("2"),
  perZone: { check: (v) => typeof v === "boolean", forms: "true or false" },
  timeLimit: count("10"),
  within: count("2"),
  maxEnvsPerNode: count("8"),
  today: text('"2026-12-04"'),
  // Where a reservation came from, for its error messages (the scenario reader sets it: file, line, key).
  fieldNames: {
    check: (v) => isPlainObject(v) && Object.values(v).every(isString),
    forms: 'a map of reservation field to the name its errors use, e.g. { kubeReservedCpu: "node.kubeReserved.cpu" }',
  },
};

/** The field names of the raw request, in the order of the checks. */
export const rawFieldNames: readonly string[] = Object.keys(fields);

/** Levenshtein distance, for "did you mean" on an unknown field. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length] as number;
}

function unknownField(path: string, key: string, known: readonly string[]): Resolved<never> {
  const near = known.filter((k) => k.toLowerCase() === key.toLowerCase() || distance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = near.length > 0 ? `did you mean ${near.join(" or ")}? ` : "";
  return {
    ok: false,
    error: { field: `${path}${key}`, message: `${path}${key}: unknown field; ${hint}expected one of ${known.join(", ")}` },
  };
}

function checkObject(path: string, value: Record<string, unknown>, specs: Readonly<Record<string, FieldSpec>>): Resolved<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const known = Object.keys(specs);
  for (const key of Object.keys(value)) if (!Object.hasOwn(specs, key)) return unknownField(path, key, known);
  for (const [key, spec] of Object.entries(specs)) {
    const v = value[key];
    const field = `${path}${key}`;
    if (v === undefined) {
      if (spec.required) return { ok: false, error: { field, message: `${field}: required; expected ${spec.forms}` } };
      continue;
    }
    if (!spec.check(v)) return { ok: false, error: { field, message: `${field}: expected ${spec.forms}, got ${describeValue(v)}` } };
    if (spec.items) {
      const items: unknown[] = [];
      for (const [i, item] of (v as unknown[]).entries()) {
        const at = `${field}[${i}]`;
        if (!isPlainObject(item))
          return {
            ok: false,
            error: { field: at, message: `${at}: expected an object with the fields ${Object.keys(spec.items).join(", ")}, got ${describeValue(item)}` },
          };
        const r = checkObject(`${at}.`, item, spec.items);
        if (!r.ok) return r;
        items.push(r.value);
      }
      out[key] = items;
    } else out[key] = spec.normalize ? spec.normalize(v) : v;
  }
  return { ok: true, value: out };
}

/**
 * Check the JavaScript type of every field of raw plan input and return it in the form the resolvers
 * read (one string in a list field becomes a list of one; a zone count becomes a string). Idempotent.
 * @returns the input, or an input error naming the field (`provider`, `standby[0].envs`) and the accepted forms
 */
export function checkRawInput<T>(raw: T): Resolved<T> {
  if (!isPlainObject(raw))
    return {
      ok: false,
      error: { field: "input", message: `input: expected an object of plan inputs, e.g. { peak: 60, env: "4cpu16g" }, got ${describeValue(raw)}` },
    };
  const r = checkObject("", raw, fields);
  return r.ok ? { ok: true, value: r.value as T } : r;
}
