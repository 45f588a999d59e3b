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
 *   exact while the products stay below 2^53 (an env of 32 vCPUs and 128 GiB gives 4.4 × 10^15). Ephemeral
 *   storage against memory multiplies bytes by bytes (4cpu16g@eph=20Gi: up to about 3.7 × 10^20), so there a
 *   tie within 15 digits keeps the earlier dimension: only the "what binds" label can differ, never a count;
 * - disks: ROUNDUP of the size in GiB (bytes / 2^30, exact in binary) to whole GiB; a size within 15
 *   digits of a whole GiB (10^6 GiB + 1 byte) would round differently from the library's Math.ceil.
 * - ephemeral storage (issue 16): the kubelet's int64(float64(capacity) × float32(0.1)) would lose its last
 *   digits in one INT (a quotient near 10^10 keeps only 4 decimals, and INT rounds x.99998 up), so it is
 *   taken in integer steps (EvictionStep*, each quotient with at most 8 integer digits and a fraction that is
 *   a multiple of 2^-27 or coarser) to the exact floor k, then k + 1 where the float64 product itself
 *   reaches k + 1 (product − k ≥ 1: a difference of close doubles, exact). Exact for capacities below 2^46
 *   bytes (64 TiB). GKE's ⌈35 % of the disk⌉ uses CEILING(x, 1), not ROUNDUP: LibreOffice's ROUNDUP drops
 *   the fraction of numbers from about 10^11 on (LibreOffice 7.4: ROUNDUP(123456789012.2; 0) = 123456789012,
 *   found by the tests at a 268 GiB disk). The disk is whole GiB and the double product of 0.35 never lies
 *   above the true one, so CEILING and Math.ceil agree (every size from 10 GiB to 64 TiB is checked in the tests).
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
  "EnvEphemeralStorageGiB",
  "BootDiskSizeGiB",
  "BootDiskType",
  "EphemeralReservedGiB",
  "EphemeralLocalSsd",
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
  /** The workbook's provider (gcp, azure, aws): the boot disk and ephemeral-storage rules depend on it. */
  provider: "CatalogProvider",
  /** The provider's default boot disk: GKE 100 GiB, EKS 20 GiB, AKS 128 GiB (its OS disk size when ephemeral). */
  bootDiskGiB: "BootDiskGiB",
  /** The provider's default boot disk class: pd-balanced, gp3; "" on AKS (chosen per type). */
  bootDiskClass: "BootDiskClass",
  /** Boot disk size − status.capacity.ephemeral-storage on a published node of the provider (KiB; src/core/ephemeral.ts). */
  ephemeralLossKiB: "EphemeralCapacityLossKiB",
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
  premium: "CatalogPremiumStorage",
  localDiskGiB: "CatalogLocalDiskGiB",
  localSsds: "CatalogLocalSsds",
  capacityEphemeral: "CatalogCapacityEphemeralStorageBytes",
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

/**
 * ⌊c × float32(0.1)⌋ = ⌊c × 13421773 / 2^27⌋ in exact spreadsheet steps (see the header): a = ⌊c / 2^27⌋,
 * u = ⌊(c − a·2^27) / 2^14⌋, g = ⌊u × 13421773 / 2^13⌋, then a × 13421773 + g + ⌊(h·2^14 + v × 13421773) / 2^27⌋
 * with v = c − a·2^27 − u·2^14 and h = u × 13421773 − g·2^13. Each takes references (cells or expressions).
 */
export const evictionSteps = {
  a: (c: string): string => `INT(${c}/134217728)`,
  u: (c: string, a: string): string => `INT((${c}-${a}*134217728)/16384)`,
  g: (u: string): string => `INT(${u}*13421773/8192)`,
  exact: (c: string, a: string, u: string, g: string): string =>
    `${a}*13421773+${g}+INT(((${u}*13421773-${g}*8192)*16384+(${c}-${a}*134217728-${u}*16384)*13421773)/134217728)`,
  /**
   * The kubelet's value from the exact floor k: it multiplies in float64, which rounds the product to the
   * nearest double and can round k + 0.99999… up to k + 1 (from about 1.25 TiB on). The spreadsheet's own
   * product is the same IEEE double; product − k is then a difference of two close doubles (exact) compared
   * with 1, which no 15-digit rounding can blur.
   */
  kubelet: (c: string, k: string): string => `${k}+IF(${c}*(13421773/134217728)-${k}>=1,1,0)`,
};

/** GKE's boot-disk ephemeral-storage reservation of a disk of `d` bytes: min(⌈50 %⌉, 6 GiB + ⌈35 %⌉, 100 GiB). */
export const gkeBootDiskReserved = (d: string): string => `MIN(CEILING(${d}*0.5,1),6*${GiB}+CEILING(${d}*0.35,1),100*${GiB})`;

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
  // ---- Node model: boot disk (issue 16; src/core/ephemeral.ts resolveBootDisk)
  node("Boot disk (given, or the provider's default for the type)", {
    id: "PremiumStorage",
    label: "takes Premium SSD (AKS; 1 = yes)",
    unit: "",
    note: "Azure naming convention: 's' = Premium Storage capable (Catalog)",
    formula: (r) => `N(${pick(r, T.premium)})`,
  }),
  node("Boot disk (given, or the provider's default for the type)", {
    id: "LocalDiskGiB",
    label: "largest local disk, cache or temp (AKS)",
    unit: "GiB",
    note: "the Azure size pages (Catalog); blank = unknown, counted as none",
    formula: (r) => `N(${pick(r, T.localDiskGiB)})`,
  }),
  node("Boot disk (given, or the provider's default for the type)", {
    id: "EphemeralOsDisk",
    label: "AKS ephemeral OS disk (1 = yes)",
    unit: "",
    note: "AKS: BootDiskType Ephemeral, or no type given on a Premium-capable size whose cache or temp disk holds the OS disk (given size, else 128 GiB) — AKS 'Cluster configuration', Ephemeral OS",
    formula: (r) =>
      `IF(${C.provider}<>"azure",0,IF(${r("BootDiskType")}="Ephemeral",1,IF(AND(${r("BootDiskType")}="",${r("PremiumStorage")}=1,${r("LocalDiskGiB")}>=IF(N(${r("BootDiskSizeGiB")})>0,${r("BootDiskSizeGiB")},${C.bootDiskGiB})),1,0)))`,
  }),
  node("Boot disk (given, or the provider's default for the type)", {
    id: "NodeBootDiskGiB",
    label: "boot disk size",
    unit: "GiB",
    note: "BootDiskSizeGiB when given; else GKE 100, EKS 20, AKS 128 when ephemeral, else AKS's default managed OS disk by vCPUs: 128 (1–7), 256 (8–15), 512 (16–63), 1024 (64+) — AKS 'Cluster configuration', Default OS disk sizing",
    formula: (r) =>
      `IF(N(${r("BootDiskSizeGiB")})>0,${r("BootDiskSizeGiB")},IF(AND(${C.provider}="azure",${r("EphemeralOsDisk")}=0),IF(${r("Vcpus")}>=64,1024,IF(${r("Vcpus")}>=16,512,IF(${r("Vcpus")}>=8,256,128))),${C.bootDiskGiB}))`,
  }),
  node("Boot disk (given, or the provider's default for the type)", {
    id: "NodeBootDiskClass",
    label: "boot disk type (storage class it is billed as)",
    unit: "",
    note: "BootDiskType when given; else GKE pd-balanced, EKS gp3; AKS Ephemeral (billed with the VM), else Premium_LRS on Premium-capable sizes, StandardSSD_LRS on the others",
    formula: (r) =>
      `IF(${r("EphemeralOsDisk")}=1,"Ephemeral",IF(${r("BootDiskType")}<>"",${r("BootDiskType")},IF(${C.provider}="azure",IF(${r("PremiumStorage")}=1,"Premium_LRS","StandardSSD_LRS"),${C.bootDiskClass})))`,
    text: true,
  }),
  // ---- Node model: ephemeral storage (src/core/ephemeral.ts ephemeralStorageModel)
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "LocalSsds",
    label: "local SSDs of the type (GKE -lssd types)",
    unit: "disks",
    note: "Compute Engine C3 machine series table (Catalog); 375 GiB each",
    formula: (r) => `N(${pick(r, T.localSsds)})`,
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EphemeralDiskBytes",
    label: "disk behind it: the local SSDs (EphemeralLocalSsd = 1 on GKE) or the boot disk",
    unit: "bytes",
    note: "local SSDs × 375 GiB, else boot disk GiB × 2^30",
    formula: (r) => `IF(AND(${C.provider}="gcp",${r("EphemeralLocalSsd")}=1,${r("LocalSsds")}>0),${r("LocalSsds")}*375*${GiB},${r("NodeBootDiskGiB")}*${GiB})`,
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "CapacityEphemeralBytes",
    label: "capacity ephemeral-storage",
    unit: "bytes",
    note: "the Catalog's observed value (--capacity-ephemeral-storage), else the disk less the filesystem loss of a published node: (⌊disk / 1024⌋ − loss KiB) × 1024",
    formula: (r) =>
      `IF(N(${pick(r, T.capacityEphemeral)})>0,${pick(r, T.capacityEphemeral)},MAX(0,INT(${r("EphemeralDiskBytes")}/1024)-${C.ephemeralLossKiB})*1024)`,
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EphemeralKubeReservedBytes",
    label: "kube-reserved ephemeral-storage",
    unit: "bytes",
    note: "gke: local SSDs 50/75/100 GiB for 1/2/≥3, else min(⌈50% disk⌉, 6 GiB + ⌈35% disk⌉, 100 GiB) ('Plan GKE Standard node sizes'); eks: 1 GiB (amazon-eks-ami nodeadm); aks, flat: 0",
    formula: (r) => {
      const d = r("EphemeralDiskBytes");
      const ssd = `AND(${C.provider}="gcp",${r("EphemeralLocalSsd")}=1,${r("LocalSsds")}>0)`;
      return `IF(${r("Platform")}="gke",IF(${ssd},IF(${r("LocalSsds")}<=1,50,IF(${r("LocalSsds")}=2,75,100))*${GiB},${gkeBootDiskReserved(d)}),IF(${r("Platform")}="eks",${GiB},0))`;
    },
  }),
  // floor(c × float32(0.1)) = floor(c × 13421773 / 2^27), in steps whose quotients stay far from 15
  // significant digits (a spreadsheet rounds to 15 digits before INT): c = a·2^27 + T, T = u·2^14 + v,
  // u × 13421773 = g·2^13 + h; then floor = a × 13421773 + g + ⌊(h·2^14 + v × 13421773) / 2^27⌋. Exact for c < 2^46 (64 TiB).
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EvictionStepA",
    label: "eviction, exact step 1: a = ⌊capacity / 2^27⌋",
    unit: "",
    note: "the kubelet keeps 10% as a float32, 13421773 / 2^27, and takes ⌊capacity × it⌋ (kubelet eviction helpers, GetThresholdQuantity); these steps compute it exactly",
    formula: (r) => evictionSteps.a(r("CapacityEphemeralBytes")),
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EvictionStepU",
    label: "step 2: u = ⌊(capacity − a·2^27) / 2^14⌋",
    unit: "",
    note: "",
    formula: (r) => evictionSteps.u(r("CapacityEphemeralBytes"), r("EvictionStepA")),
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EvictionStepG",
    label: "step 3: g = ⌊u × 13421773 / 2^13⌋",
    unit: "",
    note: "",
    formula: (r) => evictionSteps.g(r("EvictionStepU")),
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EvictionExactBytes",
    label: "step 4: ⌊capacity × 13421773 / 2^27⌋ exactly",
    unit: "bytes",
    note: "a × 13421773 + g + ⌊(h·2^14 + v × 13421773) / 2^27⌋ with v = capacity − a·2^27 − u·2^14, h = u × 13421773 − g·2^13",
    formula: (r) => evictionSteps.exact(r("CapacityEphemeralBytes"), r("EvictionStepA"), r("EvictionStepU"), r("EvictionStepG")),
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EphemeralEvictionHardBytes",
    label: "hard eviction nodefs.available<10% = ⌊capacity × float32(0.1)⌋ as the kubelet computes it",
    unit: "bytes",
    note: "int64(float64(capacity) × float64(float32(0.1))): step 4, plus 1 where the float64 product rounds up to the next whole byte",
    formula: (r) => evictionSteps.kubelet(r("CapacityEphemeralBytes"), r("EvictionExactBytes")),
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "AllocatableEphemeralBytes",
    label: "allocatable ephemeral-storage",
    unit: "bytes",
    note: "max(0, capacity − kube-reserved − eviction)",
    formula: (r) => `MAX(0,${r("CapacityEphemeralBytes")}-${r("EphemeralKubeReservedBytes")}-${r("EphemeralEvictionHardBytes")})`,
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "EphemeralImagesBytes",
    label: "images and system pods (EphemeralReservedGiB)",
    unit: "bytes",
    note: "an input, default 0: the scheduler counts requests only (--ephemeral-reserved)",
    formula: (r) => `ROUND(N(${r("EphemeralReservedGiB")})*${GiB},0)`,
  }),
  node("Ephemeral storage (capacity − kube-reserved − nodefs.available eviction − images)", {
    id: "ForEnvsEphemeralBytes",
    label: "ephemeral storage for envs",
    unit: "bytes",
    note: "max(0, allocatable − images and system pods)",
    formula: (r) => `MAX(0,${r("AllocatableEphemeralBytes")}-${r("EphemeralImagesBytes")})`,
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
  plan("Env request", {
    id: "EnvEphemeralBytes",
    label: "env ephemeral-storage request",
    unit: "bytes",
    note: "EnvEphemeralStorageGiB × 2^30 (@eph= of --env); 0 = none, and storage is then no packing dimension",
    formula: (r) => `ROUND(N(${r("EnvEphemeralStorageGiB")})*${GiB},0)`,
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
    id: "FitStorage",
    label: "by ephemeral storage, ⌊storage for envs / env request⌋",
    unit: "envs",
    note: "only when the env requests ephemeral storage (src/core/packing.ts)",
    formula: (r) => `IF(${r("EnvEphemeralBytes")}>0,INT(${r("ForEnvsEphemeralBytes")}/${r("EnvEphemeralBytes")}),"no request")`,
  }),
  plan("Envs per node, per dimension", {
    id: "EnvsPerNode",
    label: "envs per node = the smallest",
    unit: "envs",
    note: "min over the dimensions the env requests (src/core/packing.ts packOneShape)",
    formula: (r) =>
      `MIN(${r("FitCpu")},${r("FitMemory")},${r("FitPods")},${r("FitVolumes")},IF(${r("EnvEphemeralBytes")}>0,${r("FitStorage")},${r("FitCpu")}))`,
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
    id: "RemainderStorage",
    label: "ephemeral storage left on a node after ⌊…⌋ envs",
    unit: "bytes",
    note: "0 when the env requests none",
    formula: (r) => `IF(${r("EnvEphemeralBytes")}>0,${r("ForEnvsEphemeralBytes")}-${r("FitStorage")}*${r("EnvEphemeralBytes")},0)`,
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
    id: "BindsAfterStorage",
    label: "binding: 1 cpu, 2 memory, 3 pods, 4 volumes, 5 ephemeral storage",
    unit: "",
    note: "storage binds if it fits fewer envs, or as many with a smaller exact ratio; never when the env requests none (exact while the products stay below 2^53; else a tie within 15 digits keeps the earlier dimension — the label only, never the count)",
    formula: (r) => {
      const b = r("BindsAfterVolumes");
      const fit = `CHOOSE(${b},${r("FitCpu")},${r("FitMemory")},${r("ForEnvsPods")},${r("FitVolumes")})`;
      const rem = `CHOOSE(${b},${r("RemainderCpu")},${r("RemainderMemory")},0,0)`;
      const req = `CHOOSE(${b},${r("EnvCpuMillicores")},${r("EnvMemoryBytes")},1,1)`;
      return `IF(${r("EnvEphemeralBytes")}<=0,${b},IF(OR(${r("FitStorage")}<${fit},AND(${r("FitStorage")}=${fit},${r("RemainderStorage")}*${req}<${rem}*${r("EnvEphemeralBytes")})),5,${b}))`;
    },
  }),
  plan("What binds", {
    id: "Binds",
    label: "what binds",
    unit: "",
    note: "max-envs-per-node when the cap is below what the node holds uncapped (src/core/planner/evaluate.ts)",
    formula: (r) =>
      `IF(AND(${r("MaxEnvsPerNode")}>0,MIN(${r("FitCpu")},${r("FitMemory")},${r("ForEnvsPods")},${r("FitVolumes")},IF(${r("EnvEphemeralBytes")}>0,${r("FitStorage")},${r("FitCpu")}))>${r("MaxEnvsPerNode")}),"max-envs-per-node",CHOOSE(${r("BindsAfterStorage")},"cpu","memory","pods","volumes","ephemeral-storage"))`,
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
    note: "the node's boot disk (Node model): per-GiB classes ⌈GiB⌉ × USD per GiB-month; tiered (Azure) the first tier ≥ its size; 0 for an AKS ephemeral OS disk (billed with the VM); not published: #N/A, except AKS's default OS disk, which the plan leaves out with a warning (0 here)",
    formula: (r) => {
      // src/core/ephemeral.ts resolveBootDisk chose it (Node model); src/core/bill/bill.ts prices it.
      const cls = r("NodeBootDiskClass");
      const gib = r("NodeBootDiskGiB");
      const given = `OR(N(${r("BootDiskSizeGiB")})>0,${r("BootDiskType")}<>"")`;
      const missing = `IF(AND(${C.provider}="azure",NOT(${given})),0,NA())`;
      // The first tier of the class whose size ≥ the disk (src/catalog/storage-lookup.ts diskPrice), as TierRow does for env disks.
      const row = `IF(ISNA(MATCH(${cls},${T.tierClass},0)),0,MATCH(${cls},${T.tierClass},0)+SUMPRODUCT((${T.tierClass}=${cls})*(${T.tierSize}<${gib})))`;
      const price = `INDEX(${T.tierPrice},${row})`;
      const tiered = `IF(OR(${row}=0,${row}>ROWS(${T.tierClass})),${missing},IF(INDEX(${T.tierClass},${row})<>${cls},${missing},IF(${price}="",${missing},${price})))`;
      const perGiB = `ROUNDUP(${gib},0)*${priced(`INDEX(${T.storagePerGiB},MATCH(${cls},${T.storageClass},0))`)}`;
      return `IF(${cls}="Ephemeral",0,IF(INDEX(${T.storageBilling},MATCH(${cls},${T.storageClass},0))="tiered",${tiered},${perGiB}))`;
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
