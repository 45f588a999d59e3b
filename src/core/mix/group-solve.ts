/**
 * The cheapest packing of one demand over a catalog, no limit on node pools (docs/packing.md §2.3,
 * §8 "Recommended pipeline"):
 *   1. drop dominated machine types;
 *   2. heuristic incumbents: the best single pool by FFD, the cheapest machine per shape, and — after
 *      column generation — the LP solution rounded down with the rest packed by FFD, then
 *      price-and-branch (the MIP over the generated columns);
 *   3. the configuration-LP bound by column generation;
 *   4. if the incumbent meets the bound, done; else enumerate only the maximal patterns whose reduced
 *      cost is at most UB − LB (reduced-cost fixing keeps the ILP exact) and solve that MIP from the
 *      incumbent, within the time budget.
 * "optimal" only when the bound is met or the MIP over a complete column set proves it.
 */
import type { Budget } from "./budget.js";
import { columnGeneration, type LpBound } from "./column-generation.js";
import { type Column, ColumnPool, pruneDominated } from "./columns.js";
import { coverSearch } from "./cover-search.js";
import { bestFfd, nodesOf } from "./ffd.js";
import { dims, fitsCounts, maxFit, type PackMachine, type PackShape } from "./instance.js";
import { maximalPatterns } from "./patterns.js";
import { demandCoverModel } from "./solver.js";

/** `count` nodes of one column. */
export interface ColumnRun {
  readonly column: Column;
  readonly count: number;
}

export interface GroupSolution {
  readonly runs: readonly ColumnRun[];
  readonly cost: number;
  /** No packing of this demand costs less. */
  readonly lowerBound: number;
  /** The configuration-LP value (Farley-safe). */
  readonly lp: number;
  readonly optimal: boolean;
  /** The incumbent handed to the MIP (the heuristic plan). */
  readonly heuristicCost: number;
  /** The column set of the last MIP held every column that can be in a cheaper plan. */
  readonly complete: boolean;
  readonly pool: ColumnPool;
  readonly cg: LpBound | undefined;
  readonly stats: { readonly machinesAfterPruning: number; readonly columns: number; readonly cgIterations: number };
  readonly failure?: string;
}

/** Relative tolerance for "the plan meets the bound" (prices carry at most ~9 significant digits). */
export const costTolerance = 1e-9;

export const runsCost = (runs: readonly ColumnRun[]): number => runs.reduce((s, r) => s + r.count * r.column.cost, 0);

/** Merge runs of the same column. */
export function mergeRuns(runs: readonly ColumnRun[]): ColumnRun[] {
  const m = new Map<string, ColumnRun>();
  for (const r of runs) {
    const o = m.get(r.column.key);
    m.set(r.column.key, { column: r.column, count: (o?.count ?? 0) + r.count });
  }
  return [...m.values()].filter((r) => r.count > 0);
}

/**
 * A valid cost bound without any solver, from one dimension at a time: a node of m holding n_k envs
 * uses Σ_k n_k r_kd ≤ a_md, so its price is at least Σ_k n_k · min_m (c_m r_kd / a_md). Used only when
 * the LP cannot be solved.
 */
export function fluidBound(shapes: readonly PackShape[], demand: readonly number[], machines: readonly PackMachine[]): number {
  let best = 0;
  for (let d = 0; d < dims; d++) {
    let total = 0;
    shapes.forEach((s, k) => {
      const r = s.request[d] ?? 0;
      if ((demand[k] ?? 0) === 0 || r === 0) return;
      let unit = Number.POSITIVE_INFINITY;
      for (const m of machines)
        if ((m.capacity[d] ?? 0) > 0 && fitsCounts(m.capacity, [s], [1])) unit = Math.min(unit, (m.usdPerHour * r) / (m.capacity[d] ?? 1));
      if (Number.isFinite(unit)) total += (demand[k] ?? 0) * unit;
    });
    best = Math.max(best, total);
  }
  return best;
}

/** Heuristic plans that need no solver: the best single pool by FFD, and the cheapest machine per shape. */
export function greedyIncumbent(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machines: readonly PackMachine[],
  pool: ColumnPool,
): ColumnRun[] | undefined {
  let best: ColumnRun[] | undefined;
  const consider = (runs: ColumnRun[] | undefined): void => {
    if (runs && (!best || runsCost(runs) < runsCost(best) - costTolerance * runsCost(runs))) best = runs;
  };
  const toColumns = (runs: readonly { count: number; envs: readonly number[] }[]): ColumnRun[] | undefined => {
    const out: ColumnRun[] = [];
    for (const r of runs) {
      const c = pool.column(r.envs);
      if (!c) return undefined;
      out.push({ column: c, count: r.count });
    }
    return mergeRuns(out);
  };
  const needed = shapes.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0);
  for (const m of machines) {
    if (!needed.every((k) => maxFit(m.capacity, (shapes[k] as PackShape).request) > 0)) continue;
    const f = bestFfd(shapes, demand, m);
    if (f) consider(toColumns(f.runs));
  }
  // Each shape on its own cheapest pool (closed form ⌈d_k / n_mk⌉ × c_m, docs/packing.md §1.2): always feasible.
  const perShape: ColumnRun[] = [];
  for (const k of needed) {
    let pick: { runs: { count: number; envs: number[] }[]; cost: number } | undefined;
    for (const m of machines) {
      const n = Math.min(demand[k] ?? 0, maxFit(m.capacity, (shapes[k] as PackShape).request));
      if (n === 0) continue;
      const d = demand[k] ?? 0;
      const full = Math.floor(d / n);
      const runs = [{ count: full, envs: shapes.map((_, i) => (i === k ? n : 0)) }];
      if (d % n > 0) runs.push({ count: 1, envs: shapes.map((_, i) => (i === k ? d % n : 0)) });
      const cost = Math.ceil(d / n) * m.usdPerHour;
      if (!pick || cost < pick.cost) pick = { runs: runs.filter((r) => r.count > 0), cost };
    }
    if (!pick) return best;
    const cols = toColumns(pick.runs);
    if (!cols) return best;
    perShape.push(...cols);
  }
  consider(mergeRuns(perShape));
  return best;
}

/** Whether runs cover the demand. */
export function covers(runs: readonly ColumnRun[], demand: readonly number[]): boolean {
  return demand.every((d, k) => runs.reduce((s, r) => s + r.count * (r.column.counts[k] ?? 0), 0) >= d);
}

/** Build and solve the covering MIP over `columns` (min cost, ≥ demand), started from `start`. */
export function coverMip(
  columns: readonly Column[],
  demand: readonly number[],
  start: readonly ColumnRun[],
  budget: Budget,
  share: number,
): { runs?: ColumnRun[]; status: "optimal" | "limit" | "infeasible" | "failed"; dualBound: number } {
  const model = demandCoverModel(columns, demand, (j) => (columns[j] as Column).cost, true);
  const index = new Map(columns.map((c, j) => [c.key, j]));
  const x0 = new Float64Array(columns.length);
  for (const r of start) {
    const j = index.get(r.column.key);
    if (j !== undefined) x0[j] = (x0[j] ?? 0) + r.count;
  }
  const a = budget.mip(model, x0, share);
  if (!a.x) return { status: a.status, dualBound: a.dualBound };
  const runs = mergeRuns(columns.map((c, j) => ({ column: c, count: Math.round(a.x?.[j] ?? 0) })));
  return covers(runs, demand) ? { runs, status: a.status, dualBound: a.dualBound } : { status: "failed", dualBound: a.dualBound };
}

/** States of the demand lattice Π (d_k + 1). */
export const latticeSize = (demand: readonly number[]): number => demand.reduce((p, d) => p * (d + 1), 1);
/**
 * Demands up to this lattice size (about 2 million states) go to the exact lattice search, and skip the
 * price-and-branch MIP; larger ones go to the MIP (measured: the search does not close them in seconds).
 */
export const searchLattice = 2 ** 21;
/** Residual demands up to this lattice size are solved exactly by the rounding heuristic's tail. */
const tailLattice = 50_000;

/** Default most columns enumerated for one MIP. */
export const defaultMaxColumns = 200_000;

/** Solve one demand group with no pool limit. `machines` sorted by price (columns.ts `sortMachines`). */
export function solveGroup(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machines: readonly PackMachine[],
  budget: Budget,
  maxColumns = defaultMaxColumns,
  dive = true,
): GroupSolution | undefined {
  const pruned = pruneDominated(machines, shapes, demand);
  const pool = new ColumnPool(shapes, pruned);
  const incumbent0 = greedyIncumbent(shapes, demand, machines, pool);
  if (!incumbent0) return undefined; // some shape fits no machine: the caller reports it
  let best = incumbent0;
  const stats = { machinesAfterPruning: pruned.length, columns: 0, cgIterations: 0 };
  const cg = columnGeneration(shapes, demand, pool, budget, { extra: best.map((r) => r.column) });
  if (!cg) {
    const lb = fluidBound(shapes, demand, machines);
    return {
      runs: best,
      cost: runsCost(best),
      lowerBound: lb,
      lp: lb,
      optimal: false,
      heuristicCost: runsCost(best),
      complete: false,
      pool,
      cg,
      stats,
      failure: "the LP solver failed; the plan is the heuristic one",
    };
  }
  stats.cgIterations = cg.iterations;
  // LP rounding: ⌊x⌋ of the LP solution, the rest by the greedy heuristics.
  const floor = mergeRuns(cg.columns.map((c, j) => ({ column: c, count: Math.floor((cg.x[j] ?? 0) + 1e-9) })));
  const residual = demand.map((d, k) => Math.max(0, d - floor.reduce((s, r) => s + r.count * (r.column.counts[k] ?? 0), 0)));
  const rest = residual.some((d) => d > 0) ? greedyIncumbent(shapes, residual, machines, pool) : [];
  if (rest) {
    const rounded = mergeRuns([...floor, ...rest]);
    if (runsCost(rounded) < runsCost(best)) best = rounded;
  }
  // Sequential rounding with an exact tail (the residual heuristics of Wäscher & Gau 1996, docs/packing.md
  // §2.2): keep ⌊x⌋ of the LP solution; while what is left is large, re-solve its LP and fix one node of
  // the column with the largest value; then solve the small rest exactly.
  if (dive && latticeSize(demand) > tailLattice) {
    const fixed = [...floor];
    let left = [...residual];
    for (let round = 0; round < 60 && latticeSize(left) > tailLattice; round++) {
      if (budget.spent) break; // the time limit: the rest goes to the tail's heuristics
      const r = columnGeneration(shapes, left, pool, budget);
      if (!r) break;
      let pick = -1;
      r.x.forEach((v, j) => {
        if (v > 1e-9 && (pick < 0 || v > (r.x[pick] ?? 0))) pick = j;
      });
      const col = r.columns[pick];
      if (!col) break;
      const n = Math.max(1, Math.floor((r.x[pick] ?? 0) + 1e-9));
      fixed.push({ column: col, count: n });
      left = left.map((d, k) => Math.max(0, d - n * (col.counts[k] ?? 0)));
    }
    const tail = left.some((d) => d > 0) ? solveGroup(shapes, left, machines, budget.child(0.2), maxColumns, false) : undefined;
    // The tail was solved with its own column pool, pruned for its own (smaller) demand: its columns'
    // machine indices point into that pool's machine list, not this one. Re-key each pattern in this pool
    // (its cheapest machine here) — mixing the two indexings put patterns on machines that cannot hold them.
    const tailRuns = tail?.runs.map((r) => ({ column: pool.column(r.column.counts), count: r.count }));
    const rekeyed = tailRuns?.every((r) => r.column !== undefined) ? (tailRuns as ColumnRun[]) : undefined;
    if (rekeyed || left.every((d) => d === 0)) {
      const dived = mergeRuns([...fixed, ...(rekeyed ?? [])]);
      if (covers(dived, demand) && runsCost(dived) < runsCost(best)) best = dived;
    }
  }
  let lowerBound = cg.bound;
  const met = (): boolean => runsCost(best) <= lowerBound * (1 + costTolerance);
  let optimal = met();
  let complete = false;
  const heuristicOf = (): number => runsCost(best);
  // Price-and-branch: the MIP over the generated columns (a heuristic: those columns may not hold the
  // optimum). Only for demands too large for the exact lattice search, which needs no MIP warm-up.
  if (!optimal && latticeSize(demand) > searchLattice && !budget.spent) {
    const cols = uniqueColumns([...cg.columns, ...best.map((r) => r.column)]);
    const pb = coverMip(cols, demand, best, budget, 0.15);
    if (pb.runs && runsCost(pb.runs) < runsCost(best)) best = pb.runs;
    optimal = met();
  }
  const heuristicCost = heuristicOf();
  stats.columns = cg.columns.length;
  if (!optimal && budget.spent) budget.markLimit();
  if (!optimal && !budget.spent) {
    // Reduced-cost fixing (docs/packing.md §2.3 item 4): with π dual-feasible for every pattern, a pattern with
    // c_m − π·n > UB − LB cannot be in a plan cheaper than UB; the incumbent's columns are kept so it stays
    // a feasible start, and so the MIP's optimum over this set is the global one.
    const slack = runsCost(best) - lowerBound;
    const cols = new Map<string, Column>();
    for (const c of [...best.map((r) => r.column), ...cg.columns]) cols.set(c.key, c);
    complete = true;
    for (const m of pruned) {
      const left = maxColumns - cols.size;
      const e = maximalPatterns(shapes, demand, m, {
        duals: cg.duals,
        minValue: m.usdPerHour - slack - costTolerance * Math.max(1, m.usdPerHour),
        limit: Math.max(0, left),
        stop: () => budget.spent,
      });
      for (const p of e.patterns) {
        const c = pool.column(p);
        if (c && !cols.has(c.key)) cols.set(c.key, c);
      }
      if (!e.complete || cols.size >= maxColumns) {
        complete = false;
        break;
      }
    }
    stats.columns = cols.size;
    const list = [...cols.values()];
    // Few rows: the exact search over the demand lattice first (deterministic work budget), then the MIP.
    const searchBudget = budget.child(0.5);
    const search =
      complete && latticeSize(demand) <= searchLattice
        ? coverSearch(list, demand, cg.duals, runsCost(best), { shouldStop: () => searchBudget.spent })
        : undefined;
    if (search?.stopped) budget.markLimit();
    if (search) {
      if (search.counts) {
        const found = mergeRuns([...search.counts].map(([j, n]) => ({ column: list[j] as Column, count: n })));
        if (covers(found, demand) && runsCost(found) <= runsCost(best)) best = found;
      }
      if (search.optimal) optimal = true;
      else lowerBound = Math.max(lowerBound, search.lowerBound);
    }
    if (!optimal && budget.spent) budget.markLimit();
    else if (!optimal) {
      const mip = coverMip(list, demand, best, budget, 1);
      if (mip.runs && runsCost(mip.runs) <= runsCost(best)) best = mip.runs;
      if (complete && mip.status === "optimal") optimal = true;
      else if (complete && Number.isFinite(mip.dualBound)) lowerBound = Math.max(lowerBound, mip.dualBound);
    }
    if (met()) optimal = true;
  }
  const cost = runsCost(best);
  return { runs: best, cost, lowerBound: optimal ? cost : Math.min(lowerBound, cost), lp: cg.bound, optimal, heuristicCost, complete, pool, cg, stats };
}

export function uniqueColumns(cols: readonly Column[]): Column[] {
  const m = new Map<string, Column>();
  for (const c of cols) if (!m.has(c.key)) m.set(c.key, c);
  return [...m.values()];
}

export { nodesOf };
