/**
 * Environment shape: the CPU and memory one dev environment requests.
 *
 * Accepted forms (README "Usage"):
 * - shorthand `<cpu>(cpu|c|vcpu)<mem>(g|gb|gi|gib)`: `4cpu16g`, `4c16g`, `0.5cpu2g`, `2cpu8gi`.
 *   `g` means GiB, as in the CodeCanvas guides' "16GB" for a 16 GiB VM. `<mem>(m|mb|mi|mib)` means MiB.
 * - Kubernetes style `cpu=<quantity>,memory=<quantity>`: `cpu=500m,memory=1536Mi`.
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
}

/** Accepted forms, shown in every error message about an env shape. */
export const envShapeForms = "<cpu>cpu<memory>g such as 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB, or m = MiB), or cpu=4,memory=16Gi";

const shorthand = /^(\d+(?:\.\d+)?|\.\d+)(?:cpu|vcpu|c)(\d+(?:\.\d+)?|\.\d+)(g|gb|gi|gib|m|mb|mi|mib)$/i;

/** Parse an env shape. */
export function parseEnvShape(text: string): ParseResult<EnvShape> {
  if (typeof text !== "string") return notText(text, envShapeForms);
  const t = text.trim();
  const bad: ParseResult<EnvShape> = { ok: false, reason: `"${text}" is not ${envShapeForms}` };
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
    const unknown = [...fields.keys()].filter((k) => k !== "cpu" && k !== "memory");
    if (unknown.length > 0 || !fields.has("cpu") || !fields.has("memory")) return bad;
    cpu = parseCpu(fields.get("cpu") ?? "");
    mem = parseMemory(fields.get("memory") ?? "");
  } else {
    return bad;
  }
  if (!cpu.ok || !mem.ok) return bad;
  if (cpu.value === 0 || mem.value === 0) {
    return { ok: false, reason: `"${text}" requests zero CPU or memory; expected ${envShapeForms}` };
  }
  return { ok: true, value: { cpuMillicores: cpu.value, memoryBytes: mem.value, pods: 1, volumes: 1 } };
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
  return `${cpu}cpu${mem}`;
}
