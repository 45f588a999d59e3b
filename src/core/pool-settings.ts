/**
 * A planned strategy → the node-pool settings the emitters print (gcloud, az, terraform, k8s,
 * karpenter). Pure. Names and labels are decisions recorded here:
 * - pool name: GKE `devenv-<machine type>` (GKE allows [a-z0-9-], ≤ 40 chars); AKS `devenv` + vCPUs
 *   (AKS Linux pool names: lowercase alphanumerics, ≤ 12 chars, starting with a letter);
 * - a dedicated pool: label `cc-plan/pool=devenv` and taint `cc-plan/devenv=true:NoSchedule`, so only
 *   env pods (which tolerate it) and the placeholders land there;
 * - cluster name and resource group are placeholders the user replaces.
 */
import type { NodePoolSettings } from "../emit/settings.js";
import { gkeDefaultBootDisk } from "./costing-plan.js";
import type { Plan, StrategyResult } from "./plan.js";

/** Settings for one strategy's pool, or undefined when the env does not fit (no autoscaler bounds). */
export function nodePoolSettings(plan: Plan, s: StrategyResult): NodePoolSettings | undefined {
  const a = s.autoscaler;
  if (!a || s.envsPerNode < 1) return undefined;
  const poolName =
    s.provider === "azure"
      ? `devenv${s.vcpus}`.slice(0, 12)
      : `devenv-${s.machineType.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 40).replace(/-+$/, "");
  const zoneLabels = s.provider === "azure" ? a.zoneNames.map((z) => `${s.region}-${z}`) : [...a.zoneNames];
  // allocatable.pods is the node's max pods (given, or the platform default the node model used).
  const maxPods = s.perNode.allocatable.pods;
  return {
    provider: s.provider,
    platform: s.platform,
    clusterName: "CLUSTER_NAME",
    resourceGroup: "RESOURCE_GROUP",
    poolName,
    region: s.region,
    zoneNames: a.zoneNames,
    zones: a.zones,
    zoneLabels,
    machineType: s.machineType,
    vcpus: s.vcpus,
    memoryMiB: s.memoryMiB,
    maxPods,
    ...(s.provider === "gcp" ? { bootDisk: { sizeGiB: gkeDefaultBootDisk.sizeGiB, type: gkeDefaultBootDisk.class } } : {}),
    spot: s.cost?.applied === "spot",
    labels: { "cc-plan/pool": "devenv" },
    taints: [{ key: "cc-plan/devenv", value: "true", effect: "NoSchedule" }],
    autoscaler: {
      minNodes: a.minNodes,
      maxNodes: a.maxNodes,
      perZone: a.perZone,
      bufferEnvsPerZone: a.bufferEnvsPerZone,
      scaleDownDelayMinutes: a.scaleDownDelayMinutes,
    },
    env: { text: plan.inputs.env.text, cpuMillicores: plan.inputs.env.cpuMillicores, memoryBytes: plan.inputs.env.memoryBytes },
    envsPerNode: s.envsPerNode,
    placeholderPriority: a.placeholderPriority,
  };
}
