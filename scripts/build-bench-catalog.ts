/**
 * Builds `bench/fixtures/gcp-us-central1-wide.json`: a BENCHMARK-ONLY catalog of ~300 real GCE machine
 * types with their real us-central1 on-demand list prices (USD/hour), for the packing benchmark
 * (5 env shapes × wide catalog). Plans never read it.
 *
 * Data (no number is typed here):
 * - `catalogs/gcp.json` + `catalogs/prices/gcp/us-central1.json`: every priced type except shared-core
 *   or burstable ones, at the committed price.
 * - `catalogs/specs/gcp.json` (facts) + `<ref>` (Cyclenerd pricing.yml) (price = upstream
 *   `compute.instance.<name>.cost.us-central1.hour`): the x86 families in SPEC_FAMILIES, without
 *   `-metal` / `-lssd` names. `<ref>` = the path given as the first argument: the upstream
 *   pricing.yml (it is not kept in this repository; the fixture is, with the upstream repo, path and commit).
 *   pricing.yml: Cyclenerd/google-cloud-pricing-cost-calculator @ fd66b26 (2026-07-30), Apache-2.0.
 * A price that is missing, non-finite or ≤ 0 skips the type (listed in `_meta.skipped`); none is invented.
 * Also prints how many committed us-central1 prices equal the YAML's, and every mismatch.
 *
 * Deterministic (no clock, no network, no locale sort). Usage: `npx tsx scripts/build-bench-catalog.ts`.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
if (!process.argv[2]) {
  console.error(
    "build-bench-catalog: pass the path of Cyclenerd's pricing.yml (github.com/Cyclenerd/google-cloud-pricing-cost-calculator, pricing.yml @ fd66b26f), downloaded by you",
  );
  process.exit(2);
}
const yamlArg = resolve(process.argv[2]);
const REGION = "us-central1";
const PRICE_FILE = `catalogs/prices/gcp/${REGION}.json`;
const YAML_FILE = "cyclenerd-gcp-pricing.yml";
const YAML_GENERATED = "Thu Jul 30 06:13:17 2026"; // about.generated of the commit named below
const OUT = "bench/fixtures/gcp-us-central1-wide.json";
const SPEC_FAMILIES = new Set(["n1", "n4", "n4d", "c2d", "c3d", "c4", "c4d", "t2d", "m1", "m2", "m3"]);

interface Facts {
  name: string;
  family: string;
  vcpus: number;
  memoryMiB: number;
  sharedCore: boolean;
  burstable: boolean;
  volumeAttachLimit: number;
}
interface CatalogFile {
  _meta: { asOf: string; generator: string; sources: Record<string, unknown>[] };
  machineTypes: Facts[];
}
interface PriceFile {
  offerings: Record<string, { onDemandUsdPerHour?: number } | undefined>;
}
interface BenchType {
  name: string;
  family: string;
  vcpus: number;
  memoryMiB: number;
  volumeAttachLimit: number;
  onDemandUsdPerHour: number;
  priceSource: string;
}

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(join(REPO_ROOT, rel), "utf8")) as T;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** `obj[k1][k2]…`, or undefined as soon as a step is not a mapping. */
function dig(obj: unknown, ...keys: string[]): unknown {
  let cur = obj;
  for (const k of keys) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}
/** Why `v` is not a usable price, or undefined if it is one. */
const priceProblem = (v: unknown): string | undefined =>
  v === undefined
    ? "no price"
    : typeof v !== "number" || !Number.isFinite(v)
      ? `price not a finite number (${String(v)})`
      : v <= 0
        ? `price not > 0 (${v})`
        : undefined;

const priced = readJson<CatalogFile>("catalogs/gcp.json");
const prices = readJson<PriceFile>(PRICE_FILE);
const specs = readJson<CatalogFile>("catalogs/specs/gcp.json");
const yamlPath = yamlArg;
const pricing: unknown = parse(readFileSync(yamlPath, "utf8"));
if (dig(pricing, "about", "generated") !== YAML_GENERATED) {
  throw new Error(`${yamlPath}: about.generated is not "${YAML_GENERATED}"; update the source entry of this script`);
}
const instances = dig(pricing, "compute", "instance");
if (!isRecord(instances)) throw new Error(`${yamlPath}: no compute.instance mapping`);
const yamlHour = (name: string): unknown => dig(instances, name, "cost", REGION, "hour");

const out: BenchType[] = [];
const skipped: { name: string; source: string; reason: string }[] = [];
function add(m: Facts, price: unknown, priceSource: string): void {
  const problem = priceProblem(price);
  if (problem !== undefined || typeof price !== "number") {
    skipped.push({ name: m.name, source: priceSource, reason: `${problem ?? "no price"} for ${REGION}` });
    return;
  }
  if (out.some((t) => t.name === m.name)) throw new Error(`duplicate machine type ${m.name}`);
  const { name, family, vcpus, memoryMiB, volumeAttachLimit } = m;
  out.push({ name, family, vcpus, memoryMiB, volumeAttachLimit, onDemandUsdPerHour: price, priceSource });
}

// Price-agreement check (committed price vs YAML) and the priced-catalog part.
let agree = 0,
  inYaml = 0;
const mismatches: string[] = [];
for (const m of priced.machineTypes) {
  const committed = prices.offerings[m.name]?.onDemandUsdPerHour;
  const y = yamlHour(m.name);
  if (y !== undefined) {
    inYaml++;
    if (y === committed) agree++;
    else mismatches.push(`${m.name}: committed ${String(committed)} vs yaml ${String(y)}`);
  }
  if (!m.sharedCore && !m.burstable) add(m, committed, PRICE_FILE);
}
for (const m of specs.machineTypes) {
  if (SPEC_FAMILIES.has(m.family) && !/-metal|-lssd/.test(m.name)) add(m, yamlHour(m.name), "cyclenerd pricing.yml");
}

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
out.sort((a, b) => cmp(a.family, b.family) || cmp(a.vcpus, b.vcpus) || cmp(a.memoryMiB, b.memoryMiB) || cmp(a.name, b.name));
const families: Record<string, number> = {};
for (const t of out) families[t.family] = (families[t.family] ?? 0) + 1;

// The committed catalogs' upstream sources, without the local paths their builder read them from.
const upstreamOf = (c: CatalogFile) => c._meta.sources.map(({ localCopy: _local, ...rest }) => rest);
const committedEntry = (path: string, c: CatalogFile, contributes: string) => ({
  contributes,
  repo: "cc-plan (this repository)",
  path,
  asOf: c._meta.asOf,
  generator: c._meta.generator,
  upstream: upstreamOf(c),
});
const bench = {
  _meta: {
    purpose: "benchmark only (npm run bench, 5 shapes × wide catalog); never read by plans",
    region: REGION,
    currency: "USD",
    generator: "scripts/build-bench-catalog.ts",
    sources: [
      {
        contributes: `on-demand price (compute.instance.<name>.cost.${REGION}.hour, list price per hour) of the types taken from catalogs/specs/gcp.json`,
        repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
        path: "pricing.yml",
        commit: "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
        date: "2026-07-30",
        license: "Apache-2.0",
        localCopy: `not kept in this repository (${YAML_FILE}: download pricing.yml at the commit above and pass its path)`,
      },
      committedEntry(`catalogs/gcp.json + ${PRICE_FILE}`, priced, "machine facts and committed on-demand prices of the priced types"),
      committedEntry("catalogs/specs/gcp.json", specs, "machine facts (vcpus, memoryMiB, volumeAttachLimit) of the other types"),
    ],
    families,
    count: out.length,
    skipped,
  },
  machineTypes: out,
};
const outPath = join(REPO_ROOT, OUT);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(bench, null, 2)}\n`);

console.log(
  `price check: ${agree}/${inYaml} committed ${REGION} prices equal the YAML hour price` +
    ` (${priced.machineTypes.length - inYaml} priced types not in the YAML)`,
);
for (const line of mismatches) console.log(`  mismatch ${line}`);
console.log(
  `families: ${Object.entries(families)
    .map(([f, n]) => `${f} ${n}`)
    .join(", ")}`,
);
console.log(`wrote ${OUT}: ${out.length} machine types, ${skipped.length} skipped, ${statSync(outPath).size} bytes`);
for (const s of skipped) console.log(`  skipped ${s.name} (${s.source}): ${s.reason}`);
