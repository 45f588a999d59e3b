/**
 * What the engine needs from an LP/MIP solver, so the core stays pure: the model goes in as typed arrays,
 * the answer comes back as numbers. The adapter (`src/adapters/highs-solver.ts`) implements it with
 * HiGHS compiled to WebAssembly, and owns the clock: each MIP gets a time limit that the adapter
 * enforces with HiGHS' own `time_limit` and a wall-clock interrupt callback.
 */

/** `min cost·x  s.t.  rowLower ≤ A x ≤ rowUpper,  0 ≤ x ≤ colUpper`, A in compressed sparse columns. */
export interface LinearModel {
  readonly numRows: number;
  readonly numCols: number;
  readonly cost: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** 1 = integer, 0 = continuous; absent for an LP. */
  readonly integer?: Int32Array;
}

export interface LpAnswer {
  readonly status: "optimal" | "infeasible" | "failed";
  readonly objective: number;
  readonly x: Float64Array;
  /** Row duals (≥ 0 for the covering rows of a minimisation). */
  readonly duals: Float64Array;
  /** Wall time the solve took, measured by the adapter (the core never reads the clock). */
  readonly seconds: number;
}

export interface MipAnswer {
  /** `optimal`: proven within the gap tolerances; `limit`: stopped by the time limit (or the wall-clock guard). */
  readonly status: "optimal" | "limit" | "infeasible" | "failed";
  /** Best integer solution found (absent when none). */
  readonly x?: Float64Array;
  readonly objective?: number;
  /** HiGHS `mip_dual_bound`: no solution of this model costs less. */
  readonly dualBound: number;
  readonly message?: string;
  /** Wall time the solve took, measured by the adapter. */
  readonly seconds: number;
}

export interface MipOptions {
  /** A feasible start (the heuristic incumbent); HiGHS stalls on symmetric instances without one (docs/packing.md §3.4). */
  readonly start?: Float64Array;
  readonly timeLimitSeconds: number;
}

export interface LinearSolver {
  /** e.g. "HiGHS 1.15.1 (highs 1.15.3, WebAssembly)". */
  readonly name: string;
  solveLp(model: LinearModel): LpAnswer;
  solveMip(model: LinearModel, options: MipOptions): MipAnswer;
  /** The adapter's monotonic clock, in seconds: time limits are measured with it, never by the core. */
  now(): number;
}

/** Build a covering model from columns (each a sparse list of row coefficients). */
export function coverModel(
  numRows: number,
  columns: readonly { readonly cost: number; readonly rows: readonly number[]; readonly values: readonly number[]; readonly upper?: number }[],
  rowLower: readonly number[],
  rowUpper: readonly number[],
  integer: boolean | readonly boolean[],
): LinearModel {
  const n = columns.length;
  const starts = new Int32Array(n + 1);
  let nnz = 0;
  for (const c of columns) nnz += c.rows.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const cost = new Float64Array(n);
  const colUpper = new Float64Array(n);
  let at = 0;
  columns.forEach((c, j) => {
    starts[j] = at;
    cost[j] = c.cost;
    colUpper[j] = c.upper ?? Number.POSITIVE_INFINITY;
    c.rows.forEach((r, i) => {
      indices[at] = r;
      values[at] = c.values[i] ?? 0;
      at++;
    });
  });
  starts[n] = at;
  const base = { numRows, numCols: n, cost, colUpper, rowLower: Float64Array.from(rowLower), rowUpper: Float64Array.from(rowUpper), starts, indices, values };
  if (integer === false) return base;
  const flags = new Int32Array(n);
  for (let j = 0; j < n; j++) flags[j] = integer === true || (Array.isArray(integer) && integer[j]) ? 1 : 0;
  return { ...base, integer: flags };
}

/**
 * The covering model "Σ_j n_jk x_j ≥ d_k for every shape k with demand" over count-vector columns, each
 * with its cost (rows for shapes without demand are left out).
 */
export function demandCoverModel(
  columns: readonly { readonly counts: readonly number[] }[],
  demand: readonly number[],
  cost: (j: number) => number,
  integer: boolean,
): LinearModel {
  const rows = demand.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0);
  return coverModel(
    rows.length,
    columns.map((c, j) => {
      const r: number[] = [];
      const v: number[] = [];
      rows.forEach((k, i) => {
        if ((c.counts[k] ?? 0) > 0) {
          r.push(i);
          v.push(c.counts[k] ?? 0);
        }
      });
      return { cost: cost(j), rows: r, values: v };
    }),
    rows.map((k) => demand[k] ?? 0),
    rows.map(() => Number.POSITIVE_INFINITY),
    integer,
  );
}
