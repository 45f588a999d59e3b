/**
 * The cost-against-peak chart's points: each one is a whole plan, made by the same planner as the plan
 * document (the caller passes it in as `run`, so this module does no I/O), of the request scaled to a
 * total peak with one machine type named. Nothing is extrapolated: where a node is added, the bill steps.
 */
import type { Provider } from "../../catalog/types.js";
import type { PlanDocument } from "../planner/document.js";
import type { ClusterRequest } from "../planner/request.js";
import { type CostCurve, type CostCurvePoint, costCurveMachineTypes, costCurvePoint, recommendedOption, scaleShapes, sweepPeaks } from "./data.js";

/** Options of {@link costCurves}. */
export interface CostCurveOptions {
  /** Machine types per provider: the recommended plan's, then the leading alternatives. @defaultValue 3 */
  readonly machineTypes?: number;
  /** Peaks planned per type (see sweepPeaks). @defaultValue 40 for one env shape, 12 for several */
  readonly points?: number;
  /**
   * Seconds of search for each point of a plan with several env shapes. @defaultValue 0: the heuristic plan
   * (first-fit decreasing and the pattern heuristics, `--time-limit 0`), deterministic and quick; a search
   * per point would cost the plan's time limit up to `points` × machine types × providers times.
   */
  readonly timeLimitSeconds?: number;
}

/**
 * Per provider of `doc`, the monthly bill and nodes at peak of the recommended type and the leading
 * alternatives (costCurveMachineTypes) for a range of total peaks (sweepPeaks; a mix keeps its proportions,
 * scaleShapes). `req` is the request `doc` was planned from; `run` plans a request exactly as `doc` was
 * (e.g. planWithFiles with the same catalogs). Points where the type holds no plan are left out.
 */
export async function costCurves(
  doc: PlanDocument,
  req: ClusterRequest,
  run: (req: ClusterRequest) => Promise<PlanDocument>,
  options: CostCurveOptions = {},
): Promise<CostCurve[]> {
  const several = req.shapes.length > 1;
  const peaks = sweepPeaks(doc.demand.peak, options.points ?? (several ? 12 : 40));
  const timeLimitSeconds = options.timeLimitSeconds ?? 0;
  const out: CostCurve[] = [];
  for (const p of doc.providers) {
    const provider: Provider = p.provider;
    const rec = recommendedOption(p);
    const recTypes = rec ? rec.pools.map((x) => x.machineType) : [];
    const series = [];
    for (const machineType of costCurveMachineTypes(doc, provider, options.machineTypes ?? 3)) {
      const points: CostCurvePoint[] = [];
      for (const peak of peaks) {
        const scaled: ClusterRequest = {
          ...req,
          providers: [provider],
          machines: [{ provider, name: machineType }],
          shapes: scaleShapes(req.shapes, peak),
          timeLimitSeconds,
        };
        const point = costCurvePoint(await run(scaled), provider, machineType);
        if (point) points.push({ ...point, peak });
      }
      series.push({ machineType, recommended: recTypes.includes(machineType), points });
    }
    out.push({
      provider,
      region: p.region,
      pricing: rec?.applied ?? p.pricing,
      peak: doc.demand.peak,
      recommended: rec ? { nodes: rec.nodes.peak, usdPerMonth: rec.bill.autoscaled.totalUsdPerMonth, machineTypes: recTypes } : null,
      series,
    });
  }
  return out;
}
