/**
 * Exact search for the covering ILP with few rows (one per env shape), when branch-and-bound struggles:
 * HiGHS needed 48 s to prove a 4-shape, 918-column instance that this search closes in well under a
 * second (README "Speed"). It is A* over the lattice of remaining demand (docs/packing.md §6 describes the same
 * recursion as a test oracle, f(d) = min_j c_j + f((d − n_j)^+)):
 *
 * - a state is the demand still uncovered, d; a step uses one node of column j: d → (d − n_j)^+ at c_j;
 * - the heuristic is h(d) = π·d with duals π ≥ 0 feasible for every column (c_j ≥ π·n_j, column
 *   generation's scaled duals). It is admissible — any cover of d costs Σ c_j x_j ≥ π·Σ n_j x_j ≥ π·d —
 *   and consistent: π·d − π·(d − n_j)^+ = π·min(d, n_j) ≤ π·n_j ≤ c_j;
 * - columns with reduced cost c_j − π·n_j above UB − π·D cannot be in a plan cheaper than UB (the same
 *   argument as reduced-cost fixing), so the caller passes the filtered set;
 * - the search stops when the cheapest open state's f = g + h reaches the incumbent (then the incumbent is
 *   optimal), after a fixed amount of work, or when the caller's time budget is spent; the cheapest
 *   open f is then a valid lower bound.
 */

export interface SearchColumn {
  readonly counts: readonly number[];
  readonly cost: number;
}

export interface CoverSearchResult {
  /** Column index → nodes, when the search found a plan cheaper than the incumbent. */
  readonly counts?: ReadonlyMap<number, number>;
  readonly cost: number;
  readonly lowerBound: number;
  readonly optimal: boolean;
  readonly expanded: number;
  /** Stopped by the time budget or the work cap before the proof. */
  readonly stopped?: boolean;
}

/** Default work budget: column evaluations (≈ 0.1–0.3 s of one core on this machine). */
export const defaultSearchWork = 40_000_000;

/** A binary min-heap of (f, g, state) in growable typed arrays. */
class Heap {
  private f: Float64Array = new Float64Array(1024);
  private g: Float64Array = new Float64Array(1024);
  private s: Float64Array = new Float64Array(1024);
  size = 0;
  minF(): number {
    return this.size > 0 ? (this.f[0] as number) : Number.POSITIVE_INFINITY;
  }
  push(f: number, g: number, s: number): void {
    if (this.size === this.f.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.f = grow(this.f);
      this.g = grow(this.g);
      this.s = grow(this.s);
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.f[p] as number) <= f) break;
      this.f[i] = this.f[p] as number;
      this.g[i] = this.g[p] as number;
      this.s[i] = this.s[p] as number;
      i = p;
    }
    this.f[i] = f;
    this.g[i] = g;
    this.s[i] = s;
  }
  /** Pop the minimum into `out` = [f, g, state]. */
  pop(out: Float64Array): void {
    out[0] = this.f[0] as number;
    out[1] = this.g[0] as number;
    out[2] = this.s[0] as number;
    const n = --this.size;
    if (n === 0) return;
    const f = this.f[n] as number;
    const g = this.g[n] as number;
    const s = this.s[n] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && (this.f[r] as number) < (this.f[l] as number) ? r : l;
      if ((this.f[m] as number) >= f) break;
      this.f[i] = this.f[m] as number;
      this.g[i] = this.g[m] as number;
      this.s[i] = this.s[m] as number;
      i = m;
    }
    this.f[i] = f;
    this.g[i] = g;
    this.s[i] = s;
  }
}

export interface CoverSearchOptions {
  /** Most column evaluations. @defaultValue {@link defaultSearchWork} */
  readonly work?: number;
  /** Asked every 256 expansions; true stops the search (the time budget is spent). */
  readonly shouldStop?: () => boolean;
}

/**
 * Cheapest cover of `demand` by `columns` (each usable any number of times), given an incumbent of cost
 * `upper` and dual-feasible `duals`. Returns undefined when the demand lattice is too large to index.
 */
export function coverSearch(
  columns: readonly SearchColumn[],
  demand: readonly number[],
  duals: readonly number[],
  upper: number,
  options: CoverSearchOptions = {},
): CoverSearchResult | undefined {
  const work = options.work ?? defaultSearchWork;
  const K = demand.length;
  const stride = new Float64Array(K);
  let size = 1;
  for (let k = 0; k < K; k++) {
    stride[k] = size;
    size *= (demand[k] ?? 0) + 1;
    if (size > 2 ** 52) return undefined;
  }
  const radix = Float64Array.from(demand, (d) => d + 1);
  // A hair below π so float rounding never makes h inadmissible.
  const pi = Float64Array.from(duals, (p) => Math.max(0, p) * (1 - 1e-9));
  const start = demand.reduce((s, d, k) => s + d * (stride[k] ?? 0), 0);
  // Columns as flat typed arrays in order of reduced cost c_j − π·n_j: a step on column j raises
  // g + π·d by at least that much (c_j − π·min(d, n_j) ≥ c_j − π·n_j), so a state stops scanning at the
  // first column that cannot beat the incumbent. Dominated columns (another covers at least as much of
  // every shape for no more money) are dropped: they are never needed.
  const rcOf = (c: SearchColumn): number => c.cost - c.counts.reduce((t, n, k) => t + n * (pi[k] ?? 0), 0);
  const kept = dominanceFilter(columns, K).sort((a, b) => rcOf(columns[a] as SearchColumn) - rcOf(columns[b] as SearchColumn) || a - b);
  const C = kept.length;
  const cnt = new Int32Array(C * K);
  const cost = new Float64Array(C);
  const rc = new Float64Array(C);
  kept.forEach((j, i) => {
    const c = columns[j] as SearchColumn;
    for (let k = 0; k < K; k++) cnt[i * K + k] = c.counts[k] ?? 0;
    cost[i] = c.cost;
    rc[i] = rcOf(c);
  });
  // g-values and parents: typed arrays when the lattice is small, Maps otherwise.
  const dense = size <= 2 ** 24;
  const gDense = dense ? new Float64Array(size).fill(Number.POSITIVE_INFINITY) : undefined;
  const fromDense = dense ? new Float64Array(size) : undefined;
  const colDense = dense ? new Int32Array(size) : undefined;
  const gMap = new Map<number, number>();
  const parentMap = new Map<number, [number, number]>();
  const getG = (key: number): number => (gDense ? (gDense[key] as number) : (gMap.get(key) ?? Number.POSITIVE_INFINITY));
  const setState = (key: number, g: number, from: number, j: number): void => {
    if (gDense && fromDense && colDense) {
      gDense[key] = g;
      fromDense[key] = from;
      colDense[key] = j;
    } else {
      gMap.set(key, g);
      parentMap.set(key, [from, j]);
    }
  };
  const parentOf = (key: number): [number, number] | undefined =>
    fromDense && colDense ? [fromDense[key] as number, colDense[key] as number] : parentMap.get(key);
  if (gDense) gDense[start] = 0;
  else gMap.set(start, 0);
  // Branch only on columns that hold the first still-uncovered shape, in a fixed order of fewest
  // covering columns: every cover of d has such a column, and the order in which a multiset of nodes is
  // applied does not change it, so no plan is lost.
  const allColumns = Int32Array.from({ length: C }, (_, i) => i);
  const byShape = demand.map((_, k) => allColumns.filter((j) => (cnt[j * K + k] as number) > 0));
  const shapeOrder = demand.map((_, k) => k).sort((a, b) => (byShape[a]?.length ?? 0) - (byShape[b]?.length ?? 0) || a - b);
  const heap = new Heap();
  const top = new Float64Array(3);
  const digits = new Int32Array(K);
  let h0 = 0;
  for (let k = 0; k < K; k++) h0 += (pi[k] as number) * (demand[k] ?? 0);
  heap.push(h0, 0, start);
  let bestCost = upper;
  let limit = bestCost * (1 - 1e-12);
  let bestEnd: { from: number; column: number } | undefined;
  let expanded = 0;
  let spent = 0;
  let stopped = false;
  while (heap.size > 0) {
    if (heap.minF() >= limit || spent > work) break;
    if ((expanded & 255) === 255 && options.shouldStop?.()) {
      stopped = true;
      break;
    }
    heap.pop(top);
    const g = top[1] as number;
    const s = top[2] as number;
    if (g > getG(s)) continue; // stale entry
    expanded++;
    let hPi = 0;
    let first = -1;
    for (let k = 0; k < K; k++) {
      digits[k] = Math.floor(s / (stride[k] as number)) % (radix[k] as number);
      hPi += (pi[k] as number) * (digits[k] as number);
    }
    for (const k of shapeOrder)
      if ((digits[k] as number) > 0) {
        first = k;
        break;
      }
    const candidates = byShape[first] ?? allColumns;
    const room = limit - (g + hPi);
    for (let t = 0; t < candidates.length; t++) {
      const j = candidates[t] as number;
      if ((rc[j] as number) >= room) break;
      spent += K;
      const g2 = g + (cost[j] as number);
      let next = 0;
      let hn = 0;
      const base = j * K;
      for (let k = 0; k < K; k++) {
        const left = (digits[k] as number) - (cnt[base + k] as number);
        if (left > 0) {
          next += left * (stride[k] as number);
          hn += (pi[k] as number) * left;
        }
      }
      if (next === s || g2 + hn >= limit) continue;
      if (next === 0) {
        bestCost = g2;
        limit = bestCost * (1 - 1e-12);
        bestEnd = { from: s, column: j };
        continue;
      }
      if (g2 >= getG(next)) continue;
      setState(next, g2, s, j);
      heap.push(g2 + hn, g2, next);
    }
  }
  const openMin = heap.size > 0 ? heap.minF() : Number.POSITIVE_INFINITY;
  const optimal = openMin >= bestCost * (1 - 1e-12);
  const lowerBound = Math.min(bestCost, openMin);
  let counts: Map<number, number> | undefined;
  if (bestEnd) {
    counts = new Map();
    const add = (i: number): void => {
      const j = kept[i] as number;
      counts?.set(j, (counts.get(j) ?? 0) + 1);
    };
    add(bestEnd.column);
    let s = bestEnd.from;
    while (s !== start) {
      const p = parentOf(s);
      if (!p) return { cost: upper, lowerBound: Math.max(0, lowerBound), optimal: false, expanded };
      add(p[1]);
      s = p[0];
    }
  }
  return { ...(counts ? { counts } : {}), cost: bestCost, lowerBound, optimal, expanded, stopped: stopped || (!optimal && spent > work) };
}

/**
 * Indices of the columns worth keeping: column j goes when another column i has counts_i ≥ counts_j in
 * every shape and cost_i ≤ cost_j; of equal ones the first
 * stays. Quadratic, so only for up to 1,500 columns (all are kept beyond that).
 */
function dominanceFilter(columns: readonly SearchColumn[], K: number): number[] {
  const C = columns.length;
  if (C > 1500) return columns.map((_, j) => j);
  const keep: number[] = [];
  for (let j = 0; j < C; j++) {
    const cj = columns[j] as SearchColumn;
    let dominated = false;
    for (let i = 0; i < C && !dominated; i++) {
      if (i === j) continue;
      const ci = columns[i] as SearchColumn;
      if (ci.cost > cj.cost) continue;
      let ge = true;
      let equal = ci.cost === cj.cost;
      for (let k = 0; k < K && ge; k++) {
        const a = ci.counts[k] ?? 0;
        const b = cj.counts[k] ?? 0;
        if (a < b) ge = false;
        else if (a !== b) equal = false;
      }
      if (ge && (!equal || i < j)) dominated = true;
    }
    if (!dominated) keep.push(j);
  }
  return keep;
}
