/**
 * Reads catalog files from disk (the only file I/O the plan needs).
 * Directory: `$CC_PLAN_CATALOG_DIR`, else the package's own `catalogs/` folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalogs } from "../catalog/lookup.js";
import { parseCatalog } from "../catalog/parse.js";
import type { Catalog, Provider } from "../catalog/types.js";

/** A catalog that cannot be read or is invalid; the CLI reports it as bad input (exit 2). */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
}

/** The package's `catalogs/` folder, found by walking up from this module (works from src, dist and the bundle). */
export function defaultCatalogDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.CC_PLAN_CATALOG_DIR) return env.CC_PLAN_CATALOG_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "catalogs", "gcp.json")) && existsSync(join(dir, "package.json"))) return join(dir, "catalogs");
    dir = dirname(dir);
  }
  throw new CatalogError("cannot find the catalogs/ folder; set CC_PLAN_CATALOG_DIR");
}

/** Read and validate one provider's catalog. */
export function loadCatalog(provider: Provider, dir: string = defaultCatalogDir()): Catalog {
  const file = join(dir, `${provider}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CatalogError(`catalog ${file}: cannot be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`catalog ${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = parseCatalog(json, provider, file);
  if (!r.ok) throw new CatalogError(r.reason);
  return r.catalog;
}

/** Load several providers' catalogs. */
export function loadCatalogs(list: readonly Provider[], dir?: string): Catalogs {
  const out: Catalogs = {};
  for (const p of list) out[p] = loadCatalog(p, dir);
  return out;
}
