/**
 * Storage catalogs (issue 3): `catalogs/storage/gcp.json` from the Cyclenerd disk price extract
 * (Azure: storage-azure.ts; AWS: storage-aws.ts).
 */
import { join } from "node:path";
import type { StorageCatalog, StorageClassInfo, StoragePrice } from "../../src/catalog/storage-types.js";
import type { CatalogMeta, CatalogSource } from "../../src/catalog/types.js";
import { cmpStr, source } from "./format.js";
import { GCP_SRC, GENERATOR } from "./paths.js";
import { fail, nonEmpty, price, readTable } from "./table.js";

const GCP_DISKS = "gcp-gce-disk-prices.csv";

/**
 * GCP classes from the Cyclenerd `compute.storage.<key>` keys (reference README): zonal, regional
 * (`*-replicated`), snapshots — [storage_key, class id, description, the extract's disk_type column].
 * The disk_type column is cross-checked, so a shifted or mislabelled row fails the build.
 */
const GCP_STORAGE_KEYS: ReadonlyArray<readonly [string, string, string, string]> = [
  ["balanced", "pd-balanced", "Balanced persistent disk (zonal)", "pd-balanced"],
  ["balanced-replicated", "pd-balanced-regional", "Balanced persistent disk, regional (replicated in two zones)", "pd-balanced"],
  ["hdd", "pd-standard", "Standard persistent disk (zonal)", "pd-standard"],
  ["hdd-replicated", "pd-standard-regional", "Standard persistent disk, regional", "pd-standard"],
  ["snapshot", "snapshot", "Persistent disk snapshot storage", "pd-snapshot"],
  ["ssd", "pd-ssd", "SSD persistent disk (zonal)", "pd-ssd"],
  ["ssd-replicated", "pd-ssd-regional", "SSD persistent disk, regional", "pd-ssd"],
];

/** GCP PD and snapshot prices per region, USD per GiB-month (docs/pricing-sources.md §1.6). */
export function buildGcpStorage(sourcesDir: string, meta: CatalogMeta): StorageCatalog {
  const path = join(sourcesDir, "gcp", GCP_DISKS);
  const keys = new Map(GCP_STORAGE_KEYS.map(([k, id, , diskType]) => [k, { id, diskType }]));
  const regions: Record<string, Record<string, StoragePrice>> = {};
  for (const row of readTable(path, ",", [
    "storage_key",
    "disk_type",
    "region",
    "month_usd_per_gib",
    "month_1y_usd_per_gib",
    "month_3y_usd_per_gib",
    "month_spot_usd_per_gib",
  ])) {
    const key = keys.get(nonEmpty(row, "storage_key"));
    if (key === undefined) continue; // local SSD, extreme and hyperdisk are not env or boot disks here
    const diskType = nonEmpty(row, "disk_type");
    if (diskType !== key.diskType)
      fail(path, row.line, "disk_type", `expected "${key.diskType}" for storage_key "${row.get("storage_key")}", got "${diskType}"`);
    const region = nonEmpty(row, "region");
    if (!/^[a-z0-9-]+$/.test(region)) fail(path, row.line, "region", `"${region}" is not a region name (lower-case letters, digits, dashes)`);
    const usd = price(row, "month_usd_per_gib", true);
    if (usd === undefined) continue; // an empty cell: upstream has no price here (absent, never 0)
    const byClass = (regions[region] ??= {});
    if (byClass[key.id] !== undefined) fail(path, row.line, "region", `second ${key.id} row for ${region} (first: ${byClass[key.id]?.source})`);
    byClass[key.id] = { usdPerGiBMonth: usd, source: `${GCP_DISKS} line ${row.line} (Cyclenerd pricing.yml @ fd66b26f)` };
  }
  const sortedRegions: Record<string, Record<string, StoragePrice>> = {};
  for (const r of Object.keys(regions).sort(cmpStr)) {
    const byClass = regions[r] ?? {};
    sortedRegions[r] = Object.fromEntries(
      Object.keys(byClass)
        .sort(cmpStr)
        .map((k) => [k, byClass[k] as StoragePrice]),
    );
  }
  const classes: StorageClassInfo[] = [...GCP_STORAGE_KEYS]
    .sort((a, b) => cmpStr(a[1], b[1]))
    .map(([, id, description]) => ({ id, description, billing: "per-gib-month" as const, ...(id === "snapshot" ? { snapshot: true } : {}) }));
  return {
    _meta: {
      provider: "gcp",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: meta.asOf,
      sources: [
        source({ ...(meta.sources[0] as CatalogSource), contributes: "PD and snapshot prices per GiB-month per region", localCopy: `${GCP_SRC}/${GCP_DISKS}` }),
      ],
      notes: ["Provisioned size is billed: a disk of 100.5 GiB bills 101 GiB (GiB rounded up).", "Regional (replicated) PD is priced as its own class."],
    },
    classes,
    regions: sortedRegions,
  };
}
