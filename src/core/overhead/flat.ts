/**
 * The CodeCanvas guides' rule of thumb: "reserve approximately 0.2 vCPU and 1–2GB memory per node for
 * the system tasks" (CodeCanvas installation guides ("Multi-Cluster Installation to Google GKE", "Distributed Installation to Azure AKS"), "Estimate resource requirements"). Carried as a range:
 * `low` = 1 GiB, `high` = 2 GiB ("GB" read as GiB, as the guides do for VM sizes).
 * The rule covers every system task, so the flat model has no separate eviction threshold,
 * kernel share or DaemonSet overhead.
 */
import { bytes, bytesInGiB, millicores } from "../units/brands.js";
import type { Bound, Reservation } from "./types.js";

/** 0.2 vCPU per node. */
export const flatCpuMillicores = 200;
/** 1–2 GB per node. */
export const flatMemoryGiB: Readonly<Record<Bound, number>> = { low: 1, high: 2 };

/** Flat reservation for one end of the range. */
export function flatReservation(bound: Bound): Reservation {
  return {
    kubeReserved: {
      cpuMillicores: millicores(flatCpuMillicores),
      memoryBytes: bytes(flatMemoryGiB[bound] * bytesInGiB),
    },
    systemReserved: { cpuMillicores: millicores(0), memoryBytes: bytes(0) },
    evictionHardMemoryBytes: bytes(0),
    variant: `flat-guide@0.2cpu+${flatMemoryGiB[bound]}GiB`,
  };
}
