/**
 * Plausible price ranges (issue 12): a price outside its unit's range is a broken catalog or a broken API
 * answer, never a price to plan with. Before this check a catalog price of 1e306 $/h printed `$Infinity.00`
 * and one of 1e-12 $/h gave `$0.00` lines, and `catalog refresh` accepted both.
 *
 * The ranges are the observed extremes of the bundled catalogs (2026-12-04: `catalogs/prices/**` and
 * `catalogs/storage/*.json`, every provider and region) widened by more than an order of magnitude each
 * side, so that no real price of a current VM or disk comes near them:
 * - per hour (on-demand and spot VMs, cluster fees): observed 0.001136 (GCP e2-micro spot, us-west4) to
 *   20.32 (GCP c3-highmem-192-metal on-demand, me-central2); the largest VMs any provider lists (8–32 TB
 *   memory) cost a few hundred $/h → range 0.0001 to 1,000;
 * - per month of 730 h (GCP sustained-use and commitment prices): the hourly range × 730 → 0.073 to 730,000;
 * - per GiB-month (GCP persistent disks, snapshots, EBS): observed 0.026 (snapshot, us-east5) to 0.544
 *   (pd-ssd-regional, me-central2) → range 0.001 to 10;
 * - per disk-month of a size tier (Azure managed disks): observed 0.30 (E1) to 6,900.95 (E80,
 *   brazilsoutheast) → range 0.01 to 100,000.
 * Other currencies (a `--out` refresh in the API's currency) widen the upper end ×10,000 (every currency
 * the Azure Retail Prices API serves is below 10,000 per USD); the lower end stays.
 */

export type PriceUnit = "hour" | "month" | "GiB-month" | "disk-month";

export interface PriceRange {
  readonly min: number;
  readonly max: number;
}

export const plausibleUsdPerHour: PriceRange = { min: 0.0001, max: 1000 };
export const plausibleUsdPerMonth: PriceRange = { min: 0.073, max: 730_000 }; // the hourly range × 730 h
export const plausibleUsdPerGiBMonth: PriceRange = { min: 0.001, max: 10 };
export const plausibleUsdPerDiskMonth: PriceRange = { min: 0.01, max: 100_000 };

const ranges: Readonly<Record<PriceUnit, PriceRange>> = {
  hour: plausibleUsdPerHour,
  month: plausibleUsdPerMonth,
  "GiB-month": plausibleUsdPerGiBMonth,
  "disk-month": plausibleUsdPerDiskMonth,
};

/** The accepted range of a unit in a currency. */
export function plausibleRange(unit: PriceUnit, currency = "USD"): PriceRange {
  const r = ranges[unit];
  return currency === "USD" ? r : { min: r.min, max: r.max * 10_000 };
}

/**
 * Why `value` is not a plausible price per `unit` (one phrase naming the value and the accepted range),
 * or undefined when it is.
 * @example implausiblePrice(1e306, "hour") === "1e+306 USD per hour is outside the plausible range 0.0001 to 1000"
 */
export function implausiblePrice(value: number, unit: PriceUnit, currency = "USD"): string | undefined {
  const r = plausibleRange(unit, currency);
  if (typeof value === "number" && Number.isFinite(value) && value >= r.min && value <= r.max) return undefined;
  return `${String(value)} ${currency} per ${unit} is outside the plausible range ${r.min} to ${r.max}`;
}
