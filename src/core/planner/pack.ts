/**
 * Packing one demand level, zone by zone, on a set of machine types at the least cost per hour. Two exact
 * back ends behind one function:
 *
 * - **One shape**: a one-dimensional covering problem per zone — min Σ c_m·N_m s.t. Σ k_m·N_m ≥ d, N ≥ 0
 *   integer, where k_m = envs per node of type m (closed form, docs/packing.md §1.2) and c_m its cost per
 *   node-hour. Solved exactly by dynamic programming over d (unbounded knapsack cover):
 *   f(0) = 0, f(x) = min_m c_m + f(max(0, x − k_m)); O(d × types), no solver needed.
 * - **Several shapes**: the mixed-shape engine (`../mix/engine.ts`: column generation, A* over the demand
 *   lattice, HiGHS MIP) with the same per-node-hour costs; it returns its proven lower bound and gap.
 *
 * A per-node cap (`--max-envs-per-node`) clamps the pod-slot dimension: each env is one pod.
 */
import { solveMix } from "../mix/engine.js";
import { maxFit, mergeZones, type PackGroup, type PackMachine, type PackShape } from "../mix/instance.js";
import type { LinearSolver } from "../mix/solver.js";
import { type Resources, withPodCap } from "../resources.js";

/** A machine type as the planner packs it: capacity for envs, cost per node-hour (the objective). */
export interface PlanMachine {
  readonly name: string;
  /** What one node offers to envs (resource vector). */
  readonly capacity: Resources;
  /** The objective's cost of one node-hour: hourly price + boot disk + per-node fees (USD). */
  readonly costPerHour: number;
}

/** Nodes of one zone group: `count` nodes of `machine`, each with `envs[k]` envs of shape k (placeholders included). */
export interface Run {
  readonly machine: string;
  readonly count: number;
  readonly envs: readonly number[];
}

export interface LevelPacking {
  /** Per zone (index = zone), the runs of nodes. */
  readonly zones: readonly (readonly Run[])[];
  /** Σ cost per hour over zones. */
  readonly costPerHour: number;
  /** No packing of this level on these machines costs less per hour. */
  readonly lowerBoundPerHour: number;
  readonly optimal: boolean;
  /** Set when the exact search stopped early (time limit, too many patterns, solver failure). */
  readonly status: "optimal" | "time_limit" | "column_limit" | "solver_failed";
}

export interface PackContext {
  readonly shapes: readonly PackShape[];
  /** Engine for several shapes; not needed for one shape. */
  readonly solver?: LinearSolver;
}

/** Capacity with the pod-slot dimension clamped to `cap` envs per node. */
export function capped(capacity: Resources, cap: number | undefined): Resources {
  return withPodCap(capacity, cap);
}

/** Envs of `shape` one node of `m` holds (after the cap). */
export const envsPerNodeOf = (m: PlanMachine, shape: PackShape): number => maxFit(m.capacity, shape.request);

/**
 * Exact cover table for one shape: cost[x] = least cost per hour of nodes holding ≥ x envs, choice[x]
 * = the machine (index into `items`) of one node of such a plan. Items that another item dominates
 * (holds no fewer envs, costs no more) are skipped; ties keep the earlier item (callers order items
 * by name, so the result is deterministic).
 */
export function coverTable(
  items: readonly { readonly perNode: number; readonly cost: number }[],
  maxDemand: number,
): { cost: Float64Array; choice: Int32Array } {
  // Dominance in one sweep: by envs per node (desc), cost, index; an item is kept only when it is cheaper
  // than every item already seen (each of which holds at least as many envs).
  const order = items
    .map((it, i) => ({ ...it, i }))
    .filter((it) => it.perNode > 0)
    .sort((a, b) => b.perNode - a.perNode || a.cost - b.cost || a.i - b.i);
  const live: typeof order = [];
  let cheapestSeen = Number.POSITIVE_INFINITY;
  for (const it of order) {
    if (it.cost < cheapestSeen) live.push(it);
    cheapestSeen = Math.min(cheapestSeen, it.cost);
  }
  live.sort((a, b) => a.i - b.i); // ties in the DP keep the earlier item, as before
  const cost = new Float64Array(maxDemand + 1);
  const choice = new Int32Array(maxDemand + 1).fill(-1);
  for (let x = 1; x <= maxDemand; x++) {
    let best = Number.POSITIVE_INFINITY;
    let pick = -1;
    for (const it of live) {
      const c = it.cost + (cost[Math.max(0, x - it.perNode)] ?? 0);
      // Strictly cheaper by more than rounding noise (relative 1e-12), so ties keep the earlier item.
      if (pick < 0 || c < best - best * 1e-12) {
        best = c;
        pick = it.i;
      }
    }
    cost[x] = best;
    choice[x] = pick;
  }
  return { cost, choice };
}

/** Node counts per item of the cheapest cover of `demand` in a {@link coverTable}. */
export function coverCounts(table: { choice: Int32Array }, items: readonly { readonly perNode: number }[], demand: number): Map<number, number> {
  const counts = new Map<number, number>();
  let x = demand;
  while (x > 0) {
    const i = table.choice[x] ?? -1;
    if (i < 0) break;
    counts.set(i, (counts.get(i) ?? 0) + 1);
    x = Math.max(0, x - (items[i]?.perNode ?? x));
  }
  return counts;
}

/**
 * Pack `zones[z][k]` envs of shape k in zone z on `machines`. Undefined when some env fits no machine.
 * One shape: exact DP (always optimal). Several: the engine within `seconds` (then its best plan and
 * bound), zones with equal demand solved once.
 */
export function packLevel(ctx: PackContext, machines: readonly PlanMachine[], zones: readonly (readonly number[])[], seconds = 0): LevelPacking | undefined {
  if (ctx.shapes.length === 1) return packOneShape(ctx.shapes[0] as PackShape, machines, zones);
  return packMix(ctx, machines, zones, seconds);
}

function packOneShape(shape: PackShape, machines: readonly PlanMachine[], zones: readonly (readonly number[])[]): LevelPacking | undefined {
  if (machines.length === 1) {
    // One shape on one type: ⌈d / k⌉ nodes per zone (closed form, docs/packing.md §1.2).
    const m = machines[0] as PlanMachine;
    const k = envsPerNodeOf(m, shape);
    if (k <= 0)
      return zones.every((z) => (z[0] ?? 0) === 0)
        ? { zones: zones.map(() => []), costPerHour: 0, lowerBoundPerHour: 0, optimal: true, status: "optimal" }
        : undefined;
    let cost = 0;
    const out = zones.map((z) => {
      const d = z[0] ?? 0;
      const full = Math.floor(d / k);
      const rest = d - full * k;
      cost += (full + (rest > 0 ? 1 : 0)) * m.costPerHour;
      const runs: Run[] = [];
      if (full > 0) runs.push({ machine: m.name, count: full, envs: [k] });
      if (rest > 0) runs.push({ machine: m.name, count: 1, envs: [rest] });
      return runs;
    });
    return { zones: out, costPerHour: cost, lowerBoundPerHour: cost, optimal: true, status: "optimal" };
  }
  const items = machines.map((m) => ({ perNode: envsPerNodeOf(m, shape), cost: m.costPerHour, name: m.name }));
  const maxDemand = Math.max(0, ...zones.map((z) => z[0] ?? 0));
  if (maxDemand > 0 && !items.some((it) => it.perNode > 0)) return undefined;
  const table = coverTable(items, maxDemand);
  let cost = 0;
  const out = zones.map((z) => {
    const d = z[0] ?? 0;
    cost += table.cost[d] ?? 0;
    const counts = coverCounts(table, items, d);
    // Fill nodes in item order; the last node of a type may hold fewer.
    let left = d;
    const runs: Run[] = [];
    for (const [i, n] of [...counts].sort((a, b) => a[0] - b[0])) {
      const it = items[i] as (typeof items)[number];
      const full = Math.min(n, Math.floor(left / it.perNode));
      if (full > 0) runs.push({ machine: it.name, count: full, envs: [it.perNode] });
      left -= full * it.perNode;
      if (full < n) {
        // One partial node; an optimal cover buys no node beyond it (removing one would still cover).
        const rest = Math.min(left, it.perNode);
        runs.push({ machine: it.name, count: 1, envs: [rest] });
        left -= rest;
        if (n - full > 1) runs.push({ machine: it.name, count: n - full - 1, envs: [0] });
      }
    }
    return runs;
  });
  return { zones: out, costPerHour: cost, lowerBoundPerHour: cost, optimal: true, status: "optimal" };
}

function packMix(ctx: PackContext, machines: readonly PlanMachine[], zones: readonly (readonly number[])[], seconds: number): LevelPacking | undefined {
  if (!ctx.solver) throw new Error("internal: several env shapes need the LP/MIP solver");
  // Identical zones are solved once (multiplicity).
  const groups = mergeZones(zones, []);
  const pack: PackMachine[] = machines.map((m) => ({ name: m.name, usdPerHour: m.costPerHour, capacity: m.capacity }));
  const solved = solveMix({ shapes: ctx.shapes, machines: pack, groups }, { solver: ctx.solver, timeLimitSeconds: seconds, bestOnly: true });
  if (!solved) return undefined;
  const best = solved.best;
  const out: Run[][] = zones.map(() => []);
  best.groups.forEach((g, gi) => {
    for (const member of groups[gi]?.members ?? []) out[member] = g.runs.map((r) => ({ machine: r.machine, count: r.count, envs: [...r.envs] }));
  });
  return { zones: out, costPerHour: best.usdPerHour, lowerBoundPerHour: best.lowerBound.usdPerHour, optimal: best.optimal, status: best.status };
}

/**
 * Several shapes, at most `maxPools` machine types (the engine's pool-limited search, docs/packing.md §8):
 * the machine types of its plan, or undefined when it finds none.
 */
export function poolLimitedTypes(
  ctx: PackContext,
  machines: readonly PlanMachine[],
  zones: readonly (readonly number[])[],
  seconds: number,
  maxPools: number,
): string[] | undefined {
  if (!ctx.solver || ctx.shapes.length < 2) return undefined;
  const groups: PackGroup[] = zones.map((z, i) => ({ demand: [...z], multiplicity: 1, zones: [`zone ${i + 1}`] }));
  const pack: PackMachine[] = machines.map((m) => ({ name: m.name, usdPerHour: m.costPerHour, capacity: m.capacity }));
  const solved = solveMix({ shapes: ctx.shapes, machines: pack, groups }, { solver: ctx.solver, timeLimitSeconds: seconds, maxPools });
  if (!solved) return undefined;
  const plan = solved.best.pools.length <= maxPools ? solved.best : solved.pools;
  return plan ? [...plan.pools] : undefined;
}
