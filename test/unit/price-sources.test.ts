/**
 * Issue 11: every price row of the new public inputs (catalogs/sources/azure/, catalogs/sources/aws/) is
 * reproduced by the catalogs the build writes — the newest source per (region, class, tier) or per
 * (size, region), older sources filling the gaps — with its file, line and date; and a malformed row
 * stops the build with one line naming the file, the line and the field.
 *
 * Where the expected values come from: each source file is read here with a plain split on commas (the
 * files have no quoting), independently of the build's reader, and the precedence rule is applied here
 * again: the expected numbers are the files' own cells.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildAws,
  buildAwsStorage,
  buildAzure,
  buildAzureStorage,
  buildCatalogs,
  CatalogBuildError,
  DEFAULT_SOURCES_DIR,
} from "../../scripts/build-catalogs.js";
import { armSizeOfSkuName } from "../../scripts/catalogs/azure-spot.js";
import type { StorageCatalog } from "../../src/catalog/storage-types.js";
import type { CatalogPriceFile } from "../../src/catalog/types.js";

const sources = DEFAULT_SOURCES_DIR;
const built = buildCatalogs(sources);
const azureStorage = JSON.parse(built["storage/azure.json"] ?? "{}") as StorageCatalog;
const awsStorage = JSON.parse(built["storage/aws.json"] ?? "{}") as StorageCatalog;
const priceFile = (provider: string, region: string): CatalogPriceFile => JSON.parse(built[`prices/${provider}/${region}.json`] ?? "{}") as CatalogPriceFile;
const regionsOf = (provider: string): string[] =>
  Object.keys(built)
    .filter((f) => f.startsWith(`prices/${provider}/`))
    .map((f) => f.slice(`prices/${provider}/`.length, -".json".length));

/** Rows of a source file as cells, each with its 1-based line number (the header is line 1). */
function rows(folder: "azure" | "aws", file: string): { c: string[]; line: number }[] {
  const lines = readFileSync(join(sources, folder, file), "utf8")
    .replace(/\n$/, "")
    .split("\n");
  return lines.slice(1).map((l, i) => ({ c: l.split(","), line: i + 2 }));
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
/** A copy of catalogs/sources/ with one file's text edited. */
function sourcesWith(folder: string, file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "cc-plan-sources-"));
  tempDirs.push(dir);
  cpSync(sources, dir, { recursive: true });
  const path = join(dir, folder, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}
/** Replaces line `n` (1-based) of a text. */
const atLine =
  (n: number, f: (line: string) => string) =>
  (text: string): string =>
    text
      .split("\n")
      .map((l, i) => (i === n - 1 ? f(l) : l))
      .join("\n");

interface Expected {
  usd: number;
  source: string;
  asOf: string;
  rank: number;
}
/** Keeps, per key, the candidate of the lowest rank (newest source). */
function newest(map: Map<string, Expected>, key: string, e: Expected): void {
  const cur = map.get(key);
  if (cur === undefined || e.rank < cur.rank) map.set(key, e);
}

describe("Azure managed disks: every P/E/S LRS tier price of the four inputs, newest first", () => {
  const RADAR = "azure-managed-disks-retail-azure-pricing-radar-2026-08-22.csv";
  const GOLDENS = "managed-disk-prices.csv";
  const HDD = "azure-disk-standard-hdd-terra-ui-2023-02.csv";
  const SSD = "azure-disk-standard-ssd-terra-ui-2023-01.csv";
  const classOf: Record<string, string> = { P: "Premium_LRS", E: "StandardSSD_LRS", S: "Standard_LRS" };
  const expected = new Map<string, Expected>(); // region|class|tier
  for (const { c, line } of rows("azure", RADAR)) {
    const m = /^([PES])(\d+) LRS Disk$/.exec(c[3] ?? "");
    if (c[7] !== "yes" || !m) continue;
    newest(expected, `${c[0]}|${classOf[m[1] ?? ""]}|${m[1]}${m[2]}`, { usd: Number(c[5]), source: `${RADAR} line ${line}`, asOf: "2026-08-22", rank: 0 });
  }
  for (const { c, line } of rows("azure", GOLDENS))
    newest(expected, `${c[0]}|${c[1]}|${c[2]}`, { usd: Number(c[3]), source: `${GOLDENS} line ${line}`, asOf: c[4] ?? "", rank: 1 });
  for (const [file, cls, asOf, rank] of [
    [HDD, "Standard_LRS", "2023-02-09", 2],
    [SSD, "StandardSSD_LRS", "2023-01-25", 3],
  ] as const) {
    for (const { c, line } of rows("azure", file)) {
      const tier = (c[1] ?? "").replace(/ LRS$/, "");
      if (tier === "S90") continue; // no size for S90 in the tier table (the catalog's notes say so)
      newest(expected, `${c[0]}|${cls}|${tier}`, { usd: Number(c[2]), source: `${file} line ${line}`, asOf, rank });
    }
  }

  it("storage/azure.json holds exactly these prices, each with its file, line and date", () => {
    const actual = new Map<string, Omit<Expected, "rank">>();
    for (const [region, byClass] of Object.entries(azureStorage.regions))
      for (const [cls, p] of Object.entries(byClass))
        for (const [tier, usd] of Object.entries(p.usdPerTierMonth ?? {}))
          actual.set(`${region}|${cls}|${tier}`, { usd, source: p.tierSources?.[tier] ?? "", asOf: p.tierAsOf?.[tier] ?? "" });
    const want = new Map([...expected].map(([k, { rank: _r, ...v }]) => [k, v]));
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...want].sort()));
  });

  it("coverage: regions × classes, and the regions of the 2026 snapshot are priced from it", () => {
    const count = (cls: string): number => Object.values(azureStorage.regions).filter((r) => r[cls] !== undefined).length;
    expect([count("Premium_LRS"), count("StandardSSD_LRS"), count("Standard_LRS")]).toEqual([6, 54, 53]);
    for (const region of ["westeurope", "northeurope", "francecentral", "swedencentral", "belgiumcentral"]) {
      for (const cls of ["Premium_LRS", "StandardSSD_LRS", "Standard_LRS"]) {
        expect(
          Object.values(azureStorage.regions[region]?.[cls]?.tierAsOf ?? {}).every((d) => d === "2026-08-22"),
          `${region} ${cls}`,
        ).toBe(true);
      }
    }
    // every tier of the three classes in the five radar regions: P1–P80 and E1–E80 (14 each), S4–S80 (11)
    expect(Object.keys(azureStorage.regions.westeurope?.Premium_LRS?.usdPerTierMonth ?? {})).toHaveLength(14);
    expect(Object.keys(azureStorage.regions.westeurope?.Standard_LRS?.usdPerTierMonth ?? {})).toHaveLength(11);
    expect(azureStorage._meta.asOf).toBe("2026-08-22");
    expect(azureStorage._meta.notes.join(" ")).toMatch(/2023 prices .* are old/);
  });

  it("the eastus infracost values are quoted in docs/pricing-sources.md §2.7", () => {
    const doc = readFileSync(join(sources, "..", "..", "docs", "pricing-sources.md"), "utf8").replace(/\s+/g, " ");
    for (const { c } of rows("azure", GOLDENS)) expect(doc).toContain(`${c[2]} LRS $${c[3]}`);
  });

  it.each([
    [
      "radar: a tier meter of another unit",
      RADAR,
      (t: string) => t.replace(/^(westeurope,Standard SSD Managed Disks,E10 LRS,E10 LRS Disk),1\/Month,/m, "$1,1 Hour,"),
      /^azure-managed-disks-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field unit_of_measure: expected "1\/Month" \(a price per disk-month\), got "1 Hour"$/,
    ],
    [
      "radar: a price of 0",
      RADAR,
      (t: string) => t.replace(/^(westeurope,Standard SSD Managed Disks,E10 LRS,E10 LRS Disk,1\/Month),9\.6,9\.6,/m, "$1,0,0,"),
      /^azure-managed-disks-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field retail_price_usd: price 0 is not > 0/,
    ],
    [
      "radar: a tier of the wrong product",
      RADAR,
      (t: string) => t.replace(/^westeurope,Standard SSD Managed Disks,E10 LRS,E10 LRS Disk,/m, "westeurope,Premium SSD Managed Disks,E10 LRS,E10 LRS Disk,"),
      /^azure-managed-disks-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field sku_name: E10 LRS is not a tier of Premium SSD Managed Disks$/,
    ],
    [
      "radar: a missing cell",
      RADAR,
      (t: string) => t.replace(/^(westeurope,Standard SSD Managed Disks,E10 LRS,E10 LRS Disk,1\/Month,9\.6),9\.6,/m, "$1,"),
      /^azure-managed-disks-retail-azure-pricing-radar-2026-08-22\.csv line \d+: expected 10 cells, got 9$/,
    ],
    [
      "terra-ui: an unknown tier",
      SSD,
      atLine(63, () => "eastus,E11 LRS,9.6"),
      /^azure-disk-standard-ssd-terra-ui-2023-01\.csv line 63 field disk_tier: "E11" is not a StandardSSD_LRS tier/,
    ],
    [
      "terra-ui: a second row for one tier",
      HDD,
      (t: string) => t.replace(/^(eastus,S4 LRS,1\.536)$/m, "$1\n$1"),
      /^azure-disk-standard-hdd-terra-ui-2023-02\.csv line \d+ field disk_tier: second Standard_LRS S4 row for eastus \(first on line \d+\)$/,
    ],
    [
      "terra-ui: a non-numeric price",
      HDD,
      (t: string) => t.replace(/^eastus,S4 LRS,1\.536$/m, "eastus,S4 LRS,cheap"),
      /^azure-disk-standard-hdd-terra-ui-2023-02\.csv line \d+ field monthly_usd: "cheap" is not a decimal number$/,
    ],
    [
      "goldens: an unknown class",
      GOLDENS,
      atLine(2, (l) => l.replace("Premium_LRS", "Premium_ZRS")),
      /^managed-disk-prices\.csv line 2 field class: unknown class "Premium_ZRS"/,
    ],
    [
      "goldens: a date that is not the goldens'",
      GOLDENS,
      atLine(2, (l) => l.replace("2025-01", "2026-12")),
      /^managed-disk-prices\.csv line 2 field as_of: expected 2025-01/,
    ],
    [
      "goldens: a bad region name",
      GOLDENS,
      atLine(2, (l) => l.replace("eastus", "East US")),
      /^managed-disk-prices\.csv line 2 field region: "East US" is not an Azure region name/,
    ],
  ])("%s is rejected in one line naming the file, line and field", (_name, file, edit, message) => {
    const dir = sourcesWith("azure", file, edit);
    const build = (): unknown => buildAzureStorage(dir, buildAzure(sources)._meta);
    expect(build).toThrow(CatalogBuildError);
    expect(build).toThrow(message);
  });
});

describe("AWS EBS: gp3, gp2 and snapshot prices of the three inputs, newest first", () => {
  const TELLURY = "aws-pricelist-api-recorded-tellury-2026-08.csv";
  const ROSA = "aws-ebs-rosa-calculator-2023-02-20.csv";
  const CLOUDKEEP = "aws-ebs-cloudkeep-2022-02-10.csv";
  const expected = new Map<string, Expected>(); // region|class
  for (const { c, line } of rows("aws", TELLURY)) {
    const cls =
      c[3] === "Storage" && (c[5] === "gp2" || c[5] === "gp3")
        ? c[5]
        : c[3] === "Storage Snapshot" && /^([A-Z0-9]+-)?EBS:SnapshotUsage$/.test(c[4] ?? "")
          ? "snapshot"
          : undefined;
    if (cls) newest(expected, `${c[1]}|${cls}`, { usd: Number(c[8]), source: `${TELLURY} line ${line}`, asOf: (c[13] ?? "").slice(0, 10), rank: 0 });
  }
  const rosaClass: Record<string, string> = {
    "Storage General Purpose gp2 GB Mo": "gp2",
    "Storage General Purpose gp3 GB Mo": "gp3",
    "Storage Snapshot Amazon S3 GB Mo": "snapshot",
  };
  for (const { c, line } of rows("aws", ROSA)) {
    const cls = rosaClass[c[1] ?? ""];
    if (cls) newest(expected, `${c[0]}|${cls}`, { usd: Number(c[2]), source: `${ROSA} line ${line}`, asOf: "2023-02-20", rank: 1 });
  }
  for (const { c, line } of rows("aws", CLOUDKEEP)) {
    if (c[1] !== "region" || c[2] === "aws-cn" || (c[4] !== "gp2" && c[4] !== "gp3") || c[5] !== "pricePerGBMonth" || c[6] === "") continue;
    newest(expected, `${c[0]}|${c[4]}`, { usd: Number(c[6]), source: `${CLOUDKEEP} line ${line}`, asOf: "2022-02-10", rank: 2 });
  }

  it("storage/aws.json holds exactly these prices, each with its file, line and date", () => {
    const actual = Object.fromEntries(
      Object.entries(awsStorage.regions).flatMap(([r, byClass]) =>
        Object.entries(byClass).map(([cls, p]) => [`${r}|${cls}`, { usd: p.usdPerGiBMonth, source: p.source, asOf: p.asOf }]),
      ),
    );
    expect(actual).toEqual(Object.fromEntries([...expected].map(([k, { rank: _r, ...v }]) => [k, v])));
    // 24 regions with gp2/gp3 (us-east-1 and eu-west-1 from 2026, 19 from 2023, 3 from 2022), snapshots in 21
    const count = (cls: string): number => Object.values(awsStorage.regions).filter((r) => r[cls] !== undefined).length;
    expect([count("gp3"), count("gp2"), count("snapshot")]).toEqual([24, 24, 21]);
    expect(awsStorage.regions["us-east-1"]?.gp3).toMatchObject({ usdPerGiBMonth: 0.08, asOf: "2026-08-10" });
  });

  it.each([
    [
      "tellury: a gp3 row of another unit",
      TELLURY,
      (t: string) => t.replace(/(,Storage,EBS:VolumeUsage\.gp3,gp3,),GB-Mo,/, "$1,GB-month,"),
      /^aws-pricelist-api-recorded-tellury-2026-08\.csv line 6 field unit: expected GB-Mo \(per GB-month\), got "GB-month"$/,
    ],
    [
      "tellury: a tiered rate",
      TELLURY,
      (t: string) => t.replace(/(,Storage,EBS:VolumeUsage\.gp3,gp3,,GB-Mo,0\.0800000000),0,Inf,/, "$1,0,1000,"),
      /^aws-pricelist-api-recorded-tellury-2026-08\.csv line 6 field begin_range: expected one flat rate/,
    ],
    [
      "rosa: a region that is not a region code",
      ROSA,
      (t: string) => t.replace(/^us-east-2,Storage General Purpose gp3 GB Mo,/m, "Ohio,Storage General Purpose gp3 GB Mo,"),
      /^aws-ebs-rosa-calculator-2023-02-20\.csv line \d+ field region: "Ohio" is not an AWS region code/,
    ],
    [
      "rosa: a second gp3 price for a region",
      ROSA,
      (t: string) => t.replace(/^(us-east-2,Storage General Purpose gp3 GB Mo,.*)$/m, "$1\n$1"),
      /^aws-ebs-rosa-calculator-2023-02-20\.csv line \d+ field price_usd: second gp3 price for us-east-2 \(first on line \d+\)$/,
    ],
    [
      "cloudkeep: a negative price",
      CLOUDKEEP,
      (t: string) => t.replace(/^(ap-south-1,region,aws,Asia Pacific \(Mumbai\),gp3,pricePerGBMonth),0\.0912000000$/m, "$1,-0.0912"),
      /^aws-ebs-cloudkeep-2022-02-10\.csv line \d+ field usd: "-0\.0912" is not a decimal number$/,
    ],
    [
      "cloudkeep: an unknown partition",
      CLOUDKEEP,
      (t: string) => t.replace(/^ap-south-1,region,aws,/m, "ap-south-1,region,aws-eu,"),
      /^aws-ebs-cloudkeep-2022-02-10\.csv line \d+ field partition: expected aws, aws-us-gov or aws-cn, got "aws-eu"$/,
    ],
  ])("%s is rejected in one line naming the file, line and field", (_name, file, edit, message) => {
    const dir = sourcesWith("aws", file, edit);
    expect(() => buildAwsStorage(dir)).toThrow(CatalogBuildError);
    expect(() => buildAwsStorage(dir)).toThrow(message);
  });
});

describe("Azure spot prices: the 2026-08-22 API snapshot first, the 2024-08-09 table for the rest", () => {
  const RADAR = "azure-vm-consumption-retail-azure-pricing-radar-2026-08-22.csv";
  const COROOT = "azure-vm-spot-coroot-2024-08-09.csv";
  const azure = JSON.parse(built["azure.json"] ?? "{}") as { machineTypes: { name: string }[]; regions: string[] };
  const sizes = new Map(azure.machineTypes.map((m) => [m.name.toLowerCase(), m.name]));
  const onDemand = new Set(
    azure.regions.flatMap((r) =>
      Object.entries(priceFile("azure", r).offerings)
        .filter(([, o]) => o.onDemandUsdPerHour !== undefined)
        .map(([n]) => `${n}|${r}`),
    ),
  );
  const expected = new Map<string, Expected>(); // size|region
  for (const { c, line } of rows("azure", RADAR)) {
    if (c[2] !== "spot" || c[3] !== "linux_or_other" || !/^Virtual Machines .* (Series|Srs)$/.test(c[4] ?? "")) continue;
    const name = sizes.get(armSizeOfSkuName(c[1] ?? "").toLowerCase());
    if (name && onDemand.has(`${name}|${c[0]}`))
      newest(expected, `${name}|${c[0]}`, { usd: Number(c[7]), source: `${RADAR} line ${line}`, asOf: "2026-08-22", rank: 0 });
  }
  for (const { c, line } of rows("azure", COROOT)) {
    const name = sizes.get((c[1] ?? "").toLowerCase());
    if (name && c[2] !== "" && onDemand.has(`${name}|${c[0]}`))
      newest(expected, `${name}|${c[0]}`, { usd: Number(c[2]), source: `${COROOT} line ${line}`, asOf: "2024-08-09", rank: 1 });
  }

  it("every offering's spotUsdPerHour and spotAsOf are the newest source's row (and no other offering has one)", () => {
    const actual: Record<string, { usd: number | undefined; asOf: string | undefined }> = {};
    for (const r of regionsOf("azure"))
      for (const [name, o] of Object.entries(priceFile("azure", r).offerings))
        if (o.spotUsdPerHour !== undefined || o.spotAsOf !== undefined) actual[`${name}|${r}`] = { usd: o.spotUsdPerHour, asOf: o.spotAsOf };
    expect(actual).toEqual(Object.fromEntries([...expected].map(([k, e]) => [k, { usd: e.usd, asOf: e.asOf }])));
    // coverage: 92 sizes (every size but the 9 B-series v1, which Azure does not sell as spot) in 50 of 57 regions
    const keys = [...expected.keys()];
    expect(new Set(keys.map((k) => k.split("|")[0])).size).toBe(92);
    expect(new Set(keys.map((k) => k.split("|")[1])).size).toBe(50);
    expect([...expected.values()].filter((e) => e.asOf === "2026-08-22").length).toBe(368);
    // the acceptance command's offering: westeurope Standard_D48_v4 spot from the 2026 snapshot
    expect(priceFile("azure", "westeurope").offerings.Standard_D48_v4).toMatchObject({
      spotAsOf: "2026-08-22",
      spotUsdPerHour: expected.get("Standard_D48_v4|westeurope")?.usd,
    });
  });

  it("the skuName → size mapping is right: the snapshot's regular Linux rows of D and E sizes carry the catalog's on-demand prices in westeurope", () => {
    let checked = 0;
    for (const { c } of rows("azure", RADAR)) {
      if (c[0] !== "westeurope" || c[2] !== "regular" || c[3] !== "linux_or_other" || !/^Virtual Machines (D|E)\w* Series$/.test(c[4] ?? "")) continue;
      const name = sizes.get(armSizeOfSkuName(c[1] ?? "").toLowerCase());
      if (!name) continue;
      expect(priceFile("azure", "westeurope").offerings[name]?.onDemandUsdPerHour, name).toBe(Number(c[7]));
      checked++;
    }
    expect(checked).toBe(61); // the Dv3, Dsv3, Dv4, Dsv4, Dv5, Dsv5, Ddsv5 and Esv5 sizes of the catalog with a regular Linux row there
  });

  it("spot is below on-demand for every D/E offering", () => {
    for (const r of regionsOf("azure"))
      for (const [name, o] of Object.entries(priceFile("azure", r).offerings))
        if (o.spotUsdPerHour !== undefined && o.priceSuspect === undefined) expect(o.spotUsdPerHour, `${name} ${r}`).toBeLessThan(o.onDemandUsdPerHour ?? 0);
  });

  it.each([
    [
      "snapshot: a second Linux spot row for one size",
      RADAR,
      (t: string) => t.replace(/^(westeurope,Standard_D4s_v5 Spot,spot,linux_or_other,.*)$/m, "$1\n$1"),
      /^azure-vm-consumption-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field sku_name: second Linux spot price for Standard_D4s_v5 in westeurope \(first on line \d+\)$/,
    ],
    [
      "snapshot: an unknown pricing model",
      RADAR,
      (t: string) => t.replace(/^westeurope,Standard_D4s_v5 Spot,spot,/m, "westeurope,Standard_D4s_v5 Spot,reserved,"),
      /^azure-vm-consumption-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field pricing_model_derived_from_sku_suffix: expected spot, regular or low_priority, got "reserved"$/,
    ],
    [
      "snapshot: a spot price per month",
      RADAR,
      (t: string) => t.replace(/^(westeurope,Standard_D4s_v5 Spot,spot,linux_or_other,[^,]*,[^,]*),1 Hour,/m, "$1,1/Month,"),
      /^azure-vm-consumption-retail-azure-pricing-radar-2026-08-22\.csv line \d+ field unit_of_measure: expected "1 Hour", got "1\/Month"$/,
    ],
    [
      "coroot: a spot price of 0",
      COROOT,
      (t: string) => t.replace(/^(eastus,Standard_D4s_v5),[^,]+,/m, "$1,0,"),
      /^azure-vm-spot-coroot-2024-08-09\.csv line \d+ field spot_usd_per_hour: price 0 is not > 0/,
    ],
    [
      "coroot: a second row for one size",
      COROOT,
      (t: string) => t.replace(/^(eastus,Standard_D4s_v5,.*)$/m, "$1\n$1"),
      /^azure-vm-spot-coroot-2024-08-09\.csv line \d+ field arm_sku_name: second row for Standard_D4s_v5 in eastus \(first on line \d+\)$/,
    ],
  ])("%s is rejected in one line naming the file, line and field", (_name, file, edit, message) => {
    const dir = sourcesWith("azure", file, edit);
    expect(() => buildAzure(dir)).toThrow(CatalogBuildError);
    expect(() => buildAzure(dir)).toThrow(message);
  });
});

describe("AWS: on-demand prices of 19 more regions (2023-02-20) and spot prices (2024-08-09)", () => {
  const ROSA = "aws-ec2-ondemand-linux-rosa-calculator-2023-02-20.csv";
  const COROOT = "aws-ec2-spot-coroot-2024-08-09.csv";
  const base = priceFile("aws", "us-east-1").offerings;
  const types = new Set(Object.keys(base));
  const od = new Map<string, { usd: number; asOf?: string }>(); // type|region
  for (const [t, o] of Object.entries(base)) od.set(`${t}|us-east-1`, { usd: o.onDemandUsdPerHour ?? Number.NaN });
  for (const { c } of rows("aws", ROSA))
    if (types.has(c[1] ?? "") && c[0] !== "us-east-1") od.set(`${c[1]}|${c[0]}`, { usd: Number(c[2]), asOf: "2023-02-20" });
  const spot = new Map<string, number>();
  for (const { c } of rows("aws", COROOT)) if (od.has(`${c[1]}|${c[0]}`) && c[2] !== "") spot.set(`${c[1]}|${c[0]}`, Number(c[2]));

  it("every offering is karpenter's us-east-1 price or the 2023 table's, with the 2024 spot price where there is one", () => {
    const actual: Record<string, unknown> = {};
    for (const r of regionsOf("aws")) for (const [t, o] of Object.entries(priceFile("aws", r).offerings)) actual[`${t}|${r}`] = o;
    const want: Record<string, unknown> = {};
    for (const [k, v] of od) {
      const s = spot.get(k);
      want[k] = {
        onDemandUsdPerHour: v.usd,
        ...(s === undefined ? {} : { spotUsdPerHour: s }),
        ...(v.asOf ? { onDemandAsOf: v.asOf } : {}),
        ...(s === undefined ? {} : { spotAsOf: "2024-08-09" }),
      };
    }
    expect(actual).toEqual(want);
    expect(regionsOf("aws")).toHaveLength(20);
    expect(spot.size).toBe(489);
    expect(new Set([...spot.keys()].map((k) => k.split("|")[1])).size).toBe(19); // us-gov-east-1 has no spot row
  });

  it("the 2023 table agrees with karpenter's 2026 prices in us-east-1 (a cross-check only)", () => {
    let n = 0;
    for (const { c } of rows("aws", ROSA)) {
      if (c[0] !== "us-east-1" || !types.has(c[1] ?? "")) continue;
      expect(Number(c[2]), c[1]).toBe(base[c[1] ?? ""]?.onDemandUsdPerHour);
      n++;
    }
    expect(n).toBe(25);
  });

  it.each([
    [
      "rosa: a vCPU count that is not the spec table's",
      ROSA,
      (t: string) => t.replace(/^(eu-west-1,m5\.2xlarge,[^,]+),8,/m, "$1,16,"),
      /^aws-ec2-ondemand-linux-rosa-calculator-2023-02-20\.csv line \d+ field vcpu: m5\.2xlarge: 16 here but 8 in the instance-type specs$/,
    ],
    [
      "rosa: a second row for one type",
      ROSA,
      (t: string) => t.replace(/^(eu-west-1,m5\.2xlarge,.*)$/m, "$1\n$1"),
      /^aws-ec2-ondemand-linux-rosa-calculator-2023-02-20\.csv line \d+ field instance_type: second row for m5\.2xlarge in eu-west-1 \(first on line \d+\)$/,
    ],
    [
      "rosa: an empty price",
      ROSA,
      (t: string) => t.replace(/^(eu-west-1,m5\.2xlarge),[^,]+,/m, "$1,,"),
      /^aws-ec2-ondemand-linux-rosa-calculator-2023-02-20\.csv line \d+ field ondemand_usd_per_hour: empty price$/,
    ],
    [
      "coroot: a region that is neither a region nor a local zone",
      COROOT,
      (t: string) => t.replace(/^eu-west-1,m5\.2xlarge,/m, "Ireland,m5.2xlarge,"),
      /^aws-ec2-spot-coroot-2024-08-09\.csv line \d+ field region: "Ireland" is not an AWS region code or local zone$/,
    ],
  ])("%s is rejected in one line naming the file, line and field", (_name, file, edit, message) => {
    const dir = sourcesWith("aws", file, edit);
    expect(() => buildAws(dir)).toThrow(CatalogBuildError);
    expect(() => buildAws(dir)).toThrow(message);
  });
});
