/**
 * From a chosen set of columns to an explicit placement (docs/packing.md §2.3 "Reconstructing the
 * placement"): nodes are filled shape by shape until each demand is met, surplus slots stay empty, nodes
 * left with nothing are dropped. The placement is the feasibility certificate, checked in integers.
 */
import { InternalError } from "../units/brands.js";
import { fitsCounts, type PackMachine, type PackShape } from "./instance.js";

/** `count` identical nodes of `machine`, each holding `envs[k]` envs of shape k. */
export interface PlacedRun {
  readonly machine: string;
  readonly count: number;
  readonly envs: readonly number[];
}

interface Run {
  count: number;
  envs: number[];
  machine: PackMachine;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Place `demand` on `runs` (count × machine × pattern, covering the demand). Deterministic: runs in
 * (machine name, pattern) order take envs first. With `cheapest` (no pool limit), each run moves to the
 * cheapest machine that holds what it really carries — never dearer, and only heuristic plans gain.
 */
export function place(
  shapes: readonly PackShape[],
  demand: readonly number[],
  runs: readonly { readonly machine: PackMachine; readonly count: number; readonly counts: readonly number[] }[],
  cheapest?: readonly PackMachine[],
): PlacedRun[] {
  let work: Run[] = runs
    .filter((r) => r.count > 0)
    .map((r) => ({ count: r.count, envs: [...r.counts], machine: r.machine }))
    .sort((a, b) => byName(a.machine.name, b.machine.name) || cmpDesc(a.envs, b.envs));
  shapes.forEach((_, k) => {
    let left = demand[k] ?? 0;
    const next: Run[] = [];
    for (const r of work) {
      const per = r.envs[k] ?? 0;
      if (per === 0) {
        next.push(r);
        continue;
      }
      if (left >= per * r.count) {
        left -= per * r.count;
        next.push(r);
        continue;
      }
      const full = Math.floor(left / per);
      const part = left - full * per;
      left = 0;
      if (full > 0) next.push({ ...r, count: full, envs: [...r.envs] });
      const rest = r.count - full;
      if (part > 0) next.push({ ...r, count: 1, envs: with_(r.envs, k, part) });
      const empty = rest - (part > 0 ? 1 : 0);
      if (empty > 0) next.push({ ...r, count: empty, envs: with_(r.envs, k, 0) });
    }
    if (left > 0) throw new InternalError(`placement: ${left} envs of shape ${k} not covered`);
    work = next;
  });
  work = work.filter((r) => r.envs.some((n) => n > 0));
  if (cheapest) {
    work = work.map((r) => {
      const m = cheapest.find((x) => fitsCounts(x.capacity, shapes, r.envs));
      return m && m.usdPerHour < r.machine.usdPerHour ? { ...r, machine: m } : r;
    });
  }
  // Merge identical runs and order them for output: machine name, then pattern (largest first).
  const merged = new Map<string, Run>();
  for (const r of work) {
    const key = `${r.machine.name}|${r.envs.join(",")}`;
    const m = merged.get(key);
    if (m) m.count += r.count;
    else merged.set(key, { ...r, envs: [...r.envs] });
  }
  const out = [...merged.values()].sort((a, b) => byName(a.machine.name, b.machine.name) || cmpDesc(a.envs, b.envs));
  checkPlacement(shapes, demand, out);
  return out.map((r) => ({ machine: r.machine.name, count: r.count, envs: r.envs }));
}

function with_(envs: readonly number[], k: number, v: number): number[] {
  const e = [...envs];
  e[k] = v;
  return e;
}

function cmpDesc(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) - (a[i] ?? 0);
  return 0;
}

/** Every env placed exactly once, no node over capacity in any dimension: a broken one is a bug. */
function checkPlacement(shapes: readonly PackShape[], demand: readonly number[], runs: readonly Run[]): void {
  const placed = shapes.map(() => 0);
  for (const r of runs) {
    if (!fitsCounts(r.machine.capacity, shapes, r.envs)) throw new InternalError(`placement: a ${r.machine.name} node is over capacity`);
    r.envs.forEach((n, k) => {
      placed[k] = (placed[k] ?? 0) + n * r.count;
    });
  }
  placed.forEach((n, k) => {
    if (n !== (demand[k] ?? 0)) throw new InternalError(`placement: shape ${k} placed ${n} times, demand ${demand[k]}`);
  });
}
