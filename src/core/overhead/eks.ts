/**
 * EKS node reservations (AL2023 nodeadm, AL2 bootstrap.sh, Bottlerocket, Karpenter agree).
 * @see awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go @81fec2e (`getMemoryMebibytesToReserve`,
 *      `getCPUMillicoresToReserve`); aws/karpenter-provider-aws pkg/providers/instancetype/types.go @1d92708
 *      (`kubeReservedResources`, CPU ranges credited to Bottlerocket). Checked 2026-08.
 */
import { type MiB, type Millicores, mib, millicores } from "../units/brands.js";
import { applyBrackets } from "./brackets.js";
import { gkeCpuBrackets } from "./gke.js";
import { kubeReservation, type MachineFacts, type Reservation } from "./types.js";

/** EKS kube-reserved CPU: the same 6/1/0.5/0.25 % tiers as GKE, integer millicores (truncated). */
export function eksKubeReservedCpu(machine: MachineFacts): Millicores {
  return millicores(Math.floor(applyBrackets(machine.vcpus * 1000, gkeCpuBrackets)));
}

/**
 * EKS kube-reserved memory: 11 MiB × maxPods + 255 MiB, independent of VM memory.
 * @example m5.large with 29 pods: 11·29 + 255 = 574 MiB
 */
export function eksKubeReservedMemory(maxPods: number): MiB {
  return mib(11 * maxPods + 255);
}

/** EKS hard eviction `memory.available<100Mi`. */
export const eksEvictionHardMemoryMiB = 100;

/** EKS reservation. System-reserved is 0 by default. */
export function eksReservation(machine: MachineFacts, maxPods: number): Reservation {
  return kubeReservation(eksKubeReservedCpu(machine), eksKubeReservedMemory(maxPods), eksEvictionHardMemoryMiB, "eks-kube-reserved@11*maxPods+255");
}
