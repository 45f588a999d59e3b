/** The search over candidate pool sets, its lower bound, and the greedy autoscaler baseline. */
import { autoscaledNodes, weeksPerMonth } from "../demand.js";
import { l1Bound } from "../mix/bounds.js";
import { greedyBaseline } from "../mix/engine.js";
import type { PackShape } from "../mix/instance.js";
import { packCached, planMachines, usedBy, zonesAt } from "./cache.js";
import { byName, type Candidate, type Evaluated, type ProviderContext, tolerance } from "./context.js";
import { evaluate } from "./evaluate.js";
import { capped, envsPerNodeOf, type LevelPacking, poolLimitedTypes } from "./pack.js";

/** Best plan over the candidate pool sets under a cap, with the lower bound of the bill. */
export function searchBest(
  ctx: ProviderContext,
  eligible: readonly Candidate[],
  cap: number | undefined,
): { best: Evaluated; lowerBound: number; onePool: Evaluated | undefined } | undefined {
  const all = eligible.map((c) => c.machine.name);
  const d = ctx.demand;
  const sets = new Map<string, string[]>();
  // The unrestricted optimum at each level: its pool set.
  const lbPerLevel = new Map<number, number>();
  for (const l of d.levels) {
    const p = packCached(ctx, all, cap, l.value, 0.5);
    if (!p) return undefined;
    lbPerLevel.set(l.value, p.lowerBoundPerHour);
    const used = usedBy(p);
    if (used.length > 0) sets.set(used.join(","), used);
  }
  // Every single machine type (one pool): exact per type for one shape; for several shapes the types
  // that hold every shape.
  for (const n of all) {
    const c = ctx.candidates.get(n) as Candidate;
    if (d.shapes.every((s) => envsPerNodeOf({ name: n, capacity: capped(c.capacity, cap), costPerHour: 1 }, s) > 0)) sets.set(n, [n]);
  }
  if (d.shapes.length > 1) {
    // Several shapes: every single type costs an engine call per level; keep the types whose bound at
    // the busiest level could beat the best multi-pool plan's, cheapest bound first (at most 12).
    const singles = [...sets.values()].filter((s) => s.length === 1).map((s) => s[0] as string);
    const keep = new Set(rankSingles(ctx, singles, cap).slice(0, 12));
    for (const n of singles) if (!keep.has(n)) sets.delete(n);
  }
  // --max-pools K: sets with more pools are not plans; for several shapes the engine's ≤ K-pool search
  // adds its plan's types (one shape: the single types and the per-level optima within K).
  const maxPools = ctx.req.maxPools;
  if (maxPools !== undefined) {
    for (const [k, set] of sets) if (set.length > maxPools) sets.delete(k);
    if (d.shapes.length > 1) {
      const top = d.levels[d.levels.length - 1]?.value ?? d.peak;
      const types = poolLimitedTypes(ctx.pack, planMachines(ctx, all, cap), zonesAt(ctx, top), (ctx.budget?.left ?? 0) * 0.3, maxPools);
      if (types && types.length > 0) sets.set(types.join(","), types);
    }
  }
  // Bound each set's node cost before pricing it: Σ over the week of its least-cost packing per level
  // (its nodes can cost no less at any minute). The lines that do not depend on nodes are the same for
  // every plan, so a set whose bound plus those lines reaches the best bill so far cannot win; sets are
  // priced cheapest bound first, so usually one or two are.
  // Several shapes: a single type is bounded by L1 (per zone, the busiest dimension's ⌈Σ request / capacity⌉
  // nodes) rather than by an engine call.
  const bounded = [...sets.values()].flatMap((set) => {
    let perWeek = 0;
    for (const l of d.levels) {
      if (set.length === 1) {
        perWeek += singleCost(ctx, set[0] as string, cap, l.value) * l.minutes;
        continue;
      }
      const p = packCached(ctx, set, cap, l.value);
      if (!p) return [];
      perWeek += p.lowerBoundPerHour * l.minutes;
    }
    return [{ set, bound: (perWeek / 60) * weeksPerMonth }];
  });
  bounded.sort((a, b) => a.bound - b.bound || a.set.length - b.set.length || byName(a.set.join(), b.set.join()));
  let best: Evaluated | undefined;
  let onePool: Evaluated | undefined;
  let fixedLines = 0;
  for (const { set, bound } of bounded) {
    const reach = (e: Evaluated | undefined): boolean => e === undefined || bound + fixedLines <= e.total * (1 + tolerance);
    if (!reach(best) && (set.length > 1 || !reach(onePool))) continue;
    const e = evaluate(ctx, set, cap);
    if (!e) continue;
    if (!best) fixedLines = e.autoscaled.lines.filter((l) => !isNodeLine(l.id)).reduce((t, l) => t + (l.usdPerMonth ?? 0), 0);
    if (!best || better(e, best)) best = e;
    if (e.pools.length === 1 && (!onePool || better(e, onePool))) onePool = e;
  }
  if (!best) return undefined;
  // Lower bound: per minute the cheapest packing of its level, held for the scale-down delay (a pool keeps
  // every node it needed in the last `delay` minutes, so its cost then is at least that level's optimum),
  // plus the lines every plan pays.
  const lbSeries = autoscaledNodes(
    d.weekly.map((seg) => ({ ...seg, value: lbPerLevel.get(seg.value) ?? 0 })),
    0,
    ctx.req.costing.scaleDownDelayMinutes,
  );
  const nodeCost = (lbSeries.reduce((s, seg) => s + seg.value * seg.length, 0) / 60) * weeksPerMonth;
  const fixed = best.autoscaled.lines.filter((l) => !isNodeLine(l.id)).reduce((s, l) => s + (l.usdPerMonth ?? 0), 0);
  return { best, lowerBound: Math.min(best.total, nodeCost + fixed), onePool };
}

export const isNodeLine = (id: string): boolean => id.startsWith("compute") || id === "boot-disks" || id.startsWith("per-node:");

/** Equal bills (within rounding) prefer a smaller blast radius, then fewer pools, then names. */
export function better(a: Evaluated, b: Evaluated): boolean {
  if (a.total < b.total * (1 - tolerance)) return true;
  if (a.total > b.total * (1 + tolerance)) return false;
  if (a.blastRadius !== b.blastRadius) return a.blastRadius < b.blastRadius;
  if (a.pools.length !== b.pools.length) return a.pools.length < b.pools.length;
  return a.machines.join() < b.machines.join();
}

/**
 * L1 bound of one machine type at a level, USD per hour: per zone, no fewer nodes than the busiest
 * dimension's ⌈Σ requests / capacity⌉ (docs/packing.md §1.3), times the node-hour cost.
 */
export function l1Cost(ctx: ProviderContext, name: string, cap: number | undefined, value: number): number {
  const c = ctx.candidates.get(name) as Candidate;
  const machine = { name, usdPerHour: c.costPerHour, capacity: capped(c.capacity, cap) };
  let nodes = 0;
  for (const z of zonesAt(ctx, value)) nodes += l1Bound(ctx.demand.shapes, z, machine);
  return nodes * c.costPerHour;
}

/**
 * A bound on one machine type's cost per hour at a level, without building a packing: for one shape the
 * exact closed form Σ over zones ⌈d_z / k⌉ × cost (docs/packing.md §1.2), for several the L1 bound.
 */
function singleCost(ctx: ProviderContext, name: string, cap: number | undefined, value: number): number {
  if (ctx.demand.shapes.length > 1) return l1Cost(ctx, name, cap, value);
  const c = ctx.candidates.get(name) as Candidate;
  const shape = ctx.demand.shapes[0] as PackShape;
  const k =
    cap === undefined
      ? envsPerNodeOf({ name, capacity: c.capacity, costPerHour: c.costPerHour }, shape)
      : Math.min(cap, envsPerNodeOf({ name, capacity: c.capacity, costPerHour: c.costPerHour }, shape));
  if (k <= 0) return Number.POSITIVE_INFINITY;
  let nodes = 0;
  for (const z of zonesAt(ctx, value)) nodes += Math.ceil((z[0] ?? 0) / k);
  return nodes * c.costPerHour;
}

/** Single types for several shapes, cheapest L1 bound at the busiest level first. */
export function rankSingles(ctx: ProviderContext, names: readonly string[], cap: number | undefined): string[] {
  const top = ctx.demand.levels[ctx.demand.levels.length - 1]?.value ?? 0;
  const score = new Map(names.map((n) => [n, l1Cost(ctx, n, cap, top)]));
  return [...names].sort((a, b) => (score.get(a) ?? 0) - (score.get(b) ?? 0) || byName(a, b));
}

/**
 * What a greedy autoscaler loop buys (docs/packing.md §4.2): at peak, FFD in cluster-autoscaler's pod order on
 * every type that holds every shape, zone by zone, and the node group with the cheapest total, as the price
 * expander picks; at the other levels the same loop on the node groups it chose. Priced like every plan.
 */
export function greedy(ctx: ProviderContext, all: readonly string[], cap: number | undefined): Evaluated | undefined {
  const pack = (names: readonly string[], value: number): LevelPacking | undefined => {
    const machines = planMachines(ctx, names, cap).map((m) => ({ name: m.name, usdPerHour: m.costPerHour, capacity: m.capacity }));
    const zones = zonesAt(ctx, value);
    const groups = zones.map((z, i) => ({ demand: z, multiplicity: 1, zones: [`zone ${i + 1}`] }));
    const b = greedyBaseline(ctx.demand.shapes, groups, machines);
    if (zones.some((z) => z.some((v) => v > 0)) && b.groups.every((g) => g.runs.length === 0)) return undefined;
    const out = b.groups.map((g) => g.runs.map((r) => ({ machine: r.machine, count: r.count, envs: [...r.envs] })));
    return { zones: out, costPerHour: b.usdPerHour, lowerBoundPerHour: 0, optimal: false, status: "optimal" };
  };
  const atPeak = pack(all, ctx.demand.peak);
  if (!atPeak) return undefined;
  const chosen = [...new Set(atPeak.zones.flatMap((z) => z.map((r) => r.machine)))].sort(byName);
  return evaluate(ctx, chosen, cap, (value) => pack(chosen, value));
}
