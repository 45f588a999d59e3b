/**
 * Plans with few node pools (docs/packing.md §2.3 "Pool-count limits"):
 * - one pool, by decomposition: for each machine type the fewest nodes that hold every env (FFD, checked
 *   against max(L1, L2, ⌈LP⌉), an ILP only when they disagree), machines visited in order of the bound
 *   × price and the search stopped once the bound reaches the best plan (§5.2 "bound-ordered search");
 * - at most P pools, as one MIP (used when there are too many pool sets for pool-sets.ts): per-(machine,
 *   pattern) columns (no merging across machines), binaries y_m, Σ_p x_{g,m,p} ≤ U_gm · y_m per zone
 *   group g, Σ_m y_m ≤ P — one model for all zones, since a pool spans the zones.
 */

import { l1Bound, l2Bound } from "./bounds.js";
import type { Budget } from "./budget.js";
import { columnGeneration } from "./column-generation.js";
import { type Column, ColumnPool, pruneDominated, survivorFor } from "./columns.js";
import { coverSearch } from "./cover-search.js";
import { bestFfd, type NodeRun, nodesOf } from "./ffd.js";
import { costTolerance, type GroupSolution, latticeSize, searchLattice } from "./group-solve.js";
import { maxFit, type PackGroup, type PackMachine, type PackShape } from "./instance.js";
import { maximalPatterns, patternKey } from "./patterns.js";
import { coverModel, demandCoverModel } from "./solver.js";

/** The fewest nodes of one machine type for one demand, with the bounds that prove (or bracket) it. */
export interface NodeCount {
  readonly nodes: number;
  readonly runs: readonly NodeRun[];
  readonly lowerBound: number;
  readonly l1: number;
  readonly l2: number;
  /** ⌈LP⌉ of the node-count configuration LP, when it was computed. */
  readonly lp: number | null;
  readonly exact: boolean;
}

/**
 * Fewest nodes of `machine` for `demand`: FFD (best sort key) against max(L1, L2); then ⌈LP⌉ by column
 * generation, LP rounding and price-and-branch; then the lattice search (cover-search.ts) and the
 * pattern ILP over reduced-cost-fixed patterns when they still disagree (docs/packing.md §5.2: ⌈LP⌉ equalled
 * the optimum on 300/300 random instances, so the last steps are rare).
 */
export function fewestNodes(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machine: PackMachine,
  budget: Budget,
  maxColumns: number,
  share: number,
): NodeCount | undefined {
  const f = bestFfd(shapes, demand, machine);
  if (!f) return undefined;
  let runs: readonly NodeRun[] = f.runs;
  let upper = nodesOf(runs);
  const l1 = l1Bound(shapes, demand, machine);
  const l2 = l2Bound(shapes, demand, machine);
  let lower = Math.max(l1, l2);
  if (upper <= lower) return { nodes: upper, runs, lowerBound: upper, l1, l2, lp: null, exact: true };
  const pool = new ColumnPool(shapes, [machine]);
  const ffdColumns = runs.map((r) => pool.column(r.envs)).filter((c): c is Column => c !== undefined);
  const cg = columnGeneration(shapes, demand, pool, budget, { unitCost: true, extra: ffdColumns });
  const lp = cg ? Math.ceil(cg.bound - 1e-9) : null;
  if (lp !== null) lower = Math.max(lower, lp);
  if (upper <= lower) return { nodes: upper, runs, lowerBound: upper, l1, l2, lp, exact: true };
  // Incumbents before the ILP: the LP solution rounded down with the rest by FFD, then price-and-branch
  // over the generated columns; an ILP start that meets ⌈LP⌉ ends the search at once.
  const tryRuns = (cand: readonly NodeRun[] | undefined): void => {
    if (cand && nodesOf(cand) < upper && demand.every((d, k) => cand.reduce((s, r) => s + r.count * (r.envs[k] ?? 0), 0) >= d)) {
      upper = nodesOf(cand);
      runs = cand;
    }
  };
  if (cg) {
    const floor = cg.columns.map((c, j) => ({ count: Math.floor((cg.x[j] ?? 0) + 1e-9), envs: c.counts })).filter((r) => r.count > 0);
    const residual = demand.map((d, k) => Math.max(0, d - floor.reduce((s, r) => s + r.count * (r.envs[k] ?? 0), 0)));
    const rest = residual.some((d) => d > 0) ? bestFfd(shapes, residual, machine)?.runs : [];
    if (rest) tryRuns([...floor, ...rest]);
    if (upper > lower) tryRuns(nodeMip(shapes, demand, [...cg.columns, ...ffdColumns], runs, pool, budget, share / 2).runs);
  }
  if (upper <= lower) return { nodes: upper, runs, lowerBound: upper, l1, l2, lp, exact: true };
  // Reduced-cost fixing with the node-count duals (cost 1 per node): keep patterns with 1 − π·n ≤ U − LB.
  const slack = upper - (cg?.bound ?? 0);
  const e = maximalPatterns(shapes, demand, machine, { ...(cg ? { duals: cg.duals, minValue: 1 - slack - 1e-9 } : {}), limit: maxColumns });
  const cols = new Map<string, Column>();
  for (const c of [...runs.map((r) => pool.column(r.envs)), ...e.patterns.map((p) => pool.column(p))]) if (c) cols.set(c.key, c);
  const list = [...cols.values()];
  const searchBudget = budget.child(0.5);
  const search =
    e.complete && cg && latticeSize(demand) <= 8 * searchLattice
      ? coverSearch(
          list.map((c) => ({ counts: c.counts, cost: 1 })),
          demand,
          cg.duals,
          upper,
          { shouldStop: () => searchBudget.spent },
        )
      : undefined;
  if (search?.stopped) budget.markLimit();
  if (search?.counts) tryRuns([...search.counts].map(([j, n]) => ({ count: n, envs: (list[j] as Column).counts })));
  if (search?.optimal) return { nodes: upper, runs, lowerBound: upper, l1, l2, lp, exact: true };
  if (search) lower = Math.max(lower, Math.ceil(search.lowerBound - 1e-9));
  if (upper <= lower) return { nodes: upper, runs, lowerBound: upper, l1, l2, lp, exact: true };
  const a = nodeMip(shapes, demand, list, runs, pool, budget, share);
  tryRuns(a.runs);
  if (e.complete && a.status === "optimal") lower = upper;
  else if (e.complete && Number.isFinite(a.dualBound)) lower = Math.max(lower, Math.ceil(a.dualBound - 1e-6));
  return { nodes: upper, runs, lowerBound: Math.min(lower, upper), l1, l2, lp, exact: lower >= upper };
}

/** The node-count ILP over `columns` (cost 1 per node), started from `start`. */
function nodeMip(
  _shapes: readonly PackShape[],
  demand: readonly number[],
  columns: readonly Column[],
  start: readonly NodeRun[],
  pool: ColumnPool,
  budget: Budget,
  share: number,
): { runs?: NodeRun[]; status: string; dualBound: number } {
  const list = [...new Map(columns.map((c) => [c.key, c])).values()];
  const model = demandCoverModel(list, demand, () => 1, true);
  const index = new Map(list.map((c, j) => [c.key, j]));
  const x0 = new Float64Array(list.length);
  for (const r of start) {
    const c = pool.column(r.envs);
    const j = c ? index.get(c.key) : undefined;
    if (j !== undefined) x0[j] = (x0[j] ?? 0) + r.count;
  }
  const a = budget.mip(model, x0, share);
  const runs = a.x ? list.map((c, j) => ({ count: Math.round(a.x?.[j] ?? 0), envs: c.counts })).filter((r) => r.count > 0) : undefined;
  return { ...(runs ? { runs } : {}), status: a.status, dualBound: a.dualBound };
}

/** A one-pool plan: one machine type for every env of every zone group. */
export interface OnePoolSolution {
  readonly machine: PackMachine;
  readonly perGroup: readonly NodeCount[];
  readonly cost: number;
  readonly lowerBound: number;
  readonly optimal: boolean;
  readonly machinesExamined: number;
}

/** The cheapest single pool (undefined when no machine type holds every shape). */
export function solveOnePool(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  machines: readonly PackMachine[],
  budget: Budget,
  maxColumns: number,
): OnePoolSolution | undefined {
  const needed = shapes.map((_, k) => k).filter((k) => groups.some((g) => (g.demand[k] ?? 0) > 0));
  const top = maxDemand(shapes, groups);
  const fitting = pruneDominated(machines, shapes, top).filter((m) => needed.every((k) => maxFit(m.capacity, (shapes[k] as PackShape).request) > 0));
  const ranked = fitting
    .map((m, i) => ({
      m,
      i,
      bound: m.usdPerHour * groups.reduce((s, g) => s + g.multiplicity * Math.max(l1Bound(shapes, g.demand, m), l2Bound(shapes, g.demand, m)), 0),
    }))
    .sort((a, b) => a.bound - b.bound || a.i - b.i);
  let best: OnePoolSolution | undefined;
  let lowerBound = Number.POSITIVE_INFINITY;
  let examined = 0;
  for (const { m, bound } of ranked) {
    if (best && (bound >= best.cost * (1 - costTolerance) || budget.spent)) {
      // The rest are no cheaper than their bound (sorted), or there is no time left to look.
      if (bound < best.cost * (1 - costTolerance)) budget.markLimit();
      lowerBound = Math.min(lowerBound, bound);
      break;
    }
    examined++;
    const perGroup: NodeCount[] = [];
    for (const g of groups) {
      const n = fewestNodes(shapes, g.demand, m, budget, maxColumns, 0.8);
      if (!n) break;
      perGroup.push(n);
    }
    if (perGroup.length !== groups.length) continue;
    const cost = m.usdPerHour * perGroup.reduce((s, n, i) => s + n.nodes * (groups[i]?.multiplicity ?? 1), 0);
    const lb = m.usdPerHour * perGroup.reduce((s, n, i) => s + n.lowerBound * (groups[i]?.multiplicity ?? 1), 0);
    lowerBound = Math.min(lowerBound, lb);
    if (!best || cost < best.cost * (1 - costTolerance)) best = { machine: m, perGroup, cost, lowerBound: 0, optimal: false, machinesExamined: 0 };
  }
  if (!best) return undefined;
  const lb = Math.min(lowerBound, best.cost);
  return { ...best, lowerBound: lb, optimal: lb >= best.cost * (1 - costTolerance), machinesExamined: examined };
}

/** Per shape, the largest demand of any group (capacity clipping that is valid for every group). */
export function maxDemand(shapes: readonly PackShape[], groups: readonly PackGroup[]): number[] {
  return shapes.map((_, k) => Math.max(0, ...groups.map((g) => g.demand[k] ?? 0)));
}

/** A plan with at most `maxPools` machine types: per group, runs of (machine, pattern). */
export interface PoolsSolution {
  readonly perGroup: readonly { readonly machine: PackMachine; readonly count: number; readonly counts: readonly number[] }[][];
  readonly cost: number;
  readonly lowerBound: number;
  readonly optimal: boolean;
  readonly complete: boolean;
  readonly columns: number;
}

/**
 * The joint pool-binary MIP, used when there are too many pool sets to decompose (pool-sets.ts).
 * The cheapest plan with at most `maxPools` machine types, given an incumbent (a feasible plan with at
 * most that many pools) and the unrestricted solutions per group (their LP duals drive reduced-cost
 * fixing; their costs are lower bounds). Exact when the MIP over the complete column set is proven.
 */
export function solvePools(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  machines: readonly PackMachine[],
  maxPools: number,
  incumbent: PoolsSolution,
  unrestricted: readonly GroupSolution[],
  budget: Budget,
  maxColumns: number,
): PoolsSolution {
  // Bounds: the unrestricted optima (or their bounds) bound any pool-limited plan from below; the slack of
  // reduced-cost fixing must use π·d (the Farley value of each group's duals), not those stronger bounds.
  const lp = groups.reduce((s, g, i) => s + g.multiplicity * (unrestricted[i]?.lowerBound ?? 0), 0);
  const piD = groups.reduce((s, g, i) => s + g.multiplicity * (unrestricted[i]?.cg?.bound ?? 0), 0);
  if (incumbent.cost <= lp * (1 + costTolerance)) return { ...incumbent, lowerBound: incumbent.cost, optimal: true };
  const top = maxDemand(shapes, groups);
  const pruned = pruneDominated(machines, shapes, top);
  type Col = { g: number; m: number; counts: number[]; cost: number };
  const cols: Col[] = [];
  const seen = new Set<string>();
  const push = (g: number, m: number, counts: readonly number[]): void => {
    const key = `${g}|${m}|${patternKey(counts)}`;
    if (seen.has(key)) return;
    seen.add(key);
    cols.push({ g, m, counts: [...counts], cost: (groups[g]?.multiplicity ?? 1) * (pruned[m] as PackMachine).usdPerHour });
  };
  // The incumbent's runs first (its machines may be pruned ones: map each to a dominating survivor).
  const incumbentRuns: { g: number; m: number; counts: readonly number[]; count: number }[] = [];
  incumbent.perGroup.forEach((runs, g) => {
    for (const r of runs) {
      const s = survivorFor(r.machine, pruned, shapes, top);
      incumbentRuns.push({ g, m: s ? pruned.indexOf(s) : -1, counts: r.counts, count: r.count });
    }
  });
  if (incumbentRuns.some((r) => r.m < 0)) return { ...incumbent, lowerBound: Math.max(lp, incumbent.lowerBound), optimal: false };
  for (const r of incumbentRuns) push(r.g, r.m, r.counts);
  let complete = true;
  const slack = incumbent.cost - piD;
  groups.forEach((g, gi) => {
    const duals = unrestricted[gi]?.cg?.duals;
    pruned.forEach((m, mi) => {
      if (!complete) return;
      const minValue = duals ? m.usdPerHour - slack / g.multiplicity - costTolerance * Math.max(1, m.usdPerHour) : Number.NEGATIVE_INFINITY;
      const e = maximalPatterns(shapes, g.demand, m, { ...(duals ? { duals } : {}), minValue, limit: Math.max(0, maxColumns - cols.length) });
      for (const p of e.patterns) push(gi, mi, p);
      complete = complete && e.complete;
    });
  });
  const K = shapes.length;
  const G = groups.length;
  const M = pruned.length;
  // Rows: K×G covering, G×M links (Σ_p x − U·y ≤ 0), one pool-count row.
  const coverRow = (g: number, k: number): number => g * K + k;
  const linkRow = (g: number, m: number): number => G * K + g * M + m;
  const poolRow = G * K + G * M;
  const numRows = poolRow + 1;
  const upper = groups.map((g, gi) =>
    pruned.map((m, mi) => {
      const fitShapes = g.demand.map((d, k) => (maxFit(m.capacity, (shapes[k] as PackShape).request) > 0 ? d : 0));
      const f = bestFfd(shapes, fitShapes, m);
      const used = incumbentRuns.filter((r) => r.g === gi && r.m === mi).reduce((s, r) => s + r.count, 0);
      return Math.max(f ? nodesOf(f.runs) : 0, used);
    }),
  );
  const model = coverModel(
    numRows,
    [
      ...cols.map((c) => {
        const rows: number[] = [];
        const values: number[] = [];
        c.counts.forEach((n, k) => {
          if (n > 0 && (groups[c.g]?.demand[k] ?? 0) > 0) {
            rows.push(coverRow(c.g, k));
            values.push(n);
          }
        });
        rows.push(linkRow(c.g, c.m));
        values.push(1);
        return { cost: c.cost, rows, values };
      }),
      ...pruned.map((_, m) => {
        const rows: number[] = [];
        const values: number[] = [];
        groups.forEach((_, g) => {
          rows.push(linkRow(g, m));
          values.push(-(upper[g]?.[m] ?? 0));
        });
        rows.push(poolRow);
        values.push(1);
        return { cost: 0, rows, values, upper: 1 };
      }),
    ],
    [...groups.flatMap((g) => shapes.map((_, k) => g.demand[k] ?? 0)), ...new Array<number>(G * M).fill(Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY],
    [...new Array<number>(G * K).fill(Number.POSITIVE_INFINITY), ...new Array<number>(G * M).fill(0), maxPools],
    true,
  );
  const x0 = new Float64Array(cols.length + M);
  for (const r of incumbentRuns) {
    const j = cols.findIndex((c) => c.g === r.g && c.m === r.m && patternKey(c.counts) === patternKey(r.counts));
    if (j >= 0) x0[j] = (x0[j] ?? 0) + r.count;
    x0[cols.length + r.m] = 1;
  }
  let best = incumbent;
  const fromCounts = (count: (j: number) => number): PoolsSolution | undefined => {
    const perGroup = groups.map((_, g) =>
      cols
        .map((c, j) => ({ c, count: count(j) }))
        .filter((r) => r.c.g === g && r.count > 0)
        .map((r) => ({ machine: pruned[r.c.m] as PackMachine, count: r.count, counts: r.c.counts })),
    );
    const cost = perGroup.reduce((s, runs, g) => s + (groups[g]?.multiplicity ?? 1) * runs.reduce((t, r) => t + r.count * r.machine.usdPerHour, 0), 0);
    const pools = new Set(perGroup.flatMap((runs) => runs.map((r) => r.machine.name)));
    const ok =
      pools.size <= maxPools &&
      groups.every((g, gi) => g.demand.every((d, k) => (perGroup[gi] ?? []).reduce((s, r) => s + r.count * (r.counts[k] ?? 0), 0) >= d));
    return ok ? { perGroup, cost, lowerBound: 0, optimal: false, complete, columns: cols.length } : undefined;
  };
  const a = budget.mip(model, x0, 1);
  if (a.x) {
    const found = fromCounts((j) => Math.round(a.x?.[j] ?? 0));
    if (found && found.cost < best.cost) best = found;
  }
  let lowerBound = Math.max(lp, incumbent.lowerBound);
  if (complete && a.status === "optimal") lowerBound = best.cost;
  else if (complete && Number.isFinite(a.dualBound)) lowerBound = Math.max(lowerBound, a.dualBound);
  lowerBound = Math.min(lowerBound, best.cost);
  return { ...best, lowerBound, optimal: lowerBound >= best.cost * (1 - costTolerance), complete, columns: cols.length };
}

export type { Column };
