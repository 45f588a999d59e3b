/**
 * Catalog file format (`catalogs/<provider>.json`), as written by `scripts/build-catalogs.ts`.
 *
 * A catalog separates "what the machine is" (vCPUs, memory, attach limits, flags) from "where it is
 * sold and at what price" (offerings per region), after Karpenter's InstanceType/Offering split.
 * Every money field carries its unit in its name; a missing price is an absent field, never 0.
 */

/** Cloud provider of a catalog. */
export type Provider = "gcp" | "azure" | "aws";

/** One upstream file a catalog was built from. */
export interface CatalogSource {
  /** What this source contributed, e.g. "on-demand, spot and CUD prices per region". */
  readonly contributes: string;
  /** Upstream repository, `owner/name`. */
  readonly repo: string;
  /** Path of the upstream file inside that repository. */
  readonly path: string;
  /** Upstream commit the data was read at (40 hex digits where known). */
  readonly commit: string;
  /** Date of the upstream data (ISO date, as stated upstream). */
  readonly date: string;
  /** SPDX licence of the upstream file. */
  readonly license: string;
  /** Where the catalog builder read its copy of the upstream file (a local path; the upstream is repo/path/commit). */
  readonly localCopy: string;
}

/** Provenance block at the top of every catalog file. */
export interface CatalogMeta {
  readonly provider: Provider;
  /** Catalog format version; bump on breaking changes. */
  readonly formatVersion: 1;
  /** Script that wrote the file. */
  readonly generator: string;
  /** ISO 4217 currency of every price in the file. */
  readonly currency: "USD";
  /**
   * Date of the catalog's list (on-demand) price data (ISO date). A price of another date — a spot price,
   * or an on-demand price of a region read from an older source — carries its own date on the offering
   * (`onDemandAsOf`, `spotAsOf`).
   */
  readonly asOf: string;
  readonly sources: readonly CatalogSource[];
  /** Filters applied (families, regions), in words. */
  readonly filters: readonly string[];
  /** Known caveats of the data, in words. */
  readonly notes: readonly string[];
}

/** Prices of one machine type in one region. Absent field = not offered / not published. */
export interface Offering {
  readonly region: string;
  /** List (pay-as-you-go) Linux price, USD per hour. */
  readonly onDemandUsdPerHour?: number;
  /** Spot / preemptible price, USD per hour. */
  readonly spotUsdPerHour?: number;
  /** GCP: 730 h at list price with the sustained-use discount applied, USD per month. */
  readonly sustainedUseUsdPerMonth?: number;
  /** GCP: 730 h at 1-year resource-based CUD prices, USD per month. */
  readonly commit1yUsdPerMonth?: number;
  /** GCP: 730 h at 3-year resource-based CUD prices, USD per month. */
  readonly commit3yUsdPerMonth?: number;
  /** Set when the upstream price is known to be unreliable (e.g. Azure Bsv2 "Cloud Services" rows). */
  readonly priceSuspect?: string;
  /** Date of `onDemandUsdPerHour` (ISO date) when it is not the catalog's `_meta.asOf` (an older source for this region). */
  readonly onDemandAsOf?: string;
  /** Date of `spotUsdPerHour` (ISO date) when it is not the catalog's `_meta.asOf` (spot prices from another source). */
  readonly spotAsOf?: string;
}

/** One machine type (VM size) and its offerings. */
export interface CatalogMachineType {
  /** Provider's name: `n2-standard-4`, `Standard_D4s_v3`, `m5.xlarge`. */
  readonly name: string;
  /** Family key used for filtering, lower-case: `n2`, `n2d`, `c2`, `c3`, `e2`, `dsv3`, `esv5`, `b`, `m5`. */
  readonly family: string;
  readonly vcpus: number;
  /** Nominal VM memory in MiB (integer). */
  readonly memoryMiB: number;
  /** GCE shared-core type (e2-micro/small/medium, f1, g1): fractional vCPU time. */
  readonly sharedCore: boolean;
  /** Burstable type (Azure B-series, AWS t*): CPU credits, not sustained vCPU. */
  readonly burstable: boolean;
  /** Why the vendor guides advise against this type, if they do (e.g. e2, B-series). */
  readonly avoid?: string;
  /** Attach limit for the provider's block-storage CSI driver (PVs per node). */
  readonly volumeAttachLimit: number;
  /** Where `volumeAttachLimit` comes from (driver rule or data file). */
  readonly volumeAttachLimitSource: string;
  /** Default max pods for this type where the provider derives it per type (EKS ENI formula). */
  readonly defaultMaxPods?: number;
  readonly offerings: readonly Offering[];
}

/**
 * A catalog in memory: machine facts plus the offerings of the regions loaded so far.
 * On disk it is split so that a plan reads only what it needs (see {@link CatalogMachinesFile} and
 * {@link CatalogPriceFile}); `scripts/build-catalogs.ts` builds this shape and then splits it.
 */
export interface Catalog {
  readonly _meta: CatalogMeta;
  /** Every region that has a price file, sorted. */
  readonly regions: readonly string[];
  /** Sorted by family, then vCPUs, then memory, then name. Offerings: only the loaded regions. */
  readonly machineTypes: readonly CatalogMachineType[];
  /**
   * `_meta.asOf` of each loaded region's price file (set by the loader): a refreshed region's prices
   * are of the refresh date, not of the machines file's `_meta.asOf`.
   */
  readonly priceFilesAsOf?: Readonly<Record<string, string>>;
}

/** `catalogs/<provider>.json`: provenance, the regions with a price file, and machine facts. */
export interface CatalogMachinesFile {
  readonly _meta: CatalogMeta;
  readonly regions: readonly string[];
  readonly machineTypes: readonly Omit<CatalogMachineType, "offerings">[];
}

/** `catalogs/prices/<provider>/<region>.json`: one region's offerings, keyed by machine type name. */
export interface CatalogPriceFile {
  readonly _meta: {
    readonly provider: Provider;
    readonly region: string;
    readonly formatVersion: 1;
    readonly currency: "USD";
    readonly asOf: string;
    /** Same sources as the machines file's `_meta.sources`. */
    readonly sources: string;
    /** Set by `cc-plan catalog refresh`: where and when these prices were fetched, and what is missing. */
    readonly refresh?: {
      readonly api: string;
      readonly endpoint: string;
      readonly sdk: string;
      readonly retrievedAt: string;
      readonly filters: readonly string[];
      /** Rows that could not be priced (only with --allow-partial); they are absent from `offerings`. */
      readonly missing: readonly string[];
    };
  };
  readonly offerings: Readonly<Record<string, Omit<Offering, "region">>>;
}
