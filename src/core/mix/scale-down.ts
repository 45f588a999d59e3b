/**
 * The plan at normal demand on the node pools chosen for peak: the autoscaler shrinks those pools, it
 * does not swap machine types, and a pool never needs more nodes at normal than at peak. So: the
 * cheapest packing of the normal demand on those machine types with at most the peak node count of
 * each (per zone group) — a covering ILP with one cap row per machine type — started from a scale-down
 * of the peak placement (remove the surplus envs from the least-filled nodes, drop empty nodes), which
 * is always feasible. Exact when the MIP proves it; the scale-down otherwise.
 */
import type { Budget } from "./budget.js";
import { costTolerance } from "./group-solve.js";
import { fitsCounts, type PackMachine, type PackShape } from "./instance.js";
import { maximalPatterns, patternKey } from "./patterns.js";
import { place, type PlacedRun } from "./placement.js";
import { coverModel } from "./solver.js";

/** Remove envs from the peak placement until `demand` remains: least-filled nodes give theirs up first. */
export function scaleDown(shapes: readonly PackShape[], peak: readonly PlacedRun[], demand: readonly number[]): PlacedRun[] {
  const nodes = peak.flatMap((r) => Array.from({ length: r.count }, () => ({ machine: r.machine, envs: [...r.envs] })));
  const load = (n: { envs: number[] }): number => n.envs.reduce((s, v) => s + v, 0);
  const order = nodes.map((_, i) => i).sort((a, b) => load(nodes[a] as { envs: number[] }) - load(nodes[b] as { envs: number[] }) || a - b);
  shapes.forEach((_, k) => {
    let surplus = nodes.reduce((s, n) => s + (n.envs[k] ?? 0), 0) - (demand[k] ?? 0);
    for (const i of order) {
      if (surplus <= 0) break;
      const n = nodes[i] as { envs: number[] };
      const take = Math.min(surplus, n.envs[k] ?? 0);
      n.envs[k] = (n.envs[k] ?? 0) - take;
      surplus -= take;
    }
  });
  const runs = new Map<string, PlacedRun>();
  for (const n of nodes) {
    if (n.envs.every((v) => v === 0)) continue;
    const key = `${n.machine}|${n.envs.join(",")}`;
    const r = runs.get(key);
    runs.set(key, { machine: n.machine, envs: n.envs, count: (r?.count ?? 0) + 1 });
  }
  return [...runs.values()];
}

/** Cheapest packing of `demand` on `machines` with at most `caps` nodes of each (see the file comment). */
export function packWithinCaps(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machines: readonly PackMachine[],
  caps: ReadonlyMap<string, number>,
  start: readonly PlacedRun[],
  budget: Budget,
  maxColumns: number,
): PlacedRun[] {
  const byName = new Map(machines.map((m) => [m.name, m]));
  const startCost = start.reduce((s, r) => s + r.count * (byName.get(r.machine)?.usdPerHour ?? 0), 0);
  if (demand.every((d) => d === 0)) return [];
  type Col = { m: number; counts: readonly number[] };
  const cols: Col[] = [];
  const seen = new Set<string>();
  const push = (m: number, counts: readonly number[]): void => {
    const key = `${m}|${patternKey(counts)}`;
    if (!seen.has(key)) {
      seen.add(key);
      cols.push({ m, counts });
    }
  };
  for (const r of start) push(machines.findIndex((m) => m.name === r.machine), r.envs);
  let complete = true;
  machines.forEach((m, i) => {
    const e = maximalPatterns(shapes, demand, m, { limit: Math.max(0, maxColumns - cols.length) });
    for (const p of e.patterns) push(i, p);
    complete = complete && e.complete;
  });
  const K = shapes.length;
  const rows = demand.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0);
  const model = coverModel(
    rows.length + machines.length,
    cols.map((c) => {
      const r: number[] = [];
      const v: number[] = [];
      rows.forEach((k, i) => {
        if ((c.counts[k] ?? 0) > 0) {
          r.push(i);
          v.push(c.counts[k] ?? 0);
        }
      });
      r.push(rows.length + c.m);
      v.push(1);
      return { cost: (machines[c.m] as PackMachine).usdPerHour, rows: r, values: v };
    }),
    [...rows.map((k) => demand[k] ?? 0), ...machines.map(() => Number.NEGATIVE_INFINITY)],
    [...rows.map(() => Number.POSITIVE_INFINITY), ...machines.map((m) => caps.get(m.name) ?? 0)],
    true,
  );
  const x0 = new Float64Array(cols.length);
  for (const r of start) {
    const m = machines.findIndex((x) => x.name === r.machine);
    const j = cols.findIndex((c) => c.m === m && patternKey(c.counts) === patternKey(r.envs));
    if (j >= 0) x0[j] = (x0[j] ?? 0) + r.count;
  }
  void K;
  void complete;
  const a = budget.mip(model, x0, 1);
  if (!a.x) return start.map((r) => ({ ...r }));
  const chosen = cols.map((c, j) => ({ machine: machines[c.m] as PackMachine, count: Math.round(a.x?.[j] ?? 0), counts: c.counts })).filter((r) => r.count > 0);
  const ok =
    demand.every((d, k) => chosen.reduce((s, r) => s + r.count * (r.counts[k] ?? 0), 0) >= d) &&
    machines.every((m) => chosen.filter((r) => r.machine.name === m.name).reduce((s, r) => s + r.count, 0) <= (caps.get(m.name) ?? 0)) &&
    chosen.every((r) => fitsCounts(r.machine.capacity, shapes, r.counts));
  const cost = chosen.reduce((s, r) => s + r.count * r.machine.usdPerHour, 0);
  if (!ok || cost > startCost * (1 + costTolerance)) return start.map((r) => ({ ...r }));
  return place(shapes, demand, chosen);
}
