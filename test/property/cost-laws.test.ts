/**
 * Cost and autoscaler laws of the one planner's bills (issue 3, issue 10 §4) on the package's catalogs,
 * storage and fee catalogs (default regions), checked with fast-check. Fixed seed (FC_SEED overrides;
 * FC_RUNS_SCALE multiplies the runs).
 *
 * - L6: every cost line is quantity × unit price, or null with an error `price_not_found` issue; the
 *   totals are Σ lines; per developer and per env-hour divide the total (plan-checks.ts `costLineViolations`).
 * - Pools (kept from the old cost laws): min ≤ max, per-zone bounds = ⌈total / zones⌉, buffer ≥ 2 envs
 *   per zone, autoscaled node-hours between min × 730 and the static pool's, the peak placement holds
 *   every env plus the buffer (plan-checks.ts `poolViolations`).
 * - On one named machine type: more demand never costs less; spot compute never costs more than on demand.
 * Expected values: the document's own lines (arithmetic), the catalog's prices (spot ≤ on demand per
 * offering, checked below before it is relied on).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../src/catalog/types.js";
import type { CostSummary } from "../../src/core/cost.js";
import type { PlanOption } from "../../src/core/planner/document.js";
import type { RawRequest } from "../../src/core/planner/request.js";
import { defaultRegion } from "../../src/core/resolve-request.js";
import { costLineViolations, poolViolations } from "./plan-checks.js";
import { bill, type Harness, loadHarness, only, planOf, providers } from "./planner-harness.js";

const seed = Number(process.env.FC_SEED ?? 42);
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * scale));
const timeout = 60_000 * Math.max(1, scale);

const h: Harness = loadHarness();
const shapeArb = fc.constantFrom("1cpu4g", "2cpu8g", "4cpu16g", "4cpu32g", "8cpu32g", "16cpu64g");
const providerArb = fc.constantFrom<Provider>(...providers);
const pricingArb = fc.constantFrom("on-demand", "spot", "sud", "cud-1y", "cud-3y", "ri-1y", "ri-3y", "savings-1y", "savings-3y");
const demandArb = fc
  .record({ peak: fc.integer({ min: 1, max: 600 }), share: fc.integer({ min: 0, max: 100 }) })
  .map(({ peak, share }) => ({ peak, normal: Math.floor((peak * share) / 100) }));

/** Every knob that adds or changes a line: pricing, disks, zones, users, profile, fixed lines, per-node fees, cap. */
const requestArb: fc.Arbitrary<RawRequest> = fc
  .record({
    provider: providerArb,
    env: shapeArb,
    demand: demandArb,
    pricing: pricingArb,
    disk: fc.option(fc.constantFrom("20Gi", "100Gi", "500Gi"), { nil: undefined }),
    zones: fc.integer({ min: 1, max: 3 }),
    users: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
    profile: fc.option(fc.array(fc.constantFrom(0, 25, 50, 100), { minLength: 24, maxLength: 24 }), { nil: undefined, freq: 2 }),
    fixed: fc.boolean(),
    fee: fc.boolean(),
    cap: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined, freq: 2 }),
    // Azure Premium SSD: eastus has P4 and P10 prices only, so a 500Gi disk (P20) is an unpriced line.
    premium: fc.boolean(),
  })
  .map((r) => {
    const base: RawRequest = {
      env: r.env,
      provider: [r.provider],
      pricing: r.pricing,
      zones: [String(r.zones)],
      ...(r.disk === undefined ? {} : { disk: r.disk }),
      ...(r.users === undefined ? {} : { users: r.users }),
      ...(r.fixed ? { fixed: [{ name: "app cluster", usdPerMonth: 250, source: "test input" }] } : {}),
      ...(r.fee ? { perNodeFees: [{ name: "agent", usdPerNodeMonth: 7.5, source: "test input" }] } : {}),
      ...(r.cap === undefined ? {} : { maxEnvsPerNode: r.cap }),
      ...(r.premium && r.provider === "azure" ? { storageClass: ["Premium_LRS"] } : {}),
    };
    if (!r.profile) return { ...base, peak: r.demand.peak, normal: r.demand.normal };
    const weekday = r.profile.map((s) => Math.floor((r.demand.peak * s) / 100));
    weekday[9] = r.demand.peak;
    return { ...base, profile: { weekday, weekend: weekday.map((v) => Math.floor(v / 2)) } };
  });

const summaries = (o: PlanOption): [string, CostSummary][] => [
  [`${o.kind} autoscaled`, o.bill.autoscaled],
  [`${o.kind} static`, o.bill.static],
];

describe("L6: cost lines", () => {
  it(
    "every line = quantity × unit price (or null with a price_not_found error); totals = Σ lines",
    () => {
      const seen = { nullLine: 0, sud: 0, committed: 0, perNode: 0, fixed: 0, envDisks: 0 };
      let noSpot = 0;
      fc.assert(
        fc.property(requestArb, (raw) => {
          const doc = planOf(h, raw);
          const p = only(doc);
          if (p.options.length === 0) {
            // No machine type with a price under this option (spot where no source has one): no plan, and an issue saying so (not a bill with holes).
            expect(raw.pricing).toBe("spot");
            expect(p.issues.some((i) => i.code === "price_not_found" && i.severity === "error")).toBe(true);
            noSpot++;
            return;
          }
          for (const o of p.options) {
            for (const [w, s] of summaries(o)) {
              expect(costLineViolations(`${p.provider} ${w}`, s, [...o.issues, ...p.issues], doc.demand.developers, doc.demand.envHoursPerMonth)).toEqual([]);
              for (const l of s.lines) {
                if (l.usdPerMonth === null) seen.nullLine++;
                if (l.label.includes("sustained use")) seen.sud++;
                if (l.id === "compute-committed") seen.committed++;
                if (l.id.startsWith("per-node:")) seen.perNode++;
                if (l.id.startsWith("fixed:")) seen.fixed++;
                if (l.id === "env-disks") seen.envDisks++;
              }
            }
          }
          expect(poolViolations(doc, p)).toEqual([]);
        }),
        { seed, numRuns: runs(250) },
      );
      // Coverage: every kind of line was checked, unknown prices included (Azure Premium SSD P20 has no eastus price).
      for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
      expect(noSpot).toBeLessThan(runs(250) / 4);
    },
    timeout,
  );

  it("can fail: a line off by a cent, a total that is not Σ lines, a null line without an issue", () => {
    const doc = planOf(h, { peak: 60, normal: 30, env: "4cpu16g", provider: ["gcp"], disk: "100Gi" });
    const p = only(doc);
    const o = p.options[0] as PlanOption;
    const s = o.bill.autoscaled;
    const check = (x: CostSummary, issues = o.issues): string[] => costLineViolations("gcp", x, issues, doc.demand.developers, doc.demand.envHoursPerMonth);
    expect(check(s)).toEqual([]);
    const [first, ...rest] = s.lines;
    if (!first || first.usdPerMonth === null) throw new Error("expected a priced first line");
    expect(check({ ...s, lines: [{ ...first, usdPerMonth: first.usdPerMonth + 0.01 }, ...rest] }).length).toBeGreaterThan(0);
    expect(check({ ...s, totalUsdPerMonth: (s.totalUsdPerMonth as number) + 1 }).length).toBeGreaterThan(0);
    expect(check({ ...s, lines: [{ ...first, unitPriceUsd: null, usdPerMonth: null }, ...rest], totalUsdPerMonth: null }, []).length).toBeGreaterThan(0);
    expect(check({ ...s, perDeveloperUsdPerMonth: (s.perDeveloperUsdPerMonth as number) * 2 }).length).toBeGreaterThan(0);
    expect(poolViolations(doc, p)).toEqual([]);
    const pool = o.pools[0];
    if (!pool) throw new Error("no pool");
    const broken = {
      ...p,
      options: [{ ...o, pools: [{ ...pool, autoscaler: { ...pool.autoscaler, minNodes: pool.autoscaler.maxNodes + 1 } }, ...o.pools.slice(1)] }],
    };
    expect(poolViolations(doc, broken).length).toBeGreaterThan(0);
  });
});

/** The product guides' worked-example types, one per provider (always priced in the default regions). */
const guideType: Readonly<Record<Provider, string>> = { gcp: "n2-standard-32", azure: "Standard_D64s_v3", aws: "m5.8xlarge" };
const namedBill = (raw: RawRequest, type: string): number => {
  const o = only(planOf(h, raw)).options.find((x) => x.kind === "named" && x.pools[0]?.machineType === type);
  if (!o) throw new Error(`no named option for ${type}`);
  return bill(o);
};

describe("cost on one named machine type", () => {
  it(
    "more peak and normal never cost less (autoscaled and static)",
    () => {
      fc.assert(
        fc.property(providerArb, shapeArb, demandArb, fc.integer({ min: 1, max: 50 }), fc.boolean(), (provider, env, d, more, disk) => {
          const base = { env, provider: [provider], machine: [guideType[provider]], ...(disk && provider !== "aws" ? { disk: "100Gi" } : {}) };
          const one = only(planOf(h, { ...base, peak: d.peak, normal: d.normal })).options.find((o) => o.kind === "named");
          const two = only(planOf(h, { ...base, peak: d.peak + more, normal: d.normal + Math.floor(more / 2) })).options.find((o) => o.kind === "named");
          if (!one || !two) throw new Error(`${guideType[provider]} holds no ${env}`);
          for (const pool of ["static", "autoscaled"] as const) {
            const t1 = one.bill[pool].totalUsdPerMonth;
            const t2 = two.bill[pool].totalUsdPerMonth;
            expect(t1).not.toBeNull();
            expect(t2 as number).toBeGreaterThanOrEqual((t1 as number) - 1e-6);
          }
        }),
        { seed, numRuns: runs(100) },
      );
    },
    timeout,
  );

  it(
    "spot compute never costs more than on-demand compute (same type, same demand)",
    () => {
      // The premise, from the catalog: each guide type's spot price is below its on-demand price.
      const spotTypes = providers.filter((p) => {
        const o = h.catalogs[p]?.machineTypes.find((m) => m.name === guideType[p])?.offerings.find((x) => x.region === defaultRegion[p]);
        if (o?.spotUsdPerHour === undefined || o.onDemandUsdPerHour === undefined) return false;
        expect(o.spotUsdPerHour).toBeLessThanOrEqual(o.onDemandUsdPerHour);
        return true;
      });
      expect(spotTypes.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.constantFrom(...spotTypes), shapeArb, demandArb, (provider, env, d) => {
          const base = { peak: d.peak, normal: d.normal, env, provider: [provider], machine: [guideType[provider]] };
          const compute = (pricing: string): number => {
            const o = only(planOf(h, { ...base, pricing })).options.find((x) => x.kind === "named");
            const l = o?.bill.autoscaled.lines.find((x) => x.id === "compute");
            if (l?.usdPerMonth == null) throw new Error(`no ${pricing} compute line for ${guideType[provider]}`);
            return l.usdPerMonth;
          };
          expect(compute("spot")).toBeLessThanOrEqual(compute("on-demand"));
          // And the whole named bill: nothing but compute depends on the pricing option.
          expect(namedBill({ ...base, pricing: "spot" }, guideType[provider])).toBeLessThanOrEqual(namedBill(base, guideType[provider]));
        }),
        { seed, numRuns: runs(60) },
      );
    },
    timeout,
  );
});
