/**
 * Node-local storage (issue 16): the boot disk each node gets (size and type, priced or billed with the
 * VM), and the node's local ephemeral storage — what pods' `ephemeral-storage` requests (emptyDir,
 * writable layers, logs) are scheduled against.
 *
 *   capacity.ephemeral-storage    = size of the filesystem the kubelet's root dir lives on (observed via
 *                                   --capacity-ephemeral-storage, else estimated: disk − a fixed loss)
 *   allocatable.ephemeral-storage = capacity − kube-reserved(ephemeral-storage) − evictionHard(nodefs.available)
 *   for envs                      = allocatable − what images and system pods occupy (--ephemeral-reserved)
 *
 * (kubelet rule: https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/ ; the
 * eviction threshold is a percentage of capacity that the kubelet keeps as a float32 and applies as
 * `int64(float64(capacity) × float64(percentage))`, i.e. rounded **down** to whole bytes —
 * kubernetes/kubernetes pkg/kubelet/eviction/helpers.go `GetThresholdQuantity`, api `ThresholdValue.Percentage float32`.)
 *
 * Per platform (all verified on published `kubectl describe node` outputs, see test/unit/ephemeral.test.ts):
 * - GKE: kube-reserved = min(50 % of the boot disk, 6 GiB + 35 % of the boot disk, 100 GiB); with local
 *   SSDs as ephemeral storage 50/75/100 GiB for 1/2/≥3 SSDs; eviction `nodefs.available<10%`.
 *   "Plan GKE Standard node sizes", section "Local ephemeral storage reservation",
 *   https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes (worked example: a 100 GB
 *   boot disk, capacity 98831908Ki, allocatable 47060071478); same rule in cloudpilot-ai/karpenter-provider-gcp
 *   `ResolveReservedEphemeralStorage`.
 * - EKS (AL2023 nodeadm, AL2 bootstrap.sh): kube-reserved `ephemeral-storage=1Gi`; eviction
 *   `nodefs.available<10%` (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go; EKS "Amazon EKS
 *   optimized AMIs" docs, https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-amis.html).
 * - AKS: no ephemeral-storage reservation (`--kube-reserved=cpu=…,memory=…,pid=1000`); eviction
 *   `nodefs.available<10%` ("Node resource reservations",
 *   https://learn.microsoft.com/azure/aks/node-resource-reservations ; eviction flags in "Customize node
 *   configuration", https://learn.microsoft.com/azure/aks/custom-node-configuration).
 * - flat and custom platforms: no reservation, the kubelet's default eviction `nodefs.available<10%`
 *   (https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#hard-eviction-thresholds).
 *
 * Integers throughout: bytes. Reservations round up, capacity estimates round down to whole KiB.
 */
import type { CatalogMachineType, Provider } from "../catalog/types.js";
import type { PlatformId } from "./overhead/types.js";
import { bytesInGiB, bytesInKiB } from "./units/brands.js";

/** A boot disk as given: `512Gi`, `pd-ssd:512Gi`, `pd-ssd`, `Ephemeral:128Gi` (--boot-disk, scenario `bootDisk`). */
export interface BootDiskInput {
  readonly sizeGiB?: number;
  readonly type?: string;
}

/** The boot disk (OS disk, root volume) of every node of a pool. */
export interface BootDisk {
  readonly sizeGiB: number;
  /** Storage class id the bill prices it with (pd-balanced, pd-ssd, gp3, Premium_LRS, StandardSSD_LRS, …), or "Ephemeral" (AKS ephemeral OS disk). */
  readonly type: string;
  /** A separate bill line per node-month (false: AKS ephemeral OS disk, on the VM's own local storage, billed with the VM). */
  readonly billed: boolean;
  /** How it was chosen, in words (printed by `node` and in bill labels). */
  readonly label: string;
  /** Where the default comes from (a public source), or "given". */
  readonly source: string;
}

/** Boot disk types a provider accepts with --boot-disk (the ones the storage catalogs price, and AKS's Ephemeral). */
export const bootDiskTypes: Readonly<Record<Provider, readonly string[]>> = {
  gcp: ["pd-balanced", "pd-ssd", "pd-standard"],
  aws: ["gp3", "gp2"],
  azure: ["Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "Ephemeral"],
};

/** Accepted forms of --boot-disk, shown in every error about one. */
export const bootDiskForms =
  "[<type>:]<size> or <type>, e.g. 512Gi, pd-ssd:512Gi, gp3:100Gi, Premium_LRS:256Gi, Ephemeral:128Gi (size in GiB; GB means GiB, as disk sizes do)";

/** Parse one --boot-disk value; the type is checked against every provider's list. */
export function parseBootDisk(text: string): { ok: true; value: BootDiskInput } | { ok: false; reason: string } {
  const t = String(text).trim();
  const bad = { ok: false as const, reason: `"${text}" is not ${bootDiskForms}` };
  const colon = t.indexOf(":");
  const [typePart, sizePart] = colon >= 0 ? [t.slice(0, colon).trim(), t.slice(colon + 1).trim()] : /^\d/.test(t) ? ["", t] : [t, ""];
  let sizeGiB: number | undefined;
  if (sizePart !== "") {
    const m = /^(\d+)\s*(gi|gib|gb|g|ti|tib|tb|t)?$/i.exec(sizePart);
    if (!m) return bad;
    const n = Number(m[1]);
    sizeGiB = /^t/i.test(m[2] ?? "") ? n * 1024 : n;
    // GKE/GCE boot disks: 10 GB minimum; 65536 GB maximum (gcloud --disk-size); the same bounds serve the others.
    if (!(sizeGiB >= 10 && sizeGiB <= 65536)) return { ok: false, reason: `"${text}": boot disk size must be from 10 to 65536 GiB; expected ${bootDiskForms}` };
  }
  if (typePart !== "") {
    const all = Object.values(bootDiskTypes).flat();
    const found = all.find((x) => x.toLowerCase() === typePart.toLowerCase());
    if (!found) return { ok: false, reason: `"${text}": unknown boot disk type "${typePart}"; expected one of ${all.join(", ")}` };
    return { ok: true, value: { type: found, ...(sizeGiB === undefined ? {} : { sizeGiB }) } };
  }
  if (sizeGiB === undefined) return bad;
  return { ok: true, value: { sizeGiB } };
}

/** The provider a boot disk type belongs to, or undefined for a size alone. */
export function bootDiskProvider(b: BootDiskInput): Provider | undefined {
  if (b.type === undefined) return undefined;
  return (Object.keys(bootDiskTypes) as Provider[]).find((p) => bootDiskTypes[p].includes(b.type as string));
}

/** GKE node boot disk default: 100 GB pd-balanced (`gcloud container node-pools create` --disk-size/--disk-type defaults, GKE ≥ 1.24). */
export const gkeDefaultBootDisk = { sizeGiB: 100, class: "pd-balanced", label: "GKE default" } as const;

/**
 * EKS node root volume default: 20 GiB gp3. EKS managed node groups default to a 20 GiB root disk for
 * Linux (CreateNodegroup `diskSize`: "The default disk size is 20 GiB for Linux and Bottlerocket"), and
 * Karpenter's EC2NodeClass gives AL2023 nodes one 20Gi gp3 volume (`DefaultEBS` in
 * aws/karpenter-provider-aws pkg/providers/amifamily/resolver.go @ 7f2a6b62: gp3, 20Gi, encrypted).
 */
export const eksDefaultBootDisk = { sizeGiB: 20, class: "gp3", label: "EKS default" } as const;

/**
 * AKS default OS disk size: 128 GB ("the default node OS disk configuration uses 128 GB", AKS "Cluster
 * configuration", section "Ephemeral OS", https://learn.microsoft.com/azure/aks/cluster-configuration).
 */
export const aksDefaultOsDiskGiB = 128;

/**
 * AKS default managed OS disk when an ephemeral one is not possible, by vCPUs: P10/128G (1–7), P15/256G
 * (8–15), P20/512G (16–63), P30/1024G (64+) — "Default OS disk sizing", AKS "Cluster configuration"
 * (https://learn.microsoft.com/azure/aks/cluster-configuration#default-os-disk-sizing): "only used on new
 * clusters or node pools when ephemeral OS disks aren't supported and a default OS disk size isn't specified".
 */
export function aksDefaultManagedOsDiskGiB(vcpus: number): number {
  return vcpus >= 64 ? 1024 : vcpus >= 16 ? 512 : vcpus >= 8 ? 256 : 128;
}

/**
 * Whether an Azure size takes Premium SSD (the `s` additive feature of Azure's naming convention, "Azure
 * virtual machine sizes naming conventions", learn.microsoft.com: "s = Premium Storage capable"). B-series v1
 * sizes carry `s` too (B2s, B2ms).
 */
export function azurePremiumCapable(size: string): boolean {
  const m = /^Standard_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_v(\d+))?$/.exec(size);
  if (!m) return true;
  return (m[3] ?? "").includes("s");
}

/**
 * Local (non-persistent) disks of an Azure size, GiB: the cache disk and the temporary (resource) disk.
 * From the Azure VM size pages (learn.microsoft.com/azure/virtual-machines/sizes/…), per series:
 * - Dsv3: temp 8 GiB/vCPU, cache 25 GiB/vCPU (D2s_v3: 16 / 50; D64s_v3: 512 / 1600 — also in the
 *   ResourceSkus fixture, `MaxResourceVolumeMB`, `CachedDiskBytes`);
 * - Dv3: temp 25 GiB/vCPU (D2_v3 50 GiB, `MaxResourceVolumeMB` 51200), no cache;
 * - Ddsv5: temp 37.5 GiB/vCPU (D2ds_v5 75 GiB … D96ds_v5 3600 GiB); its cache is not counted (0 here:
 *   the temp disk alone decides, which can only under-state where an ephemeral OS disk fits);
 * - B-series v1: temp B1s/B1ms 4, B2s 8, B2ms 16, B4ms 32, B8ms 64, B12ms 96, B16ms 128, B20ms 160 GiB;
 * - v4/v5 sizes without `d`, and B-series v2: none ("diskless", naming convention).
 * Unknown sizes: undefined (no claim; an ephemeral OS disk is then not assumed).
 */
export function azureLocalDisksGiB(size: string, vcpus: number): { readonly cacheGiB: number; readonly tempGiB: number } | undefined {
  const m = /^Standard_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_v(\d+))?$/.exec(size);
  if (!m) return undefined;
  const [, series = "", , features = "", version] = m;
  const v = version === undefined ? 1 : Number(version);
  if (series === "B" && v === 1) {
    const temp: Record<string, number> = { B1s: 4, B1ms: 4, B2s: 8, B2ms: 16, B4ms: 32, B8ms: 64, B12ms: 96, B16ms: 128, B20ms: 160 };
    const t = temp[size.replace(/^Standard_/, "")];
    return t === undefined ? undefined : { cacheGiB: 0, tempGiB: t };
  }
  if ((v >= 4 || (series === "B" && v >= 2)) && !features.includes("d")) return { cacheGiB: 0, tempGiB: 0 };
  if (series === "D" && v === 3) return features.includes("s") ? { cacheGiB: 25 * vcpus, tempGiB: 8 * vcpus } : { cacheGiB: 0, tempGiB: 25 * vcpus };
  if (series === "D" && v === 5 && features === "ds") return { cacheGiB: 0, tempGiB: 37.5 * vcpus };
  return undefined;
}

/**
 * The boot disk of a node of `machine` on `provider`, given or the provider's default.
 *
 * AKS: with no type given, the OS disk is ephemeral when the size supports it — it takes Premium storage
 * (ephemeral OS disks need it: `EphemeralOSDiskSupported` is False for the non-`s` Dv3 sizes in the
 * ResourceSkus fixture) and its cache or temp disk holds the OS disk (128 GiB by default) — "When you
 * don't explicitly request managed disks for the OS, AKS defaults to ephemeral OS if possible" (AKS
 * "Cluster configuration", "Ephemeral OS"). Otherwise a managed disk of the default size for its vCPUs,
 * Premium SSD on premium-capable sizes ("Default OS Disk Tier P10/128G …"); on sizes that cannot take
 * Premium SSD, AKS gives a Standard managed disk (Azure/AKS#580: "If you select a Standard_D2_v2 then the
 * OS disk type is Standard managed"), priced here as Standard SSD (StandardSSD_LRS) — the thread does not
 * say SSD or HDD; give --boot-disk Standard_LRS:… to price HDD.
 */
export function resolveBootDisk(provider: Provider, machine: Pick<CatalogMachineType, "name" | "vcpus">, given?: BootDiskInput): BootDisk {
  const why = given ? "given" : "";
  if (provider !== "azure") {
    // GKE and EKS: one default disk for every type.
    const d = provider === "gcp" ? gkeDefaultBootDisk : eksDefaultBootDisk;
    return {
      sizeGiB: given?.sizeGiB ?? d.sizeGiB,
      type: given?.type ?? d.class,
      billed: true,
      label: given ? why : d.label,
      source: given
        ? "given"
        : provider === "gcp"
          ? "gcloud container node-pools create --disk-size/--disk-type defaults"
          : "EKS CreateNodegroup diskSize default (20 GiB), Karpenter DefaultEBS (gp3)",
    };
  }
  const local = azureLocalDisksGiB(machine.name, machine.vcpus);
  const premium = azurePremiumCapable(machine.name);
  const localGiB = local ? Math.max(local.cacheGiB, local.tempGiB) : 0;
  const osGiB = given?.sizeGiB ?? aksDefaultOsDiskGiB;
  if (given?.type === "Ephemeral")
    return {
      sizeGiB: osGiB,
      type: "Ephemeral",
      billed: false,
      label: `${why}: ephemeral OS disk (on the VM's local storage, billed with the VM)`,
      source: "given",
    };
  if (given?.type === undefined && premium && localGiB >= osGiB)
    return {
      sizeGiB: osGiB,
      type: "Ephemeral",
      billed: false,
      label: `AKS default: ephemeral OS disk on the ${local && local.cacheGiB >= osGiB ? "cache" : "temp"} disk (${localGiB} GiB ≥ ${osGiB} GiB), billed with the VM`,
      source: "AKS cluster configuration, Ephemeral OS: ephemeral by default where the cache or temp disk holds the OS disk",
    };
  const sizeGiB = given?.sizeGiB ?? aksDefaultManagedOsDiskGiB(machine.vcpus);
  const type = given?.type ?? (premium ? "Premium_LRS" : "StandardSSD_LRS");
  const reason =
    local === undefined
      ? "local disks of this size unknown"
      : localGiB === 0
        ? "no local temp disk"
        : !premium
          ? "no Premium storage, so no ephemeral OS disk"
          : `local disk ${localGiB} GiB < ${osGiB} GiB`;
  return {
    sizeGiB,
    type,
    billed: true,
    label: given ? why : `AKS default: managed OS disk (${reason})`,
    source: given ? "given" : "AKS cluster configuration, Default OS disk sizing (P10/128G for 1-7 vCPUs … P30/1024G for 64+)",
  };
}

/** GKE machine types with bundled local SSDs (`-lssd`): 375 GiB disks, count per type (Compute Engine "C3 machine series" table). */
export function gceLocalSsdCount(machineName: string): number {
  const m = /^c3-(?:standard|highmem|highcpu)-(\d+)-lssd$/.exec(machineName);
  if (!m) return 0;
  const counts: Record<string, number> = { "4": 1, "8": 2, "22": 4, "44": 8, "88": 16, "176": 32 };
  return counts[m[1] ?? ""] ?? 0;
}

/** One local SSD on Compute Engine: 375 GiB (Compute Engine "About Local SSD disks"). */
export const gceLocalSsdGiB = 375;

/**
 * Filesystem loss: boot disk size − `capacity.ephemeral-storage`, on one published node per platform. An
 * estimate (partitions and filesystem metadata), used only without --capacity-ephemeral-storage:
 * - GKE (COS, ext4 stateful partition): 100 GiB → 98831908Ki (the plan-node-sizes worked example;
 *   2i2c-org/infrastructure#2121): 104857600 − 98831908 = 6025692 KiB;
 * - AKS (Ubuntu 22.04, 128 GiB OS disk): 129886128Ki (AKS "Resource management best practices" example
 *   output; Azure-Samples aks-ephemeral-os-disk): 134217728 − 129886128 = 4331600 KiB;
 * - EKS (Amazon Linux, xfs, 20 GiB root): 20959212Ki (published `kubectl describe node` outputs of EKS
 *   nodes, e.g. the eksctl and EKS workshop examples): 20971520 − 20959212 = 12308 KiB.
 * The same number of KiB is taken off any size (fixed partitions); larger disks lose a little more to
 * filesystem metadata, which this does not model — give the observed capacity when you have it.
 */
export const ephemeralCapacityLossKiB: Readonly<Record<Provider, number>> = { gcp: 6_025_692, azure: 4_331_600, aws: 12_308 };

/** The kubelet's `nodefs.available` hard-eviction percentage (10 % on GKE, AKS, EKS and upstream), as its float32. */
export const nodefsEvictionFraction = Math.fround(0.1);

/** Options of {@link ephemeralStorageModel}. */
export interface EphemeralOptions {
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly bootDisk: BootDisk;
  /** Observed `status.capacity.ephemeral-storage` (bytes). */
  readonly capacityBytes?: number;
  /** Use the machine's local SSDs as ephemeral storage (GKE `--ephemeral-storage-local-ssd`). */
  readonly localSsd?: boolean;
  /** What images and system pods occupy on each node (bytes). @defaultValue 0 */
  readonly reservedBytes?: number;
}

/** A node's ephemeral storage, from the disk to what envs can request. */
export interface EphemeralStorageModel {
  /** What backs it: the boot disk (OS disk on AKS) or the machine's local SSDs. */
  readonly backing: "boot-disk" | "local-ssd";
  readonly diskBytes: number;
  readonly capacityBytes: number;
  readonly capacityKind: "observed" | "estimated";
  readonly kubeReservedBytes: number;
  readonly evictionHardBytes: number;
  readonly allocatableBytes: number;
  /** What images and system pods occupy (--ephemeral-reserved). */
  readonly reservedBytes: number;
  readonly forEnvsBytes: number;
  /** The reservation rule in words, with its source. */
  readonly rule: string;
}

const gib = bytesInGiB;
const ceil = Math.ceil;

/**
 * GKE's ephemeral-storage kube-reserved for a boot disk of `diskBytes`: min(50 %, 6 GiB + 35 %, 100 GiB),
 * rounded up to whole bytes (plan-node-sizes, "Local ephemeral storage reservation").
 * @example 100 GiB → min(50, 41, 100) GiB = 41 GiB
 */
export function gkeBootDiskReservedBytes(diskBytes: number): number {
  return Math.min(ceil(diskBytes * 0.5), 6 * gib + ceil(diskBytes * 0.35), 100 * gib);
}

/** GKE's reservation with local SSDs as ephemeral storage: 50 / 75 / 100 GiB for 1 / 2 / ≥ 3 SSDs (plan-node-sizes). */
export function gkeLocalSsdReservedBytes(ssds: number): number {
  return (ssds <= 1 ? 50 : ssds === 2 ? 75 : 100) * gib;
}

/** The ephemeral storage of one node. */
export function ephemeralStorageModel(machineName: string, o: EphemeralOptions): EphemeralStorageModel {
  const ssds = o.provider === "gcp" && o.localSsd ? gceLocalSsdCount(machineName) : 0;
  const backing = ssds > 0 ? "local-ssd" : "boot-disk";
  const diskBytes = backing === "local-ssd" ? ssds * gceLocalSsdGiB * gib : o.bootDisk.sizeGiB * gib;
  const estimated = Math.max(0, Math.floor(diskBytes / bytesInKiB) - ephemeralCapacityLossKiB[o.provider]) * bytesInKiB;
  const capacityBytes = o.capacityBytes ?? estimated;
  let kubeReservedBytes = 0;
  let rule: string;
  if (o.platform === "gke") {
    kubeReservedBytes = backing === "local-ssd" ? gkeLocalSsdReservedBytes(ssds) : gkeBootDiskReservedBytes(diskBytes);
    rule =
      backing === "local-ssd"
        ? `GKE: ${ssds} local SSD${ssds === 1 ? "" : "s"} → ${kubeReservedBytes / gib} GiB reserved; eviction nodefs.available<10% (plan-node-sizes)`
        : "GKE: min(50% of boot disk, 6 GiB + 35%, 100 GiB) reserved; eviction nodefs.available<10% (plan-node-sizes)";
  } else if (o.platform === "eks") {
    kubeReservedBytes = gib;
    rule = "EKS: kube-reserved ephemeral-storage=1Gi; eviction nodefs.available<10% (amazon-eks-ami nodeadm)";
  } else if (o.platform === "aks" || o.platform === "aks-legacy") {
    rule = "AKS: no ephemeral-storage reservation; eviction nodefs.available<10% (AKS node resource reservations)";
  } else {
    rule = "kubelet defaults: no reservation; eviction nodefs.available<10%";
  }
  // int64(float64(capacity) × float64(float32(0.1))): the kubelet's own arithmetic, rounded down.
  const evictionHardBytes = Math.floor(capacityBytes * nodefsEvictionFraction);
  const allocatableBytes = Math.max(0, capacityBytes - kubeReservedBytes - evictionHardBytes);
  const reservedBytes = o.reservedBytes ?? 0;
  return {
    backing,
    diskBytes,
    capacityBytes,
    capacityKind: o.capacityBytes === undefined ? "estimated" : "observed",
    kubeReservedBytes,
    evictionHardBytes,
    allocatableBytes,
    reservedBytes,
    forEnvsBytes: Math.max(0, allocatableBytes - reservedBytes),
    rule,
  };
}
