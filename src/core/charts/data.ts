/**
 * The data of cc-plan's charts (issue 14), read from a plan document: pure, no I/O, no drawing. Every
 * number here is a number of the plan document (`cc-plan … --json`) or of the node model
 * (`cc-plan node <type> --json`); nothing is estimated again. The SVG renderers are in src/emit/charts/.
 *
 * - {@link poolCapacity}: per pool of a recommended plan, one node's CPU (integer millicores) and memory
 *   (integer bytes) cut into kernel/hypervisor, kube + system reserved, eviction threshold, DaemonSets,
 *   envs and stranded; and its ephemeral storage (bytes) where an env requests some (issue 16).
 * - {@link costBreakdown}: the recommended plan's monthly bill, line by line.
 * - {@link costCurveMachineTypes}, {@link sweepPeaks}, {@link scaleShapes}, {@link costCurvePoint}: the
 *   pieces of the cost-against-peak chart, whose points are whole plans (src/core/charts/sweep.ts).
 */
import type { Provider } from "../../catalog/types.js";
import type { NodeModel } from "../node-model.js";
import type { PlanDocument, PlanOption, Pool, ProviderPlan } from "../planner/document.js";
import type { ShapeDemand } from "../planner/request.js";

/** One part of a node's CPU or memory. */
export interface CapacitySegment {
  /** Stable id: kernel, reserved, system-reserved, eviction, daemonsets, envs, stranded; ephemeral storage adds filesystem and images. */
  readonly id: "kernel" | "reserved" | "system-reserved" | "eviction" | "daemonsets" | "envs" | "stranded" | "filesystem" | "images";
  readonly label: string;
  /** Millicores (CPU) or bytes (memory): exact integers. */
  readonly amount: number;
}

/** One node of a pool, cut into its parts (see {@link poolCapacity}). */
export interface PoolCapacity {
  readonly provider: Provider;
  readonly pool: string;
  readonly machineType: string;
  /** Nodes of this pool at peak and how many of them hold exactly the envs drawn. */
  readonly nodesAtPeak: number;
  readonly nodesLikeThis: number;
  /** Envs of each shape on the node drawn (the pool's most common node at peak). */
  readonly envs: Readonly<Record<string, number>>;
  /** Nominal vCPUs × 1000; the segments sum to it. */
  readonly cpuMillicores: number;
  /** max(nominal memory, capacity memory), bytes; the segments sum to it. */
  readonly memoryBytes: number;
  readonly cpu: readonly CapacitySegment[];
  readonly memory: readonly CapacitySegment[];
  /**
   * Ephemeral storage (bytes), where an env of the plan requests some: the boot disk (or local SSDs) cut
   * into filesystem and OS (disk − capacity, boot disk only), kube-reserved, the nodefs eviction threshold,
   * images and system pods, envs and stranded (src/core/ephemeral.ts). Absent otherwise.
   */
  readonly storage?: { readonly bytes: number; readonly segments: readonly CapacitySegment[] };
  /** Whether kube/system reserved and the eviction threshold are apart (a node model was given) or one segment. */
  readonly reservedSplit: boolean;
}

/** Node models by machine type, for splitting "reserved" into kube + system reserved and the eviction threshold. */
export type NodeModelsByType = (provider: Provider, machineType: string) => NodeModel | undefined;

/** The recommended option of a provider's plan (or the cheapest when none is recommended), if any. */
export function recommendedOption(p: ProviderPlan): PlanOption | undefined {
  const i = p.recommended ?? p.cheapest;
  return i === null ? undefined : p.options[i];
}

const sumEnvs = (envs: Readonly<Record<string, number>>): number => Object.values(envs).reduce((a, b) => a + b, 0);

/** The pool's most common node at peak (most nodes; ties: the fuller), from the plan's placement. */
function commonNode(option: PlanOption, pool: Pool): { envs: Readonly<Record<string, number>>; count: number } {
  let best: { envs: Readonly<Record<string, number>>; count: number } | undefined;
  for (const group of option.placement)
    for (const run of group.nodes) {
      if (run.machineType !== pool.machineType) continue;
      const count = run.count * Math.max(1, group.zones.length);
      // Shapes the node holds none of are left out.
      const envs = Object.fromEntries(Object.entries(run.envs).filter(([, c]) => c > 0));
      if (!best || count > best.count || (count === best.count && sumEnvs(envs) > sumEnvs(best.envs))) best = { envs, count };
    }
  // No placement recorded (no nodes at peak): an empty node.
  return best ?? { envs: {}, count: 0 };
}

/**
 * Per pool of each provider's recommended plan, one node's CPU and memory cut into parts that sum to the
 * node's nominal size (the kubelet rule, https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/):
 *
 *   CPU (millicores):  reserved = nominal − allocatable;  DaemonSets = allocatable − forEnvs;
 *                      envs = Σ shape CPU × envs on the node;  stranded = forEnvs − envs
 *   memory (bytes):    kernel = nominal − capacity (what the VM's kernel and hypervisor keep, never < 0);
 *                      reserved = capacity − allocatable; DaemonSets, envs, stranded as for CPU
 *
 * With `models` (the node model of each type, `computeNodeModel` with the plan's options), "reserved" is
 * split into kube + system reserved and the eviction threshold, and the model must agree exactly with the
 * plan document's allocatable and forEnvs (else an Error: the model was computed with other options).
 * The node drawn is the pool's most common node at peak (the plan's placement).
 */
export function poolCapacity(doc: PlanDocument, models?: NodeModelsByType): PoolCapacity[] {
  const shapes = new Map(doc.inputs.shapes.map((s) => [s.name, s]));
  const out: PoolCapacity[] = [];
  for (const p of doc.providers) {
    const option = recommendedOption(p);
    if (!option) continue;
    for (const pool of option.pools) {
      const n = pool.node;
      const node = commonNode(option, pool);
      const envCpu = Object.entries(node.envs).reduce((a, [k, c]) => a + (shapes.get(k)?.cpuMillicores ?? 0) * c, 0);
      const envMem = Object.entries(node.envs).reduce((a, [k, c]) => a + (shapes.get(k)?.memoryBytes ?? 0) * c, 0);
      const nominalCpu = n.vcpus * 1000;
      const nominalMem = n.memoryMiB * 2 ** 20;
      const capMem = n.capacityMemory.bytes;
      const model = models?.(p.provider, pool.machineType);
      if (model) {
        const same =
          model.allocatable.cpuMillicores === n.allocatable.cpuMillicores &&
          model.allocatable.memoryBytes === n.allocatable.memoryBytes &&
          model.forEnvs.cpuMillicores === n.forEnvs.cpuMillicores &&
          model.forEnvs.memoryBytes === n.forEnvs.memoryBytes &&
          model.capacity.memoryBytes === capMem;
        if (!same) throw new Error(`poolCapacity: the node model of ${pool.machineType} does not match the plan document (computed with other options)`);
      }
      const cpuReserved = nominalCpu - n.allocatable.cpuMillicores;
      const memReserved = capMem - n.allocatable.memoryBytes;
      const reservedCpu: CapacitySegment[] = model
        ? [{ id: "system-reserved", label: "kube + system reserved", amount: model.kubeReserved.cpuMillicores + model.systemReserved.cpuMillicores }]
        : [{ id: "reserved", label: "reserved (kube, system)", amount: cpuReserved }];
      const reservedMem: CapacitySegment[] = model
        ? [
            { id: "system-reserved", label: "kube + system reserved", amount: model.kubeReserved.memoryBytes + model.systemReserved.memoryBytes },
            { id: "eviction", label: "eviction threshold", amount: model.evictionHard.memoryBytes },
          ]
        : [{ id: "reserved", label: "reserved (kube, system, eviction)", amount: memReserved }];
      if (model) {
        // The split must add up to what the document says (clamping at 0 in the model would break it).
        const cpuSplit = reservedCpu.reduce((a, s) => a + s.amount, 0);
        const memSplit = reservedMem.reduce((a, s) => a + s.amount, 0);
        if (cpuSplit !== cpuReserved || memSplit !== memReserved)
          throw new Error(`poolCapacity: the reservations of ${pool.machineType} do not add up to capacity − allocatable`);
      }
      const cpu: CapacitySegment[] = [
        ...reservedCpu,
        { id: "daemonsets", label: "DaemonSets", amount: n.allocatable.cpuMillicores - n.forEnvs.cpuMillicores },
        { id: "envs", label: "envs", amount: envCpu },
        { id: "stranded", label: "stranded", amount: Math.max(0, n.forEnvs.cpuMillicores - envCpu) },
      ];
      const memory: CapacitySegment[] = [
        { id: "kernel", label: "kernel and hypervisor", amount: Math.max(0, nominalMem - capMem) },
        ...reservedMem,
        { id: "daemonsets", label: "DaemonSets", amount: n.allocatable.memoryBytes - n.forEnvs.memoryBytes },
        { id: "envs", label: "envs", amount: envMem },
        { id: "stranded", label: "stranded", amount: Math.max(0, n.forEnvs.memoryBytes - envMem) },
      ];
      const storage = storageOf(n, node.envs, shapes);
      out.push({
        provider: p.provider,
        pool: pool.name,
        machineType: pool.machineType,
        nodesAtPeak: pool.nodes.peak,
        nodesLikeThis: node.count,
        envs: node.envs,
        cpuMillicores: cpu.reduce((a, s) => a + s.amount, 0),
        memoryBytes: memory.reduce((a, s) => a + s.amount, 0),
        cpu,
        memory,
        ...(storage ? { storage } : {}),
        reservedSplit: model !== undefined,
      });
    }
  }
  return out;
}

/**
 * A node's ephemeral storage cut into its parts (the plan document's figures, src/core/ephemeral.ts):
 *   filesystem = boot disk − capacity (boot disk only); kube-reserved; eviction = ⌊capacity × float32(0.1)⌋;
 *   images = what images and system pods occupy; envs = Σ shape request × envs on the node; stranded = for envs − envs.
 */
function storageOf(
  n: Pool["node"],
  envs: Readonly<Record<string, number>>,
  shapes: ReadonlyMap<string, PlanDocument["inputs"]["shapes"][number]>,
): PoolCapacity["storage"] {
  const e = n.ephemeralStorage;
  const forEnvs = n.forEnvs.ephemeralStorageBytes;
  if (!e || forEnvs === undefined) return undefined;
  const used = Object.entries(envs).reduce((a, [k, c]) => a + (shapes.get(k)?.ephemeralStorageBytes ?? 0) * c, 0);
  const disk = e.bootDisk.sizeGiB * 2 ** 30;
  const segments: CapacitySegment[] = [
    ...(e.backing === "boot-disk" ? [{ id: "filesystem" as const, label: "filesystem and OS", amount: Math.max(0, disk - e.capacityBytes) }] : []),
    { id: "system-reserved", label: "kube + system reserved", amount: e.kubeReservedBytes },
    { id: "eviction", label: "eviction threshold", amount: e.evictionHardBytes },
    { id: "images", label: "images and system pods", amount: e.reservedBytes },
    { id: "envs", label: "envs", amount: used },
    { id: "stranded", label: "stranded", amount: Math.max(0, forEnvs - used) },
  ];
  return { bytes: segments.reduce((a, s) => a + s.amount, 0), segments };
}

/** One line of a monthly bill. */
export interface CostBreakdownLine {
  readonly id: string;
  readonly label: string;
  /** USD per month, unrounded; null when the price is unknown (never 0 for unknown). */
  readonly usdPerMonth: number | null;
  readonly quantity: number;
  readonly unit: string;
  readonly source: string;
}

/** The recommended plan's autoscaled monthly bill of one provider. */
export interface CostBreakdown {
  readonly provider: Provider;
  readonly region: string;
  readonly pricing: string;
  readonly lines: readonly CostBreakdownLine[];
  /** Σ lines, USD per month; null when a line's price is unknown. */
  readonly totalUsdPerMonth: number | null;
}

/** Per provider, the lines of the recommended plan's autoscaled bill (`bill.autoscaled` of the document). */
export function costBreakdown(doc: PlanDocument): CostBreakdown[] {
  const out: CostBreakdown[] = [];
  for (const p of doc.providers) {
    const option = recommendedOption(p);
    if (!option) continue;
    const bill = option.bill.autoscaled;
    out.push({
      provider: p.provider,
      region: p.region,
      pricing: option.applied,
      lines: bill.lines.map((l) => ({ id: l.id, label: l.label, usdPerMonth: l.usdPerMonth, quantity: l.quantity, unit: l.unit, source: l.source })),
      totalUsdPerMonth: bill.totalUsdPerMonth,
    });
  }
  return out;
}

/**
 * The machine types a cost-against-peak chart follows for one provider: the recommended plan's types
 * first, then the types of the other one-pool options in the order of their monthly bill (the leading
 * alternatives), at most `limit` in all.
 */
export function costCurveMachineTypes(doc: PlanDocument, provider: Provider, limit = 3): string[] {
  const p = doc.providers.find((x) => x.provider === provider);
  if (!p) return [];
  const types: string[] = [];
  const add = (t: string): void => {
    if (types.length < limit && !types.includes(t)) types.push(t);
  };
  for (const pool of recommendedOption(p)?.pools ?? []) add(pool.machineType);
  const total = (o: PlanOption): number => o.bill.autoscaled.totalUsdPerMonth ?? Number.POSITIVE_INFINITY;
  for (const o of [...p.options].filter((o) => o.pools.length === 1).sort((a, b) => total(a) - total(b))) add(o.pools[0]?.machineType as string);
  return types;
}

/**
 * Total peaks at which the cost curve is planned: every peak from 1 to 1.5 × the plan's peak when that is
 * at most `points`, else 1 and `points` evenly spaced peaks up to it (rounded, distinct), always with the
 * plan's peak.
 */
export function sweepPeaks(peak: number, points = 40): number[] {
  const top = Math.max(2, Math.ceil(peak * 1.5));
  const set = new Set<number>([1, peak]);
  if (top <= points) for (let i = 1; i <= top; i++) set.add(i);
  else for (let i = 1; i <= points; i++) set.add(Math.max(1, Math.round((top * i) / points)));
  return [...set].filter((x) => x >= 1).sort((a, b) => a - b);
}

/**
 * The shapes of a request scaled to a total peak, proportionally by largest remainder (the counts sum to
 * `total` exactly; ties go to the earlier shape); normal demand scales by the same factor, rounded down
 * and never above the shape's new peak.
 */
export function scaleShapes(shapes: readonly ShapeDemand[], total: number): ShapeDemand[] {
  const sum = shapes.reduce((a, s) => a + s.peak, 0);
  if (sum <= 0) return [...shapes];
  const exact = shapes.map((s) => (s.peak * total) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return shapes
    .map((s, i) => ({ ...s, peak: counts[i] as number, normal: Math.min(counts[i] as number, Math.floor((s.normal * total) / sum)) }))
    .filter((s) => s.peak > 0);
}

/** A point of a cost curve: a plan of the whole demand on one machine type at one total peak. */
export interface CostCurvePoint {
  readonly peak: number;
  /** Nodes at peak (all zones). */
  readonly nodes: number;
  /** Autoscaler maximum of the pool. */
  readonly maxNodes: number;
  /** The autoscaled monthly bill, USD (unrounded); null when a price is unknown. */
  readonly usdPerMonth: number | null;
}

/** One machine type's cost against peak demand. */
export interface CostCurveSeries {
  readonly machineType: string;
  /** Whether the type is a pool of the provider's recommended plan. */
  readonly recommended: boolean;
  readonly points: readonly CostCurvePoint[];
}

/** The cost-against-peak chart of one provider. */
export interface CostCurve {
  readonly provider: Provider;
  readonly region: string;
  readonly pricing: string;
  /** The plan's total peak, and the recommended plan's nodes and monthly bill there. */
  readonly peak: number;
  readonly recommended: { readonly nodes: number; readonly usdPerMonth: number | null; readonly machineTypes: readonly string[] } | null;
  readonly series: readonly CostCurveSeries[];
}

/**
 * The point of `machineType` in a plan made with that type named (`--machine TYPE`): its one-pool
 * option of that type ("named", else any one-pool option on it); undefined when there is none.
 */
export function costCurvePoint(doc: PlanDocument, provider: Provider, machineType: string): CostCurvePoint | undefined {
  const p = doc.providers.find((x) => x.provider === provider);
  const onType = (o: PlanOption): boolean => o.pools.length === 1 && o.pools[0]?.machineType === machineType;
  const o = p?.options.find((x) => x.kind === "named" && onType(x)) ?? p?.options.find(onType);
  if (!o) return undefined;
  return { peak: doc.demand.peak, nodes: o.nodes.peak, maxNodes: o.nodes.max, usdPerMonth: o.bill.autoscaled.totalUsdPerMonth };
}
