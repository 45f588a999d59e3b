/**
 * Reads catalog files from disk (the only file I/O a plan needs): `catalogs/<provider>.json` for machine
 * facts and regions, and `catalogs/prices/<provider>/<region>.json` for the regions asked for.
 * Directory: the `dir` argument, else `$CC_PLAN_CATALOG_DIR`, else the package's own `catalogs/` folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalogs } from "../catalog/lookup.js";
import { parseMachinesFile, parsePriceFile } from "../catalog/parse.js";
import { parseFeeFile, parseStorageFile } from "../catalog/parse-storage.js";
import type { FeeCatalog, StorageCatalog } from "../catalog/storage-types.js";
import type { Catalog, CatalogMachineType, Offering, Provider } from "../catalog/types.js";

/** A catalog that cannot be read or is invalid; the CLI reports it as bad input (exit 2). */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
}

/** Which regions' prices to load: every region, or a list (unknown names are ignored; validate them first). */
export type RegionSelection = "all" | readonly string[];

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

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CatalogError(`catalog ${file}: cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CatalogError(`catalog ${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Read and validate one provider's catalog with the offerings of the selected regions. */
export function loadCatalog(provider: Provider, options: { dir?: string; regions?: RegionSelection } = {}): Catalog {
  const dir = options.dir ?? defaultCatalogDir();
  const file = join(dir, `${provider}.json`);
  const parsed = parseMachinesFile(readJson(file), provider, file);
  if (!parsed.ok) throw new CatalogError(parsed.reason);
  const machines = parsed.value;
  const wanted = options.regions ?? "all";
  const regions = wanted === "all" ? machines.regions : machines.regions.filter((r) => wanted.includes(r));
  const names = new Set(machines.machineTypes.map((m) => m.name));
  const offerings = new Map<string, Offering[]>();
  const priceFilesAsOf: Record<string, string> = {};
  for (const region of regions) {
    const pf = join(dir, "prices", provider, `${region}.json`);
    const p = parsePriceFile(readJson(pf), { provider, region, machineNames: names }, pf);
    if (!p.ok) throw new CatalogError(p.reason);
    priceFilesAsOf[region] = p.value._meta.asOf;
    for (const [name, o] of Object.entries(p.value.offerings)) {
      const list = offerings.get(name) ?? [];
      list.push({ region, ...o });
      offerings.set(name, list);
    }
  }
  const machineTypes: CatalogMachineType[] = machines.machineTypes.map((m) => ({ ...m, offerings: offerings.get(m.name) ?? [] }));
  return { _meta: machines._meta, regions: machines.regions, machineTypes, ...(regions.length > 0 ? { priceFilesAsOf } : {}) };
}

/** Load several providers' catalogs; `regions` per provider (default: all). */
export function loadCatalogs(list: readonly Provider[], options: { dir?: string; regions?: Partial<Record<Provider, RegionSelection>> } = {}): Catalogs {
  const out: Catalogs = {};
  for (const p of list) out[p] = loadCatalog(p, { ...(options.dir ? { dir: options.dir } : {}), regions: options.regions?.[p] ?? "all" });
  return out;
}

/**
 * Adds the specs-only machine types (`catalogs/specs/<provider>.json`: every size the reference data
 * describes but the priced catalog does not carry, e.g. n1, n4, Fsv2, Ev3) to loaded catalogs. They have
 * no offerings. Read only when a named machine is not in the priced catalog.
 */
export function withSpecs(catalogs: Catalogs, options: { dir?: string } = {}): Catalogs {
  const dir = options.dir ?? defaultCatalogDir();
  const out: Catalogs = { ...catalogs };
  for (const provider of Object.keys(catalogs) as Provider[]) {
    const base = catalogs[provider];
    const file = join(dir, "specs", `${provider}.json`);
    if (!base || !existsSync(file)) continue;
    const parsed = parseMachinesFile(readJson(file), provider, file);
    if (!parsed.ok) throw new CatalogError(parsed.reason);
    const known = new Set(base.machineTypes.map((m) => m.name));
    const extra = parsed.value.machineTypes.filter((m) => !known.has(m.name)).map((m) => ({ ...m, offerings: [] }));
    out[provider] = { ...base, machineTypes: [...base.machineTypes, ...extra] };
  }
  return out;
}

/**
 * Read and validate `catalogs/storage/<provider>.json` (disk and snapshot prices per region and class).
 * @param options.dir - catalog folder; @defaultValue {@link defaultCatalogDir}
 * @param options.regions - validate only these regions' prices (see {@link parseStorageFile}); default all
 * @returns the catalog, or undefined when the provider has no storage file
 * @throws CatalogError when the file cannot be read, is not JSON or is invalid (one line naming file and field)
 */
export function loadStorageCatalog(provider: Provider, options: { dir?: string; regions?: readonly string[] } = {}): StorageCatalog | undefined {
  const file = join(options.dir ?? defaultCatalogDir(), "storage", `${provider}.json`);
  if (!existsSync(file)) return undefined;
  const parsed = parseStorageFile(readJson(file), provider, file, options.regions);
  if (!parsed.ok) throw new CatalogError(parsed.reason);
  return parsed.value;
}

/**
 * Read and validate `catalogs/fees.json` (cluster management fees per tier, USD per cluster-hour).
 * @param options.dir - catalog folder; @defaultValue {@link defaultCatalogDir}
 * @throws CatalogError when the file is missing, not JSON or invalid
 */
export function loadFeeCatalog(options: { dir?: string } = {}): FeeCatalog {
  const file = join(options.dir ?? defaultCatalogDir(), "fees.json");
  const parsed = parseFeeFile(readJson(file), file);
  if (!parsed.ok) throw new CatalogError(parsed.reason);
  return parsed.value;
}
