/**
 * AKS node reservations, both formulas.
 * @see https://learn.microsoft.com/azure/aks/node-resource-reservations
 *      (MicrosoftDocs/azure-aks-docs articles/aks/node-resource-reservations.md @fb060ab, checked 2026-08);
 *      brackets as data after Azure/karpenter-provider-azure pkg/providers/instancetype/instancetype.go @352646f.
 *      Which formula a pool gets depends on when it was created or last updated (Azure/AKS CHANGELOG
 *      2024-03-17): `aks` = pools on Kubernetes ≥ 1.29 created/updated after 2024-02-26, `aks-legacy` = older.
 */
import { type MiB, type Millicores, mib, mibInGiB, millicores } from "../units/brands.js";
import { applyBrackets, type Bracket } from "./brackets.js";
import { kubeReservation, type MachineFacts, type Reservation } from "./types.js";

/**
 * CPU brackets per core: 6 % of core 1, 4 % of core 2, 2 % of cores 3–4, 1 % of cores 5+
 * (reproduces the doc's table 1→60, 2→100, 4→140, 8→180, 16→260, 32→420, 64→740 m).
 */
export const aksCpuBrackets: readonly Bracket[] = [
  { from: 0, to: 1000, rate: 0.06 },
  { from: 1000, to: 2000, rate: 0.04 },
  { from: 2000, to: 4000, rate: 0.02 },
  { from: 4000, rate: 0.01 },
];

/** AKS kube-reserved CPU in millicores (exact for whole vCPUs; floored otherwise). Same for both formulas. */
export function aksKubeReservedCpu(machine: MachineFacts): Millicores {
  return millicores(Math.floor(applyBrackets(machine.vcpus * 1000, aksCpuBrackets)));
}

/**
 * AKS ≥ 1.29 kube-reserved memory: min(20 MiB × maxPods + 50 MiB, 25 % × VM memory), floored to MiB.
 * The doc says "MB"; the kubelet flag on real nodes is MiB (20·110 + 50 = `memory=2250Mi`).
 * @param maxPods - per-node pod limit
 * @param machine - nominal VM memory in MiB (the 25 % cap is on SKU memory, as in karpenter PR #1919)
 */
export function aksKubeReservedMemory(machine: MachineFacts, maxPods: number): MiB {
  return mib(Math.min(20 * maxPods + 50, Math.floor(machine.memoryMiB / 4)));
}

/** AKS ≥ 1.29 hard eviction `memory.available<100Mi`. */
export const aksEvictionHardMemoryMiB = 100;

/** AKS (≥ 1.29 formula) reservation. System-reserved is 0 (`--system-reserved=cpu=0,memory=0`). */
export function aksReservation(machine: MachineFacts, maxPods: number): Reservation {
  return kubeReservation(
    aksKubeReservedCpu(machine),
    aksKubeReservedMemory(machine, maxPods),
    aksEvictionHardMemoryMiB,
    "aks-kube-reserved@k8s>=1.29(min(20*maxPods+50,25%))",
  );
}

/**
 * Legacy AKS memory brackets on VM memory in **GiB**: 25 % of the first 4, 20 % of the next 4,
 * 10 % of the next 8, 6 % of the next 112, 2 % above 128
 * (karpenter-provider-azure `reservedMemoryTaxGi`; tests: 7 GiB → 1638Mi, 8 → 1843Mi, 64 → 5611Mi).
 */
export const aksLegacyMemoryBracketsGiB: readonly Bracket[] = [
  { from: 0, to: 4, rate: 0.25 },
  { from: 4, to: 8, rate: 0.2 },
  { from: 8, to: 16, rate: 0.1 },
  { from: 16, to: 128, rate: 0.06 },
  { from: 128, rate: 0.02 },
];

/**
 * Legacy AKS kube-reserved memory: the GiB brackets applied in MiB (same result as
 * `int64(1024 × tax(GiB))`), floored to MiB.
 */
export function aksLegacyKubeReservedMemory(machine: MachineFacts): MiB {
  const bracketsMiB = aksLegacyMemoryBracketsGiB.map((b) => ({
    from: b.from * mibInGiB,
    ...(b.to === undefined ? {} : { to: b.to * mibInGiB }),
    rate: b.rate,
  }));
  return mib(Math.floor(applyBrackets(machine.memoryMiB, bracketsMiB)));
}

/** Legacy AKS hard eviction `memory.available<750Mi`. */
export const aksLegacyEvictionHardMemoryMiB = 750;

/** AKS legacy (pre-1.29 / pools not updated since 2024-02-26) reservation. */
export function aksLegacyReservation(machine: MachineFacts): Reservation {
  return kubeReservation(
    aksKubeReservedCpu(machine),
    aksLegacyKubeReservedMemory(machine),
    aksLegacyEvictionHardMemoryMiB,
    "aks-kube-reserved@legacy(GiB-brackets+750Mi)",
  );
}
