/**
 * The capacity estimates against published real nodes (test/fixtures/node-capacity/observations.csv; sources
 * in that folder's README). Every expected number here is computed from that file: the least-squares
 * constants of each affine fit, each node's estimate error, and the ranges src/core/capacity.ts states.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../src/catalog/types.js";
import {
  aksCapacityEstimate,
  type CapacityEstimate,
  capacityEstimate,
  capacityMemoryBytes,
  eksM5R5CapacityEstimate,
  eksM6iM7iCapacityEstimate,
  eksMetalCapacityEstimate,
  gceCapacityEstimate,
} from "../../src/core/capacity.js";
import { bytes } from "../../src/core/units/brands.js";
import { repoRoot } from "../support/cli.js";
import { Ki, Mi } from "../support/machines.js";

interface Observation {
  readonly provider: Provider;
  readonly machineType: string;
  readonly nominalMiB: number;
  readonly capacityKi: number;
  readonly resolutionKi: number;
  readonly source: string;
  readonly path: string;
  readonly version: string;
  readonly date: string;
}

const text = readFileSync(join(repoRoot, "test/fixtures/node-capacity/observations.csv"), "utf8");
const [header = "", ...lines] = text.trimEnd().split("\n");
const columns = header.split(",");
const rows: Observation[] = lines.map((line) => {
  const f = Object.fromEntries(line.split(",").map((v, i) => [columns[i], v]));
  return {
    provider: f.provider as Provider,
    machineType: String(f.machine_type),
    nominalMiB: Number(f.nominal_mib),
    capacityKi: Number(f.capacity_ki),
    resolutionKi: Number(f.resolution_ki),
    source: String(f.source),
    path: String(f.path),
    version: String(f.version),
    date: String(f.date),
  };
});

// The family the catalogs give a type (EKS picks its fit by family); types outside the catalogs (n1, n4,
// B2s, …) only matter for GKE and AKS, where every type gets the same estimate.
const families = new Map<string, string>();
for (const file of ["catalogs/gcp.json", "catalogs/azure.json", "catalogs/aws.json"])
  for (const m of (JSON.parse(readFileSync(join(repoRoot, file), "utf8")) as { machineTypes: { name: string; family: string }[] }).machineTypes)
    families.set(m.name, m.family);
const estimateOf = (o: Observation): CapacityEstimate => capacityEstimate(o.provider, { name: o.machineType, family: families.get(o.machineType) ?? "" });
/** Observed − estimated capacity, MiB (unrounded). */
const errorMiB = (o: Observation): number => (o.capacityKi * Ki - capacityMemoryBytes(bytes(o.nominalMiB * Mi), estimateOf(o).model)) / Mi;

const fits = [gceCapacityEstimate, aksCapacityEstimate, eksM5R5CapacityEstimate, eksM6iM7iCapacityEstimate, eksMetalCapacityEstimate];
const rowsOf = (e: CapacityEstimate): Observation[] => rows.filter((o) => estimateOf(o).id === e.id);

describe("the data file", () => {
  it("has the columns its README describes, and every row is a plausible capacity with a source", () => {
    expect(columns).toEqual([
      "provider",
      "machine_type",
      "nominal_mib",
      "capacity_ki",
      "published_as",
      "resolution_ki",
      "source",
      "path",
      "version",
      "date",
      "note",
    ]);
    for (const o of rows) {
      expect(["gcp", "azure", "aws"], o.machineType).toContain(o.provider);
      expect(Number.isInteger(o.capacityKi) && o.capacityKi > 0, o.machineType).toBe(true);
      // The kernel keeps 1.5–7 % of memory (docs/node-overhead.md §1.1): capacity is below nominal, above 90 % of it.
      expect(o.capacityKi * Ki, o.machineType).toBeLessThan(o.nominalMiB * Mi);
      expect(o.capacityKi * Ki, o.machineType).toBeGreaterThan(0.9 * o.nominalMiB * Mi);
      expect([0, 525, 1024]).toContain(o.resolutionKi);
      expect(o.source.length * o.path.length * o.version.length, o.machineType).toBeGreaterThan(0);
      expect(o.date, o.machineType).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
  });

  it("has at least 8 published nodes per provider (GKE 35, AKS 9, EKS 80)", () => {
    const count = (p: Provider): number => rows.filter((o) => o.provider === p).length;
    expect([count("gcp"), count("azure"), count("aws")]).toEqual([35, 9, 80]);
  });
});

describe("each estimate's constants are the least-squares fit to its rows", () => {
  // loss = nominal − capacity (bytes) = a + b × nominal (bytes): ordinary least squares, a rounded to whole
  // KiB and b to parts per million, as the constants' comments in src/core/capacity.ts say.
  for (const e of [aksCapacityEstimate, eksM5R5CapacityEstimate, eksM6iM7iCapacityEstimate, eksMetalCapacityEstimate])
    it(e.id, () => {
      const pts = rowsOf(e).map((o) => [o.nominalMiB * Mi, o.nominalMiB * Mi - o.capacityKi * Ki] as const);
      const n = pts.length;
      const mx = pts.reduce((s, [x]) => s + x, 0) / n;
      const my = pts.reduce((s, [, y]) => s + y, 0) / n;
      const b = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
      const a = my - b * mx;
      expect(e.model).toMatchObject({ kind: "affine", constantKiB: Math.round(a / Ki), ppm: Math.round(b * 1e6) });
    });
});

describe("each estimate states the range of its errors on the published nodes", () => {
  for (const e of fits)
    it(`${e.id}: observed − estimate in [${e.observedMinusEstimateMiB?.min}, ${e.observedMinusEstimateMiB?.max}] MiB, as tight as the data`, () => {
      const mine = rowsOf(e);
      const errors = mine.map(errorMiB);
      expect(e.observations).toBe(mine.length);
      expect(e.observedMinusEstimateMiB).toEqual({ min: Math.floor(Math.min(...errors)), max: Math.ceil(Math.max(...errors)) });
      expect(e.checkedNominalMiB).toEqual({ min: Math.min(...mine.map((o) => o.nominalMiB)), max: Math.max(...mine.map((o) => o.nominalMiB)) });
    });

  it("every row belongs to one of these estimates (none falls back to an unchecked one)", () => {
    expect(rows.filter((o) => !fits.some((e) => e.id === estimateOf(o).id)).map((o) => o.machineType)).toEqual([]);
  });

  it.each(rows.map((o) => [`${o.provider} ${o.machineType} ${o.capacityKi}Ki (${o.source} ${o.date})`, o] as const))(
    "%s is within its estimate's range",
    (_name, o) => {
      const r = estimateOf(o).observedMinusEstimateMiB;
      const d = errorMiB(o);
      expect(d).toBeGreaterThanOrEqual(r?.min ?? Number.NaN);
      expect(d).toBeLessThanOrEqual(r?.max ?? Number.NaN);
    },
  );
});

describe("what the fits replaced (the range each old default had on the same nodes)", () => {
  it("AKS: 2 % below nominal was −93.9 … +88.1 MiB off (−94 … +89 rounded outward); the fit is −10 … +9", () => {
    const az = rows.filter((o) => o.provider === "azure");
    const old = az.map((o) => (o.capacityKi * Ki - capacityMemoryBytes(bytes(o.nominalMiB * Mi), { kind: "percent", percent: 2, source: "old" })) / Mi);
    expect([Math.floor(Math.min(...old)), Math.ceil(Math.max(...old))]).toEqual([-94, 89]);
    expect(aksCapacityEstimate.observedMinusEstimateMiB).toEqual({ min: -10, max: 9 });
  });
  it("EKS: Karpenter's 7.5 % under-stated every published node, by 55 MiB … 45 GiB", () => {
    const aws = rows.filter((o) => o.provider === "aws");
    const old = aws.map((o) => (o.capacityKi * Ki - capacityMemoryBytes(bytes(o.nominalMiB * Mi), { kind: "percent", percent: 7.5, source: "old" })) / Mi);
    expect(Math.min(...old)).toBeGreaterThan(55);
    expect(Math.max(...old) / 1024).toBeGreaterThan(45);
    expect(Math.max(...old) / 1024).toBeLessThan(46);
  });
});
