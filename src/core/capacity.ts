/**
 * Node memory capacity: the kernel's MemTotal, which `node.status.capacity.memory` reports, is below the
 * nominal VM memory (docs/node-overhead.md §1.1). Reservations are computed from the nominal size;
 * allocatable is taken from capacity. Without an observed value (`--capacity-memory`) capacity is an
 * estimate, and every estimate here carries how far real nodes were from it: the published capacities in
 * `test/fixtures/node-capacity/observations.csv` (124 nodes; sources in that folder's README), which
 * `test/unit/capacity-observations.test.ts` re-reads to check the constants and the ranges below.
 */
import type { Provider } from "../catalog/types.js";
import { type Bytes, bytes, bytesFloorToKiB, bytesInGiB, bytesInKiB, bytesInMiB } from "./units/brands.js";

/** How capacity memory was obtained; recorded in the node model. */
export type CapacityModel =
  | { readonly kind: "gce-kernel-estimate" }
  | { readonly kind: "percent"; readonly percent: number; readonly source: string }
  /** nominal − (constantKiB KiB + nominal × ppm / 10⁶): a fixed part and a part proportional to the memory. */
  | { readonly kind: "affine"; readonly constantKiB: number; readonly ppm: number; readonly source: string }
  | { readonly kind: "observed"; readonly memoryBytes: Bytes }
  | { readonly kind: "nominal" };

/**
 * GCE Linux kernel reserve, COS image, x86 (kubernetes/autoscaler
 * cluster-autoscaler/cloudprovider/gce/gce_reserved.go `CalculateKernelReserved` @55c37cd), in bytes:
 * ⌊phys/64⌋ + 16 MiB + 64 MiB (swiotlb, if phys > 3 GiB) + 8 MiB (if phys ≤ 8 GiB)
 * + ⌊min(0.00175·phys, 248 MiB)⌋ (empirical correction, "statistically developed" upstream).
 * @example n2-standard-4 (16 GiB): 256 + 16 + 64 + 28.67 MiB = 382386307 bytes ≈ 364.7 MiB
 */
export function gceKernelReservedBytes(physicalBytes: Bytes): Bytes {
  let reserved = Math.floor(physicalBytes / 64) + 16 * bytesInMiB;
  if (physicalBytes > 3 * bytesInGiB) reserved += 64 * bytesInMiB;
  if (physicalBytes <= 8 * bytesInGiB) reserved += 8 * bytesInMiB;
  reserved += Math.floor(Math.min(0.00175 * physicalBytes, 248 * bytesInMiB));
  return bytes(reserved);
}

/**
 * Capacity memory of a node, rounded down to whole KiB (the kubelet reports MemTotal in kB = KiB).
 * @param nominalBytes - nominal VM memory
 */
export function capacityMemoryBytes(nominalBytes: Bytes, model: CapacityModel): Bytes {
  switch (model.kind) {
    case "observed":
      return model.memoryBytes;
    case "nominal":
      return nominalBytes;
    case "gce-kernel-estimate":
      return bytesFloorToKiB(bytes(nominalBytes - gceKernelReservedBytes(nominalBytes)));
    case "percent":
      // capacity rounds down: ⌊nominal × (1 − p/100)⌋, exact in BigInt (bytes × 1e5 exceeds 2^53)
      return bytesFloorToKiB(bytes(Number((BigInt(nominalBytes) * BigInt(100_000 - Math.round(model.percent * 1000))) / 100_000n)));
    case "affine": {
      // loss = constantKiB × 1024 + ⌈nominal × ppm / 10⁶⌉ bytes (the loss rounds up, so capacity rounds
      // down), in BigInt (nominal × ppm exceeds 2^53); capacity = ⌊(nominal − loss) / KiB⌋ KiB, at least 0.
      const n = BigInt(nominalBytes);
      const loss = BigInt(model.constantKiB * bytesInKiB) + (n * BigInt(model.ppm) + 999_999n) / 1_000_000n;
      return bytesFloorToKiB(bytes(Number(n > loss ? n - loss : 0n)));
    }
  }
}

/** A capacity estimate for a machine type, with how far real nodes were from it. */
export interface CapacityEstimate {
  /** Short name of the fit, e.g. "gce-kernel", "aks-affine", "eks-m5-r5". */
  readonly id: string;
  readonly model: CapacityModel;
  /** The formula in words, with its source. */
  readonly label: string;
  /**
   * Observed − estimated capacity over the published nodes the estimate was checked on, MiB, rounded
   * outward to whole MiB (negative: the real node had less memory than estimated); null when not checked.
   */
  readonly observedMinusEstimateMiB: { readonly min: number; readonly max: number } | null;
  /** How many published nodes, and their nominal sizes (MiB). */
  readonly observations: number;
  readonly checkedNominalMiB: { readonly min: number; readonly max: number } | null;
}

/**
 * GKE: cluster-autoscaler's kernel formula ({@link gceKernelReservedBytes}), kept as published. On the 35
 * GKE nodes of observations.csv (17 types, 7.5–512 GiB: n1, n2, n2-highmem, n4, e2) the real capacity was
 * −23.2 … +223.5 MiB from it. The error has a sign pattern: every node up to 64 GiB had 0.9–23.2 MiB less
 * than estimated, every node of 120 GiB or more 17.7–223.5 MiB more (the 0.175 % correction, capped at
 * 248 MiB, over-corrects there). So the estimate is slightly optimistic on small nodes and conservative on
 * large ones; no constant of ours replaces upstream's (docs/node-overhead.md §1.1).
 */
export const gceCapacityEstimate: CapacityEstimate = {
  id: "gce-kernel",
  model: { kind: "gce-kernel-estimate" },
  label: "nominal − GCE kernel reserve (cluster-autoscaler CalculateKernelReserved)",
  observedMinusEstimateMiB: { min: -24, max: 224 },
  observations: 35,
  checkedNominalMiB: { min: 7680, max: 524288 },
};

/**
 * AKS: an affine fit, loss = 104182 KiB + 1.7228 % of nominal, by ordinary least squares of
 * loss = nominal − capacity (bytes) on nominal (bytes) over the 9 AKS nodes of observations.csv (8 types,
 * 3.5–64 GiB: B2s, DS1_v2, DS2_v2, F2s_v2, E2_v4, E4s_v3, E8s_v3, E8s_v5); the intercept rounded to whole KiB
 * and the slope to parts per million. Residuals (observed − estimate) −9.2 … +8.1 MiB. No published AKS
 * node above 64 GiB was found: larger sizes are an extrapolation (at 512 GiB it takes 0.6 GiB more than
 * GKE's formula, which real GKE nodes of that size beat by 0.2 GiB). The previous default, 2 % below
 * nominal, was −94 … +88 MiB off on the same nodes; karpenter-provider-azure's 7.5 % takes 3–6 % of the
 * nominal memory too much on them.
 */
export const aksCapacityEstimate: CapacityEstimate = {
  id: "aks-affine",
  model: { kind: "affine", constantKiB: 104_182, ppm: 17_228, source: "least-squares fit to 9 published AKS nodes" },
  label: "nominal − (101.7 MiB + 1.7228 %), fitted to published AKS nodes",
  observedMinusEstimateMiB: { min: -10, max: 9 },
  observations: 9,
  checkedNominalMiB: { min: 3584, max: 65536 },
};

/**
 * EKS, m5 and r5 (Skylake/Cascade Lake Nitro, not metal): least squares as for AKS over the 48 m5/r5 rows
 * of observations.csv (karpenter-provider-aws PRs #4252 and #4517, Bottlerocket; 2i2c, Amazon Linux):
 * loss = 454883 KiB + 2.5939 % of nominal. Residuals −2012.0 … +201.0 MiB: r5 and most m5 sizes are within
 * +1.2 … +201 MiB, but m5 hosts differ — m5.4xlarge lost 574 MiB more than the line in both runs, m5.8xlarge
 * 1246 MiB and m5.12xlarge 2012 MiB more in one of the two.
 */
export const eksM5R5CapacityEstimate: CapacityEstimate = {
  id: "eks-m5-r5",
  model: { kind: "affine", constantKiB: 454_883, ppm: 25_939, source: "least-squares fit to 48 published m5/r5 EKS nodes" },
  label: "nominal − (444.2 MiB + 2.5939 %), fitted to published m5/r5 EKS nodes",
  observedMinusEstimateMiB: { min: -2012, max: 201 },
  observations: 48,
  checkedNominalMiB: { min: 8192, max: 786432 },
};

/**
 * EKS, m6i and m7i (Ice Lake/Sapphire Rapids, not metal): least squares over the 27 m6i/m7i rows of
 * observations.csv (karpenter-provider-aws PRs #4252 and #4517): loss = 228230 KiB + 3.1089 % of nominal;
 * residuals −118.8 … +82.3 MiB. The slope is 0.52 % above m5/r5's: the two lines are 2.4 GiB apart at
 * 512 GiB, so one line for every EKS type would be off by that much.
 */
export const eksM6iM7iCapacityEstimate: CapacityEstimate = {
  id: "eks-m6i-m7i",
  model: { kind: "affine", constantKiB: 228_230, ppm: 31_089, source: "least-squares fit to 27 published m6i/m7i EKS nodes" },
  label: "nominal − (222.9 MiB + 3.1089 %), fitted to published m6i/m7i EKS nodes",
  observedMinusEstimateMiB: { min: -119, max: 83 },
  observations: 27,
  checkedNominalMiB: { min: 8192, max: 786432 },
};

/**
 * EKS bare-metal sizes (`.metal*`): no hypervisor; they lose about 60 % of what the same family's largest
 * virtualised size loses. Least squares over the 5 metal rows of observations.csv (m5.metal, r5.metal twice each, m6i.metal):
 * loss = 443711 KiB + 1.5688 % of nominal; residuals −49.9 … +148.5 MiB. m7i.metal-24xl/48xl are not among
 * the published nodes.
 */
export const eksMetalCapacityEstimate: CapacityEstimate = {
  id: "eks-metal",
  model: { kind: "affine", constantKiB: 443_711, ppm: 15_688, source: "least-squares fit to 5 published bare-metal EKS nodes" },
  label: "nominal − (433.3 MiB + 1.5688 %), fitted to published bare-metal EKS nodes",
  observedMinusEstimateMiB: { min: -50, max: 149 },
  observations: 5,
  checkedNominalMiB: { min: 393216, max: 786432 },
};

/**
 * EKS, any other family (none in the catalog; a library caller may bring one): karpenter-provider-aws's
 * `VM_MEMORY_OVERHEAD_PERCENT` default 0.075 (pkg/operator/options/options.go @1d92708), which over-states the
 * loss of every published m5/m6i/m7i/r5 node (by 55 MiB … 45 GiB). Not checked here.
 */
export const eksDefaultCapacityEstimate: CapacityEstimate = {
  id: "eks-karpenter-default",
  model: { kind: "percent", percent: 7.5, source: "karpenter-provider-aws VM_MEMORY_OVERHEAD_PERCENT default 0.075" },
  label: "nominal − 7.5 % (karpenter-provider-aws VM_MEMORY_OVERHEAD_PERCENT default)",
  observedMinusEstimateMiB: null,
  observations: 0,
  checkedNominalMiB: null,
};

/** The capacity estimate of a machine type (docs/node-overhead.md §1.1). */
export function capacityEstimate(provider: Provider, machine: { readonly name: string; readonly family: string }): CapacityEstimate {
  if (provider === "gcp") return gceCapacityEstimate;
  if (provider === "azure") return aksCapacityEstimate;
  if (/\.metal/.test(machine.name)) return eksMetalCapacityEstimate;
  if (machine.family === "m5" || machine.family === "r5") return eksM5R5CapacityEstimate;
  if (machine.family === "m6i" || machine.family === "m7i") return eksM6iM7iCapacityEstimate;
  return eksDefaultCapacityEstimate;
}

/** "−24…+224 MiB": an estimate's range as printed (the minus sign is U+2212). */
export function rangeText(r: { readonly min: number; readonly max: number }): string {
  const s = (v: number): string => (v < 0 ? `−${-v}` : `+${v}`);
  return `${s(r.min)}…${s(r.max)} MiB`;
}
