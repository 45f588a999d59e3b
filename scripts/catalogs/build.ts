/**
 * Every catalog at once: the builders of each provider, the specs-only, storage and fee catalogs.
 */
import { buildAws } from "./aws.js";
import { buildAzure } from "./azure.js";
import { buildFees } from "./fees.js";
import type { BuiltCatalog } from "./format.js";
import { buildGcp } from "./gcp.js";
import { serialize, splitCatalog } from "./output.js";
import { DEFAULT_AWS_SOURCES_DIR, defaultReferenceDir, REPO_ROOT } from "./paths.js";
import { buildAzureSpecs, buildGcpSpecs } from "./specs.js";
import { buildAzureStorage, buildGcpStorage } from "./storage.js";

/** Builds every catalog; returns file name (relative to `catalogs/`) → file contents. Writes nothing. */
export function buildCatalogs(
  referenceDir: string = defaultReferenceDir(),
  awsSourcesDir: string = DEFAULT_AWS_SOURCES_DIR,
  repoRoot: string = REPO_ROOT,
): Record<string, string> {
  const aws = buildAws(referenceDir, awsSourcesDir);
  const azure = buildAzure(referenceDir);
  const gcp = buildGcp(referenceDir);
  const names = (c: BuiltCatalog): Set<string> => new Set(c.machineTypes.map((m) => m.name));
  return {
    ...splitCatalog(aws),
    ...splitCatalog(azure),
    ...splitCatalog(gcp),
    "specs/azure.json": serialize(buildAzureSpecs(referenceDir, names(azure), azure._meta)),
    "specs/gcp.json": serialize(buildGcpSpecs(referenceDir, names(gcp), gcp._meta)),
    "storage/azure.json": serialize(buildAzureStorage(repoRoot, azure._meta)),
    "storage/gcp.json": serialize(buildGcpStorage(referenceDir, gcp._meta)),
    "fees.json": serialize(buildFees(repoRoot)),
  };
}
