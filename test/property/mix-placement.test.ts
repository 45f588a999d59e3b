/**
 * Random mixes of small env shapes through the whole CLI plan (issue 12): about 1 in 30 such mixes ended
 * in exit 70 "placement: a … node is over capacity" before the LP dive's tail was re-keyed into its
 * group's column pool (src/core/mix/group-solve.ts). The law: every mix of 1–6 small shapes with 100–1000
 * envs each gets a plan (exit 0, a recommendation) whose placement holds every env at peak. Fixed seed
 * (FC_SEED overrides; FC_RUNS_SCALE multiplies the runs); --time-limit 1 keeps each plan short (every
 * search step honours the deadline since issue 12: a 6-shape plan took 45 s at --time-limit 1 before). Observed:
 * on the code before the fix, seed 42 fails on 769 × 2cpu4g + 591 × 1cpu2g on GKE (n2d-highcpu-96 over capacity).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { runJson } from "../support/cli.js";

const seed = Number(process.env.FC_SEED ?? 42);
const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.FC_RUNS_SCALE ?? 1)));
const small = ["1cpu2g", "1cpu4g", "2cpu4g", "2cpu8g", "4cpu8g", "4cpu16g"];

describe("random small-shape mixes: no internal error", () => {
  it("1–6 shapes × 100–1000 envs on GKE or AKS: exit 0, a recommendation, every env placed at peak", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...small), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 100, max: 1000 }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom("gcp", "azure"),
        async (shapes, peaks, provider) => {
          const envs = shapes.flatMap((s, i) => ["--env", `${peaks[i]}x${s}`]);
          const { code, doc } = await runJson<PlanDocument>([...envs, "--provider", provider, "--time-limit", "1"]);
          expect(code, envs.join(" ")).toBe(0);
          const p = doc.providers[0];
          const rec = p?.options[p.recommended ?? -1];
          expect(rec, envs.join(" ")).toBeDefined();
          // Σ over zones and node runs of count × envs = the pools' envs at peak ≥ the peak demand of each shape.
          for (const s of doc.inputs.shapes) {
            let placed = 0;
            for (const g of rec?.placement ?? []) for (const n of g.nodes) placed += n.count * (n.envs[s.name] ?? 0) * g.zones.length;
            expect(placed, `${envs.join(" ")} ${s.name}`).toBeGreaterThanOrEqual(s.peak);
          }
        },
      ),
      { seed, numRuns: runs(30) },
    );
  }, 600_000);
});
