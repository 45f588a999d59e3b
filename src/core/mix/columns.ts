/**
 * Columns of the pattern ILP (docs/packing.md §2.3) and the machine list they refer to. Machines
 * are kept sorted by price (then name), so "the cheapest machine that can hold a pattern" is the first
 * that fits; identical count vectors found on several machine types are merged into one column with
 * that cheapest machine (reduction 2 of §2.3 — getting this wrong made column generation stop early).
 */
import { dims, fitsCounts, type PackMachine, type PackShape, type Vec } from "./instance.js";
import { patternKey } from "./patterns.js";

export interface Column {
  readonly key: string;
  readonly counts: readonly number[];
  /** Index into the sorted machine list. */
  readonly machine: number;
  readonly cost: number;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Machines by price ascending, then name (the canonical order every engine step uses). */
export function sortMachines(machines: readonly PackMachine[]): PackMachine[] {
  return [...machines].sort((a, b) => a.usdPerHour - b.usdPerHour || byName(a.name, b.name));
}

/**
 * Capacity beyond the whole demand can never be used, so it is clipped to Σ_k d_k r_kd per dimension
 * before comparing machines (exact: no pattern changes).
 */
export function effectiveCapacity(m: PackMachine, shapes: readonly PackShape[], demand: readonly number[]): Vec {
  return m.capacity.map((a, d) => {
    let total = 0;
    shapes.forEach((s, k) => {
      total += (demand[k] ?? 0) * (s.request[d] ?? 0);
    });
    return Math.min(a, total);
  });
}

/**
 * Drop dominated machine types (docs/packing.md §2.3 reduction 1): m goes when some m′ offers at least as much
 * in every dimension (after clipping to demand) for no more money. Exact for every variant, pools
 * included: a pool of m can be swapped for one of m′. Equal shape and price: the first in canonical
 * order survives. Machines that fit no shape with demand are dropped too.
 */
export function pruneDominated(sorted: readonly PackMachine[], shapes: readonly PackShape[], demand: readonly number[]): PackMachine[] {
  const eff = sorted.map((m) => effectiveCapacity(m, shapes, demand));
  const fitsAny = sorted.map((m) => shapes.some((s, k) => (demand[k] ?? 0) > 0 && fitsCounts(m.capacity, [s], [1])));
  const keep: PackMachine[] = [];
  sorted.forEach((m, i) => {
    if (!fitsAny[i]) return;
    const a = eff[i] as Vec;
    const dominated = sorted.some((o, j) => {
      if (j === i || !fitsAny[j] || o.usdPerHour > m.usdPerHour) return false;
      const b = eff[j] as Vec;
      for (let d = 0; d < dims; d++) if ((b[d] ?? 0) < (a[d] ?? 0)) return false;
      const same = b.every((v, d) => v === a[d]) && o.usdPerHour === m.usdPerHour;
      return !same || j < i;
    });
    if (!dominated) keep.push(m);
  });
  return keep;
}

/**
 * The survivor of {@link pruneDominated} that stands in for `m`: `m` itself when it survived, else a
 * survivor at least as large in every dimension (after clipping to demand) and no dearer.
 */
export function survivorFor(
  m: PackMachine,
  survivors: readonly PackMachine[],
  shapes: readonly PackShape[],
  demand: readonly number[],
): PackMachine | undefined {
  const a = effectiveCapacity(m, shapes, demand);
  return (
    survivors.find((x) => x.name === m.name) ??
    survivors.find((x) => x.usdPerHour <= m.usdPerHour && effectiveCapacity(x, shapes, demand).every((v, d) => v >= (a[d] ?? 0)))
  );
}

/** Looks up, and remembers, the cheapest machine that holds a count vector. */
export class ColumnPool {
  private readonly byKey = new Map<string, Column>();
  constructor(
    readonly shapes: readonly PackShape[],
    readonly machines: readonly PackMachine[],
  ) {}

  /** The column for `counts` on its cheapest machine, or undefined when no machine holds it. */
  column(counts: readonly number[]): Column | undefined {
    const key = patternKey(counts);
    const known = this.byKey.get(key);
    if (known) return known;
    const m = this.machines.findIndex((x) => fitsCounts(x.capacity, this.shapes, counts));
    if (m < 0) return undefined;
    const col: Column = { key, counts: [...counts], machine: m, cost: (this.machines[m] as PackMachine).usdPerHour };
    this.byKey.set(key, col);
    return col;
  }
}
