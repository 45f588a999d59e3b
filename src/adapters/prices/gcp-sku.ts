/**
 * Cloud Billing Catalog SKUs (Compute Engine, service 6F81-5844-456A): a small schema check of what the
 * `@google-cloud/billing` client returns, exact money arithmetic, and the classification of a SKU into
 * "the per-vCPU or per-GiB rate of a predefined machine series", "a PD/snapshot rate", "excluded, because
 * …" or "not ours".
 *
 * Description patterns: Cyclenerd/google-cloud-pricing-cost-calculator `build/mapping.csv` and infracost
 * `internal/resources/google/compute_cost_component_helpers.go`, summarised in
 * docs/pricing-sources.md §1.3, §1.4, §1.6 and §7.6–7.7 (checked 2026-08).
 */
import { RefreshError } from "./types.js";

/** A price as an exact fraction of the currency unit: `num / den` (den > 0). */
export interface ExactRate {
  readonly num: bigint;
  readonly den: bigint;
}

/** Machine series the adapter prices (catalog family keys). */
export type GcpSeries = "n2" | "n2d" | "c2" | "c3" | "e2";
/** Which price of a series a SKU gives. */
export type GcpPriceKind = "onDemand" | "spot" | "commit1y" | "commit3y";

export type GcpSkuClass =
  | { readonly kind: "machine"; readonly series: GcpSeries; readonly resource: "core" | "ram"; readonly price: GcpPriceKind }
  | { readonly kind: "storage"; readonly storageClass: string }
  | { readonly kind: "excluded"; readonly reason: string }
  | { readonly kind: "other" };

/** The SKU fields the adapter reads, checked (see {@link checkSkuEnvelope}). */
export interface GcpSkuEnvelope {
  readonly skuId: string;
  readonly description: string;
  readonly resourceFamily: string;
  readonly resourceGroup: string;
  readonly usageType: string;
  readonly serviceRegions: readonly string[];
}

/** A priced SKU: the envelope plus the chosen tier's price per usage unit. */
export interface GcpSkuPrice {
  readonly usageUnit: string;
  readonly currency: string;
  /** Price in nanos of the currency (units × 10⁹ + nanos), exact. */
  readonly nanos: bigint;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const label = (raw: unknown, index: number): string => {
  const id = isObject(raw) && typeof raw.skuId === "string" ? raw.skuId : `#${index}`;
  const d = isObject(raw) && typeof raw.description === "string" ? ` "${raw.description}"` : "";
  return `SKU ${id}${d}`;
};
function fail(raw: unknown, index: number, field: string, problem: string): never {
  throw new RefreshError(`${label(raw, index)}: ${field} ${problem}`);
}
function str(obj: Record<string, unknown>, key: string, raw: unknown, index: number, path: string): string {
  const v = obj[key];
  if (typeof v !== "string") fail(raw, index, `${path}${key}`, v === undefined || v === null ? "is missing" : `is ${typeof v}, expected a string`);
  return v;
}

/**
 * Checks the fields every SKU must have (skuId, description, category.{resourceFamily, resourceGroup,
 * usageType}, serviceRegions) and returns them. Throws {@link RefreshError} naming the SKU and the field.
 */
export function checkSkuEnvelope(raw: unknown, index: number): GcpSkuEnvelope {
  if (!isObject(raw)) fail(raw, index, "SKU", `is ${raw === null ? "null" : typeof raw}, expected an object`);
  const skuId = str(raw, "skuId", raw, index, "");
  const description = str(raw, "description", raw, index, "");
  const category = raw.category;
  if (!isObject(category)) fail(raw, index, "category", "is missing or not an object");
  const resourceFamily = str(category, "resourceFamily", raw, index, "category.");
  const resourceGroup = str(category, "resourceGroup", raw, index, "category.");
  const usageType = str(category, "usageType", raw, index, "category.");
  const regions = raw.serviceRegions;
  if (!Array.isArray(regions) || !regions.every((r) => typeof r === "string")) fail(raw, index, "serviceRegions", "is not an array of strings");
  return { skuId, description, resourceFamily, resourceGroup, usageType, serviceRegions: regions as string[] };
}

/** google.type.Money `units` (int64: a decimal string over REST, a number or Long in gRPC objects) → bigint. */
function unitsOf(v: unknown, raw: unknown, index: number, path: string): bigint {
  if (v === undefined || v === null) return 0n; // proto3 default
  const text =
    typeof v === "string" ? v : typeof v === "number" ? String(v) : isObject(v) && typeof v.toString === "function" && "low" in v ? String(v) : undefined;
  if (text === undefined || !/^-?\d+$/.test(text)) fail(raw, index, path, `is ${JSON.stringify(v)}, expected an integer`);
  return BigInt(text);
}

/**
 * The price of a SKU that the adapter uses: `pricingInfo[0].pricingExpression`, tier `tier` ("first": the
 * tier starting at 0, for machine rates; "last": the last, non-free tier, for disks as infracost does),
 * exact in nanos = units × 10⁹ + nanos. Throws {@link RefreshError} naming the SKU and field on a missing
 * or mistyped field and on a price ≤ 0 (a zero list price is never a real rate; "Reserved …" SKUs, the
 * real zeros, are excluded before pricing).
 */
export function checkSkuPrice(raw: unknown, index: number, tier: "first" | "last"): GcpSkuPrice {
  if (!isObject(raw)) fail(raw, index, "SKU", "is not an object");
  const infos = raw.pricingInfo;
  if (!Array.isArray(infos) || infos.length === 0)
    fail(raw, index, "pricingInfo", infos === undefined || infos === null ? "is missing" : Array.isArray(infos) ? "is empty" : "is not an array");
  const info = infos[0] as unknown;
  if (!isObject(info)) fail(raw, index, "pricingInfo[0]", "is not an object");
  const expr = info.pricingExpression;
  if (!isObject(expr)) fail(raw, index, "pricingInfo[0].pricingExpression", "is missing or not an object");
  const usageUnit = str(expr, "usageUnit", raw, index, "pricingInfo[0].pricingExpression.");
  const tiers = expr.tieredRates;
  if (!Array.isArray(tiers) || tiers.length === 0) fail(raw, index, "pricingInfo[0].pricingExpression.tieredRates", "is missing or empty");
  let at = tiers.length - 1;
  if (tier === "first") {
    at = tiers.findIndex((t: unknown) => isObject(t) && (t.startUsageAmount === undefined || t.startUsageAmount === null || t.startUsageAmount === 0));
    if (at < 0) fail(raw, index, "pricingInfo[0].pricingExpression.tieredRates", "has no tier starting at 0");
  }
  const path = `pricingInfo[0].pricingExpression.tieredRates[${at}].unitPrice`;
  const t = tiers[at] as unknown;
  const price = isObject(t) ? t.unitPrice : undefined;
  if (!isObject(price)) fail(raw, index, path, "is missing or not an object");
  const currency = str(price, "currencyCode", raw, index, `${path}.`);
  if (!/^[A-Z]{3}$/.test(currency)) fail(raw, index, `${path}.currencyCode`, `is "${currency}", expected an ISO 4217 code`);
  const units = unitsOf(price.units, raw, index, `${path}.units`);
  const n = price.nanos ?? 0;
  if (typeof n !== "number" || !Number.isInteger(n) || Math.abs(n) >= 1e9)
    fail(raw, index, `${path}.nanos`, `is ${JSON.stringify(n)}, expected an integer below 10⁹`);
  const nanos = units * 1_000_000_000n + BigInt(n);
  if (nanos <= 0n) fail(raw, index, path, `is ${formatNanos(nanos)} ${currency}: a list price must be positive`);
  return { usageUnit, currency, nanos };
}

/** nanos → a decimal string, for messages. */
export function formatNanos(nanos: bigint): string {
  const neg = nanos < 0n;
  const a = neg ? -nanos : nanos;
  const frac = (a % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 1_000_000_000n}${frac ? `.${frac}` : ""}`;
}

/** Bytes in a GB (10⁹) and in a GiB (2³⁰): a per-GB price × 2³⁰/10⁹ is the per-GiB price (1 GiB = 1.073741824 GB). */
const bytesInGB = 1_000_000_000n;
const bytesInGiB = 1_073_741_824n;

/**
 * A SKU price per the unit the catalog uses, as an exact fraction: vCPU `h` → per vCPU-hour; RAM `GiBy.h`
 * → per GiB-hour, `GBy.h` → × 2³⁰/10⁹ per GiB-hour; disks `GiBy.mo` / `GBy.mo` likewise per GiB-month.
 * Returns undefined for a unit it does not know (the caller reports it).
 */
export function rateFromPrice(p: GcpSkuPrice, want: "h" | "GiBy.h" | "GiBy.mo"): ExactRate | undefined {
  const perCurrency = 1_000_000_000n;
  if (p.usageUnit === want) return { num: p.nanos, den: perCurrency };
  if (want !== "h" && p.usageUnit === want.replace("GiBy", "GBy")) return { num: p.nanos * bytesInGiB, den: perCurrency * bytesInGB };
  return undefined;
}

const seriesOnDemand: readonly (readonly [RegExp, GcpSeries])[] = [
  [/^N2 Instance (Core|Ram) running in /, "n2"],
  [/^N2D AMD Instance (Core|Ram) running in /, "n2d"],
  // C2 is "Compute optimized", without "C2" or "Instance" (docs/pricing-sources.md §7.7).
  [/^Compute optimized (Core|Ram) running in /, "c2"],
  [/^C3 Instance (Core|Ram) running in /, "c3"],
  [/^E2 Instance (Core|Ram) running in /, "e2"],
];
// "Commitment v1: N2 Cpu in Americas for 1 Year"; C2: "Commitment: Compute optimized Cpu in … for 3 Years" (no "v1").
const commitment = /^Commitment(?: v1)?: (N2D AMD|N2D|N2|C3|E2|Compute optimized) (Cpu|Core|Ram) in .+ for ([13]) Years?$/;
const commitSeries: Readonly<Record<string, GcpSeries>> = { "N2D AMD": "n2d", N2D: "n2d", N2: "n2", C3: "c3", E2: "e2", "Compute optimized": "c2" };

/** SKUs that look like a series rate but are not the list price of a predefined machine type. */
const exclusions: readonly (readonly [RegExp, string])[] = [
  [/Sole Tenancy/i, "sole-tenancy premium (a surcharge on sole-tenant nodes, not a machine rate)"],
  [/^Reserved /i, "reservation SKU (reserved capacity, not a list price)"],
  [/Custom/i, "custom machine type rate (predefined types are priced)"],
  [/Extended/i, "extended memory rate (custom machine types only)"],
  [/Premium/i, "premium surcharge (not a machine rate)"],
];

const storagePatterns: readonly (readonly [RegExp, string])[] = [
  [/^Balanced PD Capacity/, "pd-balanced"],
  [/^Regional Balanced PD Capacity/, "pd-balanced-regional"],
  [/^SSD backed PD Capacity/, "pd-ssd"],
  [/^Regional SSD backed PD Capacity/, "pd-ssd-regional"],
  [/^Storage PD Capacity/, "pd-standard"],
  [/^Regional Storage PD Capacity/, "pd-standard-regional"],
  [/^Storage PD Snapshot/, "snapshot"],
];

const priceOfUsage: Readonly<Record<string, GcpPriceKind>> = { OnDemand: "onDemand", Preemptible: "spot", Commit1Yr: "commit1y", Commit3Yr: "commit3y" };

/**
 * Classifies a SKU by `category.resourceFamily`, `category.usageType` (OnDemand, Preemptible = Spot,
 * Commit1Yr, Commit3Yr), the description pattern of its series, and `category.resourceGroup` (CPU/RAM must
 * agree with the description's Core/Cpu/Ram). Exclusions come first, so a "N2 Custom Instance Core" is
 * excluded with a reason rather than silently ignored.
 */
export function classifyGcpSku(s: Pick<GcpSkuEnvelope, "description" | "resourceFamily" | "resourceGroup" | "usageType">): GcpSkuClass {
  const price = priceOfUsage[s.usageType];
  if (s.resourceFamily === "Storage") {
    if (price !== "onDemand") return { kind: "other" };
    for (const [re, storageClass] of storagePatterns) if (re.test(s.description)) return { kind: "storage", storageClass };
    return { kind: "other" };
  }
  if (s.resourceFamily !== "Compute") return { kind: "other" };
  for (const [re, reason] of exclusions) if (re.test(s.description)) return { kind: "excluded", reason };
  if (price === undefined) return { kind: "other" };
  let series: GcpSeries | undefined;
  let word: string | undefined;
  if (price === "commit1y" || price === "commit3y") {
    const m = commitment.exec(s.description);
    if (!m) return { kind: "other" };
    if ((m[3] === "1") !== (price === "commit1y")) return { kind: "excluded", reason: `usageType ${s.usageType} disagrees with the description's term` };
    series = commitSeries[m[1] as string];
    word = m[2];
  } else {
    const spotPrefix = /^(?:Spot )?Preemptible /;
    if (price === "onDemand" && spotPrefix.test(s.description)) return { kind: "excluded", reason: "usageType OnDemand on a Spot/Preemptible description" };
    const d = price === "spot" ? s.description.replace(spotPrefix, "") : s.description;
    for (const [re, ser] of seriesOnDemand) {
      const m = re.exec(d);
      if (m) {
        series = ser;
        word = m[1];
        break;
      }
    }
  }
  if (series === undefined || word === undefined) return { kind: "other" };
  const resource = word === "Ram" ? "ram" : "core";
  if ((s.resourceGroup === "CPU" && resource !== "core") || (s.resourceGroup === "RAM" && resource !== "ram")) {
    return { kind: "excluded", reason: `resourceGroup ${s.resourceGroup} disagrees with the description (${word})` };
  }
  return { kind: "machine", series, resource, price };
}
