/**
 * The complementary mix of docs/packing.md (§3.3 instance, §5.2 "every greedy rule tried needed
 * 19 nodes where 16 suffice"): 120 × 2cpu4g, 40 × 4cpu16g, 15 × 8cpu32g, 5 × 16cpu64g, 30 × 4cpu32g —
 * CPU-heavy and memory-heavy envs that only pack tightly when mixed on purpose.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import { loadHighsSolver } from "../../src/adapters/highs-solver.js";
import { findMachine } from "../../src/catalog/lookup.js";
import { l1Bound, l2Bound } from "../../src/core/mix/bounds.js";
import { solveMix } from "../../src/core/mix/engine.js";
import { ffd, ffdKeys, ffdOrder, nodesOf } from "../../src/core/mix/ffd.js";
import type { PackMachine, PackShape } from "../../src/core/mix/instance.js";
import type { LinearSolver } from "../../src/core/mix/solver.js";
import { computeNodeModel } from "../../src/core/node-model.js";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
// docs/packing.md §3.3: "demand: 120 × 2c4g, 40 × 4c16g, 15 × 8c32g, 5 × 16c64g, 30 × 4c32g (210 envs)".
const shapes: PackShape[] = [
  ["2cpu4g", 2, 4],
  ["4cpu16g", 4, 16],
  ["8cpu32g", 8, 32],
  ["16cpu64g", 16, 64],
  ["4cpu32g", 4, 32],
].map(([name, cpu, mem]) => ({ name: name as string, request: [(cpu as number) * 1000, (mem as number) * GiB, 1, 1] }));
const demand = [120, 40, 15, 5, 30];

let solver: LinearSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const single = (m: PackMachine) => solveMix({ shapes, machines: [m], groups: [{ demand, multiplicity: 1, zones: [] }] }, { solver, timeLimitSeconds: 30 });

describe("the complementary mix (docs/packing.md §5.2): greedy 19 nodes, optimum 16", () => {
  it("on Standard_D48s_v5 (AKS defaults) every FFD sort key needs 19 nodes; the exact engine proves 16", () => {
    const catalogs = loadCatalogs(["azure"], { regions: { azure: ["eastus"] } });
    const found = findMachine(catalogs, "Standard_D48s_v5");
    if (!found) throw new Error("Standard_D48s_v5 missing from the Azure catalog");
    const model = computeNodeModel(found.machine, { provider: "azure", platform: "aks" });
    // forEnvs (cc-plan node Standard_D48s_v5 --platform aks):
    //   cpu    48000 − 580 (AKS kube-reserved at 48 cores: 420 + 16 × 10) − 226 (system pods) = 47194 m
    //   memory 196608 MiB − (104182 KiB + ⌈196608 MiB × 17228 / 10⁶⌉ B) floored to KiB (202500049920 B; the AKS
    //          capacity fit, src/core/capacity.ts) − 5050 MiB (20 × 250 pods + 50) − 100 MiB eviction
    //          − 300 MiB system pods = 196785310720 B (187669.10 MiB)
    //   pods 250 − 6 = 244; volumes 32 (max data disks of the size)
    expect([model.forEnvs.cpuMillicores, model.forEnvs.memoryBytes, model.forEnvs.pods, model.forEnvs.volumes]).toEqual([47194, 196785310720, 244, 32]);
    const m: PackMachine = { name: "Standard_D48s_v5", usdPerHour: 2.304, capacity: [47194, 196785310720, 244, 32] };
    // L1: CPU ⌈720000 / 47194⌉ = ⌈15.26⌉ = 16; memory ⌈2880 GiB / 183.27 GiB⌉ = ⌈15.71⌉ = 16.
    expect(l1Bound(shapes, demand, m)).toBe(16);
    expect(l2Bound(shapes, demand, m)).toBeLessThanOrEqual(16);
    for (const key of ffdKeys) expect(nodesOf(ffd(shapes, demand, m, ffdOrder(shapes, m, key)) ?? []), `FFD ${key}`).toBe(19);
    const r = single(m);
    expect(r?.best.nodes).toBe(16);
    expect(r?.best.optimal).toBe(true);
    // The greedy baseline is FFD in cluster-autoscaler's order on the same (only) machine type.
    expect(r?.baseline.nodes).toBe(19);
    expect(r?.best.usdPerHour).toBeCloseTo(16 * 2.304, 9);
  });

  it("docs/packing.md's own allocatable for m5.12xlarge (§5.1 generator) gives optimum 16 = L1; its FFD needs 18 here, the note says 19", () => {
    // §5.1: CPU tiers 6/1/0.5/0.25 % → 48000 − (60 + 10 + 2·5 + 44·2.5 = 190) − 250 DaemonSet = 47560 m;
    // memory 192 GiB = 196608 MiB − (11 × 234 + 255 = 2829) − 100 eviction − 400 DaemonSet = 193279 MiB;
    // pods 234 − 4 = 230; volumes 26. With these numbers every FFD key gives 18 (the note's 19 came from
    // its synthetic catalog, which we cannot rebuild exactly); the optimum is 16 either way.
    const m: PackMachine = { name: "m5.12xlarge", usdPerHour: 2.304, capacity: [47560, 193279 * MiB, 230, 26] };
    expect(l1Bound(shapes, demand, m)).toBe(16);
    for (const key of ffdKeys) expect(nodesOf(ffd(shapes, demand, m, ffdOrder(shapes, m, key)) ?? [])).toBe(18);
    const r = single(m);
    expect(r?.best.nodes).toBe(16);
    expect(r?.best.optimal).toBe(true);
  });
});
