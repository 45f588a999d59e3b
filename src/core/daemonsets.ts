/**
 * DaemonSet and static-pod requests per node: they consume allocatable CPU and memory and pod slots
 * (docs/node-overhead.md §7). Defaults per platform are documented listings of real clusters;
 * they vary with add-ons and versions, so every plan can override them (`--daemonset-overhead`).
 */

import type { PlatformId } from "./overhead/types.js";
import { type Bytes, bytes, bytesInMiB, type Millicores, millicores } from "./units/brands.js";

/** Requests of the system pods on one node. */
export interface DaemonSetOverhead {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
  /** Pod slots they occupy. */
  readonly pods: number;
  /** Where the numbers come from. */
  readonly source: string;
}

const mi = (n: number): Bytes => bytes(n * bytesInMiB);

/** Default DaemonSet overhead per platform. */
export const defaultDaemonSetOverhead: Readonly<Record<PlatformId, DaemonSetOverhead>> = {
  // camunda/zeebe-chaos node listing, GKE 1.36, without calico (network policy off by default):
  // kube-proxy 100m (static pod) + fluentbit-gke 105m/230Mi + gke-metrics-agent 21m/145Mi
  // + gke-metadata-server 100m/100Mi + netd 8m/65Mi + pdcsi-node 10m/20Mi + ip-masq-agent 10m/16Mi
  // + node-local-dns 30m/50Mi = 384m, 626Mi, 8 pods.
  gke: {
    cpuMillicores: millicores(384),
    memoryBytes: mi(626),
    pods: 8,
    source: "GKE 1.36 system pods without calico (camunda/zeebe-chaos listing)",
  },
  // 2i2c AKS 1.28/1.29: cloud-node-manager, csi-azuredisk-node, csi-azurefile-node, kube-proxy
  // (+ two small 2i2c DaemonSets) = 226m, 300Mi, 6 pods.
  aks: {
    cpuMillicores: millicores(226),
    memoryBytes: mi(300),
    pods: 6,
    source: "AKS 1.28/1.29 system pods (2i2c daemonset_requests.yaml)",
  },
  "aks-legacy": {
    cpuMillicores: millicores(226),
    memoryBytes: mi(300),
    pods: 6,
    source: "AKS 1.28/1.29 system pods (2i2c daemonset_requests.yaml)",
  },
  // 2i2c EKS 1.29/1.30: aws-node (50m with the network-policy agent), ebs-csi-node, kube-proxy
  // (+ two small 2i2c DaemonSets) = 195m, 250Mi, 5 pods (upper end of 170–195m).
  eks: {
    cpuMillicores: millicores(195),
    memoryBytes: mi(250),
    pods: 5,
    source: "EKS 1.29/1.30 system pods (2i2c), upper end",
  },
  // The guides' 0.2 vCPU + 1–2 GB already covers every system task.
  flat: {
    cpuMillicores: millicores(0),
    memoryBytes: bytes(0),
    pods: 0,
    source: "included in the CodeCanvas guides' flat 0.2 vCPU + 1–2 GB",
  },
  custom: {
    cpuMillicores: millicores(0),
    memoryBytes: bytes(0),
    pods: 0,
    source: "custom platform: none unless --daemonset-overhead is given",
  },
};
