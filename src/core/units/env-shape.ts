/**
 * Environment shape: the CPU and memory one dev environment requests.
 *
 * Accepted forms (README "Usage"):
 * - shorthand `<cpu>(cpu|c|vcpu)<mem>(g|gb|gi|gib)`: `4cpu16g`, `4c16g`, `0.5cpu2g`, `2cpu8gi`.
 *   `g` means GiB, as in the CodeCanvas guides' "16GB" for a 16 GiB VM. `<mem>(m|mb|mi|mib)` means MiB.
 * - Kubernetes style `cpu=<quantity>,memory=<quantity>[,ephemeral-storage=<quantity>]`: `cpu=500m,memory=1536Mi`.
 * - either form followed by `@eph=<quantity>` (issue 16): the env's `ephemeral-storage` request, e.g.
 *   `4cpu16g@eph=30Gi` — node-local storage (emptyDir, writable layers, logs) that the scheduler counts
 *   against the node's allocatable ephemeral storage.
 * Each environment is one pod with one persistent volume (README, "One planner").
 */
import { type Bytes, bytes, bytesInGiB, bytesInMiB, type Millicores } from "./brands.js";
import { notText, type ParseResult, parseCpu, parseMemory } from "./quantity.js";

/** Requests of one environment. */
export interface EnvShape {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
  /** Pods per environment (always 1: one worker pod). */
  readonly pods: 1;
  /** Block volumes per environment (always 1: one PVC). */
  readonly volumes: 1;
  /** The pod's `ephemeral-storage` request in bytes; 0 when the env asks for none (the dimension then never binds). */
  readonly ephemeralStorageBytes: number;
}

/** Accepted forms, shown in every error message about an env shape. */
export const envShapeForms = "<cpu>cpu<memory>g such as 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB, or m = MiB), or cpu=4,memory=16Gi";

/** The same, with the ephemeral-storage suffix (issue 16), for messages about that suffix. */
export const envShapeFormsWithEphemeral = `${envShapeForms}, optionally followed by @eph=<size> (ephemeral storage, e.g. 4cpu16g@eph=30Gi)`;

/** The ephemeral-storage suffix of an env shape: `@eph=30Gi` or `@ephemeral-storage=30Gi`. */
const ephSuffix = /@(?:eph|ephemeral|ephemeral-storage)=([^@]*)$/i;

/** Whether one `@…` part of an `--env` value is the ephemeral-storage request (not a persistent disk size). */
export const isEphemeralPart = (part: string): boolean => /^(?:eph|ephemeral|ephemeral-storage)=/i.test(part.trim());

const shorthand = /^(\d+(?:\.\d+)?|\.\d+)(?:cpu|vcpu|c)(\d+(?:\.\d+)?|\.\d+)(g|gb|gi|gib|m|mb|mi|mib)$/i;

/** Parse an env shape. */
export function parseEnvShape(text: string): ParseResult<EnvShape> {
  if (typeof text !== "string") return notText(text, envShapeForms);
  let t = text.trim();
  const bad: ParseResult<EnvShape> = { ok: false, reason: `"${text}" is not ${envShapeForms}` };
  let ephText: string | undefined;
  const suffix = ephSuffix.exec(t);
  if (suffix) {
    ephText = (suffix[1] ?? "").trim();
    t = t.slice(0, suffix.index).trim();
  }
  const s = shorthand.exec(t);
  let cpu: ParseResult<Millicores>;
  let mem: ParseResult<Bytes>;
  if (s) {
    const [, cpuText = "", memText = "", memUnit = ""] = s;
    cpu = parseCpu(cpuText);
    const gib = memUnit.toLowerCase().startsWith("g");
    mem = parseMemory(memText + (gib ? "Gi" : "Mi"));
  } else if (/^[a-z]+=/i.test(t)) {
    const fields = new Map<string, string>();
    for (const part of t.split(",")) {
      const [k, v, ...rest] = part.split("=");
      if (k === undefined || v === undefined || rest.length > 0) return bad;
      const key = k.trim().toLowerCase();
      // issue 12: `cpu=4,cpu=8` silently took the last value
      if (fields.has(key)) return { ok: false, reason: `"${text}" gives ${key} twice; expected ${envShapeForms}` };
      fields.set(key, v.trim());
    }
    const unknown = [...fields.keys()].filter((k) => k !== "cpu" && k !== "memory" && k !== "ephemeral-storage");
    if (unknown.length > 0 || !fields.has("cpu") || !fields.has("memory")) return bad;
    if (fields.has("ephemeral-storage")) {
      if (ephText !== undefined) return { ok: false, reason: `"${text}" gives ephemeral-storage twice; expected ${envShapeFormsWithEphemeral}` };
      ephText = fields.get("ephemeral-storage");
    }
    cpu = parseCpu(fields.get("cpu") ?? "");
    mem = parseMemory(fields.get("memory") ?? "");
  } else {
    return bad;
  }
  if (!cpu.ok || !mem.ok) return bad;
  if (cpu.value === 0 || mem.value === 0) {
    return { ok: false, reason: `"${text}" requests zero CPU or memory; expected ${envShapeForms}` };
  }
  let ephemeralStorageBytes = 0;
  if (ephText !== undefined) {
    const e = parseMemory(ephText);
    if (!e.ok || e.value === 0) return { ok: false, reason: `"${text}": ephemeral storage "${ephText}" is not a size such as 30Gi; expected ${envShapeForms}` };
    ephemeralStorageBytes = e.value;
  }
  return { ok: true, value: { cpuMillicores: cpu.value, memoryBytes: mem.value, pods: 1, volumes: 1, ephemeralStorageBytes } };
}

/** Short human form of an env shape, e.g. `4cpu16g` (GiB when whole, else MiB). */
export function formatEnvShape(env: EnvShape): string {
  const cpu = env.cpuMillicores / 1000;
  const mem =
    env.memoryBytes % bytesInGiB === 0
      ? `${env.memoryBytes / bytesInGiB}g`
      : env.memoryBytes % bytesInMiB === 0
        ? `${env.memoryBytes / bytesInMiB}m`
        : `${bytes(env.memoryBytes)}b`;
  return `${cpu}cpu${mem}${env.ephemeralStorageBytes > 0 ? `@eph=${sizeText(env.ephemeralStorageBytes)}` : ""}`;
}

/** A byte size as a Kubernetes quantity: Gi or Mi when whole, else bytes. */
function sizeText(b: number): string {
  return b % bytesInGiB === 0 ? `${b / bytesInGiB}Gi` : b % bytesInMiB === 0 ? `${b / bytesInMiB}Mi` : `${b}`;
}
