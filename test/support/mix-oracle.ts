/**
 * An exact oracle for the mixed-shape packing engine (src/core/mix/), written independently of it: only
 * the instance types are shared. It is the dynamic programme over remaining demand of
 * docs/packing.md §6:
 *
 *   f(0) = 0,   f(d) = min over machines m and count vectors n with 0 ≠ n ≤ d that fit m of  c_m + f(d − n)
 *
 * where "fits m" is Σ_k n_k r_kd ≤ a_md in all four dimensions, checked in BigInt (exact). Every feasible
 * vector is enumerated, not only maximal ones, so no reduction of the engine is assumed. With c_m = 1 the
 * same recursion gives the fewest nodes of one machine type; restricting m to a subset S gives f_S.
 *
 * The table is filled bottom-up over the mixed-radix index of d (index(d − n) = index(d) − index(n) when
 * n ≤ d, so every sub-state comes first): memoisation without recursion.
 *
 * Limits (small instances only; the functions throw beyond them):
 * - the lattice Π_k (D_k + 1) of the largest demand D has at most {@link maxStates} states; the work is
 *   Σ_{d ≤ D} Π_k (d_k + 1) per machine subset, about 91 000 steps for 3 shapes × demand 8;
 * - at most {@link maxMachines} machine types (pool-limited variants enumerate subsets);
 * - requests and capacities are non-negative safe integers.
 * Costs are sums of floating prices; compare them with {@link sameCost} (relative 1e-9), never with ===.
 */
import type { PackGroup, PackInstance, PackMachine, PackShape } from "../../src/core/mix/instance.js";

export const maxStates = 5000;
export const maxMachines = 6;

/** Relative tolerance for comparing costs (prices are sums of a few 4-decimal numbers). */
export const costTolerance = 1e-9;

/** |a − b| ≤ 1e-9 · max(|a|, |b|); two infinities are equal. */
export function sameCost(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= costTolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** a ≤ b up to the cost tolerance. */
export function costAtMost(a: number, b: number): boolean {
  return a <= b || sameCost(a, b);
}

/** The lattice of count vectors 0 ≤ n ≤ top, indexed in mixed radix (shape 0 least significant). */
class Lattice {
  readonly radix: number[];
  readonly stride: number[];
  readonly size: number;
  constructor(readonly top: readonly number[]) {
    this.radix = top.map((t) => t + 1);
    this.stride = [];
    let s = 1;
    for (const r of this.radix) {
      this.stride.push(s);
      s *= r;
    }
    this.size = s;
    if (s > maxStates) throw new Error(`mix-oracle: ${s} demand states exceed the oracle's limit of ${maxStates}`);
  }
  digits(i: number): number[] {
    return this.radix.map((r, k) => Math.floor(i / (this.stride[k] as number)) % r);
  }
  index(n: readonly number[]): number {
    return n.reduce((s, v, k) => s + v * (this.stride[k] as number), 0);
  }
  /** Calls `visit(j)` for the index of every vector 0 ≤ n ≤ digits (including 0 and digits itself). */
  forEachBelow(digits: readonly number[], visit: (j: number) => void): void {
    const K = digits.length;
    const n = new Array<number>(K).fill(0);
    let j = 0;
    for (;;) {
      visit(j);
      let k = 0;
      while (k < K) {
        if ((n[k] as number) < (digits[k] as number)) {
          n[k] = (n[k] as number) + 1;
          j += this.stride[k] as number;
          break;
        }
        j -= (n[k] as number) * (this.stride[k] as number);
        n[k] = 0;
        k++;
      }
      if (k === K) return;
    }
  }
}

function checkInputs(shapes: readonly PackShape[], machines: readonly PackMachine[], demands: readonly (readonly number[])[]): void {
  if (machines.length > maxMachines) throw new Error(`mix-oracle: ${machines.length} machine types exceed the oracle's limit of ${maxMachines}`);
  const ints = [...shapes.flatMap((s) => s.request), ...machines.flatMap((m) => m.capacity), ...demands.flat()];
  for (const v of ints) if (!Number.isSafeInteger(v) || v < 0) throw new Error(`mix-oracle: ${v} is not a non-negative safe integer`);
  // 4 (cpu, memory, pods, volumes) or 5 (… and ephemeral storage, issue 16): a missing fifth is 0.
  for (const s of shapes)
    if (s.request.length < 4 || s.request.length > oracleDims) throw new Error(`mix-oracle: shape ${s.name} needs 4 or 5 request dimensions`);
  for (const m of machines)
    if (m.capacity.length < 4 || m.capacity.length > oracleDims) throw new Error(`mix-oracle: machine ${m.name} needs 4 or 5 capacity dimensions`);
}

/** Dimensions the oracle checks: cpu, memory, pods, volumes, ephemeral storage (written out here, not read from src/). */
export const oracleDims = 5;

/** Σ_k n_k r_kd ≤ a_d for every dimension, in BigInt (a dimension a vector lacks is 0). */
export function fitsExactly(shapes: readonly PackShape[], n: readonly number[], capacity: readonly number[]): boolean {
  for (let d = 0; d < oracleDims; d++) {
    let used = 0n;
    shapes.forEach((s, k) => {
      used += BigInt(n[k] ?? 0) * BigInt(s.request[d] ?? 0);
    });
    if (used > BigInt(capacity[d] ?? 0)) return false;
  }
  return true;
}

/**
 * The DP of the header for every demand 0 ≤ d ≤ top at once, over machines `machines` with node prices
 * `price(m)`. Returns the table f (Infinity where the demand cannot be covered).
 */
class Table {
  readonly lattice: Lattice;
  /** fits[m][j]: pattern j fits machine m. */
  private readonly fits: boolean[][];
  constructor(
    readonly shapes: readonly PackShape[],
    top: readonly number[],
    readonly machines: readonly PackMachine[],
  ) {
    this.lattice = new Lattice(top);
    this.fits = machines.map((m) => {
      const row: boolean[] = [];
      for (let j = 0; j < this.lattice.size; j++) row.push(fitsExactly(shapes, this.lattice.digits(j), m.capacity));
      return row;
    });
  }

  /** f over the machines whose indices are in `members`, each node priced by `price`. */
  solve(members: readonly number[], price: (m: PackMachine) => number): Float64Array {
    const L = this.lattice;
    // Cheapest node among `members` that holds pattern j (Infinity if none).
    const patternCost = new Float64Array(L.size).fill(Number.POSITIVE_INFINITY);
    for (const mi of members) {
      const m = this.machines[mi] as PackMachine;
      const row = this.fits[mi] as boolean[];
      const c = price(m);
      for (let j = 1; j < L.size; j++) if (row[j] && c < (patternCost[j] as number)) patternCost[j] = c;
    }
    const f = new Float64Array(L.size).fill(Number.POSITIVE_INFINITY);
    f[0] = 0;
    for (let i = 1; i < L.size; i++) {
      let best = Number.POSITIVE_INFINITY;
      L.forEachBelow(L.digits(i), (j) => {
        if (j === 0) return;
        const v = (patternCost[j] as number) + (f[i - j] as number);
        if (v < best) best = v;
      });
      f[i] = best;
    }
    return f;
  }

  at(f: Float64Array, demand: readonly number[]): number {
    return f[this.lattice.index(demand)] as number;
  }
}

/** Per shape, the largest demand of any group (the lattice that holds every group's demand). */
function topOf(shapes: readonly PackShape[], groups: readonly Pick<PackGroup, "demand">[]): number[] {
  return shapes.map((_, k) => Math.max(0, ...groups.map((g) => g.demand[k] ?? 0)));
}

function tableFor(instance: PackInstance): Table {
  checkInputs(
    instance.shapes,
    instance.machines,
    instance.groups.map((g) => g.demand),
  );
  return new Table(instance.shapes, topOf(instance.shapes, instance.groups), instance.machines);
}

/** Non-empty subsets of {0 … M−1} with at most `p` members. */
function subsets(M: number, p: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << M; mask++) {
    const members = [...Array(M).keys()].filter((i) => (mask >> i) & 1);
    if (members.length <= p) out.push(members);
  }
  return out;
}

const groupSum = (table: Table, f: Float64Array, groups: readonly PackGroup[]): number =>
  groups.reduce((s, g) => s + g.multiplicity * table.at(f, g.demand), 0);

/** No pool limit: Σ_g multiplicity_g × f(d_g) (zone groups are independent). Infinity when uncoverable. */
export function oracleInstanceCost(instance: PackInstance): number {
  const t = tableFor(instance);
  return groupSum(
    t,
    t.solve([...instance.machines.keys()], (m) => m.usdPerHour),
    instance.groups,
  );
}

/**
 * At most `p` machine types, the same set for every group (a pool spans the zones):
 * min over subsets S, |S| ≤ p, of Σ_g multiplicity_g × f_S(d_g).
 */
export function oracleInstanceMaxPools(instance: PackInstance, p: number): number {
  const t = tableFor(instance);
  let best = Number.POSITIVE_INFINITY;
  for (const s of subsets(instance.machines.length, p))
    best = Math.min(
      best,
      groupSum(
        t,
        t.solve(s, (m) => m.usdPerHour),
        instance.groups,
      ),
    );
  return best;
}

/** One machine type for every group: min over m of c_m × Σ_g multiplicity_g × nodes_m(d_g). */
export function oracleInstanceOnePool(instance: PackInstance): number {
  const t = tableFor(instance);
  let best = Number.POSITIVE_INFINITY;
  instance.machines.forEach((m, mi) => {
    const nodes = t.solve([mi], () => 1);
    best = Math.min(best, m.usdPerHour * groupSum(t, nodes, instance.groups));
  });
  return best;
}

const single = (shapes: readonly PackShape[], demand: readonly number[], machines: readonly PackMachine[]): PackInstance => ({
  shapes,
  machines,
  groups: [{ demand, multiplicity: 1, zones: [] }],
});

/**
 * f(demand) over `machines` (no pool limit). Infinity when some env fits no machine. Passing a subset of
 * a catalog gives the DP restricted to those machine types (f_S).
 */
export function oracleCost(shapes: readonly PackShape[], demand: readonly number[], machines: readonly PackMachine[]): number {
  return oracleInstanceCost(single(shapes, demand, machines));
}

/** Fewest nodes of one machine type for `demand` (the DP with cost 1 per node). Infinity when some env does not fit. */
export function oracleNodes(shapes: readonly PackShape[], demand: readonly number[], machine: PackMachine): number {
  checkInputs(shapes, [machine], [demand]);
  const t = new Table(shapes, demand, [machine]);
  return t.at(
    t.solve([0], () => 1),
    demand,
  );
}

/** min over m of c_m × oracleNodes(m). */
export function oracleOnePool(shapes: readonly PackShape[], demand: readonly number[], machines: readonly PackMachine[]): number {
  return oracleInstanceOnePool(single(shapes, demand, machines));
}

/** min over subsets of at most `p` machine types of the restricted DP. */
export function oracleMaxPools(shapes: readonly PackShape[], demand: readonly number[], machines: readonly PackMachine[], p: number): number {
  return oracleInstanceMaxPools(single(shapes, demand, machines), p);
}
