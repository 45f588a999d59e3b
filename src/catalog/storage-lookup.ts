/** Pure look-ups on storage and fee catalogs: the monthly price of one disk or snapshot, a cluster fee. */
import type { ClusterFee, DiskPriceResult, FeeCatalog, StorageCatalog } from "./storage-types.js";

const bytesPerGiB = 2 ** 30;

/** Storage class ids a catalog knows. */
export function storageClassIds(catalog: StorageCatalog): string[] {
  return catalog.classes.map((c) => c.id);
}

/**
 * Monthly price of one disk (or snapshot) of `sizeBytes`:
 * - per-gib-month (GCP PD, snapshots): provisioned GiB rounded **up** to a whole GiB × USD per GiB-month
 *   (GCP bills provisioned GiB; pricing-sources.md §1.6);
 * - tiered (Azure managed disks): the smallest tier whose size ≥ the disk's size in GiB (exact compare),
 *   at that tier's flat monthly price (infracost managed_disk.go, pricing-sources.md §2.7).
 */
export function diskPrice(catalog: StorageCatalog, region: string, classId: string, sizeBytes: number): DiskPriceResult {
  const info = catalog.classes.find((c) => c.id === classId);
  if (!info) return { ok: false, reason: `unknown storage class "${classId}"; expected one of ${storageClassIds(catalog).join(", ")}` };
  const p = catalog.regions[region]?.[classId];
  if (info.billing === "per-gib-month") {
    if (p?.usdPerGiBMonth === undefined) return { ok: false, reason: `no ${classId} price in ${region}` };
    const gib = Math.ceil(sizeBytes / bytesPerGiB);
    return { ok: true, usdPerMonth: gib * p.usdPerGiBMonth, unitPrice: p.usdPerGiBMonth, unit: "GiB-month", quantityPerDisk: gib, source: p.source };
  }
  const tiers = Object.entries(info.tierSizesGiB ?? {}).sort((a, b) => a[1] - b[1]);
  const tier = tiers.find(([, gib]) => gib * bytesPerGiB >= sizeBytes);
  if (!tier) return { ok: false, reason: `${classId} has no tier of ${Math.ceil(sizeBytes / bytesPerGiB)} GiB or more (largest ${tiers[tiers.length - 1]?.[1] ?? 0} GiB)` };
  const [name, gib] = tier;
  const usd = p?.usdPerTierMonth?.[name];
  if (usd === undefined) return { ok: false, reason: `no published price for ${name} (${gib} GiB) ${classId} in ${region}; pass a price in a scenario fixed line` };
  return { ok: true, usdPerMonth: usd, unitPrice: usd, unit: `disk-month (${name}, ${gib} GiB)`, quantityPerDisk: 1, tier: name, source: p?.tierSources?.[name] ?? p?.source ?? "" };
}

/** The fee of a cluster tier id (`gke-standard`, `aks-free`, …), if the catalog has it. */
export function clusterFee(fees: FeeCatalog, id: string): ClusterFee | undefined {
  return fees.clusterFees.find((f) => f.id === id);
}
