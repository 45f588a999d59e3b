/**
 * The data of a plan's charts (issue 14) with what lives in files: the cost curves' points are planned by
 * planWithFiles on the same priced catalogs as the plan document, and the node models that split a node's
 * reservations are computed by the core's computeNodeModel with the planner's options (src/core/planner/
 * planner.ts, `modelOpts`), then checked against the document (src/core/charts/data.ts poolCapacity).
 */
import { type Catalogs, findMachine } from "../catalog/lookup.js";
import { catalogPriceBook } from "../catalog/price-book.js";
import type { Provider } from "../catalog/types.js";
import { type CostBreakdown, type CostCurve, costBreakdown, type NodeModelsByType, type PoolCapacity, poolCapacity } from "../core/charts/data.js";
import { type CostCurveOptions, costCurves } from "../core/charts/sweep.js";
import { computeNodeModel } from "../core/node-model.js";
import type { PlanDocument } from "../core/planner/document.js";
import { typeModelOptions } from "../core/planner/model-options.js";
import { planCluster } from "../core/planner/planner.js";
import type { ClusterRequest } from "../core/planner/request.js";
import { loadFeeCatalog } from "./catalog-fs.js";
import { loadHighsSolver } from "./highs-solver.js";
import { loadStorage } from "./plan-with-files.js";

/** Everything the charts of one plan draw. */
export interface PlanChartData {
  /** Per provider: monthly cost against peak demand for the recommended type and the leading alternatives. */
  readonly costCurves: readonly CostCurve[];
  /** Per pool of each recommended plan: one node's CPU and memory in parts. */
  readonly capacity: readonly PoolCapacity[];
  /** Per provider: the recommended plan's monthly bill, line by line. */
  readonly costBreakdown: readonly CostBreakdown[];
}

/**
 * The node model of each machine type as the planner computed it for `req` (src/core/planner/model-options.ts:
 * the same platform, max pods, DaemonSets, overrides, boot disk, calibration and observed capacities).
 */
export function planNodeModels(req: ClusterRequest, catalogs: Catalogs): NodeModelsByType {
  return (provider: Provider, machineType: string) => {
    const found = findMachine(catalogs, machineType);
    if (!found || found.provider !== provider) return undefined;
    return computeNodeModel(found.machine, typeModelOptions(req, provider, found.machine.name));
  };
}

/**
 * The catalogs with only the machine types `req` names: a cost curve's point is the plan of one type, so
 * the planner searches that type alone (the named type's one-pool plan does not depend on the other types;
 * searching all of them at every point made a 1,000-env mix's curves take a minute).
 */
export function onlyNamed(catalogs: Catalogs, req: ClusterRequest): Catalogs {
  const out: Record<string, unknown> = {};
  for (const [provider, cat] of Object.entries(catalogs)) {
    if (!cat) continue;
    const names = req.machines.filter((m) => m.provider === provider).map((m) => m.name);
    out[provider] = { ...cat, machineTypes: cat.machineTypes.filter((m) => names.includes(m.name)) };
  }
  return out as Catalogs;
}

/** The chart data of `doc`, planned from `req` on the `priced` catalogs (catalog folder `dir`, default the package's). */
export async function planChartData(
  doc: PlanDocument,
  req: ClusterRequest,
  priced: Catalogs,
  dir: string | undefined,
  options: CostCurveOptions = {},
): Promise<PlanChartData> {
  // The storage and fee catalogs are read once for all the curves' plans (as planWithFiles reads them), and
  // prices come from all the priced catalogs (a fixed line such as "4 × n2-standard-4" is priced by its type),
  // while the planner searches only the named type.
  const priceBook = catalogPriceBook(priced, { storage: loadStorage(req.providers, dir, req.regions), fees: loadFeeCatalog(dir ? { dir } : {}) });
  const solver = req.shapes.length > 1 ? await loadHighsSolver() : undefined;
  const run = async (r: ClusterRequest): Promise<PlanDocument> => planCluster(r, onlyNamed(priced, r), { priceBook, ...(solver ? { solver } : {}) });
  return {
    costCurves: await costCurves(doc, req, run, options),
    capacity: poolCapacity(doc, planNodeModels(req, priced)),
    costBreakdown: costBreakdown(doc),
  };
}
