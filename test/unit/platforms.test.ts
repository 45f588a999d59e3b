/** Every platform's arithmetic, with the derivation next to each expected value. */
import { describe, expect, it } from "vitest";
import { aksKubeReservedCpu, aksKubeReservedMemory, aksLegacyKubeReservedMemory, aksReservation } from "../../src/core/overhead/aks.js";
import { eksKubeReservedCpu, eksKubeReservedMemory, eksReservation } from "../../src/core/overhead/eks.js";
import { flatReservation } from "../../src/core/overhead/flat.js";
import { gkeKubeReservedCpu, gkeKubeReservedMemory, gkeReservation } from "../../src/core/overhead/gke.js";
import { Gi, Mi, machine } from "../support/machines.js";

describe("gke", () => {
  // docs/node-overhead.md §2.1: allocatable 1 → 940m, 2 → 1930m, 4 → 3920m, 8 → 7910m, 16 → 15890m, 32 → 31850m, 64 → 63770m
  it.each([
    [1, 60], // 6% of 1000
    [2, 70], // 60 + 1% of 1000
    [4, 80], // 70 + 0.5% of 2000
    [8, 90], // 80 + 0.25% of 4000
    [16, 110], // 80 + 0.25% of 12000
    [32, 150], // 80 + 0.25% of 28000
    [64, 230], // 80 + 0.25% of 60000
  ])("CPU for %i vCPU reserves %im", (vcpus, expected) => {
    expect(gkeKubeReservedCpu(machine("x", vcpus, 1024 * vcpus))).toBe(expected);
  });

  it("shared-core E2 reserves 1060m in total (e2-medium: 2 vCPU → 940m allocatable)", () => {
    expect(gkeKubeReservedCpu(machine("e2-medium", 2, 4096, { sharedCore: true }))).toBe(1060);
  });

  it.each([
    ["e2-micro (1024 MiB > 1000)", 1024, 256], // 0.25·1024 = 256
    ["f1-micro-like 614 MiB ≤ 1000", 614, 255], // flat 255 MiB
    ["n1-standard-1 3840 MiB", 3840, 960], // 0.25·3840 (GKE kube-env dump: memory=960Mi)
    ["n1-standard-2 7680 MiB", 7680, 1736], // 1000 + 0.2·3680 = 1736 (kube-env: memory=1736Mi)
    ["n2-standard-4 16384 MiB", 16384, 2623], // 1000+800+800+0.06·384 = 2623.04
    ["n1-highmem-16 106496 MiB", 106496, 8029], // 1000+800+800+0.06·90496 = 8029.76 (kube-env: 8029Mi)
    ["n2-standard-32 131072 MiB", 131072, 9381], // 1000+800+800+0.06·112000+0.02·3072 = 9381.44
  ])("memory for %s reserves %i MiB (1000-MiB brackets)", (_label, memoryMiB, expected) => {
    expect(gkeKubeReservedMemory(machine("x", 4, memoryMiB))).toBe(expected);
  });

  it("evicts at 100Mi and reserves no system memory", () => {
    const r = gkeReservation(machine("x", 4, 16384));
    expect(r.evictionHardMemoryBytes).toBe(100 * Mi);
    expect(r.systemReserved.memoryBytes).toBe(0);
  });
});

describe("aks (≥ 1.29) and aks-legacy", () => {
  // azure-aks-docs node-resource-reservations.md table; 3 cores → 120m from karpenter-provider-azure's test
  it.each([
    [1, 60],
    [2, 100],
    [3, 120],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [48, 580], // 140 + 1%·44000
    [64, 740],
    [96, 1060], // 140 + 1%·92000
  ])("CPU table: %i cores → %im", (vcpus, expected) => {
    expect(aksKubeReservedCpu(machine("x", vcpus, 4096))).toBe(expected);
  });

  it.each([
    ["30 pods (doc example → 650 MB)", 30, 65536, 650], // 20·30 + 50
    ["4 GB & 70 pods (doc example → 1000 MB = the 25% cap)", 70, 4096, 1024], // min(1450, 4096/4 = 1024)
    ["110 pods, real AKS kubelet flag memory=2250Mi", 110, 32768, 2250], // 20·110 + 50
    ["250 pods on 16 GiB: capped at 25%", 250, 16384, 4096], // min(5050, 4096)
    ["250 pods on 256 GiB (D64s_v3)", 250, 262144, 5050], // min(5050, 65536)
  ])("≥1.29 memory: %s", (_l, maxPods, memoryMiB, expected) => {
    expect(aksKubeReservedMemory(machine("x", 4, memoryMiB), maxPods)).toBe(expected);
  });

  it("≥1.29 evicts at 100Mi", () => {
    expect(aksReservation(machine("x", 4, 16384), 110).evictionHardMemoryBytes).toBe(100 * Mi);
  });

  // karpenter-provider-azure tests: 7 GiB → 1638Mi, 8 GiB → 1843Mi, 64 GiB → 5611Mi
  it.each([
    [4, 1024], // 0.25·4096
    [7, 1638], // 1024 + 0.2·3072 = 1638.4
    [8, 1843], // 1024 + 819.2 = 1843.2
    [16, 2662], // 1843.2 + 0.1·8192 = 2662.4
    [64, 5611], // 2662.4 + 0.06·49152 = 5611.52
    [256, 12165], // 2662.4 + 0.06·114688 + 0.02·131072 = 2662.4 + 6881.28 + 2621.44 = 12165.12
  ])("legacy memory for %i GiB → %i MiB (GiB brackets)", (g, expected) => {
    expect(aksLegacyKubeReservedMemory(machine("x", 4, g * 1024))).toBe(expected);
  });
});

describe("eks", () => {
  it.each([
    [29, 574], // m5.large: 11·29 + 255
    [58, 893], // m5.xlarge: 11·58 + 255
    [110, 1465], // 11·110 + 255
    [234, 2829], // 11·234 + 255
  ])("memory for %i pods → %i MiB", (pods, expected) => {
    expect(eksKubeReservedMemory(pods)).toBe(expected);
  });
  it("CPU uses the GKE tiers (m5.xlarge 4 vCPU → 80m)", () => {
    expect(eksKubeReservedCpu(machine("m5.xlarge", 4, 16384))).toBe(80);
    expect(eksReservation(machine("m5.xlarge", 4, 16384), 58).evictionHardMemoryBytes).toBe(100 * Mi);
  });
});

describe("flat (the seeds' rule)", () => {
  it("reserves 0.2 vCPU and 1 GiB (low) or 2 GiB (high), no eviction", () => {
    expect(flatReservation("low").kubeReserved).toEqual({ cpuMillicores: 200, memoryBytes: 1 * Gi });
    expect(flatReservation("high").kubeReserved).toEqual({ cpuMillicores: 200, memoryBytes: 2 * Gi });
    expect(flatReservation("high").evictionHardMemoryBytes).toBe(0);
  });
});
