/**
 * Golden numbers from the seeds (shared/seeds/codecanvas-*-install.txt, "Estimate resource requirements"
 * and "Choose a node allocation strategy"), checked against the real catalogs.
 */
import { describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import { plan, type Plan, type StrategyResult } from "../../src/core/plan.js";
import { resolvePlanRequest, type RawPlanInput } from "../../src/core/resolve-request.js";
import { Gi } from "../support/machines.js";

const catalogs = loadCatalogs(["gcp", "azure", "aws"]);

function planFor(raw: RawPlanInput): Plan {
  const r = resolvePlanRequest(raw, catalogs);
  if (!r.ok) throw new Error(r.error.message);
  return plan(r.value, catalogs);
}
const row = (p: Plan, provider: string, variant: string): StrategyResult => {
  const s = p.strategies.find((x) => x.provider === provider && x.variant === variant);
  if (!s) throw new Error(`no ${variant} row for ${provider}`);
  return s;
};

describe("seeds' worked example: 60 × 4cpu16g", () => {
  const gke = planFor({ peak: 60, env: "4cpu16g" });

  it("demand totals are 240 vCPU and 960 GB (GiB)", () => {
    // 60 × 4000m; 60 × 16 GiB
    expect(gke.demand.totals.cpuMillicores).toBe(240_000);
    expect(gke.demand.totals.memoryBytes).toBe(960 * Gi);
  });

  it("one-per-node overhead under flat is 60 × (0.2 vCPU, 1–2 GB) = 12 vCPU and 60–120 GB", () => {
    const flat = planFor({ peak: 60, env: "4cpu16g", platform: "flat" });
    for (const provider of ["gcp", "azure"]) {
      const s = row(flat, provider, "cheapest");
      expect(s.nodes.peak).toBe(60);
      expect(s.overhead.cpuMillicores).toBe(12_000);
      expect(s.overhead.memoryBytes).toEqual({ low: 60 * Gi, high: 120 * Gi });
    }
  });

  it("the seeds' node-sized n2-standard-4 under flat gives the developer 3.8 vCPU and 14–15 GB, and 4cpu16g does not fit", () => {
    const flat = planFor({ peak: 60, env: "4cpu16g", platform: "flat" });
    const s = row(flat, "gcp", "node-sized");
    expect(s.machineType).toBe("n2-standard-4");
    expect(s.perNode.forEnvs.cpuMillicores).toBe(3800); // 4000 − 200
    expect(s.perNode.forEnvs.memoryBytes).toEqual({ low: 14 * Gi, high: 15 * Gi }); // 16 − 2 … 16 − 1
    expect(s.envsThatFit).toBe(0);
    expect(s.nodes.peak).toBeNull();
  });

  it("under gke, n2-standard-32 holds 7 per node → 9 nodes, not the seeds' 4–6", () => {
    const s = row(gke, "gcp", "seed-example");
    expect(s.machineType).toBe("n2-standard-32");
    // CPU: 32000 − 150 (6/1/0.5/0.25 % tiers) − 384 system pods = 31466m → ⌊31466/4000⌋ = 7
    expect(s.perDimension.cpu).toBe(7);
    // memory: 128 GiB − CA kernel estimate − 9381Mi kube-reserved − 100Mi eviction − 626Mi system pods ≈ 115.8 GiB → 7
    expect(s.perDimension.memory).toBe(7);
    expect(s.envsPerNode).toBe(7);
    expect(s.nodes.peak).toBe(9); // ⌈60 / 7⌉
    const note = gke.notes.find((n) => n.code === "seed_claim_does_not_hold" && n.details.machineType === "n2-standard-32");
    expect(note?.message).toMatch(/4–6 n2-standard-32 nodes.*each holds 7.*9 nodes are needed/);
  });

  it("under aks, Standard_D64s_v3 needs fewer than 6 nodes", () => {
    const s = row(gke, "azure", "seed-example");
    expect(s.machineType).toBe("Standard_D64s_v3");
    // CPU: 64000 − 740 − 226 = 63034m → 15; memory: 256 GiB·0.98 − 5050Mi (20·250+50) − 100Mi − 300Mi → 15
    expect(s.envsPerNode).toBe(15);
    expect(s.nodes.peak).toBe(4);
    expect(s.nodes.peak ?? 99).toBeLessThan(6);
  });

  it("node-sized n2-standard-4 on gke: the developer really gets ~3.9 vCPU / ~13 GiB allocatable, and 4cpu16g does not fit", () => {
    const s = row(gke, "gcp", "node-sized");
    expect(s.perNode.allocatable.cpuMillicores).toBe(3920);
    expect(s.perNode.allocatable.memoryBytes / Gi).toBeGreaterThan(12.9);
    expect(s.perNode.allocatable.memoryBytes / Gi).toBeLessThan(13.1);
    expect(s.envsThatFit).toBe(0);
    const note = gke.notes.find((n) => n.code === "node_sized_env_does_not_fit" && n.details.machineType === "n2-standard-4");
    expect(note?.severity).toBe("warning");
    expect(note?.message).toMatch(/does not fit/);
  });

  it("never silently picks burstable or shared-core types, and says so", () => {
    for (const s of gke.strategies.filter((x) => x.variant !== "named")) expect(s.flagged && s.variant !== "seed-example" && s.variant !== "node-sized").toBe(false);
    expect(gke.issues.some((i) => i.code === "flagged_types_excluded")).toBe(true);
  });

  it("one-per-node uses exactly one node per env; many-per-node fewer on the same rule", () => {
    for (const provider of ["gcp", "azure"]) {
      expect(row(gke, provider, "cheapest").nodes.peak).toBe(60);
      expect(row(gke, provider, "lowest-cost-per-env").nodes.peak ?? 99).toBeLessThan(60);
    }
  });
});
