/**
 * Reservation model of a platform (the Kubernetes flavour that decides kube-reserved,
 * system-reserved and the hard eviction threshold). Karpenter's InstanceTypeOverhead shape.
 */
import { type Bytes, bytes, bytesInMiB, type Millicores, millicores } from "../units/brands.js";

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

/**
 * A reservation from its parts: kube-reserved CPU (m) and memory (MiB), hard eviction (MiB);
 * system-reserved is 0 on every managed platform by default (GKE, AKS `--system-reserved=cpu=0,memory=0`, EKS).
 */
export function kubeReservation(cpuMillicores: number, memoryMiB: number, evictionMiB: number, variant: string): Reservation {
  return {
    kubeReserved: { cpuMillicores: millicores(cpuMillicores), memoryBytes: bytes(memoryMiB * bytesInMiB) },
    systemReserved: { cpuMillicores: millicores(0), memoryBytes: bytes(0) },
    evictionHardMemoryBytes: bytes(evictionMiB * bytesInMiB),
    variant,
  };
}

/** Which end of a ranged model (the guides' "1–2 GB") to compute. Exact models ignore it. */
export type Bound = "low" | "high";

/** Identifier of a built-in platform. */
export type PlatformId = "gke" | "aks" | "aks-legacy" | "eks" | "flat" | "custom";

export const platformIds: readonly PlatformId[] = ["gke", "aks", "aks-legacy", "eks", "flat", "custom"];
