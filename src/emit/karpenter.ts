/**
 * Karpenter `karpenter.sh/v1` NodePool for the env pool: EKS (Karpenter's AWS provider) or AKS node
 * auto-provisioning (Karpenter's Azure provider). Pure string builder over the `yaml` package.
 *
 * @see https://karpenter.sh/docs/concepts/nodepools/ (requirements, taints, limits, disruption; checked 2026-09)
 * @see https://learn.microsoft.com/azure/aks/node-autoprovision (AKSNodeClass, checked 2026-09)
 */
import { Document } from "yaml";
import { dnsLabel } from "./k8s.js";
import type { NodePoolSettings } from "./settings.js";

/** `spec.template.spec.nodeClassRef` per provider: AWS EC2NodeClass or Azure AKSNodeClass named `default`. */
export const karpenterNodeClassRef = {
  aws: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
  azure: { group: "karpenter.azure.com", kind: "AKSNodeClass", name: "default" },
} as const;

/**
 * The NodePool YAML.
 *
 * - requirements: `node.kubernetes.io/instance-type` In [machineType] (the planned type only, so packing
 *   holds), `karpenter.sh/capacity-type` In [spot | on-demand], and `topology.kubernetes.io/zone` In
 *   [zone labels] when known (Karpenter "well-known labels").
 * - limits: `cpu` = maxNodes × vCPUs, `memory` = maxNodes × memory MiB — Karpenter's equivalent of the
 *   autoscaler's max (Karpenter has no minimum; the k8s placeholder Deployments keep the warm buffer).
 * - disruption: `WhenEmptyOrUnderutilized` after `scaleDownDelayMinutes`, as cluster-autoscaler's
 *   scale-down-unneeded-time would.
 * @throws Error for GKE settings (no GA Karpenter provider; use `emitSettings` for a returned error).
 */
export function emitKarpenter(s: NodePoolSettings): string {
  if (s.provider === "gcp") throw new Error("karpenter emits NodePools for EKS (aws) and AKS node auto-provisioning (azure); these settings are for gcp");
  const a = s.autoscaler;
  const requirements = [
    { key: "node.kubernetes.io/instance-type", operator: "In", values: [s.machineType] },
    { key: "karpenter.sh/capacity-type", operator: "In", values: [s.spot ? "spot" : "on-demand"] },
    ...(s.zoneLabels.length > 0 ? [{ key: "topology.kubernetes.io/zone", operator: "In", values: [...s.zoneLabels] }] : []),
  ];
  const labels = Object.fromEntries(
    Object.keys(s.labels)
      .sort()
      .map((k) => [k, s.labels[k] ?? ""]),
  );
  const nodePool = {
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata: { name: dnsLabel(s.poolName) },
    spec: {
      template: {
        ...(Object.keys(labels).length > 0 ? { metadata: { labels } } : {}),
        spec: {
          nodeClassRef: { ...karpenterNodeClassRef[s.provider] },
          requirements,
          ...(s.taints.length > 0 ? { taints: s.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })) } : {}),
        },
      },
      limits: { cpu: a.maxNodes * s.vcpus, memory: `${a.maxNodes * s.memoryMiB}Mi` },
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: `${a.scaleDownDelayMinutes}m` },
    },
  };
  const doc = new Document(nodePool, { aliasDuplicateObjects: false });
  doc.commentBefore = [
    `Karpenter NodePool ${s.poolName}: ${s.machineType} (${s.vcpus} vCPU, ${s.memoryMiB} MiB), ${s.envsPerNode} env${s.envsPerNode === 1 ? "" : "s"} of ${s.env.text} per node.`,
    `limits = max ${a.maxNodes} nodes x (${s.vcpus} vCPU, ${s.memoryMiB} MiB); Karpenter has no minimum, the placeholder`,
    "Deployments (k8s emitter) keep the warm buffer. https://karpenter.sh/docs/concepts/nodepools/",
  ]
    .map((l) => ` ${l}`)
    .join("\n");
  return doc.toString({ lineWidth: 0 });
}
