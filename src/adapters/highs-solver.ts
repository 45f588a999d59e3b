/**
 * The LP/MIP solver of the mixed-shape engine: HiGHS compiled to WebAssembly (`highs` on npm, MIT;
 * docs/packing.md §3), through its structured typed-array API (`withModel`, which disposes every
 * model: garbage collection does not free WASM models, §3.4).
 *
 * Loaded lazily with `require` (as the price SDKs are, see prices/load-sdk.ts): only a plan with several
 * env shapes calls {@link loadHighsSolver}, so the single-shape path never pays the ~50 ms WASM start.
 * Solves are synchronous. This adapter owns the clock: each MIP gets HiGHS' `time_limit` and a wall-clock
 * guard — the MIP interrupt callback stops the search once the deadline has passed, because HiGHS' own
 * limit was seen overrun by 8 s on a 60k-column model (§3.4).
 */
import { createRequire } from "node:module";
import type { LinearModel, LinearSolver, LpAnswer, MipAnswer, MipOptions } from "../core/mix/solver.js";

type HighsModule = typeof import("highs");
type Highs = Awaited<ReturnType<HighsModule["default"]>>;

/** Slack the wall-clock guard allows beyond the time limit before interrupting (seconds). */
const guardSlackSeconds = 0.05;

/** Loads HiGHS once per process (the WASM instance is reused; solves never overlap: they are synchronous). */
let loading: Promise<Highs> | undefined;

/**
 * What a caller may watch while the synchronous search runs: `tick` is called at every clock reading, after
 * every LP and MIP, and from inside a MIP (HiGHS' interrupt callback), so a progress line can be redrawn
 * without a timer (timers never fire during a synchronous solve). It must be cheap and must not throw.
 */
export interface SolverWatch {
  readonly tick: () => void;
}

export async function loadHighsSolver(watch?: SolverWatch): Promise<LinearSolver> {
  loading ??= (createRequire(import.meta.url)("highs") as (o?: object) => Promise<Highs>)({});
  return highsSolver(await loading, watch);
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

function modelData(highs: Highs, m: LinearModel) {
  const inf = (v: number): number => (v === Number.POSITIVE_INFINITY ? highs.infinity : v === Number.NEGATIVE_INFINITY ? -highs.infinity : v);
  return {
    numCols: m.numCols,
    numRows: m.numRows,
    colCost: m.cost,
    colLower: new Float64Array(m.numCols),
    colUpper: m.colUpper.map(inf),
    rowLower: m.rowLower.map(inf),
    rowUpper: m.rowUpper.map(inf),
    matrix: { format: "csc" as const, numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
    ...(m.integer ? { integrality: m.integer } : {}),
  };
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0]?.slice(0, 200) ?? "";

/** A {@link LinearSolver} over a loaded HiGHS instance. */
export function highsSolver(highs: Highs, watch?: SolverWatch): LinearSolver {
  const status = highs.constants.modelStatus;
  const tick = watch?.tick ?? ((): void => undefined);
  const version = `${highs.version?.string ?? "HiGHS"}`;
  return {
    name: `HiGHS ${version.replace(/^HiGHS\s*/, "")} (highs npm 1.15.3, WebAssembly)`,
    now: () => {
      tick();
      return performance.now() / 1000;
    },
    solveLp(model: LinearModel): LpAnswer {
      const t0 = performance.now();
      try {
        return highs.withModel(modelData(highs, model), (h) => {
          h.options.set({ output_flag: false });
          h.run();
          const s = h.getModelStatus();
          const sol = h.getSolution();
          return {
            status: s === status.optimal ? "optimal" : s === status.infeasible ? "infeasible" : "failed",
            objective: h.getObjectiveValue(),
            x: Float64Array.from(sol.colValue),
            duals: Float64Array.from(sol.rowDual),
            seconds: seconds(t0),
          } satisfies LpAnswer;
        });
      } catch {
        return { status: "failed", objective: Number.NaN, x: new Float64Array(0), duals: new Float64Array(0), seconds: seconds(t0) };
      }
    },
    solveMip(model: LinearModel, options: MipOptions): MipAnswer {
      const t0 = performance.now();
      const limit = Math.max(0, options.timeLimitSeconds);
      const deadline = t0 + (limit + guardSlackSeconds) * 1000;
      try {
        return highs.withModel(modelData(highs, model), (h) => {
          // Proof, not a 0.01 % tolerance: HiGHS' default mip_rel_gap is 1e-4.
          h.options.set({ output_flag: false, time_limit: limit, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
          if (options.start) h.setSolution({ colValue: options.start });
          let interrupted = false;
          h.run({
            [highs.constants.callbackType.mipInterrupt](event: { interrupt(): void }) {
              tick();
              if (performance.now() > deadline) {
                interrupted = true;
                event.interrupt();
              }
            },
          });
          const s = h.getModelStatus();
          const bound = Number(h.info.get("mip_dual_bound"));
          const sol = h.getSolution();
          const hasX = sol.colValue.length === model.numCols && s !== status.infeasible;
          const kind: MipAnswer["status"] =
            s === status.optimal
              ? "optimal"
              : s === status.infeasible
                ? "infeasible"
                : s === status.timeLimit || s === status.interrupted || interrupted
                  ? "limit"
                  : "failed";
          return {
            status: kind,
            ...(hasX ? { x: Float64Array.from(sol.colValue), objective: h.getObjectiveValue() } : {}),
            dualBound: Number.isFinite(bound) ? bound : Number.NEGATIVE_INFINITY,
            seconds: seconds(t0),
          } satisfies MipAnswer;
        });
      } catch (e) {
        return { status: "failed", dualBound: Number.NEGATIVE_INFINITY, message: firstLine(e), seconds: seconds(t0) };
      }
    },
  };
}
