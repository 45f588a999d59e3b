/**
 * Exact search for the covering ILP with few rows (one per env shape), when branch-and-bound struggles:
 * HiGHS needed 48 s to prove a 4-shape, 918-column instance that this search closes in well under a
 * second (README "Speed"). It is A* over the lattice of remaining demand (packing.md §6 describes the same
 * recursion as a test oracle, f(d) = min_j c_j + f((d − n_j)^+)):
 *
 * - a state is the demand still uncovered, d; a step uses one node of column j: d → (d − n_j)^+ at c_j;
 * - the heuristic is h(d) = π·d with duals π ≥ 0 feasible for every column (c_j ≥ π·n_j, column
 *   generation's scaled duals). It is admissible — any cover of d costs Σ c_j x_j ≥ π·Σ n_j x_j ≥ π·d —
 *   and consistent: π·d − π·(d − n_j)^+ = π·min(d, n_j) ≤ π·n_j ≤ c_j;
 * - columns with reduced cost c_j − π·n_j above UB − π·D cannot be in a plan cheaper than UB (the same
 *   argument as reduced-cost fixing), so the caller passes the filtered set;
 * - the search stops when the cheapest open state's f = g + h reaches the incumbent (then the incumbent is
 *   optimal), or after a fixed amount of work; the cheapest open f is then a valid lower bound.
 * Deterministic: the work budget counts column evaluations, not seconds.
 */

export interface SearchColumn {
  readonly counts: readonly number[];
  readonly cost: number;
  /** The machine type (node pool) of the column; needed with `maxPools`. */
  readonly machine?: number;
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

/**
 * Cheapest cover of `demand` by `columns` (each usable any number of times), given an incumbent of cost
 * `upper` and dual-feasible `duals`. Returns undefined when the demand lattice is too large to index.
 */
export interface CoverSearchOptions {
  /** Most column evaluations. @defaultValue {@link defaultSearchWork} */
  readonly work?: number;
  /** At most this many distinct `machine` values on the path (node pools). */
  readonly maxPools?: number;
  /**
   * Duals feasible for the columns of one full pool set (the LP restricted to those machine types); a
   * full set's states then use h = max(π·d, π_S·d), which is admissible because only those types remain.
   * Computed when a state of the set is first expanded; undefined = no better bound.
   */
  readonly fullSetDuals?: (machines: readonly number[]) => readonly number[] | undefined;
  /** Asked every 256 expansions; true stops the search (the time budget is spent). */
  readonly shouldStop?: () => boolean;
}

export function coverSearch(columns: readonly SearchColumn[], demand: readonly number[], duals: readonly number[], upper: number, options: CoverSearchOptions = {}): CoverSearchResult | undefined {
  const { maxPools, fullSetDuals, shouldStop } = options;
  const work = options.work ?? defaultSearchWork;
  const K = demand.length;
  const stride: number[] = [];
  let size = 1;
  for (let k = 0; k < K; k++) {
    stride.push(size);
    size *= (demand[k] ?? 0) + 1;
    if (size > 2 ** 52) return undefined;
  }
  // A hair below π so float rounding never makes h inadmissible.
  const pi = duals.map((p) => Math.max(0, p) * (1 - 1e-9));
  const h = (lattice: number): number => {
    let v = 0;
    for (let k = 0; k < K; k++) v += (pi[k] ?? 0) * (Math.floor(lattice / (stride[k] ?? 1)) % ((demand[k] ?? 0) + 1));
    return v;
  };
  // With a pool limit a state is (remaining demand, set of machine types used so far), |set| ≤ maxPools;
  // sets get small integer ids as they appear, and the key is lattice index + size × set id.
  let overflow = false;
  const setDuals = new Map<number, number[] | null>();
  const setIds = new Map<string, number>([["", 0]]);
  const sets: number[][] = [[]];
  const union = new Map<number, number>();
  const withMachine = (set: number, m: number): number => {
    const key = set * 1_000_003 + m;
    const known = union.get(key);
    if (known !== undefined) return known;
    const members = sets[set] as number[];
    let id = set;
    if (!members.includes(m)) {
      if (members.length >= (maxPools ?? Number.POSITIVE_INFINITY)) id = -1;
      else if (sets.length >= 2 ** 20) {
        overflow = true;
        id = -1;
      }
      else {
        const next = [...members, m].sort((a, b) => a - b);
        const text = next.join(",");
        id = setIds.get(text) ?? sets.length;
        if (id === sets.length) {
          setIds.set(text, id);
          sets.push(next);
        }
      }
    }
    union.set(key, id);
    return id;
  };
  if (maxPools !== undefined && size * 2 ** 20 > 2 ** 52) return undefined;
  const start = demand.reduce((s, d, k) => s + d * (stride[k] ?? 0), 0);
  // Columns as flat typed arrays; a column another one beats (covers at least as much of every shape, on
  // the same machine type when pools are limited, for no more money) is dropped: it is never needed.
  // Columns in order of reduced cost c_j − π·n_j: a step on column j raises g + π·d by at least that much
  // (c_j − π·min(d, n_j) ≥ c_j − π·n_j), so a state stops scanning at the first column that cannot beat
  // the incumbent.
  const rcOf = (c: SearchColumn): number => c.cost - c.counts.reduce((t, n, k) => t + n * (pi[k] ?? 0), 0);
  const kept = dominanceFilter(columns, K, maxPools !== undefined).sort((a, b) => rcOf(columns[a] as SearchColumn) - rcOf(columns[b] as SearchColumn) || a - b);
  const C = kept.length;
  const cnt = new Int32Array(C * K);
  const cost = new Float64Array(C);
  const mach = new Int32Array(C);
  const rc = new Float64Array(C);
  kept.forEach((j, i) => {
    const c = columns[j] as SearchColumn;
    for (let k = 0; k < K; k++) cnt[i * K + k] = c.counts[k] ?? 0;
    cost[i] = c.cost;
    mach[i] = c.machine ?? 0;
    rc[i] = rcOf(c);
  });
  const radix = Float64Array.from(demand, (d) => d + 1);
  const strideA = Float64Array.from(stride);
  const piA = Float64Array.from(pi);
  // g-values: a typed array when the state space is small, a Map otherwise.
  const dense = maxPools === undefined && size <= 2 ** 24 ? new Float64Array(size).fill(Number.POSITIVE_INFINITY) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  const getG = (key: number): number => (dense ? (dense[key] as number) : (sparse?.get(key) ?? Number.POSITIVE_INFINITY));
  const setG = (key: number, v: number): void => {
    if (dense) dense[key] = v;
    else sparse?.set(key, v);
  };
  setG(start, 0);
  // Parents for reconstructing the plan: typed arrays in the dense case, a Map otherwise.
  const parentState = dense ? new Float64Array(size) : undefined;
  const parentColumn = dense ? new Int32Array(size) : undefined;
  const parentMap = dense ? undefined : new Map<number, [number, number]>();
  const setParent = (key: number, from: number, j: number): void => {
    if (parentState && parentColumn) {
      parentState[key] = from;
      parentColumn[key] = j;
    } else parentMap?.set(key, [from, j]);
  };
  const parentOf = (key: number): [number, number] | undefined =>
    parentState && parentColumn ? [parentState[key] as number, parentColumn[key] as number] : parentMap?.get(key);
  const heap = new Heap();
  const top = new Float64Array(3);
  heap.push(h(start), 0, start);
  let bestCost = upper;
  let bestEnd: { from: number; column: number } | undefined;
  let expanded = 0;
  let spent = 0;
  let stopped = false;
  const digits = new Int32Array(K);
  const allColumns = Int32Array.from({ length: C }, (_, i) => i);
  const byMachine = new Map<number, number[]>();
  for (let i = 0; i < C; i++) {
    const m = mach[i] as number;
    const list = byMachine.get(m);
    if (list) list.push(i);
    else byMachine.set(m, [i]);
  }
  const memberColumns = new Map<number, Int32Array>();
  // Per shape, the columns holding it (rc order), and the shapes by how few columns hold them.
  const byShape = demand.map((_, k) => allColumns.filter((j) => (cnt[j * K + k] as number) > 0));
  const shapeOrder = demand.map((_, k) => k).sort((a, b) => (byShape[a]?.length ?? 0) - (byShape[b]?.length ?? 0) || a - b);
  let limit = bestCost * (1 - 1e-12);
  const stop = (v: number): boolean => v >= limit;
  // Per set, the set reached by adding each machine type (−1: over the pool limit), filled lazily.
  const nextSets = new Map<number, Int32Array>();
  const maxMachine = C === 0 ? 0 : Math.max(...mach) + 1;
  while (heap.size > 0) {
    if (stop(heap.minF()) || spent > work) break;
    if ((expanded & 255) === 255 && shouldStop?.()) {
      stopped = true;
      break;
    }
    heap.pop(top);
    const f = top[0] as number;
    const g = top[1] as number;
    const s = top[2] as number;
    if (g > getG(s)) continue; // stale entry
    const lattice = s % size;
    const set = (s - lattice) / size;
    for (let k = 0; k < K; k++) digits[k] = Math.floor(lattice / (strideA[k] as number)) % (radix[k] as number);
    const full = maxPools !== undefined && (sets[set]?.length ?? 0) >= maxPools;
    // A full set's restricted-LP duals, computed once when the set is first met; the state goes back
    // into the queue if its f rises (the heuristic stays admissible; states may be reopened).
    let sd: number[] | null | undefined;
    if (full && fullSetDuals) {
      sd = setDuals.get(set);
      if (sd === undefined) {
        const d = fullSetDuals(sets[set] as number[]);
        sd = d ? d.map((p) => Math.max(0, p) * (1 - 1e-9)) : null;
        setDuals.set(set, sd);
        spent += 1000 * K;
      }
      if (sd) {
        let hs = 0;
        for (let k = 0; k < K; k++) hs += (sd[k] as number) * (digits[k] as number);
        if (g + hs > f * (1 + 1e-12)) {
          if (!stop(g + hs)) heap.push(g + hs, g, s);
          continue;
        }
      }
    }
    expanded++;
    // Branch only on columns that hold the first still-uncovered shape (in the fixed order of fewest
    // covering columns): every cover of d has such a column, and the order in which a multiset of
    // nodes is applied does not change it, so no plan is lost. A full pool set continues with its own
    // machine types' columns only.
    let first = -1;
    for (const k of shapeOrder) if ((digits[k] as number) > 0) {
      first = k;
      break;
    }
    let candidates: Int32Array = byShape[first] ?? allColumns;
    if (full) {
      const cacheKey = set * K + first;
      let mc = memberColumns.get(cacheKey);
      if (!mc) {
        const own = new Set((sets[set] as number[]).flatMap((m) => byMachine.get(m) ?? []));
        mc = candidates.filter((j) => own.has(j));
        memberColumns.set(cacheKey, mc);
      }
      candidates = mc;
    }
    let hPi = 0;
    for (let k = 0; k < K; k++) hPi += (piA[k] as number) * (digits[k] as number);
    const room = limit - (g + hPi);
    let ns: Int32Array | undefined;
    if (maxPools !== undefined && !full) {
      ns = nextSets.get(set);
      if (!ns) {
        ns = new Int32Array(maxMachine).fill(-2);
        nextSets.set(set, ns);
      }
    }
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
          next += left * (strideA[k] as number);
          hn += (piA[k] as number) * left;
        }
      }
      if (next === lattice || g2 + hn >= limit) continue;
      let nextSet = set;
      if (ns) {
        const m = mach[j] as number;
        nextSet = ns[m] as number;
        if (nextSet === -2) {
          nextSet = withMachine(set, m);
          ns[m] = nextSet;
        }
        if (nextSet < 0) continue;
      }
      if (next === 0) {
        bestCost = g2;
        limit = bestCost * (1 - 1e-12);
        bestEnd = { from: s, column: j };
        continue;
      }
      const key = next + size * nextSet;
      if (g2 >= (dense ? (dense[key] as number) : (sparse?.get(key) ?? Number.POSITIVE_INFINITY))) continue;
      let hs = hn;
      const nsd = sd !== undefined && nextSet === set ? sd : setDuals.get(nextSet);
      if (nsd) {
        let v = 0;
        for (let k = 0; k < K; k++) {
          const left = (digits[k] as number) - (cnt[base + k] as number);
          if (left > 0) v += (nsd[k] as number) * left;
        }
        if (v > hs) hs = v;
        if (stop(g2 + hs)) continue;
      }
      setG(key, g2);
      setParent(key, s, j);
      heap.push(g2 + hs, g2, key);
    }
  }
  const openMin = heap.size > 0 ? heap.minF() : Number.POSITIVE_INFINITY;
  const optimal = !overflow && openMin >= bestCost * (1 - 1e-12);
  const lowerBound = Math.min(bestCost, openMin, Number.POSITIVE_INFINITY);
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
 * every shape and cost_i ≤ cost_j (on the same machine type when `sameMachine`); of equal ones the first
 * stays. Quadratic, so only for up to 1,500 columns (all are kept beyond that).
 */
function dominanceFilter(columns: readonly SearchColumn[], K: number, sameMachine: boolean): number[] {
  const C = columns.length;
  if (C > 1500) return columns.map((_, j) => j);
  const keep: number[] = [];
  for (let j = 0; j < C; j++) {
    const cj = columns[j] as SearchColumn;
    let dominated = false;
    for (let i = 0; i < C && !dominated; i++) {
      if (i === j) continue;
      const ci = columns[i] as SearchColumn;
      if (ci.cost > cj.cost || (sameMachine && ci.machine !== cj.machine)) continue;
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
