/**
 * Azure spot prices (issue 11) for the sizes of `catalogs/azure.json`: the Retail Prices API snapshot of
 * 2026-08-22 (five European regions) first, coroot's 2024-08-09 table for every other region and size.
 * Each price keeps its date (`spotAsOf`); a size or region no source has stays without a spot price.
 */
import { join } from "node:path";
import type { CatalogSource } from "../../src/catalog/types.js";
import { AZURE_SRC } from "./paths.js";
import { fail, nonEmpty, price, readTable } from "./table.js";

export const AZ_SPOT_RADAR = "azure-vm-consumption-retail-azure-pricing-radar-2026-08-22.csv";
export const AZ_SPOT_COROOT = "azure-vm-spot-coroot-2024-08-09.csv";
export const AZ_SPOT_RADAR_DATE = "2026-08-22";
export const AZ_SPOT_COROOT_DATE = "2024-08-09";

export interface SpotPrice {
  readonly usd: number;
  readonly asOf: string;
  readonly file: string;
  readonly line: number;
}

export interface AzureSpot {
  /** lower-case size name → region → spot price. */
  readonly prices: Map<string, Map<string, SpotPrice>>;
  readonly sources: CatalogSource[];
  readonly notes: string[];
}

/**
 * The Retail Prices API's skuName of a spot meter → the ARM size name: `Standard_D4s_v5 Spot` is already
 * one; older series are named like `D4s v3 Spot` → `Standard_D4s_v3` (checked: the non-spot Linux rows
 * mapped this way carry the catalog's on-demand prices for the D and E sizes, see the unit test).
 */
export function armSizeOfSkuName(skuName: string): string {
  const base = skuName.replace(/ Spot$/, "");
  return base.startsWith("Standard_") ? base : `Standard_${base.replace(/ /g, "_")}`;
}

/**
 * @param sizes - lower-case name → catalog size name (only these are read)
 * @param regions - the regions of the on-demand table (spot prices elsewhere are not carried)
 */
export function readAzureSpot(dir: string, sizes: ReadonlyMap<string, string>, regions: ReadonlySet<string>): AzureSpot {
  const prices = new Map<string, Map<string, SpotPrice>>();
  const put = (key: string, region: string, p: SpotPrice): void => {
    const byRegion = prices.get(key) ?? new Map<string, SpotPrice>();
    byRegion.set(region, p);
    prices.set(key, byRegion);
  };

  // 1. The API snapshot: Linux spot meters of "Virtual Machines <series> Series" products.
  const radarPath = join(dir, AZ_SPOT_RADAR);
  const header = [
    "arm_region_name",
    "sku_name",
    "pricing_model_derived_from_sku_suffix",
    "os_derived_from_product_name",
    "product_name",
    "meter_name",
    "unit_of_measure",
    "retail_price_usd",
    "unit_price_usd",
    "savings_plan_1yr_price_usd",
    "source_key_skuId|meterId|type|term",
    "source_file",
  ];
  const outside = new Set<string>();
  let radarRows = 0;
  for (const row of readTable(radarPath, ",", header)) {
    const model = nonEmpty(row, "pricing_model_derived_from_sku_suffix");
    if (model !== "spot" && model !== "regular" && model !== "low_priority")
      fail(row.file, row.line, "pricing_model_derived_from_sku_suffix", `expected spot, regular or low_priority, got "${model}"`);
    const os = nonEmpty(row, "os_derived_from_product_name");
    if (os !== "windows" && os !== "linux_or_other")
      fail(row.file, row.line, "os_derived_from_product_name", `expected windows or linux_or_other, got "${os}"`);
    if (model !== "spot" || os !== "linux_or_other") continue;
    const product = nonEmpty(row, "product_name");
    // Only VM products: not "… Series Cloud Services", not a "… Srs Win" product that escaped the Windows label.
    if (!/^Virtual Machines .* (Series|Srs)$/.test(product)) continue;
    const sku = nonEmpty(row, "sku_name");
    if (!sku.endsWith(" Spot")) fail(row.file, row.line, "sku_name", `a spot row whose sku_name "${sku}" does not end with " Spot"`);
    const name = sizes.get(armSizeOfSkuName(sku).toLowerCase());
    if (name === undefined) continue;
    const region = nonEmpty(row, "arm_region_name");
    if (!regions.has(region)) {
      outside.add(region);
      continue;
    }
    if (nonEmpty(row, "unit_of_measure") !== "1 Hour") fail(row.file, row.line, "unit_of_measure", `expected "1 Hour", got "${row.get("unit_of_measure")}"`);
    const usd = price(row, "retail_price_usd", false) as number;
    if (price(row, "unit_price_usd", false) !== usd)
      fail(row.file, row.line, "unit_price_usd", `${row.get("unit_price_usd")} differs from retail_price_usd ${row.get("retail_price_usd")}`);
    const key = name.toLowerCase();
    const first = prices.get(key)?.get(region);
    if (first) fail(row.file, row.line, "sku_name", `second Linux spot price for ${name} in ${region} (first on line ${first.line})`);
    put(key, region, { usd, asOf: AZ_SPOT_RADAR_DATE, file: AZ_SPOT_RADAR, line: row.line });
    radarRows++;
  }

  // 2. coroot's table (2024-08-09) fills the rest. Its on-demand column is not read (it mixes Windows prices).
  const corootPath = join(dir, AZ_SPOT_COROOT);
  let corootRows = 0;
  let corootSet = 0;
  let noSpot = 0;
  const seen = new Map<string, number>();
  for (const row of readTable(corootPath, ",", ["region", "arm_sku_name", "spot_usd_per_hour", "on_demand_usd_per_hour_UNRELIABLE_see_provenance"])) {
    const region = nonEmpty(row, "region");
    const name = sizes.get(nonEmpty(row, "arm_sku_name").toLowerCase());
    if (name === undefined || !regions.has(region)) continue;
    const key = `${name}|${region}`;
    if (seen.has(key)) fail(row.file, row.line, "arm_sku_name", `second row for ${name} in ${region} (first on line ${seen.get(key)})`);
    seen.set(key, row.line);
    const usd = price(row, "spot_usd_per_hour", true);
    if (usd === undefined) {
      noSpot++; // no spot price upstream: absent, never 0
      continue;
    }
    corootRows++;
    if (prices.get(name.toLowerCase())?.has(region)) continue; // the 2026 snapshot has it
    put(name.toLowerCase(), region, { usd, asOf: AZ_SPOT_COROOT_DATE, file: AZ_SPOT_COROOT, line: row.line });
    corootSet++;
  }

  const sources: CatalogSource[] = [
    {
      contributes: `Linux spot USD/hour of ${radarRows} (size, region) pairs in ${[...new Set([...prices.values()].flatMap((m) => [...m].filter(([, p]) => p.asOf === AZ_SPOT_RADAR_DATE).map(([r]) => r)))].sort().join(", ")} (Azure Retail Prices API snapshot, Virtual Machines, Consumption; last checked 2026-08-22)`,
      repo: "andy-diericks/azure-pricing-radar",
      path: "data/latest/vm-{eu-west,northeurope,francecentral,swedencentral,belgium}.json",
      commit: "cf741f25c50759745f8eb5dcaf6c3746669c8f31",
      date: AZ_SPOT_RADAR_DATE,
      license: "MIT",
      localCopy: `${AZURE_SRC}/${AZ_SPOT_RADAR}`,
    },
    {
      contributes: `spot USD/hour of ${corootSet} more (size, region) pairs (Infracost's pricing dump of the Azure Retail Prices API, 2024-08-09; OLD; the OS is not recorded upstream — the values match Linux spot levels)`,
      repo: "coroot/cloud-pricing",
      path: "data/cloud-pricing.json.gz (branch gh-pages; generator update.go on main @ f1e92c18)",
      commit: "af03eada15b25d80863f2547ba281e71af9d5c91",
      date: AZ_SPOT_COROOT_DATE,
      license: "Apache-2.0",
      localCopy: `${AZURE_SRC}/${AZ_SPOT_COROOT}`,
    },
  ];
  const notes = [
    `spotUsdPerHour = Linux spot price per hour, each dated by spotAsOf: ${AZ_SPOT_RADAR_DATE} where ${AZ_SPOT_RADAR} has it (Linux spot meters of "Virtual Machines … Series" products; skuName "D4s v3 Spot" → Standard_D4s_v3), else ${AZ_SPOT_COROOT_DATE} from ${AZ_SPOT_COROOT} (OLD: spot prices move often; refresh before acting on them). Spot prices are region-wide list prices; the price a VM pays can differ by zone and moment, and a spot VM can be evicted at any time.`,
    `${AZ_SPOT_COROOT}: ${corootRows} rows of catalog sizes and regions have a spot price (${corootRows - corootSet} of them set aside for the 2026 snapshot), ${noSpot} have none (absent, never 0); its on-demand column is not read (it mixes Windows prices). The file records no OS: its values are taken as Linux because they sit at Linux spot levels (reference README).`,
    ...(outside.size > 0 ? [`Spot rows of regions without an on-demand price file are not carried: ${[...outside].sort().join(", ")}.`] : []),
  ];
  return { prices, sources, notes };
}
