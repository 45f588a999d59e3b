/** A {@link PriceBook} over the loaded catalog files (machine offerings, storage and fee catalogs). Pure. */
import type { PriceBook } from "../core/bill/price-book.js";
import type { Catalogs } from "./lookup.js";
import { clusterFee, diskPrice } from "./storage-lookup.js";
import type { FeeCatalog, StorageCatalog } from "./storage-types.js";
import type { Provider } from "./types.js";

export interface PricingData {
  readonly storage?: Partial<Record<Provider, StorageCatalog>>;
  readonly fees?: FeeCatalog;
}

export function catalogPriceBook(catalogs: Catalogs, data: PricingData = {}): PriceBook {
  return {
    offering: (provider, machineType, region) =>
      catalogs[provider]?.machineTypes.find((m) => m.name === machineType)?.offerings.find((o) => o.region === region),
    disk: (provider, region, storageClass, sizeBytes) => {
      const s = data.storage?.[provider];
      return s ? diskPrice(s, region, storageClass, sizeBytes) : { ok: false, reason: `no storage catalog for ${provider}` };
    },
    clusterFee: (tier) => (data.fees ? clusterFee(data.fees, tier) : undefined),
    machineSource: (provider, region) => `catalogs/prices/${provider}/${region}.json`,
    machineAsOf: (provider, region) => catalogs[provider]?.priceFilesAsOf?.[region] ?? catalogs[provider]?._meta.asOf ?? "unknown",
    storageSource: (provider) => `catalogs/storage/${provider}.json`,
    feeSource: "catalogs/fees.json",
    feeAsOf: data.fees?._meta.asOf ?? "unknown",
  };
}
