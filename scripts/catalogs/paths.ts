/**
 * Paths of the catalog build: the repository root, the reference and AWS input folders, and the
 * names that the generated `_meta` blocks quote (generator, reference folder, AWS inputs folder).
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (the folder that holds `scripts/`). */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Default reference directory: `../shared/reference` relative to the repository root. */
export function defaultReferenceDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.CC_PLAN_REFERENCE_DIR;
  return fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, "..", "shared", "reference");
}

/** Default directory of the committed AWS inputs. */
export const DEFAULT_AWS_SOURCES_DIR: string = join(REPO_ROOT, "catalogs", "sources", "aws");

/** `_meta.generator` of every catalog: the command (scripts/build-catalogs.ts), which runs the modules of this folder. */
export const GENERATOR = "scripts/build-catalogs.ts";
export const REF = "../shared/reference";
export const AWS_SRC = "catalogs/sources/aws";
