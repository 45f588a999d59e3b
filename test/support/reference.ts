/**
 * The public data files tests check against, all inside this repository (nothing outside the clone is
 * read): the catalog build inputs in `catalogs/sources/<provider>/` and recorded API responses in
 * `test/fixtures/recorded/` (provenance in each folder's README). A missing file is an error, never a
 * skipped test.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./cli.js";

const folders = [
  join(repoRoot, "catalogs", "sources", "gcp"),
  join(repoRoot, "catalogs", "sources", "azure"),
  join(repoRoot, "catalogs", "sources", "aws"),
  join(repoRoot, "test", "fixtures", "recorded"),
];

/** Absolute path of a committed public data file, by its file name. Throws if no folder has it. */
export function referenceFile(name: string): string {
  for (const dir of folders) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`reference file ${name} is not in catalogs/sources/* or test/fixtures/recorded/`);
}
