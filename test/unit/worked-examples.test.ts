/**
 * The two real-node goldens of docs/node-overhead.md §8, reproduced to the Ki and millicore
 * with the node's observed capacity passed in (as `--capacity-memory` does).
 */
import { describe, expect, it } from "vitest";
import { computeNodeModel } from "../../src/core/node-model.js";
import { bytes } from "../../src/core/units/brands.js";
import { Ki, machine } from "../support/machines.js";

describe("docs/node-overhead.md §8 worked examples", () => {
  it("GKE n2-standard-4, v1.36.3-gke.1767000: allocatable 13591652Ki and 3920m", () => {
    // camunda/zeebe-chaos node: capacity 16380004Ki; kube-reserved 1000+800+800+0.06·384 → 2623Mi; eviction 100Mi
    const m = computeNodeModel(machine("n2-standard-4", 4, 16384), {
      provider: "gcp",
      platform: "gke",
      capacityMemoryBytes: bytes(16380004 * Ki),
    });
    expect(m.kubeReserved.memoryBytes / Ki).toBe(2623 * 1024);
    expect(m.allocatable.memoryBytes / Ki).toBe(16380004 - 2788352); // = 13591652, (2623 + 100)·1024 Ki
    expect(m.allocatable.memoryBytes / Ki).toBe(13591652);
    expect(m.kubeReserved.cpuMillicores).toBe(60 + 10 + 2 * 5); // 6% + 1% + 0.5%·2 cores = 80m
    expect(m.allocatable.cpuMillicores).toBe(3920);
    expect(m.allocatable.pods).toBe(110);
    expect(m.allocatable.volumes).toBe(127);
  });

  it("AKS Standard_F2s_v2, pre-1.29 formula: allocatable 2209260Ki and 1900m", () => {
    // Azure/AKS#3525: capacity 4025836Ki; 0.25·4096 = 1024Mi kube-reserved + 750Mi eviction = 1816576Ki
    const m = computeNodeModel(machine("Standard_F2s_v2", 2, 4096), {
      provider: "azure",
      platform: "aks-legacy",
      capacityMemoryBytes: bytes(4025836 * Ki),
    });
    expect(m.allocatable.memoryBytes / Ki).toBe(4025836 - 1816576);
    expect(m.allocatable.memoryBytes / Ki).toBe(2209260);
    expect(m.allocatable.cpuMillicores).toBe(2000 - 100);
  });
});
