/** Capacity (MemTotal) estimates: cluster-autoscaler's GCE kernel formula and the percentage models. */
import { describe, expect, it } from "vitest";
import { azureCapacityModel, capacityMemoryBytes, gceKernelReservedBytes } from "../../src/core/capacity.js";
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

describe("percentage capacity", () => {
  it("Azure 2 %: 32 GiB → 32112.64 MiB (observed E4s_v3: 31.342–31.354 Gi ≈ 32094–32106 MiB)", () => {
    const c = capacityMemoryBytes(bytes(32 * Gi), azureCapacityModel);
    expect(c).toBe(Math.floor((32 * Gi * 0.98) / Ki) * Ki);
  });
  it("is exact beyond 2^53 intermediate products (BigInt): 512 GiB at 7.5 %", () => {
    const c = capacityMemoryBytes(bytes(512 * Gi), { kind: "percent", percent: 7.5, source: "t" });
    expect(c).toBe(Number((BigInt(512 * Gi) * 92500n) / 100000n / 1024n) * 1024);
  });
  it("observed capacity wins", () => {
    expect(capacityMemoryBytes(bytes(16 * Gi), { kind: "observed", memoryBytes: bytes(16380004 * Ki) })).toBe(16380004 * Ki);
  });
});
