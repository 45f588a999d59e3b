/**
 * Storage and fee catalogs (issue 3): the types only. Written by scripts/build-catalogs.ts
 * (`catalogs/storage/<provider>.json`, `catalogs/fees.json`), validated by src/catalog/parse-storage.ts,
 * read by src/adapters/catalog-fs.ts (`loadStorageCatalog`, `loadFeeCatalog`) and priced by
 * src/catalog/storage-lookup.ts (`diskPrice`, `storageClassIds`, `clusterFee`).
 *
 * Every price carries its unit in its name and a `source` string; a missing price is an absent entry,
 * never 0 (a real $0 — the AKS Free tier — is stated as 0 with its source).
 */
import type { CatalogMeta, Provider } from "./types.js";

/** How a storage class is billed. */
export type DiskBilling =
  /** Provisioned GiB × USD per GiB-month (GCP PD, snapshots). */
  | "per-gib-month"
  /** The smallest tier whose size ≥ the disk's size, a flat USD per month per disk (Azure managed disks). */
  | "tiered";

/** One storage class of a provider, e.g. `pd-balanced`, `pd-ssd`, `snapshot`, `StandardSSD_LRS`, `Premium_LRS`. */
export interface StorageClassInfo {
  /** Name as the user writes it (`--storage-class pd-balanced`), also the Kubernetes StorageClass parameter. */
  readonly id: string;
  readonly description: string;
  readonly billing: DiskBilling;
  /** For `tiered`: tier name → size in GiB, ascending (e.g. E10 → 128). From infracost managed_disk.go (docs/pricing-sources.md §2.7). */
  readonly tierSizesGiB?: Readonly<Record<string, number>>;
  /** True for snapshot storage (billed per GiB-month of snapshot data), not a disk type. */
  readonly snapshot?: boolean;
}

/** Price of one storage class in one region. Exactly one of the two price fields is set. */
export interface StoragePrice {
  /** `per-gib-month` classes. */
  readonly usdPerGiBMonth?: number;
  /** `tiered` classes: tier name → USD per disk-month. Only tiers with a published price are present. */
  readonly usdPerTierMonth?: Readonly<Record<string, number>>;
  /** Where this number comes from, in words (file and row, or document). */
  readonly source: string;
  /** `tiered` classes: the source of each tier's price, when they differ. */
  readonly tierSources?: Readonly<Record<string, string>>;
  /**
   * Date of the price (ISO date `2026-08-22`, or a month `2025-01` when the day is not known) when it
   * differs from the catalog's `_meta.asOf` — a catalog built from several sources of different dates.
   */
  readonly asOf?: string;
  /** `tiered` classes: the date of each tier's price, when it differs from `asOf` / `_meta.asOf`. */
  readonly tierAsOf?: Readonly<Record<string, string>>;
}

/** `catalogs/storage/<provider>.json`. */
export interface StorageCatalog {
  /** Same provenance block as the machine catalogs, without `filters`. */
  readonly _meta: Omit<CatalogMeta, "filters">;
  readonly classes: readonly StorageClassInfo[];
  /** region → class id → price. */
  readonly regions: Readonly<Record<string, Readonly<Record<string, StoragePrice>>>>;
}

/** Result of pricing one disk (or one snapshot) for one month. */
export type DiskPriceResult =
  | {
      readonly ok: true;
      /** USD per month for one disk of the given size. */
      readonly usdPerMonth: number;
      /** The unit price applied: USD per GiB-month, or USD per disk-month of the tier. */
      readonly unitPrice: number;
      /** "GiB-month" or "disk-month (E10, 128 GiB)". */
      readonly unit: string;
      /** Billed quantity per disk: GiB rounded **up** to a whole GiB (per-gib-month), or 1 (tiered). */
      readonly quantityPerDisk: number;
      readonly tier?: string;
      readonly source: string;
      /** Date of the price applied (ISO date, or `YYYY-MM` when the day is not known). */
      readonly asOf: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Cluster management fee of a provider tier. */
export interface ClusterFee {
  /** `gke-standard`, `aks-free`, `aks-standard`, `aks-premium`, `eks-standard`. */
  readonly id: string;
  readonly provider: Provider;
  readonly usdPerClusterHour: number;
  readonly source: string;
}

/** `catalogs/fees.json`. */
export interface FeeCatalog {
  readonly _meta: { readonly formatVersion: 1; readonly currency: "USD"; readonly asOf: string; readonly notes: readonly string[] };
  readonly clusterFees: readonly ClusterFee[];
}
