/**
 * Deterministic helpers: fixed sort orders and builders that give every object of the output the key
 * order of its type (src/catalog/types.ts), so the JSON is byte-for-byte reproducible.
 */
import type { Catalog, CatalogMachineType, CatalogMeta, CatalogSource, Offering } from "../../src/catalog/types.js";

export const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortMachineTypes(list: CatalogMachineType[]): CatalogMachineType[] {
  return [...list].sort((a, b) => cmpStr(a.family, b.family) || a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || cmpStr(a.name, b.name));
}

export function sortOfferings(list: Offering[]): Offering[] {
  return [...list].sort((a, b) => cmpStr(a.region, b.region));
}

/** Builds a machine type with the key order of {@link CatalogMachineType}. */
export function machineType(m: {
  name: string;
  family: string;
  vcpus: number;
  memoryMiB: number;
  sharedCore: boolean;
  burstable: boolean;
  avoid?: string | undefined;
  volumeAttachLimit: number;
  volumeAttachLimitSource: string;
  defaultMaxPods?: number | undefined;
  offerings: Offering[];
}): CatalogMachineType {
  return {
    name: m.name,
    family: m.family,
    vcpus: m.vcpus,
    memoryMiB: m.memoryMiB,
    sharedCore: m.sharedCore,
    burstable: m.burstable,
    ...(m.avoid === undefined ? {} : { avoid: m.avoid }),
    volumeAttachLimit: m.volumeAttachLimit,
    volumeAttachLimitSource: m.volumeAttachLimitSource,
    ...(m.defaultMaxPods === undefined ? {} : { defaultMaxPods: m.defaultMaxPods }),
    offerings: sortOfferings(m.offerings),
  };
}

/** Builds an offering with the key order of {@link Offering}; undefined fields are left out. */
export function offering(o: {
  region: string;
  onDemandUsdPerHour?: number | undefined;
  spotUsdPerHour?: number | undefined;
  sustainedUseUsdPerMonth?: number | undefined;
  commit1yUsdPerMonth?: number | undefined;
  commit3yUsdPerMonth?: number | undefined;
  priceSuspect?: string | undefined;
  onDemandAsOf?: string | undefined;
  spotAsOf?: string | undefined;
}): Offering {
  return {
    region: o.region,
    ...(o.onDemandUsdPerHour === undefined ? {} : { onDemandUsdPerHour: o.onDemandUsdPerHour }),
    ...(o.spotUsdPerHour === undefined ? {} : { spotUsdPerHour: o.spotUsdPerHour }),
    ...(o.sustainedUseUsdPerMonth === undefined ? {} : { sustainedUseUsdPerMonth: o.sustainedUseUsdPerMonth }),
    ...(o.commit1yUsdPerMonth === undefined ? {} : { commit1yUsdPerMonth: o.commit1yUsdPerMonth }),
    ...(o.commit3yUsdPerMonth === undefined ? {} : { commit3yUsdPerMonth: o.commit3yUsdPerMonth }),
    ...(o.priceSuspect === undefined ? {} : { priceSuspect: o.priceSuspect }),
    ...(o.onDemandAsOf === undefined ? {} : { onDemandAsOf: o.onDemandAsOf }),
    ...(o.spotAsOf === undefined ? {} : { spotAsOf: o.spotAsOf }),
  };
}

export function source(s: CatalogSource): CatalogSource {
  return {
    contributes: s.contributes,
    repo: s.repo,
    path: s.path,
    commit: s.commit,
    date: s.date,
    license: s.license,
    localCopy: s.localCopy,
  };
}

export function meta(m: CatalogMeta): CatalogMeta {
  return {
    provider: m.provider,
    formatVersion: m.formatVersion,
    generator: m.generator,
    currency: m.currency,
    asOf: m.asOf,
    sources: m.sources.map(source),
    filters: [...m.filters],
    notes: [...m.notes],
  };
}

/** Groups `family → sorted unique regions` into `"c2 in a, b; n2 in c"`. */
export function describeByFamily(pairs: ReadonlyArray<{ family: string; region: string }>): string {
  const byFam = new Map<string, Set<string>>();
  for (const p of pairs) {
    const s = byFam.get(p.family) ?? new Set<string>();
    s.add(p.region);
    byFam.set(p.family, s);
  }
  return [...byFam.entries()]
    .sort((a, b) => cmpStr(a[0], b[0]))
    .map(([f, regions]) => `${f} in ${[...regions].sort(cmpStr).join(", ")}`)
    .join("; ");
}

export function countOfferings(mts: readonly CatalogMachineType[]): number {
  return mts.reduce((n, m) => n + m.offerings.length, 0);
}

export function countRegions(mts: readonly CatalogMachineType[]): number {
  return new Set(mts.flatMap((m) => m.offerings.map((o) => o.region))).size;
}

/** A catalog with every region's offerings, as the builders produce it (before splitting). */
export type BuiltCatalog = Omit<Catalog, "regions">;
