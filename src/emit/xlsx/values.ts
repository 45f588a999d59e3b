/**
 * The cached value of every quantity of ./model.ts, from the library's own results for the flags given:
 * the node model (src/core/node-model.ts computeNodeModel), the plan's named pool and its bill
 * (src/core/planner). The few bookkeeping quantities the library has no field for (table rows, the
 * per-zone split, the steps of the binding tie rule) are computed here by the library's rules.
 */
import type { CostLine, CostSummary } from "../../core/cost.js";
import { nodesForEnvs } from "../../core/demand.js";
import type { NodeModel } from "../../core/node-model.js";
import { type Dimension, packOneShape } from "../../core/packing.js";
import type { Pool } from "../../core/planner/document.js";
import { bytesInMiB } from "../../core/units/brands.js";
import type { EnvShape } from "../../core/units/env-shape.js";
import type { InputName } from "./model.js";
import { type CellValue, platformRows, type WorkbookData } from "./workbook.js";

export interface LibraryResults {
  readonly env: EnvShape;
  /** The node model the planner used for the pool's machine type. */
  readonly model: NodeModel;
  /** The named option's pool (one pool). */
  readonly pool: Pool;
  readonly autoscaled: CostSummary;
  readonly static: CostSummary;
  /** Envs that exist (each keeps a disk): the plan document's demand.existingEnvs. */
  readonly existingEnvs: number;
}

const dimensionIndex: Readonly<Record<Dimension, number>> = { cpu: 1, memory: 2, pods: 3, volumes: 4, "ephemeral-storage": 5 };

/** Cached values by quantity id (and the display cells keyed by the quantity they show). */
export function cachedValues(data: Omit<WorkbookData, "cached">, lib: LibraryResults): Record<string, number | string> {
  const inputs = data.inputs as Readonly<Record<InputName, CellValue>>;
  const num = (n: InputName): number => (typeof inputs[n] === "number" ? (inputs[n] as number) : 0);
  const { model, pool, env } = lib;
  const shape = Object.keys(pool.node.envsPerNode)[0] ?? "";
  const k = pool.node.envsPerNode[shape] ?? 0;
  const row = data.catalog.findIndex((m) => m.name === inputs.MachineType);
  const m = data.catalog[row];
  if (!m) throw new Error(`internal: ${String(inputs.MachineType)} is not in the Catalog`);
  const mib = (b: number): number => b / bytesInMiB;
  const fit = packOneShape(model.forEnvs, env);
  const cap = num("MaxEnvsPerNode");
  const fitPods = cap > 0 ? Math.min(model.forEnvs.pods, cap) : model.forEnvs.pods;
  const remCpu = model.forEnvs.cpuMillicores - fit.perDimension.cpu * env.cpuMillicores;
  const remMemory = model.forEnvs.memoryBytes - fit.perDimension.memory * env.memoryBytes;
  // Ephemeral storage is a dimension only when the env requests some (src/core/planner/planner.ts usesEphemeral).
  const wantsStorage = env.ephemeralStorageBytes > 0;
  const eph = model.ephemeralStorage;
  const fitStorage = wantsStorage ? Math.floor(eph.forEnvsBytes / env.ephemeralStorageBytes) : 0;
  const remStorage = wantsStorage ? eph.forEnvsBytes - fitStorage * env.ephemeralStorageBytes : 0;
  // The tie rule's steps (src/core/packing.ts): cpu, then memory, pods, volumes, storage challenge the binding one.
  const fits = [fit.perDimension.cpu, fit.perDimension.memory, model.forEnvs.pods, model.forEnvs.volumes, fitStorage];
  const rems = [remCpu, remMemory, 0, 0, remStorage];
  const reqs = [env.cpuMillicores, env.memoryBytes, 1, 1, env.ephemeralStorageBytes];
  const steps: number[] = [];
  let b = 0;
  for (let d = 1; d < (wantsStorage ? 5 : 4); d++) {
    const at = (a: readonly number[], i: number): number => a[i] ?? 0;
    const [fd, fb, rd, rb, qd, qb] = [at(fits, d), at(fits, b), at(rems, d), at(rems, b), at(reqs, d), at(reqs, b)];
    if (fd < fb || (fd === fb && BigInt(rd) * BigInt(qb) < BigInt(rb) * BigInt(qd))) b = d;
    steps.push(b + 1);
  }
  if (!wantsStorage) steps.push(steps[2] as number);
  if (steps[3] !== dimensionIndex[fit.bindingConstraint]) throw new Error("internal: the tie rule's steps disagree with packOneShape");
  // ⌊capacity × float32(0.1)⌋ in the sheet's integer steps (./model.ts evictionSteps).
  const c = eph.capacityBytes;
  const stepA = Math.floor(c / 2 ** 27);
  const stepU = Math.floor((c - stepA * 2 ** 27) / 2 ** 14);
  const stepG = Number((BigInt(stepU) * 13421773n) / 8192n);
  const zones = num("Zones");
  const buffer = num("BufferEnvsPerZone");
  const level = (d: number, prefix: "Peak" | "Normal"): Record<string, number> => ({
    [`${prefix}EnvsPerZone`]: Math.floor(d / zones),
    [`${prefix}ZonesWithOneMore`]: d % zones,
    [`${prefix}NodesPerBusierZone`]: Math.ceil((Math.floor(d / zones) + 1 + buffer) / k),
    [`${prefix}NodesPerOtherZone`]: Math.ceil((Math.floor(d / zones) + buffer) / k),
  });
  const line = (s: CostSummary, id: string): CostLine | undefined => s.lines.find((l) => l.id === id);
  const usd = (s: CostSummary, id: string): number => line(s, id)?.usdPerMonth ?? 0;
  const storageRow = data.storage.findIndex((s) => s.id === inputs.StorageClass) + 1;
  const tierStart = data.tiers.findIndex((t) => t.classId === inputs.StorageClass);
  const diskGiB = num("DiskGiB");
  const tierRow = tierStart < 0 ? 0 : tierStart + 1 + data.tiers.filter((t) => t.classId === inputs.StorageClass && t.sizeGiB < diskGiB).length;
  const nodesNormal = nodesForEnvs(num("Normal"), zones, buffer, k);
  const auto = lib.autoscaled;
  const stat = lib.static;
  return {
    CatalogRow: row + 1,
    Vcpus: m.vcpus,
    MemoryMiB: m.memoryMiB,
    SharedCore: m.sharedCore ? 1 : 0,
    CatalogCapacityMemoryBytes: m.capacityMemoryBytes,
    CapacityMemoryKind: m.capacityKind,
    VolumeAttachLimit: m.attachLimit,
    TypeMaxPods: m.maxPods ?? 0,
    PlatformRow: platformRows.indexOf(model.platform) + 1,
    NominalCpuMillicores: model.nominal.cpuMillicores,
    NominalMemoryBytes: model.nominal.memoryBytes,
    CapacityMemoryBytes: model.capacity.memoryBytes,
    MaxPodsPerNode: model.maxPods.value,
    KubeReservedCpuMillicores: model.kubeReserved.cpuMillicores,
    KubeReservedMemoryMiB: mib(model.kubeReserved.memoryBytes),
    SystemReservedCpuMillicores: model.systemReserved.cpuMillicores,
    SystemReservedMemoryMiB: mib(model.systemReserved.memoryBytes),
    EvictionHardMiB: mib(model.evictionHard.memoryBytes),
    AllocatableCpuMillicores: pool.node.allocatable.cpuMillicores,
    AllocatableMemoryBytes: pool.node.allocatable.memoryBytes,
    AllocatablePods: model.allocatable.pods,
    DaemonSetCpuMillicores: model.daemonSets.cpuMillicores,
    DaemonSetMemoryMiB: mib(model.daemonSets.memoryBytes),
    DaemonSetPods: model.daemonSets.pods,
    ForEnvsCpuMillicores: pool.node.forEnvs.cpuMillicores,
    ForEnvsMemoryBytes: pool.node.forEnvs.memoryBytes,
    ForEnvsPods: pool.node.forEnvs.pods,
    ForEnvsVolumes: pool.node.forEnvs.volumes,
    PremiumStorage: m.premiumStorage ?? 0,
    LocalDiskGiB: m.localDiskGiB ?? 0,
    EphemeralOsDisk: model.bootDisk.type === "Ephemeral" ? 1 : 0,
    NodeBootDiskGiB: model.bootDisk.sizeGiB,
    NodeBootDiskClass: model.bootDisk.type,
    LocalSsds: m.localSsds,
    EphemeralDiskBytes: eph.diskBytes,
    CapacityEphemeralBytes: eph.capacityBytes,
    EphemeralKubeReservedBytes: eph.kubeReservedBytes,
    EvictionStepA: stepA,
    EvictionStepU: stepU,
    EvictionStepG: stepG,
    EvictionExactBytes: Number((BigInt(c) * 13421773n) / 134217728n),
    EphemeralEvictionHardBytes: eph.evictionHardBytes,
    AllocatableEphemeralBytes: eph.allocatableBytes,
    EphemeralImagesBytes: eph.reservedBytes,
    ForEnvsEphemeralBytes: eph.forEnvsBytes,
    EnvCpuMillicores: env.cpuMillicores,
    EnvMemoryBytes: env.memoryBytes,
    EnvEphemeralBytes: env.ephemeralStorageBytes,
    FitCpu: fit.perDimension.cpu,
    FitMemory: fit.perDimension.memory,
    FitPods: fitPods,
    FitVolumes: fit.perDimension.volumes,
    FitStorage: wantsStorage ? fitStorage : "no request",
    EnvsPerNode: k,
    RemainderCpu: remCpu,
    RemainderMemory: remMemory,
    RemainderStorage: remStorage,
    BindsAfterMemory: steps[0] as number,
    BindsAfterPods: steps[1] as number,
    BindsAfterVolumes: steps[2] as number,
    BindsAfterStorage: steps[3] as number,
    Binds: pool.node.binds[shape] ?? "",
    ...level(num("Peak"), "Peak"),
    NodesPeak: pool.nodes.peak,
    ...level(num("Normal"), "Normal"),
    NodesNormal: nodesNormal,
    MinNodes: pool.autoscaler.minNodes,
    MaxNodes: pool.autoscaler.maxNodes,
    MinNodesPerZone: pool.autoscaler.perZone.min,
    MaxNodesPerZone: pool.autoscaler.perZone.max,
    AutoscaledNodes: Math.max(pool.autoscaler.minNodes, nodesNormal),
    NodeHoursAutoscaled: auto.nodeHoursPerMonth,
    NodeHoursStatic: stat.nodeHoursPerMonth,
    NodeUsdPerHour: line(auto, "compute")?.unitPriceUsd ?? 0,
    BootDiskUsdPerDiskMonth: line(auto, "boot-disks")?.unitPriceUsd ?? 0,
    StorageRow: storageRow,
    TierRow: tierRow,
    EnvDiskUsdPerDiskMonth: line(auto, "env-disks")?.unitPriceUsd ?? 0,
    ExistingEnvs: lib.existingEnvs,
    ComputeUsd: usd(auto, "compute"),
    BootDisksUsd: usd(auto, "boot-disks"),
    ClusterFeeUsd: usd(auto, "cluster-fee"),
    EnvDisksUsd: usd(auto, "env-disks"),
    MonthlyCostUsd: auto.totalUsdPerMonth ?? auto.knownUsdPerMonth,
    StaticComputeUsd: usd(stat, "compute"),
    StaticBootDisksUsd: usd(stat, "boot-disks"),
    StaticMonthlyCostUsd: stat.totalUsdPerMonth ?? stat.knownUsdPerMonth,
  };
}
