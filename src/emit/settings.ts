/**
 * What the settings emitters (gcloud, az, terraform, k8s, karpenter) need to know about one node pool.
 * Built by the core from a plan strategy (src/core/autoscaler.ts → `nodePoolSettings`); the emitters
 * are pure string builders over this object (no catalog, no I/O).
 */
import type { Provider } from "../catalog/types.js";
import type { PlatformId } from "../core/overhead/types.js";

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
