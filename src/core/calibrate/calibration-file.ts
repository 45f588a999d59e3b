/**
 * The calibration file (`cc-plan calibrate --out cal.yaml`), format version 1, and what a plan or
 * `cc-plan node` takes from it (README "Calibrate from a real cluster"). Pure: YAML text is read and written
 * by src/adapters/calibration-file.ts; this module builds the document and validates a parsed one.
 *
 * ```yaml
 * version: 1
 * kind: cc-plan-calibration
 * generatedBy: cc-plan calibrate 0.1.0
 * inputs: { nodes: nodes.json, daemonsets: ds.json }     # informative
 * machineTypes:
 *   Standard_D2s_v3:
 *     provider: azure
 *     platform: aks-legacy        # gke | aks | aks-legacy | eks | custom (no formula matched)
 *     capacityMemory: 8152796Ki   # smallest status.capacity.memory of the pool's nodes
 *     maxPods: 110
 *     daemonSetOverhead: { cpu: 30m, memory: 60Mi, pods: 1 }   # absent: no DaemonSets were given
 *     reserved: { cpu: 100m, memory: 2655232Ki }              # custom only: capacity − allocatable
 *     learned: { vcpus: 2, memoryMiB: 8192, memoryInferred: true, volumeAttachLimit: 39, volumeAttachLimitSource: … }
 *     observed: { pool: agentpool, nodes: 3, kubelet: [v1.18.19] }   # informative
 * ```
 */
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import type { DaemonSetOverhead } from "../daemonsets.js";
import type { ReservationOverrides } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import type { Resolved } from "../resolved.js";
import { type Bytes, bytes, bytesInKiB, bytesInMiB, type Millicores, millicores } from "../units/brands.js";
import { parseCount, parseCpu, parseMemory } from "../units/quantity.js";
import { type CalibrationResult, keptPool, type PoolCalibration } from "./calibrate.js";

export const calibrationVersion = 1;
export const calibrationKind = "cc-plan-calibration";

/** What a plan takes for one machine type. */
export interface TypeCalibration {
  readonly provider: Provider;
  /** The CLI leaves out what a flag gives explicitly (--platform, --capacity-memory, --max-pods, --daemonset-overhead). */
  readonly platform?: PlatformId;
  readonly capacityMemoryBytes?: Bytes;
  readonly maxPods?: number;
  readonly daemonSets?: DaemonSetOverhead;
  /** custom platform: the observed reservation as kube-reserved, no eviction on top. */
  readonly overrides?: ReservationOverrides;
  /** Machine facts learned from the nodes (the catalogs lack the type). */
  readonly learned?: CatalogMachineType;
}

/** A validated calibration file. */
export interface Calibration {
  /** What messages and the plan call it, e.g. "cal.yaml". */
  readonly source: string;
  readonly types: Readonly<Record<string, TypeCalibration>>;
}

const kiText = (b: number): string => (b % bytesInMiB === 0 ? `${b / bytesInMiB}Mi` : b % bytesInKiB === 0 ? `${b / bytesInKiB}Ki` : `${b}`);

/** The calibration document (a plain object; the adapter writes it as YAML). */
export function calibrationDocument(r: CalibrationResult, meta: { generatedBy: string; inputs: Readonly<Record<string, string>> }): Record<string, unknown> {
  const types: Record<string, unknown> = {};
  const byType = new Map<string, PoolCalibration[]>();
  for (const p of r.pools) byType.set(p.machineType, [...(byType.get(p.machineType) ?? []), p]);
  for (const [t, ps] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const p = keptPool(ps);
    const capMin = Math.min(...ps.filter((x) => x.variant === p.variant && x.maxPods === p.maxPods).map((x) => x.capacity.memoryBytes.min));
    const entry: Record<string, unknown> = {
      provider: p.provider,
      platform: p.variant === "none" ? "custom" : p.variant,
      capacityMemory: kiText(capMin),
      maxPods: p.maxPods,
    };
    if (p.daemonSets) entry.daemonSetOverhead = { cpu: `${p.daemonSets.cpuMillicores}m`, memory: kiText(p.daemonSets.memoryBytes), pods: p.daemonSets.pods };
    if (p.variant === "none")
      entry.reserved = {
        cpu: `${p.capacity.cpuMillicores - p.allocatable.cpuMillicores.min}m`,
        memory: kiText(p.capacity.memoryBytes.min - p.allocatable.memoryBytes.min),
      };
    if (p.learned)
      entry.learned = {
        vcpus: p.machine.vcpus,
        memoryMiB: p.machine.memoryMiB,
        memoryInferred: p.nominalInferred,
        volumeAttachLimit: p.machine.volumeAttachLimit,
        volumeAttachLimitSource: p.machine.volumeAttachLimitSource,
      };
    entry.observed = { pool: p.pool, nodes: p.nodes.length, kubelet: p.kubeletVersions };
    types[t] = entry;
  }
  return { version: calibrationVersion, kind: calibrationKind, generatedBy: meta.generatedBy, inputs: meta.inputs, machineTypes: types };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const providersList: readonly Provider[] = ["gcp", "azure", "aws"];
const platformsOf: Readonly<Record<Provider, readonly PlatformId[]>> = {
  gcp: ["gke", "custom"],
  azure: ["aks", "aks-legacy", "custom"],
  aws: ["eks", "custom"],
};

/**
 * Validate a parsed calibration file. Every problem is one line naming the file and the key, e.g.
 * `cal.yaml: machineTypes.n2-standard-4.maxPods: expected a whole number from 1 to 1000, got "many"`.
 */
export function parseCalibration(doc: unknown, source: string): Resolved<Calibration> {
  const bad = (key: string, msg: string): Resolved<Calibration> => ({
    ok: false,
    error: { field: "--calibration", message: `${source}: ${key}${key ? ": " : ""}${msg}` },
  });
  const shown = (v: unknown): string =>
    typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : String(v);
  if (!isObject(doc)) return bad("", `expected a calibration file written by \`cc-plan calibrate --out\` (a YAML mapping with version: 1), got ${shown(doc)}`);
  if (doc.version !== calibrationVersion) return bad("version", `expected 1 (the only calibration format so far), got ${shown(doc.version)}`);
  if (doc.kind !== calibrationKind) return bad("kind", `expected ${calibrationKind}, got ${shown(doc.kind)}`);
  for (const k of Object.keys(doc))
    if (!["version", "kind", "generatedBy", "inputs", "machineTypes"].includes(k))
      return bad(k, "unknown key; expected version, kind, generatedBy, inputs, machineTypes");
  if (!isObject(doc.machineTypes) || Object.keys(doc.machineTypes).length === 0)
    return bad("machineTypes", "expected a mapping of machine type → calibration with at least one type");
  const types: Record<string, TypeCalibration> = {};
  for (const [name, e] of Object.entries(doc.machineTypes)) {
    const at = `machineTypes.${name}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return bad(at, "a machine type name is letters, digits, ., _ and -");
    if (!isObject(e)) return bad(at, `expected a mapping, got ${shown(e)}`);
    for (const k of Object.keys(e))
      if (!["provider", "platform", "capacityMemory", "maxPods", "daemonSetOverhead", "reserved", "learned", "observed"].includes(k))
        return bad(`${at}.${k}`, "unknown key; expected provider, platform, capacityMemory, maxPods, daemonSetOverhead, reserved, learned, observed");
    const provider = e.provider as Provider;
    if (!providersList.includes(provider)) return bad(`${at}.provider`, `expected gcp, azure or aws, got ${shown(e.provider)}`);
    const platform = e.platform as PlatformId;
    if (!platformsOf[provider].includes(platform))
      return bad(`${at}.platform`, `expected ${platformsOf[provider].join(", ")} for ${provider}, got ${shown(e.platform)}`);
    const cap = typeof e.capacityMemory === "string" ? parseMemory(e.capacityMemory) : undefined;
    if (!cap?.ok || cap.value === 0)
      return bad(`${at}.capacityMemory`, `expected a memory quantity above 0 such as 16380004Ki, got ${shown(e.capacityMemory)}`);
    const pods = typeof e.maxPods === "number" ? parseCount(String(e.maxPods)) : undefined;
    if (!pods?.ok || pods.value < 1 || pods.value > 1000) return bad(`${at}.maxPods`, `expected a whole number from 1 to 1000, got ${shown(e.maxPods)}`);
    let daemonSets: DaemonSetOverhead | undefined;
    if (e.daemonSetOverhead !== undefined) {
      const d = e.daemonSetOverhead;
      const cpu = isObject(d) && typeof d.cpu === "string" ? parseCpu(d.cpu) : undefined;
      const mem = isObject(d) && typeof d.memory === "string" ? parseMemory(d.memory) : undefined;
      const dp = isObject(d) && typeof d.pods === "number" ? parseCount(String(d.pods)) : undefined;
      if (!cpu?.ok || !mem?.ok || !dp?.ok || !isObject(d) || Object.keys(d).some((k) => !["cpu", "memory", "pods"].includes(k)))
        return bad(`${at}.daemonSetOverhead`, `expected { cpu: <quantity>, memory: <quantity>, pods: <n> }, e.g. { cpu: 30m, memory: 60Mi, pods: 1 }`);
      daemonSets = { cpuMillicores: cpu.value, memoryBytes: mem.value, pods: dp.value, source: `calibrated from ${source}` };
    }
    let overrides: ReservationOverrides | undefined;
    if (platform === "custom") {
      const r = e.reserved;
      const cpu = isObject(r) && typeof r.cpu === "string" ? parseCpu(r.cpu) : undefined;
      const mem = isObject(r) && typeof r.memory === "string" ? parseMemory(r.memory) : undefined;
      if (!cpu?.ok || !mem?.ok)
        return bad(`${at}.reserved`, "platform custom needs reserved: { cpu: <quantity>, memory: <quantity> } (capacity − allocatable of the node)");
      overrides = {
        kubeReservedCpu: { kind: "fixed", value: millicores(cpu.value) as Millicores },
        kubeReservedMemory: { kind: "fixed", value: bytes(mem.value) },
        evictionHardMemory: bytes(0),
      };
    } else if (e.reserved !== undefined) return bad(`${at}.reserved`, `only for platform custom; ${platform} has its own formula`);
    let learned: CatalogMachineType | undefined;
    if (e.learned !== undefined) {
      const l = e.learned;
      if (!isObject(l)) return bad(`${at}.learned`, "expected a mapping with vcpus, memoryMiB, volumeAttachLimit");
      const whole = (v: unknown, max: number): number | undefined => (typeof v === "number" && Number.isSafeInteger(v) && v >= 1 && v <= max ? v : undefined);
      const vcpus = whole(l.vcpus, 1024);
      const memoryMiB = whole(l.memoryMiB, 64 * 1024 * 1024);
      const vol = whole(l.volumeAttachLimit, 10_000);
      if (vcpus === undefined) return bad(`${at}.learned.vcpus`, `expected a whole number from 1 to 1024, got ${shown(l.vcpus)}`);
      if (memoryMiB === undefined) return bad(`${at}.learned.memoryMiB`, `expected a whole number of MiB above 0, got ${shown(l.memoryMiB)}`);
      if (vol === undefined) return bad(`${at}.learned.volumeAttachLimit`, `expected a whole number from 1 to 10000, got ${shown(l.volumeAttachLimit)}`);
      if (cap.value >= memoryMiB * bytesInMiB)
        return bad(`${at}.capacityMemory`, `${String(e.capacityMemory)} is not below learned.memoryMiB ${memoryMiB} MiB`);
      learned = {
        name,
        family: (name.split(/[-.]/)[0] ?? name).toLowerCase(),
        vcpus,
        memoryMiB,
        sharedCore: false,
        burstable: false,
        volumeAttachLimit: vol,
        volumeAttachLimitSource: typeof l.volumeAttachLimitSource === "string" ? l.volumeAttachLimitSource : `learned from the nodes (${source})`,
        defaultMaxPods: pods.value,
        offerings: [],
      };
    }
    types[name] = {
      provider,
      platform,
      capacityMemoryBytes: cap.value,
      maxPods: pods.value,
      ...(daemonSets ? { daemonSets } : {}),
      ...(overrides ? { overrides } : {}),
      ...(learned ? { learned } : {}),
    };
  }
  return { ok: true, value: { source, types } };
}
