/**
 * Pure look-ups on storage and fee catalogs: the monthly price of one disk or snapshot, the storage
 * class ids a catalog knows, a cluster management fee. No I/O; a missing price is a reason, never $0.
 */
import type { ClusterFee, DiskPriceResult, FeeCatalog, StorageCatalog, StorageClassInfo } from "./storage-types.js";

/** Bytes in one GiB (2^30): GCP bills disks in GiB ("GiBy.mo", docs/pricing-sources.md §1.6), Azure tiers are GiB. */
const bytesInGiB = 2 ** 30;

/** Storage class ids a catalog knows, in catalog order (the builder sorts them by id). */
export function storageClassIds(catalog: StorageCatalog): string[] {
  return catalog.classes.map((c) => c.id);
}

/** Tiers of a tiered class, ascending by size (ties cannot happen: the validator requires ascending sizes). */
function tiersAscending(info: StorageClassInfo): Array<readonly [string, number]> {
  return Object.entries(info.tierSizesGiB ?? {}).sort((a, b) => a[1] - b[1]);
}

/** Regions of the catalog that have any price for `classId`, for "known only in …" hints. */
function regionsWithClass(catalog: StorageCatalog, classId: string): string[] {
  return Object.keys(catalog.regions).filter((r) => catalog.regions[r]?.[classId] !== undefined);
}

function knownIn(catalog: StorageCatalog, classId: string): string {
  const rs = regionsWithClass(catalog, classId);
  if (rs.length === 0) return "priced in no region of this catalog";
  return rs.length <= 5 ? `priced in ${rs.join(", ")}` : `priced in ${rs.length} regions`;
}

/**
 * Monthly price of one disk (or one snapshot) of `sizeBytes` of storage class `classId` in `region`.
 *
 * - `per-gib-month` (GCP PD and snapshots): quantity = ⌈sizeBytes / 2^30⌉ GiB — rounded **up**, because
 *   GCP bills the provisioned size in whole GiB (SKU unit `GiBy.mo`; docs/pricing-sources.md §1.6) — and
 *   usdPerMonth = quantity × USD per GiB-month (Cyclenerd pricing.yml `compute.storage.<key>.cost.<region>.month`).
 *   AWS EBS (gp3, gp2, snapshots) the same way: volumes are provisioned in whole GiB and billed per GB-month
 *   of provisioned storage (docs/pricing-sources.md §4.1). Money is not rounded.
 * - The result carries the price's date: the entry's `tierAsOf` / `asOf`, else the catalog's `_meta.asOf`.
 * - `tiered` (Azure managed disks): the smallest tier whose size ≥ sizeBytes / 2^30 GiB, compared exactly in
 *   bytes (so 128 GiB is E10 and 128 GiB + 1 byte is E15; rounding direction: **up** to the next tier), and
 *   usdPerMonth = that tier's flat price per disk-month (infracost `internal/resources/azure/managed_disk.go`
 *   @ c205cb00; docs/pricing-sources.md §2.7).
 *
 * Not ok (with a one-line reason) for: a size that is not a finite number of bytes > 0, an unknown class
 * (the reason lists the accepted ids), a region without a price for the class, a tier without a published
 * price, a size above the largest tier.
 *
 * @param sizeBytes - provisioned disk size (or snapshot data size) in bytes
 * @see https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/fd66b26ff84fee5cdd94f341ea89206e76c06b99/pricing.yml (checked 2026-07-30)
 * @see https://github.com/infracost/infracost/blob/c205cb00/internal/resources/azure/managed_disk.go (tier sizes, as quoted in docs/pricing-sources.md §2.7)
 */
export function diskPrice(catalog: StorageCatalog, region: string, classId: string, sizeBytes: number): DiskPriceResult {
  const info = catalog.classes.find((c) => c.id === classId);
  if (!info) return { ok: false, reason: `unknown storage class "${classId}"; expected one of ${storageClassIds(catalog).join(", ")}` };
  if (!Number.isFinite(sizeBytes) || sizeBytes <= 0)
    return { ok: false, reason: `${classId}: disk size must be a finite number of bytes > 0, got ${sizeBytes}` };
  const p = catalog.regions[region]?.[classId];

  if (info.billing === "per-gib-month") {
    if (p?.usdPerGiBMonth === undefined)
      return { ok: false, reason: `no published ${classId} price in ${region} (${classId} is ${knownIn(catalog, classId)})` };
    // Whole GiB, rounded up: a 100.5 GiB disk bills 101 GiB. Division by 2^30 is exact in binary floating point.
    const gib = Math.ceil(sizeBytes / bytesInGiB);
    return {
      ok: true,
      usdPerMonth: gib * p.usdPerGiBMonth,
      unitPrice: p.usdPerGiBMonth,
      unit: "GiB-month",
      quantityPerDisk: gib,
      source: p.source,
      asOf: p.asOf ?? catalog._meta.asOf,
    };
  }

  // Tiered: first tier (ascending) whose size in bytes is ≥ the disk's size — exact integer compare, no rounding.
  const tiers = tiersAscending(info);
  const tier = tiers.find(([, gib]) => gib * bytesInGiB >= sizeBytes);
  if (!tier) {
    const largest = tiers[tiers.length - 1];
    const size = `${sizeBytes / bytesInGiB} GiB`;
    return { ok: false, reason: largest ? `${size} is above the largest ${classId} tier (${largest[0]}, ${largest[1]} GiB)` : `${classId} has no tiers` };
  }
  const [name, gib] = tier;
  const usd = p?.usdPerTierMonth?.[name];
  if (p === undefined || usd === undefined) {
    const hint = p === undefined ? ` (${classId} is ${knownIn(catalog, classId)})` : "";
    return { ok: false, reason: `no published price for ${name} (${gib} GiB) ${classId} in ${region}${hint}` };
  }
  return {
    ok: true,
    usdPerMonth: usd,
    unitPrice: usd,
    unit: `disk-month (${name}, ${gib} GiB)`,
    quantityPerDisk: 1,
    tier: name,
    source: p.tierSources?.[name] ?? p.source,
    asOf: p.tierAsOf?.[name] ?? p.asOf ?? catalog._meta.asOf,
  };
}

/** The fee of a cluster tier id (`gke-standard`, `aks-free`, `aks-standard`, `aks-premium`, `eks-standard`), if the catalog has it. */
export function clusterFee(fees: FeeCatalog, id: string): ClusterFee | undefined {
  return fees.clusterFees.find((f) => f.id === id);
}
