/**
 * The refresh writer (src/adapters/prices/write.ts): same format as the catalog builder, a change summary,
 * partial data refused unless allowed, and atomic writes that leave the previous catalog byte-for-byte
 * intact on any failure.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FetchedPrices } from "../../src/adapters/prices/types.js";
import { RefreshError } from "../../src/adapters/prices/types.js";
import { readCurrentCatalog, refreshedFiles } from "../../src/adapters/prices/write.js";
import type { CatalogPriceFile } from "../../src/catalog/types.js";
import { repoRoot } from "../support/cli.js";

const catalogDir = join(repoRoot, "catalogs");
const committed = JSON.parse(readFileSync(join(catalogDir, "prices", "gcp", "us-central1.json"), "utf8")) as CatalogPriceFile;

/** A fetch result that carries exactly the committed us-central1 offerings. */
function fetchedLikeCommitted(edit: (o: Record<string, Record<string, number>>) => void = () => {}): FetchedPrices {
  const offerings = structuredClone(committed.offerings) as unknown as Record<string, Record<string, number>>;
  edit(offerings);
  return {
    provider: "gcp",
    currency: "USD",
    api: "cloudbilling.googleapis.com v1 services/6F81-5844-456A/skus",
    endpoint: "http://127.0.0.1:1",
    sdk: "@google-cloud/billing test",
    filters: ["regions: us-central1"],
    retrievedAt: "2026-11-22T10:00:00Z",
    regions: { "us-central1": offerings },
    missing: [],
  };
}

describe("refreshedFiles", () => {
  it("reproduces the committed offerings byte-for-byte when prices are unchanged (only _meta differs)", () => {
    const current = readCurrentCatalog(catalogDir, "gcp", ["us-central1"]);
    const { files, summary } = refreshedFiles(current, fetchedLikeCommitted(), { allowPartial: false });
    const written = JSON.parse(files["prices/gcp/us-central1.json"] ?? "{}") as CatalogPriceFile;
    expect(JSON.stringify(written.offerings, null, 2)).toBe(JSON.stringify(committed.offerings, null, 2));
    expect(written._meta.refresh?.retrievedAt).toBe("2026-11-22T10:00:00Z");
    expect(written._meta.asOf).toBe("2026-11-22");
    expect(summary.moves).toEqual([]);
    expect(summary.unchanged).toBe(Object.keys(committed.offerings).length);
    expect(Object.keys(files)).toEqual(["prices/gcp/us-central1.json"]); // no new region → gcp.json untouched
  });

  it("reports price moves above 1 % and new or removed types", () => {
    const current = readCurrentCatalog(catalogDir, "gcp", ["us-central1"]);
    const { summary } = refreshedFiles(
      current,
      fetchedLikeCommitted((o) => {
        (o["n2-standard-4"] as Record<string, number>).onDemandUsdPerHour = 0.194236 * 1.05; // +5 %
        const n8 = o["n2-standard-8"] as Record<string, number>;
        n8.onDemandUsdPerHour = (n8.onDemandUsdPerHour as number) * 1.005; // +0.5 %: not a move
        delete o["c3-standard-4"];
      }),
      { allowPartial: false },
    );
    expect(summary.moves).toHaveLength(1);
    expect(summary.moves[0]).toMatch(/^n2-standard-4 us-central1 onDemandUsdPerHour 0\.194236 → 0\.203947.* \(\+5\.0 %\)$/);
    expect(summary.removedTypes).toEqual(["c3-standard-4 in us-central1"]);
  });

  it("refuses partial data unless allowed, and then marks what is missing", () => {
    const current = readCurrentCatalog(catalogDir, "gcp", ["us-central1"]);
    const partial = { ...fetchedLikeCommitted(), missing: ["c3-standard-4 in us-central1: no C3 RAM SKU"] };
    expect(() => refreshedFiles(current, partial, { allowPartial: false })).toThrow(/partial data: 1 row\(s\) could not be priced .*nothing written/);
    const { files } = refreshedFiles(current, partial, { allowPartial: true });
    expect((JSON.parse(files["prices/gcp/us-central1.json"] ?? "{}") as CatalogPriceFile)._meta.refresh?.missing).toEqual([
      "c3-standard-4 in us-central1: no C3 RAM SKU",
    ]);
  });

  it("rejects a zero or negative price", () => {
    const current = readCurrentCatalog(catalogDir, "gcp", ["us-central1"]);
    expect(() =>
      refreshedFiles(
        current,
        fetchedLikeCommitted((o) => ((o["n2-standard-4"] as Record<string, number>).spotUsdPerHour = 0)),
        { allowPartial: false },
      ),
    ).toThrow(RefreshError);
  });
});

// The transaction that writes these files (staging, switch, rollback, lock) is tested in refresh-faults.test.ts.
