/**
 * Reservation model of a platform (the Kubernetes flavour that decides kube-reserved,
 * system-reserved and the hard eviction threshold). Karpenter's InstanceTypeOverhead shape.
 */
import type { Bytes, Millicores } from "../units/brands.js";

/** Facts about a machine type that reservation formulas read. */
export interface MachineFacts {
  readonly name: string;
  readonly vcpus: number;
  /** Nominal VM memory in MiB (not MemTotal). */
  readonly memoryMiB: number;
  readonly sharedCore: boolean;
}

/** CPU and memory amount. */
export interface CpuMemory {
  readonly cpuMillicores: Millicores;
  readonly memoryBytes: Bytes;
}

/** What a platform reserves on one node. */
export interface Reservation {
  readonly kubeReserved: CpuMemory;
  readonly systemReserved: CpuMemory;
  /** Hard eviction threshold `memory.available` (only hard eviction reduces allocatable). */
  readonly evictionHardMemoryBytes: Bytes;
  /** Formula variant used, recorded in the plan (e.g. `aks-kube-reserved@k8s>=1.29`). */
  readonly variant: string;
}

/** Which end of a ranged model (the seeds' "1–2 GB") to compute. Exact models ignore it. */
export type Bound = "low" | "high";

/** Identifier of a built-in platform. */
export type PlatformId = "gke" | "aks" | "aks-legacy" | "eks" | "flat" | "custom";

export const platformIds: readonly PlatformId[] = ["gke", "aks", "aks-legacy", "eks", "flat", "custom"];
