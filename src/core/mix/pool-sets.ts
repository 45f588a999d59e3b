/**
 * At most P node pools by decomposition over pool sets (the "bound-ordered search" of docs/packing.md
 * §5.2, lifted from single machine types to sets of P types): the cheapest plan with at most P pools is
 * the cheapest over sets S of P types of the best plan restricted to S (a smaller set is never better
 * than a superset). Sets are visited in order of a cheap bound, pruned by a stronger one, and solved
 * exactly only while they can still beat the best plan found:
 *
 * - LB₁(S) = Σ_g r_g · π_g·d_g / max_{m ∈ S} θ_gm, with θ_gm = max_n π_g·n / c_m on m (Farley's bound
 *   with the unrestricted duals: π_g / θ is feasible for every pattern of the types in S);
 * - LB₂(S) = the configuration LP restricted to S (column generation on those types);
 * - exact: the no-limit engine (group-solve.ts) on the types of S, per zone group.
 * The plan is optimal when every set was solved exactly or pruned by a bound at or above it.
 */
import type { Budget } from "./budget.js";
import { columnGeneration } from "./column-generation.js";
import { ColumnPool, pruneDominated } from "./columns.js";
import { costTolerance, type GroupSolution, solveGroup } from "./group-solve.js";
import { maxFit, type PackGroup, type PackMachine, type PackShape } from "./instance.js";
import { bestPattern } from "./patterns.js";
import { maxDemand, type PoolsSolution } from "./pool-limit.js";

/** More sets than this and the decomposition is not tried (the caller uses the joint model). */
export const maxPoolSets = 5000;

function combinations(n: number, k: number, limit: number): number[][] | undefined {
  const out: number[][] = [];
  const pick: number[] = [];
  const rec = (from: number): boolean => {
    if (pick.length === k) {
      out.push([...pick]);
      return out.length <= limit;
    }
    for (let i = from; i <= n - (k - pick.length); i++) {
      pick.push(i);
      if (!rec(i + 1)) return false;
      pick.pop();
    }
    return true;
  };
  return rec(0) ? out : undefined;
}

/**
 * The cheapest plan with at most `maxPools` pools, or undefined when there are too many pool sets for
 * this method. `incumbent` is a feasible plan with at most that many pools.
 */
export function solvePoolSets(
  shapes: readonly PackShape[],
  groups: readonly PackGroup[],
  machines: readonly PackMachine[],
  maxPools: number,
  incumbent: PoolsSolution,
  unrestricted: readonly GroupSolution[],
  budget: Budget,
  maxColumns: number,
  setLimit = maxPoolSets,
): PoolsSolution | undefined {
  const pruned = pruneDominated(machines, shapes, maxDemand(shapes, groups));
  const size = Math.min(maxPools, pruned.length);
  const sets = combinations(pruned.length, size, setLimit);
  if (!sets) return undefined;
  const needed = shapes.map((_, k) => k).filter((k) => groups.some((g) => (g.demand[k] ?? 0) > 0));
  // Dual vectors to bound sets with: the unrestricted duals π_g, and each machine type's own (the LP of
  // that type alone). For a dual vector π and a set S, π / max_{m ∈ S} θ(π, m), θ(π, m) = max_n π·n / c_m,
  // is feasible for every pattern of S (Farley), so Σ_g r_g π_g·d_g / θ bounds every plan on S.
  const duals: { perGroup: (readonly number[] | undefined)[] }[] = [{ perGroup: groups.map((_, gi) => unrestricted[gi]?.cg?.duals) }];
  for (const m of pruned) {
    const perGroup = groups.map((g) => columnGeneration(shapes, g.demand, new ColumnPool(shapes, [m]), budget)?.duals);
    if (perGroup.every((d) => d !== undefined)) duals.push({ perGroup });
  }
  // θ[v][g][m] and π·d[v][g] for each dual vector v.
  const theta = duals.map((v) =>
    groups.map((g, gi) =>
      pruned.map((m) => {
        const pi = v.perGroup[gi];
        return pi ? bestPattern(shapes, g.demand, m, pi).upper / m.usdPerHour : Number.POSITIVE_INFINITY;
      }),
    ),
  );
  const piD = duals.map((v) => groups.map((g, gi) => (v.perGroup[gi] ?? []).reduce((acc, p, k) => acc + p * (g.demand[k] ?? 0), 0)));
  const setBound = (set: readonly number[]): number => {
    let best = 0;
    duals.forEach((_, v) => {
      let total = 0;
      groups.forEach((g, gi) => {
        const t = Math.max(1e-12, ...set.map((m) => theta[v]?.[gi]?.[m] ?? Number.POSITIVE_INFINITY));
        total += (g.multiplicity * (piD[v]?.[gi] ?? 0)) / t;
      });
      if (Number.isFinite(total)) best = Math.max(best, total);
    });
    return best;
  };
  const ranked = sets
    .filter((s) => needed.every((k) => s.some((m) => maxFit((pruned[m] as PackMachine).capacity, (shapes[k] as PackShape).request) > 0)))
    .map((s, i) => ({ s, i, lb1: setBound(s) }))
    .sort((a, b) => a.lb1 - b.lb1 || a.i - b.i);
  let best = incumbent;
  let unresolved = Number.POSITIVE_INFINITY;
  let stopped = false;
  for (const { s, lb1 } of ranked) {
    if (lb1 >= best.cost * (1 - costTolerance)) {
      unresolved = Math.min(unresolved, lb1);
      break;
    }
    if (budget.spent) {
      stopped = true;
      unresolved = Math.min(unresolved, lb1);
      break;
    }
    const only = s.map((m) => pruned[m] as PackMachine);
    // LB₂: the LP restricted to this set, before solving it exactly.
    let lb2 = lb1;
    let sum = 0;
    for (const g of groups) sum += g.multiplicity * (columnGeneration(shapes, g.demand, new ColumnPool(shapes, only), budget)?.bound ?? 0);
    lb2 = Math.max(lb2, sum);
    if (lb2 >= best.cost * (1 - costTolerance)) continue;
    const solved: GroupSolution[] = [];
    for (const g of groups) {
      const r = solveGroup(shapes, g.demand, only, budget.child(0.5), maxColumns);
      if (!r) break;
      solved.push(r);
    }
    if (solved.length !== groups.length) continue;
    const cost = solved.reduce((acc, r, gi) => acc + (groups[gi]?.multiplicity ?? 1) * r.cost, 0);
    const lb = solved.reduce((acc, r, gi) => acc + (groups[gi]?.multiplicity ?? 1) * r.lowerBound, 0);
    if (!solved.every((r) => r.optimal)) unresolved = Math.min(unresolved, Math.max(lb, lb2));
    if (cost < best.cost * (1 - costTolerance))
      best = {
        perGroup: solved.map((r) =>
          r.runs.map((x) => ({ machine: r.pool.machines[x.column.machine] as PackMachine, count: x.count, counts: x.column.counts })),
        ),
        cost,
        lowerBound: 0,
        optimal: false,
        complete: true,
        columns: solved.reduce((acc, r) => acc + r.stats.columns, 0),
      };
  }
  if (stopped) budget.markLimit();
  const lowerBound = Math.min(best.cost, unresolved);
  return { ...best, lowerBound, optimal: lowerBound >= best.cost * (1 - costTolerance) };
}
