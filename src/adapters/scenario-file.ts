/**
 * Scenario files (`cc-plan --scenario file.yaml`): YAML → {@link Scenario}, whose `input` is the same raw
 * input the CLI flags produce ({@link RawPlanInput}), so the resolver validates both the same way.
 *
 * The format (version 1) is described by `schema/scenario.schema.json`; this hand-written validator
 * agrees with it and gives better messages: exactly one line naming the file, the line and the YAML
 * path, e.g. `scenario seeds.yaml line 7: demand.peak: expected a whole number from 1 to 1000000, got -1`.
 * Never a partial result, never a stack trace. `parseScenarioText` is pure; `readScenarioFile` reads.
 */
import { readFileSync } from "node:fs";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { Provider } from "../catalog/types.js";
import { pricingOptions } from "../core/cost.js";
import type { RawDemandAndCostInput } from "../core/demand-types.js";
import { defaultClusterTier } from "../core/resolve-costing.js";
import type { PlatformId } from "../core/overhead/types.js";
import { defaultPlatform, platforms as platformTable } from "../core/platform.js";
import { defaultRegion, type RawPlanInput } from "../core/resolve-request.js";
import type { RawMixOptions } from "../core/mix-request.js";
import { envShapeForms, parseEnvShape } from "../core/units/env-shape.js";
import { parseCpu, parseMemory, quantityForms } from "../core/units/quantity.js";

/** What `emit:` may ask for (the CLI's `--emit` kinds). */
export const scenarioEmitTargets = ["gcloud", "az", "terraform", "k8s", "karpenter"] as const;
export type ScenarioEmitTarget = (typeof scenarioEmitTargets)[number];

/**
 * Storage classes a scenario may name, per provider. Mirrors catalogs/storage/*.json (and
 * `storageClassProviders` in src/core/resolve-costing.ts; a test keeps the three in step).
 */
export const scenarioStorageClasses = {
  gcp: ["pd-balanced", "pd-ssd", "pd-standard", "pd-balanced-regional", "pd-ssd-regional", "pd-standard-regional"],
  azure: ["Premium_LRS", "StandardSSD_LRS", "Standard_LRS"],
} as const satisfies Partial<Record<Provider, readonly string[]>>;

/** Cluster tiers per provider (`none` drops the management-fee line). */
export const scenarioClusterTiers = {
  gcp: ["gke-standard", "none"],
  azure: ["aks-free", "aks-standard", "aks-premium", "none"],
  aws: ["eks-standard", "none"],
} as const satisfies Record<Provider, readonly string[]>;

/** Everything a scenario says, as the raw input the resolver takes. */
export type ScenarioInput = RawPlanInput & RawDemandAndCostInput & RawMixOptions;

/** A parsed scenario file. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly input: ScenarioInput;
  /** Settings to print (`--emit`), when the file asks for any. */
  readonly emit?: readonly ScenarioEmitTarget[];
}

/** Why a scenario was rejected: the YAML path (`""` for the file as a whole) and one line for the user. */
export interface ScenarioError {
  readonly path: string;
  /** `scenario <file>[ line N]: <path>: <what is wrong and what is expected>`, one line. */
  readonly message: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

export type ScenarioResult = { ok: true; value: Scenario } | { ok: false; error: ScenarioError };

/** Largest scenario file read; real ones are a few KiB. */
export const maxScenarioBytes = 1024 * 1024;

// ── YAML → a small tree that keeps each node's line and source text ────────────────────────────────

type YNode =
  | { readonly kind: "map"; readonly line?: number; readonly entries: ReadonlyMap<string, { keyLine?: number; node: YNode }> }
  | { readonly kind: "seq"; readonly line?: number; readonly items: readonly YNode[] }
  | { readonly kind: "scalar"; readonly line?: number; readonly value: unknown; readonly text: string };

/** A user mistake; thrown inside this module only and always caught by {@link parseScenarioText}. */
class Rejection {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly line: number | undefined,
    /** The path shown in the message when it differs from `path` (an unknown key is reported on its mapping). */
    readonly shownPath: string,
  ) {}
}
const reject = (path: string, text: string, line?: number, shownPath = path): never => {
  throw new Rejection(path, text, line, shownPath);
};

const maxDepth = 64;
const maxNodes = 100_000;

function buildTree(doc: Document, lines: LineCounter): YNode {
  let budget = maxNodes;
  const lineOf = (n: unknown): number | undefined => {
    const r = (n as { range?: readonly number[] } | null)?.range;
    return r && typeof r[0] === "number" ? lines.linePos(r[0]).line : undefined;
  };
  const walk = (n: unknown, path: string, depth: number, fallbackLine?: number): YNode => {
    if (--budget < 0 || depth > maxDepth) return reject(path, "the file is nested too deeply or uses too many aliases", fallbackLine);
    if (n === null || n === undefined) return { kind: "scalar", value: null, text: "", ...(fallbackLine ? { line: fallbackLine } : {}) };
    const line = lineOf(n) ?? fallbackLine;
    const at = line === undefined ? {} : { line };
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (target === undefined) return reject(path, `unknown alias *${n.source}`, line);
      return walk(target, path, depth + 1, line);
    }
    if (isScalar(n)) {
      const v = n.value;
      if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        return reject(path, "unsupported YAML value; use plain text, numbers, lists and key: value mappings", line);
      const text = typeof n.source === "string" ? n.source : String(v);
      return { kind: "scalar", value: v, text: typeof v === "string" ? JSON.stringify(v) : text, ...at };
    }
    if (isSeq(n)) return { kind: "seq", items: n.items.map((x, i) => walk(isPair(x) ? { items: [x] } : x, `${path}[${i}]`, depth + 1, line)), ...at };
    const items = isMap(n) ? n.items : (n as { items?: unknown }).items;
    if (!Array.isArray(items)) return reject(path, "unsupported YAML node", line);
    const entries = new Map<string, { keyLine?: number; node: YNode }>();
    for (const p of items) {
      if (!isPair(p)) return reject(path, "unsupported YAML node", line);
      const k = p.key;
      const keyLine = lineOf(k) ?? line;
      const key = isScalar(k) && (typeof k.value === "string" || typeof k.value === "number" || typeof k.value === "boolean") ? String(k.value) : undefined;
      if (key === undefined) return reject(path, "expected plain key names (key: value)", keyLine);
      const childPath = join(path, key);
      entries.set(key, { ...(keyLine === undefined ? {} : { keyLine }), node: walk(p.value, childPath, depth + 1, keyLine) });
    }
    return { kind: "map", entries, ...at };
  };
  return walk(doc.contents, "", 0);
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

// ── Checks: each returns the value or rejects with the path, the line and one sentence ─────────────

const show = (n: YNode): string => {
  if (n.kind === "map") return "a mapping";
  if (n.kind === "seq") return `a list of ${n.items.length}`;
  if (n.value === null) return "nothing";
  const t = n.text.replace(/\s+/g, " ");
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
};
const got = (n: YNode): string => `, got ${show(n)}`;
const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

type Fields = ReadonlyMap<string, { keyLine?: number; node: YNode }>;

/** A mapping with only `allowed` keys and all `required` ones. */
function mapping(n: YNode, path: string, allowed: readonly string[], required: readonly string[] = [], hint = ""): Fields {
  if (n.kind !== "map") return reject(path, `expected a mapping (key: value lines)${hint ? ` such as ${hint}` : ""}${got(n)}`, n.line);
  for (const [key, { keyLine }] of n.entries) {
    if (allowed.includes(key)) continue;
    const near = allowed.find((a) => editDistance(a.toLowerCase(), key.toLowerCase()) <= 2);
    const where = path === "" ? " at the top level" : "";
    reject(join(path, key), `unknown key ${quote(key)}${where}${near ? ` (did you mean "${near}"?)` : ""}; expected one of ${allowed.join(", ")}`, keyLine, path);
  }
  for (const key of required) if (!n.entries.has(key)) reject(join(path, key), requiredText(join(path, key)), n.line);
  return n.entries;
}
/** "required", with a hint for the top-level keys and for sources. */
function requiredText(path: string): string {
  const hints: Record<string, string> = {
    version: "version: 1",
    name: "a name such as seeds-60-envs (lower-case letters, digits and -)",
    env: `the env shape, ${envShapeForms}`,
    demand: "peak (or users and envsPerUser, or an hourly profile)",
  };
  const hint = hints[path] ?? (path.endsWith(".source") ? "where the number comes from" : path.endsWith(".name") ? "a name for this item" : undefined);
  return hint ? `required: ${hint}` : "required";
}

function text(n: YNode, path: string, what = "text"): string {
  if (n.kind !== "scalar" || typeof n.value !== "string" || n.value.trim() === "") return reject(path, `expected ${what}${got(n)}`, n.line);
  return n.value.trim();
}
function oneOf<T extends string>(n: YNode, path: string, options: readonly T[], what: string): T {
  const v = n.kind === "scalar" && typeof n.value === "string" ? n.value : undefined;
  if (v !== undefined && options.includes(v as T)) return v as T;
  const expected = `expected one of ${options.join(", ")}`;
  return reject(path, v === undefined ? `${expected}${got(n)}` : `unknown ${what} ${quote(v)}; ${expected}`, n.line);
}
interface Range {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly exclusiveMin?: boolean;
}
function number(n: YNode, path: string, r: Range): number {
  const v = n.kind === "scalar" ? n.value : undefined;
  const ok = typeof v === "number" && Number.isFinite(v) && (!r.integer || Number.isSafeInteger(v)) && (r.exclusiveMin ? v > r.min : v >= r.min) && v <= r.max;
  if (ok) return v;
  const kind = r.integer ? "a whole number" : "a number";
  const range = r.exclusiveMin ? `greater than ${r.min} and at most ${r.max}` : `from ${r.min} to ${r.max}`;
  const quoted = n.kind === "scalar" && typeof v === "string" && /^[+-]?\d+(\.\d+)?$/.test(v.trim()) ? " (write numbers without quotes)" : "";
  return reject(path, `expected ${kind} ${range}${got(n)}${quoted}`, n.line);
}
function list(n: YNode, path: string, what: string): readonly YNode[] {
  if (n.kind !== "seq" || n.items.length === 0) return reject(path, `expected a list of ${what}${got(n)}`, n.line);
  return n.items;
}
function uniqueTexts<T extends string>(items: readonly YNode[], path: string, each: (n: YNode, p: string) => T): T[] {
  const out: T[] = [];
  items.forEach((n, i) => {
    const v = each(n, `${path}[${i}]`);
    if (out.includes(v)) reject(`${path}[${i}]`, `${quote(v)} is listed twice`, n.line);
    out.push(v);
  });
  return out;
}
function quantity(n: YNode, path: string, example: string): string {
  if (n.kind === "scalar" && typeof n.value === "number")
    return reject(path, `expected a size with a unit such as ${example} (a bare number would be bytes)${got(n)}`, n.line);
  const t = text(n, path, `a size such as ${example}`);
  const r = parseMemory(t);
  if (!r.ok) {
    const unitHint = /\d\s*[kmgtpe]i?b$/i.test(t) ? `; write ${t.replace(/i?b$/i, "i")} for binary units or ${t.replace(/i?b$/i, "").replace(/\s+$/, "")} for decimal ones` : "";
    return reject(path, `${r.reason}${unitHint}`, n.line);
  }
  if (r.value === 0) return reject(path, `expected a size greater than 0 such as ${example}${got(n)}`, n.line);
  return t;
}
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
function timeOfDay(n: YNode, path: string, example: string): string {
  if (n.kind === "scalar" && typeof n.value === "string" && hhmm.test(n.value)) return n.value;
  const asNumber = n.kind === "scalar" && typeof n.value === "number" ? " (read as a number; write the time in quotes)" : "";
  return reject(path, `expected a time of day "HH:MM" from 00:00 to 23:59 such as "${example}"${got(n)}${asNumber}`, n.line);
}
const daySets = ["weekdays", "weekends", "all"] as const;

// ── The format ──────────────────────────────────────────────────────────────────────────────────────

const providerIds: readonly Provider[] = ["gcp", "azure", "aws"];
const topKeys = [
  "version", "name", "description", "providers", "regions", "platforms", "zones", "env", "machines", "maxPods",
  "node", "demand", "storage", "pricing", "autoscaler", "cluster", "fixed", "perNodeFees", "emit", "envs", "packing",
];
const maxEnvs = 1_000_000;

/** Keys of a per-provider mapping; with `providers` given, each key must be one of them. */
function perProvider(n: YNode, path: string, planned: readonly Provider[] | undefined, keys: readonly Provider[], hint: string): [Provider, YNode][] {
  const f = mapping(n, path, keys, [], hint);
  const out: [Provider, YNode][] = [];
  for (const p of planned ?? providerIds) {
    const e = f.get(p);
    if (e) out.push([p, e.node]);
  }
  for (const [p, e] of f)
    if (planned && !planned.includes(p as Provider)) reject(join(path, p), `${p} is not in providers (${planned.join(", ")})`, e.keyLine);
  return out;
}

function parseDemand(n: YNode, env: string, out: Record<string, unknown>): void {
  const keys = ["peak", "normal", "users", "envsPerUser", "concurrency", "profile", "standby", "warmups"];
  const f = mapping(n, "demand", keys);
  const node = (k: string): YNode | undefined => f.get(k)?.node;
  const peak = node("peak");
  if (!peak && !node("users") && !node("profile"))
    reject("demand.peak", "required: peak (concurrent envs at peak), or users with envsPerUser, or an hourly profile", n.line);
  if (peak) out.peak = number(peak, "demand.peak", { min: 1, max: maxEnvs, integer: true });
  const normal = node("normal");
  if (normal) {
    out.normal = number(normal, "demand.normal", { min: 0, max: maxEnvs, integer: true });
    if (typeof out.peak === "number" && (out.normal as number) > out.peak)
      reject("demand.normal", `normal (${String(out.normal)}) exceeds peak (${out.peak}); normal concurrency must be ≤ peak`, normal.line);
  }
  const users = node("users");
  if (users) out.users = number(users, "demand.users", { min: 1, max: maxEnvs, integer: true });
  const perUser = node("envsPerUser");
  if (perUser) {
    if (!users) reject("demand.envsPerUser", "needs users (envs that exist = users × envsPerUser)", perUser.line);
    out.envsPerUser = number(perUser, "demand.envsPerUser", { min: 1, max: 1000, integer: true });
  }
  const conc = node("concurrency");
  if (conc) {
    if (!users || peak) reject("demand.concurrency", "applies only with users and no peak (peak = ⌈users × envsPerUser × concurrency⌉)", conc.line);
    out.concurrency = number(conc, "demand.concurrency", { min: 0, max: 1, exclusiveMin: true });
  }
  const profile = node("profile");
  if (profile) {
    const pf = mapping(profile, "demand.profile", ["weekday", "weekend"], ["weekday", "weekend"], "{ weekday: [24 values], weekend: [24 values] }");
    const series = (key: "weekday" | "weekend"): number[] => {
      const s = pf.get(key)?.node as YNode;
      const path = `demand.profile.${key}`;
      if (s.kind !== "seq" || s.items.length !== 24)
        return reject(path, s.kind === "seq" ? `expected 24 values (hours 00–23), got ${s.items.length}` : `expected a list of 24 values (hours 00–23)${got(s)}`, s.line);
      return s.items.map((x, i) => number(x, `${path}[${i}]`, { min: 0, max: maxEnvs, integer: true }));
    };
    out.profile = { weekday: series("weekday"), weekend: series("weekend") };
  }
  const standby = node("standby");
  if (standby)
    out.standby = named(list(standby, "demand.standby", "standby pools such as { envs: 5, from: \"08:00\", to: \"18:00\", days: weekdays }"), "demand.standby", (f, p, line) => {
      const r: Record<string, unknown> = {
        envs: number(field(f, "envs", p, line), `${p}.envs`, { min: 1, max: maxEnvs, integer: true }),
        from: timeOfDay(field(f, "from", p, line), `${p}.from`, "08:00"),
        to: timeOfDay(field(f, "to", p, line), `${p}.to`, "18:00"),
      };
      if (r.from === r.to) reject(`${p}.to`, `equals from (${String(r.from)}); give a window such as 08:00 to 18:00`, f.get("to")?.node.line);
      const days = f.get("days");
      if (days) r.days = oneOf(days.node, `${p}.days`, daySets, "day set");
      return r;
    }, ["envs", "from", "to", "days"]);
  const warmups = node("warmups");
  if (warmups)
    out.warmups = named(list(warmups, "demand.warmups", "warm-ups such as { envs: 10, at: \"03:00\", durationMinutes: 30 }"), "demand.warmups", (f, p, line) => {
      const r: Record<string, unknown> = {
        envs: number(field(f, "envs", p, line), `${p}.envs`, { min: 1, max: maxEnvs, integer: true }),
        at: timeOfDay(field(f, "at", p, line), `${p}.at`, "03:00"),
        durationMinutes: number(field(f, "durationMinutes", p, line), `${p}.durationMinutes`, { min: 1, max: 1440, integer: true }),
      };
      const days = f.get("days");
      if (days) r.days = oneOf(days.node, `${p}.days`, daySets, "day set");
      const we = f.get("env");
      if (we) {
        const t = text(we.node, `${p}.env`, "an env shape");
        const s = parseEnvShape(t);
        if (!s.ok) reject(`${p}.env`, s.reason, we.node.line);
        const main = parseEnvShape(env);
        if (s.ok && main.ok && (s.value.cpuMillicores !== main.value.cpuMillicores || s.value.memoryBytes !== main.value.memoryBytes))
          reject(`${p}.env`, `${quote(t)} differs from env (${env}); warm-ups use the plan's env shape in this version`, we.node.line);
        r.env = t;
      }
      const snap = f.get("snapshot");
      if (snap) r.snapshot = quantity(snap.node, `${p}.snapshot`, "20Gi");
      return r;
    }, ["envs", "at", "durationMinutes", "days", "env", "snapshot"]);
}

/** `envs:` — a mix of shapes, each `{ name?, env, peak, normal?, disk? }`. */
function parseEnvs(n: YNode): unknown[] {
  const items = list(n, "envs", "env shapes such as [{ name: medium, env: 4cpu16g, peak: 40, normal: 20 }]");
  if (items.length === 0) reject("envs", "expected at least one env shape, such as { env: 4cpu16g, peak: 40 }", n.line);
  if (items.length > 12) reject("envs", `${items.length} shapes; at most 12 per plan`, n.line);
  return named(items, "envs", (f, p, line) => {
    const e = text(field(f, "env", p, line), `${p}.env`, "an env shape such as 4cpu16g");
    const sh = parseEnvShape(e);
    if (!sh.ok) reject(`${p}.env`, sh.reason, f.get("env")?.node.line);
    const r: Record<string, unknown> = { env: e, peak: number(field(f, "peak", p, line), `${p}.peak`, { min: 1, max: maxEnvs, integer: true }) };
    const normal = f.get("normal")?.node;
    if (normal) {
      r.normal = number(normal, `${p}.normal`, { min: 0, max: maxEnvs, integer: true });
      if ((r.normal as number) > (r.peak as number)) reject(`${p}.normal`, `normal (${String(r.normal)}) exceeds peak (${String(r.peak)}); normal concurrency must be ≤ peak`, normal.line);
    }
    const disk = f.get("disk")?.node;
    if (disk) r.disk = quantity(disk, `${p}.disk`, "100Gi");
    return r;
  }, ["env", "peak", "normal", "disk"]);
}

function field(f: Fields, key: string, path: string, line?: number): YNode {
  return f.get(key)?.node ?? reject(join(path, key), requiredText(join(path, key)), line);
}

/** A list of mappings with an optional (but unique) `name`. */
function named<T>(items: readonly YNode[], path: string, each: (f: Fields, p: string, line?: number) => T, keys: readonly string[], required: readonly string[] = []): T[] {
  const names: string[] = [];
  return items.map((item, i) => {
    const p = `${path}[${i}]`;
    const f = mapping(item, p, ["name", ...keys], required);
    const nameNode = f.get("name")?.node;
    const r = each(f, p, item.line) as Record<string, unknown>;
    if (!nameNode) return r as T;
    const name = text(nameNode, `${p}.name`, "a name");
    if (names.includes(name)) reject(`${p}.name`, `${quote(name)} is used twice in ${path}`, nameNode.line);
    names.push(name);
    return { name, ...r } as T;
  });
}

function parseFixed(n: YNode): unknown[] {
  return named(list(n, "fixed", "fixed cost lines such as { name: app-cluster, machineType: n2-standard-4, count: 4 }"), "fixed", (f, p, line) => {
    const usd = f.get("usdPerMonth");
    const machine = f.get("machineType");
    if (usd && machine) reject(p, "give either usdPerMonth (with source) or machineType (with count), not both", line);
    if (usd) {
      if (f.has("count")) reject(`${p}.count`, "applies only with machineType", f.get("count")?.keyLine);
      const v = number(usd.node, `${p}.usdPerMonth`, { min: 0, max: 1e9 });
      const src = f.get("source") ?? reject(`${p}.source`, "required: usdPerMonth needs a source (where the number comes from)", usd.keyLine);
      return { usdPerMonth: v, source: text(src.node, `${p}.source`, "where the number comes from") };
    }
    if (!machine) return reject(p, "give usdPerMonth with a source, or machineType with count", line);
    const r: Record<string, unknown> = { machineType: text(machine.node, `${p}.machineType`, "a machine type such as n2-standard-4") };
    const count = f.get("count");
    if (count) r.count = number(count.node, `${p}.count`, { min: 1, max: 100_000, integer: true });
    const src = f.get("source");
    if (src) r.source = text(src.node, `${p}.source`, "where the number comes from");
    return r;
  }, ["usdPerMonth", "source", "machineType", "count"], ["name"]);
}

function parseNode(n: YNode, out: Record<string, unknown>): void {
  const f = mapping(n, "node", ["daemonsetOverhead", "kubeReserved", "systemReserved", "evictionHardMemory"]);
  const ds = f.get("daemonsetOverhead")?.node;
  if (ds) {
    if (ds.kind === "scalar" && ds.value === "none") out.daemonsetOverhead = "none";
    else {
      const d = mapping(ds, "node.daemonsetOverhead", ["cpu", "memory", "pods"], [], "{ cpu: 400m, memory: 700Mi, pods: 9 } or none");
      const parts: string[] = [];
      const cpu = d.get("cpu")?.node;
      if (cpu) parts.push(`cpu=${cpuQuantity(cpu, "node.daemonsetOverhead.cpu", false)}`);
      const mem = d.get("memory")?.node;
      if (mem) parts.push(`memory=${quantity(mem, "node.daemonsetOverhead.memory", "700Mi")}`);
      const pods = d.get("pods")?.node;
      if (pods) parts.push(`pods=${number(pods, "node.daemonsetOverhead.pods", { min: 0, max: 1000, integer: true })}`);
      out.daemonsetOverhead = parts.length > 0 ? parts.join(",") : "none";
    }
  }
  for (const part of ["kubeReserved", "systemReserved"] as const) {
    const r = f.get(part)?.node;
    if (!r) continue;
    const rf = mapping(r, `node.${part}`, ["cpu", "memory"], [], "{ cpu: 140m, memory: \"11 * maxPods + 255\" }");
    const cpu = rf.get("cpu")?.node;
    if (cpu) out[`${part}Cpu`] = cpuQuantity(cpu, `node.${part}.cpu`, true);
    const mem = rf.get("memory")?.node;
    if (mem) out[`${part}Memory`] = memoryOrExpression(mem, `node.${part}.memory`);
  }
  const ev = f.get("evictionHardMemory")?.node;
  if (ev) out.evictionHardMemory = quantity(ev, "node.evictionHardMemory", "100Mi");
}
const expressionLike = /[a-zA-Z_]\w*\s*[(+\-*/^]|\b(vcpus|memoryMiB|maxPods)\b/;
function cpuQuantity(n: YNode, path: string, expressions: boolean): string {
  const t = n.kind === "scalar" && typeof n.value === "number" ? n.text : text(n, path, "a CPU quantity such as 140m");
  if (parseCpu(t).ok || (expressions && expressionLike.test(t))) return t;
  return reject(path, `${quote(t)} is not ${quantityForms}${expressions ? ", nor an expression of vcpus, memoryMiB and maxPods giving millicores" : ""}`, n.line);
}
function memoryOrExpression(n: YNode, path: string): string {
  if (n.kind === "scalar" && typeof n.value === "string" && !parseMemory(n.value).ok && expressionLike.test(n.value)) return n.value.trim();
  return quantity(n, path, "1Gi");
}

function parseRoot(root: YNode): Scenario {
  const f = mapping(root, "", topKeys, ["version"], "version: 1, name, env and demand");
  const get = (k: string): YNode | undefined => f.get(k)?.node;
  const version = get("version") as YNode;
  if (!(version.kind === "scalar" && version.value === 1)) reject("version", `expected 1 (the only scenario format so far)${got(version)}`, version.line);
  // One shape (env + demand) or a mix (envs, each with its own peak and normal).
  const mix = f.has("envs");
  if (mix && f.has("env")) reject("env", "give env (one shape, with demand) or envs (several shapes, each with its peak), not both", f.get("env")?.keyLine);
  if (mix && f.has("demand")) reject("demand", "applies to one env shape; with envs give each its peak and normal (envs[i].peak, envs[i].normal)", f.get("demand")?.keyLine);
  if (!mix && f.has("packing")) reject("packing", "applies to a mix of env shapes (envs:); with one shape the packing is exact in closed form", f.get("packing")?.keyLine);
  mapping(root, "", topKeys, mix ? ["name"] : ["name", "env", "demand"]);
  const name = text(get("name") as YNode, "name", "a name such as seeds-60-envs");
  if (!/^[a-z0-9-]+$/.test(name) || name.length > 100)
    reject("name", `expected lower-case letters, digits and - (at most 100), such as seeds-60-envs, got ${quote(name)}`, get("name")?.line);
  const out: Record<string, unknown> = {};
  const scenario: { name: string; description?: string; emit?: ScenarioEmitTarget[] } = { name };
  const desc = get("description");
  if (desc) scenario.description = text(desc, "description", "free text");

  const env = mix ? "" : text(get("env") as YNode, "env", "an env shape such as 4cpu16g");
  if (!mix) {
    const shape = parseEnvShape(env);
    if (!shape.ok) reject("env", shape.reason, get("env")?.line);
    out.env = env;
  } else {
    out.envs = parseEnvs(get("envs") as YNode);
    const packing = get("packing");
    if (packing) {
      const pf = mapping(packing, "packing", ["maxPools", "perZone", "timeLimitSeconds"]);
      const mp = pf.get("maxPools")?.node;
      if (mp) out.maxPools = number(mp, "packing.maxPools", { min: 1, max: 20, integer: true });
      const pz = pf.get("perZone")?.node;
      if (pz) {
        if (!(pz.kind === "scalar" && typeof pz.value === "boolean")) reject("packing.perZone", `expected true or false${got(pz)}`, pz.line);
        out.perZone = pz.kind === "scalar" && pz.value === true;
      }
      const tl = pf.get("timeLimitSeconds")?.node;
      if (tl) out.timeLimit = number(tl, "packing.timeLimitSeconds", { min: 0, max: 600 });
    }
  }

  let planned: Provider[] | undefined;
  const provs = get("providers");
  if (provs) planned = uniqueTexts(list(provs, "providers", "providers such as [gcp, azure]"), "providers", (x, p) => oneOf(x, p, providerIds, "provider"));
  if (planned) out.provider = planned;

  const regionBy: Partial<Record<Provider, string>> = {};
  const regions = get("regions");
  if (regions) {
    for (const [p, x] of perProvider(regions, "regions", planned, providerIds, "{ gcp: us-central1, azure: eastus }")) {
      const r = text(x, `regions.${p}`, "a region name such as us-central1 or eastus");
      if (!/^[a-z][a-z0-9-]*$/.test(r)) reject(`regions.${p}`, `expected a region name such as us-central1 or eastus, got ${quote(r)}`, x.line);
      regionBy[p] = r;
    }
    out.region = Object.values(regionBy);
  }

  const plats = get("platforms");
  if (plats) {
    const chosen = perProvider(plats, "platforms", planned, providerIds, "{ gcp: gke, azure: aks }").map(([p, x]) => {
      const allowed = (Object.keys(platformTable) as PlatformId[]).filter((id) => platformTable[id].providers.includes(p));
      return [p, oneOf(x, `platforms.${p}`, allowed, `platform for ${p}`), x.line] as const;
    });
    const nonDefault = chosen.find(([p, id]) => id !== defaultPlatform[p]);
    if (nonDefault) {
      if (!planned) reject(`platforms.${nonDefault[0]}`, `${nonDefault[1]} is not ${nonDefault[0]}'s default; list providers too (e.g. providers: [${nonDefault[0]}]) so the scenario says which providers it applies to`, nonDefault[2]);
      const effective = (planned ?? []).map((p) => chosen.find(([q]) => q === p)?.[1] ?? defaultPlatform[p]);
      if (new Set(effective).size > 1)
        reject("platforms", `${(planned ?? []).map((p, i) => `${p} ${effective[i]}`).join(" and ")} differ; per-provider platforms come later: plan one provider per scenario, or give every provider the same platform (flat, custom)`, plats.line);
      out.platform = effective[0];
    }
  }

  const zones = get("zones");
  if (zones) {
    if (zones.kind === "scalar") out.zones = [String(number(zones, "zones", { min: 1, max: 10, integer: true }))];
    else {
      const gcpRegion = regionBy.gcp ?? defaultRegion.gcp;
      out.zones = perProvider(zones, "zones", planned, ["gcp", "azure"], "3, or { gcp: [us-central1-a, us-central1-b], azure: [1, 2, 3] }").map(([p, x]) => {
        const items = list(x, `zones.${p}`, p === "gcp" ? `zone names such as [${gcpRegion}-a, ${gcpRegion}-b]` : "zone numbers such as [1, 2, 3]");
        return uniqueTexts(items, `zones.${p}`, (z, zp) => {
          if (p === "azure") return String(z.kind === "scalar" && typeof z.value === "string" && /^[1-3]$/.test(z.value) ? z.value : number(z, zp, { min: 1, max: 3, integer: true }));
          const t = text(z, zp, `a zone name such as ${gcpRegion}-a`);
          if (!(t.startsWith(`${gcpRegion}-`) && /^[a-z]$/.test(t.slice(gcpRegion.length + 1)))) reject(zp, `expected a zone of ${gcpRegion} such as ${gcpRegion}-a, got ${quote(t)}`, z.line);
          return t;
        }).join(",");
      });
    }
  }

  const machines = get("machines");
  if (machines) out.machine = uniqueTexts(list(machines, "machines", "machine types such as [n2-standard-32, Standard_D64s_v3]"), "machines", (x, p) => text(x, p, "a machine type such as n2-standard-32"));
  const maxPods = get("maxPods");
  if (maxPods) out.maxPods = number(maxPods, "maxPods", { min: 1, max: 1000, integer: true });
  const node = get("node");
  if (node) parseNode(node, out);
  if (!mix) parseDemand(get("demand") as YNode, env, out);

  const storage = get("storage");
  if (storage) {
    const sf = mapping(storage, "storage", ["disk", "class"]);
    const disk = sf.get("disk")?.node;
    if (disk) out.disk = quantity(disk, "storage.disk", "100Gi");
    const cls = sf.get("class")?.node;
    if (cls)
      out.storageClass = perProvider(cls, "storage.class", planned, ["gcp", "azure"], "{ gcp: pd-balanced, azure: StandardSSD_LRS }").map(([p, x]) =>
        oneOf(x, `storage.class.${p}`, scenarioStorageClasses[p as "gcp" | "azure"], "storage class"),
      );
  }
  const pricing = get("pricing");
  if (pricing) out.pricing = oneOf(pricing, "pricing", pricingOptions, "pricing option");

  const auto = get("autoscaler");
  if (auto) {
    const ranges: Record<string, Range> = {
      minNodes: { min: 0, max: 100_000, integer: true },
      scaleDownDelayMinutes: { min: 0, max: 1440, integer: true },
      nodeStartMinutes: { min: 0, max: 60 },
      warmEnvsPerZone: { min: 0, max: 100_000, integer: true },
      startLatencyGoalSeconds: { min: 0, max: 3600 },
      arrivalsPerMinute: { min: 0, max: 100_000 },
    };
    for (const [k, { node: x }] of mapping(auto, "autoscaler", Object.keys(ranges))) out[k] = number(x, `autoscaler.${k}`, ranges[k] as Range);
  }
  const cluster = get("cluster");
  if (cluster) {
    const tier = mapping(cluster, "cluster", ["tier"]).get("tier")?.node;
    if (tier) {
      const given = perProvider(tier, "cluster.tier", planned, providerIds, "{ gcp: gke-standard, azure: aks-standard }").map(
        ([p, x]) => [p, oneOf(x, `cluster.tier.${p}`, scenarioClusterTiers[p], `cluster tier for ${p}`)] as const,
      );
      // The resolver reads a bare "none" as "no fee for any provider"; so put it first and name every
      // other provider's tier after it, which keeps the per-provider meaning exact.
      if (given.some(([, t]) => t === "none"))
        out.clusterTier = ["none", ...(planned ?? providerIds).map((p) => given.find(([q]) => q === p)?.[1] ?? defaultClusterTier[p]).filter((t) => t !== "none")];
      else out.clusterTier = given.map(([, t]) => t);
    }
  }
  const fixed = get("fixed");
  if (fixed) out.fixed = parseFixed(fixed);
  const fees = get("perNodeFees");
  if (fees)
    out.perNodeFees = named(list(fees, "perNodeFees", "fees such as { name: agent, usdPerNodeMonth: 15, source: ... }"), "perNodeFees", (ff, p) => ({
      usdPerNodeMonth: number(field(ff, "usdPerNodeMonth", p, fees.line), `${p}.usdPerNodeMonth`, { min: 0, max: 1e6 }),
      source: text(field(ff, "source", p, fees.line), `${p}.source`, "where the number comes from"),
    }), ["usdPerNodeMonth", "source"], ["name"]);
  const emit = get("emit");
  if (emit) scenario.emit = uniqueTexts(list(emit, "emit", `settings kinds (${scenarioEmitTargets.join(", ")}) such as [gcloud, az]`), "emit", (x, p) => oneOf(x, p, scenarioEmitTargets, "emit kind"));
  return { ...scenario, input: out as ScenarioInput };
}

// ── Entry points ────────────────────────────────────────────────────────────────────────────────────

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

function failure(fileName: string, path: string, text: string, line?: number, shownPath = path): { ok: false; error: ScenarioError } {
  const where = line === undefined ? "" : ` line ${line}`;
  const message = oneLine(`scenario ${fileName}${where}: ${shownPath === "" ? "" : `${shownPath}: `}${text}`);
  return { ok: false, error: { path, message, ...(line === undefined ? {} : { line }) } };
}

/** The YAML path of the mapping key that starts at `offset` (to name a duplicate key). */
function pathOfKeyAt(n: unknown, offset: number, path: string, depth: number): string | undefined {
  if (depth > maxDepth) return undefined;
  if (isSeq(n)) {
    for (const [i, x] of n.items.entries()) {
      const r = pathOfKeyAt(x, offset, `${path}[${i}]`, depth + 1);
      if (r !== undefined) return r;
    }
  } else if (isMap(n)) {
    for (const p of n.items) {
      const key = isScalar(p.key) ? String(p.key.value) : "?";
      if (isScalar(p.key) && p.key.range?.[0] === offset) return join(path, key);
      const r = pathOfKeyAt(p.value, offset, join(path, key), depth + 1);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/** Parse and validate a scenario's YAML text. Pure; `fileName` is only used in messages. */
export function parseScenarioText(text: string, fileName: string): ScenarioResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { uniqueKeys: true, lineCounter: lines, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = lines.linePos(problem.pos[0]).line;
    if (problem.code === "DUPLICATE_KEY") {
      const path = pathOfKeyAt(doc.contents, problem.pos[0], "", 0);
      const key = path?.split(".").pop() ?? text.slice(problem.pos[0], problem.pos[1]).trim();
      const parent = path?.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
      return failure(fileName, path ?? "", `duplicate key ${quote(key)}${parent ? "" : " at the top level"}; each key may appear once in a mapping`, line, parent);
    }
    const what = problem.code === "TAG_RESOLVE_FAILED" ? "unsupported YAML tag" : "YAML syntax error";
    return failure(fileName, "", `${what}: ${oneLine(problem.message).replace(/ at line \d+, column \d+.*$/, "")}`, line);
  }
  try {
    const root = buildTree(doc, lines);
    if (root.kind === "scalar" && root.value === null) return failure(fileName, "", "the file is empty; expected a mapping with version: 1, name, env and demand");
    return { ok: true, value: parseRoot(root) };
  } catch (e) {
    if (e instanceof Rejection) return failure(fileName, e.path, e.text, e.line, e.shownPath);
    throw e;
  }
}

/** Read and parse a scenario file; an unreadable file is an error result too. */
export function readScenarioFile(path: string): ScenarioResult {
  let text: string;
  try {
    const buf = readFileSync(path);
    if (buf.length > maxScenarioBytes) return failure(path, "", `the file is larger than ${maxScenarioBytes / 1024 / 1024} MiB; a scenario is a small YAML file`);
    text = buf.toString("utf8");
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" || code === "EPERM" ? "permission denied" : `cannot be read${typeof code === "string" ? ` (${code})` : ""}`;
    return failure(path, "", why);
  }
  return parseScenarioText(text, path);
}
