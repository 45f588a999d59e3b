/**
 * `cc-plan calibrate`: real nodes (and their DaemonSets and pods) against the node model. Pure.
 *
 * Per node pool (pool label: `cloud.google.com/gke-nodepool`, `kubernetes.azure.com/agentpool` or the
 * older `agentpool`, `eks.amazonaws.com/nodegroup`, `karpenter.sh/nodepool`) and machine type
 * (`node.kubernetes.io/instance-type`, else `beta.kubernetes.io/instance-type`):
 * - each formula variant of the provider (gke; aks and aks-legacy; eks) is run through
 *   {@link computeNodeModel} with the node's own capacity memory and max pods, and its allocatable CPU and
 *   memory compared with the node's: difference = observed − model, in bytes and millicores (exact
 *   integers). A variant matches a pool when the difference is 0 on every node; otherwise the pool's
 *   variant is `none` and the closest variant (smallest |memory difference|, then |CPU difference|) is
 *   reported with its difference (a finding, never forced to 0);
 * - DaemonSets whose selectors and tolerations reach the node ({@link daemonSetReaches}) add their
 *   effective requests and one pod slot each; the pool's figure is the largest over its nodes;
 * - with an env selector, the running pods it selects are counted per node.
 * A type the catalogs lack is learned from the nodes: vCPUs = capacity CPU, max pods, the in-tree attach
 * count when the node prints one, and a nominal memory inferred as the smallest multiple of 256 MiB at or
 * above capacity for which a variant reproduces allocatable exactly (else the smallest such multiple).
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import { computeNodeModel } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import type { Resolved } from "../resolved.js";
import { type Bytes, bytes, bytesInMiB, type Millicores, millicores } from "../units/brands.js";
import { daemonSetReaches, type KubeDaemonSet, type KubeNode, type KubePod, type LabelSelector, selects } from "./kube-objects.js";

/** Pool labels, first match wins. */
export const poolLabels: readonly { readonly label: string; readonly provider: Provider | undefined }[] = [
  { label: "cloud.google.com/gke-nodepool", provider: "gcp" },
  { label: "kubernetes.azure.com/agentpool", provider: "azure" },
  { label: "agentpool", provider: "azure" },
  { label: "eks.amazonaws.com/nodegroup", provider: "aws" },
  { label: "karpenter.sh/nodepool", provider: undefined },
];
export const instanceTypeLabels = ["node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"] as const;

/** The formula variants calibration tries, per provider. */
export const variantsOf: Readonly<Record<Provider, readonly PlatformId[]>> = { gcp: ["gke"], azure: ["aks", "aks-legacy"], aws: ["eks"] };

/**
 * PV attach limit of a learned type when its node prints none (newer nodes publish it on the CSINode
 * object, which `kubectl get nodes` does not show): the CSI drivers' fallbacks (docs/node-overhead.md §6).
 */
export const learnedVolumeDefault: Readonly<Record<Provider, { readonly value: number; readonly source: string }>> = {
  gcp: { value: 127, source: "GCE PD CSI default for types not listed (pd.csi.storage.gke.io getVolumeLimits), not read from the node" },
  azure: { value: 16, source: "Azure Disk CSI fallback for unknown sizes (defaultAzureVolumeLimit 16), not read from the node" },
  aws: { value: 26, source: "EBS CSI shared Nitro limit 27 minus the root volume (aws-ebs-csi-driver), not read from the node" },
};

export interface VariantDiff {
  readonly variant: PlatformId;
  /** observed − model allocatable memory, bytes (the node with the largest |difference|). */
  readonly memoryBytes: number;
  /** observed − model allocatable CPU, millicores. */
  readonly cpuMillicores: number;
}

export interface DaemonSetLoad {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
  readonly pods: number;
  /** namespace/name of the DaemonSets that reach the pool. */
  readonly names: readonly string[];
}

export interface PoolCalibration {
  readonly provider: Provider;
  readonly pool: string;
  readonly poolLabel: string;
  readonly machineType: string;
  /** The machine facts used: the catalog's, or learned from the nodes. */
  readonly machine: CatalogMachineType;
  /** True when the catalogs lack the type (facts learned from the nodes). */
  readonly learned: boolean;
  /** True when the nominal memory is inferred (learned types only). */
  readonly nominalInferred: boolean;
  readonly nodes: readonly string[];
  readonly kubeletVersions: readonly string[];
  /** Observed values, min and max over the pool's nodes. */
  readonly capacity: { readonly cpuMillicores: Millicores; readonly memoryBytes: { readonly min: Bytes; readonly max: Bytes }; readonly pods: number };
  readonly allocatable: {
    readonly cpuMillicores: { readonly min: Millicores; readonly max: Millicores };
    readonly memoryBytes: { readonly min: Bytes; readonly max: Bytes };
  };
  /** Smallest capacity memory ÷ nominal memory. */
  readonly memoryRatio: number;
  /** The matching variant, or none. */
  readonly variant: PlatformId | "none";
  /** The matched variant's difference (0, 0), or the closest one's. */
  readonly closest: VariantDiff;
  readonly variants: readonly VariantDiff[];
  readonly maxPods: number;
  readonly volumes: { readonly value: number; readonly source: string };
  /** DaemonSet requests per node (largest over the pool's nodes); null without DaemonSets input. */
  readonly daemonSets: DaemonSetLoad | null;
  /** Running pods the env selector selects, per node; null without pods input or selector. */
  readonly envsPerNode: { readonly min: number; readonly max: number; readonly total: number } | null;
}

export interface CalibrationResult {
  readonly provider: Provider;
  readonly nodeCount: number;
  readonly pools: readonly PoolCalibration[];
  /** One-line notes (pools of one type that disagree, DaemonSets that reach no node, …). */
  readonly notes: readonly string[];
}

export interface CalibrateInput {
  readonly nodes: readonly KubeNode[];
  /** What messages call the nodes input, e.g. "nodes.json". */
  readonly nodesSource: string;
  readonly daemonSets?: readonly KubeDaemonSet[];
  readonly pods?: readonly KubePod[];
  readonly envSelector?: LabelSelector;
  /** Machine facts (priced catalogs plus specs-only types). */
  readonly catalogs: Catalogs;
}

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

function machineNamed(catalogs: Catalogs, name: string): { provider: Provider; machine: CatalogMachineType } | undefined {
  const lower = name.toLowerCase();
  for (const provider of ["gcp", "azure", "aws"] as const) {
    const m = catalogs[provider]?.machineTypes.find((x) => x.name.toLowerCase() === lower);
    if (m) return { provider, machine: m };
  }
  return undefined;
}

function providerOfId(id: string): Provider | undefined {
  if (id.startsWith("gce://")) return "gcp";
  if (id.startsWith("azure://")) return "azure";
  if (id.startsWith("aws://")) return "aws";
  return undefined;
}

/** Difference of one node against one variant on machine facts `m`. */
function diffOf(node: KubeNode, m: CatalogMachineType, provider: Provider, variant: PlatformId): VariantDiff {
  const model = computeNodeModel(m, {
    provider,
    platform: variant,
    maxPods: node.capacity.pods,
    capacityMemoryBytes: node.capacity.memoryBytes,
    daemonSets: { cpuMillicores: millicores(0), memoryBytes: bytes(0), pods: 0, source: "calibration" },
  });
  return {
    variant,
    memoryBytes: node.allocatable.memoryBytes - model.allocatable.memoryBytes,
    cpuMillicores: node.allocatable.cpuMillicores - model.allocatable.cpuMillicores,
  };
}

/** Per variant, the worst difference over the nodes (largest |memory|, then |cpu|). */
function variantDiffs(nodes: readonly KubeNode[], m: CatalogMachineType, provider: Provider): VariantDiff[] {
  return variantsOf[provider].map((v) => {
    let worst: VariantDiff | undefined;
    for (const n of nodes) {
      const d = diffOf(n, m, provider, v);
      if (
        !worst ||
        Math.abs(d.memoryBytes) > Math.abs(worst.memoryBytes) ||
        (d.memoryBytes === worst.memoryBytes && Math.abs(d.cpuMillicores) > Math.abs(worst.cpuMillicores))
      )
        worst = d;
    }
    return worst as VariantDiff;
  });
}

const exact = (d: VariantDiff): boolean => d.memoryBytes === 0 && d.cpuMillicores === 0;
const closer = (a: VariantDiff, b: VariantDiff): boolean =>
  Math.abs(a.memoryBytes) < Math.abs(b.memoryBytes) ||
  (Math.abs(a.memoryBytes) === Math.abs(b.memoryBytes) && Math.abs(a.cpuMillicores) < Math.abs(b.cpuMillicores));

/** The family of a learned type: the name up to the first "-" or "." (n1-standard-1 → n1, t2.large → t2, Standard_D2s_v3 → standard_d2s_v3). */
const familyOf = (name: string): string => (name.split(/[-.]/)[0] ?? name).toLowerCase();

/** Calibrate: group the nodes into pools and compare each with the model. */
export function calibrate(input: CalibrateInput): Resolved<CalibrationResult> {
  const src = input.nodesSource;
  type Group = { provider: Provider; pool: string; poolLabel: string; type: string; nodes: KubeNode[] };
  const groups = new Map<string, Group>();
  let provider: { p: Provider; node: string } | undefined;
  for (const n of input.nodes) {
    const typeLabel = instanceTypeLabels.find((l) => n.labels[l] !== undefined && n.labels[l] !== "");
    if (!typeLabel)
      return fail(
        "--nodes",
        `${src}: node "${n.name}": metadata.labels has no node.kubernetes.io/instance-type (nor beta.kubernetes.io/instance-type); expected the labels of a GKE, AKS or EKS node`,
      );
    const type = n.labels[typeLabel] as string;
    const found = machineNamed(input.catalogs, type);
    const pl = poolLabels.find((p) => n.labels[p.label] !== undefined);
    const p: Provider | undefined = pl?.provider ?? providerOfId(n.providerId) ?? found?.provider;
    if (!p)
      return fail(
        "--nodes",
        `${src}: node "${n.name}": no pool label (cloud.google.com/gke-nodepool, kubernetes.azure.com/agentpool, eks.amazonaws.com/nodegroup, karpenter.sh/nodepool), no gce://, azure:// or aws:// spec.providerID, and instance type "${type}" is in no catalog: cannot tell its provider`,
      );
    if (found && found.provider !== p)
      return fail(
        "--nodes",
        `${src}: node "${n.name}": instance type "${type}" is ${found.provider === "gcp" ? "a" : "an"} ${found.provider} type, but the node's labels say ${p}`,
      );
    if (provider && provider.p !== p)
      return fail(
        "--nodes",
        `${src}: node "${n.name}" is ${p === "gcp" ? "a" : "an"} ${p} node, but node "${provider.node}" is ${provider.p}: mixed providers; calibrate one cluster at a time`,
      );
    provider ??= { p, node: n.name };
    const pool = pl ? (n.labels[pl.label] as string) : "(no pool label)";
    const key = `${pool}\u0000${found?.machine.name ?? type}`;
    const g = groups.get(key) ?? { provider: p, pool, poolLabel: pl?.label ?? "", type: found?.machine.name ?? type, nodes: [] };
    g.nodes.push(n);
    groups.set(key, g);
  }
  const notes: string[] = [];
  const pools: PoolCalibration[] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.pool === b.pool ? (a.type < b.type ? -1 : 1) : a.pool < b.pool ? -1 : 1))) {
    const found = machineNamed(input.catalogs, g.type);
    const minOf = (f: (n: KubeNode) => number): number => Math.min(...g.nodes.map(f));
    const maxOf = (f: (n: KubeNode) => number): number => Math.max(...g.nodes.map(f));
    const capCpu = minOf((n) => n.capacity.cpuMillicores);
    if (maxOf((n) => n.capacity.cpuMillicores) !== capCpu)
      return fail(
        "--nodes",
        `${src}: pool "${g.pool}", type ${g.type}: its nodes report different capacity CPU (${capCpu}m … ${maxOf((n) => n.capacity.cpuMillicores)}m); expected one machine type per pool and type`,
      );
    const capMemMin = minOf((n) => n.capacity.memoryBytes);
    const podsMin = minOf((n) => n.capacity.pods);
    let machine: CatalogMachineType;
    let learned = false;
    let nominalInferred = false;
    let diffs: VariantDiff[];
    const volNode = g.nodes.find((n) => n.capacity.attachableVolumes !== undefined)?.capacity.attachableVolumes;
    if (found) {
      machine = found.machine;
      if (capCpu !== machine.vcpus * 1000)
        notes.push(`pool "${g.pool}": ${g.type} nodes report ${capCpu}m capacity CPU, the catalog says ${machine.vcpus} vCPUs`);
      diffs = variantDiffs(g.nodes, machine, g.provider);
    } else {
      if (capCpu % 1000 !== 0 || capCpu === 0)
        return fail(
          "--nodes",
          `${src}: node "${g.nodes[0]?.name}": instance type "${g.type}" is in no catalog and its status.capacity.cpu (${capCpu}m) is not a whole number of vCPUs, so it cannot be learned; expected a type from \`cc-plan catalog list\``,
        );
      learned = true;
      nominalInferred = true;
      const step = 256;
      const first = Math.ceil(capMemMin / bytesInMiB / step) * step;
      const base = {
        name: g.type,
        family: familyOf(g.type),
        vcpus: capCpu / 1000,
        sharedCore: false,
        burstable: false,
        volumeAttachLimit: volNode?.count ?? learnedVolumeDefault[g.provider].value,
        volumeAttachLimitSource: volNode ? `read from the node (${volNode.resource})` : learnedVolumeDefault[g.provider].source,
        defaultMaxPods: podsMin,
        offerings: [],
      };
      let chosen: { m: CatalogMachineType; d: VariantDiff[] } | undefined;
      // Candidates up to 15 % above capacity (the kernel keeps 1.5–7 %: docs/node-overhead.md §1.1).
      for (let mib = first; mib <= (capMemMin / bytesInMiB) * 1.15; mib += step) {
        const m = { ...base, memoryMiB: mib };
        const d = variantDiffs(g.nodes, m, g.provider);
        if (d.some(exact)) {
          chosen = { m, d };
          break;
        }
      }
      if (!chosen) {
        const m = { ...base, memoryMiB: first };
        chosen = { m, d: variantDiffs(g.nodes, m, g.provider) };
      }
      machine = chosen.m;
      diffs = chosen.d;
    }
    const match = diffs.find(exact);
    const closest = match ?? diffs.reduce((a, b) => (closer(b, a) ? b : a));
    let daemonSets: DaemonSetLoad | null = null;
    if (input.daemonSets) {
      let worst: DaemonSetLoad = { cpuMillicores: millicores(0), memoryBytes: bytes(0), pods: 0, names: [] };
      for (const n of g.nodes) {
        const on = input.daemonSets.filter((ds) => daemonSetReaches(ds, n));
        const load: DaemonSetLoad = {
          cpuMillicores: millicores(on.reduce((s, d) => s + d.request.cpuMillicores, 0)),
          memoryBytes: bytes(on.reduce((s, d) => s + d.request.memoryBytes, 0)),
          pods: on.length,
          names: on.map((d) => `${d.namespace}/${d.name}`),
        };
        if (
          load.memoryBytes > worst.memoryBytes ||
          (load.memoryBytes === worst.memoryBytes && load.cpuMillicores > worst.cpuMillicores) ||
          worst.names.length === 0
        )
          worst = load;
      }
      daemonSets = worst;
    }
    let envsPerNode: PoolCalibration["envsPerNode"] = null;
    if (input.pods && input.envSelector) {
      const sel = input.envSelector;
      const counts = g.nodes.map((n) => (input.pods ?? []).filter((p) => p.nodeName === n.name && p.phase === "Running" && selects(sel, p.labels)).length);
      envsPerNode = { min: Math.min(...counts), max: Math.max(...counts), total: counts.reduce((s, c) => s + c, 0) };
    }
    pools.push({
      provider: g.provider,
      pool: g.pool,
      poolLabel: g.poolLabel,
      machineType: g.type,
      machine,
      learned,
      nominalInferred,
      nodes: g.nodes.map((n) => n.name),
      kubeletVersions: [...new Set(g.nodes.map((n) => n.kubeletVersion).filter(Boolean))].sort(),
      capacity: { cpuMillicores: millicores(capCpu), memoryBytes: { min: bytes(capMemMin), max: bytes(maxOf((n) => n.capacity.memoryBytes)) }, pods: podsMin },
      allocatable: {
        cpuMillicores: { min: millicores(minOf((n) => n.allocatable.cpuMillicores)), max: millicores(maxOf((n) => n.allocatable.cpuMillicores)) },
        memoryBytes: { min: bytes(minOf((n) => n.allocatable.memoryBytes)), max: bytes(maxOf((n) => n.allocatable.memoryBytes)) },
      },
      memoryRatio: capMemMin / (machine.memoryMiB * bytesInMiB),
      variant: match ? match.variant : "none",
      closest,
      variants: diffs,
      maxPods: podsMin,
      volumes: { value: machine.volumeAttachLimit, source: machine.volumeAttachLimitSource },
      daemonSets,
      envsPerNode,
    });
    if (maxOf((n) => n.capacity.pods) !== podsMin)
      notes.push(`pool "${g.pool}": its ${g.type} nodes have different max pods; the smallest (${podsMin}) is kept`);
  }
  if (input.daemonSets) {
    const reaching = new Set(pools.flatMap((p) => p.daemonSets?.names ?? []));
    const none = input.daemonSets.filter((d) => !reaching.has(`${d.namespace}/${d.name}`)).map((d) => `${d.namespace}/${d.name}`);
    if (none.length > 0)
      notes.push(`${none.length} DaemonSet${none.length === 1 ? " reaches" : "s reach"} none of these nodes (selectors or taints): ${none.join(", ")}`);
  }
  // One machine type in several pools that disagree: the calibration file keeps one entry per type.
  const byType = new Map<string, PoolCalibration[]>();
  for (const p of pools) byType.set(p.machineType, [...(byType.get(p.machineType) ?? []), p]);
  for (const [t, ps] of byType)
    if (ps.length > 1 && new Set(ps.map((p) => `${p.variant}|${p.maxPods}`)).size > 1)
      notes.push(
        `${t} is in pools ${ps.map((p) => `"${p.pool}"`).join(", ")} with different variants or max pods; the calibration file keeps the pool with the most nodes ("${keptPool(ps).pool}")`,
      );
  return { ok: true, value: { provider: (provider as { p: Provider }).p, nodeCount: input.nodes.length, pools, notes } };
}

/** Of several pools of one type, the one whose figures the calibration file keeps: the most nodes, then the first. */
export function keptPool(ps: readonly PoolCalibration[]): PoolCalibration {
  return ps.reduce((a, b) => (b.nodes.length > a.nodes.length ? b : a));
}
