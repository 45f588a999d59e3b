/**
 * The CodeCanvas install guides' worked example ("Multi-Cluster Installation to Google GKE" and
 * "Distributed Installation to Azure AKS", sections "Estimate resource requirements" and "Choose a node
 * allocation strategy": 60 envs of 4 vCPU / 16 GB on "4–6" n2-standard-32 or Standard D64s v3 nodes; a
 * node-sized VM leaves a developer "3.8 vCPUs and 14–15GB"), checked through the library entry `plan()`
 * against the real catalogs. Expected numbers are derived in the comments from the reservation formulas.
 */
import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanOption, ProviderPlan } from "../../src/core/planner/document.js";
import { plan } from "../../src/plan.js";
import { Gi } from "../support/machines.js";

const example = await plan({ peak: 60, env: "4cpu16g" });
const flat = await plan({ peak: 60, env: "4cpu16g", platform: "flat", provider: ["gcp"] });

const providerOf = (doc: PlanDocument, name: string): ProviderPlan => {
  const p = doc.providers.find((x) => x.provider === name);
  if (!p) throw new Error(`no ${name}`);
  return p;
};
const option = (doc: PlanDocument, provider: string, kind: PlanOption["kind"]): PlanOption => {
  const o = providerOf(doc, provider).options.find((x) => x.kind === kind);
  if (!o) throw new Error(`no ${kind} plan for ${provider}`);
  return o;
};
const note = (doc: PlanDocument, code: string, machineType: string) => doc.notes.find((n) => n.code === code && n.details.machineType === machineType);

describe("the guides' worked example: 60 × 4cpu16g", () => {
  it("demand totals are 240 vCPU and 960 GB (GiB)", () => {
    // 60 × 4000m; 60 × 16 GiB
    expect(example.demand.totals.cpuMillicores).toBe(240_000);
    expect(example.demand.totals.memoryBytes).toBe(960 * Gi);
  });

  it("one env per node under flat reserves 0.2 vCPU and (at most) 2 GB per node: 60 nodes at normal → 12 vCPU and 120 GB", () => {
    const o = option(flat, "gcp", "one-per-node");
    // normal 60 + 2 warm envs per zone, one env per node: the minimum is what the plan runs at normal
    // demand with the warm buffer (README "Autoscaler bounds": pool min), 60 + 3 × 2 = 66
    expect(o.nodes.min).toBe(66);
    for (const pool of o.pools) {
      expect(pool.node.envsPerNode["4cpu16g"]).toBe(1);
      expect(pool.node.overhead).toEqual({ cpuMillicores: 200, memoryBytes: 2 * Gi });
    }
    const pool = o.pools[0];
    // The guides' arithmetic counts the 60 nodes that hold the 60 envs (the 6 warm-buffer nodes aside).
    const envNodes = o.nodes.min - 3 * 2;
    expect(envNodes).toBe(60);
    expect(envNodes * (pool?.node.overhead.cpuMillicores ?? 0)).toBe(12_000);
    expect(envNodes * (pool?.node.overhead.memoryBytes ?? 0)).toBe(120 * Gi);
  });

  it("the guides' node-sized n2-standard-4 under flat gives the developer 3.8 vCPU and 15 GB at best, and 4cpu16g does not fit", () => {
    const n = note(flat, "node_sized_env_does_not_fit", "n2-standard-4");
    expect(n?.severity).toBe("warning");
    // 4000m − 200m; 16 GiB − 1 GiB (the low end of the guides' 1–2 GB)
    expect(n?.message).toContain("a developer really gets 3.8 vCPU and 15.00 GiB");
    expect(n?.message).toMatch(/a 4cpu16g request does not fit/);
  });

  it("under gke, n2-standard-32 holds 7 per node → 9 nodes for 60 envs, not the guides' 4–6; with 3 zones and the warm buffer 9–12", () => {
    const o = option(example, "gcp", "guide-example");
    const pool = o.pools[0];
    expect(pool?.machineType).toBe("n2-standard-32");
    // CPU: 32000 − 150 (GKE's 6/1/0.5/0.25 % tiers: 60 + 10 + 2·5 + 28·2.5) = 31850m allocatable, − 384m system pods = 31466m → ⌊31466/4000⌋ = 7
    expect(pool?.node.allocatable.cpuMillicores).toBe(31_850);
    expect(pool?.node.forEnvs.cpuMillicores).toBe(31_466);
    expect(Math.floor((pool?.node.forEnvs.cpuMillicores ?? 0) / 4000)).toBe(7);
    // memory: 128 GiB − GCE kernel estimate − kube-reserved brackets − 100Mi eviction − system pods ≈ 115.8 GiB → ⌊115.8/16⌋ = 7 (binds first)
    expect((pool?.node.forEnvs.memoryBytes ?? 0) / Gi).toBeGreaterThan(112);
    expect((pool?.node.forEnvs.memoryBytes ?? 0) / Gi).toBeLessThan(128);
    expect(pool?.node.envsPerNode["4cpu16g"]).toBe(7);
    expect(pool?.node.binds["4cpu16g"]).toBe("memory");
    // 3 zones, normal = peak = 60: ⌈(20 + 2 warm)/7⌉ = 4 per zone at normal and at peak (12); the minimum
    // is what the plan runs at normal demand with the warm buffer.
    expect(o.nodes.min).toBe(12);
    expect(o.nodes.peak).toBe(12);
    const n = note(example, "guide_claim_does_not_hold", "n2-standard-32");
    expect(n?.details.nodes).toBe(9); // ⌈60 / 7⌉
    expect(n?.message).toMatch(/4–6 n2-standard-32 nodes.*each holds 7.*9 nodes are needed/);
  });

  it("under aks, Standard_D64s_v3 holds 15 per node: ⌈60/15⌉ = 4 nodes, inside the guides' 4–6 (no note); 6 with 3 zones and the buffer", () => {
    const o = option(example, "azure", "guide-example");
    const pool = o.pools[0];
    expect(pool?.machineType).toBe("Standard_D64s_v3");
    // CPU: 64000 − 740 (AKS tiers) − 226 system pods = 63034m → 15;
    expect(pool?.node.forEnvs.cpuMillicores).toBe(63_034);
    // memory: 262144 MiB − (101.74 MiB + 1.7228 %: the AKS capacity fit, src/core/capacity.ts) − 5050Mi (20 · 250 pods
    // + 50) − 100Mi eviction − 300Mi system pods ≈ 252076 MiB (capacity rounding aside) → ⌊246.17 GiB / 16 GiB⌋ = 15
    expect(Math.abs((pool?.node.forEnvs.memoryBytes ?? 0) / 2 ** 20 - (262144 - 104182 / 1024 - 262144 * 0.017228 - 5050 - 100 - 300))).toBeLessThan(1);
    expect(pool?.node.envsPerNode["4cpu16g"]).toBe(15);
    expect(Math.ceil(60 / 15)).toBeLessThanOrEqual(6);
    expect(note(example, "guide_claim_does_not_hold", "Standard_D64s_v3")).toBeUndefined();
    // 3 zones: ⌈(20 + 2)/15⌉ = 2 per zone → 6.
    expect(o.nodes.peak).toBe(6);
  });

  it("node-sized n2-standard-4 on gke: the developer really gets 3.92 vCPU / ~13 GiB allocatable (less system pods), and 4cpu16g does not fit", () => {
    const n = note(example, "node_sized_env_does_not_fit", "n2-standard-4");
    expect(n?.severity).toBe("warning");
    const m = n?.message.match(/\((\d+(?:\.\d+)?) vCPU and (\d+\.\d+) GiB allocatable/);
    // 4000m − 80m kube-reserved (6 % of the first core + 1 % of the second + 0.5 % of cores 3–4) = 3920m
    expect(Number(m?.[1])).toBe(3.92);
    expect(Number(m?.[2])).toBeGreaterThan(12.9);
    expect(Number(m?.[2])).toBeLessThan(13.1);
    expect(n?.message).toMatch(/does not fit/);
  });

  it("never silently picks burstable or shared-core types (e2, B-series), and says so", () => {
    for (const p of example.providers)
      for (const o of p.options) if (o.kind !== "named") for (const pool of o.pools) expect(pool.machineType).not.toMatch(/^e2-|^Standard_B\d/);
    for (const p of example.providers) expect(p.issues.some((i) => i.code === "flagged_types_excluded")).toBe(true);
  });

  it("one env per node uses exactly one node per env; the cheapest plan packs many per node and needs far fewer", () => {
    for (const provider of ["gcp", "azure"]) {
      const one = option(example, provider, "one-per-node");
      expect(one.nodes.min).toBe(66); // 60 envs + 2 warm per zone × 3 zones, one per node
      expect(one.blastRadius).toBe(1);
      for (const g of one.placement) for (const n of g.nodes) expect(Object.values(n.envs).reduce((a, b) => a + b, 0)).toBe(1);
      const cheapest = option(example, provider, "cheapest");
      expect(cheapest.nodes.peak).toBeLessThan(one.nodes.min);
      expect(cheapest.bill.autoscaled.totalUsdPerMonth ?? Infinity).toBeLessThan(one.bill.autoscaled.totalUsdPerMonth ?? 0);
    }
  });
});
