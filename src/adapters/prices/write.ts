/**
 * Turns fetched prices into catalog files (issue 4) and reads the catalog a refresh merges into.
 *
 * - `refreshedFiles` is pure: the committed files in, the new files and a change summary out. It keeps
 *   the catalog format of scripts/build-catalogs.ts (same key order, sorted machine names, JSON with two
 *   spaces and a final newline), so a refresh diffs only where prices moved.
 * - A refresh narrowed by `--families` MERGES (issue 12: it used to replace each region's file with what it
 *   fetched, so `--families n2` left us-central1 with 29 of its 109 types and the next plan silently
 *   picked another type): the types of the families it did not fetch keep their entries byte-for-byte, and
 *   the file keeps its `_meta.asOf`; the refreshed entries carry their own dates (`onDemandAsOf`, `spotAsOf`
 *   = the retrieval day; their sustained-use and commitment prices have no date field of their own and
 *   keep the file's older date, which can only make a plan warn about old prices, never hide them). A
 *   refresh narrowed by `--regions` writes only the regions it fetched; the others' files are not written.
 *   Storage prices merge per region and storage class the same way.
 * - Every fetched price must be plausible for its unit (src/catalog/plausible.ts), or nothing is written.
 * - Writing is one transaction under a lock (./transaction.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { implausiblePrice, type PriceUnit } from "../../catalog/plausible.js";
import type { StorageCatalog } from "../../catalog/storage-types.js";
import type { CatalogMachinesFile, CatalogPriceFile, Offering, Provider } from "../../catalog/types.js";
import { type FetchedPrices, RefreshError, type RegionOfferings } from "./types.js";

/** Offering fields in the order the catalog builder writes them. */
const offeringKeys = [
  "onDemandUsdPerHour",
  "spotUsdPerHour",
  "sustainedUseUsdPerMonth",
  "commit1yUsdPerMonth",
  "commit3yUsdPerMonth",
  "priceSuspect",
  "onDemandAsOf",
  "spotAsOf",
] as const;
/** The unit of each price field (src/catalog/plausible.ts ranges). */
const priceUnits: Readonly<Record<string, PriceUnit>> = {
  onDemandUsdPerHour: "hour",
  spotUsdPerHour: "hour",
  sustainedUseUsdPerMonth: "month",
  commit1yUsdPerMonth: "month",
  commit3yUsdPerMonth: "month",
};
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
  /** The folder held no machines file: the package's was used, and is written with the refreshed files. */
  readonly fresh?: boolean;
  /** region → committed price file (absent for a region the catalog does not have yet). */
  readonly prices: Readonly<Record<string, CatalogPriceFile | undefined>>;
  readonly storage?: StorageCatalog;
}

/** The files a refresh writes (path relative to the catalog dir → content) and what changed. */
export function refreshedFiles(
  current: CurrentCatalog,
  fetched: FetchedPrices,
  opts: {
    allowPartial: boolean;
    /** Machine types this refresh asked prices for (`--families`); undefined = every type of the catalog. */
    scope?: ReadonlySet<string>;
  },
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
  const machineNames = current.machines.machineTypes.map((m) => m.name);
  const scope = opts.scope;
  const narrowed = scope !== undefined && machineNames.some((n) => !scope.has(n));
  const inScope = (name: string): boolean => scope === undefined || scope.has(name);
  const day = fetched.retrievedAt.slice(0, 10);
  for (const region of regions) {
    const got = fetched.regions[region] as RegionOfferings;
    for (const [name, o] of Object.entries(got)) {
      for (const k of offeringKeys) {
        const v = o[k];
        const unit = priceUnits[k];
        const bad = unit === undefined ? undefined : typeof v === "number" ? implausiblePrice(v, unit, fetched.currency) : undefined;
        if (bad) throw new RefreshError(`${name} in ${region}: ${k} ${bad}; nothing written`);
      }
    }
    const previous = current.prices[region];
    const before = previous?.offerings ?? {};
    // Merge into the committed file when the refresh covered only some types of a region it already had.
    const merge = narrowed && previous !== undefined;
    const offerings: Record<string, Omit<Offering, "region">> = {};
    // Machine order of the machines file (family, vCPUs, memory, name), as scripts/build-catalogs.ts writes it.
    for (const name of machineNames) {
      if (!inScope(name)) {
        if (merge && before[name] !== undefined) offerings[name] = before[name]; // not fetched: kept as it was
        continue;
      }
      const o = got[name];
      if (o === undefined) continue;
      const ordered: Record<string, unknown> = {};
      for (const k of offeringKeys) if (o[k] !== undefined) ordered[k] = o[k];
      // A merged file keeps its older asOf: the refreshed prices carry their own date.
      if (merge) {
        delete ordered.onDemandAsOf;
        delete ordered.spotAsOf;
        if (ordered.onDemandUsdPerHour !== undefined) ordered.onDemandAsOf = day;
        if (ordered.spotUsdPerHour !== undefined) ordered.spotAsOf = day;
      }
      offerings[name] = ordered as Omit<Offering, "region">;
    }
    // Entries of types the machines file does not list (none in a built catalog) stay in a merged file.
    if (merge) for (const [name, o] of Object.entries(before)) if (!(name in offerings) && !inScope(name)) offerings[name] = o;
    for (const name of Object.keys(offerings)) if (!(name in before)) newTypes.push(`${name} in ${region}`);
    for (const name of Object.keys(before)) if (!(name in offerings)) removedTypes.push(`${name} in ${region}`);
    for (const [name, o] of Object.entries(offerings)) {
      const b = before[name];
      if (!b || !inScope(name)) continue;
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
    const refresh = {
      api: fetched.api,
      endpoint: fetched.endpoint,
      sdk: fetched.sdk,
      retrievedAt: fetched.retrievedAt,
      filters: [...fetched.filters],
      missing: fetched.missing.filter((m) => m.includes(` ${region}`) || m.endsWith(region)).sort(cmp),
    };
    const file: CatalogPriceFile = {
      _meta:
        merge && previous
          ? { ...previous._meta, refresh }
          : {
              provider,
              region,
              formatVersion: 1,
              currency: fetched.currency as "USD",
              asOf: day,
              sources: `live refresh; see _meta.refresh (machine facts: ../../${provider}.json)`,
              refresh,
            },
      offerings,
    };
    files[`prices/${provider}/${region}.json`] = serialize(file);
  }
  // A region the catalog did not have yet joins the machines file's region list.
  const allRegions = [...new Set([...current.machines.regions, ...regions])].sort(cmp);
  if (current.fresh || allRegions.length !== current.machines.regions.length)
    files[`${provider}.json`] = serialize({ ...current.machines, regions: allRegions });
  if (fetched.storage && current.storage) {
    const merged: Record<string, Record<string, unknown>> = { ...(current.storage.regions as Record<string, Record<string, unknown>>) };
    for (const region of Object.keys(fetched.storage).sort(cmp)) {
      const byClass = fetched.storage[region] ?? {};
      for (const [c, p] of Object.entries(byClass)) {
        const bad =
          p.usdPerGiBMonth !== undefined
            ? implausiblePrice(p.usdPerGiBMonth, "GiB-month", fetched.currency)
            : Object.entries(p.usdPerTierMonth ?? {})
                .map(([tier, v]) =>
                  implausiblePrice(v, "disk-month", fetched.currency) ? `tier ${tier}: ${implausiblePrice(v, "disk-month", fetched.currency)}` : "",
                )
                .find(Boolean);
        if (bad) throw new RefreshError(`${c} disks in ${region}: ${bad}; nothing written`);
      }
      // Refreshed prices are of the retrieval day (a plan reads each price's date; the file's asOf stays the build's).
      // Classes this refresh did not fetch keep their entries as they were.
      const classes: Record<string, unknown> = { ...(merged[region] ?? {}) };
      for (const c of Object.keys(byClass)) classes[c] = { ...(byClass[c] as object), asOf: day };
      merged[region] = Object.fromEntries(
        Object.keys(classes)
          .sort(cmp)
          .map((c) => [c, classes[c]]),
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

/**
 * Reads the committed files a refresh compares against. A folder without the provider's machines file
 * (a new `--out` folder) starts from `base`'s machines and storage files (the package's catalog), which
 * the refresh then writes into it with the prices it fetched.
 */
export function readCurrentCatalog(dir: string, provider: Provider, regions: readonly string[], base?: string): CurrentCatalog {
  if (base !== undefined && !existsSync(join(dir, `${provider}.json`))) {
    const from = readCurrentCatalog(base, provider, []);
    return { ...from, prices: Object.fromEntries(regions.map((r) => [r, undefined])), fresh: true };
  }
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
