/**
 * The planner with what lives in files and packages: the storage and fee catalogs as a price book over the
 * priced machine catalogs, and — for several env shapes only — the HiGHS solver, loaded lazily. The CLI
 * and the library call `plan()` both run a plan through here.
 */

import type { Catalogs } from "../catalog/lookup.js";
import { catalogPriceBook, type PricingData } from "../catalog/price-book.js";
import type { StorageCatalog } from "../catalog/storage-types.js";
import type { Provider } from "../catalog/types.js";
import type { PlanDocument } from "../core/planner/document.js";
import { planCluster } from "../core/planner/planner.js";
import type { ClusterRequest } from "../core/planner/request.js";
import { loadFeeCatalog, loadStorageCatalog } from "./catalog-fs.js";
import type { SolverWatch } from "./highs-solver.js";

/** What a caller may watch while a plan with several env shapes searches (the CLI's progress line). */
export interface PlanWatch extends SolverWatch {
  readonly onProvider?: (provider: Provider, index: number, count: number) => void;
}

/** Storage catalogs (disk prices) of the planned providers; the planned region's prices are validated. */
export function loadStorage(
  providers: readonly Provider[],
  dir: string | undefined,
  regions: Partial<Record<Provider, string>> = {},
): Partial<Record<Provider, StorageCatalog>> {
  const storage: Partial<Record<Provider, StorageCatalog>> = {};
  for (const p of providers) {
    const region = regions[p];
    const s = loadStorageCatalog(p, { ...(dir ? { dir } : {}), ...(region === undefined ? {} : { regions: [region] }) });
    if (s) storage[p] = s;
  }
  return storage;
}

/** Plan `req` on the `priced` catalogs (offerings of the request's regions loaded). */
export async function planWithFiles(req: ClusterRequest, priced: Catalogs, dir: string | undefined, watch?: PlanWatch): Promise<PlanDocument> {
  return planWithData(req, priced, { storage: loadStorage(req.providers, dir, req.regions), fees: loadFeeCatalog(dir ? { dir } : {}) }, watch);
}

/**
 * Plan `req` on the `priced` catalogs with storage and fee catalogs already read (`cc-plan batch` reads
 * them once for many rows: src/adapters/plan-session.ts).
 */
export async function planWithData(req: ClusterRequest, priced: Catalogs, data: PricingData, watch?: PlanWatch): Promise<PlanDocument> {
  const priceBook = catalogPriceBook(priced, data);
  // Several env shapes need the LP/MIP solver (HiGHS, WebAssembly); one shape is solved without it.
  const solver = req.shapes.length > 1 ? await (await import("./highs-solver.js")).loadHighsSolver(watch) : undefined;
  return planCluster(req, priced, { priceBook, ...(solver ? { solver } : {}), ...(watch?.onProvider ? { onProvider: watch.onProvider } : {}) });
}
