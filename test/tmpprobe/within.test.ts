import { it } from "vitest";
import { loadHighsSolver } from "../../src/adapters/highs-solver.js";
import type { LinearSolver } from "../../src/core/mix/solver.js";
import { loadHarness, planOf } from "../property/planner-harness.js";

it("probe", async () => {
  const real = await loadHighsSolver();
  const h = loadHarness();
  const virtual = (step: number): LinearSolver => {
    let t = 0;
    return {
      name: real.name,
      solveLp: (m) => real.solveLp(m),
      solveMip: (m, o) => real.solveMip(m, { ...o, timeLimitSeconds: 600 }),
      now: () => (t += step),
    };
  };
  const raw = { envs: [{ env: "4cpu16g", peak: 40 }, { env: "8cpu32g", peak: 15 }, { env: "16cpu64g", peak: 5 }], provider: ["gcp"], maxPools: 2 } as never;
  const ref = planOf(h, { ...(raw as object), timeLimit: 100000 } as never, virtual(0.001));
  const p0 = ref.providers[0]!;
  const r0 = p0.options[p0.recommended!]!;
  console.log("ref", r0.kind, r0.pools.map((x) => `${x.autoscaler.maxNodes}x${x.machineType}`).join("+"), r0.bill.autoscaled.totalUsdPerMonth);
  for (const tl of [0.5, 1, 2, 3, 5, 8, 12, 20, 30, 50, 80]) {
    const d = planOf(h, { ...(raw as object), timeLimit: tl } as never, virtual(0.001));
    const p = d.providers[0]!;
    const r = p.options[p.recommended!]!;
    const warn = p.issues.filter((i) => i.code === "optimum_not_proven").map((i) => i.message.slice(0, 60));
    console.log(tl, r.kind, r.pools.map((x) => `${x.autoscaler.maxNodes}x${x.machineType}`).join("+"), r.bill.autoscaled.totalUsdPerMonth, JSON.stringify(warn));
  }
}, 600_000);
