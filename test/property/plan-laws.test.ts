/**
 * Plan-level laws on the real catalogs: input order is irrelevant, output is deterministic,
 * more demand never means fewer nodes or a lower peak cost on the same machine type.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import type { Catalogs } from "../../src/catalog/lookup.js";
import { plan, type Plan } from "../../src/core/plan.js";
import { resolvePlanRequest } from "../../src/core/resolve-request.js";
import { renderPlanJson } from "../../src/emit/json.js";

const seed = Number(process.env.FC_SEED ?? 42);
const catalogs = loadCatalogs(["gcp", "azure", "aws"], { regions: { gcp: ["us-central1", "europe-west1"], azure: ["eastus", "westeurope"], aws: "all" } });

const envArb = fc.constantFrom("0.5cpu2g", "1cpu4g", "2cpu8g", "4cpu16g", "4cpu32g", "8cpu32g", "16cpu64g", "2cpu4g");
const platformArb = fc.constantFrom(undefined, "flat");
const providerArb = fc.constantFrom<string[]>(["gcp"], ["azure"], ["aws"], ["gcp", "azure"]);

function planOf(c: Catalogs, peak: number, env: string, providers: string[], platform?: string): Plan {
  const r = resolvePlanRequest({ peak, env, provider: providers, ...(platform ? { platform } : {}) }, c);
  if (!r.ok) throw new Error(r.error.message);
  return plan(r.value, c);
}

/** A copy of the catalogs with machine types and offerings in a permuted order. */
function shuffled(c: Catalogs, perm: (n: number) => number[]): Catalogs {
  const out: Catalogs = {};
  for (const [p, cat] of Object.entries(c)) {
    const order = perm(cat.machineTypes.length);
    out[p as keyof Catalogs] = {
      ...cat,
      machineTypes: order.map((i) => {
        const m = cat.machineTypes[i]!;
        return { ...m, offerings: [...m.offerings].reverse() };
      }),
    };
  }
  return out;
}

describe("plan laws", () => {
  it("input order is irrelevant: permuting catalog order gives byte-identical JSON", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), envArb, providerArb, platformArb, fc.integer(), (peak, env, providers, platform, salt) => {
        const perm = (n: number): number[] => [...Array(n).keys()].sort((a, b) => ((a * 7919 + salt) % 101) - ((b * 7919 + salt) % 101) || b - a);
        const a = renderPlanJson(planOf(catalogs, peak, env, providers, platform));
        const b = renderPlanJson(planOf(shuffled(catalogs, perm), peak, env, providers, platform));
        expect(b).toBe(a);
      }),
      { seed, numRuns: 60 },
    );
  });

  it("is deterministic: the same input twice gives byte-identical JSON", () => {
    const a = renderPlanJson(planOf(catalogs, 60, "4cpu16g", ["gcp", "azure"]));
    expect(renderPlanJson(planOf(catalogs, 60, "4cpu16g", ["gcp", "azure"]))).toBe(a);
  });

  it("more demand never means fewer nodes or a lower peak cost on the same strategy's machine type", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 100 }), envArb, providerArb, (peak, extra, env, providers) => {
        const small = planOf(catalogs, peak, env, providers);
        const big = planOf(catalogs, peak + extra, env, providers);
        for (const s of small.strategies) {
          const t = big.strategies.find((x) => x.machineType === s.machineType && x.variant === s.variant);
          if (!t || s.nodes.peak === null || t.nodes.peak === null) continue;
          expect(t.nodes.peak).toBeGreaterThanOrEqual(s.nodes.peak);
          expect(t.usdPerHour ?? 0).toBeGreaterThanOrEqual(s.usdPerHour ?? 0);
        }
      }),
      { seed, numRuns: 60 },
    );
  });

  it("every fitting strategy's cost = nodes × node price, and one-per-node uses one node per env", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), envArb, providerArb, platformArb, (peak, env, providers, platform) => {
        for (const s of planOf(catalogs, peak, env, providers, platform).strategies) {
          if (s.nodes.peak === null) continue;
          if (s.strategy === "one-per-node") expect(s.nodes.peak).toBe(peak);
          expect(s.nodes.peak * s.envsPerNode).toBeGreaterThanOrEqual(peak);
          expect((s.nodes.peak - 1) * s.envsPerNode).toBeLessThan(peak);
          if (s.nodeUsdPerHour !== null) expect(s.usdPerHour).toBe(s.nodes.peak * s.nodeUsdPerHour);
          expect(s.stranded.cpuMillicores ?? -1).toBeGreaterThanOrEqual(0);
          expect(s.stranded.memoryBytes ?? -1).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed, numRuns: 80 },
    );
  });
});
