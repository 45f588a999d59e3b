/**
 * Turns fetched prices into catalog files and writes them atomically (issue 4).
 *
 * - `refreshedFiles` is pure: the committed files in, the new files and a change summary out. It keeps
 *   the catalog format of scripts/build-catalogs.ts (same key order, sorted machine names, JSON with two
 *   spaces and a final newline), so a refresh diffs only where prices moved.
 * - `writeFilesAtomically` writes every file to a temporary sibling first and renames them into place
 *   only when all were written; any failure before that removes the temporaries and leaves the previous
 *   catalog byte-for-byte intact. (A crash between two renames could mix regions; each file itself is
 *   always whole — rename(2) is atomic.)
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { StorageCatalog } from "../../catalog/storage-types.js";
import type { CatalogMachinesFile, CatalogPriceFile, Offering, Provider } from "../../catalog/types.js";
import { type FetchedPrices, RefreshError, type RegionOfferings } from "./types.js";

/** Offering fields in the order the catalog builder writes them. */
const offeringKeys = ["onDemandUsdPerHour", "spotUsdPerHour", "sustainedUseUsdPerMonth", "commit1yUsdPerMonth", "commit3yUsdPerMonth", "priceSuspect"] as const;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const serialize = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;

export interface RefreshSummary {
  readonly regions: readonly string[];
  readonly newTypes: readonly string[];
  readonly removedTypes: readonly string[];
  /** Price moves above 1 %: "n2-standard-4 us-central1 onDemandUsdPerHour 0.194236 → 0.2 (+3.0 %)". */
  readonly moves: readonly string[];
  readonly unchanged: number;
  readonly missing: readonly string[];
}

export interface CurrentCatalog {
  readonly machines: CatalogMachinesFile;
  /** region → committed price file (absent for a region the catalog does not have yet). */
  readonly prices: Readonly<Record<string, CatalogPriceFile | undefined>>;
  readonly storage?: StorageCatalog;
}

/** The files a refresh writes (path relative to the catalog dir → content) and what changed. */
export function refreshedFiles(
  current: CurrentCatalog,
  fetched: FetchedPrices,
  opts: { allowPartial: boolean },
): { files: Record<string, string>; summary: RefreshSummary } {
  const provider: Provider = fetched.provider;
  if (fetched.missing.length > 0 && !opts.allowPartial) {
    const head = fetched.missing.slice(0, 3).join("; ");
    throw new RefreshError(
      `partial data: ${fetched.missing.length} row(s) could not be priced (${head}${fetched.missing.length > 3 ? "; …" : ""}); nothing written. Pass --allow-partial to write what was fetched and mark the rest`,
    );
  }
  const files: Record<string, string> = {};
  const newTypes: string[] = [];
  const removedTypes: string[] = [];
  const moves: string[] = [];
  let unchanged = 0;
  const regions = Object.keys(fetched.regions).sort(cmp);
  for (const region of regions) {
    const got = fetched.regions[region] as RegionOfferings;
    for (const [name, o] of Object.entries(got)) {
      for (const k of offeringKeys) {
        const v = o[k];
        if (typeof v === "number" && !(Number.isFinite(v) && v > 0))
          throw new RefreshError(`${name} in ${region}: ${k} ${v} is not a positive price; nothing written`);
      }
    }
    const offerings: Record<string, Omit<Offering, "region">> = {};
    // Machine order of the machines file (family, vCPUs, memory, name), as scripts/build-catalogs.ts writes it.
    for (const name of current.machines.machineTypes.map((m) => m.name).filter((n) => n in got)) {
      const o = got[name] as Omit<Offering, "region">;
      const ordered: Record<string, unknown> = {};
      for (const k of offeringKeys) if (o[k] !== undefined) ordered[k] = o[k];
      offerings[name] = ordered as Omit<Offering, "region">;
    }
    const before = current.prices[region]?.offerings ?? {};
    for (const name of Object.keys(offerings)) if (!(name in before)) newTypes.push(`${name} in ${region}`);
    for (const name of Object.keys(before)) if (!(name in offerings)) removedTypes.push(`${name} in ${region}`);
    for (const [name, o] of Object.entries(offerings)) {
      const b = before[name];
      if (!b) continue;
      let moved = false;
      for (const k of offeringKeys) {
        const x = b[k];
        const y = o[k];
        if (typeof x === "number" && typeof y === "number" && Math.abs(y - x) / x > 0.01) {
          moves.push(`${name} ${region} ${k} ${x} → ${y} (${y > x ? "+" : ""}${(((y - x) / x) * 100).toFixed(1)} %)`);
          moved = true;
        }
      }
      if (!moved) unchanged++;
    }
    const file: CatalogPriceFile = {
      _meta: {
        provider,
        region,
        formatVersion: 1,
        currency: fetched.currency as "USD",
        asOf: fetched.retrievedAt.slice(0, 10),
        sources: `live refresh; see _meta.refresh (machine facts: ../../${provider}.json)`,
        refresh: {
          api: fetched.api,
          endpoint: fetched.endpoint,
          sdk: fetched.sdk,
          retrievedAt: fetched.retrievedAt,
          filters: [...fetched.filters],
          missing: fetched.missing.filter((m) => m.includes(` ${region}`) || m.endsWith(region)).sort(cmp),
        },
      },
      offerings,
    };
    files[`prices/${provider}/${region}.json`] = serialize(file);
  }
  // A region the catalog did not have yet joins the machines file's region list.
  const allRegions = [...new Set([...current.machines.regions, ...regions])].sort(cmp);
  if (allRegions.length !== current.machines.regions.length) files[`${provider}.json`] = serialize({ ...current.machines, regions: allRegions });
  if (fetched.storage && current.storage) {
    const merged: Record<string, Record<string, unknown>> = { ...(current.storage.regions as Record<string, Record<string, unknown>>) };
    for (const region of Object.keys(fetched.storage).sort(cmp)) {
      const byClass = fetched.storage[region] ?? {};
      // Refreshed prices are of the retrieval day (a plan reads each price's date; the file's asOf stays the build's).
      const asOf = fetched.retrievedAt.slice(0, 10);
      merged[region] = Object.fromEntries(
        Object.keys(byClass)
          .sort(cmp)
          .map((c) => [c, { ...(byClass[c] as object), asOf }]),
      );
    }
    const sortedRegions = Object.fromEntries(
      Object.keys(merged)
        .sort(cmp)
        .map((r) => [r, merged[r]]),
    );
    files[`storage/${provider}.json`] = serialize({ ...current.storage, regions: sortedRegions });
  }
  return { files, summary: { regions, newTypes: newTypes.sort(cmp), removedTypes: removedTypes.sort(cmp), moves, unchanged, missing: [...fetched.missing] } };
}

/** Writes every file to `<name>.tmp-<pid>` and renames them all into place only after all were written. */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>, io: { write?: typeof writeFileSync } = {}): void {
  const write = io.write ?? writeFileSync;
  const temps: [string, string][] = [];
  try {
    for (const name of Object.keys(files).sort(cmp)) {
      const target = join(dir, name);
      if (!existsSync(dirname(target))) throw new RefreshError(`cannot write ${target}: folder ${dirname(target)} does not exist`);
      const tmp = `${target}.tmp-${process.pid}`;
      write(tmp, files[name] ?? "");
      temps.push([tmp, target]);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    if (e instanceof RefreshError) throw e;
    throw new RefreshError(`writing the catalog failed (${e instanceof Error ? e.message : String(e)}); the previous catalog is unchanged`);
  }
  for (const [tmp, target] of temps) renameSync(tmp, target);
}

/** Reads the committed files a refresh compares against. */
export function readCurrentCatalog(dir: string, provider: Provider, regions: readonly string[]): CurrentCatalog {
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), "utf8"));
  const machines = read(`${provider}.json`) as CatalogMachinesFile;
  const prices: Record<string, CatalogPriceFile | undefined> = {};
  for (const r of regions)
    prices[r] = existsSync(join(dir, "prices", provider, `${r}.json`)) ? (read(`prices/${provider}/${r}.json`) as CatalogPriceFile) : undefined;
  const storageFile = join(dir, "storage", `${provider}.json`);
  return { machines, prices, ...(existsSync(storageFile) ? { storage: read(`storage/${provider}.json`) as StorageCatalog } : {}) };
}

/** One-paragraph summary for the terminal. */
export function renderSummary(s: RefreshSummary): string {
  const lines = [
    `refreshed ${s.regions.length} region(s): ${s.regions.join(", ")}`,
    `${s.unchanged} price row(s) within 1 %, ${s.moves.length} moved more than 1 %, ${s.newTypes.length} new, ${s.removedTypes.length} removed`,
    ...s.moves.slice(0, 20).map((m) => `  moved: ${m}`),
    ...(s.moves.length > 20 ? [`  … and ${s.moves.length - 20} more`] : []),
    ...s.newTypes.slice(0, 10).map((m) => `  new: ${m}`),
    ...s.removedTypes.slice(0, 10).map((m) => `  removed: ${m}`),
    ...s.missing.slice(0, 10).map((m) => `  missing: ${m}`),
  ];
  return `${lines.join("\n")}\n`;
}
