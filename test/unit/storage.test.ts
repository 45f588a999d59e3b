/**
 * Storage and fee catalogs: disk prices from first principles against the reference rows
 * (gcp-gce-disk-prices.csv; catalogs/sources/azure/managed-disk-prices.csv), and the validators.
 */
import { describe, expect, it } from "vitest";
import { loadFeeCatalog, loadStorageCatalog } from "../../src/adapters/catalog-fs.js";
import { parseFeeFile, parseStorageFile } from "../../src/catalog/parse-storage.js";
import { clusterFee, diskPrice } from "../../src/catalog/storage-lookup.js";

const gcp = loadStorageCatalog("gcp")!;
const azure = loadStorageCatalog("azure")!;
const GiB = 2 ** 30;

describe("disk prices", () => {
  it("GCP pd-balanced us-central1: 100 GiB × $0.10 per GiB-month = $10.00 (reference row 'balanced,pd-balanced,us-central1,0.1')", () => {
    const r = diskPrice(gcp, "us-central1", "pd-balanced", 100 * GiB);
    expect(r).toMatchObject({ ok: true, quantityPerDisk: 100, unitPrice: 0.1 });
    expect(r.ok && r.usdPerMonth).toBeCloseTo(10, 12);
  });

  it("bills provisioned GiB rounded up: 100.5 GiB bills 101 GiB", () => {
    const r = diskPrice(gcp, "us-central1", "pd-ssd", 100.5 * GiB);
    expect(r.ok && r.quantityPerDisk).toBe(101);
    expect(r.ok && r.usdPerMonth).toBeCloseTo(101 * 0.17, 12); // pd-ssd 0.17 (pricing-sources.md §1.6)
  });

  it("snapshots: 20 GiB × $0.05 (reference 'snapshot … us-central1,0.05')", () => {
    const r = diskPrice(gcp, "us-central1", "snapshot", 20 * GiB);
    expect(r.ok && r.usdPerMonth).toBeCloseTo(1, 12);
  });

  it("Azure StandardSSD_LRS eastus: 100 GiB → smallest tier ≥ 100 GiB is E10 (128 GiB) at $9.60", () => {
    const r = diskPrice(azure, "eastus", "StandardSSD_LRS", 100 * GiB);
    expect(r).toMatchObject({ ok: true, tier: "E10", usdPerMonth: 9.6 });
    expect(r.ok && r.source).toMatch(/lower confidence/);
    // exactly 128 GiB is still E10; 129 GiB is E15, which has no published price
    expect(diskPrice(azure, "eastus", "StandardSSD_LRS", 128 * GiB)).toMatchObject({ ok: true, tier: "E10" });
    const e15 = diskPrice(azure, "eastus", "StandardSSD_LRS", 129 * GiB);
    expect(e15.ok).toBe(false);
    expect(!e15.ok && e15.reason).toMatch(/no published price for E15 \(256 GiB\) StandardSSD_LRS in eastus/);
  });

  it("Azure Premium_LRS eastus P10 $19.71; other regions have no price (a documented gap, never $0)", () => {
    expect(diskPrice(azure, "eastus", "Premium_LRS", 100 * GiB)).toMatchObject({ ok: true, tier: "P10", usdPerMonth: 19.71 });
    const w = diskPrice(azure, "westeurope", "Premium_LRS", 100 * GiB);
    expect(w.ok).toBe(false);
  });

  it("an unknown class lists the accepted ids", () => {
    const r = diskPrice(gcp, "us-central1", "pd-fast", GiB);
    expect(!r.ok && r.reason).toBe(
      'unknown storage class "pd-fast"; expected one of pd-balanced, pd-balanced-regional, pd-ssd, pd-ssd-regional, pd-standard, pd-standard-regional, snapshot',
    );
  });
});

describe("cluster fees", () => {
  it("GKE $0.10, AKS Free $0 (a real zero with its source), Standard $0.10, Premium $0.60 per cluster-hour", () => {
    const fees = loadFeeCatalog();
    expect(clusterFee(fees, "gke-standard")?.usdPerClusterHour).toBe(0.1);
    expect(clusterFee(fees, "aks-free")).toMatchObject({ usdPerClusterHour: 0, source: expect.stringMatching(/free/i) });
    expect(clusterFee(fees, "aks-standard")?.usdPerClusterHour).toBe(0.1);
    expect(clusterFee(fees, "aks-premium")?.usdPerClusterHour).toBe(0.6);
    expect(clusterFee(fees, "nope")).toBeUndefined();
  });
});

describe("validators", () => {
  const good = JSON.parse(JSON.stringify(gcp)) as Record<string, any>;
  it("accept the committed files", () => {
    expect(parseStorageFile(good, "gcp", "storage/gcp.json").ok).toBe(true);
    expect(parseStorageFile(JSON.parse(JSON.stringify(azure)), "azure", "storage/azure.json").ok).toBe(true);
  });
  it("reject a negative or zero disk price, an unknown field and a missing source, in one line naming the field", () => {
    const bad1 = structuredClone(good);
    bad1.regions["us-central1"]["pd-ssd"].usdPerGiBMonth = -1;
    expect(parseStorageFile(bad1, "gcp", "f.json")).toEqual({ ok: false, reason: "catalog f.json regions.us-central1.pd-ssd.usdPerGiBMonth: expected a finite price > 0" });
    const bad2 = structuredClone(good);
    bad2.regions["us-central1"]["pd-ssd"].colour = "red";
    expect(parseStorageFile(bad2, "gcp", "f.json")).toMatchObject({ ok: false, reason: expect.stringMatching(/^catalog f\.json regions\.us-central1\.pd-ssd\.colour: unknown field/) });
    const bad3 = structuredClone(good);
    delete bad3.regions["us-central1"]["pd-ssd"].source;
    expect(parseStorageFile(bad3, "gcp", "f.json")).toMatchObject({ ok: false, reason: "catalog f.json regions.us-central1.pd-ssd.source: expected a non-empty string" });
    const fees = JSON.parse(JSON.stringify(loadFeeCatalog())) as Record<string, any>;
    fees.clusterFees[0].usdPerClusterHour = -0.1;
    expect(parseFeeFile(fees, "fees.json")).toMatchObject({ ok: false, reason: expect.stringMatching(/usdPerClusterHour: expected a finite price ≥ 0/) });
  });
});
