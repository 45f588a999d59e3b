/**
 * The price book: what the pricing step reads (issue 10 §4, infracost's "describe, then price" shape).
 * The core describes what is bought (node-hours per machine type, disks, fees); an implementation of
 * this interface over the catalog files (`src/catalog/price-book.ts`) or a live refresh says what it
 * costs. The core never looks prices up any other way.
 */
import type { ClusterFee, DiskPriceResult } from "../../catalog/storage-types.js";
import type { Offering, Provider } from "../../catalog/types.js";

export interface PriceBook {
  /** Prices of one machine type in one region (absent fields = not published). */
  offering(provider: Provider, machineType: string, region: string): Offering | undefined;
  /** Monthly price of one disk (or snapshot) of a storage class in a region, or why not. */
  disk(provider: Provider, region: string, storageClass: string, sizeBytes: number): DiskPriceResult;
  /** A cluster tier's management fee, if known. */
  clusterFee(tier: string): ClusterFee | undefined;
  /** Where machine prices come from, e.g. "catalogs/prices/gcp/us-central1.json". */
  machineSource(provider: Provider, region: string): string;
  /** Date of a provider's machine prices in a region (its price file's `asOf`; an offering's own `onDemandAsOf` / `spotAsOf` overrides it). */
  machineAsOf(provider: Provider, region: string): string;
  /** Where disk prices come from, e.g. "catalogs/storage/gcp.json". */
  storageSource(provider: Provider): string;
  /** Where fees come from. */
  readonly feeSource: string;
  /** Date of the fees. */
  readonly feeAsOf: string;
}
