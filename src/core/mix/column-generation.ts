/**
 * Column generation for the configuration LP (docs/packing.md §2.3, Gilmore–Gomory 1961):
 *   min Σ_j c_j x_j  s.t.  Σ_j n_jk x_j ≥ d_k,  x ≥ 0,
 * over every pattern of every machine type, without listing them. Start from one homogeneous column per
 * (machine, shape); solve the restricted LP; for each machine solve max π·n (patterns.ts `bestPattern`);
 * add every pattern with c_m − π·n < 0; stop when none prices out.
 *
 * The bound returned is Farley's (A. A. Farley, Operations Research 38(5):922–923, 1990):
 * π·d / max(1, max_m (π·n*_m / c_m)). At convergence the divisor is 1 (up to rounding) and the value is the
 * LP optimum; the division makes it valid even when the solver's duals are a hair infeasible, and the
 * scaled duals π/θ are what reduced-cost fixing uses.
 */

import type { Budget } from "./budget.js";
import type { Column, ColumnPool } from "./columns.js";
import { maxFit, type PackShape } from "./instance.js";
import { bestPattern } from "./patterns.js";
import { demandCoverModel } from "./solver.js";

export interface LpBound {
  /** No plan for this demand costs less (USD per hour, or nodes when `unitCost`). */
  readonly bound: number;
  /** Dual values scaled to be feasible for every pattern (π/θ). */
  readonly duals: readonly number[];
  /** The LP solution on the generated columns. */
  readonly columns: readonly Column[];
  readonly x: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

/** Most iterations before giving up on convergence (the Farley bound is still valid then). */
const maxIterations = 500;

/**
 * Run column generation for `demand`. `unitCost` prices every node at 1 (the node-count LP of one machine
 * type, whose ⌈bound⌉ is the "⌈LP⌉" node bound). `extra` columns (a heuristic's) seed the master.
 * Returns undefined when the solver fails on the master LP.
 */
export function columnGeneration(
  shapes: readonly PackShape[],
  demand: readonly number[],
  pool: ColumnPool,
  budget: Budget,
  options: { readonly unitCost?: boolean; readonly extra?: readonly Column[] } = {},
): LpBound | undefined {
  const K = shapes.length;
  const rows = shapes.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0);
  const cost = (c: Column): number => (options.unitCost ? 1 : c.cost);
  const columns: Column[] = [];
  const seen = new Set<string>();
  const add = (c: Column | undefined): boolean => {
    if (!c || seen.has(c.key)) return false;
    seen.add(c.key);
    columns.push(c);
    return true;
  };
  for (const m of pool.machines)
    for (const k of rows) {
      const n = Math.min(demand[k] ?? 0, maxFit(m.capacity, (shapes[k] as PackShape).request));
      if (n > 0) add(pool.column(shapes.map((_, i) => (i === k ? n : 0))));
    }
  for (const c of options.extra ?? []) add(c);
  let iterations = 0;
  let duals = new Array<number>(K).fill(0);
  let x: number[] = [];
  let converged = false;
  let theta = 1;
  const stop = (): boolean => budget.spent;
  while (iterations < maxIterations) {
    // The time limit: stop after the first round (the Farley bound of the last round stays valid; the
    // caller reports the gap). The first round always runs: it gives the duals every bound needs.
    if (iterations > 0 && budget.spent) {
      budget.markLimit();
      break;
    }
    iterations++;
    const model = demandCoverModel(columns, demand, (j) => cost(columns[j] as Column), false);
    const lp = budget.lp(model);
    if (lp.status !== "optimal") return undefined;
    duals = new Array<number>(K).fill(0);
    rows.forEach((k, i) => {
      duals[k] = Math.max(0, lp.duals[i] ?? 0);
    });
    x = Array.from(lp.x);
    let added = 0;
    let priced = true;
    theta = 1;
    for (const m of pool.machines) {
      const price = options.unitCost ? 1 : m.usdPerHour;
      const best = bestPattern(shapes, demand, m, duals, stop);
      // θ needs max π·n: a pricing search cut short by the time limit gives its upper bound instead.
      theta = Math.max(theta, best.upper / price);
      if (!best.exact) priced = false;
      if (price - best.value < -1e-9 * Math.max(1, price) && add(pool.column(best.pattern))) added++;
    }
    if (added === 0) {
      // Nothing prices out: the LP optimum, unless a pricing search was cut short (then the bound is Farley's).
      converged = priced;
      if (!priced) budget.markLimit();
      break;
    }
  }
  const scaled = duals.map((p) => p / theta);
  const bound = scaled.reduce((s, p, k) => s + p * (demand[k] ?? 0), 0);
  return { bound, duals: scaled, columns, x, iterations, converged };
}
