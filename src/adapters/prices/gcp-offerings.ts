/**
 * From classified Compute Engine SKU rates to catalog offerings: machine price = vCPUs × core rate +
 * memoryMiB / 1024 × RAM rate, per region and price kind, in exact fractions, converted to a number once.
 *
 * @see docs/pricing-sources.md §1.3 (split into per-vCPU and per-GiB SKUs), §1.5 (SUD), §6.1 (CUD)
 */
import type { Offering } from "../../catalog/types.js";
import type { ExactRate, GcpPriceKind, GcpSeries } from "./gcp-sku.js";

/** Hours in the month the catalogs use (both providers' calculators, infracost). */
export const hoursInMonth = 730n;
/**
 * Full-month sustained-use factor for N2, N2D and C2: the average of the incremental rates 100 %,
 * 86.78 %, 73.3 %, 60 % = 0.8002 (infracost `sudRate20`, Cyclenerd `build/pricing.pl`; confirmed in
 * `cyclenerd-gcp-pricing.yml`: month / (hour × 730) = 0.8002). E2 and C3 have no SUD.
 * @see https://cloud.google.com/compute/docs/sustained-use-discounts (checked 2026-08)
 */
export const sustainedUseFullMonth: ExactRate = { num: 4001n, den: 5000n };
export const sudSeries: ReadonlySet<GcpSeries> = new Set(["n2", "n2d", "c2"]);
export const mibInGib = 1024n;

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
export const add = (a: ExactRate, b: ExactRate): ExactRate => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
export const mul = (a: ExactRate, b: ExactRate): ExactRate => ({ num: a.num * b.num, den: a.den * b.den });
const int = (n: bigint): ExactRate => ({ num: n, den: 1n });
/** The nearest double to an exact fraction (reduced first, so small prices divide exactly once). */
export function toNumber(r: ExactRate): number {
  const g = gcd(r.num, r.den) || 1n;
  return Number(r.num / g) / Number(r.den / g);
}
/** Same fraction? (Cross-multiplication, no rounding.) */
export const sameRate = (a: ExactRate, b: ExactRate): boolean => a.num * b.den === b.num * a.den;

/** One SKU's rate for (series, core|ram, price kind) in a region. */
export interface RateEntry {
  readonly skuId: string;
  readonly description: string;
  readonly rate: ExactRate;
  /** How many regions the SKU covers: a per-region SKU wins over an "Americas" one. */
  readonly regionsCovered: number;
}

/** The rates collected from all pages, keyed by series/resource/kind/region. */
export class RateBook {
  private readonly entries = new Map<string, RateEntry[]>();
  static key(series: string, resource: string, kind: string, region: string): string {
    return `${series}/${resource}/${kind}/${region}`;
  }
  add(key: string, e: RateEntry): void {
    const list = this.entries.get(key);
    if (list) list.push(e);
    else this.entries.set(key, [e]);
  }
  has(region: string): boolean {
    for (const k of this.entries.keys()) if (k.endsWith(`/${region}`)) return true;
    return false;
  }
  /**
   * The rate for a key: the most specific SKU (fewest regions). Two equally specific SKUs with different
   * prices (e.g. us-east4 "Virginia" / "Northern Virginia" duplicates) are a conflict: no rate, and the
   * reason, rather than a first-match pick.
   */
  get(key: string): { rate?: ExactRate; conflict?: string } {
    const list = this.entries.get(key);
    if (!list || list.length === 0) return {};
    const best = Math.min(...list.map((e) => e.regionsCovered));
    const top = list.filter((e) => e.regionsCovered === best);
    const first = top[0] as RateEntry;
    const other = top.find((e) => !sameRate(e.rate, first.rate));
    if (other) return { conflict: `conflicting SKUs ${first.skuId} "${first.description}" and ${other.skuId} "${other.description}"` };
    return { rate: first.rate };
  }
}

export interface MachineFacts {
  readonly name: string;
  readonly family: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
}

const seriesLabel: Readonly<Record<GcpSeries, string>> = { n2: "N2", n2d: "N2D", c2: "C2 (Compute optimized)", c3: "C3", e2: "E2" };
const kindLabel: Readonly<Record<GcpPriceKind, string>> = { onDemand: "", spot: "Spot ", commit1y: "1-year commitment ", commit3y: "3-year commitment " };

/**
 * vCPUs billed for the E2 shared-core types, which the catalog lists with 2 vCPUs (what the guest sees):
 * e2-micro is billed 0.25 vCPU, e2-small 0.5, e2-medium 1 ("fractional vCPU" in the GCE machine-type
 * docs; Cyclenerd `pricing.yml` `cpu` 0.25 / 0.5 / 1, and its hour prices = that × the E2 core rate).
 * @see https://cloud.google.com/compute/docs/general-purpose-machines#sharedcore (checked 2026-08)
 */
export const sharedCoreBilledVcpus: Readonly<Record<string, ExactRate>> = {
  "e2-micro": { num: 1n, den: 4n },
  "e2-small": { num: 1n, den: 2n },
  "e2-medium": { num: 1n, den: 1n },
};

/**
 * Hourly price of a machine from its series' rates: vcpus × core + memoryMiB / 1024 × ram (exact;
 * billed vCPUs of shared-core types from {@link sharedCoreBilledVcpus}).
 * Returns the reason instead when a rate is missing or in conflict.
 */
export function machineHourly(
  book: RateBook,
  m: MachineFacts,
  series: GcpSeries,
  kind: GcpPriceKind,
  region: string,
): { rate: ExactRate } | { reason: string } {
  const core = book.get(RateBook.key(series, "core", kind, region));
  const ram = book.get(RateBook.key(series, "ram", kind, region));
  const gap = (r: { conflict?: string }, what: string): string => r.conflict ?? `no ${seriesLabel[series]} ${kindLabel[kind]}${what} SKU`;
  if (!Number.isInteger(m.vcpus) || !Number.isInteger(m.memoryMiB)) return { reason: `vcpus ${m.vcpus} / memoryMiB ${m.memoryMiB} are not whole numbers` };
  if (!core.rate) return { reason: gap(core, "Core") };
  if (!ram.rate) return { reason: gap(ram, "RAM") };
  const cpu = mul(core.rate, sharedCoreBilledVcpus[m.name] ?? int(BigInt(m.vcpus)));
  const mem = mul(ram.rate, { num: BigInt(m.memoryMiB), den: mibInGib });
  return { rate: add(cpu, mem) };
}

/**
 * The offering fields of one machine in one region. On-demand is required (otherwise the reason is
 * returned and the machine is left out); Spot and CUD prices are added when their SKUs exist, and each
 * one that does not is reported in `gaps`.
 *  - spotUsdPerHour: vcpus × Spot core + GiB × Spot RAM;
 *  - commit1y/3yUsdPerMonth: 730 × the hourly CUD price (CUDs bill every hour of the month);
 *  - sustainedUseUsdPerMonth: 730 × on-demand × 0.8002, N2/N2D/C2 only.
 * Field names keep the catalog's "Usd"; a non-USD refresh is labelled by `FetchedPrices.currency`.
 */
export function offeringFor(
  book: RateBook,
  m: MachineFacts,
  series: GcpSeries,
  region: string,
): { offering?: Omit<Offering, "region">; reason?: string; gaps: string[] } {
  // c3-…-lssd types include local SSD partitions billed by their own SKUs; the machine facts do not say
  // how many, so core + RAM alone would under-price them.
  if (/-lssd$/.test(m.name)) return { reason: "bundles local SSD, which core + RAM SKUs do not price (not priced)", gaps: [] };
  const onDemand = machineHourly(book, m, series, "onDemand", region);
  if ("reason" in onDemand) return { reason: onDemand.reason, gaps: [] };
  const gaps: string[] = [];
  const out: { -readonly [K in keyof Omit<Offering, "region">]?: Omit<Offering, "region">[K] } = { onDemandUsdPerHour: toNumber(onDemand.rate) };
  const spot = machineHourly(book, m, series, "spot", region);
  if ("rate" in spot) out.spotUsdPerHour = toNumber(spot.rate);
  else gaps.push(`${spot.reason} (spot price omitted)`);
  if (sudSeries.has(series)) out.sustainedUseUsdPerMonth = toNumber(mul(mul(onDemand.rate, int(hoursInMonth)), sustainedUseFullMonth));
  for (const [kind, field] of [
    ["commit1y", "commit1yUsdPerMonth"],
    ["commit3y", "commit3yUsdPerMonth"],
  ] as const) {
    const c = machineHourly(book, m, series, kind, region);
    if ("rate" in c) out[field] = toNumber(mul(c.rate, int(hoursInMonth)));
    else gaps.push(`${c.reason} (${kind === "commit1y" ? "1-year" : "3-year"} CUD price omitted)`);
  }
  return { offering: out, gaps };
}
