/** Capacity (MemTotal) estimates: cluster-autoscaler's GCE kernel formula, the percentage and the affine models. */
import { describe, expect, it } from "vitest";
import { aksCapacityEstimate, capacityEstimate, capacityMemoryBytes, gceKernelReservedBytes } from "../../src/core/capacity.js";
import { bytes } from "../../src/core/units/brands.js";
import { Gi, Ki, Mi } from "../support/machines.js";

describe("GCE kernel reserve (CA CalculateKernelReserved, COS)", () => {
  it("n2-standard-4 (16 GiB) reserves ≈ 364.7 MiB (docs/node-overhead.md §1.1)", () => {
    // 16Gi/64 = 256Mi, + 16Mi, + 64Mi swiotlb (> 3Gi), no low-memory offset (> 8Gi), + ⌊0.00175·16Gi⌋ = 30064771 B
    const expected = 256 * Mi + 16 * Mi + 64 * Mi + Math.floor(0.00175 * 16 * Gi);
    expect(gceKernelReservedBytes(bytes(16 * Gi))).toBe(expected);
    expect(expected / Mi).toBeCloseTo(364.67, 2);
  });
  it("a 4 GiB machine adds the 8 MiB low-memory offset; the correction caps at 248 MiB", () => {
    expect(gceKernelReservedBytes(bytes(4 * Gi))).toBe(64 * Mi + 16 * Mi + 64 * Mi + 8 * Mi + Math.floor(0.00175 * 4 * Gi));
    expect(gceKernelReservedBytes(bytes(256 * Gi))).toBe(4096 * Mi + 16 * Mi + 64 * Mi + 248 * Mi);
  });
  it("capacity rounds down to whole KiB", () => {
    const c = capacityMemoryBytes(bytes(16 * Gi), { kind: "gce-kernel-estimate" });
    expect(c % Ki).toBe(0);
    expect(c).toBe(Math.floor((16 * Gi - gceKernelReservedBytes(bytes(16 * Gi))) / Ki) * Ki);
  });
});

describe("affine capacity: nominal − (constant + ppm of nominal)", () => {
  it("AKS 32 GiB: loss = 104182 KiB + ⌈32 GiB × 17228 / 10⁶⌉ bytes, capacity floored to KiB (observed E4s_v3: 31.342–31.354 Gi)", () => {
    const loss = 104182 * Ki + Math.ceil((32 * Gi * 17228) / 1e6);
    const c = capacityMemoryBytes(bytes(32 * Gi), aksCapacityEstimate.model);
    expect(c).toBe(Math.floor((32 * Gi - loss) / Ki) * Ki);
    // Between the two published E4s_v3 nodes (31.342 Gi and 31.354 Gi): the fit passes through the data.
    expect(c / Gi).toBeGreaterThan(31.342);
    expect(c / Gi).toBeLessThan(31.354);
  });
  it("is exact beyond 2^53 intermediate products (BigInt): 768 GiB × 25939 ppm", () => {
    const c = capacityMemoryBytes(bytes(768 * Gi), { kind: "affine", constantKiB: 454883, ppm: 25939, source: "t" });
    const loss = 454883n * 1024n + (BigInt(768 * Gi) * 25939n + 999999n) / 1000000n;
    expect(c).toBe(Number(((BigInt(768 * Gi) - loss) / 1024n) * 1024n));
  });
  it("never goes below 0", () => {
    expect(capacityMemoryBytes(bytes(100 * Mi), { kind: "affine", constantKiB: 200 * 1024, ppm: 0, source: "t" })).toBe(0);
  });
});

describe("which estimate a machine type gets", () => {
  it("GKE: the kernel formula; AKS: one fit for every size", () => {
    expect(capacityEstimate("gcp", { name: "n2-standard-4", family: "n2" }).id).toBe("gce-kernel");
    expect(capacityEstimate("azure", { name: "Standard_D4s_v3", family: "dsv3" }).id).toBe("aks-affine");
  });
  it("EKS: by family group, metal sizes apart, Karpenter's 7.5 % for a family with no published nodes", () => {
    expect(capacityEstimate("aws", { name: "m5.xlarge", family: "m5" }).id).toBe("eks-m5-r5");
    expect(capacityEstimate("aws", { name: "r5.large", family: "r5" }).id).toBe("eks-m5-r5");
    expect(capacityEstimate("aws", { name: "m6i.large", family: "m6i" }).id).toBe("eks-m6i-m7i");
    expect(capacityEstimate("aws", { name: "m7i.48xlarge", family: "m7i" }).id).toBe("eks-m6i-m7i");
    expect(capacityEstimate("aws", { name: "m7i.metal-24xl", family: "m7i" }).id).toBe("eks-metal");
    expect(capacityEstimate("aws", { name: "r5.metal", family: "r5" }).id).toBe("eks-metal");
    const other = capacityEstimate("aws", { name: "c7g.large", family: "c7g" });
    expect(other.model).toEqual({ kind: "percent", percent: 7.5, source: expect.any(String) });
    expect(other.observedMinusEstimateMiB).toBeNull();
  });
});

describe("percentage capacity", () => {
  it("is exact beyond 2^53 intermediate products (BigInt): 512 GiB at 7.5 %", () => {
    const c = capacityMemoryBytes(bytes(512 * Gi), { kind: "percent", percent: 7.5, source: "t" });
    expect(c).toBe(Number((BigInt(512 * Gi) * 92500n) / 100000n / 1024n) * 1024);
  });
  it("observed capacity wins", () => {
    expect(capacityMemoryBytes(bytes(16 * Gi), { kind: "observed", memoryBytes: bytes(16380004 * Ki) })).toBe(16380004 * Ki);
  });
});
