/**
 * SKU classification, schema checks and exact money of the GCP adapter (src/adapters/prices/gcp-sku.ts,
 * gcp-offerings.ts), on the recorded opencost n4 page and on the description patterns of
 * docs/pricing-sources.md §1.3/§1.4/§1.6.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toNumber } from "../../src/adapters/prices/gcp-offerings.js";
import { checkSkuEnvelope, checkSkuPrice, classifyGcpSku, rateFromPrice } from "../../src/adapters/prices/gcp-sku.js";
import { RefreshError } from "../../src/adapters/prices/types.js";
import { referenceFile } from "../support/reference.js";
import { restSku } from "./fixtures/gcp/reference-skus.js";

const n4 = JSON.parse(readFileSync(referenceFile("opencost-gcp-n4-skus.json"), "utf8")) as { skus: unknown[] };
const recorded = JSON.parse(readFileSync(referenceFile("opencost-gcp-skus.json"), "utf8")) as { skus: unknown[] };

describe("the n4 fixture (opencost n4_skus.json): every SKU's class", () => {
  const custom = "custom machine type rate (predefined types are priced)";
  const sole = "sole-tenancy premium (a surcharge on sole-tenant nodes, not a machine rate)";
  const reserved = "reservation SKU (reserved capacity, not a list price)";
  it.each([
    // [skuId, description (from the file), expected]
    ["36AC-06EF-9B3D", "N4A Instance Core running in Iowa", { kind: "other" }], // N4A is not a priced series
    ["B5D7-38FA-2F64", "Spot Preemptible N4A Instance Core running in Iowa", { kind: "other" }],
    ["FF75-7D01-4303", "N4D Instance Core running in Iowa", { kind: "other" }],
    ["F179-06F3-16EC", "N4A Custom Instance Core running in Iowa", { kind: "excluded", reason: custom }],
    ["A451-CB1D-EAF4", "N4A Custom Instance Ram running in Iowa", { kind: "excluded", reason: custom }],
    ["8A10-99BE-FF42", "N4D Custom Instance Core running in Iowa", { kind: "excluded", reason: custom }],
    ["8A21-4947-3302", "N4D Custom Instance Ram running in Iowa", { kind: "excluded", reason: custom }],
    ["0F1E-4428-FCCB", "Sole Tenancy Premium for N4A Sole Tenancy Instance Core running in Iowa", { kind: "excluded", reason: sole }],
    ["E522-64C2-378A", "Sole Tenancy Premium for N4A Sole Tenancy Instance Ram running in Iowa", { kind: "excluded", reason: sole }],
    ["60CA-8F25-0951", "Reserved N4D Core in Iowa", { kind: "excluded", reason: reserved }], // price 0 in the file
    ["AC2D-7912-68E6", "Reserved N4D Ram in Iowa", { kind: "excluded", reason: reserved }],
  ])("%s %s", (skuId, description, expected) => {
    const raw = n4.skus.find((s) => (s as { skuId: string }).skuId === skuId);
    const env = checkSkuEnvelope(raw, 0);
    expect(env.description).toBe(description);
    expect(classifyGcpSku(env)).toEqual(expected);
  });

  it("all 16 SKUs pass the envelope check; the Reserved ones (price 0) would fail the price check", () => {
    n4.skus.forEach((s, i) => {
      checkSkuEnvelope(s, i);
    });
    const reservedSku = n4.skus.find((s) => (s as { skuId: string }).skuId === "60CA-8F25-0951");
    expect(() => checkSkuPrice(reservedSku, 0, "first")).toThrow(/is 0 USD: a list price must be positive/);
  });
});

describe("classification of the priced series (description patterns, docs/pricing-sources.md §1.3)", () => {
  const c = (description: string, resourceGroup: string, usageType = "OnDemand", resourceFamily = "Compute"): unknown =>
    classifyGcpSku({ description, resourceGroup, usageType, resourceFamily });
  it.each([
    ["N2 Instance Core running in Americas", "CPU", "OnDemand", { kind: "machine", series: "n2", resource: "core", price: "onDemand" }],
    ["N2 Instance Ram running in Iowa", "RAM", "OnDemand", { kind: "machine", series: "n2", resource: "ram", price: "onDemand" }],
    ["N2D AMD Instance Core running in Netherlands", "CPU", "OnDemand", { kind: "machine", series: "n2d", resource: "core", price: "onDemand" }],
    ["Compute optimized Core running in Iowa", "CPU", "OnDemand", { kind: "machine", series: "c2", resource: "core", price: "onDemand" }],
    ["Compute optimized Ram running in Iowa", "RAM", "OnDemand", { kind: "machine", series: "c2", resource: "ram", price: "onDemand" }],
    ["C3 Instance Core running in Iowa", "CPU", "OnDemand", { kind: "machine", series: "c3", resource: "core", price: "onDemand" }],
    ["E2 Instance Ram running in Americas", "RAM", "OnDemand", { kind: "machine", series: "e2", resource: "ram", price: "onDemand" }],
    ["Spot Preemptible N2 Instance Core running in Iowa", "CPU", "Preemptible", { kind: "machine", series: "n2", resource: "core", price: "spot" }],
    ["Preemptible N2 Instance Core running in Americas", "CPU", "Preemptible", { kind: "machine", series: "n2", resource: "core", price: "spot" }], // 2020 naming
    ["Spot Preemptible Compute optimized Ram running in Iowa", "RAM", "Preemptible", { kind: "machine", series: "c2", resource: "ram", price: "spot" }],
    ["Commitment v1: N2 Cpu in Americas for 1 Year", "CPU", "Commit1Yr", { kind: "machine", series: "n2", resource: "core", price: "commit1y" }],
    ["Commitment v1: N2 Ram in Americas for 3 Years", "RAM", "Commit3Yr", { kind: "machine", series: "n2", resource: "ram", price: "commit3y" }],
    ["Commitment v1: N2D AMD Cpu in Iowa for 1 Year", "CPU", "Commit1Yr", { kind: "machine", series: "n2d", resource: "core", price: "commit1y" }],
    ["Commitment: Compute optimized Cpu in Americas for 3 Years", "CPU", "Commit3Yr", { kind: "machine", series: "c2", resource: "core", price: "commit3y" }],
    ["Commitment v1: C3 Ram in Iowa for 1 Year", "RAM", "Commit1Yr", { kind: "machine", series: "c3", resource: "ram", price: "commit1y" }],
    [
      "Commitment v1: N2 Cpu in Americas for 3 Years",
      "CPU",
      "Commit1Yr",
      { kind: "excluded", reason: "usageType Commit1Yr disagrees with the description's term" },
    ],
    ["N2 Custom Instance Core running in Iowa", "CPU", "OnDemand", { kind: "excluded", reason: "custom machine type rate (predefined types are priced)" }],
    [
      "N2 Custom Extended Instance Ram running in Iowa",
      "RAM",
      "OnDemand",
      { kind: "excluded", reason: "custom machine type rate (predefined types are priced)" },
    ],
    [
      "Spot Preemptible N2 Instance Core running in Iowa",
      "CPU",
      "OnDemand",
      { kind: "excluded", reason: "usageType OnDemand on a Spot/Preemptible description" },
    ],
    ["N2 Instance Core running in Iowa", "RAM", "OnDemand", { kind: "excluded", reason: "resourceGroup RAM disagrees with the description (Core)" }],
    ["A2 Instance Core running in Americas", "CPU", "OnDemand", { kind: "other" }],
    ["Nvidia Tesla A100 GPU running in Americas", "GPU", "OnDemand", { kind: "other" }],
  ])("%s (%s, %s)", (description, group, usage, expected) => {
    expect(c(description, group, usage)).toEqual(expected);
  });
  it.each([
    ["Balanced PD Capacity in Iowa", "SSD", "pd-balanced"],
    ["Regional Balanced PD Capacity in Iowa", "SSD", "pd-balanced-regional"],
    ["SSD backed PD Capacity in Iowa", "SSD", "pd-ssd"],
    ["Storage PD Capacity in Iowa", "PDStandard", "pd-standard"],
    ["Storage PD Snapshot in Iowa", "PDSnapshot", "snapshot"],
  ])("storage %s → %s", (description, group, storageClass) => {
    expect(c(description, group, "OnDemand", "Storage")).toEqual({ kind: "storage", storageClass });
  });
});

describe("money: units + nanos exactly (docs/pricing-sources.md §1.2)", () => {
  it.each([
    // [skuId in opencost skus.json, expected price: units + nanos/1e9 as written in the file]
    ["2922-40C5-B19F", 31_611_000n, "USD", 0.031611], // A2 Core, units "0" nanos 31611000
    ["9E37-EAF4-1576", 508_934_997_455n, "IDR", 508.934997455], // T2D Core IDR, units "508" nanos 934997455
    ["039F-D0DA-4055", 2_933_908_000n, "USD", 2.933908], // A100 GPU, units "2" nanos 933908000
  ])("%s → %s nanos %s", (skuId, nanos, currency, value) => {
    const raw = recorded.skus.find((s) => (s as { skuId: string }).skuId === skuId);
    const p = checkSkuPrice(raw, 0, "first");
    expect(p).toEqual({ usageUnit: "h", currency, nanos });
    expect(toNumber(rateFromPrice(p, "h")!)).toBe(value);
  });

  it("GBy.h → per GiB: × 2^30 / 10^9, exact", () => {
    const p = checkSkuPrice(restSku({ description: "x", group: "RAM", regions: [], unit: "GBy.h", nanos: 1_000_000_000n }), 0, "first");
    expect(rateFromPrice(p, "GiBy.h")).toEqual({ num: 1_000_000_000n * 1_073_741_824n, den: 1_000_000_000n * 1_000_000_000n });
    expect(toNumber(rateFromPrice(p, "GiBy.h")!)).toBe(1.073741824); // 1 GiB = 1.073741824 GB
    expect(rateFromPrice(p, "h")).toBeUndefined();
  });

  it("disks take the last (non-free) tier; machines the tier starting at 0", () => {
    const sku = restSku({
      description: "Balanced PD Capacity in Iowa",
      family: "Storage",
      group: "SSD",
      regions: ["us-central1"],
      unit: "GiBy.mo",
      nanos: 100_000_000n,
    });
    const tiers = sku.pricingInfo[0]!.pricingExpression.tieredRates;
    tiers.unshift({ startUsageAmount: 0, unitPrice: { currencyCode: "USD", units: "0", nanos: 1 } });
    tiers[1]!.startUsageAmount = 10;
    expect(checkSkuPrice(sku, 0, "last").nanos).toBe(100_000_000n);
    expect(checkSkuPrice(sku, 0, "first").nanos).toBe(1n);
  });

  it.each([
    ["units not an integer", { units: "1.5", nanos: 0 }, /tieredRates\[0\]\.unitPrice\.units is "1.5", expected an integer/],
    ["nanos out of range", { units: "0", nanos: 1e9 }, /unitPrice\.nanos is 1000000000, expected an integer below 10⁹/],
    ["currency not ISO 4217", { units: "1", nanos: 0, currencyCode: "usd" }, /currencyCode is "usd"/],
  ])("%s → RefreshError naming the SKU and field", (_, price, re) => {
    const sku = restSku({
      skuId: "BAD0-0000-0009",
      description: "N2 Instance Core running in Iowa",
      group: "CPU",
      regions: ["us-central1"],
      unit: "h",
      nanos: 1n,
    });
    Object.assign(sku.pricingInfo[0]!.pricingExpression.tieredRates[0]!.unitPrice, price);
    const e = (() => {
      try {
        checkSkuPrice(sku, 0, "first");
      } catch (x) {
        return x;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(RefreshError);
    expect((e as Error).message).toMatch(/^SKU BAD0-0000-0009 "N2 Instance Core running in Iowa": /);
    expect((e as Error).message).toMatch(re);
  });
});
