/**
 * Many plans from one process (`cc-plan batch`): every catalog file is read once, not once per plan. A
 * provider's prices are read the first time a plan asks for one of its regions and kept for the next
 * plans of that region; the storage catalog likewise per region (only the planned region's prices are
 * validated, as for one plan: adapters/plan-with-files.ts), the fee catalog once. What each plan sees is
 * exactly what `cc-plan` with the same flags loads, so a batch row plans as the command does.
 */
import type { Catalogs } from "../catalog/lookup.js";
import { findMachine } from "../catalog/lookup.js";
import type { FeeCatalog, StorageCatalog } from "../catalog/storage-types.js";
import type { Catalog, Provider } from "../catalog/types.js";
import type { PlanDocument } from "../core/planner/document.js";
import { type RawRequest, resolveRequest } from "../core/planner/request.js";
import type { Resolved } from "../core/resolve-request.js";
import { loadCatalog, loadFeeCatalog, loadStorageCatalog, withSpecs } from "./catalog-fs.js";
import { planWithData } from "./plan-with-files.js";

export interface PlanSession {
  /** Resolve `raw` (the resolver's own one-line error when it is bad) and plan it. */
  plan(raw: RawRequest): Promise<Resolved<PlanDocument>>;
}

/**
 * @param base - every provider's machine facts and regions, without prices (what the CLI resolves flags against)
 * @param dir - catalog folder (default: the package's catalogs/, or CC_PLAN_CATALOG_DIR)
 */
export function createPlanSession(base: Catalogs, dir: string | undefined): PlanSession {
  const opts = dir ? { dir } : {};
  // A machine type named in a row but missing from the priced catalogs may be a specs-only type (n1, Fsv2, …):
  // the CLI then adds catalogs/specs/ (main.ts); so does the session, for that row only.
  let baseWithSpecs: Catalogs | undefined;
  const resolveOn = (specs: boolean): Catalogs => (specs ? (baseWithSpecs ??= withSpecs(base, opts)) : base);
  const priced = new Map<string, Catalog>();
  const pricedCatalog = (p: Provider, region: string, specs: boolean): Catalog => {
    const key = `${p}/${region}/${specs}`;
    let c = priced.get(key);
    if (!c) {
      const one: Catalogs = { [p]: loadCatalog(p, { ...opts, regions: [region] }) };
      c = (specs ? withSpecs(one, opts) : one)[p] as Catalog;
      priced.set(key, c);
    }
    return c;
  };
  const storage = new Map<string, StorageCatalog | undefined>();
  const storageCatalog = (p: Provider, region: string): StorageCatalog | undefined => {
    const key = `${p}/${region}`;
    if (!storage.has(key)) storage.set(key, loadStorageCatalog(p, { ...opts, regions: [region] }));
    return storage.get(key);
  };
  let fees: FeeCatalog | undefined;

  return {
    async plan(raw) {
      const named = (raw.machine ?? []).flatMap((m) => m.split(",")).map((m) => m.trim());
      const specs = named.some((n) => n !== "" && findMachine(base, n) === undefined);
      const req = resolveRequest(raw, resolveOn(specs));
      if (!req.ok) return req;
      const r = req.value;
      const catalogs: Catalogs = {};
      const stores: Partial<Record<Provider, StorageCatalog>> = {};
      for (const p of r.providers) {
        const region = r.regions[p];
        if (region === undefined) continue;
        catalogs[p] = pricedCatalog(p, region, specs);
        const s = storageCatalog(p, region);
        if (s) stores[p] = s;
      }
      fees ??= loadFeeCatalog(opts);
      return { ok: true, value: await planWithData(r, catalogs, { storage: stores, fees }) };
    },
  };
}
