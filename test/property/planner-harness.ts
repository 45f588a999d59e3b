/**
 * Shared set-up for the planner laws (plan-laws, cost-laws) and scripts/sweep.ts: the package's catalogs
 * (each provider's default region, as `plan()` in src/plan.ts loads them), storage and fee prices, one
 * price book, and `planOf(raw)` = resolveRequest + planCluster, loading the files once instead of per call.
 * Not a test file (no `.test.ts`): vitest does not collect it.
 */
import { loadCatalogs, loadFeeCatalog, loadStorageCatalog } from "../../src/adapters/catalog-fs.js";
import type { Catalogs } from "../../src/catalog/lookup.js";
import { catalogPriceBook, type PricingData } from "../../src/catalog/price-book.js";
import type { StorageCatalog } from "../../src/catalog/storage-types.js";
import type { CatalogMachineType, Provider } from "../../src/catalog/types.js";
import type { PriceBook } from "../../src/core/bill/price-book.js";
import type { LinearSolver } from "../../src/core/mix/solver.js";
import type { PlanDocument, PlanOption, ProviderPlan } from "../../src/core/planner/document.js";
import { isFlagged, planCluster } from "../../src/core/planner/planner.js";
import { type RawRequest, resolveRequest } from "../../src/core/planner/request.js";
import { defaultRegion } from "../../src/core/resolve-request.js";

export const providers: readonly Provider[] = ["gcp", "azure", "aws"];

export interface Harness {
  readonly catalogs: Catalogs;
  readonly priceBook: PriceBook;
  /** Storage and fee catalogs (to build a price book over other catalogs). */
  readonly pricing: PricingData;
}

/** Catalogs with every region's facts (request validation) and the default regions' prices (planning). */
export function loadHarness(): Harness {
  const catalogs = loadCatalogs([...providers], { regions: { gcp: [defaultRegion.gcp], azure: [defaultRegion.azure], aws: [defaultRegion.aws] } });
  const storage: Partial<Record<Provider, StorageCatalog>> = {};
  for (const p of providers) {
    const s = loadStorageCatalog(p);
    if (s) storage[p] = s;
  }
  const pricing: PricingData = { storage, fees: loadFeeCatalog() };
  return { catalogs, priceBook: catalogPriceBook(catalogs, pricing), pricing };
}

/** Resolve raw input (as the CLI and `plan()` do) and plan it. Throws on an input error. */
export function planOf(h: Harness, raw: RawRequest, solver?: LinearSolver): PlanDocument {
  const r = resolveRequest(raw, h.catalogs);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return planCluster(r.value, h.catalogs, { priceBook: h.priceBook, ...(solver ? { solver } : {}) });
}

/** The only provider plan of a one-provider document. */
export function only(doc: PlanDocument): ProviderPlan {
  const [p, ...rest] = doc.providers;
  if (!p || rest.length > 0) throw new Error(`expected one provider plan, got ${doc.providers.length}`);
  return p;
}

/** The recommended option (index `recommended`) and the cheapest one (index `cheapest`). */
export function recommended(p: ProviderPlan): PlanOption {
  const o = p.recommended === null ? undefined : p.options[p.recommended];
  if (!o) throw new Error(`${p.provider}: no recommended option (${p.issues.map((i) => i.message).join("; ")})`);
  return o;
}
export function cheapest(p: ProviderPlan): PlanOption {
  const o = p.cheapest === null ? undefined : p.options[p.cheapest];
  if (!o) throw new Error(`${p.provider}: no cheapest option`);
  return o;
}

/** The monthly bill of an option (the autoscaled total; null when a price is missing). */
export const bill = (o: PlanOption): number => {
  const t = o.bill.autoscaled.totalUsdPerMonth;
  if (t === null)
    throw new Error(`option ${o.kind} (${o.pools.map((p) => p.machineType).join("+")}) has no total: ${o.issues.map((i) => i.message).join("; ")}`);
  return t;
};

/**
 * Every machine type the planner may use on its own in the provider's default region, read from the
 * catalog independently of the planner's candidate list: not burstable/shared-core/advised-against
 * (`isFlagged`, the product guides' rule the planner states), an offering in the region with a positive
 * on-demand price and no `priceSuspect`. Whether the env fits is left to the planner (a named type that
 * does not fit gets an `env_does_not_fit` error issue and no row).
 */
export function eligibleTypes(h: Harness, provider: Provider): CatalogMachineType[] {
  const region = defaultRegion[provider];
  return (h.catalogs[provider]?.machineTypes ?? []).filter((m) => {
    if (isFlagged(m)) return false;
    const o = m.offerings.find((x) => x.region === region);
    return o !== undefined && o.priceSuspect === undefined && (o.onDemandUsdPerHour ?? 0) > 0;
  });
}

/** What one single-type plan costs: the `named` option of that type, or why there is none. */
export type SingleBill = { readonly type: string; readonly usd: number } | { readonly type: string; readonly usd: null; readonly why: string };

/**
 * The monthly bill of every type in `types` used alone: one plan with every type named (`--machine`
 * a,b,c…), whose `named` options are those single-type plans, each evaluated on the same demand.
 */
export function singleTypeBills(p: ProviderPlan, types: readonly string[]): SingleBill[] {
  return types.map((t) => {
    const o = p.options.find((x) => x.kind === "named" && x.pools.length === 1 && x.pools[0]?.machineType === t);
    if (o) return { type: t, usd: bill(o) };
    const why = p.issues.find((i) => i.details.machineType === t && i.severity === "error");
    return { type: t, usd: null, why: why ? `${why.code}: ${why.message}` : "no named option and no issue" };
  });
}

/** Option summary for failure messages: kind, pools × peak nodes, bill. */
export const show = (o: PlanOption): string =>
  `${o.kind} ${o.pools.map((p) => `${p.nodes.peak}×${p.machineType}`).join(" + ")} $${(o.bill.autoscaled.totalUsdPerMonth ?? Number.NaN).toFixed(2)} (blast radius ${o.blastRadius})`;
