/**
 * The --within search under a time limit (a finding of issue 14): with 40 × 4cpu16g + 15 × 8cpu32g +
 * 5 × 16cpu64g on GKE and --max-pools 2, the recommendation changed with machine speed ($15,922.86 cheapest,
 * or the $15,982.86 plan with a smaller blast radius) and the faster run said nothing about the search it
 * had not finished. A search that the limit cuts short may miss a cap's cheapest plan and send the
 * bisection the wrong way, so it must leave the same warning as running out of time between searches.
 *
 * Deterministic: the solver is the real HiGHS, but the clock the budget reads is virtual — it advances
 * 1 ms at every reading — and HiGHS' own MIP limit is lifted, so a time limit stops the same step on every
 * machine. The law: for every time limit, the recommendation equals the one searched to the end (600 s),
 * or the plan carries an optimum_not_proven warning.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsSolver } from "../../src/adapters/highs-solver.js";
import type { LinearSolver } from "../../src/core/mix/solver.js";
import type { PlanOption } from "../../src/core/planner/document.js";
import type { RawRequest } from "../../src/core/planner/request.js";
import { type Harness, loadHarness, only, planOf, recommended } from "../property/planner-harness.js";

let real: LinearSolver;
let h: Harness;
beforeAll(async () => {
  real = await loadHighsSolver();
  h = loadHarness();
});

/** HiGHS with a virtual clock: 1 ms per reading; MIPs run to the end (their own limit lifted). */
const virtualClock = (): LinearSolver => {
  let t = 0;
  return {
    name: real.name,
    solveLp: (m) => real.solveLp(m),
    solveMip: (m, o) => real.solveMip(m, { ...o, timeLimitSeconds: 600 }),
    now: () => (t += 0.001),
  };
};

const mix: RawRequest = {
  envs: [
    { env: "4cpu16g", peak: 40 },
    { env: "8cpu32g", peak: 15 },
    { env: "16cpu64g", peak: 5 },
  ],
  provider: ["gcp"],
  maxPools: 2,
};
const pools = (o: PlanOption): string => o.pools.map((p) => `${p.autoscaler.maxNodes} × ${p.machineType}`).join(" + ");

describe("--within under a time limit", () => {
  it("a recommendation that differs from the search run to the end always carries optimum_not_proven", () => {
    const full = recommended(only(planOf(h, { ...mix, timeLimit: 600 }, virtualClock())));
    // The search run to the end: the smaller blast radius, 4 × n2d-standard-32 + 8 × n2d-standard-48 (us-central1 catalog prices).
    expect(full.kind).toBe("smaller-blast-radius");
    let differing = 0;
    let cut = 0;
    for (const limit of [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 8]) {
      const p = only(planOf(h, { ...mix, timeLimit: limit }, virtualClock()));
      const rec = recommended(p);
      const warnings = p.issues.filter((i) => i.code === "optimum_not_proven").map((i) => i.message);
      if (pools(rec) !== pools(full)) {
        differing++;
        expect(warnings, `--time-limit ${limit}: ${pools(rec)} instead of ${pools(full)}`).not.toEqual([]);
      }
      if (warnings.some((m) => m.includes("was cut short by"))) cut++;
    }
    // The limits do reach both cases: a different recommendation, and a search cut short inside.
    expect(differing).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
  }, 300_000);
});
