/** Pure look-ups on parsed catalogs. */
import type { Catalog, CatalogMachineType, Offering, Provider } from "./types.js";

/** Catalogs by provider (only the ones loaded). */
export type Catalogs = Partial<Record<Provider, Catalog>>;

/** Every region the catalog has prices for (whether loaded or not), sorted. */
export function catalogRegions(catalog: Catalog): readonly string[] {
  return catalog.regions;
}

/** Find a machine type by exact name (case-insensitive) in any loaded catalog. */
export function findMachine(catalogs: Catalogs, name: string): { provider: Provider; machine: CatalogMachineType } | undefined {
  const lower = name.toLowerCase();
  for (const provider of ["gcp", "azure", "aws"] as const) {
    const m = catalogs[provider]?.machineTypes.find((x) => x.name.toLowerCase() === lower);
    if (m) return { provider, machine: m };
  }
  return undefined;
}

/** The offering of a machine type in a region, if any. */
export function offeringIn(machine: CatalogMachineType, region: string): Offering | undefined {
  return machine.offerings.find((o) => o.region === region);
}

/** True when the product guides advise against the type or it is burstable/shared-core (the planner's rule). */
export { isFlagged } from "../core/machines.js";
