/**
 * GKE Standard node reservations.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes ("Memory and CPU reservations"),
 *      implemented as in kubernetes/autoscaler cluster-autoscaler/cloudprovider/gce/reserved.go (rev 729ba95);
 *      shared-core rule from cloudpilot-ai/karpenter-provider-gcp pkg/utils/utils.go @417f047.
 *      Verified against real GKE nodes 1.15 → 1.36 (docs/node-overhead.md §2, checked 2026-08).
 */
import { type MiB, type Millicores, mib, mibInGkeGB, millicores } from "../units/brands.js";
import { applyBrackets, type Bracket } from "./brackets.js";
import { kubeReservation, type MachineFacts, type Reservation } from "./types.js";

/** CPU brackets in millicores of machine CPU: 6 % of core 1, 1 % of core 2, 0.5 % of cores 3–4, 0.25 % above. */
export const gkeCpuBrackets: readonly Bracket[] = [
  { from: 0, to: 1000, rate: 0.06 },
  { from: 1000, to: 2000, rate: 0.01 },
  { from: 2000, to: 4000, rate: 0.005 },
  { from: 4000, rate: 0.0025 },
];

/** Shared-core E2 types (e2-micro/small/medium): GKE reserves a total of 1060 m. */
export const gkeSharedCoreCpuMillicores = 1060;

/**
 * GKE kube-reserved CPU.
 * @param machine - vCPUs and the shared-core flag
 * @returns millicores, truncated to an integer (autoscaler `cpuReservedMillicores` truncates)
 */
export function gkeKubeReservedCpu(machine: MachineFacts): Millicores {
  if (machine.sharedCore) return millicores(gkeSharedCoreCpuMillicores);
  return millicores(Math.floor(applyBrackets(machine.vcpus * 1000, gkeCpuBrackets)));
}

/**
 * Memory brackets on machine memory in MiB, with GKE's 1000-MiB "GB" (verified quirk):
 * 25 % of the first 4 GB, 20 % of the next 4, 10 % of the next 8, 6 % of the next 112, 2 % above 128.
 */
export const gkeMemoryBrackets: readonly Bracket[] = [
  { from: 0, to: 4 * mibInGkeGB, rate: 0.25 },
  { from: 4 * mibInGkeGB, to: 8 * mibInGkeGB, rate: 0.2 },
  { from: 8 * mibInGkeGB, to: 16 * mibInGkeGB, rate: 0.1 },
  { from: 16 * mibInGkeGB, to: 128 * mibInGkeGB, rate: 0.06 },
  { from: 128 * mibInGkeGB, rate: 0.02 },
];

/** Machines with at most 1 GB (1000 MiB) get a flat 255 MiB. */
export const gkeSmallMachineMemoryMiB = 255;

/**
 * GKE kube-reserved memory.
 * @param machine - nominal machine memory in MiB
 * @returns MiB, floored (autoscaler truncates to whole MiB)
 * @example n2-standard-4 (16384 MiB): 1000 + 800 + 800 + 0.06·384 = 2623.04 → 2623 MiB
 */
export function gkeKubeReservedMemory(machine: MachineFacts): MiB {
  if (machine.memoryMiB <= mibInGkeGB) return mib(gkeSmallMachineMemoryMiB);
  return mib(Math.floor(applyBrackets(machine.memoryMiB, gkeMemoryBrackets)));
}

/** Hard eviction `memory.available<100Mi` (plan-node-sizes; autoscaler `defaultKubeletEvictionHardMemory`). */
export const gkeEvictionHardMemoryMiB = 100;

/** GKE reservation of one node. System-reserved is 0 on GKE. */
export function gkeReservation(machine: MachineFacts): Reservation {
  const variant = machine.sharedCore ? "gke-kube-reserved@shared-core-e2" : "gke-kube-reserved@1000MiB-brackets";
  return kubeReservation(gkeKubeReservedCpu(machine), gkeKubeReservedMemory(machine), gkeEvictionHardMemoryMiB, variant);
}
