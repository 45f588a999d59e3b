/**
 * Seed node-pool settings for the emitter tests: the seeds' GKE example (60 × 4cpu16g on n2-standard-32,
 * 7 envs per node) and AKS example (Standard_D64s_v3, 15 envs per node), plus an EKS pool for Karpenter.
 * Written out by hand (not derived from a plan) so the emitter goldens do not move when the core does.
 */
import type { NodePoolSettings } from "../../src/emit/settings.js";

const env4cpu16g = { text: "4cpu16g", cpuMillicores: 4000, memoryBytes: 17_179_869_184 } as const; // 16 × 1024³
const devenvLabels = { "cc-plan/pool": "devenv" } as const;
const devenvTaints = [{ key: "cc-plan/devenv", value: "true", effect: "NoSchedule" }] as const;

/** GKE, regional us-central1 over 3 zones whose names are unknown. */
export const gkeSeedSettings: NodePoolSettings = {
  provider: "gcp",
  platform: "gke",
  clusterName: "CLUSTER_NAME",
  resourceGroup: "RESOURCE_GROUP",
  poolName: "devenv-n2-standard-32",
  region: "us-central1",
  zoneNames: [],
  zones: 3,
  zoneLabels: [],
  machineType: "n2-standard-32",
  vcpus: 32,
  memoryMiB: 131_072, // 128 GiB
  maxPods: 110,
  bootDisk: { sizeGiB: 100, type: "pd-balanced" },
  spot: false,
  labels: devenvLabels,
  taints: devenvTaints,
  // per zone 2…4 over 3 zones = 6…12 in total
  autoscaler: { minNodes: 6, maxNodes: 12, perZone: { min: 2, max: 4 }, bufferEnvsPerZone: 2, scaleDownDelayMinutes: 10 },
  env: env4cpu16g,
  envsPerNode: 7,
  placeholderPriority: -1,
};

/** AKS, eastus, logical zones 1–3 (node labels eastus-1…3), no boot disk (AKS default OS disk). */
export const aksSeedSettings: NodePoolSettings = {
  provider: "azure",
  platform: "aks",
  clusterName: "CLUSTER_NAME",
  resourceGroup: "RESOURCE_GROUP",
  poolName: "devenv",
  region: "eastus",
  zoneNames: ["1", "2", "3"],
  zones: 3,
  zoneLabels: ["eastus-1", "eastus-2", "eastus-3"],
  machineType: "Standard_D64s_v3",
  vcpus: 64,
  memoryMiB: 262_144, // 256 GiB
  maxPods: 250,
  spot: false,
  labels: devenvLabels,
  taints: devenvTaints,
  // per zone 1…2 over 3 zones = 3…6 in total
  autoscaler: { minNodes: 3, maxNodes: 6, perZone: { min: 1, max: 2 }, bufferEnvsPerZone: 2, scaleDownDelayMinutes: 10 },
  env: env4cpu16g,
  envsPerNode: 15,
  placeholderPriority: -1,
};

/** EKS with Karpenter, us-east-1a…c, spot: only the Karpenter and k8s emitters apply. */
export const eksSpotSettings: NodePoolSettings = {
  provider: "aws",
  platform: "eks",
  clusterName: "CLUSTER_NAME",
  resourceGroup: "RESOURCE_GROUP",
  poolName: "devenv-m5-8xlarge",
  region: "us-east-1",
  zoneNames: ["us-east-1a", "us-east-1b", "us-east-1c"],
  zones: 3,
  zoneLabels: ["us-east-1a", "us-east-1b", "us-east-1c"],
  machineType: "m5.8xlarge",
  vcpus: 32,
  memoryMiB: 131_072,
  maxPods: 234,
  spot: true,
  labels: devenvLabels,
  taints: devenvTaints,
  autoscaler: { minNodes: 3, maxNodes: 12, perZone: { min: 1, max: 4 }, bufferEnvsPerZone: 1, scaleDownDelayMinutes: 15 },
  env: env4cpu16g,
  envsPerNode: 7,
  placeholderPriority: -1,
};
