/**
 * Charts of a plan for the library and notebooks (issue 14): the data of every chart of `cc-plan report`
 * from raw input, planned exactly as {@link plan} plans it. Draw them with renderCostCurveSvg,
 * renderCapacitySvg and renderCostBreakdownSvg (src/emit/charts/svg.ts).
 */
import { type PlanChartData, planChartData } from "./adapters/plan-charts.js";
import type { CostCurveOptions } from "./core/charts/sweep.js";
import type { PlanDocument } from "./core/planner/document.js";
import type { RawRequest } from "./core/planner/request.js";
import { type PlanCallOptions, planPrepared, prepare } from "./plan.js";

/** A plan document and the data of its charts. */
export interface PlanCharts extends PlanChartData {
  /** The plan document, the same as `await plan(input)` (and `cc-plan … --json`) for the same input. */
  readonly plan: PlanDocument;
}

/**
 * Plan `input` (as {@link plan}) and compute its charts' data:
 * - `costCurves`: per provider, the monthly bill and nodes at peak of the recommended machine type and the
 *   leading alternatives (`options.machineTypes`, default 3) for total peaks from 1 to 1.5 × the plan's
 *   peak (`options.points`, default 40 for one env shape, 12 for a mix, which keeps its proportions); each
 *   point is a whole plan with that type named (`--machine TYPE`), searched for at most
 *   `options.timeLimitSeconds` when there are several shapes (default 0: the heuristic plan, deterministic);
 * - `capacity`: per pool of each recommended plan, one node's CPU (millicores) and memory (bytes) cut into
 *   kernel, kube + system reserved, eviction threshold, DaemonSets, envs and stranded;
 * - `costBreakdown`: per provider, the recommended plan's monthly bill, line by line.
 *
 * @example
 * const c = await planCharts({ peak: 60, env: "4cpu16g", provider: "gcp" });
 * const svg = await renderCostCurveSvg(c.costCurves[0]);
 */
export async function planCharts(input: RawRequest, options: PlanCallOptions & CostCurveOptions = {}): Promise<PlanCharts> {
  const { req, priced, dir } = prepare(input, options);
  const doc = await planPrepared(req, priced, dir);
  const curveOptions: CostCurveOptions = {
    ...(options.machineTypes === undefined ? {} : { machineTypes: options.machineTypes }),
    ...(options.points === undefined ? {} : { points: options.points }),
    ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
  };
  return { plan: doc, ...(await planChartData(doc, req, priced, dir, curveOptions)) };
}
