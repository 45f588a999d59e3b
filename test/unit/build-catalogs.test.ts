import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildAws,
  buildAzure,
  buildCatalogs,
  buildFees,
  buildGcp,
  buildGcpStorage,
  CatalogBuildError,
  DEFAULT_SOURCES_DIR,
  writeCatalogs,
} from "../../scripts/build-catalogs.js";
import { loadCatalog } from "../../src/adapters/catalog-fs.js";
import type { FeeCatalog, StorageCatalog } from "../../src/catalog/storage-types.js";
import type { Catalog, CatalogMachineType, Offering, Provider } from "../../src/catalog/types.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const catalogDir = join(repoRoot, "catalogs");
const referenceDir = DEFAULT_SOURCES_DIR;

/** Input files of the build by provider folder of catalogs/sources/ (a corrupted copy edits one). */
const INPUTS: Record<string, string> = {
  "gcp-gce-instance-prices.csv": "gcp",
  "gcp-gce-disk-prices.csv": "gcp",
  "cyclenerd-gcp-machinetypes.csv": "gcp",
  "azure-vm-sizes-vcpu-memory.csv": "azure",
  "azure-vm-max-data-disk-count.csv": "azure",
  "azure-vm-linux-ondemand-prices.csv": "azure",
  "azure-vm-specs-and-prices-joined.csv": "azure",
  "aws-ec2-linux-ondemand-prices.csv": "aws",
};

const tempDirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "cc-plan-catalogs-"));
  tempDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** Built once: the full build reads ~3.5 MB of CSV. */
const built = buildCatalogs(referenceDir);
/** The builders' unsplit output (every region's offerings per machine type). */
const catalogs: Record<Provider, Omit<Catalog, "regions">> = {
  gcp: buildGcp(referenceDir),
  azure: buildAzure(referenceDir),
  aws: buildAws(referenceDir),
};

function machine(p: Provider, name: string): CatalogMachineType {
  const m = catalogs[p].machineTypes.find((x) => x.name === name);
  if (m === undefined) throw new Error(`${p}: no machine type ${name}`);
  return m;
}
function offer(p: Provider, name: string, region: string): Offering {
  const o = machine(p, name).offerings.find((x) => x.region === region);
  if (o === undefined) throw new Error(`${p}: ${name} has no offering in ${region}`);
  return o;
}

/** A temp copy of catalogs/sources/ with one input file's text changed. */
function corruptedReference(file: string, edit: (text: string) => string): string {
  const dir = tempDir();
  cpSync(referenceDir, dir, { recursive: true });
  const folder = INPUTS[file];
  if (folder === undefined) throw new Error(`${file} is not a build input`);
  const path = join(dir, folder, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

describe("build-catalogs: reproducibility", () => {
  it("rebuilding into a temp dir reproduces the committed catalogs byte for byte", () => {
    const out = tempDir();
    writeCatalogs(out, built);
    const names = Object.keys(built).sort();
    expect(names.filter((n) => !n.startsWith("prices/"))).toEqual([
      "aws.json",
      "azure.json",
      "fees.json",
      "gcp.json",
      "specs/azure.json",
      "specs/gcp.json",
      "storage/aws.json",
      "storage/azure.json",
      "storage/gcp.json",
    ]);
    // one price file per region: gcp 42, azure 57, aws 20 (us-east-1 + the 19 other regions of the 2023 on-demand table)
    expect(names.filter((n) => n.startsWith("prices/")).length).toBe(42 + 57 + 20);
    // nothing stale in the committed folder: every committed price file is one the build writes
    const committedPrices = ["gcp", "azure", "aws"].flatMap((p) => readdirSync(join(catalogDir, "prices", p)).map((f) => `prices/${p}/${f}`));
    expect(committedPrices.sort()).toEqual(names.filter((n) => n.startsWith("prices/")).sort());
    for (const name of Object.keys(built)) {
      const committed = readFileSync(join(catalogDir, name));
      const rebuilt = readFileSync(join(out, name));
      expect(rebuilt.equals(committed), `${name} differs from catalogs/${name}: run npx tsx scripts/build-catalogs.ts`).toBe(true);
    }
  });

  it("is deterministic (a second build in the same process is identical)", () => {
    expect(buildCatalogs(referenceDir)).toEqual(built);
  });

  it("the runtime loader (src/adapters/catalog-fs.ts) reassembles exactly the builders' catalogs", () => {
    for (const p of ["gcp", "azure", "aws"] as const) {
      const loaded = loadCatalog(p, { dir: catalogDir });
      expect(loaded.machineTypes).toEqual(catalogs[p].machineTypes);
    }
  });

  it("is sorted by family, vCPUs, memory, name, with offerings sorted by region", () => {
    for (const c of Object.values(catalogs)) {
      const keys = c.machineTypes.map((m) => [m.family, m.vcpus, m.memoryMiB, m.name] as const);
      const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
      expect(keys).toEqual(sorted);
      for (const m of c.machineTypes) {
        const regions = m.offerings.map((o) => o.region);
        expect(regions).toEqual([...regions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(new Set(regions).size).toBe(regions.length);
      }
    }
  });
});

describe("build-catalogs: spot checks", () => {
  it("GCP n2-standard-4 / n2-standard-32 us-central1 (docs/pricing-sources.md §5.1)", () => {
    // §5.1 table: n2-standard-4 us-central1 0.194236, Spot 0.09212; n2-standard-32 us-central1 1.553888.
    expect(offer("gcp", "n2-standard-4", "us-central1").onDemandUsdPerHour).toBe(0.194236);
    expect(offer("gcp", "n2-standard-4", "us-central1").spotUsdPerHour).toBe(0.09212);
    expect(offer("gcp", "n2-standard-32", "us-central1").onDemandUsdPerHour).toBe(1.553888);
    // §5.1: n2-standard-4 = 4 vCPU, 16 GiB.
    expect(machine("gcp", "n2-standard-4")).toMatchObject({ vcpus: 4, memoryMiB: 16 * 1024, family: "n2", sharedCore: false });
  });

  it("GCP e2-medium is shared-core with the PD CSI attach limit 15 (docs/node-overhead.md §6.1)", () => {
    // §6.1: f1-micro, g1-small, e2-micro, e2-small, e2-medium → 15; everything else here → 127 (c3-*-metal → 15).
    expect(machine("gcp", "e2-medium")).toMatchObject({ sharedCore: true, volumeAttachLimit: 15 });
    expect(machine("gcp", "e2-standard-4")).toMatchObject({ sharedCore: false, volumeAttachLimit: 127 });
    expect(machine("gcp", "c3-standard-192-metal").volumeAttachLimit).toBe(15);
    expect(machine("gcp", "n2-standard-4").volumeAttachLimitSource).toBe(
      "kubernetes-sigs/gcp-compute-persistent-disk-csi-driver@b560165 pkg/gce-pd-csi-driver/node.go getVolumeLimits",
    );
  });

  it("GCP empty upstream cells are absent fields (c2 in northamerica-south1 has only a Spot price in the extract)", () => {
    // gcp-gce-instance-prices.csv: c2-standard-4,…,northamerica-south1,,0.03419112,,,,24.9595176
    const o = offer("gcp", "c2-standard-4", "northamerica-south1");
    expect(o).toEqual({ region: "northamerica-south1", spotUsdPerHour: 0.03419112 });
  });

  it("Azure Standard_D64s_v3 eastus and Standard_D4s_v3 westeurope (docs/pricing-sources.md §5.2)", () => {
    // §5.2 table: Standard_D64s_v3 64 vCPU, 256 GiB, 32 max data disks, eastus 3.072; Standard_D4s_v3 westeurope 0.24.
    expect(machine("azure", "Standard_D64s_v3")).toMatchObject({
      family: "dsv3",
      vcpus: 64,
      memoryMiB: 262144,
      volumeAttachLimit: 32,
      burstable: false,
      volumeAttachLimitSource: "kubernetes-sigs/azuredisk-csi-driver@e1284a5c pkg/azuredisk/azure_dd_max_disk_count.go",
    });
    expect(offer("azure", "Standard_D64s_v3", "eastus").onDemandUsdPerHour).toBe(3.072);
    expect(offer("azure", "Standard_D4s_v3", "westeurope").onDemandUsdPerHour).toBe(0.24);
  });

  it("Azure B-series v2 offerings carry priceSuspect, v1 Bs and D/E do not (reference README 'Known quirks')", () => {
    for (const m of catalogs.azure.machineTypes) {
      const v2 = /^Standard_B\d+[a-z]*_v2$/.test(m.name);
      for (const o of m.offerings) expect(o.priceSuspect !== undefined, `${m.name} ${o.region}`).toBe(v2);
    }
    expect(catalogs.azure.machineTypes.some((m) => m.name === "Standard_B8s_v2")).toBe(true);
  });

  it("AWS: defaultMaxPods from the ENI formula and EBS attach limits (docs/node-overhead.md §4.2, §6.3)", () => {
    // §4.2: m5.large/m6i.large/m7i.large 3 ENIs × 10 IPs → 29; *.xlarge 4 × 15 → 58; *.4xlarge 8 × 30 → 234; r5.16xlarge 15 × 50 → 737.
    expect(machine("aws", "m5.large").defaultMaxPods).toBe(29);
    expect(machine("aws", "m6i.xlarge").defaultMaxPods).toBe(58);
    expect(machine("aws", "m7i.4xlarge").defaultMaxPods).toBe(234);
    expect(machine("aws", "r5.16xlarge").defaultMaxPods).toBe(737);
    // §6.3: shared Nitro 27 − 1 root − (1 ENI − 1) = 26; m7i dedicated 32 (large…8xlarge), 48 (16xlarge), 128 (48xlarge) − 1 root.
    expect(machine("aws", "m5.large").volumeAttachLimit).toBe(26);
    expect(machine("aws", "r5.large").volumeAttachLimit).toBe(26);
    expect(machine("aws", "m7i.large").volumeAttachLimit).toBe(31);
    expect(machine("aws", "m7i.16xlarge").volumeAttachLimit).toBe(47);
    expect(machine("aws", "m7i.48xlarge").volumeAttachLimit).toBe(127);
    // aws-ec2-linux-ondemand-prices.csv: us-east-1,m5.large,0.096000
    expect(offer("aws", "m5.large", "us-east-1").onDemandUsdPerHour).toBe(0.096);
    // Transcription sanity for catalogs/sources/aws: m* have 4 GiB per vCPU, r5 8 GiB per vCPU.
    for (const m of catalogs.aws.machineTypes) expect(m.memoryMiB / m.vcpus, m.name).toBe(m.family === "r5" ? 8192 : 4096);
  });

  it("no price is 0, negative, NaN or non-finite in any catalog", () => {
    const priceKeys = ["onDemandUsdPerHour", "spotUsdPerHour", "sustainedUseUsdPerMonth", "commit1yUsdPerMonth", "commit3yUsdPerMonth"] as const;
    for (const [p, c] of Object.entries(catalogs)) {
      let n = 0;
      for (const m of c.machineTypes) {
        expect(m.offerings.length, `${p} ${m.name}`).toBeGreaterThan(0);
        for (const o of m.offerings) {
          for (const k of priceKeys) {
            const v = o[k];
            if (v === undefined) continue;
            n++;
            expect(Number.isFinite(v) && v > 0, `${p} ${m.name} ${o.region} ${k}=${v}`).toBe(true);
          }
        }
      }
      expect(n, p).toBeGreaterThan(0);
    }
    for (const [name, text] of Object.entries(built)) expect(text, name).not.toMatch(/NaN|Infinity|null/);
  });

  it("every B-series and e2 type is flagged (avoid; burstable for B)", () => {
    const e2 = catalogs.gcp.machineTypes.filter((m) => m.family === "e2");
    const b = catalogs.azure.machineTypes.filter((m) => m.name.startsWith("Standard_B"));
    expect(e2.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    for (const m of e2) expect(m.avoid, m.name).toMatch(/e2/);
    for (const m of b) {
      expect(m.family, m.name).toBe("b");
      expect(m.burstable, m.name).toBe(true);
      expect(m.avoid, m.name).toMatch(/burstable/i);
    }
    // Nothing else is flagged.
    for (const c of Object.values(catalogs)) {
      for (const m of c.machineTypes) {
        if (m.family !== "e2" && m.family !== "b") expect(m.avoid, m.name).toBeUndefined();
        if (m.family !== "b") expect(m.burstable, m.name).toBe(false);
      }
    }
  });

  it("the quoted advice is really in the CodeCanvas guides (text copies in test/fixtures/guides/)", () => {
    const guides = join(repoRoot, "test", "fixtures", "guides");
    const gke = join(guides, "codecanvas-gke-multi-cluster-install.txt");
    const aks = join(guides, "codecanvas-aks-distributed-install.txt");
    const squash = (s: string): string => s.replace(/\s+/g, "");
    expect(squash(readFileSync(gke, "utf8"))).toContain(squash("Avoid instance types with dynamic resource allocation, such as e2instances."));
    expect(squash(readFileSync(aks, "utf8"))).toContain(squash("Avoid burstable instance types, such as B -family."));
  });
});

describe("build-catalogs: malformed input fails loudly", () => {
  it("a non-numeric GCP price names the file and the field", () => {
    const dir = corruptedReference("gcp-gce-instance-prices.csv", (t) => t.replace(/^(n2-standard-4,n2,4,16,,us-central1,)0\.194236,/m, "$1abc,"));
    expect(() => buildCatalogs(dir)).toThrow(CatalogBuildError);
    expect(() => buildCatalogs(dir)).toThrow(/gcp-gce-instance-prices\.csv line \d+ field hour_usd: "abc" is not a decimal number/);
  });

  it("a price of 0 is rejected (a missing price must be an empty cell)", () => {
    const dir = corruptedReference("azure-vm-linux-ondemand-prices.csv", (t) =>
      t.replace(/^eastus,Standard_D4s_v3,[0-9.]+/m, "eastus,Standard_D4s_v3,0.000000"),
    );
    expect(() => buildCatalogs(dir)).toThrow(/azure-vm-linux-ondemand-prices\.csv line \d+ field retail_price_usd_per_hour: price 0\.000000 is not > 0/);
  });

  it("a vCPU mismatch between the two GCP files is rejected", () => {
    const dir = corruptedReference("cyclenerd-gcp-machinetypes.csv", (t) => t.replace(/^n2-standard-8;8;/m, "n2-standard-8;9;"));
    expect(() => buildCatalogs(dir)).toThrow(/gcp-gce-instance-prices\.csv line \d+ field vcpu: n2-standard-8: 8 ≠ 9/);
  });

  it("a disagreement with the Azure joined file is rejected", () => {
    const dir = corruptedReference("azure-vm-specs-and-prices-joined.csv", (t) => t.replace(/^(Standard_D4s_v3,standardDSv3Family,4,16\.0,)8,/m, "$116,"));
    expect(() => buildCatalogs(dir)).toThrow(/azure-vm-specs-and-prices-joined\.csv line \d+ field max_data_disk_count: Standard_D4s_v3/);
  });

  it("a row with a missing cell is rejected", () => {
    const dir = corruptedReference("aws-ec2-linux-ondemand-prices.csv", (t) => t.replace(/^us-east-1,m5\.large,0\.096000/m, "us-east-1,m5.large"));
    expect(() => buildCatalogs(dir)).toThrow(/aws-ec2-linux-ondemand-prices\.csv line \d+: expected 3 cells, got 2/);
  });
});

describe("build-catalogs: specs-only catalogs", () => {
  const specs = {
    gcp: JSON.parse(built["specs/gcp.json"] ?? "{}") as { machineTypes: CatalogMachineType[]; regions: string[] },
    azure: JSON.parse(built["specs/azure.json"] ?? "{}") as { machineTypes: CatalogMachineType[]; regions: string[] },
  };
  const spec = (p: "gcp" | "azure", name: string): CatalogMachineType | undefined => specs[p].machineTypes.find((m) => m.name === name);

  it("carry no prices and never repeat a priced machine type", () => {
    for (const p of ["gcp", "azure"] as const) {
      expect(specs[p].regions).toEqual([]);
      const priced = new Set(catalogs[p].machineTypes.map((m) => m.name));
      for (const m of specs[p].machineTypes) {
        expect(priced.has(m.name), m.name).toBe(false);
        expect(m).not.toHaveProperty("offerings");
      }
    }
  });

  it("have the facts of the reference files", () => {
    // cyclenerd-gcp-machinetypes.csv: n1-standard-2;2;False;7.50 → 7680 MiB; n4-standard-16;16;False;64.00
    expect(spec("gcp", "n1-standard-2")).toMatchObject({ vcpus: 2, memoryMiB: 7680, volumeAttachLimit: 127 });
    // docs/node-overhead.md §6.1: n4 ≤ 8 vCPU → 15 slots, ≤ 80 → 31; c4 ≤ 2 → 7
    expect(spec("gcp", "n4-standard-16")).toMatchObject({ vcpus: 16, memoryMiB: 65536, volumeAttachLimit: 31 });
    expect(spec("gcp", "n4-standard-8")?.volumeAttachLimit).toBe(15);
    expect(spec("gcp", "c4-standard-2")?.volumeAttachLimit).toBe(7);
    // azure-vm-sizes-vcpu-memory.csv and the azuredisk-csi-driver map (STANDARD_F2S_V2: 4)
    expect(spec("azure", "Standard_F2s_v2")).toMatchObject({ vcpus: 2, memoryMiB: 4096, volumeAttachLimit: 4, burstable: false });
    expect(spec("azure", "Standard_E4s_v3")).toMatchObject({ vcpus: 4, memoryMiB: 32768, volumeAttachLimit: 8 });
  });

  it("leave out what the sources cannot state exactly, and say so", () => {
    expect(spec("gcp", "f1-micro")).toBeUndefined(); // 0.60 GiB is not a whole MiB
    expect(JSON.stringify(JSON.parse(built["specs/gcp.json"] ?? "{}")._meta.notes)).toContain("f1-micro (0.60 GiB)");
  });
});

describe("build-catalogs: storage and fee catalogs", () => {
  const gcpStorage = JSON.parse(built["storage/gcp.json"] ?? "{}") as StorageCatalog;
  const fees = JSON.parse(built["fees.json"] ?? "{}") as FeeCatalog;
  const diskCsv = join(referenceDir, "gcp", "gcp-gce-disk-prices.csv");
  /** Storage keys the catalog carries → class id (reference README: balanced = pd-balanced, hdd = pd-standard, ssd = pd-ssd, *-replicated = regional). */
  const keyToClass: Record<string, string> = {
    balanced: "pd-balanced",
    ssd: "pd-ssd",
    hdd: "pd-standard",
    snapshot: "snapshot",
    "balanced-replicated": "pd-balanced-regional",
    "ssd-replicated": "pd-ssd-regional",
    "hdd-replicated": "pd-standard-regional",
  };

  it("GCP: every (region, class) row of gcp-gce-disk-prices.csv with a price is in storage/gcp.json with the same number and its line, nothing else", () => {
    const lines = readFileSync(diskCsv, "utf8").trimEnd().split("\n");
    const expected: Record<string, Record<string, { usdPerGiBMonth: number; source: string }>> = {};
    lines.forEach((l, i) => {
      const [key, , region, usd] = l.split(",");
      const id = keyToClass[key ?? ""];
      if (i === 0 || id === undefined || usd === "" || region === undefined) return;
      (expected[region] ??= {})[id] = { usdPerGiBMonth: Number(usd), source: `gcp-gce-disk-prices.csv line ${i + 1} (Cyclenerd pricing.yml @ fd66b26f)` };
    });
    // compare as sets of entries (key order is checked by the byte-for-byte test)
    expect(gcpStorage.regions).toEqual(expected);
    // 43 regions + 3 snapshot multi-regions (asia-multi, europe-multi, us-multi) in the extract
    expect(Object.keys(gcpStorage.regions).length).toBe(46);
    expect(gcpStorage.regions["us-multi"]).toEqual({ snapshot: expect.objectContaining({ usdPerGiBMonth: 0.065 }) });
    expect(gcpStorage.classes.map((c) => [c.id, c.billing, c.snapshot ?? false])).toEqual([
      ["pd-balanced", "per-gib-month", false],
      ["pd-balanced-regional", "per-gib-month", false],
      ["pd-ssd", "per-gib-month", false],
      ["pd-ssd-regional", "per-gib-month", false],
      ["pd-standard", "per-gib-month", false],
      ["pd-standard-regional", "per-gib-month", false],
      ["snapshot", "per-gib-month", true],
    ]);
    expect(gcpStorage._meta.sources[0]).toMatchObject({
      repo: "Cyclenerd/google-cloud-pricing-cost-calculator",
      path: "pricing.yml",
      commit: "fd66b26ff84fee5cdd94f341ea89206e76c06b99",
      date: "2026-07-30",
      license: "Apache-2.0",
    });
  });

  it("fees: the rows of catalogs/sources/fees.csv, sorted by id, each with its source; the GKE free tier is noted, not applied", () => {
    expect(fees.clusterFees.map((f) => [f.id, f.provider, f.usdPerClusterHour])).toEqual([
      ["aks-free", "azure", 0], // free-standard-pricing-tiers.md: management is free on the Free tier
      ["aks-premium", "azure", 0.6],
      ["aks-standard", "azure", 0.1], // Azure pricing page "$0.10 per cluster per hour"
      ["eks-standard", "aws", 0.1],
      ["gke-standard", "gcp", 0.1], // infracost golden: 730 h → $73.00, i.e. 73.00 / 730 = 0.10
    ]);
    for (const f of fees.clusterFees) expect(f.source.length, f.id).toBeGreaterThan(20);
    expect(fees._meta.notes.join(" ")).toMatch(/free tier.*one zonal or Autopilot cluster.*NOT applied/);
  });

  /** A temp sources folder (like catalogs/sources/) holding one input (`rel`) with `text`. */
  function repoWith(rel: string, text: string): string {
    const dir = tempDir();
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
    return dir;
  }
  const feeHeader = "id,provider,usd_per_cluster_hour,source\n";
  const copyDisks = (edit: (t: string) => string): string => {
    const dir = tempDir();
    const before = readFileSync(diskCsv, "utf8");
    const after = edit(before);
    expect(after).not.toBe(before);
    mkdirSync(join(dir, "gcp"));
    writeFileSync(join(dir, "gcp", "gcp-gce-disk-prices.csv"), after);
    return dir;
  };

  it.each([
    [
      "a non-numeric price",
      (t: string) => t.replace(/^balanced,pd-balanced,us-central1,0\.1,/m, "balanced,pd-balanced,us-central1,abc,"),
      /^gcp-gce-disk-prices\.csv line \d+ field month_usd_per_gib: "abc" is not a decimal number$/,
    ],
    [
      "a price of 0",
      (t: string) => t.replace(/^ssd,pd-ssd,us-central1,0\.17,/m, "ssd,pd-ssd,us-central1,0,"),
      /^gcp-gce-disk-prices\.csv line \d+ field month_usd_per_gib: price 0 is not > 0/,
    ],
    [
      "a disk_type that does not match the key",
      (t: string) => t.replace(/^hdd,pd-standard,us-central1,/m, "hdd,pd-ssd,us-central1,"),
      /^gcp-gce-disk-prices\.csv line \d+ field disk_type: expected "pd-standard" for storage_key "hdd", got "pd-ssd"$/,
    ],
    [
      "a second row for the same region and class",
      (t: string) => t.replace(/^(balanced,pd-balanced,us-central1,0\.1,,,)$/m, "$1\n$1"),
      /^gcp-gce-disk-prices\.csv line \d+ field region: second pd-balanced row for us-central1/,
    ],
    [
      "a short row",
      (t: string) => t.replace(/^balanced,pd-balanced,us-central1,0\.1,,,$/m, "balanced,pd-balanced,us-central1"),
      /^gcp-gce-disk-prices\.csv line \d+: expected 7 cells, got 3$/,
    ],
  ])("GCP disk extract: %s is rejected in one line naming the file, line and field", (_name, edit, message) => {
    const dir = copyDisks(edit);
    expect(() => buildGcpStorage(dir, catalogs.gcp._meta)).toThrow(CatalogBuildError);
    expect(() => buildGcpStorage(dir, catalogs.gcp._meta)).toThrow(message);
  });

  it("GCP disk extract: an empty price cell leaves the class out of that region (absent, never 0)", () => {
    const dir = copyDisks((t) => t.replace(/^balanced,pd-balanced,us-central1,0\.1,/m, "balanced,pd-balanced,us-central1,,"));
    const c = buildGcpStorage(dir, catalogs.gcp._meta);
    expect(c.regions["us-central1"]?.["pd-balanced"]).toBeUndefined();
    expect(c.regions["us-central1"]?.["pd-ssd"]?.usdPerGiBMonth).toBe(0.17);
  });

  it.each([
    ["a duplicate id", "gke-standard,gcp,0.10,a\ngke-standard,gcp,0.10,b\n", /^fees\.csv line 3 field id: duplicate id gke-standard \(first on line 2\)$/],
    ["a negative fee", "gke-standard,gcp,-0.10,a\n", /^fees\.csv line 2 field usd_per_cluster_hour: expected a decimal number ≥ 0, got "-0\.10"$/],
    ["an unknown provider", "oke-basic,oracle,0,a\n", /^fees\.csv line 2 field provider: expected gcp, azure or aws, got "oracle"$/],
    ["a missing source", "aks-free,azure,0,\n", /^fees\.csv line 2 field source: empty cell$/],
  ])("fees.csv: %s is rejected", (_name, rows, message) => {
    const dir = repoWith("fees.csv", feeHeader + rows);
    expect(() => buildFees(dir)).toThrow(CatalogBuildError);
    expect(() => buildFees(dir)).toThrow(message);
  });
});
