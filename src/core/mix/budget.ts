/**
 * The time budget of one engine call. The clock belongs to the solver adapter (`LinearSolver.now`), so
 * the core never reads one itself; a budget only compares two of the adapter's readings. Every MIP is
 * given what is left of its budget (the adapter enforces it with HiGHS' time_limit and a wall-clock
 * interrupt), the lattice search stops when its budget is spent, and a step can hand a share of what is
 * left to a sub-step (`child`). So a whole call stays within about its limit.
 */
import type { LinearModel, LinearSolver, LpAnswer, MipAnswer } from "./solver.js";

/** Counters shared by a budget and all its children. */
interface Counters {
  limitHit: boolean;
  /** How many times a limit stopped something (a caller compares two readings: did this step hit one?). */
  limitHits: number;
  mipRuns: number;
  lpRuns: number;
}

export class Budget {
  private readonly start: number;
  private readonly counters: Counters;
  constructor(
    readonly solver: LinearSolver,
    readonly seconds: number,
    counters?: Counters,
  ) {
    this.start = solver.now();
    this.counters = counters ?? { limitHit: false, limitHits: 0, mipRuns: 0, lpRuns: 0 };
  }

  /** Seconds left (never negative). */
  get left(): number {
    return Math.max(0, this.seconds - (this.solver.now() - this.start));
  }
  get spent(): boolean {
    return this.left <= 0;
  }
  /** A time limit stopped a MIP or the search: plans report their gap instead of "optimal". */
  get limitHit(): boolean {
    return this.counters.limitHit;
  }
  markLimit(): void {
    this.counters.limitHit = true;
    this.counters.limitHits++;
  }
  /** Times a limit stopped a MIP or a search so far (this budget and its children). */
  get limitHits(): number {
    return this.counters.limitHits;
  }
  get mipRuns(): number {
    return this.counters.mipRuns;
  }
  get lpRuns(): number {
    return this.counters.lpRuns;
  }

  /** A sub-budget of `share` of what is left now, with counters of its own (one plan variant). */
  split(share: number): Budget {
    return new Budget(this.solver, this.left * share);
  }

  /** A sub-budget of `share` of what is left now (its counters are this budget's). */
  child(share: number): Budget {
    return new Budget(this.solver, this.left * share, this.counters);
  }

  lp(model: LinearModel): LpAnswer {
    this.counters.lpRuns++;
    return this.solver.solveLp(model);
  }

  /** Solve a MIP with at most `share` of what is left (1 = all of it). */
  mip(model: LinearModel, start: Float64Array | undefined, share = 1): MipAnswer {
    this.counters.mipRuns++;
    const a = this.solver.solveMip(model, { ...(start ? { start } : {}), timeLimitSeconds: this.left * share });
    if (a.status === "limit") this.markLimit();
    return a;
  }
}
