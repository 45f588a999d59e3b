/**
 * The mixed-shape packing engine: the cheapest node pools for several env shapes over a catalog of
 * machine types (docs/packing.md §2.3, §8), with its lower bound, gap and proof status, for three
 * variants — no pool limit, at most P pools, one pool — and the greedy baseline an autoscaler loop would
 * buy. Pure and deterministic: shapes and machines are put in a canonical order first (name; price, name),
 * so the order they arrive in changes nothing; the solver is injected.
 */

import { l1Bound, l2Bound } from "./bounds.js";
import { Budget } from "./budget.js";
import { columnGeneration } from "./column-generation.js";
import { ColumnPool, sortMachines } from "./columns.js";
import { ffd, ffdOrder, nodesOf } from "./ffd.js";
import { costTolerance, defaultMaxColumns, type GroupSolution, solveGroup } from "./group-solve.js";
import { maxFit, type PackGroup, type PackInstance, type PackMachine, type PackShape } from "./instance.js";
import { type PlacedRun, place } from "./placement.js";
import { type PoolsSolution, solveOnePool, solvePools } from "./pool-limit.js";
import { solvePoolSets } from "./pool-sets.js";
import type { LinearSolver } from "./solver.js";

export interface MixSolveOptions {
  readonly solver: LinearSolver;
  /** Seconds for the whole call, all variants (the adapter guards each MIP with the wall clock). */
  readonly timeLimitSeconds: number;
  /** Also solve "at most this many pools" (≥ 1); one pool is always solved. @defaultValue none */
  readonly maxPools?: number;
  /** Most columns in one MIP. @defaultValue 200 000 */
  readonly maxColumns?: number;
  /** Solve the no-pool-limit variant only (the normal-demand re-plan of a chosen pool set). */
  readonly bestOnly?: boolean;
  /** Most pool sets the ≤ K-pool decomposition visits before the joint MIP takes over. @defaultValue 5000 */
  readonly poolSetLimit?: number;
}

export type MixStatus =
  /** proven: the plan meets its lower bound, or the MIP over every useful column proved it */
  | "optimal"
  /** the time limit stopped the MIP: best plan found, with its gap */
  | "time_limit"
  /** too many patterns to list them all: best plan found, with its gap */
  | "column_limit"
  /** the LP/MIP solver failed: the heuristic plan, with the solver-free bound */
  | "solver_failed";

/** One variant's plan. `envs` arrays follow the instance's shape order. */
export interface MixSolution {
  readonly groups: readonly { readonly zones: readonly string[]; readonly multiplicity: number; readonly runs: readonly PlacedRun[] }[];
  /** Σ over groups of multiplicity × Σ runs count × price. */
  readonly usdPerHour: number;
  readonly nodes: number;
  /** Machine types used, by name. */
  readonly pools: readonly string[];
  /** No plan of this variant costs less; `lpUsdPerHour` is the configuration-LP value. */
  readonly lowerBound: { readonly usdPerHour: number; readonly lpUsdPerHour: number };
  /** (plan − bound) / plan (docs/packing.md §6 law 3). */
  readonly gap: number;
  readonly optimal: boolean;
  readonly status: MixStatus;
  /** The heuristic plan the MIP started from. */
  readonly heuristicUsdPerHour: number;
}

/** The greedy baseline (docs/packing.md §4.2, §4.4): FFD per node group in cluster-autoscaler's pod order, cheapest total. */
export interface BaselineSolution {
  readonly groups: MixSolution["groups"];
  readonly usdPerHour: number;
  readonly nodes: number;
  readonly pools: readonly string[];
}

export interface MixVariants {
  readonly best: MixSolution;
  /** At most `maxPools` pools; undefined when not asked, when the best plan already uses no more, or when no such plan exists. */
  readonly pools?: MixSolution & { readonly maxPools: number };
  /** Undefined when no machine type holds every shape. */
  readonly onePool?: MixSolution & { readonly machinesExamined: number };
  readonly baseline: BaselineSolution;
  readonly stats: {
    readonly machines: number;
    readonly machinesAfterPruning: number;
    readonly columns: number;
    readonly cgIterations: number;
    readonly lpSolves: number;
    readonly mipSolves: number;
  };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Solve every variant. Returns undefined when some shape with demand fits no machine type (the caller
 * reports which, and the nearest machine).
 */
export function solveMix(instance: PackInstance, options: MixSolveOptions): MixVariants | undefined {
  const order = instance.shapes.map((_, k) => k).sort((a, b) => byName(instance.shapes[a]?.name ?? "", instance.shapes[b]?.name ?? "") || a - b);
  const shapes = order.map((k) => instance.shapes[k] as PackShape);
  const groups: PackGroup[] = instance.groups.map((g) => ({ ...g, demand: order.map((k) => g.demand[k] ?? 0) }));
  const back = (envs: readonly number[]): number[] => {
    const out = new Array<number>(shapes.length).fill(0);
    order.forEach((k, i) => {
      out[k] = envs[i] ?? 0;
    });
    return out;
  };
  const machines = sortMachines(instance.machines).filter((m) => shapes.some((s) => maxFit(m.capacity, s.request) > 0));
  for (const [k, s] of shapes.entries())
    if (groups.some((g) => (g.demand[k] ?? 0) > 0) && !machines.some((m) => maxFit(m.capacity, s.request) > 0)) return undefined;
  const maxColumns = options.maxColumns ?? defaultMaxColumns;
  const maxPools = options.maxPools ?? Number.POSITIVE_INFINITY;

  // The time limit covers the whole call: the one-pool search (usually quick: bound-ordered) may use 40 %
  // of it, the best mix most of the rest (all of it without a pool limit), the pool-limited plan
  // what is left; each stops early when proven.
  const total = new Budget(options.solver, options.timeLimitSeconds);
  const oneBudget = total.split(0.4);
  const one = options.bestOnly ? undefined : solveOnePool(shapes, groups, machines, oneBudget, maxColumns);
  // No pool limit: zone groups are independent.
  const bestBudget = total.split(options.bestOnly || !Number.isFinite(maxPools) ? 1 : 0.6);
  const perGroup: GroupSolution[] = [];
  for (const [i, g] of groups.entries()) {
    const s = solveGroup(shapes, g.demand, machines, bestBudget.child(1 / (groups.length - i)), maxColumns);
    if (!s) return undefined;
    perGroup.push(s);
  }
  const best = assemble(
    shapes,
    groups,
    perGroup.map((s) => s.runs.map((r) => ({ machine: s.pool.machines[r.column.machine] as PackMachine, count: r.count, counts: r.column.counts }))),
    machines,
    {
      lowerBound: sum(
        groups,
        perGroup.map((s) => s.lowerBound),
      ),
      lp: sum(
        groups,
        perGroup.map((s) => s.lp),
      ),
      optimal: perGroup.every((s) => s.optimal),
      heuristic: sum(
        groups,
        perGroup.map((s) => s.heuristicCost),
      ),
      status: perGroup.some((s) => s.failure)
        ? "solver_failed"
        : perGroup.every((s) => s.optimal)
          ? "optimal"
          : bestBudget.limitHit
            ? "time_limit"
            : "column_limit",
    },
    back,
    true,
  );

  const stats = {
    machines: machines.length,
    machinesAfterPruning: Math.max(0, ...perGroup.map((s) => s.stats.machinesAfterPruning)),
    columns: perGroup.reduce((s, g) => s + g.stats.columns, 0),
    cgIterations: perGroup.reduce((s, g) => s + g.stats.cgIterations, 0),
    lpSolves: bestBudget.lpRuns,
    mipSolves: bestBudget.mipRuns,
  };
  if (options.bestOnly) return { best, baseline: { groups: [], usdPerHour: 0, nodes: 0, pools: [] }, stats };
  // A proven best plan on a single machine type is also the best one-pool plan.
  const onePool =
    best.optimal && best.pools.length === 1
      ? { ...best, machinesExamined: 0 }
      : one
        ? {
            ...assemble(
              shapes,
              groups,
              one.perGroup.map((n) => n.runs.map((r) => ({ machine: one.machine, count: r.count, counts: r.envs }))),
              machines,
              {
                lowerBound: Math.max(one.lowerBound, best.lowerBound.usdPerHour),
                lp: best.lowerBound.lpUsdPerHour,
                optimal: one.optimal,
                heuristic:
                  one.machine.usdPerHour *
                  sum(
                    groups,
                    one.perGroup.map((n) => nodesOf(n.runs)),
                  ),
                status: one.optimal ? "optimal" : oneBudget.limitHit ? "time_limit" : "column_limit",
              },
              back,
              false,
            ),
            machinesExamined: one.machinesExamined,
          }
        : undefined;

  // Of equal-cost plans, fewer pools first: a one-pool plan that costs no more than the best mix replaces
  // it (the best mix's bound still applies). The ≤ k-pool plan is then needed only if more pools remain.
  let chosen = best;
  if (
    onePool &&
    (onePool.usdPerHour < best.usdPerHour * (1 - costTolerance) ||
      (onePool.pools.length < best.pools.length && onePool.usdPerHour <= best.usdPerHour * (1 + costTolerance)))
  )
    chosen = adopt(best, onePool);
  // At most maxPools pools, when the best plan uses more.
  let pools: (MixSolution & { maxPools: number }) | undefined;
  if (chosen.pools.length > maxPools) {
    const poolBudget = total.split(1);
    const incumbent = poolsIncumbent(shapes, groups, machines, maxPools, best, one, poolBudget, maxColumns);
    if (incumbent) {
      // Decomposition over pool sets when there are few enough of them; else the joint pool-binary model.
      const p =
        solvePoolSets(shapes, groups, machines, maxPools, incumbent, perGroup, poolBudget, maxColumns, options.poolSetLimit) ??
        solvePools(shapes, groups, machines, maxPools, incumbent, perGroup, poolBudget, maxColumns);
      pools = {
        ...assemble(
          shapes,
          groups,
          p.perGroup,
          machines,
          {
            lowerBound: Math.max(p.lowerBound, best.lowerBound.usdPerHour),
            lp: best.lowerBound.lpUsdPerHour,
            optimal: p.optimal,
            heuristic: incumbent.cost,
            status: p.optimal ? "optimal" : poolBudget.limitHit ? "time_limit" : "column_limit",
          },
          back,
          false,
        ),
        maxPools,
      };
    }
  }
  // A ≤ k-pool plan as cheap as the best mix replaces it too.
  if (pools && pools.usdPerHour <= chosen.usdPerHour * (1 + costTolerance)) chosen = adopt(chosen, pools);
  const showPools = pools && chosen.pools.length > maxPools ? pools : undefined;
  return {
    best: chosen,
    ...(showPools ? { pools: showPools } : {}),
    ...(onePool ? { onePool } : {}),
    baseline: greedyBaseline(shapes, groups, machines, back),
    stats: { ...stats, lpSolves: stats.lpSolves + oneBudget.lpRuns, mipSolves: stats.mipSolves + oneBudget.mipRuns },
  };
}

/**
 * `alt` (a one-pool or ≤ k-pool plan) as the answer of the no-limit variant, which it costs no more
 * than: the no-limit bound still applies, and it is optimal there when it meets that bound.
 */
function adopt(best: MixSolution, alt: MixSolution): MixSolution {
  const plain: MixSolution = {
    groups: alt.groups,
    usdPerHour: alt.usdPerHour,
    nodes: alt.nodes,
    pools: alt.pools,
    lowerBound: alt.lowerBound,
    gap: alt.gap,
    optimal: alt.optimal,
    status: alt.status,
    heuristicUsdPerHour: alt.heuristicUsdPerHour,
  };
  const proven = best.optimal || plain.usdPerHour <= best.lowerBound.usdPerHour * (1 + costTolerance);
  return {
    ...plain,
    lowerBound: proven ? { ...best.lowerBound, usdPerHour: plain.usdPerHour } : best.lowerBound,
    optimal: proven,
    gap: proven ? 0 : (plain.usdPerHour - best.lowerBound.usdPerHour) / plain.usdPerHour,
    status: proven ? "optimal" : best.status,
  };
}

const sum = (groups: readonly PackGroup[], v: readonly number[]): number => groups.reduce((s, g, i) => s + g.multiplicity * (v[i] ?? 0), 0);

type Runs = readonly (readonly { readonly machine: PackMachine; readonly count: number; readonly counts: readonly number[] }[])[];

function assemble(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  runs: Runs,
  machines: readonly PackMachine[],
  meta: { lowerBound: number; lp: number; optimal: boolean; heuristic: number; status: MixStatus },
  back: (envs: readonly number[]) => number[],
  cheapest: boolean,
): MixSolution {
  const placed = groups.map((g, i) => place(shapes, g.demand, runs[i] ?? [], cheapest ? machines : undefined));
  const price = new Map(machines.map((m) => [m.name, m.usdPerHour]));
  const usdPerHour = groups.reduce((s, g, i) => s + g.multiplicity * (placed[i] ?? []).reduce((t, r) => t + r.count * (price.get(r.machine) ?? 0), 0), 0);
  const nodes = groups.reduce((s, g, i) => s + g.multiplicity * (placed[i] ?? []).reduce((t, r) => t + r.count, 0), 0);
  const pools = [...new Set(placed.flatMap((p) => p.map((r) => r.machine)))].sort(byName);
  const lowerBound = Math.min(meta.lowerBound, usdPerHour);
  const optimal = meta.optimal || usdPerHour <= lowerBound * (1 + costTolerance);
  return {
    groups: groups.map((g, i) => ({ zones: g.zones, multiplicity: g.multiplicity, runs: (placed[i] ?? []).map((r) => ({ ...r, envs: back(r.envs) })) })),
    usdPerHour,
    nodes,
    pools,
    lowerBound: { usdPerHour: optimal ? usdPerHour : lowerBound, lpUsdPerHour: meta.lp },
    gap: optimal ? 0 : usdPerHour > 0 ? (usdPerHour - lowerBound) / usdPerHour : 0,
    optimal,
    status: optimal ? "optimal" : meta.status === "optimal" ? "column_limit" : meta.status,
    heuristicUsdPerHour: Math.max(meta.heuristic, usdPerHour),
  };
}

/**
 * A feasible plan with at most `maxPools` pools to start from: the best one-pool plan, or the best plan
 * restricted to the `maxPools` machine types that carry most of the unrestricted plan's cost.
 */
function poolsIncumbent(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  machines: readonly PackMachine[],
  maxPools: number,
  best: MixSolution,
  one: ReturnType<typeof solveOnePool>,
  budget: Budget,
  maxColumns: number,
): PoolsSolution | undefined {
  const candidates: PoolsSolution[] = [];
  if (one) {
    candidates.push({
      perGroup: one.perGroup.map((n) => n.runs.map((r) => ({ machine: one.machine, count: r.count, counts: r.envs }))),
      cost: one.cost,
      lowerBound: 0,
      optimal: false,
      complete: false,
      columns: 0,
    });
  }
  const spend = new Map<string, number>();
  for (const g of best.groups)
    for (const r of g.runs)
      spend.set(r.machine, (spend.get(r.machine) ?? 0) + g.multiplicity * r.count * (machines.find((m) => m.name === r.machine)?.usdPerHour ?? 0));
  const top = [...spend.entries()]
    .sort((a, b) => b[1] - a[1] || byName(a[0], b[0]))
    .slice(0, maxPools)
    .map(([n]) => n);
  const restricted = machines.filter((m) => top.includes(m.name));
  const sub: GroupSolution[] = [];
  const subBudget = budget.child(0.3);
  for (const [i, g] of groups.entries()) {
    const s = solveGroup(shapes, g.demand, restricted, subBudget.child(1 / (groups.length - i)), maxColumns);
    if (!s) break;
    sub.push(s);
  }
  if (sub.length === groups.length) {
    candidates.push({
      perGroup: sub.map((s) => s.runs.map((r) => ({ machine: s.pool.machines[r.column.machine] as PackMachine, count: r.count, counts: r.column.counts }))),
      cost: sum(
        groups,
        sub.map((s) => s.cost),
      ),
      lowerBound: 0,
      optimal: false,
      complete: false,
      columns: 0,
    });
  }
  return candidates.sort((a, b) => a.cost - b.cost)[0];
}

/**
 * What a greedy autoscaler loop buys for the same envs (docs/packing.md §4.2, §4.4): for each machine type
 * that holds every shape, FFD in cluster-autoscaler's order (cpu/alloc + mem/alloc descending), zone by
 * zone; then the node group with the cheapest total, as the price expander would pick. When no type holds
 * every shape, each shape gets its own cheapest FFD group. Ties: fewer nodes, then name.
 */
export function greedyBaseline(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  machines: readonly PackMachine[],
  back: (envs: readonly number[]) => number[] = (e) => [...e],
): BaselineSolution {
  const needed = shapes.map((_, k) => k).filter((k) => groups.some((g) => (g.demand[k] ?? 0) > 0));
  const pack = (m: PackMachine, demandOf: (g: PackGroup) => readonly number[]) => {
    const runs = groups.map((g) => ffd(shapes, demandOf(g), m, ffdOrder(shapes, m, "ca")));
    if (runs.some((r) => r === undefined)) return undefined;
    const nodes = groups.reduce((s, g, i) => s + g.multiplicity * nodesOf(runs[i] ?? []), 0);
    return { m, runs: runs as NonNullable<(typeof runs)[number]>[], nodes, cost: nodes * m.usdPerHour };
  };
  const cheapestFor = (demandOf: (g: PackGroup) => readonly number[], ks: readonly number[]) => {
    let pick: NonNullable<ReturnType<typeof pack>> | undefined;
    for (const m of machines) {
      if (!ks.every((k) => maxFit(m.capacity, (shapes[k] as PackShape).request) > 0)) continue;
      const p = pack(m, demandOf);
      if (
        p &&
        (!pick || p.cost < pick.cost || (p.cost === pick.cost && (p.nodes < pick.nodes || (p.nodes === pick.nodes && byName(p.m.name, pick.m.name) < 0))))
      )
        pick = p;
    }
    return pick;
  };
  const whole = cheapestFor((g) => g.demand, needed);
  const picks = whole
    ? [whole]
    : needed.map((k) => cheapestFor((g) => g.demand.map((d, i) => (i === k ? d : 0)), [k])).filter((p): p is NonNullable<typeof p> => p !== undefined);
  const out = groups.map((g, i) => ({
    zones: g.zones,
    multiplicity: g.multiplicity,
    runs: picks.flatMap((p) => (p.runs[i] ?? []).map((r) => ({ machine: p.m.name, count: r.count, envs: back(r.envs) }))),
  }));
  return {
    groups: out,
    usdPerHour: picks.reduce((s, p) => s + p.cost, 0),
    nodes: picks.reduce((s, p) => s + p.nodes, 0),
    pools: [...new Set(picks.map((p) => p.m.name))].sort(byName),
  };
}

/** Node-count lower bounds of one pool: L1, L2 and ⌈LP⌉ for `demand` on `machine` (docs/packing.md §1.3). */
export function nodeBounds(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machine: PackMachine,
  solver: LinearSolver,
): { l1: number; l2: number; lp: number | null; best: number } {
  const l1 = l1Bound(shapes, demand, machine);
  const l2 = l2Bound(shapes, demand, machine);
  const cg = demand.some((d) => d > 0)
    ? columnGeneration(shapes, demand, new ColumnPool(shapes, [machine]), new Budget(solver, Number.POSITIVE_INFINITY), { unitCost: true })
    : undefined;
  const lp = cg ? Math.ceil(cg.bound - 1e-9) : demand.some((d) => d > 0) ? null : 0;
  return { l1, l2, lp, best: Math.max(l1, l2, lp ?? 0) };
}
