/**
 * Cost arithmetic (src/core/cost.ts) from first principles against the pinned reference snapshot:
 * catalog prices come from catalogs/sources/ via catalogs/ (rebuilt byte-for-byte in
 * build-catalogs.test.ts), and each expectation is quantity × unit price × hours, derived beside it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/adapters/catalog-fs.js";
import { offeringIn } from "../../src/catalog/lookup.js";
import { azureDiscounts, computeCost, sudFactor, summarize } from "../../src/core/cost.js";
import { compress, minutesPerWeek, type Series } from "../../src/core/demand.js";
import { referenceFile } from "../support/reference.js";

const gcp = loadCatalog("gcp", { regions: ["us-central1"] });
const azure = loadCatalog("azure", { regions: ["eastus"] });
const n2 = gcp.machineTypes.find((m) => m.name === "n2-standard-32")!;
const d64 = azure.machineTypes.find((m) => m.name === "Standard_D64s_v3")!;
const flatMinutes = (n: number): Int32Array => new Int32Array(minutesPerWeek).fill(n);
const flat = (n: number): Series => compress(flatMinutes(n));

/** The reference row itself (gcp-gce-instance-prices.csv), so the test does not trust the catalog builder. */
function referenceRow(machine: string, region: string): Record<string, string> {
  const lines = readFileSync(referenceFile("gcp-gce-instance-prices.csv"), "utf8").trim().split("\n");
  const head = (lines[0] ?? "").split(",");
  const row = lines.map((l) => l.split(",")).find((c) => c[0] === machine && c[5] === region);
  if (!row) throw new Error(`no reference row for ${machine} ${region}`);
  return Object.fromEntries(head.map((h, i) => [h, row[i] ?? ""]));
}

describe("sustained-use schedule (docs/pricing-sources.md §1.5)", () => {
  it("a full month pays 0.8002 of list: 0.25 × (1 + 0.8678 + 0.733 + 0.6)", () => {
    expect(sudFactor(1)).toBeCloseTo(0.8002, 12);
    expect(sudFactor(0.25)).toBeCloseTo(0.25, 12); // first quarter at 100 %
    expect(sudFactor(0.5)).toBeCloseTo(0.25 + 0.25 * 0.8678, 12);
    expect(sudFactor(0)).toBe(0);
  });

  it("reproduces the reference month_usd_with_sud for every n2/n2d/c2 type in us-central1 (hour × 730 × 0.8002)", () => {
    const eligible = gcp.machineTypes.filter((m) => ["n2", "n2d", "c2"].includes(m.family));
    expect(eligible.length).toBeGreaterThan(30);
    for (const m of eligible) {
      const ref = referenceRow(m.name, "us-central1");
      const hour = Number(ref.hour_usd);
      expect(hour * 730 * sudFactor(1)).toBeCloseTo(Number(ref.month_usd_with_sud), 6);
    }
  });

  it("prices each inferred instance by its own share of the month", () => {
    // Instance 1 runs all week, instance 2 half the week: list × 730 × (0.8002 + sudFactor(0.5))
    const minutes = flatMinutes(1);
    minutes.fill(2, 0, minutesPerWeek / 2);
    const nodes = compress(minutes);
    const r = computeCost({
      provider: "gcp",
      pricing: "sud",
      machineType: n2.name,
      family: n2.family,
      region: "us-central1",
      offering: offeringIn(n2, "us-central1"),
      nodes,
      committedNodes: 0,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    const hour = 1.553888; // reference hour_usd of n2-standard-32 us-central1
    expect(r.lines[0]?.usdPerMonth).toBeCloseTo(hour * 730 * (0.8002 + 0.25 + 0.25 * 0.8678), 9);
  });

  it("does not apply to e2 or c3: priced on-demand with a note", () => {
    const e2 = gcp.machineTypes.find((m) => m.name === "e2-standard-4")!;
    const r = computeCost({
      provider: "gcp",
      pricing: "sud",
      machineType: e2.name,
      family: e2.family,
      region: "us-central1",
      offering: offeringIn(e2, "us-central1"),
      nodes: flat(1),
      committedNodes: 0,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    expect(r.applied).toBe("on-demand");
    expect(r.notes[0]).toMatch(/N2, N2D and C2 only/);
    expect(r.lines[0]?.usdPerMonth).toBeCloseTo(0.13402284 * 730, 9); // reference hour_usd × 730
  });
});

describe("on-demand, spot and commitments", () => {
  it("on-demand: node-hours × hourly list price (12 nodes all month = 12 × 730 h × $1.553888)", () => {
    const r = computeCost({
      provider: "gcp",
      pricing: "on-demand",
      machineType: n2.name,
      family: n2.family,
      region: "us-central1",
      offering: offeringIn(n2, "us-central1"),
      nodes: flat(12),
      committedNodes: 6,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]?.quantity).toBeCloseTo(12 * 730, 9);
    expect(r.lines[0]?.usdPerMonth).toBeCloseTo(12 * 730 * 1.553888, 6);
  });

  it("spot uses the reference hour_spot_usd and is below on-demand", () => {
    const ref = referenceRow("n2-standard-32", "us-central1");
    const r = computeCost({
      provider: "gcp",
      pricing: "spot",
      machineType: n2.name,
      family: n2.family,
      region: "us-central1",
      offering: offeringIn(n2, "us-central1"),
      nodes: flat(3),
      committedNodes: 0,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    expect(r.lines[0]?.usdPerMonth).toBeCloseTo(3 * 730 * Number(ref.hour_spot_usd), 6);
    expect(Number(ref.hour_spot_usd)).toBeLessThan(Number(ref.hour_usd));
  });

  it("a 1-year CUD covers the committed baseline whether used or not; the rest is on-demand with SUD", () => {
    const ref = referenceRow("n2-standard-32", "us-central1");
    const minutes = flatMinutes(6);
    minutes.fill(9, 0, minutesPerWeek / 4); // 3 more nodes a quarter of the week
    const nodes = compress(minutes);
    const r = computeCost({
      provider: "gcp",
      pricing: "cud-1y",
      machineType: n2.name,
      family: n2.family,
      region: "us-central1",
      offering: offeringIn(n2, "us-central1"),
      nodes,
      committedNodes: 6,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    const [committed, above] = r.lines;
    expect(committed?.usdPerMonth).toBeCloseTo(6 * Number(ref.month_1y_cud_usd), 6); // 6 × $714.60576
    // 3 inferred instances at 25 % of the month each: 3 × hour × 730 × sudFactor(0.25) = 3 × hour × 730 × 0.25
    expect(above?.usdPerMonth).toBeCloseTo(3 * Number(ref.hour_usd) * 730 * 0.25, 6);
  });

  it("an Azure 1-year reservation: baseline × 730 h × PAYG × (1 − 0.41), the rest pay-as-you-go", () => {
    const nodes = flat(4);
    const r = computeCost({
      provider: "azure",
      pricing: "ri-1y",
      machineType: d64.name,
      family: d64.family,
      region: "eastus",
      offering: offeringIn(d64, "eastus"),
      nodes,
      committedNodes: 3,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    const payg = 3.072; // azure-vm-linux-ondemand-prices.csv eastus Standard_D64s_v3
    expect(azureDiscounts["ri-1y"]).toBe(0.41);
    expect(r.lines[0]?.usdPerMonth).toBeCloseTo(3 * 730 * payg * 0.59, 6);
    expect(r.lines[1]?.usdPerMonth).toBeCloseTo(1 * 730 * payg, 6);
    expect(r.notes.join(" ")).toMatch(/estimate/);
  });

  it("a missing price is null and reported, never 0 (an offering without a spot price)", () => {
    const { spotUsdPerHour: _spot, spotAsOf: _date, ...noSpot } = offeringIn(d64, "eastus") ?? { region: "eastus" };
    const r = computeCost({
      provider: "azure",
      pricing: "spot",
      machineType: d64.name,
      family: d64.family,
      region: "eastus",
      offering: noSpot,
      nodes: flat(4),
      committedNodes: 0,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    expect(r.lines[0]?.usdPerMonth).toBeNull();
    expect(r.missing).toEqual(["spot price of Standard_D64s_v3 in eastus"]);
    const s = summarize(r.lines, 20, 1000, 4 * 730);
    expect(s.totalUsdPerMonth).toBeNull();
    expect(s.perDeveloperUsdPerMonth).toBeNull();
  });

  it("an option for the other provider falls back to on-demand with a note", () => {
    const r = computeCost({
      provider: "gcp",
      pricing: "ri-3y",
      machineType: n2.name,
      family: n2.family,
      region: "us-central1",
      offering: offeringIn(n2, "us-central1"),
      nodes: flat(1),
      committedNodes: 1,
      priceSource: "t",
      priceAsOf: "2026-07-30",
    });
    expect(r.applied).toBe("on-demand");
    expect(r.notes[0]).toMatch(/applies to Azure/);
  });
});
