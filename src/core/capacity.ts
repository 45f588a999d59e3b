/**
 * Node memory capacity: the kernel's MemTotal, which `node.status.capacity.memory` reports, is below the
 * nominal VM memory (docs/node-overhead.md §1.1). Reservations are computed from the nominal size;
 * allocatable is taken from capacity.
 */
import { bytes, bytesFloorToKiB, bytesInGiB, bytesInMiB, type Bytes } from "./units/brands.js";

/** How capacity memory was obtained; recorded in the node model. */
export type CapacityModel =
  | { readonly kind: "gce-kernel-estimate" }
  | { readonly kind: "percent"; readonly percent: number; readonly source: string }
  | { readonly kind: "observed"; readonly memoryBytes: Bytes }
  | { readonly kind: "nominal" };

/**
 * GCE Linux kernel reserve, COS image, x86 (kubernetes/autoscaler
 * cluster-autoscaler/cloudprovider/gce/gce_reserved.go `CalculateKernelReserved` @55c37cd), in bytes:
 * ⌊phys/64⌋ + 16 MiB + 64 MiB (swiotlb, if phys > 3 GiB) + 8 MiB (if phys ≤ 8 GiB)
 * + ⌊min(0.00175·phys, 248 MiB)⌋ (empirical correction, "statistically developed" upstream).
 * Observed error on real nodes −214 MiB … +23 MiB (docs/node-overhead.md §1.1).
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
      return bytesFloorToKiB(
        bytes(Number((BigInt(nominalBytes) * BigInt(100_000 - Math.round(model.percent * 1000))) / 100_000n)),
      );
  }
}

/**
 * Azure default: MemTotal ≈ 2 % below nominal. Observed on AKS nodes: E4s_v3 (32 GiB) 31.342–31.354 Gi
 * (−2.0 %), E8s_v3 (64 GiB) 62.806 Gi (−1.9 %), E2_v4 (16 GiB) 15.616 Gi (−2.4 %)
 * (2i2c-org/infrastructure instance_capacities.yaml, via docs/node-overhead.md §1.1, which says "real loss is ~2%").
 * karpenter-provider-azure's 7.5 % default is deliberately conservative and would under-state a 256 GiB
 * node by ~14 GiB, so it is not used as the default; pass the observed value with --capacity-memory.
 */
export const azureCapacityModel: CapacityModel = {
  kind: "percent",
  percent: 2,
  source: "observed AKS nodes (2i2c instance_capacities.yaml): ~2 % below nominal",
};

/**
 * AWS default: 7.5 % below nominal, karpenter-provider-aws `VM_MEMORY_OVERHEAD_PERCENT` default 0.075
 * (pkg/operator/options/options.go @1d92708). Observed losses spread from 2.7 % (r5.16xlarge) to 6.7 %
 * (m5.large) (docs/node-overhead.md §1.1), so no single observed percentage fits; Karpenter's conservative
 * default is used until a node has been seen (pass it with --capacity-memory).
 */
export const awsCapacityModel: CapacityModel = {
  kind: "percent",
  percent: 7.5,
  source: "karpenter-provider-aws VM_MEMORY_OVERHEAD_PERCENT default 0.075",
};
