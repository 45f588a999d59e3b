/**
 * Plausible prices (issue 12): a catalog price of 1e306 $/h printed `$Infinity.00` and one of 1e-12 $/h
 * gave `$0.00` lines. The ranges of src/catalog/plausible.ts guard the catalogs when they load and the
 * refresh when it writes (test/prices/refresh-faults.test.ts). Here: the bundled catalogs are all inside
 * them (observed extremes, written in the module's comment, are the bound's evidence), and a broken
 * catalog folder makes the CLI stop with one line naming the file, type, value and range.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { implausiblePrice, plausibleRange } from "../../src/catalog/plausible.js";
import type { CatalogPriceFile } from "../../src/catalog/types.js";
import { repoRoot, runInProcess } from "../support/cli.js";

describe("plausible price ranges", () => {
  it("every price of every bundled catalog is inside its unit's range", () => {
    let checked = 0;
    for (const p of ["gcp", "azure", "aws"]) {
      for (const f of readdirSync(join(repoRoot, "catalogs", "prices", p))) {
        const file = JSON.parse(readFileSync(join(repoRoot, "catalogs", "prices", p, f), "utf8")) as CatalogPriceFile;
        for (const [name, o] of Object.entries(file.offerings))
          for (const [k, v] of Object.entries(o))
            if (typeof v === "number") {
              expect(implausiblePrice(v, k.endsWith("PerHour") ? "hour" : "month"), `${p} ${f} ${name} ${k}`).toBeUndefined();
              checked++;
            }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("states the value and the range; other currencies widen only the upper end", () => {
    expect(implausiblePrice(1e306, "hour")).toBe("1e+306 USD per hour is outside the plausible range 0.0001 to 1000");
    expect(implausiblePrice(1e-12, "hour")).toBe("1e-12 USD per hour is outside the plausible range 0.0001 to 1000");
    expect(implausiblePrice(Number.NaN, "GiB-month")).toBe("NaN USD per GiB-month is outside the plausible range 0.001 to 10");
    expect(implausiblePrice(0.194236, "hour")).toBeUndefined();
    expect(plausibleRange("hour", "JPY")).toEqual({ min: 0.0001, max: 10_000_000 });
  });

  it.each([
    [1e306, "1e+306 USD per hour"],
    [1e-12, "1e-12 USD per hour"],
  ])(
    "a catalog folder with n2-standard-4 at %s $/h: exit 1, one line naming the file, type, value and range (before: $Infinity.00 / $0.00)",
    async (price, text) => {
      const dir = mkdtempSync(join(tmpdir(), "cc-plan-implausible-"));
      cpSync(join(repoRoot, "catalogs"), dir, { recursive: true });
      const path = join(dir, "prices", "gcp", "us-central1.json");
      const file = JSON.parse(readFileSync(path, "utf8")) as CatalogPriceFile;
      (file.offerings["n2-standard-4"] as { onDemandUsdPerHour: number }).onDemandUsdPerHour = price;
      writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
      const r = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--provider", "gcp"], { CC_PLAN_CATALOG_DIR: dir });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain("us-central1.json");
      expect(r.stderr).toContain(`offerings.n2-standard-4.onDemandUsdPerHour: ${text} is outside the plausible range 0.0001 to 1000`);
      expect(r.stderr).not.toMatch(/Infinity|\$0\.00/);
    },
  );
});
