/**
 * AWS prices beyond karpenter's us-east-1 table (issue 11): on-demand Linux prices of 19 more regions from
 * rosa-calculator (2023-02-20) and spot prices from coroot's table (2024-08-09), each dated on the offering
 * (`onDemandAsOf`, `spotAsOf`). us-east-1 on-demand stays karpenter's (2026-07-20); the rosa rows of
 * us-east-1 are a cross-check only.
 */
import { join } from "node:path";
import type { CatalogSource, Offering } from "../../src/catalog/types.js";
import { cmpStr, offering } from "./format.js";
import { AWS_SRC } from "./paths.js";
import { fail, nonEmpty, positiveInt, price, readTable } from "./table.js";

export const AWS_ROSA_EC2 = "aws-ec2-ondemand-linux-rosa-calculator-2023-02-20.csv";
export const AWS_COROOT_SPOT = "aws-ec2-spot-coroot-2024-08-09.csv";
export const AWS_ROSA_DATE = "2023-02-20";
export const AWS_COROOT_DATE = "2024-08-09";
/** A region code (local zones such as us-west-2-lax-1 are not regions). */
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export interface AwsRegions {
  /** instance type → region → offering (every region, us-east-1 included, with its spot price where known). */
  readonly offerings: Map<string, Map<string, Offering>>;
  readonly sources: CatalogSource[];
  readonly notes: string[];
}

/**
 * @param types - the catalog's instance types with their facts (rows of other types are not read)
 * @param usEast1 - karpenter's us-east-1 on-demand price per type (the catalog's `_meta.asOf` prices)
 * @param baseRegion - the region of karpenter's table (us-east-1)
 */
export function readAwsRegions(
  dir: string,
  types: ReadonlyMap<string, { vcpus: number; memoryMiB: number }>,
  usEast1: ReadonlyMap<string, number>,
  baseRegion: string,
): AwsRegions {
  const onDemand = new Map<string, Map<string, { usd: number; asOf?: string }>>();
  for (const [t, usd] of usEast1) onDemand.set(t, new Map([[baseRegion, { usd }]]));

  // rosa-calculator: Linux, shared tenancy, on-demand (Price List API get_products, 2023-02-20).
  const rosaPath = join(dir, AWS_ROSA_EC2);
  const seen = new Map<string, number>();
  let sameAsKarpenter = 0;
  const differs: string[] = [];
  const rosaRegions = new Set<string>();
  for (const row of readTable(rosaPath, ",", [
    "region",
    "instance_type",
    "ondemand_usd_per_hour",
    "vcpu",
    "memory",
    "price1yr_as_in_source",
    "price3yr_as_in_source",
  ])) {
    const t = nonEmpty(row, "instance_type");
    const facts = types.get(t);
    if (facts === undefined) continue;
    const region = nonEmpty(row, "region");
    if (!REGION.test(region)) fail(row.file, row.line, "region", `"${region}" is not an AWS region code (e.g. eu-west-1)`);
    const key = `${t}|${region}`;
    if (seen.has(key)) fail(row.file, row.line, "instance_type", `second row for ${t} in ${region} (first on line ${seen.get(key)})`);
    seen.set(key, row.line);
    const vcpus = positiveInt(row, "vcpu");
    if (vcpus !== facts.vcpus) fail(row.file, row.line, "vcpu", `${t}: ${vcpus} here but ${facts.vcpus} in the instance-type specs`);
    const mem = nonEmpty(row, "memory");
    if (mem !== `${facts.memoryMiB / 1024} GiB`)
      fail(row.file, row.line, "memory", `${t}: "${mem}" here but ${facts.memoryMiB / 1024} GiB in the instance-type specs`);
    const usd = price(row, "ondemand_usd_per_hour", false) as number;
    if (region === baseRegion) {
      // Cross-check only: karpenter's 2026 table is the price.
      if (usd === usEast1.get(t)) sameAsKarpenter++;
      else differs.push(`${t} ${usd} (2023) vs ${usEast1.get(t)} (2026)`);
      continue;
    }
    rosaRegions.add(region);
    const byRegion = onDemand.get(t) ?? new Map<string, { usd: number; asOf?: string }>();
    byRegion.set(region, { usd, asOf: AWS_ROSA_DATE });
    onDemand.set(t, byRegion);
  }

  // coroot: spot (Infracost's spot data, Linux; region-level, 2024-08-09). Its on-demand column is not read.
  const spotPath = join(dir, AWS_COROOT_SPOT);
  const spot = new Map<string, Map<string, number>>();
  const seenSpot = new Map<string, number>();
  let withoutOnDemand = 0;
  let noSpot = 0;
  const localZones = new Set<string>();
  for (const row of readTable(spotPath, ",", ["region", "instance_type", "spot_usd_per_hour", "on_demand_usd_per_hour_UNRELIABLE_see_provenance"])) {
    const t = nonEmpty(row, "instance_type");
    if (!types.has(t)) continue;
    const region = nonEmpty(row, "region");
    if (!REGION.test(region)) {
      if (!/^[a-z]{2}-[a-z]+-\d-[a-z]+-\d+[a-z]?$/.test(region)) fail(row.file, row.line, "region", `"${region}" is not an AWS region code or local zone`);
      localZones.add(region);
      continue;
    }
    const key = `${t}|${region}`;
    if (seenSpot.has(key)) fail(row.file, row.line, "instance_type", `second row for ${t} in ${region} (first on line ${seenSpot.get(key)})`);
    seenSpot.set(key, row.line);
    const usd = price(row, "spot_usd_per_hour", true);
    if (usd === undefined) {
      noSpot++;
      continue;
    }
    if (onDemand.get(t)?.has(region) !== true) {
      withoutOnDemand++;
      continue;
    }
    const byRegion = spot.get(t) ?? new Map<string, number>();
    byRegion.set(region, usd);
    spot.set(t, byRegion);
  }

  const offerings = new Map<string, Map<string, Offering>>();
  for (const [t, byRegion] of onDemand) {
    const out = new Map<string, Offering>();
    for (const [region, od] of [...byRegion].sort((a, b) => cmpStr(a[0], b[0]))) {
      const s = spot.get(t)?.get(region);
      out.set(
        region,
        offering({ region, onDemandUsdPerHour: od.usd, spotUsdPerHour: s, onDemandAsOf: od.asOf, spotAsOf: s === undefined ? undefined : AWS_COROOT_DATE }),
      );
    }
    offerings.set(t, out);
  }
  const spotPairs = [...spot.values()].reduce((n, m) => n + m.size, 0);
  const spotRegions = [...new Set([...spot.values()].flatMap((m) => [...m.keys()]))].sort(cmpStr);
  const sources: CatalogSource[] = [
    {
      contributes: `Linux on-demand USD/hour (shared tenancy) in ${rosaRegions.size} regions besides ${baseRegion} (${[...rosaRegions].sort(cmpStr).join(", ")}), from the AWS Price List API as of 2023-02-20 (OLD); xlarge and larger m5, m6i, r5 only (the ROSA instance list has no .large and no m7i)`,
      repo: "jimgarrett123/rosa-calculator",
      path: "frontend/public/prices/<region>-ec2.json",
      commit: "3a214e4048b153275328a4ab10c0685d46fbf3c2",
      date: AWS_ROSA_DATE,
      license: "none stated (no licence file in the repository)",
      localCopy: `${AWS_SRC}/${AWS_ROSA_EC2}`,
    },
    {
      contributes: `Linux spot USD/hour of ${spotPairs} (type, region) pairs in ${spotRegions.length} regions (Infracost's spot data, region-level, 2024-08-09; OLD)`,
      repo: "coroot/cloud-pricing",
      path: "data/cloud-pricing.json.gz (branch gh-pages; generator update.go on main @ f1e92c18)",
      commit: "af03eada15b25d80863f2547ba281e71af9d5c91",
      date: AWS_COROOT_DATE,
      license: "Apache-2.0",
      localCopy: `${AWS_SRC}/${AWS_COROOT_SPOT}`,
    },
  ];
  const notes = [
    `On-demand prices outside ${baseRegion} come from ${AWS_ROSA_EC2} and carry onDemandAsOf ${AWS_ROSA_DATE}: OLD (three and a half years before this catalog's asOf); its ${baseRegion} rows are a cross-check only: ${sameAsKarpenter} equal karpenter's 2026 prices${differs.length > 0 ? `, ${differs.length} differ (${differs.join("; ")})` : ", none differs"}.`,
    `spotUsdPerHour (spotAsOf ${AWS_COROOT_DATE}, OLD) from ${AWS_COROOT_SPOT}: region-wide averages, not per availability zone; AWS spot prices change often. Carried only where the type has an on-demand price in the region (${withoutOnDemand} spot prices without one left out); ${noSpot} rows have no spot price (absent, never 0); local zones (${[...localZones].sort(cmpStr).join(", ") || "none"}) are not regions. The file's on-demand column is not read (it mixes Dedicated-tenancy prices).`,
  ];
  return { offerings, sources, notes };
}
