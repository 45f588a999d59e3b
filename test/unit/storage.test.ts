/**
 * Storage and fee catalogs: disk prices worked out from first principles against the reference rows
 * (catalogs/sources/gcp/gcp-gce-disk-prices.csv; catalogs/sources/azure/managed-disk-prices.csv, quoted in
 * docs/pricing-sources.md §2.7), the validators, and the loaders on the real catalogs/ folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { referenceFile } from "../support/reference.js";
import { CatalogError, loadFeeCatalog, loadStorageCatalog } from "../../src/adapters/catalog-fs.js";
import { parseFeeFile, parseStorageFile } from "../../src/catalog/parse-storage.js";
import { clusterFee, diskPrice, storageClassIds } from "../../src/catalog/storage-lookup.js";
import type { FeeCatalog, StorageCatalog } from "../../src/catalog/storage-types.js";

const catalogDir = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "catalogs");
function must<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`missing ${what}`);
  return x;
}
const gcp = must(loadStorageCatalog("gcp", { dir: catalogDir }), "catalogs/storage/gcp.json");
const azure = must(loadStorageCatalog("azure", { dir: catalogDir }), "catalogs/storage/azure.json");
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
    expect(r).toMatchObject({ ok: true, quantityPerDisk: gib, unitPrice: ref.usd, unit: "GiB-month", source: `gcp-gce-disk-prices.csv line ${ref.line} (Cyclenerd pricing.yml @ fd66b26f)` });
    expect(r.ok && r.usdPerMonth).toBeCloseTo(usd, 12);
  });

  it("a region without a price for the class is not ok, never $0 (us-multi has only snapshot prices in the extract)", () => {
    expect(diskPrice(gcp, "us-multi", "snapshot", GiB)).toMatchObject({ ok: true, unitPrice: refPrice("snapshot", "us-multi").usd });
    expect(diskPrice(gcp, "us-multi", "pd-balanced", GiB)).toEqual({ ok: false, reason: "no pd-balanced price in us-multi (known in 43 regions); pass a price" });
    expect(diskPrice(gcp, "mars-north1", "pd-ssd", GiB)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no pd-ssd price in mars-north1/) });
  });

  it("an unknown class lists the accepted ids", () => {
    expect(diskPrice(gcp, "us-central1", "pd-fast", GiB)).toEqual({
      ok: false,
      reason: 'unknown storage class "pd-fast"; expected one of pd-balanced, pd-balanced-regional, pd-ssd, pd-ssd-regional, pd-standard, pd-standard-regional, snapshot',
    });
    expect(storageClassIds(gcp)).toHaveLength(7);
  });

  it.each([0, -GiB, Number.NaN, Number.POSITIVE_INFINITY])("a size of %s bytes is not ok", (bytes) => {
    expect(diskPrice(gcp, "us-central1", "pd-balanced", bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/disk size must be a finite number of bytes > 0/) });
  });
});

describe("Azure managed disks: the smallest tier ≥ the size, flat per disk-month (docs/pricing-sources.md §2.7)", () => {
  it.each([
    // [class, size in bytes, tier, tier GiB, $/month, where it comes from]
    ["StandardSSD_LRS", 100 * GiB, "E10", 128, 9.6, "100 GiB ≤ E10's 128 GiB; E10 LRS $9.60 (§2.7, public test fixtures)"],
    ["StandardSSD_LRS", 128 * GiB, "E10", 128, 9.6, "exactly 128 GiB is still E10"],
    ["StandardSSD_LRS", 1000 * GiB, "E30", 1024, 76.8, "E20 = 512 < 1000 ≤ E30 = 1024; E30 LRS $76.80 (infracost golden)"],
    ["Premium_LRS", 32 * GiB, "P4", 32, 5.28, "P4 = 32 GiB; P4 LRS $5.28 (infracost golden)"],
    ["Premium_LRS", 100 * GiB, "P10", 128, 19.71, "P10 = 128 GiB; P10 LRS $19.71 (infracost golden)"],
    ["Standard_LRS", 10 * GiB, "S4", 32, 1.54, "Standard HDD starts at S4 = 32 GiB; S4 LRS $1.54 (infracost golden)"],
  ])("%s eastus, %s bytes → %s (%s GiB) $%s", (cls, bytes, tier, gib, usd, _why) => {
    const r = diskPrice(azure, "eastus", cls, bytes);
    expect(r).toEqual({
      ok: true,
      usdPerMonth: usd,
      unitPrice: usd,
      unit: `disk-month (${tier}, ${gib} GiB)`,
      quantityPerDisk: 1,
      tier,
      source: expect.stringMatching(/^catalogs\/sources\/azure\/managed-disk-prices\.csv line \d+: /),
    });
  });

  it("E10's source says it is not a recorded response", () => {
    const r = diskPrice(azure, "eastus", "StandardSSD_LRS", 100 * GiB);
    expect(r.ok && r.source).toMatch(/public test fixtures; not a recorded API response/);
  });

  it("129 GiB → E15 (256 GiB), which has no published price: not ok with a reason naming E15", () => {
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 129 * GiB)).toEqual({
      ok: false,
      reason: "no published price for E15 (256 GiB) StandardSSD_LRS in eastus; pass a price",
    });
    // one byte over 128 GiB is already E15 (exact compare, no rounding to whole GiB first)
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 128 * GiB + 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no published price for E15 /) });
    // 33 GiB → P6 (64 GiB): also unpublished
    expect(diskPrice(azure, "eastus", "Premium_LRS", 33 * GiB)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no published price for P6 \(64 GiB\) Premium_LRS in eastus/) });
  });

  it("other regions have no price at all (the documented gap), and the reason says where prices are known", () => {
    expect(diskPrice(azure, "westeurope", "Premium_LRS", 100 * GiB)).toEqual({
      ok: false,
      reason: "no published price for P10 (128 GiB) Premium_LRS in westeurope (Premium_LRS prices are known in eastus); pass a price",
    });
  });

  it("above the largest tier (E80 = 32767 GiB) is not ok", () => {
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 32768 * GiB)).toEqual({ ok: false, reason: "32768 GiB is above the largest StandardSSD_LRS tier (E80, 32767 GiB)" });
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 32767 * GiB)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no published price for E80 /) });
  });

  it("snapshots are a class without a price (none documented)", () => {
    expect(storageClassIds(azure)).toEqual(["Premium_LRS", "StandardSSD_LRS", "Standard_LRS", "snapshot"]);
    expect(diskPrice(azure, "eastus", "snapshot", 20 * GiB)).toEqual({ ok: false, reason: "no snapshot price in eastus (no region has one in this catalog); pass a price" });
    expect(diskPrice(azure, "eastus", "pd-ssd", GiB)).toMatchObject({ ok: false, reason: expect.stringMatching(/expected one of Premium_LRS, StandardSSD_LRS, Standard_LRS, snapshot$/) });
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
    ["a negative price", "gcp", (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = -1), "catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got -1"],
    ["a price of 0", "gcp", (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = 0), "catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got 0"],
    ["a price as a string", "gcp", (x) => (x.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = "0.17"), 'catalog f.json: regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0, got "0.17"'],
    ["a missing source", "gcp", (x) => delete x.regions["us-central1"]["pd-ssd"].source, "catalog f.json: regions.us-central1.pd-ssd.source: expected a non-empty string"],
    ["an unknown key in a price", "gcp", (x) => (x.regions["us-central1"]["pd-ssd"].colour = "red"), "catalog f.json: regions.us-central1.pd-ssd.colour: unknown field; expected one of usdPerGiBMonth, source"],
    ["a tier price on a per-GiB class", "gcp", (x) => (x.regions["us-central1"]["pd-ssd"].usdPerTierMonth = { P4: 1 }), "catalog f.json: regions.us-central1.pd-ssd.usdPerTierMonth: unknown field; expected one of usdPerGiBMonth, source"],
    ["a price for an unknown class", "gcp", (x) => (x.regions["us-central1"]["pd-fast"] = { usdPerGiBMonth: 1, source: "s" }), "catalog f.json: regions.us-central1.pd-fast: unknown class; expected one of pd-balanced, pd-balanced-regional, pd-ssd, pd-ssd-regional, pd-standard, pd-standard-regional, snapshot"],
    ["a duplicate class", "gcp", (x) => x.classes.push({ ...x.classes[0] }), "catalog f.json: classes[7].id: duplicate class pd-balanced"],
    ["the wrong provider", "azure", (x) => (x._meta.provider = "gcp"), 'catalog f.json: _meta.provider: expected "azure", got "gcp"'],
    ["an empty sources list", "gcp", (x) => (x._meta.sources = []), "catalog f.json: _meta.sources: expected a non-empty array"],
    ["a source without a licence", "gcp", (x) => delete x._meta.sources[0].license, "catalog f.json: _meta.sources[0].license: expected a non-empty string"],
    ["a price for a tier the class does not have", "azure", (x) => (x.regions.eastus.Standard_LRS.usdPerTierMonth.S1 = 1), "catalog f.json: regions.eastus.Standard_LRS.usdPerTierMonth.S1: not a tier of Standard_LRS; expected one of S4, S6, S10, S15, S20, S30, S40, S50, S60, S70, S80"],
    ["a negative tier price", "azure", (x) => (x.regions.eastus.Premium_LRS.usdPerTierMonth.P4 = -5.28), "catalog f.json: regions.eastus.Premium_LRS.usdPerTierMonth.P4: expected a finite price > 0, got -5.28"],
    ["tier sizes out of order", "azure", (x) => (x.classes[0].tierSizesGiB.P1 = 64), "catalog f.json: classes[0].tierSizesGiB.P2: sizes must ascend (8 after 64)"],
    ["a tiered class without sizes", "azure", (x) => delete x.classes[1].tierSizesGiB, "catalog f.json: classes[1].tierSizesGiB: expected tier → GiB for a tiered class"],
  ])("storage file: %s", (_name, provider, edit, reason) => {
    const x = storage(provider === "gcp" ? gcp : azure);
    edit(x);
    const r = parseStorageFile(x, provider, f);
    expect(r).toEqual({ ok: false, reason });
    expect(reason).not.toContain("\n");
  });

  it.each<[string, (x: Record<string, any>) => void, string]>([
    ["a negative fee", (x) => (x.clusterFees[0].usdPerClusterHour = -0.1), "catalog f.json: clusterFees[0].usdPerClusterHour: expected a finite price ≥ 0, got -0.1"],
    ["a missing source", (x) => delete x.clusterFees[0].source, "catalog f.json: clusterFees[0].source: expected a non-empty string"],
    ["an unknown key", (x) => (x.clusterFees[1].discount = 0.5), "catalog f.json: clusterFees[1].discount: unknown field; expected one of id, provider, usdPerClusterHour, source"],
    ["a duplicate id", (x) => (x.clusterFees[1].id = x.clusterFees[0].id), "catalog f.json: clusterFees[1].id: duplicate fee id aks-free"],
    ["an unknown provider", (x) => (x.clusterFees[0].provider = "oracle"), 'catalog f.json: clusterFees[0].provider: expected one of gcp, azure, aws, got "oracle"'],
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
    expect(parseFeeFile(noPrice, f)).toEqual({ ok: false, reason: "catalog f.json: clusterFees[0].usdPerClusterHour: expected a finite price ≥ 0, got undefined" });
  });
});

describe("loaders (src/adapters/catalog-fs.ts)", () => {
  it("read the real catalogs/ folder; aws has no storage catalog (undefined, not an error)", () => {
    expect(loadStorageCatalog("aws", { dir: catalogDir })).toBeUndefined();
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
    expect(() => loadStorageCatalog("azure", { dir })).toThrow(`catalog ${file}: regions.eastus.Premium_LRS.usdPerTierMonth.P4: expected a finite price > 0, got 0`);
    expect(() => loadFeeCatalog({ dir })).toThrow(new RegExp(`^catalog ${join(dir, "fees.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`));
    expect(() => loadFeeCatalog({ dir: catalogFolder({}) })).toThrow(/fees\.json: cannot be read$/);
  });
});
