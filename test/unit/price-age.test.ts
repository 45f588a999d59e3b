/**
 * How old a plan's prices are (src/core/planner/price-age.ts): the dates of a bill's lines by item, and the
 * age of the oldest on a given day — worked out by hand from calendar dates.
 */
import { describe, expect, it } from "vitest";
import type { CostLine } from "../../src/core/cost.js";
import { ageInDays, isIsoDate, priceDatesOf, stalePriceDays } from "../../src/core/planner/price-age.js";

const line = (id: string, asOf?: string): CostLine => ({
  id,
  label: id,
  quantity: 1,
  unit: "u",
  unitPriceUsd: 1,
  usdPerMonth: 1,
  source: "s",
  ...(asOf ? { asOf } : {}),
});

describe("price dates and age", () => {
  it("groups the dated lines by what they price (nodes, disks, fees), distinct, sorted; undated lines (your own prices) are left out", () => {
    const lines = [
      line("compute", "2026-08-22"),
      line("boot-disks", "2026-08-10"),
      line("compute-above-commitment", "2026-08-22"),
      line("env-disks", "2023-01-25"),
      line("snapshots:nightly", "2026-08-14"),
      line("cluster-fee", "2026-08-21"),
      line("fixed:app", "2026-07-20"),
      line("fixed:database"),
      line("per-node:agent"),
    ];
    expect(priceDatesOf(lines)).toEqual([
      { item: "nodes", asOf: "2026-07-20" },
      { item: "nodes", asOf: "2026-08-22" },
      { item: "disks", asOf: "2023-01-25" },
      { item: "disks", asOf: "2026-08-10" },
      { item: "disks", asOf: "2026-08-14" },
      { item: "fees", asOf: "2026-08-21" },
    ]);
  });

  it("age of the oldest date in whole days; a month counts from its first day; unreadable → undefined", () => {
    // 2026-07-30 → 2026-12-04: 1 (Jul 31) + 31 + 30 + 31 + 30 + 4 = 127
    expect(ageInDays(["2026-07-30", "2026-08-22"], "2026-12-04")).toBe(127);
    // 2025-01-01 → 2026-12-04: 365 + 337 (2026-01-01 → 2026-12-04)
    expect(ageInDays(["2025-01"], "2026-12-04")).toBe(702);
    expect(ageInDays(["2024-02-28"], "2024-03-01")).toBe(2); // leap year
    expect(ageInDays([], "2026-12-04")).toBeUndefined();
    expect(ageInDays(["unknown"], "2026-12-04")).toBeUndefined();
    expect(ageInDays(["2026-07-30"], "2026-13-01")).toBeUndefined();
    expect(stalePriceDays).toBe(90);
  });

  it("isIsoDate: real calendar days only", () => {
    expect(isIsoDate("2026-12-04")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-12")).toBe(false);
    expect(isIsoDate("2026-12-04T00:00:00Z")).toBe(false);
  });
});
