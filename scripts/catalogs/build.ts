/**
 * Every catalog at once: the builders of each provider, the specs-only, storage and fee catalogs.
 */
import { buildAws } from "./aws.js";
import { buildAzure } from "./azure.js";
import { buildFees } from "./fees.js";
import type { BuiltCatalog } from "./format.js";
import { buildGcp } from "./gcp.js";
import { serialize, splitCatalog } from "./output.js";
import { DEFAULT_SOURCES_DIR } from "./paths.js";
import { buildAzureSpecs, buildGcpSpecs } from "./specs.js";
import { buildGcpStorage } from "./storage.js";
import { buildAwsStorage } from "./storage-aws.js";
import { buildAzureStorage } from "./storage-azure.js";

/** Builds every catalog; returns file name (relative to `catalogs/`) → file contents. Writes nothing. */
export function buildCatalogs(sourcesDir: string = DEFAULT_SOURCES_DIR): Record<string, string> {
  const aws = buildAws(sourcesDir);
  const azure = buildAzure(sourcesDir);
  const gcp = buildGcp(sourcesDir);
  const names = (c: BuiltCatalog): Set<string> => new Set(c.machineTypes.map((m) => m.name));
  return {
    ...splitCatalog(aws),
    ...splitCatalog(azure),
    ...splitCatalog(gcp),
    "specs/azure.json": serialize(buildAzureSpecs(sourcesDir, names(azure), azure._meta)),
    "specs/gcp.json": serialize(buildGcpSpecs(sourcesDir, names(gcp), gcp._meta)),
    "storage/aws.json": serialize(buildAwsStorage(sourcesDir)),
    "storage/azure.json": serialize(buildAzureStorage(sourcesDir, azure._meta)),
    "storage/gcp.json": serialize(buildGcpStorage(sourcesDir, gcp._meta)),
    "fees.json": serialize(buildFees(sourcesDir)),
  };
}
