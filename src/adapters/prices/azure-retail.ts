/**
 * Azure Retail Prices API (https://prices.azure.com/api/retail/prices): query building, page validation,
 * pagination and the row rules that pick Linux on-demand, reservation, savings-plan and managed-disk
 * prices (docs/pricing-sources.md §2). Used by ./azure.ts.
 */
import { type Budget, type GetJsonOptions, getJson } from "./http.js";
import { RefreshError } from "./types.js";

/** Returns the nested `savingsPlan` array on Consumption rows; filter values are case-sensitive (§2.1). */
export const retailApiVersion = "2023-01-01-preview";
export const defaultPricesEndpoint = "https://prices.azure.com/api/retail/prices";

/** Hours of a reservation term: a Reservation row's `retailPrice` is the whole-term total (§2.6). */
export const reservationTermHours: Readonly<Record<string, number>> = { "1 Year": 8760, "3 Years": 26280 };

/** An OData string literal: quoted, with `'` doubled (OData ABNF `SQUOTE-in-string`). */
export function odataLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `field eq 'value'` clauses joined with `and` (karpenter's filter.go form). */
export function odataFilter(clauses: readonly (readonly [field: string, value: string])[]): string {
  return clauses.map(([f, v]) => `${f} eq ${odataLiteral(v)}`).join(" and ");
}

/** Azure region names are lower-case letters and digits (`eastus`, `westus3`); anything else is refused before a filter is built. */
export function assertRegionName(region: string): void {
  if (!/^[a-z0-9]+$/.test(region))
    throw new RefreshError(`invalid Azure region name ${JSON.stringify(region)}: expected lower-case letters and digits, e.g. eastus`);
}

/** First page URL: `<endpoint>?api-version=2023-01-01-preview&$filter=<encoded filter>`. */
export function retailQueryUrl(endpoint: string, filter: string): string {
  return `${endpoint}${endpoint.includes("?") ? "&" : "?"}api-version=${retailApiVersion}&$filter=${encodeURIComponent(filter)}`;
}

/** The fields of a Retail Prices item this project reads (docs/pricing-sources.md §2.3). */
export interface RetailItem {
  readonly retailPrice: number;
  readonly armSkuName: string;
  readonly productName: string;
  readonly meterName: string;
  readonly type: string;
  readonly skuName?: string;
  readonly serviceName?: string;
  readonly unitOfMeasure?: string;
  readonly armRegionName?: string;
  readonly currencyCode?: string;
  readonly meterId?: string;
  readonly isPrimaryMeterRegion?: boolean;
  readonly reservationTerm?: string;
  readonly savingsPlan?: readonly { readonly retailPrice: number; readonly term: string }[];
}

const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks one item's shape; throws naming the field. Unknown fields are ignored. */
function checkItem(x: unknown, path: string): RetailItem {
  if (!isObject(x)) throw new RefreshError(`${path} is not an object (got ${kind(x)})`);
  const num = (k: string): void => {
    if (typeof x[k] !== "number" || !Number.isFinite(x[k])) throw new RefreshError(`${path}.${k} is not a finite number (got ${kind(x[k])})`);
  };
  const str = (k: string, optional: boolean): void => {
    if (optional && x[k] === undefined) return;
    if (typeof x[k] !== "string") throw new RefreshError(`${path}.${k} is not a string (got ${kind(x[k])})`);
  };
  num("retailPrice");
  for (const k of ["armSkuName", "productName", "meterName", "type"]) str(k, false);
  for (const k of ["skuName", "serviceName", "unitOfMeasure", "armRegionName", "currencyCode", "meterId", "reservationTerm"]) str(k, true);
  if (x.isPrimaryMeterRegion !== undefined && typeof x.isPrimaryMeterRegion !== "boolean")
    throw new RefreshError(`${path}.isPrimaryMeterRegion is not a boolean (got ${kind(x.isPrimaryMeterRegion)})`);
  if (x.savingsPlan !== undefined && x.savingsPlan !== null) {
    if (!Array.isArray(x.savingsPlan)) throw new RefreshError(`${path}.savingsPlan is not an array (got ${kind(x.savingsPlan)})`);
    x.savingsPlan.forEach((s, i) => {
      if (!isObject(s) || typeof s.retailPrice !== "number" || !Number.isFinite(s.retailPrice) || typeof s.term !== "string")
        throw new RefreshError(`${path}.savingsPlan[${i}] needs a numeric retailPrice and a string term`);
    });
  }
  return x as unknown as RetailItem;
}

/** One validated page: its items and the next page's URL (null at the end). */
export function parseRetailPage(x: unknown, where: string): { readonly items: readonly RetailItem[]; readonly next: string | null } {
  if (!isObject(x)) throw new RefreshError(`${where}: the response is not a JSON object (got ${kind(x)})`);
  if (!Array.isArray(x.Items)) throw new RefreshError(`${where}: "Items" is not an array (got ${kind(x.Items)})`);
  if (x.BillingCurrency !== undefined && x.BillingCurrency !== "USD")
    throw new RefreshError(`${where}: BillingCurrency is ${JSON.stringify(x.BillingCurrency)}, expected USD (no currencyCode is requested)`);
  const next = x.NextPageLink;
  if (next !== undefined && next !== null && typeof next !== "string")
    throw new RefreshError(`${where}: "NextPageLink" is not a string or null (got ${kind(next)})`);
  const items = x.Items.map((it, i) => {
    const item = checkItem(it, `${where}: Items[${i}]`);
    if (item.currencyCode !== undefined && item.currencyCode !== "USD")
      throw new RefreshError(`${where}: Items[${i}].currencyCode is ${item.currencyCode}, expected USD`);
    return item;
  });
  return { items, next: typeof next === "string" && next !== "" ? next : null };
}

/** Context for a paged query. */
export interface RetailFetchContext extends Omit<GetJsonOptions, "what" | "budget"> {
  readonly budget: Budget;
  /** Upper bound on pages of one query (a loop guard) @defaultValue 500 */
  readonly maxPages?: number;
}

/**
 * Every item of one query: follows `NextPageLink` until it is null or empty (never stops on a short
 * page, §2.4). A next link must stay on the first URL's origin and must not repeat.
 */
export async function fetchRetailItems(firstUrl: string, label: string, ctx: RetailFetchContext): Promise<RetailItem[]> {
  const origin = new URL(firstUrl).origin;
  const seen = new Set<string>();
  const items: RetailItem[] = [];
  let url: string | null = firstUrl;
  for (let page = 1; url !== null; page++) {
    if (page > (ctx.maxPages ?? 500)) throw new RefreshError(`${label}: more than ${ctx.maxPages ?? 500} pages; stopped`);
    seen.add(url);
    const what = `Azure Retail Prices ${label} page ${page}`;
    const parsed = parseRetailPage(await getJson(url, { ...ctx, what }), what);
    items.push(...parsed.items);
    ctx.onProgress?.(`${what}: ${parsed.items.length} row(s)`);
    const next: string | null = parsed.next;
    if (next !== null) {
      let nextUrl: URL;
      try {
        nextUrl = new URL(next, url);
      } catch {
        throw new RefreshError(`${what}: NextPageLink is not a URL`);
      }
      if (nextUrl.origin !== origin) throw new RefreshError(`${what}: NextPageLink leaves ${origin} (points to ${nextUrl.origin}); refused`);
      if (seen.has(nextUrl.toString())) throw new RefreshError(`${what}: NextPageLink repeats an earlier page; stopped`);
      url = nextUrl.toString();
    } else url = null;
  }
  return items;
}

/** Linux pay-as-you-go VM row test (§2.5 rules 1–4 plus the "Cloud Services" rule). */
export function isLinuxOnDemandVmRow(it: RetailItem): boolean {
  return (
    it.type === "Consumption" &&
    (it.serviceName === undefined || it.serviceName === "Virtual Machines") &&
    (it.unitOfMeasure === undefined || it.unitOfMeasure === "1 Hour") &&
    it.productName.startsWith("Virtual Machines ") &&
    !it.productName.endsWith(" Windows") &&
    !it.productName.includes("Cloud Services") &&
    !/ (Spot|Low Priority)$/.test(it.meterName) &&
    !/ (Spot|Low Priority)$/.test(it.skuName ?? "")
  );
}

/** Reservation row for a Linux VM (reservations cover compute only; Windows/Cloud Services rows skipped). */
export function isVmReservationRow(it: RetailItem): boolean {
  return (
    it.type === "Reservation" &&
    it.reservationTerm !== undefined &&
    it.reservationTerm in reservationTermHours &&
    !it.productName.endsWith(" Windows") &&
    !it.productName.includes("Cloud Services") &&
    !/ (Spot|Low Priority)$/.test(it.meterName)
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The row to use when several remain for one key: the highest `retailPrice` (a plan then never
 * understates cost), ties broken by `meterId` then `productName` ascending. `conflict` is set when the
 * remaining rows disagree on the price.
 */
export function pickRow(rows: readonly RetailItem[]): { readonly row: RetailItem; readonly conflict?: string } {
  const sorted = [...rows].sort((a, b) => b.retailPrice - a.retailPrice || cmp(a.meterId ?? "", b.meterId ?? "") || cmp(a.productName, b.productName));
  const row = sorted[0] as RetailItem;
  const prices = [...new Set(sorted.map((r) => r.retailPrice))];
  if (prices.length === 1) return { row };
  const list = sorted.map((r) => `${r.retailPrice} '${r.productName}' / '${r.meterName}'`).join(", ");
  return { row, conflict: `${rows.length} rows disagree (${list}); took the highest, ${row.retailPrice}` };
}

/** Rows grouped by a key, in key order (never Map insertion order). */
export function groupBy(rows: readonly RetailItem[], key: (r: RetailItem) => string): [string, RetailItem[]][] {
  const m = new Map<string, RetailItem[]>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return [...m.entries()].sort((a, b) => cmp(a[0], b[0]));
}

/** Managed-disk classes: storage class id → Retail Prices productName and tier letter (§2.7). */
export const managedDiskProducts = [
  { classId: "Premium_LRS", productName: "Premium SSD Managed Disks", tierLetter: "P" },
  { classId: "StandardSSD_LRS", productName: "Standard SSD Managed Disks", tierLetter: "E" },
  { classId: "Standard_LRS", productName: "Standard HDD Managed Disks", tierLetter: "S" },
] as const;

/** Storage meter of a managed-disk tier: "P10 LRS Disk" (also "P10 Disk", "P10 LRS Disks"); not "… Disk Operations" or "… Disk Mount". */
export const diskMeterPattern = /^([PES]\d+) (LRS )?Disk(s)?$/;

/** The monthly LRS tier price rows of one managed-disk product: tier (P10) → rows. */
export function managedDiskRows(items: readonly RetailItem[], productName: string, tierLetter: string): [string, RetailItem[]][] {
  const kept = items.filter((it) => {
    if (it.type !== "Consumption" || it.productName !== productName || it.unitOfMeasure !== "1/Month") return false;
    if (/Disk (Operations|Mount)/.test(it.meterName)) return false;
    const m = diskMeterPattern.exec(it.meterName);
    if (!m || !(m[1] as string).startsWith(tierLetter)) return false;
    return it.skuName === undefined || it.skuName === `${m[1]} LRS`;
  });
  return groupBy(kept, (it) => (diskMeterPattern.exec(it.meterName) as RegExpExecArray)[1] as string);
}
