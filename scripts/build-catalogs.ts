/**
 * Builds `catalogs/gcp.json`, `catalogs/azure.json` and `catalogs/aws.json`, `catalogs/specs/*.json`,
 * `catalogs/storage/*.json` and `catalogs/fees.json` from the public data files committed in
 * `catalogs/sources/` (one folder per provider; provenance in `catalogs/sources/README.md`). No price or spec is typed here: every number
 * comes from a data file.
 *
 * Deterministic: no clock, no network, no locale-dependent sorting; output is
 * `JSON.stringify(catalog, null, 2) + "\n"` with a fixed key order. Any malformed or inconsistent
 * input throws a {@link CatalogBuildError} whose one-line message names the file, the line and the field.
 *
 * Usage: `npx tsx scripts/build-catalogs.ts [--sources <dir>] [--out <dir>]` (defaults `<repo>/catalogs/sources`,
 * `<repo>/catalogs`).
 */
import { realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogMachinesFile, CatalogPriceFile } from "../src/catalog/types.js";
import { buildCatalogs } from "./catalogs/build.js";
import { writeCatalogs } from "./catalogs/output.js";
import { DEFAULT_SOURCES_DIR, REPO_ROOT } from "./catalogs/paths.js";
import { CatalogBuildError } from "./catalogs/table.js";

// The builders live in scripts/catalogs/, one module per concern:
//   paths.ts    repository root, the input folder catalogs/sources/, names quoted in _meta
//   table.ts    CatalogBuildError and the tiny CSV reader (typed, validating cell getters)
//   format.ts   deterministic sort orders and key-ordered output objects
//   gcp.ts, azure.ts, aws.ts   the priced catalog of each provider
//   specs.ts    specs-only catalogs (every machine type without prices)
//   storage.ts, storage-azure.ts, storage-aws.ts  disk price catalogs;  fees.ts  cluster fee catalog
//   output.ts   serialisation, the split into per-region price files, writing
//   build.ts    buildCatalogs: all of the above
// This file is the command and the public API (tests import it); it is also the `generator` in _meta.
export { buildAws } from "./catalogs/aws.js";
export { buildAzure } from "./catalogs/azure.js";
export { buildCatalogs } from "./catalogs/build.js";
export { buildFees } from "./catalogs/fees.js";
export type { BuiltCatalog } from "./catalogs/format.js";
export { buildGcp } from "./catalogs/gcp.js";
export { splitCatalog, writeCatalogs } from "./catalogs/output.js";
export { DEFAULT_SOURCES_DIR, REPO_ROOT } from "./catalogs/paths.js";
export { buildAzureSpecs, buildGcpSpecs } from "./catalogs/specs.js";
export { buildGcpStorage } from "./catalogs/storage.js";
export { buildAwsStorage } from "./catalogs/storage-aws.js";
export { buildAzureStorage } from "./catalogs/storage-azure.js";
export { CatalogBuildError } from "./catalogs/table.js";

function isMain(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(resolve(arg)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const outDir = outIdx >= 0 && args[outIdx + 1] ? resolve(args[outIdx + 1] as string) : join(REPO_ROOT, "catalogs");
  const srcIdx = args.indexOf("--sources");
  const sourcesDir = srcIdx >= 0 && args[srcIdx + 1] ? resolve(args[srcIdx + 1] as string) : DEFAULT_SOURCES_DIR;
  try {
    const files = buildCatalogs(sourcesDir);
    writeCatalogs(outDir, files);
    for (const provider of ["aws", "azure", "gcp"]) {
      const m = JSON.parse(files[`${provider}.json`] ?? "{}") as CatalogMachinesFile;
      const priceFiles = Object.keys(files).filter((f) => f.startsWith(`prices/${provider}/`));
      const bytes = [`${provider}.json`, ...priceFiles].reduce((n, f) => n + Buffer.byteLength(files[f] ?? ""), 0);
      const offerings = priceFiles.reduce((n, f) => n + Object.keys((JSON.parse(files[f] ?? "{}") as CatalogPriceFile).offerings).length, 0);
      process.stdout.write(
        `${join(outDir, `${provider}.json`)}: ${m.machineTypes.length} machine types, ${m.regions.length} regions (price files), ${offerings} offerings, ${bytes} bytes\n`,
      );
    }
  } catch (e) {
    if (e instanceof CatalogBuildError) {
      process.stderr.write(`build-catalogs: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
