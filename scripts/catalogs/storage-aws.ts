/**
 * AWS EBS prices (issue 11): `catalogs/storage/aws.json` — gp3, gp2 and snapshot storage per GiB-month
 * from three committed inputs of different dates. Per (region, class) the newest source that has a price
 * wins; older sources fill the gaps. Every price keeps its file, line and date.
 */
import { join } from "node:path";
import type { StorageCatalog, StorageClassInfo, StoragePrice } from "../../src/catalog/storage-types.js";
import type { CatalogSource } from "../../src/catalog/types.js";
import { cmpStr, source } from "./format.js";
import { AWS_SRC, GENERATOR } from "./paths.js";
import { fail, nonEmpty, price, type Row, readTable } from "./table.js";

export const AWS_EBS_TELLURY = "aws-pricelist-api-recorded-tellury-2026-08.csv";
export const AWS_EBS_ROSA = "aws-ebs-rosa-calculator-2023-02-20.csv";
export const AWS_EBS_CLOUDKEEP = "aws-ebs-cloudkeep-2022-02-10.csv";

/** The classes carried: the EBS CSI driver's default (gp3), gp2 and snapshot storage. */
const AWS_CLASSES: readonly StorageClassInfo[] = [
  { id: "gp2", description: "EBS General Purpose SSD gp2 volume (per provisioned GiB-month)", billing: "per-gib-month" },
  {
    id: "gp3",
    description:
      "EBS General Purpose SSD gp3 volume (per provisioned GiB-month; the baseline 3,000 IOPS and 125 MiB/s are included, more is billed apart and not priced here)",
    billing: "per-gib-month",
  },
  { id: "snapshot", description: "EBS snapshot storage (Standard tier, per GiB-month of snapshot data)", billing: "per-gib-month", snapshot: true },
];

interface EbsSource {
  readonly file: string;
  readonly upstream: Omit<CatalogSource, "contributes" | "localCopy" | "date">;
  readonly what: string;
}
const TELLURY: EbsSource = {
  file: AWS_EBS_TELLURY,
  upstream: {
    repo: "TypeOneLabs/tellury",
    path: "pkg/pricing/aws/testdata/getproducts-recorded.json, getproducts-snapshot-recorded.json",
    commit: "c2acfab386e779e32e3f1c62599539190e92cd96",
    license: "Apache-2.0",
  },
  what: "recorded AWS Price List GetProducts responses (publicationDate 2026-08-10 and 2026-08-14): EBS gp2/gp3 storage and snapshot storage",
};
const ROSA: EbsSource = {
  file: AWS_EBS_ROSA,
  upstream: {
    repo: "jimgarrett123/rosa-calculator",
    path: "frontend/public/prices/<region>-ebs.json",
    commit: "3a214e4048b153275328a4ab10c0685d46fbf3c2",
    license: "none stated (no licence file in the repository)",
  },
  what: "EBS prices from the AWS Price List API as of 2023-02-20 (gp2, gp3, snapshot storage); OLD",
};
const CLOUDKEEP: EbsSource = {
  file: AWS_EBS_CLOUDKEEP,
  upstream: { repo: "cloudkeep-io/ebs-pricing", path: "docs/ebs_pricing.json", commit: "d76ed2762d0a795a66285222321da0bb0aa801c3", license: "MIT" },
  what: "EBS prices from the AWS Price List API as of 2022-02-10 (gp2, gp3 storage); OLD",
};
/** Newest first. */
const BY_DATE: readonly EbsSource[] = [TELLURY, ROSA, CLOUDKEEP];

interface Candidate {
  readonly usd: number;
  readonly src: EbsSource;
  readonly line: number;
  readonly date: string;
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
function region(row: Row, field: string): string {
  const r = nonEmpty(row, field);
  if (!REGION.test(r)) fail(row.file, row.line, field, `"${r}" is not an AWS region code (e.g. us-east-1)`);
  return r;
}

/** AWS EBS gp3, gp2 and snapshot prices per region, USD per GiB-month (newest public source per region and class). */
export function buildAwsStorage(sourcesDir: string): StorageCatalog {
  const dir = join(sourcesDir, "aws");
  const candidates = new Map<string, Candidate[]>(); // `region|class`
  const add = (src: EbsSource, row: Row, field: string, reg: string, cls: string, usd: number, date: string): void => {
    const key = `${reg}|${cls}`;
    const list = candidates.get(key) ?? [];
    const same = list.find((c) => c.src === src);
    if (same) fail(row.file, row.line, field, `second ${cls} price for ${reg} (first on line ${same.line})`);
    list.push({ usd, src, line: row.line, date });
    candidates.set(key, list);
  };

  // 1. Recorded Price List responses (2026-08): Storage rows of gp2/gp3, and Standard snapshot storage.
  const tHeader = [
    "source_file",
    "region_code",
    "location",
    "product_family",
    "usagetype",
    "volume_api_name",
    "instance_type",
    "unit",
    "price_usd",
    "begin_range",
    "end_range",
    "description",
    "effective_date",
    "publication_date",
    "sku",
  ];
  for (const row of readTable(join(dir, AWS_EBS_TELLURY), ",", tHeader)) {
    const family = row.get("product_family");
    const usage = nonEmpty(row, "usagetype");
    const vol = row.get("volume_api_name");
    const isVolume = family === "Storage" && (vol === "gp2" || vol === "gp3");
    // EBS:SnapshotUsage (us-east-1) or <prefix>-EBS:SnapshotUsage: the Standard snapshot tier (not outposts, archive or under-billing).
    const isSnapshot = family === "Storage Snapshot" && /^([A-Z0-9]+-)?EBS:SnapshotUsage$/.test(usage);
    if (!isVolume && !isSnapshot) continue;
    const reg = region(row, "region_code");
    if (nonEmpty(row, "unit") !== "GB-Mo") fail(row.file, row.line, "unit", `expected GB-Mo (per GB-month), got "${row.get("unit")}"`);
    if (row.get("begin_range") !== "0" || row.get("end_range") !== "Inf")
      fail(row.file, row.line, "begin_range", "expected one flat rate (begin_range 0, end_range Inf)");
    const published = nonEmpty(row, "publication_date");
    if (!/^\d{4}-\d{2}-\d{2}T/.test(published)) fail(row.file, row.line, "publication_date", `"${published}" is not an ISO time`);
    add(TELLURY, row, "price_usd", reg, isVolume ? vol : "snapshot", price(row, "price_usd", false) as number, published.slice(0, 10));
  }

  // 2. rosa-calculator (2023-02-20): the labels name the volume type.
  const rosaLabels = new Map([
    ["Storage General Purpose gp2 GB Mo", "gp2"],
    ["Storage General Purpose gp3 GB Mo", "gp3"],
    ["Storage Snapshot Amazon S3 GB Mo", "snapshot"],
  ]);
  for (const row of readTable(join(dir, AWS_EBS_ROSA), ",", ["region", "price_label_as_in_source", "price_usd", "rate_code"])) {
    const cls = rosaLabels.get(nonEmpty(row, "price_label_as_in_source"));
    if (cls === undefined) continue; // other volume types, IOPS, throughput, API requests
    const reg = region(row, "region");
    if (!/^[A-Z0-9]+\.JRTCKXETXF\.6YS6EN2CT7$/.test(nonEmpty(row, "rate_code")))
      fail(row.file, row.line, "rate_code", `"${row.get("rate_code")}" is not an on-demand rate code (<sku>.JRTCKXETXF.6YS6EN2CT7)`);
    add(ROSA, row, "price_usd", reg, cls, price(row, "price_usd", false) as number, "2023-02-20");
  }

  // 3. cloudkeep (2022-02-10): regions of the aws and aws-us-gov partitions (aws-cn prices are in CNY; local and wavelength zones are not regions).
  let cn = 0;
  for (const row of readTable(join(dir, AWS_EBS_CLOUDKEEP), ",", ["rz_code", "rz_type", "partition", "location", "volume_type", "dimension", "usd"])) {
    const vol = nonEmpty(row, "volume_type");
    if ((vol !== "gp2" && vol !== "gp3") || nonEmpty(row, "dimension") !== "pricePerGBMonth") continue;
    const type = nonEmpty(row, "rz_type");
    if (type !== "region") continue;
    const partition = nonEmpty(row, "partition");
    if (partition === "aws-cn") {
      cn++;
      continue;
    }
    if (partition !== "aws" && partition !== "aws-us-gov") fail(row.file, row.line, "partition", `expected aws, aws-us-gov or aws-cn, got "${partition}"`);
    const reg = region(row, "rz_code");
    const usd = price(row, "usd", true);
    if (usd === undefined) continue; // no price upstream: absent, never 0
    add(CLOUDKEEP, row, "usd", reg, vol, usd, "2022-02-10");
  }

  const regions: Record<string, Record<string, StoragePrice>> = {};
  const used = new Map<EbsSource, Set<string>>();
  const shadowed: string[] = [];
  let shadowedSame = 0;
  for (const [key, list] of [...candidates.entries()].sort((a, b) => cmpStr(a[0], b[0]))) {
    const [reg = "", cls = ""] = key.split("|");
    const sorted = [...list].sort((a, b) => BY_DATE.indexOf(a.src) - BY_DATE.indexOf(b.src));
    const best = sorted[0] as Candidate;
    for (const other of sorted.slice(1)) {
      if (other.usd === best.usd) shadowedSame++;
      else shadowed.push(`${reg} ${cls} ${best.usd} (${best.date}) over ${other.usd} (${other.date})`);
    }
    (regions[reg] ??= {})[cls] = { usdPerGiBMonth: best.usd, source: `${best.src.file} line ${best.line}`, asOf: best.date };
    const u = used.get(best.src) ?? new Set<string>();
    u.add(reg);
    used.set(best.src, u);
  }
  const sorted: Record<string, Record<string, StoragePrice>> = {};
  for (const r of Object.keys(regions).sort(cmpStr)) {
    const byClass = regions[r] ?? {};
    sorted[r] = Object.fromEntries(
      Object.keys(byClass)
        .sort(cmpStr)
        .map((c) => [c, byClass[c] as StoragePrice]),
    );
  }
  const regionsOf = (s: EbsSource): string[] => [...(used.get(s) ?? [])].sort(cmpStr);
  const count = (cls: string): number => Object.values(sorted).filter((byClass) => byClass[cls] !== undefined).length;
  const dates = [...candidates.values()].flat().map((c) => c.date);
  return {
    _meta: {
      provider: "aws",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: [...new Set(dates)].sort(cmpStr).reverse()[0] ?? "",
      sources: BY_DATE.filter((s) => used.has(s)).map((s) =>
        source({
          contributes: `${s.what}; used for ${regionsOf(s).length} regions (${regionsOf(s).join(", ")})`,
          ...s.upstream,
          date: s === TELLURY ? "2026-08-10" : s === ROSA ? "2023-02-20" : "2022-02-10",
          localCopy: `${AWS_SRC}/${s.file}`,
        }),
      ),
      notes: [
        "Provisioned size is billed: AWS bills EBS per GB-month of provisioned storage, whether used or not (AWS knowledge center 'How are charges for Amazon EBS volumes calculated on my bill?'); volumes are sized in whole GiB, so a claim of 100.5 GiB becomes a 101 GiB volume and bills 101 GiB-months a month.",
        "gp3 is the EBS CSI driver's default StorageClass type (kubernetes-sigs/aws-ebs-csi-driver docs/parameters.md @ 038816d9: type default gp3). Its price includes 3,000 IOPS and 125 MiB/s; provisioned IOPS or throughput above that is billed apart and is not priced here.",
        `Each price is the newest one a source has for that region and class (${BY_DATE.map((s) => s.file).join(" > ")}); source names its file and line, asOf its date. Most regions are priced from 2022–2023 data: OLD; check current prices before acting on them.`,
        `Regions with a price: gp3 ${count("gp3")}, gp2 ${count("gp2")}, snapshot ${count("snapshot")} (the 2022 file has no snapshot prices).`,
        `Older prices set aside for a newer one: ${shadowedSame} equal; ${shadowed.length} different${shadowed.length > 0 ? `: ${shadowed.join("; ")}` : ""}.`,
        `Not read: aws-cn regions of ${AWS_EBS_CLOUDKEEP} (${cn} gp2/gp3 rows; AWS China prices are in CNY), its local and wavelength zones, and every IOPS, throughput and API-request price.`,
      ],
    },
    classes: AWS_CLASSES,
    regions: sorted,
  };
}
