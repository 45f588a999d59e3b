/**
 * Storage and fee catalogs: disk prices worked out from first principles against the source rows
 * (catalogs/sources/gcp/gcp-gce-disk-prices.csv; the Azure managed-disk and AWS EBS inputs in
 * catalogs/sources/azure/ and catalogs/sources/aws/, each expected number read from its file and line), the
 * validators, and the loaders on the real catalogs/ folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CatalogError, loadFeeCatalog, loadStorageCatalog } from "../../src/adapters/catalog-fs.js";
import { parseFeeFile, parseStorageFile } from "../../src/catalog/parse-storage.js";
import { clusterFee, diskPrice, storageClassIds } from "../../src/catalog/storage-lookup.js";
import type { FeeCatalog, StorageCatalog } from "../../src/catalog/storage-types.js";
import { referenceFile } from "../support/reference.js";

const catalogDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "catalogs");
function must<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`missing ${what}`);
  return x;
}
const gcp = must(loadStorageCatalog("gcp", { dir: catalogDir }), "catalogs/storage/gcp.json");
const azure = must(loadStorageCatalog("azure", { dir: catalogDir }), "catalogs/storage/azure.json");
const aws = must(loadStorageCatalog("aws", { dir: catalogDir }), "catalogs/storage/aws.json");
const fees = loadFeeCatalog({ dir: catalogDir });
const GiB = 2 ** 30;

/** The reference row `<storage_key>,<disk_type>,<region>,<month_usd_per_gib>,…` and its line number. */
const diskRows = readFileSync(referenceFile("gcp-gce-disk-prices.csv"), "utf8").split("\n");
function refPrice(key: string, region: string): { usd: number; line: number } {
  const i = diskRows.findIndex((l) => l.split(",")[0] === key && l.split(",")[2] === region);
  if (i < 0) throw new Error(`no reference row ${key} ${region}`);
  return { usd: Number(diskRows[i]?.split(",")[3]), line: i + 1 };
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
/** A catalog folder holding the given files (path relative to the folder → text). */
function catalogFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cc-plan-storage-"));
  tempDirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe("GCP disks: ⌈bytes / 2^30⌉ GiB × USD per GiB-month (docs/pricing-sources.md §1.6; GCP bills provisioned GiB)", () => {
  it.each([
    // [class, storage_key in the extract, region, size in bytes, billed GiB, expected $/month, where it comes from]
    ["pd-balanced", "balanced", "us-central1", 100 * GiB, 100, 10.0, "100 × 0.10 (row 'balanced,pd-balanced,us-central1,0.1')"],
    ["pd-balanced", "balanced", "us-central1", 100.5 * GiB, 101, 10.1, "100.5 GiB bills 101 GiB: 101 × 0.10"],
    ["pd-balanced", "balanced", "us-central1", 100 * GiB + 1, 101, 10.1, "one byte over 100 GiB bills 101 GiB"],
    ["pd-ssd", "ssd", "europe-west1", 100.5 * GiB, 101, 17.17, "101 × 0.17 (row 'ssd,pd-ssd,europe-west1,0.17')"],
    ["pd-standard", "hdd", "us-central1", 1, 1, 0.04, "1 byte bills 1 GiB: 1 × 0.04"],
    ["pd-balanced-regional", "balanced-replicated", "us-central1", 100 * GiB, 100, 20.0, "100 × 0.20 (regional = 2 × zonal, reference README)"],
    ["snapshot", "snapshot", "us-central1", 20 * GiB, 20, 1.0, "20 × 0.05 (row 'snapshot,pd-snapshot,us-central1,0.05')"],
    ["pd-balanced", "balanced", "africa-south1", 10 * GiB, 10, 1.09788, "10 × 0.109788 (row 'balanced,pd-balanced,africa-south1,0.109788')"],
  ])("%s in %s: %s bytes → %s GiB → $%s", (cls, key, region, bytes, gib, usd, _why) => {
    const ref = refPrice(key, region);
    // the expected number is derived from the reference row itself, then pinned
    expect(gib * ref.usd).toBeCloseTo(usd, 12);
    const r = diskPrice(gcp, region, cls, bytes);
    expect(r).toMatchObject({
      ok: true,
      quantityPerDisk: gib,
      unitPrice: ref.usd,
      unit: "GiB-month",
      source: `gcp-gce-disk-prices.csv line ${ref.line} (Cyclenerd pricing.yml @ fd66b26f)`,
      asOf: "2026-07-30",
    });
    expect(r.ok && r.usdPerMonth).toBeCloseTo(usd, 12);
  });

  it("a region without a price for the class is not ok, never $0 (us-multi has only snapshot prices in the extract)", () => {
    expect(diskPrice(gcp, "us-multi", "snapshot", GiB)).toMatchObject({ ok: true, unitPrice: refPrice("snapshot", "us-multi").usd });
    expect(diskPrice(gcp, "us-multi", "pd-balanced", GiB)).toEqual({
      ok: false,
      reason: "no published pd-balanced price in us-multi (pd-balanced is priced in 43 regions)",
    });
    expect(diskPrice(gcp, "mars-north1", "pd-ssd", GiB)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no published pd-ssd price in mars-north1/),
    });
  });

  it("an unknown class lists the accepted ids", () => {
    expect(diskPrice(gcp, "us-central1", "pd-fast", GiB)).toEqual({
      ok: false,
      reason:
        'unknown storage class "pd-fast"; expected one of pd-balanced, pd-balanced-regional, pd-ssd, pd-ssd-regional, pd-standard, pd-standard-regional, snapshot',
    });
    expect(storageClassIds(gcp)).toHaveLength(7);
  });

  it.each([0, -GiB, Number.NaN, Number.POSITIVE_INFINITY])("a size of %s bytes is not ok", (bytes) => {
    expect(diskPrice(gcp, "us-central1", "pd-balanced", bytes)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/disk size must be a finite number of bytes > 0/),
    });
  });
});

/** The first row of a committed source file whose cells satisfy `match`: its cells and its line number. */
function sourceRow(file: string, match: (cells: string[]) => boolean): { cells: string[]; line: number } {
  const lines = readFileSync(referenceFile(file), "utf8").split("\n");
  const i = lines.findIndex((l, k) => k > 0 && match(l.split(",")));
  if (i < 0) throw new Error(`no matching row in ${file}`);
  return { cells: (lines[i] ?? "").split(","), line: i + 1 };
}
const RADAR = "azure-managed-disks-retail-azure-pricing-radar-2026-08-22.csv";
const TERRA_SSD = "azure-disk-standard-ssd-terra-ui-2023-01.csv";
const TERRA_HDD = "azure-disk-standard-hdd-terra-ui-2023-02.csv";
const GOLDENS = "managed-disk-prices.csv";
/** [file, the row of (region, tier), the price column, the date of that source]. */
const radarRow = (region: string, tier: string) => ({
  file: RADAR,
  row: sourceRow(RADAR, (c) => c[0] === region && c[3] === `${tier} LRS Disk`),
  col: 5,
  asOf: "2026-08-22",
});
const terraRow = (file: string, region: string, tier: string) => ({
  file,
  row: sourceRow(file, (c) => c[0] === region && c[1] === `${tier} LRS`),
  col: 2,
  asOf: file === TERRA_SSD ? "2023-01-25" : "2023-02-09",
});
const goldenRow = (region: string, tier: string) => ({
  file: GOLDENS,
  row: sourceRow(GOLDENS, (c) => c[0] === region && c[2] === tier),
  col: 3,
  asOf: "2025-01",
});

describe("Azure managed disks: the smallest tier ≥ the size, flat per disk-month (docs/pricing-sources.md §2.7), from the newest source per region", () => {
  it.each([
    // [class, region, size in bytes, tier, tier GiB, the source row it must reproduce, why]
    [
      "StandardSSD_LRS",
      "eastus",
      100 * GiB,
      "E10",
      128,
      () => terraRow(TERRA_SSD, "eastus", "E10"),
      "100 GiB ≤ E10's 128 GiB; eastus E-tiers from the 2023 table",
    ],
    ["StandardSSD_LRS", "eastus", 128 * GiB, "E10", 128, () => terraRow(TERRA_SSD, "eastus", "E10"), "exactly 128 GiB is still E10"],
    ["StandardSSD_LRS", "eastus", 129 * GiB, "E15", 256, () => terraRow(TERRA_SSD, "eastus", "E15"), "one GiB more is E15"],
    [
      "StandardSSD_LRS",
      "eastus",
      1000 * GiB,
      "E30",
      1024,
      () => goldenRow("eastus", "E30"),
      "E20 = 512 < 1000 ≤ E30 = 1024; the infracost golden (2025-01) is newer than the 2023 table",
    ],
    ["Premium_LRS", "eastus", 32 * GiB, "P4", 32, () => goldenRow("eastus", "P4"), "P4 = 32 GiB (infracost golden)"],
    ["Premium_LRS", "eastus", 100 * GiB, "P10", 128, () => goldenRow("eastus", "P10"), "P10 = 128 GiB (infracost golden)"],
    ["Standard_LRS", "eastus", 10 * GiB, "S4", 32, () => terraRow(TERRA_HDD, "eastus", "S4"), "Standard HDD starts at S4 = 32 GiB"],
    ["StandardSSD_LRS", "westeurope", 100 * GiB, "E10", 128, () => radarRow("westeurope", "E10"), "westeurope: the 2026-08-22 API snapshot"],
    ["Premium_LRS", "westeurope", 100 * GiB, "P10", 128, () => radarRow("westeurope", "P10"), "P10 LRS Disk in westeurope"],
    ["Standard_LRS", "westeurope", 20 * GiB, "S4", 32, () => radarRow("westeurope", "S4"), "S4 LRS Disk in westeurope"],
    ["StandardSSD_LRS", "brazilsouth", 100 * GiB, "E10", 128, () => terraRow(TERRA_SSD, "brazilsouth", "E10"), "brazilsouth: only the 2023 table"],
    ["StandardSSD_LRS", "eastus", 32767 * GiB, "E80", 32767, () => terraRow(TERRA_SSD, "eastus", "E80"), "the largest tier"],
  ])("%s %s, %s bytes → %s (%s GiB)", (cls, region, bytes, tier, gib, ref, _why) => {
    const { file, row, col, asOf } = ref();
    const usd = Number(row.cells[col]);
    expect(usd).toBeGreaterThan(0);
    expect(diskPrice(azure, region, cls, bytes)).toEqual({
      ok: true,
      usdPerMonth: usd,
      unitPrice: usd,
      unit: `disk-month (${tier}, ${gib} GiB)`,
      quantityPerDisk: 1,
      tier,
      source: `${file} line ${row.line}`,
      asOf,
    });
  });

  it("a tier or class no source prices is not ok, never $0, and the reason names the tier, the region and where the class is priced", () => {
    // eastus Premium SSD: only P4 and P10 have a public source; 33 GiB → P6 (64 GiB).
    expect(diskPrice(azure, "eastus", "Premium_LRS", 33 * GiB)).toEqual({ ok: false, reason: "no published price for P6 (64 GiB) Premium_LRS in eastus" });
    // brazilsouth has Standard SSD and HDD prices (2023) but no Premium SSD source.
    expect(diskPrice(azure, "brazilsouth", "Premium_LRS", 100 * GiB)).toEqual({
      ok: false,
      reason: "no published price for P10 (128 GiB) Premium_LRS in brazilsouth (Premium_LRS is priced in 6 regions)",
    });
    // a region of the VM catalog that no disk source covers
    expect(diskPrice(azure, "austriaeast", "StandardSSD_LRS", 100 * GiB)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no published price for E10 \(128 GiB\) StandardSSD_LRS in austriaeast \(StandardSSD_LRS is priced in \d+ regions\)$/),
    });
  });

  it("above the largest tier (E80 = 32767 GiB) is not ok", () => {
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 32768 * GiB)).toEqual({
      ok: false,
      reason: "32768 GiB is above the largest StandardSSD_LRS tier (E80, 32767 GiB)",
    });
  });

  it("snapshots are a class without a price (none with an unambiguous source)", () => {
    expect(storageClassIds(azure)).toEqual(["Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "snapshot"]);
    expect(diskPrice(azure, "eastus", "snapshot", 20 * GiB)).toEqual({
      ok: false,
      reason: "no published snapshot price in eastus (snapshot is priced in no region of this catalog)",
    });
    expect(diskPrice(azure, "eastus", "pd-ssd", GiB)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expected one of Premium_LRS, StandardSSD_LRS, Standard_LRS, snapshot$/),
    });
  });
});

describe("AWS EBS: ⌈bytes / 2^30⌉ GiB × USD per GiB-month, from the newest source per region", () => {
  const TELLURY = "aws-pricelist-api-recorded-tellury-2026-08.csv";
  const ROSA = "aws-ebs-rosa-calculator-2023-02-20.csv";
  const CLOUDKEEP = "aws-ebs-cloudkeep-2022-02-10.csv";
  it.each([
    // [class, region, bytes, GiB billed, source file, row matcher, price column, date]
    ["gp3", "us-east-1", 100 * GiB, 100, TELLURY, (c: string[]) => c[1] === "us-east-1" && c[3] === "Storage" && c[5] === "gp3", 8, "2026-08-10"],
    ["gp3", "us-east-1", 100.5 * GiB, 101, TELLURY, (c: string[]) => c[1] === "us-east-1" && c[3] === "Storage" && c[5] === "gp3", 8, "2026-08-10"],
    ["gp2", "eu-west-1", 100 * GiB, 100, TELLURY, (c: string[]) => c[1] === "eu-west-1" && c[3] === "Storage" && c[5] === "gp2", 8, "2026-08-10"],
    ["snapshot", "us-east-1", 20 * GiB, 20, TELLURY, (c: string[]) => c[1] === "us-east-1" && c[4] === "EBS:SnapshotUsage", 8, "2026-08-14"],
    ["gp3", "us-east-2", 20 * GiB, 20, ROSA, (c: string[]) => c[0] === "us-east-2" && c[1] === "Storage General Purpose gp3 GB Mo", 2, "2023-02-20"],
    ["gp3", "ap-south-1", 20 * GiB, 20, CLOUDKEEP, (c: string[]) => c[0] === "ap-south-1" && c[4] === "gp3" && c[5] === "pricePerGBMonth", 6, "2022-02-10"],
  ] as const)("%s in %s: %s bytes → %s GiB (%s)", (cls, region, bytes, gib, file, match, col, asOf) => {
    const row = sourceRow(file, match);
    const unit = Number(row.cells[col]);
    const r = diskPrice(aws, region, cls, bytes);
    expect(r).toEqual({
      ok: true,
      usdPerMonth: gib * unit,
      unitPrice: unit,
      unit: "GiB-month",
      quantityPerDisk: gib,
      source: `${file} line ${row.line}`,
      asOf,
    });
  });

  it("a region without a price is not ok, never $0 (the 2022 file has no snapshot prices)", () => {
    expect(diskPrice(aws, "ap-south-1", "snapshot", GiB)).toEqual({
      ok: false,
      reason: "no published snapshot price in ap-south-1 (snapshot is priced in 21 regions)",
    });
    expect(storageClassIds(aws)).toEqual(["gp2", "gp3", "snapshot"]);
  });
});

describe("cluster fees (catalogs/sources/fees.csv)", () => {
  it.each([
    ["gke-standard", "gcp", 0.1, /infracost.*73\.00/], // infracost golden: 730 h = $73.00 → 73.00 / 730 = 0.10
    ["aks-free", "azure", 0, /free-standard-pricing-tiers\.md/], // a real $0 with its source
    ["aks-standard", "azure", 0.1, /kubernetes-service/], // Azure pricing page "$0.10 per cluster per hour"
    ["aks-premium", "azure", 0.6, /kubernetes-service/],
    ["eks-standard", "aws", 0.1, /eks\/pricing/], // AWS EKS pricing, standard support
  ] as const)("%s: %s, $%s per cluster-hour", (id, provider, usd, source) => {
    expect(clusterFee(fees, id)).toEqual({ id, provider, usdPerClusterHour: usd, source: expect.stringMatching(source) });
  });

  it("an unknown tier is undefined, not $0", () => {
    expect(clusterFee(fees, "gke-enterprise")).toBeUndefined();
  });

  it("730 cluster-hours of gke-standard reproduce the infracost golden's $73.00 (docs/pricing-sources.md §1.1)", () => {
    expect(730 * must(clusterFee(fees, "gke-standard"), "gke-standard").usdPerClusterHour).toBeCloseTo(73.0, 10);
  });
});

describe("validators: one line naming the file and the field", () => {
  const storage = (c: StorageCatalog): Record<string, any> => structuredClone(c) as unknown as Record<string, any>;
  const f = "f.json";

  it("accept the committed files", () => {
    expect(parseStorageFile(storage(gcp), "gcp", f).ok).toBe(true);
    expect(parseStorageFile(storage(azure), "azure", f).ok).toBe(true);
    expect(parseFeeFile(structuredClone(fees), f).ok).toBe(true);
  });

  it.each<[string, "gcp" | "azure", (x: Record<string, any>) => void, string]>([
    ["an unknown top-level key", "gcp", (x) => (x.extra = 1), "catalog f.json: extra: unknown field; expected one of _meta, classes, regions"],
    [
      "a negative price",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = -1),
      "catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got -1",
    ],
    [
      "a price of 0",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = 0),
      "catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got 0",
    ],
    [
      "a price as a string",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = "0.17"),
      'catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got "0.17"',
    ],
    [
      "a missing source",
      "gcp",
      (x) => delete x.regions["us-central1"]["pd-ssd"].source,
      "catalog f.json: regions.us-central1.pd-ssd.source: expected a non-empty string",
    ],
    [
      "an unknown key in a price",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-ssd"].colour = "red"),
      "catalog f.json: regions.us-central1.pd-ssd.colour: unknown field; expected one of usdPerGiBMonth, source, asOf",
    ],
    [
      "a tier price on a per-GiB class",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-ssd"].usdPerTierMonth = { P4: 1 }),
      "catalog f.json: regions.us-central1.pd-ssd.usdPerTierMonth: unknown field; expected one of usdPerGiBMonth, source, asOf",
    ],
    [
      "a price for an unknown class",
      "gcp",
      (x) => (x.regions["us-central1"]["pd-fast"] = { usdPerGiBMonth: 1, source: "s" }),
      "catalog f.json: regions.us-central1.pd-fast: unknown class; expected one of pd-balanced, pd-balanced-regional, pd-ssd, pd-ssd-regional, pd-standard, pd-standard-regional, snapshot",
    ],
    ["a duplicate class", "gcp", (x) => x.classes.push({ ...x.classes[0] }), "catalog f.json: classes[7].id: duplicate class pd-balanced"],
    ["the wrong provider", "azure", (x) => (x._meta.provider = "gcp"), 'catalog f.json: _meta.provider: expected "azure", got "gcp"'],
    ["an empty sources list", "gcp", (x) => (x._meta.sources = []), "catalog f.json: _meta.sources: expected a non-empty array"],
    ["a source without a licence", "gcp", (x) => delete x._meta.sources[0].license, "catalog f.json: _meta.sources[0].license: expected a non-empty string"],
    [
      "a price for a tier the class does not have",
      "azure",
      (x) => (x.regions.eastus.Standard_LRS.usdPerTierMonth.S1 = 1),
      "catalog f.json: regions.eastus.Standard_LRS.usdPerTierMonth.S1: not a tier of Standard_LRS; expected one of S4, S6, S10, S15, S20, S30, S40, S50, S60, S70, S80",
    ],
    [
      "a negative tier price",
      "azure",
      (x) => (x.regions.eastus.Premium_LRS.usdPerTierMonth.P4 = -5.28),
      "catalog f.json: regions.eastus.Premium_LRS.usdPerTierMonth.P4: expected a finite price > 0, got -5.28",
    ],
    [
      "a date that is not a date",
      "azure",
      (x) => (x.regions.eastus.Premium_LRS.tierAsOf.P4 = "last year"),
      'catalog f.json: regions.eastus.Premium_LRS.tierAsOf.P4: expected a date YYYY-MM-DD (or YYYY-MM), got "last year"',
    ],
    [
      "a date for a tier without a price",
      "azure",
      (x) => (x.regions.eastus.Premium_LRS.tierAsOf.P6 = "2025-01"),
      "catalog f.json: regions.eastus.Premium_LRS.tierAsOf.P6: no price for this tier",
    ],
    [
      "tier sizes out of order",
      "azure",
      (x) => (x.classes[0].tierSizesGiB.P1 = 64),
      "catalog f.json: classes[0].tierSizesGiB.P2: sizes must ascend (8 after 64)",
    ],
    [
      "a tiered class without sizes",
      "azure",
      (x) => delete x.classes[1].tierSizesGiB,
      "catalog f.json: classes[1].tierSizesGiB: expected tier → GiB for a tiered class",
    ],
  ])("storage file: %s", (_name, provider, edit, reason) => {
    const x = storage(provider === "gcp" ? gcp : azure);
    edit(x);
    const r = parseStorageFile(x, provider, f);
    expect(r).toEqual({ ok: false, reason });
    expect(reason).not.toContain("\n");
  });

  it.each<[string, (x: Record<string, any>) => void, string]>([
    [
      "a negative fee",
      (x) => (x.clusterFees[0].usdPerClusterHour = -0.1),
      "catalog f.json: clusterFees[0].usdPerClusterHour: expected a finite price ≥ 0, got -0.1",
    ],
    ["a missing source", (x) => delete x.clusterFees[0].source, "catalog f.json: clusterFees[0].source: expected a non-empty string"],
    [
      "an unknown key",
      (x) => (x.clusterFees[1].discount = 0.5),
      "catalog f.json: clusterFees[1].discount: unknown field; expected one of id, provider, usdPerClusterHour, source",
    ],
    ["a duplicate id", (x) => (x.clusterFees[1].id = x.clusterFees[0].id), "catalog f.json: clusterFees[1].id: duplicate fee id aks-free"],
    [
      "an unknown provider",
      (x) => (x.clusterFees[0].provider = "oracle"),
      'catalog f.json: clusterFees[0].provider: expected one of gcp, azure, aws, got "oracle"',
    ],
    ["a wrong currency", (x) => (x._meta.currency = "EUR"), 'catalog f.json: _meta.currency: expected "USD", got "EUR"'],
  ])("fee file: %s", (_name, edit, reason) => {
    const x = structuredClone(fees) as unknown as Record<string, any>;
    edit(x);
    expect(parseFeeFile(x, f)).toEqual({ ok: false, reason });
  });

  it("a fee of 0 is accepted only as an explicit number with a source (aks-free is the committed example)", () => {
    const x = structuredClone(fees) as FeeCatalog;
    expect(x.clusterFees[0]).toMatchObject({ id: "aks-free", usdPerClusterHour: 0 });
    const noPrice = structuredClone(fees) as unknown as Record<string, any>;
    delete noPrice.clusterFees[0].usdPerClusterHour;
    expect(parseFeeFile(noPrice, f)).toEqual({
      ok: false,
      reason: "catalog f.json: clusterFees[0].usdPerClusterHour: expected a finite price ≥ 0, got undefined",
    });
  });
});

describe("loaders (src/adapters/catalog-fs.ts)", () => {
  it("read the real catalogs/ folder; a provider without a storage file is undefined, not an error", () => {
    expect(aws).toEqual(JSON.parse(readFileSync(join(catalogDir, "storage", "aws.json"), "utf8")));
    expect(loadStorageCatalog("aws", { dir: catalogFolder({}) })).toBeUndefined();
    expect(gcp).toEqual(JSON.parse(readFileSync(join(catalogDir, "storage", "gcp.json"), "utf8")));
    expect(fees).toEqual(JSON.parse(readFileSync(join(catalogDir, "fees.json"), "utf8")));
    // the default folder is the package's catalogs/ (or $CC_PLAN_CATALOG_DIR)
    if (process.env.CC_PLAN_CATALOG_DIR === undefined) expect(loadStorageCatalog("gcp")).toEqual(gcp);
  });

  it("an invalid file is a CatalogError with one line naming the file and field", () => {
    const bad = structuredClone(azure) as unknown as Record<string, any>;
    bad.regions.eastus.Premium_LRS.usdPerTierMonth.P4 = 0;
    const dir = catalogFolder({ "storage/azure.json": JSON.stringify(bad), "fees.json": "{not json" });
    const file = join(dir, "storage", "azure.json");
    expect(() => loadStorageCatalog("azure", { dir })).toThrow(CatalogError);
    expect(() => loadStorageCatalog("azure", { dir })).toThrow(
      `catalog ${file}: regions.eastus.Premium_LRS.usdPerTierMonth.P4: expected a finite price > 0, got 0`,
    );
    expect(() => loadFeeCatalog({ dir })).toThrow(new RegExp(`^catalog ${join(dir, "fees.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`));
    expect(() => loadFeeCatalog({ dir: catalogFolder({}) })).toThrow(/fees\.json: cannot be read$/);
  });

  it("with regions, only those regions' prices are validated; the others stay (for 'priced in …' hints) and fail when planned", () => {
    const bad = structuredClone(azure) as unknown as Record<string, any>;
    bad.regions.eastus.Premium_LRS.usdPerTierMonth.P4 = 0;
    const dir = catalogFolder({ "storage/azure.json": JSON.stringify(bad) });
    const westeurope = must(loadStorageCatalog("azure", { dir, regions: ["westeurope"] }), "azure storage");
    expect(westeurope.regions.westeurope).toEqual(azure.regions.westeurope);
    expect(Object.keys(westeurope.regions)).toEqual(Object.keys(azure.regions));
    expect(() => loadStorageCatalog("azure", { dir, regions: ["eastus"] })).toThrow(
      /regions\.eastus\.Premium_LRS\.usdPerTierMonth\.P4: expected a finite price > 0, got 0$/,
    );
    // a region entry that is not an object is refused whichever regions are asked for
    bad.regions.eastus = [];
    const dir2 = catalogFolder({ "storage/azure.json": JSON.stringify(bad) });
    expect(() => loadStorageCatalog("azure", { dir: dir2, regions: ["westeurope"] })).toThrow(/regions\.eastus: expected an object of class → price$/);
  });
});
