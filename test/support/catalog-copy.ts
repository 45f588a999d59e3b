/** Catalog folders for refresh tests: a private copy of `catalogs/`, and every file's bytes to compare before/after. */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "./cli.js";

/** A copy of the repository's `catalogs/` in a new temporary folder; its path. */
export function copyCatalogs(prefix = "cc-plan-refresh-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(repoRoot, "catalogs"), dir, { recursive: true });
  return dir;
}

/** Every file under `dir` (path relative to it) → its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}
