/**
 * The time budget of one engine call, spent from the solve times the solver adapter reports (the core
 * never reads the clock). Every MIP is given what is left, so a whole call stays within about the limit
 * plus one LP; the adapter enforces each MIP's share with HiGHS' time_limit and a wall-clock interrupt.
 */
import type { LinearSolver, LinearModel, LpAnswer, MipAnswer } from "./solver.js";

export class Budget {
  private spent = 0;
  /** A MIP stopped by the limit (the plan then reports its gap instead of "optimal"). */
  limitHit = false;
  mipRuns = 0;
  lpRuns = 0;
  constructor(
    readonly solver: LinearSolver,
    readonly seconds: number,
  ) {}

  get left(): number {
    return Math.max(0, this.seconds - this.spent);
  }

  lp(model: LinearModel): LpAnswer {
    this.lpRuns++;
    const a = this.solver.solveLp(model);
    this.spent += a.seconds;
    return a;
  }

  /** Solve a MIP with at most `share` of what is left (1 = all of it). */
  mip(model: LinearModel, start: Float64Array | undefined, share = 1): MipAnswer {
    this.mipRuns++;
    const a = this.solver.solveMip(model, { ...(start ? { start } : {}), timeLimitSeconds: this.left * share });
    this.spent += a.seconds;
    if (a.status === "limit") this.limitHit = true;
    return a;
  }
}
