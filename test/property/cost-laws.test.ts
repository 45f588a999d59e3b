/**
 * Cost and autoscaler laws (issue 3) on the real catalogs, storage and fee catalogs:
 * cost monotone in demand; spot ≤ on-demand; autoscaled node-hours ≤ static; min ≤ max;
 * Σ per-zone bounds = totals; buffer ≥ 2 largest envs per zone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalogs, loadFeeCatalog, loadStorageCatalog } from "../../src/adapters/catalog-fs.js";
import type { StorageCatalog } from "../../src/catalog/storage-types.js";
import { plan, type Plan } from "../../src/core/plan.js";
import { resolvePlanRequest, type RawPlanInput } from "../../src/core/resolve-request.js";

const seed = Number(process.env.FC_SEED ?? 42);
const catalogs = loadCatalogs(["gcp", "azure"], { regions: { gcp: ["us-central1"], azure: ["eastus"] } });
const storage: { gcp?: StorageCatalog; azure?: StorageCatalog } = {};
const g = loadStorageCatalog("gcp");
const a = loadStorageCatalog("azure");
if (g) storage.gcp = g;
if (a) storage.azure = a;
const fees = loadFeeCatalog();

function planOf(raw: RawPlanInput): Plan {
  const r = resolvePlanRequest(raw, catalogs);
  if (!r.ok) throw new Error(r.error.message);
  return plan(r.value, catalogs, { storage, fees });
}

const envArb = fc.constantFrom("1cpu4g", "2cpu8g", "4cpu16g", "8cpu32g", "4cpu32g");
const demandArb = fc
  .record({ peak: fc.integer({ min: 1, max: 400 }), normalShare: fc.integer({ min: 0, max: 100 }), zones: fc.integer({ min: 1, max: 3 }), env: envArb }) // Azure has at most 3 zones (more is an input error)
  .map((d) => ({ ...d, normal: Math.floor((d.peak * d.normalShare) / 100) }));

describe("autoscaler laws", () => {
  it("min ≤ max, Σ per-zone = totals, buffer ≥ 2 envs per zone, autoscaled node-hours ≤ static", () => {
    fc.assert(
      fc.property(demandArb, (d) => {
        const p = planOf({ peak: d.peak, normal: d.normal, env: d.env, zones: [String(d.zones)], provider: ["gcp", "azure"] });
        for (const s of p.strategies) {
          if (!s.autoscaler || !s.cost) continue;
          const x = s.autoscaler;
          expect(x.minNodes).toBeLessThanOrEqual(x.maxNodes);
          expect(x.perZone.min * x.zones).toBe(x.minNodes);
          expect(x.perZone.max * x.zones).toBe(x.maxNodes);
          expect(x.bufferEnvsPerZone).toBeGreaterThanOrEqual(2);
          // the max holds the busiest zone's peak share plus the buffer: ⌈peak/zones⌉ + buffer ≤ perZone.max × envsPerNode
          expect(Math.ceil(d.peak / x.zones) + x.bufferEnvsPerZone).toBeLessThanOrEqual(x.perZone.max * s.envsPerNode);
          expect(s.cost.autoscaled.nodeHoursPerMonth).toBeLessThanOrEqual(s.cost.static.nodeHoursPerMonth + 1e-9);
          expect(s.cost.autoscaled.nodeHoursPerMonth).toBeGreaterThanOrEqual(x.minNodes * 730 - 1e-9);
        }
      }),
      { seed, numRuns: 40 },
    );
  });
});

describe("cost laws", () => {
  it("cost is monotone in demand on the same machine type (more peak and normal never cost less)", () => {
    fc.assert(
      fc.property(demandArb, fc.integer({ min: 1, max: 50 }), (d, more) => {
        const base = { env: d.env, zones: [String(d.zones)], machine: ["n2-standard-32", "Standard_D64s_v3"], disk: "100Gi", provider: ["gcp", "azure"] };
        const p1 = planOf({ ...base, peak: d.peak, normal: d.normal });
        const p2 = planOf({ ...base, peak: d.peak + more, normal: d.normal + Math.floor(more / 2) });
        for (const name of ["n2-standard-32", "Standard_D64s_v3"]) {
          const s1 = p1.strategies.find((s) => s.variant === "named" && s.machineType === name);
          const s2 = p2.strategies.find((s) => s.variant === "named" && s.machineType === name);
          if (!s1?.cost || !s2?.cost) continue;
          for (const pool of ["static", "autoscaled"] as const) {
            const t1 = s1.cost[pool].totalUsdPerMonth;
            const t2 = s2.cost[pool].totalUsdPerMonth;
            expect(t1).not.toBeNull();
            expect(t2 as number).toBeGreaterThanOrEqual((t1 as number) - 1e-6);
          }
        }
      }),
      { seed, numRuns: 30 },
    );
  });

  it("spot never costs more than on-demand (GCP, every strategy, same demand)", () => {
    fc.assert(
      fc.property(demandArb, (d) => {
        const base = { peak: d.peak, normal: d.normal, env: d.env, zones: [String(d.zones)], provider: ["gcp"] };
        const od = planOf({ ...base, pricing: "on-demand" });
        const spot = planOf({ ...base, pricing: "spot" });
        for (const [i, s] of od.strategies.entries()) {
          const t = spot.strategies[i];
          if (!s.cost || !t?.cost) continue;
          expect(t.machineType).toBe(s.machineType);
          const c1 = s.cost.autoscaled.lines.find((l) => l.id === "compute")?.usdPerMonth;
          const c2 = t.cost.autoscaled.lines.find((l) => l.id === "compute")?.usdPerMonth;
          expect(c1).toBeTypeOf("number");
          expect(c2).toBeTypeOf("number");
          expect(c2 as number).toBeLessThanOrEqual(c1 as number);
        }
      }),
      { seed, numRuns: 30 },
    );
  });
});
