/**
 * Paths of the catalog build: the repository root, the committed input folder `catalogs/sources/`
 * (one sub-folder per provider; provenance in its README files), and the names that the generated
 * `_meta` blocks quote.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (the folder that holds `scripts/`). */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Default input folder: `catalogs/sources/` of this repository (nothing outside the clone is read). */
export const DEFAULT_SOURCES_DIR: string = join(REPO_ROOT, "catalogs", "sources");

/** `_meta.generator` of every catalog: the command (scripts/build-catalogs.ts), which runs the modules of this folder. */
export const GENERATOR = "scripts/build-catalogs.ts";
/** Repository-relative folders quoted as `localCopy` in `_meta.sources`. */
export const SRC = "catalogs/sources";
export const GCP_SRC = `${SRC}/gcp`;
export const AZURE_SRC = `${SRC}/azure`;
export const AWS_SRC = `${SRC}/aws`;
