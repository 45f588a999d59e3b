/**
 * The committed files: serialisation, the split of a provider's catalog into a machines file and one
 * price file per region, and writing them into a folder.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CatalogMachinesFile, CatalogPriceFile, Offering } from "../../src/catalog/types.js";
import { type BuiltCatalog, cmpStr } from "./format.js";

/** Serialises one file exactly as committed. */
export function serialize(x: unknown): string {
  return `${JSON.stringify(x, null, 2)}\n`;
}

/**
 * Splits a catalog into the committed files: `<provider>.json` (machine facts and the region list) and
 * `prices/<provider>/<region>.json` (one region's offerings). A plan reads one small price file per
 * provider instead of every region (startup time, `npm run bench`), and a price refresh diffs per region.
 */
export function splitCatalog(c: BuiltCatalog): Record<string, string> {
  const provider = c._meta.provider;
  const regions = [...new Set(c.machineTypes.flatMap((m) => m.offerings.map((o) => o.region)))].sort(cmpStr);
  const machines: CatalogMachinesFile = {
    _meta: c._meta,
    regions,
    machineTypes: c.machineTypes.map(({ offerings: _offerings, ...facts }) => facts),
  };
  const files: Record<string, string> = { [`${provider}.json`]: serialize(machines) };
  for (const region of regions) {
    const offerings: Record<string, Omit<Offering, "region">> = {};
    for (const m of c.machineTypes) {
      const o = m.offerings.find((x) => x.region === region);
      if (o === undefined) continue;
      const { region: _r, ...prices } = o;
      offerings[m.name] = prices;
    }
    const file: CatalogPriceFile = {
      _meta: {
        provider,
        region,
        formatVersion: 1,
        currency: "USD",
        asOf: c._meta.asOf,
        sources: `see ../../${provider}.json _meta.sources`,
      },
      offerings,
    };
    files[`prices/${provider}/${region}.json`] = serialize(file);
  }
  return files;
}

/** Writes the files returned by {@link buildCatalogs} into `outDir` (price files of vanished regions are removed). */
export function writeCatalogs(outDir: string, files: Readonly<Record<string, string>>): void {
  rmSync(join(outDir, "prices"), { recursive: true, force: true });
  rmSync(join(outDir, "specs"), { recursive: true, force: true });
  rmSync(join(outDir, "storage"), { recursive: true, force: true });
  for (const name of Object.keys(files).sort(cmpStr)) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), files[name] ?? "");
  }
}
