/**
 * A planned pool → the node-pool settings the emitters print (gcloud, az, terraform, k8s, karpenter).
 * Pure. The emitters are string builders over {@link NodePoolSettings} (no catalog, no I/O). Decisions:
 * - pool names: `poolName` in planner.ts (GKE `devenv-<machine type>`, AKS `dev<size>` ≤ 12 chars);
 * - a dedicated pool: label `cc-plan/pool=devenv` and taint `cc-plan/devenv=true:NoSchedule`, so only
 *   env pods (which tolerate it) and the placeholders land there;
 * - placeholders reserve the plan's largest env shape (the warm buffer's shape);
 * - cluster name and resource group are placeholders the user replaces.
 */
import type { Provider } from "../../catalog/types.js";
import { defaultBootDisk } from "../bill/bill.js";
import { aksDefaultOsDiskGiB } from "../ephemeral.js";
import type { PlatformId } from "../overhead/types.js";
import type { PlanDocument, Pool, ProviderPlan } from "./document.js";
import { largestShape } from "./levels.js";

export interface NodePoolSettings {
  readonly provider: Provider;
  readonly platform: PlatformId;
  /** Cluster name to put in commands; the user replaces it (default "CLUSTER_NAME"). */
  readonly clusterName: string;
  /** Azure resource group (default "RESOURCE_GROUP"). */
  readonly resourceGroup: string;
  /** Node pool name, valid for GKE (≤ 40 chars, [a-z0-9-]) and AKS (≤ 12 chars, [a-z0-9], starts with a letter). */
  readonly poolName: string;
  readonly region: string;
  /**
   * Zone names when known: GCP names the user gave (`us-central1-a`…); Azure logical zones
   * (`1`, `2`, `3`) whose node label is `<region>-<n>`. Empty when only a count is known.
   */
  readonly zoneNames: readonly string[];
  /** Number of zones the pool spans (≥ 1). */
  readonly zones: number;
  /** Node label values of `topology.kubernetes.io/zone`, one per zone, when known (GCP: the names; Azure: `eastus-1`…). */
  readonly zoneLabels: readonly string[];
  readonly machineType: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly maxPods: number;
  /** Node boot/OS disk; undefined = provider default (Azure: ephemeral OS disk). */
  readonly bootDisk?: { readonly sizeGiB: number; readonly type: string };
  readonly spot: boolean;
  /** Labels and taints that dedicate the pool to dev environments. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }[];
  readonly autoscaler: {
    /** Total bounds over all zones (GKE `--total-min-nodes`/`--total-max-nodes`, AKS `--min-count`/`--max-count`). */
    readonly minNodes: number;
    readonly maxNodes: number;
    /** Per-zone bounds (GKE `--min-nodes`/`--max-nodes` in a regional cluster); minNodes = perZone.min × zones. */
    readonly perZone: { readonly min: number; readonly max: number };
    /** Placeholder envs kept warm in each zone. */
    readonly bufferEnvsPerZone: number;
    readonly scaleDownDelayMinutes: number;
  };
  /** The env shape placeholders reserve (one placeholder pod = one env). */
  readonly env: { readonly text: string; readonly cpuMillicores: number; readonly memoryBytes: number };
  readonly envsPerNode: number;
  /** Placeholder PriorityClass value: negative (so real envs preempt) and ≥ the expendable cutoff −10. */
  readonly placeholderPriority: number;
}

/** Settings for every pool of the recommended plan of a provider, the largest pool first. */
export function recommendedPoolSettings(plan: PlanDocument, p: ProviderPlan): NodePoolSettings[] {
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  if (!rec) return [];
  // Largest pool first (most nodes at its maximum): it carries the cluster-wide parts of the settings.
  const pools = [...rec.pools].sort((a, b) => b.autoscaler.maxNodes - a.autoscaler.maxNodes || (a.machineType < b.machineType ? -1 : 1));
  return pools.map((pool) => poolSettings(plan, p, pool, rec.applied === "spot", rec.maxEnvsPerNode));
}

/** Settings of one pool. */
export function poolSettings(plan: PlanDocument, p: ProviderPlan, pool: Pool, spot: boolean, maxEnvsPerNode: number | null = null): NodePoolSettings {
  const a = pool.autoscaler;
  const zoneNames = a.zoneNames;
  const zoneLabels = p.provider === "azure" ? zoneNames.map((z) => `${p.region}-${z}`) : [...zoneNames];
  // Placeholders reserve the largest shape (the one the warm buffer is sized in) that this pool holds.
  const shapes = plan.inputs.shapes.filter((x) => (pool.node.envsPerNode[x.name] ?? 0) > 0);
  const all = shapes.length > 0 ? shapes : plan.inputs.shapes;
  const big = all[largestShape(all)] as (typeof all)[number];
  // The boot disk the plan was priced with: given (--boot-disk / node.bootDisk) over the provider's default.
  const given = plan.inputs.costing.bootDisks?.[p.provider];
  const fallback = defaultBootDisk(p.provider);
  const boot =
    given === undefined
      ? fallback
      : { sizeGiB: given.sizeGiB ?? fallback?.sizeGiB ?? aksDefaultOsDiskGiB, class: given.type ?? fallback?.class ?? "", label: "given" };
  return {
    provider: p.provider,
    platform: p.platform,
    clusterName: "CLUSTER_NAME",
    resourceGroup: "RESOURCE_GROUP",
    poolName: pool.name,
    region: p.region,
    zoneNames,
    zones: a.zones,
    zoneLabels,
    machineType: pool.machineType,
    vcpus: pool.node.vcpus,
    memoryMiB: pool.node.memoryMiB,
    // A per-node cap is enforced by max pods: the DaemonSet pods (allocatable − for envs) plus the cap.
    maxPods:
      maxEnvsPerNode === null
        ? pool.node.allocatable.pods
        : Math.min(pool.node.allocatable.pods, pool.node.allocatable.pods - pool.node.forEnvs.pods + maxEnvsPerNode),
    ...(boot ? { bootDisk: { sizeGiB: boot.sizeGiB, type: boot.class } } : {}),
    spot,
    labels: { "cc-plan/pool": "devenv" },
    taints: [{ key: "cc-plan/devenv", value: "true", effect: "NoSchedule" }],
    autoscaler: {
      minNodes: a.minNodes,
      maxNodes: a.maxNodes,
      perZone: a.perZone,
      bufferEnvsPerZone: a.bufferEnvsPerZone,
      scaleDownDelayMinutes: a.scaleDownDelayMinutes,
    },
    env: { text: big.text, cpuMillicores: big.cpuMillicores, memoryBytes: big.memoryBytes },
    envsPerNode: Math.max(1, pool.node.envsPerNode[big.name] ?? 1),
    placeholderPriority: a.placeholderPriority,
  };
}
