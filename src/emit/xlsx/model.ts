/**
 * The plan of one env shape on one machine type as spreadsheet formulas (issue 13): every quantity of the
 * node model and of the plan, in order, each with the formula that computes it from the inputs, the
 * Catalog and the visible tables. One description serves two layouts (./workbook.ts):
 *
 * - the workbook itself: each quantity is a row of the Node model or Plan sheet; a reference to an input
 *   or an output of the contract is its defined name (`Peak`, `EnvsPerNode`), any other quantity its cell;
 * - a "Cases" sheet (the tests' batch check): one row per input set, one column per quantity, the same
 *   formulas with the references turned into that row's cells.
 *
 * The formulas mirror the library exactly (src/core/node-model.ts, overhead/*, packing.ts, planner/evaluate.ts,
 * bill/bill.ts): integers where the library keeps integers (millicores, bytes, MiB), floors and ceilings
 * where it floors and rounds up. Only functions that LibreOffice 7.4 and Excel both know, none that needs
 * array entry: SUMPRODUCT's arguments are element-wise arithmetic only (no IF, MIN or MAX inside it).
 *
 * Where a spreadsheet's 15-significant-digit rounding could matter (README "Spreadsheet"):
 * - the bracket sums are integers (portion × rate × 10000, as src/core/overhead/brackets.ts computes them)
 *   divided by 10000 once, so INT sees n / 10000 with n < 10^15: exact;
 * - envs per node: INT(a / r) of integers; a non-whole quotient is at least 1/r from the next whole number,
 *   far more than 15 digits can lose for node sizes below 10^14 bytes;
 * - nodes per zone: ROUNDUP(n / k) of whole numbers: the same argument;
 * - the tie rule of the binding dimension compares remainders cross-multiplied (rem_d × r_b < rem_b × r_d),
 *   exact while the products stay below 2^53 (an env of 32 vCPUs and 128 GiB gives 4.4 × 10^15);
 * - disks: ROUNDUP of the size in GiB (bytes / 2^30, exact in binary) to whole GiB; a size within 15
 *   digits of a whole GiB (10^6 GiB + 1 byte) would round differently from the library's Math.ceil.
 */
import { aksCpuBrackets, aksLegacyMemoryBracketsGiB } from "../../core/overhead/aks.js";
import type { Bracket } from "../../core/overhead/brackets.js";
import { gkeCpuBrackets, gkeMemoryBrackets } from "../../core/overhead/gke.js";
import { mibInGiB } from "../../core/units/brands.js";

/** The inputs, in the order of the Inputs sheet. Each is a workbook-scoped defined name (units in the name). */
export const inputNames = [
  "Peak",
  "Normal",
  "EnvCpu",
  "EnvMemoryGiB",
  "MachineType",
  "Platform",
  "Zones",
  "BufferEnvsPerZone",
  "DiskGiB",
  "StorageClass",
  "Users",
  "EnvsPerUser",
  "Pricing",
  "MaxPods",
  "MaxEnvsPerNode",
  "MinNodesFloor",
] as const;
export type InputName = (typeof inputNames)[number];

/** The outputs of the contract (defined names other sheets and the tests rely on). */
export const outputNames = [
  "EnvsPerNode",
  "NodesPeak",
  "MinNodes",
  "MaxNodes",
  "MonthlyCostUsd",
  "StaticMonthlyCostUsd",
  "AllocatableCpuMillicores",
  "AllocatableMemoryBytes",
] as const;
export type OutputName = (typeof outputNames)[number];

/** A bracket table as the sheet shows it: from, to (blank = no upper end), rate, rate × 10000 (an integer). */
export interface BracketTable {
  /** Prefix of its defined names: `<name>From`, `<name>To`, `<name>RateTimes10000`. */
  readonly name: string;
  readonly title: string;
  /** Unit of from/to, e.g. "millicores" or "MiB". */
  readonly unit: string;
  readonly source: string;
  /** The quantity the brackets apply to (its value on the chosen machine is shown beside each row). */
  readonly of: "NominalCpuMillicores" | "MemoryMiB";
  readonly rows: readonly Bracket[];
}

/** The four bracket tables of the platforms' published formulas, from the library's own constants. */
export const bracketTables: readonly BracketTable[] = [
  {
    name: "GkeCpu",
    title: "GKE and EKS kube-reserved CPU brackets (of machine millicores)",
    unit: "millicores",
    source: "src/core/overhead/gke.ts gkeCpuBrackets (GKE plan-node-sizes; EKS nodeadm uses the same tiers)",
    of: "NominalCpuMillicores",
    rows: gkeCpuBrackets,
  },
  {
    name: "GkeMemory",
    title: "GKE kube-reserved memory brackets (of machine MiB; a GKE 'GB' is 1000 MiB)",
    unit: "MiB",
    source: "src/core/overhead/gke.ts gkeMemoryBrackets (cluster-autoscaler gce/reserved.go)",
    of: "MemoryMiB",
    rows: gkeMemoryBrackets,
  },
  {
    name: "AksCpu",
    title: "AKS kube-reserved CPU brackets (of machine millicores; aks and aks-legacy)",
    unit: "millicores",
    source: "src/core/overhead/aks.ts aksCpuBrackets (learn.microsoft.com/azure/aks/node-resource-reservations)",
    of: "NominalCpuMillicores",
    rows: aksCpuBrackets,
  },
  {
    name: "AksLegacyMemory",
    title: "AKS legacy kube-reserved memory brackets (GiB brackets applied in MiB)",
    unit: "MiB",
    source: "src/core/overhead/aks.ts aksLegacyMemoryBracketsGiB × 1024 (karpenter-provider-azure reservedMemoryTaxGi)",
    of: "MemoryMiB",
    rows: aksLegacyMemoryBracketsGiB.map((b) => ({ from: b.from * mibInGiB, ...(b.to === undefined ? {} : { to: b.to * mibInGiB }), rate: b.rate })),
  },
];

/** rate × 10000 as the library applies it (src/core/overhead/brackets.ts). */
export const rateTimes10000 = (rate: number): number => Math.round(rate * 10000);

/**
 * Σ rate × 10000 × portion over a bracket table, portion = max(0, min(v, to) − from), written with
 * element-wise arithmetic only so that SUMPRODUCT needs no array entry anywhere: min(a, b) = (a + b − |a − b|) / 2,
 * max(0, x) = (x + |x|) / 2, and a blank `to` (no upper end) counts as 10^15. Every term is a whole number for
 * whole v, so the sum is exact.
 */
export function bracketSum(v: string, table: string): string {
  const to = `(${table}To+(${table}To="")*1E+15)`;
  const min = `((${v})+${to}-ABS((${v})-${to}))/2`;
  const part = `(${min}-${table}From)`;
  return `SUMPRODUCT(${table}RateTimes10000,(${part}+ABS(${part}))/2)`;
}

/** Which sheet a quantity is laid out on. */
export type ModelSheet = "Node model" | "Plan";

/** One computed quantity: a row of its sheet, a column of the Cases sheet. */
export interface Quantity {
  readonly id: string;
  readonly sheet: ModelSheet;
  /** Section heading it appears under. */
  readonly section: string;
  readonly label: string;
  readonly unit: string;
  /** What the formula does, and its source. */
  readonly note: string;
  /** The formula (without "="), references through `r`. */
  readonly formula: (r: Ref) => string;
  /** Text rather than a number (e.g. the binding dimension). */
  readonly text?: boolean;
  /** Money: shown with cents. */
  readonly money?: boolean;
}

/** Resolves a quantity or input id to a reference (a defined name, a cell). */
export type Ref = (id: string) => string;

/** Named single cells with constants of the published formulas (Node model and Catalog sheets). */
export const constantNames = {
  flatCpu: "FlatKubeReservedCpuMillicores",
  flatMemory: "FlatKubeReservedMemoryMiB",
  gkeSharedCpu: "GkeSharedCoreCpuMillicores",
  gkeSmallThreshold: "GkeSmallMachineMiB",
  gkeSmallReserved: "GkeSmallMachineReservedMiB",
  hoursPerMonth: "HoursPerMonth",
  hoursPerWeek: "HoursPerWeek",
  weeksPerMonth: "WeeksPerMonth",
  clusterFee: "ClusterFeeUsdPerHour",
  bootDiskGiB: "BootDiskGiB",
  bootDiskClass: "BootDiskClass",
} as const;

/** Defined names of the tables (Catalog sheet: machines, storage, tiers; Node model sheet: platforms). */
export const tableNames = {
  machineType: "CatalogMachineType",
  vcpus: "CatalogVcpus",
  memoryMiB: "CatalogMemoryMiB",
  sharedCore: "CatalogSharedCore",
  capacityBytes: "CatalogCapacityMemoryBytes",
  capacityKind: "CatalogCapacityMemoryKind",
  maxPods: "CatalogMaxPods",
  attachLimit: "CatalogVolumeAttachLimit",
  onDemand: "CatalogOnDemandUsdPerHour",
  spot: "CatalogSpotUsdPerHour",
  bootClass: "CatalogBootDiskClass",
  bootGiB: "CatalogBootDiskGiB",
  platformId: "PlatformIds",
  platformMaxPods: "PlatformMaxPods",
  platformEviction: "PlatformEvictionHardMiB",
  platformDsCpu: "PlatformDaemonSetCpuMillicores",
  platformDsMemory: "PlatformDaemonSetMemoryMiB",
  platformDsPods: "PlatformDaemonSetPods",
  providerPlatforms: "ProviderPlatforms",
  storageClass: "StorageClasses",
  storageBilling: "StorageBilling",
  storagePerGiB: "StorageUsdPerGiBMonth",
  tierClass: "TierClasses",
  tierSize: "TierSizesGiB",
  tierPrice: "TierUsdPerDiskMonth",
} as const;

const T = tableNames;
const C = constantNames;
const MiB = 1048576;
const GiB = 1073741824;
const pick = (r: Ref, table: string): string => `INDEX(${table},${r("CatalogRow")})`;
/** A price cell that may be blank (not published): #N/A then, never 0. */
const priced = (cell: string): string => `IF(${cell}="",NA(),${cell})`;

const node = (section: string, q: Omit<Quantity, "sheet" | "section">): Quantity => ({ sheet: "Node model", section, ...q });
const plan = (section: string, q: Omit<Quantity, "sheet" | "section">): Quantity => ({ sheet: "Plan", section, ...q });

/** Nodes at a level: Σ over zones ⌈(envs in the zone + buffer) / k⌉, in closed form (the busier zones hold one more). */
function levelQuantities(level: "Peak" | "Normal", total: string): Quantity[] {
  const section = `Nodes at ${level.toLowerCase()} demand`;
  return [
    plan(section, {
      id: `${level}EnvsPerZone`,
      label: `envs per zone, ⌊${level} / Zones⌋`,
      unit: "envs",
      note: "each zone gets ⌊d/Z⌋ envs; the d mod Z remaining envs go one each to the first zones (src/core/mix/instance.ts spreadOverZones)",
      formula: (r) => `INT(${r(level)}/${r("Zones")})`,
    }),
    plan(section, {
      id: `${level}ZonesWithOneMore`,
      label: `zones with one env more, ${level} mod Zones`,
      unit: "zones",
      note: "",
      formula: (r) => `MOD(${r(level)},${r("Zones")})`,
    }),
    plan(section, {
      id: `${level}NodesPerBusierZone`,
      label: "nodes in each of those zones, ⌈(envs + 1 + buffer) / envs per node⌉",
      unit: "nodes",
      note: "per-zone rounding: PVCs and nodes are zonal (src/core/demand.ts nodesForEnvs); #N/A when no env fits a node",
      formula: (r) => `IF(${r("EnvsPerNode")}<1,NA(),ROUNDUP((${r(`${level}EnvsPerZone`)}+1+${r("BufferEnvsPerZone")})/${r("EnvsPerNode")},0))`,
    }),
    plan(section, {
      id: `${level}NodesPerOtherZone`,
      label: "nodes in each other zone, ⌈(envs + buffer) / envs per node⌉",
      unit: "nodes",
      note: "",
      formula: (r) => `IF(${r("EnvsPerNode")}<1,NA(),ROUNDUP((${r(`${level}EnvsPerZone`)}+${r("BufferEnvsPerZone")})/${r("EnvsPerNode")},0))`,
    }),
    plan(section, {
      id: total,
      label: `nodes at ${level.toLowerCase()} demand (all zones)`,
      unit: "nodes",
      note: "Σ over zones (src/core/planner/pack.ts: one shape on one type, ⌈d/k⌉ per zone)",
      formula: (r) =>
        `${r(`${level}ZonesWithOneMore`)}*${r(`${level}NodesPerBusierZone`)}+(${r("Zones")}-${r(`${level}ZonesWithOneMore`)})*${r(`${level}NodesPerOtherZone`)}`,
    }),
  ];
}

/** Every computed quantity, in evaluation order (a formula refers only to inputs and earlier quantities). */
export const quantities: readonly Quantity[] = [
  // ---- Node model: the machine, from the Catalog
  node("Machine (from the Catalog)", {
    id: "CatalogRow",
    label: "row of MachineType in the Catalog",
    unit: "",
    note: "MATCH on the Catalog's machine types",
    formula: (r) => `MATCH(${r("MachineType")},${T.machineType},0)`,
  }),
  node("Machine (from the Catalog)", { id: "Vcpus", label: "vCPUs", unit: "vCPUs", note: "", formula: (r) => pick(r, T.vcpus) }),
  node("Machine (from the Catalog)", { id: "MemoryMiB", label: "nominal memory", unit: "MiB", note: "", formula: (r) => pick(r, T.memoryMiB) }),
  node("Machine (from the Catalog)", {
    id: "SharedCore",
    label: "shared-core (1 = yes)",
    unit: "",
    note: "GCE shared-core E2 types get a fixed CPU reservation on GKE",
    formula: (r) => pick(r, T.sharedCore),
  }),
  node("Machine (from the Catalog)", {
    id: "CatalogCapacityMemoryBytes",
    label: "capacity memory in the Catalog (estimate, or observed)",
    unit: "bytes",
    note: "the library's estimate of status.capacity.memory (src/core/capacity.ts), or the observed value given with --capacity-memory",
    formula: (r) => pick(r, T.capacityBytes),
  }),
  node("Machine (from the Catalog)", {
    id: "CapacityMemoryKind",
    label: "capacity memory kind",
    unit: "",
    note: "estimated or observed",
    formula: (r) => pick(r, T.capacityKind),
    text: true,
  }),
  node("Machine (from the Catalog)", {
    id: "VolumeAttachLimit",
    label: "volume attach limit",
    unit: "volumes",
    note: "the provider's CSI attach limit (Catalog)",
    formula: (r) => pick(r, T.attachLimit),
  }),
  node("Machine (from the Catalog)", {
    id: "TypeMaxPods",
    label: "max pods of the type (EKS ENI formula; 0 = none)",
    unit: "pods",
    note: "EKS VPC CNI: ENIs × (IPv4 per ENI − 1) + 2 (amazon-eks-ami)",
    formula: (r) => `N(${pick(r, T.maxPods)})`,
  }),
  node("Machine (from the Catalog)", {
    id: "PlatformRow",
    label: "row of Platform in the platform table",
    unit: "",
    note: "",
    formula: (r) => `MATCH(${r("Platform")},${T.platformId},0)`,
  }),
  // ---- Node model: capacity
  node("Capacity", {
    id: "NominalCpuMillicores",
    label: "capacity CPU = vCPUs × 1000",
    unit: "millicores",
    note: "",
    formula: (r) => `${r("Vcpus")}*1000`,
  }),
  node("Capacity", {
    id: "NominalMemoryBytes",
    label: "nominal memory = MiB × 2^20",
    unit: "bytes",
    note: "",
    formula: (r) => `${r("MemoryMiB")}*${MiB}`,
  }),
  node("Capacity", {
    id: "CapacityMemoryBytes",
    label: "capacity memory",
    unit: "bytes",
    note: "the Catalog's value; the flat platform uses the nominal memory unless the value is observed (src/core/node-model.ts)",
    formula: (r) => `IF(AND(${r("Platform")}="flat",${r("CapacityMemoryKind")}<>"observed"),${r("NominalMemoryBytes")},${r("CatalogCapacityMemoryBytes")})`,
  }),
  node("Capacity", {
    id: "MaxPodsPerNode",
    label: "max pods per node",
    unit: "pods",
    note: "MaxPods when given, else EKS: the type's ENI formula, else the platform's default (platform table)",
    formula: (r) =>
      `IF(${r("MaxPods")}>0,${r("MaxPods")},IF(AND(${r("Platform")}="eks",${r("TypeMaxPods")}>0),${r("TypeMaxPods")},INDEX(${T.platformMaxPods},${r("PlatformRow")})))`,
  }),
  // ---- Node model: reservations
  node("Reservations (computed from the nominal size)", {
    id: "KubeReservedCpuMillicores",
    label: "kube-reserved CPU",
    unit: "millicores",
    note: "flat: 200 m; gke: shared-core 1060 m, else ⌊Σ GKE CPU brackets⌋; aks, aks-legacy: ⌊Σ AKS CPU brackets⌋; eks: ⌊Σ GKE CPU brackets⌋ (src/core/overhead)",
    formula: (r) => {
      const p = r("Platform");
      const gke = `INT(${bracketSum(r("NominalCpuMillicores"), "GkeCpu")}/10000)`;
      const aks = `INT(${bracketSum(r("NominalCpuMillicores"), "AksCpu")}/10000)`;
      return `IF(${p}="flat",${C.flatCpu},IF(AND(${p}="gke",${r("SharedCore")}=1),${C.gkeSharedCpu},IF(OR(${p}="aks",${p}="aks-legacy"),${aks},${gke})))`;
    },
  }),
  node("Reservations (computed from the nominal size)", {
    id: "KubeReservedMemoryMiB",
    label: "kube-reserved memory",
    unit: "MiB",
    note: "flat: 2048 MiB (the guides' 2 GB, the high end); gke: ≤ 1000 MiB → 255, else ⌊Σ GKE memory brackets⌋; aks: min(20 × max pods + 50, ⌊MiB / 4⌋); aks-legacy: ⌊Σ legacy brackets⌋; eks: 11 × max pods + 255",
    formula: (r) => {
      const p = r("Platform");
      const mem = r("MemoryMiB");
      const pods = r("MaxPodsPerNode");
      return (
        `IF(${p}="flat",${C.flatMemory},` +
        `IF(${p}="gke",IF(${mem}<=${C.gkeSmallThreshold},${C.gkeSmallReserved},INT(${bracketSum(mem, "GkeMemory")}/10000)),` +
        `IF(${p}="aks",MIN(20*${pods}+50,INT(${mem}/4)),` +
        `IF(${p}="aks-legacy",INT(${bracketSum(mem, "AksLegacyMemory")}/10000),` +
        `IF(${p}="eks",11*${pods}+255,NA())))))`
      );
    },
  }),
  node("Reservations (computed from the nominal size)", {
    id: "SystemReservedCpuMillicores",
    label: "system-reserved CPU",
    unit: "millicores",
    note: "0 on every managed platform (GKE, AKS --system-reserved=cpu=0, EKS)",
    formula: () => "0",
  }),
  node("Reservations (computed from the nominal size)", {
    id: "SystemReservedMemoryMiB",
    label: "system-reserved memory",
    unit: "MiB",
    note: "0 on every managed platform",
    formula: () => "0",
  }),
  node("Reservations (computed from the nominal size)", {
    id: "EvictionHardMiB",
    label: "hard eviction memory.available",
    unit: "MiB",
    note: "platform table",
    formula: (r) => `INDEX(${T.platformEviction},${r("PlatformRow")})`,
  }),
  // ---- Node model: allocatable
  node("Allocatable (capacity − reservations − eviction)", {
    id: "AllocatableCpuMillicores",
    label: "allocatable CPU",
    unit: "millicores",
    note: "max(0, capacity − kube-reserved − system-reserved)",
    formula: (r) => `MAX(0,${r("NominalCpuMillicores")}-${r("KubeReservedCpuMillicores")}-${r("SystemReservedCpuMillicores")})`,
  }),
  node("Allocatable (capacity − reservations − eviction)", {
    id: "AllocatableMemoryBytes",
    label: "allocatable memory",
    unit: "bytes",
    note: "max(0, capacity − (kube-reserved + system-reserved + eviction) × 2^20)",
    formula: (r) => `MAX(0,${r("CapacityMemoryBytes")}-(${r("KubeReservedMemoryMiB")}+${r("SystemReservedMemoryMiB")}+${r("EvictionHardMiB")})*${MiB})`,
  }),
  node("Allocatable (capacity − reservations − eviction)", {
    id: "AllocatablePods",
    label: "allocatable pods",
    unit: "pods",
    note: "= max pods",
    formula: (r) => r("MaxPodsPerNode"),
  }),
  // ---- Node model: DaemonSets
  node("DaemonSets and static pods (platform table)", {
    id: "DaemonSetCpuMillicores",
    label: "DaemonSet CPU requests",
    unit: "millicores",
    note: "",
    formula: (r) => `INDEX(${T.platformDsCpu},${r("PlatformRow")})`,
  }),
  node("DaemonSets and static pods (platform table)", {
    id: "DaemonSetMemoryMiB",
    label: "DaemonSet memory requests",
    unit: "MiB",
    note: "",
    formula: (r) => `INDEX(${T.platformDsMemory},${r("PlatformRow")})`,
  }),
  node("DaemonSets and static pods (platform table)", {
    id: "DaemonSetPods",
    label: "DaemonSet pods",
    unit: "pods",
    note: "",
    formula: (r) => `INDEX(${T.platformDsPods},${r("PlatformRow")})`,
  }),
  // ---- Node model: for envs
  node("For envs (allocatable − DaemonSets)", {
    id: "ForEnvsCpuMillicores",
    label: "CPU for envs",
    unit: "millicores",
    note: "max(0, allocatable − DaemonSets)",
    formula: (r) => `MAX(0,${r("AllocatableCpuMillicores")}-${r("DaemonSetCpuMillicores")})`,
  }),
  node("For envs (allocatable − DaemonSets)", {
    id: "ForEnvsMemoryBytes",
    label: "memory for envs",
    unit: "bytes",
    note: "",
    formula: (r) => `MAX(0,${r("AllocatableMemoryBytes")}-${r("DaemonSetMemoryMiB")}*${MiB})`,
  }),
  node("For envs (allocatable − DaemonSets)", {
    id: "ForEnvsPods",
    label: "pod slots for envs",
    unit: "pods",
    note: "",
    formula: (r) => `MAX(0,${r("AllocatablePods")}-${r("DaemonSetPods")})`,
  }),
  node("For envs (allocatable − DaemonSets)", {
    id: "ForEnvsVolumes",
    label: "volume slots for envs",
    unit: "volumes",
    note: "= the attach limit",
    formula: (r) => r("VolumeAttachLimit"),
  }),
  // ---- Plan: env request and envs per node
  plan("Env request", {
    id: "EnvCpuMillicores",
    label: "env CPU request",
    unit: "millicores",
    note: "EnvCpu × 1000",
    formula: (r) => `ROUND(${r("EnvCpu")}*1000,0)`,
  }),
  plan("Env request", {
    id: "EnvMemoryBytes",
    label: "env memory request",
    unit: "bytes",
    note: "EnvMemoryGiB × 2^30; each env is also one pod and one volume",
    formula: (r) => `ROUND(${r("EnvMemoryGiB")}*${GiB},0)`,
  }),
  plan("Envs per node, per dimension", {
    id: "FitCpu",
    label: "by CPU, ⌊CPU for envs / env CPU⌋",
    unit: "envs",
    note: "src/core/packing.ts",
    formula: (r) => `INT(${r("ForEnvsCpuMillicores")}/${r("EnvCpuMillicores")})`,
  }),
  plan("Envs per node, per dimension", {
    id: "FitMemory",
    label: "by memory, ⌊memory for envs / env memory⌋",
    unit: "envs",
    note: "",
    formula: (r) => `INT(${r("ForEnvsMemoryBytes")}/${r("EnvMemoryBytes")})`,
  }),
  plan("Envs per node, per dimension", {
    id: "FitPods",
    label: "by pod slots (one pod per env; MaxEnvsPerNode caps it)",
    unit: "envs",
    note: "src/core/resources.ts withPodCap",
    formula: (r) => `IF(${r("MaxEnvsPerNode")}>0,MIN(${r("ForEnvsPods")},${r("MaxEnvsPerNode")}),${r("ForEnvsPods")})`,
  }),
  plan("Envs per node, per dimension", {
    id: "FitVolumes",
    label: "by volume slots (one volume per env)",
    unit: "envs",
    note: "",
    formula: (r) => r("ForEnvsVolumes"),
  }),
  plan("Envs per node, per dimension", {
    id: "EnvsPerNode",
    label: "envs per node = the smallest",
    unit: "envs",
    note: "min over the four dimensions (docs/packing.md §1.2)",
    formula: (r) => `MIN(${r("FitCpu")},${r("FitMemory")},${r("FitPods")},${r("FitVolumes")})`,
  }),
  plan("What binds", {
    id: "RemainderCpu",
    label: "CPU left on a node after ⌊…⌋ envs",
    unit: "millicores",
    note: "for the tie rule: among dimensions with the same ⌊a/r⌋, the smallest a/r binds (rem_d × r_b < rem_b × r_d, exact in integers)",
    formula: (r) => `${r("ForEnvsCpuMillicores")}-${r("FitCpu")}*${r("EnvCpuMillicores")}`,
  }),
  plan("What binds", {
    id: "RemainderMemory",
    label: "memory left on a node after ⌊…⌋ envs",
    unit: "bytes",
    note: "",
    formula: (r) => `${r("ForEnvsMemoryBytes")}-${r("FitMemory")}*${r("EnvMemoryBytes")}`,
  }),
  plan("What binds", {
    id: "BindsAfterMemory",
    label: "binding so far: 1 cpu, 2 memory",
    unit: "",
    note: "memory binds if it fits fewer envs, or as many with a smaller exact ratio",
    formula: (r) =>
      `IF(OR(${r("FitMemory")}<${r("FitCpu")},AND(${r("FitMemory")}=${r("FitCpu")},${r("RemainderMemory")}*${r("EnvCpuMillicores")}<${r("RemainderCpu")}*${r("EnvMemoryBytes")})),2,1)`,
  }),
  plan("What binds", {
    id: "BindsAfterPods",
    label: "binding so far: 1 cpu, 2 memory, 3 pods",
    unit: "",
    note: "pods (uncapped) bind if they fit fewer envs, or as many while the other dimension leaves a remainder",
    formula: (r) => {
      const b = r("BindsAfterMemory");
      const fit = `CHOOSE(${b},${r("FitCpu")},${r("FitMemory")})`;
      const rem = `CHOOSE(${b},${r("RemainderCpu")},${r("RemainderMemory")})`;
      return `IF(OR(${r("ForEnvsPods")}<${fit},AND(${r("ForEnvsPods")}=${fit},${rem}>0)),3,${b})`;
    },
  }),
  plan("What binds", {
    id: "BindsAfterVolumes",
    label: "binding: 1 cpu, 2 memory, 3 pods, 4 volumes",
    unit: "",
    note: "",
    formula: (r) => {
      const b = r("BindsAfterPods");
      const fit = `CHOOSE(${b},${r("FitCpu")},${r("FitMemory")},${r("ForEnvsPods")})`;
      const rem = `CHOOSE(${b},${r("RemainderCpu")},${r("RemainderMemory")},0)`;
      return `IF(OR(${r("FitVolumes")}<${fit},AND(${r("FitVolumes")}=${fit},${rem}>0)),4,${b})`;
    },
  }),
  plan("What binds", {
    id: "Binds",
    label: "what binds",
    unit: "",
    note: "max-envs-per-node when the cap is below what the node holds uncapped (src/core/planner/evaluate.ts)",
    formula: (r) =>
      `IF(AND(${r("MaxEnvsPerNode")}>0,MIN(${r("FitCpu")},${r("FitMemory")},${r("ForEnvsPods")},${r("FitVolumes")})>${r("MaxEnvsPerNode")}),"max-envs-per-node",CHOOSE(${r("BindsAfterVolumes")},"cpu","memory","pods","volumes"))`,
    text: true,
  }),
  ...levelQuantities("Peak", "NodesPeak"),
  ...levelQuantities("Normal", "NodesNormal"),
  // ---- Plan: autoscaler bounds
  plan("Autoscaler bounds (pool totals)", {
    id: "MinNodes",
    label: "min nodes = nodes at normal demand (at least MinNodesFloor)",
    unit: "nodes",
    note: "src/core/planner/evaluate.ts",
    formula: (r) => `MAX(${r("NodesNormal")},${r("MinNodesFloor")})`,
  }),
  plan("Autoscaler bounds (pool totals)", {
    id: "MaxNodes",
    label: "max nodes = max(min, nodes at peak)",
    unit: "nodes",
    note: "",
    formula: (r) => `MAX(${r("MinNodes")},${r("NodesPeak")})`,
  }),
  plan("Autoscaler bounds (pool totals)", {
    id: "MinNodesPerZone",
    label: "min nodes per zone, ⌈min / Zones⌉",
    unit: "nodes",
    note: "GKE --min-nodes",
    formula: (r) => `ROUNDUP(${r("MinNodes")}/${r("Zones")},0)`,
  }),
  plan("Autoscaler bounds (pool totals)", {
    id: "MaxNodesPerZone",
    label: "max nodes per zone, ⌈max / Zones⌉",
    unit: "nodes",
    note: "GKE --max-nodes",
    formula: (r) => `ROUNDUP(${r("MaxNodes")}/${r("Zones")},0)`,
  }),
  // ---- Plan: node-hours
  plan("Node-hours per month", {
    id: "AutoscaledNodes",
    label: "nodes running (autoscaled): max(min, nodes at normal) all week",
    unit: "nodes",
    note: "no hourly profile: demand is flat at Normal (src/core/demand.ts autoscaledNodes)",
    formula: (r) => `MAX(${r("MinNodes")},${r("NodesNormal")})`,
  }),
  plan("Node-hours per month", {
    id: "NodeHoursAutoscaled",
    label: "node-hours (autoscaled) = nodes × 168 h × weeks per month",
    unit: "node-hours",
    note: "a month is 730 h = 730/168 typical weeks",
    formula: (r) => `${r("AutoscaledNodes")}*${C.hoursPerWeek}*${C.weeksPerMonth}`,
  }),
  plan("Node-hours per month", {
    id: "NodeHoursStatic",
    label: "node-hours (static pool at max nodes)",
    unit: "node-hours",
    note: "",
    formula: (r) => `${r("MaxNodes")}*${C.hoursPerWeek}*${C.weeksPerMonth}`,
  }),
  // ---- Plan: prices
  plan("Prices", {
    id: "NodeUsdPerHour",
    label: "node price for Pricing",
    unit: "USD/hour",
    note: "the Catalog's on-demand or spot price; #N/A when not published",
    formula: (r) => `IF(${r("Pricing")}="spot",${priced(pick(r, T.spot))},${priced(pick(r, T.onDemand))})`,
    money: true,
  }),
  plan("Prices", {
    id: "BootDiskUsdPerDiskMonth",
    label: "boot disk per node-month",
    unit: "USD/disk-month",
    note: "GKE 100 GiB pd-balanced, EKS 20 GiB gp3: ⌈GiB⌉ × USD per GiB-month; AKS: 0 with an ephemeral OS disk, else the managed disk's tier price (0 when not published: the plan leaves it out with a warning)",
    formula: (r) => {
      // The machine's row of the Catalog (its boot disk depends on the type on AKS: src/core/ephemeral.ts resolveBootDisk).
      const cls = pick(r, T.bootClass);
      const gib = pick(r, T.bootGiB);
      // The first tier of the class whose size ≥ the disk (src/catalog/storage-lookup.ts diskPrice), as TierRow does for env disks.
      const row = `IF(ISNA(MATCH(${cls},${T.tierClass},0)),0,MATCH(${cls},${T.tierClass},0)+SUMPRODUCT((${T.tierClass}=${cls})*(${T.tierSize}<${gib})))`;
      const tiered = `IF(OR(${row}=0,${row}>ROWS(${T.tierClass})),0,IF(INDEX(${T.tierClass},${row})<>${cls},0,IFERROR(${priced(`INDEX(${T.tierPrice},${row})`)},0)))`;
      const perGiB = `ROUNDUP(${gib},0)*${priced(`INDEX(${T.storagePerGiB},MATCH(${cls},${T.storageClass},0))`)}`;
      return `IF(${gib}=0,0,IF(INDEX(${T.storageBilling},MATCH(${cls},${T.storageClass},0))="tiered",${tiered},${perGiB}))`;
    },
    money: true,
  }),
  plan("Prices", {
    id: "StorageRow",
    label: "row of StorageClass in the storage table",
    unit: "",
    note: "",
    formula: (r) => `MATCH(${r("StorageClass")},${T.storageClass},0)`,
  }),
  plan("Prices", {
    id: "TierRow",
    label: "row of the disk's tier (tiered classes; 0 = none)",
    unit: "",
    note: "the first tier of the class whose size ≥ DiskGiB (src/catalog/storage-lookup.ts diskPrice)",
    formula: (r) =>
      `IF(ISNA(MATCH(${r("StorageClass")},${T.tierClass},0)),0,MATCH(${r("StorageClass")},${T.tierClass},0)+SUMPRODUCT((${T.tierClass}=${r("StorageClass")})*(${T.tierSize}<${r("DiskGiB")})))`,
  }),
  plan("Prices", {
    id: "EnvDiskUsdPerDiskMonth",
    label: "env disk per disk-month",
    unit: "USD/disk-month",
    note: "per-GiB classes: ⌈DiskGiB⌉ × USD per GiB-month; tiered (Azure): the tier's price; 0 when DiskGiB = 0; #N/A when not published or above the largest tier",
    formula: (r) => {
      const row = r("TierRow");
      const tiered = `IF(OR(${row}=0,${row}>ROWS(${T.tierClass})),NA(),IF(INDEX(${T.tierClass},${row})<>${r("StorageClass")},NA(),${priced(`INDEX(${T.tierPrice},${row})`)}))`;
      const perGiB = `ROUNDUP(${r("DiskGiB")},0)*${priced(`INDEX(${T.storagePerGiB},${r("StorageRow")})`)}`;
      return `IF(${r("DiskGiB")}<=0,0,IF(INDEX(${T.storageBilling},${r("StorageRow")})="tiered",${tiered},${perGiB}))`;
    },
    money: true,
  }),
  plan("Prices", {
    id: "ExistingEnvs",
    label: "existing envs (each keeps a disk) = Users × EnvsPerUser, or Peak without Users",
    unit: "envs",
    note: "src/core/planner/planner.ts",
    formula: (r) => `IF(${r("Users")}>0,${r("Users")}*${r("EnvsPerUser")},${r("Peak")})`,
  }),
  // ---- Plan: bill (autoscaled)
  plan("Monthly bill, autoscaled pool", {
    id: "ComputeUsd",
    label: "compute = node-hours × node price",
    unit: "USD/month",
    note: "src/core/cost.ts computeCost",
    formula: (r) => `${r("NodeHoursAutoscaled")}*${r("NodeUsdPerHour")}`,
    money: true,
  }),
  plan("Monthly bill, autoscaled pool", {
    id: "BootDisksUsd",
    label: "boot disks = node-hours / 730 × per disk-month",
    unit: "USD/month",
    note: "src/core/bill/bill.ts",
    formula: (r) => `${r("NodeHoursAutoscaled")}/${C.hoursPerMonth}*${r("BootDiskUsdPerDiskMonth")}`,
    money: true,
  }),
  plan("Monthly bill, autoscaled pool", {
    id: "ClusterFeeUsd",
    label: "cluster management fee = 730 h × fee per hour",
    unit: "USD/month",
    note: "the provider's default tier (Catalog)",
    formula: () => `${C.hoursPerMonth}*${C.clusterFee}`,
    money: true,
  }),
  plan("Monthly bill, autoscaled pool", {
    id: "EnvDisksUsd",
    label: "env disks = existing envs × per disk-month",
    unit: "USD/month",
    note: "billed while envs are stopped too",
    formula: (r) => `${r("ExistingEnvs")}*${r("EnvDiskUsdPerDiskMonth")}`,
    money: true,
  }),
  plan("Monthly bill, autoscaled pool", {
    id: "MonthlyCostUsd",
    label: "total, autoscaled",
    unit: "USD/month",
    note: "",
    formula: (r) => `${r("ComputeUsd")}+${r("BootDisksUsd")}+${r("ClusterFeeUsd")}+${r("EnvDisksUsd")}`,
    money: true,
  }),
  // ---- Plan: bill (static)
  plan("Monthly bill, static pool at max nodes", {
    id: "StaticComputeUsd",
    label: "compute",
    unit: "USD/month",
    note: "",
    formula: (r) => `${r("NodeHoursStatic")}*${r("NodeUsdPerHour")}`,
    money: true,
  }),
  plan("Monthly bill, static pool at max nodes", {
    id: "StaticBootDisksUsd",
    label: "boot disks",
    unit: "USD/month",
    note: "",
    formula: (r) => `${r("NodeHoursStatic")}/${C.hoursPerMonth}*${r("BootDiskUsdPerDiskMonth")}`,
    money: true,
  }),
  plan("Monthly bill, static pool at max nodes", {
    id: "StaticMonthlyCostUsd",
    label: "total, static (cluster fee and env disks as above)",
    unit: "USD/month",
    note: "",
    formula: (r) => `${r("StaticComputeUsd")}+${r("StaticBootDisksUsd")}+${r("ClusterFeeUsd")}+${r("EnvDisksUsd")}`,
    money: true,
  }),
];

/** The ids that are defined names: the inputs and the contract's outputs. */
export const namedIds: ReadonlySet<string> = new Set<string>([...inputNames, ...outputNames]);
