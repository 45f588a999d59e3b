/**
 * Monthly cost of one strategy's node pool and what goes with it (issue 3), pure: prices arrive
 * already looked up from the catalogs. Money stays unrounded here; emitters round when printing.
 *
 * Every line carries quantity × unit price = USD per month, its unit and its source. A price that is
 * not known is `null` (never 0) and comes with an error issue naming what is missing.
 */
import type { Offering } from "../catalog/types.js";
import { hoursPerMonth, instanceMinutes, minutesPerWeek, nodeHoursPerMonth, type Series } from "./demand.js";

export type PricingOption = "on-demand" | "spot" | "sud" | "cud-1y" | "cud-3y" | "ri-1y" | "ri-3y" | "savings-1y" | "savings-3y";
export const pricingOptions: readonly PricingOption[] = ["on-demand", "spot", "sud", "cud-1y", "cud-3y", "ri-1y", "ri-3y", "savings-1y", "savings-3y"];

export interface CostLine {
  /** Stable id: compute, compute-committed, compute-above-commitment, env-disks, snapshots, boot-disks, cluster-fee, per-node:<name>, fixed:<name>, fixed-boot-disks:<name>. */
  readonly id: string;
  readonly label: string;
  readonly quantity: number;
  /** Unit of `quantity`, e.g. "node-hour", "disk-month (E10, 128 GiB)", "GiB-month", "cluster-hour". */
  readonly unit: string;
  /** USD per unit; null when unknown. */
  readonly unitPriceUsd: number | null;
  /** quantity × unitPriceUsd; null when the price is unknown. */
  readonly usdPerMonth: number | null;
  readonly source: string;
  /** Date of the unit price (ISO date, or `YYYY-MM`); absent for a price the user gave. */
  readonly asOf?: string;
}

/**
 * GCP sustained-use discount schedule for N2, N2D and C2: the rate of the base price paid in each
 * quarter of the month an (inferred) instance runs: 100 %, 86.78 %, 73.3 %, 60 % → 20 % off for a full
 * month (average 0.8002). Sources: infracost `sudRate20`, Cyclenerd build/pricing.pl, cited in
 * docs/pricing-sources.md §1.5; https://cloud.google.com/compute/docs/sustained-use-discounts.
 * E2, C3 (and Spot, committed usage) get none.
 */
export const sudRates = [1, 0.8678, 0.733, 0.6] as const;
export const sudFamilies: readonly string[] = ["n2", "n2d", "c2"];

/**
 * Fraction of the full-month list price paid by an instance that runs `fraction` (0–1) of the month:
 * ∫₀^fraction rate(x) dx with the quarterly rates above. sudFactor(1) = 0.8002.
 */
export function sudFactor(fraction: number): number {
  let paid = 0;
  for (let q = 0; q < 4; q++) {
    const start = q * 0.25;
    const inQuarter = Math.min(Math.max(fraction - start, 0), 0.25);
    paid += inQuarter * (sudRates[q] ?? 0);
  }
  return paid;
}

/**
 * Azure reservation and savings-plan discount levels, as fractions off pay-as-you-go. There is no
 * public per-SKU file (docs/pricing-sources.md §7.1), so these are the documented levels observed for D and
 * B families in docs/pricing-sources.md §6.3 (Standard_D8_v4 westeurope, B16als_v2 australiacentral,
 * D4ds_v5 eastus): reservations −41 % (1 y) and −62 % (3 y) in every sample; savings plans −27 % to
 * −31.6 % (1 y) and −49 % to −54.3 % (3 y): we take the smallest observed savings-plan discount, so the
 * estimate does not promise more than the samples show. Reported as an estimate.
 */
export const azureDiscounts: Readonly<Record<"ri-1y" | "ri-3y" | "savings-1y" | "savings-3y", number>> = {
  "ri-1y": 0.41,
  "ri-3y": 0.62,
  "savings-1y": 0.27,
  "savings-3y": 0.49,
};
const azureDiscountSource =
  "discount level observed on Azure's published reservation and savings-plan prices for D/B families (Standard_D8_v4 westeurope, B16als_v2 australiacentral, D4ds_v5 eastus), not a per-SKU price";

export interface ComputeCostInput {
  readonly provider: "gcp" | "azure" | "aws";
  readonly pricing: PricingOption;
  readonly machineType: string;
  readonly family: string;
  readonly region: string;
  readonly offering: Offering | undefined;
  /** Nodes running over the typical week. */
  readonly nodes: Series;
  /** Nodes covered by a commitment/reservation (the autoscaler minimum: always running). */
  readonly committedNodes: number;
  /** Where the catalog prices come from, for the lines' sources. */
  readonly priceSource: string;
  /** Date of the catalog's prices (`_meta.asOf`); an offering's `onDemandAsOf` / `spotAsOf` overrides it. */
  readonly priceAsOf: string;
}

export interface ComputeCostResult {
  readonly lines: readonly CostLine[];
  /** What is missing (machine type, region, price kind) when a line is null. */
  readonly missing: readonly string[];
  /** Info notes (pricing not applicable, estimates). */
  readonly notes: readonly string[];
  /** The pricing actually applied (e.g. on-demand when sud does not apply). */
  readonly applied: PricingOption;
}

const line = (id: string, label: string, quantity: number, unit: string, unitPriceUsd: number | null, source: string, asOf?: string): CostLine => ({
  id,
  label,
  quantity,
  unit,
  unitPriceUsd,
  usdPerMonth: unitPriceUsd === null ? null : quantity * unitPriceUsd,
  source,
  ...(asOf === undefined ? {} : { asOf }),
});

/** Which provider an option is for (on-demand and spot: all). */
function optionProvider(p: PricingOption): "gcp" | "azure" | "any" {
  if (p === "sud" || p === "cud-1y" || p === "cud-3y") return "gcp";
  if (p === "ri-1y" || p === "ri-3y" || p === "savings-1y" || p === "savings-3y") return "azure";
  return "any";
}

/** Node compute cost for a month under one pricing option. */
export function computeCost(input: ComputeCostInput): ComputeCostResult {
  const { offering, nodes, machineType, region, priceSource } = input;
  // The date of each price used: the offering's own where it has one (an older source, or spot data of another date).
  const onDemandAsOf = offering?.onDemandAsOf ?? input.priceAsOf;
  const spotAsOf = offering?.spotAsOf ?? input.priceAsOf;
  const notes: string[] = [];
  const missing: string[] = [];
  let pricing = input.pricing;
  const owner = optionProvider(pricing);
  if (owner !== "any" && owner !== input.provider) {
    notes.push(`--pricing ${pricing} applies to ${owner === "gcp" ? "GCP" : "Azure"}; ${input.provider} priced on-demand`);
    pricing = "on-demand";
  }
  if (pricing === "sud" && !sudFamilies.includes(input.family)) {
    notes.push(`sustained-use discounts apply to N2, N2D and C2 only; ${machineType} (${input.family}) priced on-demand`);
    pricing = "on-demand";
  }
  const nodeHours = nodeHoursPerMonth(nodes);
  const hourly = offering?.onDemandUsdPerHour ?? null;
  if (hourly === null) missing.push(`on-demand price of ${machineType} in ${region}`);
  const lines: CostLine[] = [];
  const sudEligible = input.provider === "gcp" && sudFamilies.includes(input.family);
  // Instances ranked by running time; the first `committed` are covered by a commitment.
  const perInstance = instanceMinutes(nodes);

  // On-demand (optionally with SUD) for the instances from `from` on.
  const onDemandFrom = (from: number, id: string, label: string, withSud: boolean): CostLine => {
    const minutes = perInstance.slice(from).reduce((a, b) => a + b, 0);
    const hours = (minutes / 60) * (hoursPerMonth / 168);
    if (!withSud || hourly === null) {
      return line(id, label, hours, "node-hour", hourly, `${priceSource}: onDemandUsdPerHour; as of ${onDemandAsOf}`, onDemandAsOf);
    }
    // Σ_j hourly × 730 × sudFactor(f_j), f_j = share of the week instance j runs; shown as an effective rate.
    const usd = perInstance.slice(from).reduce((acc, m) => acc + hourly * hoursPerMonth * sudFactor(m / minutesPerWeek), 0);
    return {
      id,
      label: `${label} with sustained use`,
      quantity: hours,
      unit: "node-hour",
      unitPriceUsd: hours === 0 ? hourly : usd / hours,
      usdPerMonth: usd,
      source: `${priceSource}: onDemandUsdPerHour × sustained-use schedule 100/86.78/73.3/60 % per quarter-month of each inferred instance (https://cloud.google.com/compute/docs/sustained-use-discounts); as of ${onDemandAsOf}`,
      asOf: onDemandAsOf,
    };
  };

  switch (pricing) {
    case "on-demand":
      lines.push(onDemandFrom(0, "compute", `${machineType} on-demand`, false));
      break;
    case "sud":
      lines.push(onDemandFrom(0, "compute", `${machineType} on-demand`, true));
      break;
    case "spot": {
      const spot = offering?.spotUsdPerHour ?? null;
      if (spot === null) missing.push(`spot price of ${machineType} in ${region}`);
      lines.push(line("compute", `${machineType} spot`, nodeHours, "node-hour", spot, `${priceSource}: spotUsdPerHour; as of ${spotAsOf}`, spotAsOf));
      break;
    }
    case "cud-1y":
    case "cud-3y": {
      const monthly = pricing === "cud-1y" ? offering?.commit1yUsdPerMonth : offering?.commit3yUsdPerMonth;
      if (monthly === undefined) missing.push(`${pricing} commitment price of ${machineType} in ${region}`);
      const c = Math.min(input.committedNodes, perInstance.length);
      // Resource-based CUDs are billed whether used or not (docs/pricing-sources.md §6.1): committed nodes × 730 h.
      lines.push(
        line(
          "compute-committed",
          `${machineType} ${pricing === "cud-1y" ? "1-year" : "3-year"} commitment`,
          input.committedNodes * hoursPerMonth,
          "node-hour",
          monthly === undefined ? null : monthly / hoursPerMonth,
          `${priceSource}: ${pricing === "cud-1y" ? "commit1yUsdPerMonth" : "commit3yUsdPerMonth"} / 730 h, billed whether used or not; as of ${input.priceAsOf}`,
          input.priceAsOf,
        ),
      );
      lines.push(onDemandFrom(c, "compute-above-commitment", `${machineType} on-demand above the commitment`, sudEligible));
      break;
    }
    case "ri-1y":
    case "ri-3y":
    case "savings-1y":
    case "savings-3y": {
      const d = azureDiscounts[pricing];
      const c = Math.min(input.committedNodes, perInstance.length);
      const kind = pricing.startsWith("ri") ? "reservation" : "savings plan";
      notes.push(
        `${kind} priced at a documented discount of ${Math.round(d * 100)} % off pay-as-you-go (an estimate from observed D/B-family prices, not a per-SKU price)`,
      );
      lines.push(
        line(
          "compute-committed",
          `${machineType} ${pricing.endsWith("1y") ? "1-year" : "3-year"} ${kind}`,
          input.committedNodes * hoursPerMonth,
          "node-hour",
          hourly === null ? null : hourly * (1 - d),
          `${priceSource}: onDemandUsdPerHour × (1 − ${d}), ${azureDiscountSource}; billed whether used or not; as of ${onDemandAsOf}`,
          onDemandAsOf,
        ),
      );
      lines.push(onDemandFrom(c, "compute-above-commitment", `${machineType} pay-as-you-go above the ${kind}`, false));
      break;
    }
  }
  return { lines, missing, notes, applied: pricing };
}

/** A line priced per unit, or null with the reason when the unit price is unknown. */
export function pricedLine(id: string, label: string, quantity: number, unit: string, unitPriceUsd: number | null, source: string, asOf?: string): CostLine {
  return line(id, label, quantity, unit, unitPriceUsd, source, asOf);
}

export interface CostSummary {
  readonly lines: readonly CostLine[];
  /** Σ lines, USD per month; null when any line's price is unknown. */
  readonly totalUsdPerMonth: number | null;
  /** Σ of the lines whose price is known (a lower bound when total is null). */
  readonly knownUsdPerMonth: number;
  readonly perDeveloperUsdPerMonth: number | null;
  readonly perEnvHourUsd: number | null;
  readonly nodeHoursPerMonth: number;
}

/** Totals of a set of lines; per developer and per env-hour divide the total. */
export function summarize(lines: readonly CostLine[], developers: number, envHours: number, nodeHours: number): CostSummary {
  const known = lines.reduce((a, l) => a + (l.usdPerMonth ?? 0), 0);
  const complete = lines.every((l) => l.usdPerMonth !== null);
  const total = complete ? known : null;
  return {
    lines,
    totalUsdPerMonth: total,
    knownUsdPerMonth: known,
    perDeveloperUsdPerMonth: total === null || developers <= 0 ? null : total / developers,
    perEnvHourUsd: total === null || envHours <= 0 ? null : total / envHours,
    nodeHoursPerMonth: nodeHours,
  };
}
