/**
 * `cc-plan sheet --out FILE.xlsx` (issue 13): the workbook's formulas are the model. Every expected number
 * here is the library's own: the plan of the same inputs by the real planner (resolveRequest + planWithFiles
 * with `--machine TYPE`, its "named" option: pool, autoscaler bounds and bill), and for the node model
 * computeNodeModel, the function the planner calls. The spreadsheet is headless LibreOffice Calc
 * (./soffice.ts): a missing LibreOffice fails these tests.
 *
 * - Cached values: every formula cell of a CLI-written workbook, recalculated by LibreOffice, equals the value
 *   written with it, and the named outputs' values are the plan's (`cc-plan --json --machine TYPE`).
 * - Parity: ≥ 200 random input sets (fast-check, pinned seed) as rows of a Cases sheet whose formulas come
 *   from the same builder as the workbook's (src/emit/xlsx/model.ts), plus every machine type × platform of
 *   each catalog for the node model; one soffice run recalculates all the workbooks.
 * - Edited workbooks: the real workbook with inputs changed through exceljs and its cached values dropped.
 * - Bad input: one line, non-zero exit, no file.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogs, loadFeeCatalog } from "../../src/adapters/catalog-fs.js";
import { excelJsVersion, loadExcelJs } from "../../src/adapters/load-exceljs.js";
import { loadStorage, planWithFiles } from "../../src/adapters/plan-with-files.js";
import type { Catalogs } from "../../src/catalog/lookup.js";
import type { Provider } from "../../src/catalog/types.js";
import { bootDiskTypes, ephemeralCapacityLossKiB, ephemeralStorageModel, gkeBootDiskReservedBytes, parseBootDisk } from "../../src/core/ephemeral.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import type { PlatformId } from "../../src/core/overhead/types.js";
import type { PlanDocument, PlanOption } from "../../src/core/planner/document.js";
import { type RawRequest, resolveRequest } from "../../src/core/planner/request.js";
import { bytesInMiB } from "../../src/core/units/brands.js";
import { providerPlatforms, workbookData } from "../../src/emit/xlsx/data.js";
import { evictionSteps, gkeBootDiskReserved, type InputName, inputNames, outputNames, quantities } from "../../src/emit/xlsx/model.js";
import { buildWorkbook, type CellValue, columnLetter, modelLayout } from "../../src/emit/xlsx/workbook.js";
import { repoRoot, runInProcess } from "../support/cli.js";
import { cellAt, isErrorText, recalculate, type SheetCsv, sofficePath } from "./soffice.js";

const sheets = ["Inputs", "Catalog", "Node model", "Plan", "Sources"];
const excel = loadExcelJs();
const facts = loadCatalogs(["gcp", "azure", "aws"], { regions: { gcp: [], azure: [], aws: [] } });
const pricedCache = new Map<string, Catalogs>();
const priced = (provider: Provider, region: string): Catalogs => {
  const key = `${provider}/${region}`;
  let c = pricedCache.get(key);
  if (!c) pricedCache.set(key, (c = loadCatalogs([provider], { regions: { [provider]: [region] } })));
  return c;
};
const fees = loadFeeCatalog();

let dir = "";
beforeAll(() => {
  sofficePath(); // a missing LibreOffice is a failure
  dir = mkdtempSync(join(tmpdir(), "cc-plan-xlsx-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Cents, compared at the CSV's precision: 15 significant digits, so ×100 is rounded to 13 before rounding to a cent. */
const cents = (v: number): number => Math.round(Number((v * 100).toPrecision(13)));

/** One input set of the parity check. */
interface Case {
  readonly provider: Provider;
  readonly region: string;
  readonly machine: string;
  readonly platform: PlatformId;
  readonly cpuMillicores: number;
  readonly memoryMiB: number;
  readonly peak: number;
  readonly normal: number;
  readonly zones: number;
  readonly buffer: number;
  /** 0 = no disk; `diskText` is the --disk flag. */
  readonly diskGiB: number;
  readonly diskText: string;
  readonly storageClass: string;
  readonly users: number;
  readonly envsPerUser: number;
  readonly pricing: "on-demand" | "spot";
  readonly maxPods: number;
  readonly cap: number;
  readonly minNodes: number;
  /** Issue 16: the env's ephemeral-storage request (GiB, 0 = none), the boot disk given (0 / "" = the default), images, local SSDs. */
  readonly ephemeralGiB: number;
  readonly bootDiskGiB: number;
  readonly bootDiskType: string;
  readonly ephemeralReservedGiB: number;
  readonly localSsd: boolean;
}

/** The --boot-disk flag of a case, or undefined for the default. */
const bootFlag = (c: Case): string | undefined =>
  c.bootDiskGiB > 0 ? `${c.bootDiskType === "" ? "" : `${c.bootDiskType}:`}${c.bootDiskGiB}Gi` : c.bootDiskType === "" ? undefined : c.bootDiskType;

/** The raw request (as flags give it) for a case, with `--machine`. */
function rawOf(c: Case): RawRequest {
  return {
    peak: String(c.peak),
    normal: String(c.normal),
    env: `cpu=${c.cpuMillicores}m,memory=${c.memoryMiB}Mi${c.ephemeralGiB > 0 ? `@eph=${c.ephemeralGiB}Gi` : ""}`,
    provider: [c.provider],
    region: [c.region],
    machine: [c.machine],
    platform: c.platform,
    zones: [String(c.zones)],
    // The planner's buffer is max(2, warm envs per zone): the cases draw 2 or more.
    warmEnvsPerZone: c.buffer,
    storageClass: [c.storageClass],
    pricing: c.pricing,
    ...(c.diskGiB > 0 ? { disk: c.diskText } : {}),
    ...(c.users > 0 ? { users: String(c.users), envsPerUser: String(c.envsPerUser) } : {}),
    ...(c.maxPods > 0 ? { maxPods: String(c.maxPods) } : {}),
    ...(c.cap > 0 ? { maxEnvsPerNode: String(c.cap) } : {}),
    ...(c.minNodes > 0 ? { minNodes: String(c.minNodes) } : {}),
    ...(bootFlag(c) === undefined ? {} : { bootDisk: [bootFlag(c) as string] }),
    ...(c.ephemeralReservedGiB > 0 ? { ephemeralReserved: `${c.ephemeralReservedGiB}Gi` } : {}),
    ...(c.localSsd ? { ephemeralLocalSsd: true } : {}),
  };
}

/** The workbook's inputs for a case. */
function inputsOf(c: Case): Record<InputName, CellValue> {
  return {
    Peak: c.peak,
    Normal: c.normal,
    EnvCpu: c.cpuMillicores / 1000,
    EnvMemoryGiB: c.memoryMiB / 1024,
    MachineType: c.machine,
    Platform: c.platform,
    Zones: c.zones,
    BufferEnvsPerZone: c.buffer,
    DiskGiB: c.diskGiB,
    StorageClass: c.storageClass,
    Users: c.users > 0 ? c.users : null,
    EnvsPerUser: c.users > 0 ? c.envsPerUser : 1,
    Pricing: c.pricing,
    MaxPods: c.maxPods > 0 ? c.maxPods : null,
    MaxEnvsPerNode: c.cap > 0 ? c.cap : null,
    MinNodesFloor: c.minNodes > 0 ? c.minNodes : null,
    EnvEphemeralStorageGiB: c.ephemeralGiB,
    BootDiskSizeGiB: c.bootDiskGiB > 0 ? c.bootDiskGiB : null,
    BootDiskType: c.bootDiskType,
    EphemeralReservedGiB: c.ephemeralReservedGiB,
    EphemeralLocalSsd: c.localSsd ? 1 : 0,
  };
}

/** The library's plan of a raw request with one named machine, and its named option (undefined when there is none). */
async function libraryPlan(raw: RawRequest): Promise<{ plan: PlanDocument; option: PlanOption | undefined; req: ReturnType<typeof resolveRequest> }> {
  const req = resolveRequest(raw, facts);
  if (!req.ok) throw new Error(`library rejects ${JSON.stringify(raw)}: ${req.error.message}`);
  const provider = req.value.providers[0] as Provider;
  const plan = await planWithFiles(req.value, priced(provider, req.value.regions[provider] ?? ""), undefined);
  return { plan, option: plan.providers[0]?.options.find((o) => o.kind === "named"), req };
}

/** The Cases sheet as records: column id → the row's text. */
function casesRows(csv: SheetCsv): Record<string, string>[] {
  const rows = csv.Cases ?? [];
  const head = rows[0] ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""])));
}

/** Compares a recalculated row of outputs with the library's named option; returns the mismatches. */
function compareWithLibrary(get: (id: string) => string | undefined, option: PlanOption, plan: PlanDocument): string[] {
  const pool = option.pools[0] as PlanOption["pools"][number];
  const shape = Object.keys(pool.node.envsPerNode)[0] as string;
  const line = (s: "autoscaled" | "static", id: string): number => option.bill[s].lines.find((l) => l.id === id)?.usdPerMonth ?? 0;
  const exact: Record<string, number> = {
    EnvsPerNode: pool.node.envsPerNode[shape] as number,
    NodesPeak: pool.nodes.peak,
    MinNodes: pool.autoscaler.minNodes,
    MaxNodes: pool.autoscaler.maxNodes,
    MinNodesPerZone: pool.autoscaler.perZone.min,
    MaxNodesPerZone: pool.autoscaler.perZone.max,
    AutoscaledNodes: pool.nodes.normal,
    AllocatableCpuMillicores: pool.node.allocatable.cpuMillicores,
    AllocatableMemoryBytes: pool.node.allocatable.memoryBytes,
    ForEnvsCpuMillicores: pool.node.forEnvs.cpuMillicores,
    ForEnvsMemoryBytes: pool.node.forEnvs.memoryBytes,
    ForEnvsPods: pool.node.forEnvs.pods,
    ExistingEnvs: plan.demand.existingEnvs,
    // Issue 16: ephemeral storage for envs, when the env requests some (the plan shows it then only).
    ...(pool.node.forEnvs.ephemeralStorageBytes === undefined ? {} : { ForEnvsEphemeralBytes: pool.node.forEnvs.ephemeralStorageBytes }),
  };
  const bad: string[] = [];
  for (const [id, want] of Object.entries(exact)) {
    const got = get(id);
    if (Number(got) !== want) bad.push(`${id}: sheet ${got}, library ${want}`);
  }
  if (get("Binds") !== pool.node.binds[shape]) bad.push(`Binds: sheet ${get("Binds")}, library ${pool.node.binds[shape]}`);
  const hours: [string, number][] = [
    ["NodeHoursAutoscaled", pool.nodeHoursPerMonth],
    ["NodeHoursStatic", option.bill.static.nodeHoursPerMonth],
  ];
  for (const [id, want] of hours) if (Math.abs(Number(get(id)) - want) > 1e-9 * Math.max(1, want)) bad.push(`${id}: sheet ${get(id)}, library ${want}`);
  const auto = option.bill.autoscaled.totalUsdPerMonth;
  const stat = option.bill.static.totalUsdPerMonth;
  if (auto === null || stat === null) {
    // A price the library does not know (a disk tier not published): the sheet must not show a number.
    if (!isErrorText(get("MonthlyCostUsd"))) bad.push(`MonthlyCostUsd: sheet ${get("MonthlyCostUsd")}, library: unpriced`);
    if (!isErrorText(get("StaticMonthlyCostUsd"))) bad.push(`StaticMonthlyCostUsd: sheet ${get("StaticMonthlyCostUsd")}, library: unpriced`);
    return bad;
  }
  const money: Record<string, number> = {
    MonthlyCostUsd: auto,
    StaticMonthlyCostUsd: stat,
    ComputeUsd: line("autoscaled", "compute"),
    BootDisksUsd: line("autoscaled", "boot-disks"),
    ClusterFeeUsd: line("autoscaled", "cluster-fee"),
    EnvDisksUsd: line("autoscaled", "env-disks"),
    StaticComputeUsd: line("static", "compute"),
    StaticBootDisksUsd: line("static", "boot-disks"),
  };
  for (const [id, want] of Object.entries(money)) {
    const got = get(id);
    if (got === undefined || isErrorText(got) || cents(Number(got)) !== cents(want)) bad.push(`${id}: sheet ${got}, library ${want}`);
  }
  return bad;
}

const regions: readonly { provider: Provider; region: string }[] = [
  { provider: "gcp", region: "us-central1" },
  { provider: "gcp", region: "europe-west1" },
  { provider: "azure", region: "eastus" },
  { provider: "aws", region: "us-east-1" },
];

/** Random input sets (fast-check, seed pinned so that a failure replays). */
function randomCases(count: number): Case[] {
  const arb = fc.record({
    where: fc.nat(regions.length - 1),
    machine: fc.nat(),
    platform: fc.nat(),
    // Mostly a share of the machine (so that most sets have a plan on their type), sometimes any size.
    relative: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    cpuShare: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
    memoryShare: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
    cpu: fc.oneof(
      fc.constantFrom(250, 500, 1000, 2000, 4000, 8000, 16000),
      fc.integer({ min: 1, max: 96 }).map((q) => q * 250),
    ),
    memory: fc.oneof(
      fc.constantFrom(1024, 2048, 4096, 8192, 16384, 32768, 65536),
      fc.integer({ min: 2, max: 256 }).map((q) => q * 256),
    ),
    peak: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 600 })),
    normalShare: fc.double({ min: 0, max: 1, noNaN: true }),
    zones: fc.integer({ min: 1, max: 5 }),
    buffer: fc.integer({ min: 2, max: 6 }),
    disk: fc.oneof(
      fc.constant({ gib: 0, text: "" }),
      fc.integer({ min: 1, max: 4000 }).map((g) => ({ gib: g, text: `${g}Gi` })),
      fc.integer({ min: 1, max: 2000 }).map((g) => ({ gib: (g * 1e9) / 2 ** 30, text: `${g}G` })),
    ),
    storage: fc.nat(),
    users: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 800 })),
    envsPerUser: fc.integer({ min: 1, max: 3 }),
    pricing: fc.constantFrom("on-demand" as const, "on-demand" as const, "spot" as const),
    maxPods: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 8, max: 250 })),
    cap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })),
    minNodes: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 60 })),
    // Issue 16: a third of the sets request ephemeral storage, half give a boot disk.
    ephemeral: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 120 })),
    bootSize: fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 2048 })),
    bootType: fc.oneof(fc.constant(-1), fc.nat()),
    ephemeralReserved: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })),
    localSsd: fc.boolean(),
  });
  return fc.sample(arb, { seed: 20261204, numRuns: count }).map((r) => {
    const { provider, region } = regions[r.where] as (typeof regions)[number];
    const types = (priced(provider, region)[provider]?.machineTypes ?? []).filter((m) => m.offerings.some((o) => o.region === region));
    const classes = (loadStorage([provider], undefined, { [provider]: region })[provider]?.classes ?? []).filter((c) => !c.snapshot).map((c) => c.id);
    const platforms = providerPlatforms[provider];
    const normal = Math.floor(r.peak * r.normalShare);
    const machine = types[r.machine % types.length] as (typeof types)[number];
    return {
      provider,
      region,
      machine: machine.name,
      platform: platforms[r.platform % platforms.length] as PlatformId,
      cpuMillicores: r.relative ? Math.max(1, Math.round((r.cpuShare * machine.vcpus * 1000) / 50)) * 50 : r.cpu,
      memoryMiB: r.relative ? Math.max(1, Math.round((r.memoryShare * machine.memoryMiB) / 64)) * 64 : r.memory,
      peak: r.peak,
      normal: Math.min(normal, r.peak),
      zones: provider === "azure" ? Math.min(r.zones, 3) : r.zones,
      buffer: r.buffer,
      diskGiB: r.disk.gib,
      diskText: r.disk.text,
      storageClass: classes[r.storage % classes.length] as string,
      users: r.users,
      envsPerUser: r.envsPerUser,
      pricing: r.pricing,
      maxPods: r.maxPods,
      cap: r.cap,
      minNodes: r.minNodes,
      ephemeralGiB: r.ephemeral,
      bootDiskGiB: r.bootSize,
      bootDiskType: r.bootType < 0 ? "" : (bootDiskTypes[provider][r.bootType % bootDiskTypes[provider].length] as string),
      ephemeralReservedGiB: r.ephemeralReserved,
      localSsd: provider === "gcp" && r.localSsd,
    };
  });
}

/** The parity check's workbooks: one Cases workbook per region, with the rows of that region. */
interface ParityBooks {
  readonly cases: readonly Case[];
  readonly results: readonly LibraryResult[];
  readonly books: readonly { file: string; random: number[]; sweep: Case[] }[];
}
type LibraryResult = Awaited<ReturnType<typeof libraryPlan>>;

async function prepareParity(): Promise<ParityBooks> {
  const cases = randomCases(300);
  const results = await Promise.all(cases.map((c) => libraryPlan(rawOf(c))));
  // Node-model sweep: every priced machine type of each provider's first region on each platform of the provider.
  const sweep: Case[] = regions
    .filter((r, i) => regions.findIndex((x) => x.provider === r.provider) === i)
    .flatMap(({ provider, region }) =>
      (priced(provider, region)[provider]?.machineTypes ?? [])
        .filter((m) => m.offerings.some((o) => o.region === region))
        .flatMap((m, i) =>
          providerPlatforms[provider].map((platform) => ({
            ...(cases.find((c) => c.provider === provider) as Case),
            region,
            machine: m.name,
            platform,
            maxPods: i % 3 === 0 ? 30 + i : 0,
            // Boot disks: the default, or a size (and on odd rows a type) that varies with the row; local SSDs on odd GKE rows.
            bootDiskGiB: i % 4 === 0 ? 0 : 10 + ((i * 397) % 4000),
            bootDiskType: i % 2 === 1 ? (bootDiskTypes[provider][(i >> 1) % bootDiskTypes[provider].length] as string) : "",
            ephemeralReservedGiB: i % 5,
            localSsd: provider === "gcp" && i % 2 === 1,
          })),
        ),
    );
  const books: { file: string; random: number[]; sweep: Case[] }[] = [];
  for (const { provider, region } of regions) {
    const random = cases.map((c, i) => (c.provider === provider && c.region === region ? i : -1)).filter((i) => i >= 0);
    const ownSweep = sweep.filter((c) => c.provider === provider && c.region === region);
    // The workbook's Catalog, storage and fee tables come from the plan of one case of the region.
    const withPlan = random.find((i) => results[i]?.option !== undefined && results[i]?.option?.bill.autoscaled.totalUsdPerMonth !== null);
    if (withPlan === undefined) throw new Error(`no priced plan among the ${provider} ${region} cases`);
    const r = results[withPlan] as LibraryResult;
    if (!r.req.ok) throw new Error("unreachable");
    const built = workbookData({
      req: r.req.value,
      plan: r.plan,
      catalogs: priced(provider, region),
      storage: loadStorage([provider], undefined, { [provider]: region })[provider],
      fees,
      version: "test",
      command: "test",
    });
    if ("error" in built) throw new Error(built.error);
    const file = join(dir, `cases-${provider}-${region}.xlsx`);
    const wb = buildWorkbook(excel, built.data, { cases: [...random.map((i) => inputsOf(cases[i] as Case)), ...ownSweep.map(inputsOf)] });
    // Excel recalculates on load (the cached values are the library's; LibreOffice is told so by its profile).
    if (!wb.calcProperties.fullCalcOnLoad) throw new Error("fullCalcOnLoad is not set");
    await wb.xlsx.writeFile(file);
    books.push({ file, random, sweep: ownSweep });
  }
  return { cases, results, books };
}

/** Workbooks written by the CLI, with the flags they were written for. */
const cliRuns: string[][] = [
  ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp"],
  ["--peak", "45", "--normal", "20", "--env", "2cpu8g", "--provider", "azure", "--disk", "100Gi", "--users", "30", "--envs-per-user", "2"],
  [
    "--peak",
    "45",
    "--normal",
    "20",
    "--env",
    "2cpu8g",
    "--machine",
    "Standard_D4_v3",
    "--platform",
    "aks-legacy",
    "--pricing",
    "spot",
    "--zones",
    "2",
    "--max-envs-per-node",
    "3",
    "--min-nodes",
    "12",
  ],
  ["--peak", "33", "--normal", "7", "--env", "1cpu4g", "--provider", "aws", "--disk", "50Gi", "--max-pods", "20"],
  [
    "--peak",
    "20",
    "--normal",
    "10",
    "--env",
    "2cpu4g",
    "--machine",
    "n2-standard-8",
    "--platform",
    "flat",
    "--capacity-memory",
    "n2-standard-8=32000000Ki",
    "--disk",
    "150G",
    "--storage-class",
    "pd-ssd",
  ],
  // Issue 16: ephemeral storage binds (a 20 GiB request on the default 100 GiB boot disk, ≈ 43.8 GiB allocatable: 2 envs, CPU allows 3).
  ["--peak", "30", "--env", "4cpu16g@eph=20Gi", "--machine", "n2-standard-16"],
  ["--peak", "40", "--env", "2cpu8g@eph=50Gi", "--machine", "Standard_D8s_v3", "--boot-disk", "Premium_LRS:128Gi", "--ephemeral-reserved", "10Gi"],
  ["--peak", "25", "--env", "2cpu4g@eph=5Gi", "--provider", "aws", "--boot-disk", "gp3:50Gi"],
  ["--peak", "20", "--env", "4cpu16g@eph=100Gi", "--machine", "c3-standard-22-lssd", "--ephemeral-local-ssd"],
  // An observed capacity (the Catalog's column) instead of the estimate from the disk.
  ["--peak", "30", "--env", "4cpu16g@eph=20Gi", "--machine", "n2-standard-16", "--capacity-ephemeral-storage", "n2-standard-16=120000000Ki"],
];

async function prepareCli(): Promise<string[]> {
  const files: string[] = [];
  for (const [i, flags] of cliRuns.entries()) {
    const out = join(dir, `cli-${i}.xlsx`);
    const r = await runInProcess(["sheet", "--out", out, ...flags]);
    if (r.code !== 0 || r.stderr !== "") throw new Error(`cc-plan sheet ${flags.join(" ")}: exit ${r.code}: ${r.stderr}`);
    if (!r.stdout.startsWith(`wrote ${out}: `)) throw new Error(`stdout: ${r.stdout}`);
    files.push(out);
  }
  return files;
}

/** Real workbooks with inputs changed: the flags written for, the changes, and the same plan as flags. */
const edits: [string[], Partial<Record<InputName, CellValue>>, RawRequest][] = [
  [
    ["--peak", "60", "--env", "4cpu16g", "--machine", "n2-standard-16"],
    { Peak: 130, Normal: 40, MachineType: "n2-standard-32", DiskGiB: 100, Users: 50, EnvsPerUser: 2 },
    { peak: "130", normal: "40", env: "4cpu16g", machine: ["n2-standard-32"], disk: "100Gi", users: "50", envsPerUser: "2" },
  ],
  [
    ["--peak", "45", "--env", "2cpu8g", "--machine", "Standard_D8s_v3"],
    { Platform: "aks-legacy", Zones: 2, Pricing: "spot", MaxPods: 110, StorageClass: "Premium_LRS", DiskGiB: 100 },
    {
      peak: "45",
      env: "2cpu8g",
      machine: ["Standard_D8s_v3"],
      platform: "aks-legacy",
      zones: ["2"],
      pricing: "spot",
      maxPods: "110",
      storageClass: ["Premium_LRS"],
      disk: "100Gi",
    },
  ],
  [
    ["--peak", "33", "--env", "1cpu4g", "--machine", "m5.xlarge"],
    { MachineType: "m5.4xlarge", EnvMemoryGiB: 8, BufferEnvsPerZone: 4, MinNodesFloor: 10, MaxEnvsPerNode: 5, Normal: 12 },
    { peak: "33", normal: "12", env: "1cpu8g", machine: ["m5.4xlarge"], warmEnvsPerZone: 4, minNodes: "10", maxEnvsPerNode: "5" },
  ],
  [
    ["--peak", "60", "--env", "4cpu16g", "--machine", "n2-standard-16"],
    { EnvEphemeralStorageGiB: 30, BootDiskSizeGiB: 200, BootDiskType: "pd-ssd", EphemeralReservedGiB: 12 },
    { peak: "60", env: "4cpu16g@eph=30Gi", machine: ["n2-standard-16"], bootDisk: ["pd-ssd:200Gi"], ephemeralReserved: "12Gi" },
  ],
];

async function prepareEdits(): Promise<string[]> {
  const files: string[] = [];
  for (const [i, [flags, changes]] of edits.entries()) {
    const out = join(dir, `edit-${i}.xlsx`);
    const r = await runInProcess(["sheet", "--out", out, ...flags]);
    if (r.code !== 0) throw new Error(`cc-plan sheet ${flags.join(" ")}: ${r.stderr}`);
    const wb = new excel.Workbook();
    await wb.xlsx.readFile(out);
    for (const [n, v] of Object.entries(changes)) inputCell(wb, n as InputName).value = v as CellValue;
    // Drop every cached value: only the formulas stay.
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { formula?: string } | null;
          if (v && typeof v === "object" && v.formula !== undefined) cell.value = { formula: v.formula, date1904: false };
        }),
      ),
    );
    const file = join(dir, `edited-${i}.xlsx`);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  return files;
}

/**
 * Issue 16: the two roundings of the ephemeral-storage formulas, row by row in LibreOffice against the
 * library (src/core/ephemeral.ts, which does what the kubelet and GKE do):
 * - Sweep sheet, every boot disk from 10 GiB to 64 TiB: GKE's reservation min(⌈50 %⌉, 6 GiB + ⌈35 %⌉, 100 GiB)
 *   of the disk, and the eviction ⌊capacity × float32(0.1)⌋ of its estimated GKE capacity;
 * - Probes sheet, capacities chosen where rounding bites: exact products k + (2^27 − j) / 2^27 for j = 1…40
 *   (the float64 product rounds to k + 1 at large capacities: the kubelet then says k + 1), KiB multiples with
 *   a fraction 1 − j/2^17 up to 64 TiB, products whose double lies within 10^-4 of the next integer (INT of
 *   one product would round them up), the GKE worked example's 98831908Ki, and 500 random capacities < 2^46.
 */
const roundingFile = (): string => join(dir, "rounding.xlsx");
const probeCapacities = (): number[] => {
  const M = 134217728n;
  const F = 13421773n; // float32(0.1) = 13421773 / 2^27
  // F⁻¹ mod 2^27 (F is odd), by Newton's iteration x ← x(2 − F·x), 5 steps from 1 double the bits to 32.
  let inv = 1n;
  for (let i = 0; i < 5; i++) inv = (inv * (2n - F * inv)) % M;
  inv = (inv + M) % M;
  const out: bigint[] = [];
  for (const base of [10n ** 9n, 10n ** 11n, 10n ** 12n, 5n * 10n ** 12n, 10n ** 13n, 7n * 10n ** 13n])
    for (let j = 1n; j <= 40n; j++) out.push(base - (base % M) + (((M - j) * inv) % M));
  // KiB multiples: m·F ≡ −j (mod 2^17)
  const M17 = 131072n;
  const inv17 = inv % M17;
  for (const base of [10n ** 8n, 10n ** 9n, 10n ** 10n, 6n * 10n ** 10n])
    for (let j = 1n; j <= 8n; j++) out.push((base - (base % M17) + (((M17 - j) * inv17) % M17)) * 1024n);
  // Products whose double is within 10^-4 of the next whole number (one INT of the product would round them up).
  const f = Math.fround(0.1);
  for (let c = 100_000_000_000, found = 0; found < 20; c++) {
    const x = c * f;
    if (Math.ceil(x) - x < 1e-4 && Math.ceil(x) !== x) {
      out.push(BigInt(c));
      found++;
    }
  }
  out.push(98831908n * 1024n);
  const random = fc.sample(fc.bigInt({ min: 1n << 30n, max: (1n << 46n) - 1n }), { seed: 16, numRuns: 500 });
  return [...out, ...random].map(Number);
};

async function prepareRounding(): Promise<void> {
  const wb = new excel.Workbook();
  const steps = (ws: ExcelJS.Worksheet, row: number, col: number, c: string): void => {
    const at = (k: number): string => `${columnLetter(col + k)}${row}`;
    ws.getCell(at(0)).value = { formula: evictionSteps.a(c), date1904: false };
    ws.getCell(at(1)).value = { formula: evictionSteps.u(c, at(0)), date1904: false };
    ws.getCell(at(2)).value = { formula: evictionSteps.g(at(1)), date1904: false };
    ws.getCell(at(3)).value = { formula: evictionSteps.exact(c, at(0), at(1), at(2)), date1904: false };
    ws.getCell(at(4)).value = { formula: evictionSteps.kubelet(c, at(3)), date1904: false };
  };
  const sweep = wb.addWorksheet("Sweep");
  for (let n = 10; n <= 65536; n++) {
    const row = n - 8;
    sweep.getCell(row, 1).value = n;
    sweep.getCell(row, 2).value = { formula: gkeBootDiskReserved(`A${row}*1073741824`), date1904: false };
    // The estimated GKE capacity of an n GiB disk: (n·2^20 − loss KiB) · 1024 (src/core/ephemeral.ts).
    sweep.getCell(row, 3).value = { formula: `(A${row}*1048576-${ephemeralCapacityLossKiB.gcp})*1024`, date1904: false };
    steps(sweep, row, 4, `C${row}`);
  }
  const probes = wb.addWorksheet("Probes");
  probeCapacities().forEach((c, i) => {
    probes.getCell(i + 1, 1).value = c;
    steps(probes, i + 1, 2, `A${i + 1}`);
  });
  await wb.xlsx.writeFile(roundingFile());
}

let parity: ParityBooks;
let cliFiles: string[] = [];
let editedFiles: string[] = [];
let recalculated = new Map<string, SheetCsv>();
let recalcSeconds = 0;

describe("cc-plan sheet: the workbook's formulas are the model", () => {
  // Every workbook of this file is written first and recalculated in one soffice run.
  beforeAll(async () => {
    parity = await prepareParity();
    cliFiles = await prepareCli();
    editedFiles = await prepareEdits();
    await prepareRounding();
    const started = Date.now();
    recalculated = recalculate([
      ...parity.books.map((b) => ({ file: b.file, sheets: [...sheets, "Cases"] })),
      ...[...cliFiles, ...editedFiles].map((file) => ({ file, sheets })),
      { file: roundingFile(), sheets: ["Sweep", "Probes"] },
    ]);
    recalcSeconds = (Date.now() - started) / 1000;
  }, 300_000);

  it("parity: ≥ 200 random input sets and every machine type × platform, recalculated by LibreOffice, equal the library (nodes exactly, money to the cent)", () => {
    const { cases, results, books } = parity;
    const mismatches: string[] = [];
    let compared = 0;
    let noPlan = 0;
    let swept = 0;
    // Issue 16: compared sets where ephemeral storage binds, and where a boot disk was given.
    let storageBinds = 0;
    let givenBoot = 0;
    for (const { file, random, sweep: own } of books) {
      const rows = casesRows(recalculated.get(file) as SheetCsv);
      random.forEach((caseIndex, k) => {
        const row = rows[k] as Record<string, string>;
        const c = cases[caseIndex] as Case;
        const lib = results[caseIndex] as LibraryResult;
        const where = `case ${caseIndex} ${JSON.stringify(rawOf(c))}`;
        if (lib.option) {
          compared++;
          if (Object.values(lib.option.pools[0]?.node.binds ?? {}).includes("ephemeral-storage")) storageBinds++;
          if (bootFlag(c) !== undefined) givenBoot++;
          for (const m of compareWithLibrary((id) => row[id], lib.option, lib.plan)) mismatches.push(`${where}: ${m}`);
        } else {
          // No plan on that type: the env fits no node (the sheet holds 0 envs per node and no node count),
          // or the type has no price for the pricing (the sheet shows no cost).
          noPlan++;
          const fits = Number(row.EnvsPerNode) > 0;
          if (fits ? !isErrorText(row.MonthlyCostUsd) : !isErrorText(row.NodesPeak))
            mismatches.push(
              `${where}: the library has no plan, the sheet shows ${row.EnvsPerNode} envs per node, ${row.NodesPeak} nodes, ${row.MonthlyCostUsd} USD`,
            );
        }
      });
      own.forEach((c, k) => {
        const row = rows[random.length + k] as Record<string, string>;
        const m = priced(c.provider, c.region)[c.provider]?.machineTypes.find((x) => x.name === c.machine);
        if (!m) throw new Error(c.machine);
        const given = bootFlag(c);
        const parsed = given === undefined ? undefined : parseBootDisk(given);
        if (parsed && !parsed.ok) throw new Error(parsed.reason);
        const model = computeNodeModel(m, {
          provider: c.provider,
          platform: c.platform,
          bound: "high",
          ...(c.maxPods > 0 ? { maxPods: c.maxPods } : {}),
          ...(parsed?.ok ? { bootDisk: parsed.value } : {}),
          ephemeralReservedBytes: c.ephemeralReservedGiB * 2 ** 30,
          ...(c.localSsd ? { ephemeralLocalSsd: true } : {}),
        });
        swept++;
        const want: Record<string, number> = {
          CapacityMemoryBytes: model.capacity.memoryBytes,
          MaxPodsPerNode: model.maxPods.value,
          KubeReservedCpuMillicores: model.kubeReserved.cpuMillicores,
          KubeReservedMemoryMiB: model.kubeReserved.memoryBytes / bytesInMiB,
          EvictionHardMiB: model.evictionHard.memoryBytes / bytesInMiB,
          AllocatableCpuMillicores: model.allocatable.cpuMillicores,
          AllocatableMemoryBytes: model.allocatable.memoryBytes,
          ForEnvsCpuMillicores: model.forEnvs.cpuMillicores,
          ForEnvsMemoryBytes: model.forEnvs.memoryBytes,
          ForEnvsPods: model.forEnvs.pods,
          ForEnvsVolumes: model.forEnvs.volumes,
          NodeBootDiskGiB: model.bootDisk.sizeGiB,
          EphemeralDiskBytes: model.ephemeralStorage.diskBytes,
          CapacityEphemeralBytes: model.ephemeralStorage.capacityBytes,
          EphemeralKubeReservedBytes: model.ephemeralStorage.kubeReservedBytes,
          EphemeralEvictionHardBytes: model.ephemeralStorage.evictionHardBytes,
          AllocatableEphemeralBytes: model.ephemeralStorage.allocatableBytes,
          ForEnvsEphemeralBytes: model.ephemeralStorage.forEnvsBytes,
        };
        if (row.NodeBootDiskClass !== model.bootDisk.type)
          mismatches.push(
            `node model ${c.machine} (boot disk ${given ?? "default"}): NodeBootDiskClass sheet ${row.NodeBootDiskClass}, library ${model.bootDisk.type}`,
          );
        for (const [id, v] of Object.entries(want))
          if (Number(row[id]) !== v)
            mismatches.push(`node model ${c.machine} on ${c.platform} (max pods ${c.maxPods || "default"}): ${id} sheet ${row[id]}, library ${v}`);
      });
    }
    console.log(
      `xlsx parity: ${compared} random input sets compared with the library's plan (ephemeral storage binds in ${storageBinds}, a boot disk given in ${givenBoot}), ${noPlan} without a plan on the type checked for errors, ${swept} machine type × platform node models; ${recalculated.size} workbooks recalculated in one soffice run in ${recalcSeconds.toFixed(1)} s`,
    );
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(200);
    expect(storageBinds).toBeGreaterThanOrEqual(10);
    expect(givenBoot).toBeGreaterThanOrEqual(50);
  });

  it("ephemeral storage: GKE's reservation for every boot disk of 10 GiB to 64 TiB, and the kubelet's float32 eviction at every capacity where rounding bites, equal the library in LibreOffice", () => {
    const book = recalculated.get(roundingFile()) as SheetCsv;
    const bad: string[] = [];
    const sweep = book.Sweep ?? [];
    for (let n = 10; n <= 65536; n++) {
      const row = sweep[n - 9] ?? [];
      const disk = n * 2 ** 30;
      const capacity = (n * 1048576 - ephemeralCapacityLossKiB.gcp) * 1024;
      if (Number(row[1]) !== gkeBootDiskReservedBytes(disk)) bad.push(`${n} GiB: reserved sheet ${row[1]}, library ${gkeBootDiskReservedBytes(disk)}`);
      const want = ephemeralStorageModel("n2-standard-4", {
        provider: "gcp",
        platform: "gke",
        bootDisk: { sizeGiB: n, type: "pd-balanced", billed: true, label: "", source: "given" },
      });
      if (Number(row[2]) !== capacity || want.capacityBytes !== capacity) bad.push(`${n} GiB: capacity sheet ${row[2]}, library ${want.capacityBytes}`);
      if (Number(row[7]) !== want.evictionHardBytes) bad.push(`${n} GiB: eviction sheet ${row[7]}, library ${want.evictionHardBytes}`);
    }
    const probes = book.Probes ?? [];
    const capacities = probeCapacities();
    let roundedUp = 0;
    capacities.forEach((c, i) => {
      const row = probes[i] ?? [];
      // The kubelet: int64(float64(capacity) × float64(float32(0.1))), as the library computes it.
      const want = ephemeralStorageModel("x", {
        provider: "aws",
        platform: "eks",
        bootDisk: { sizeGiB: 20, type: "gp3", billed: true, label: "", source: "given" },
        capacityBytes: c,
      }).evictionHardBytes;
      if (want !== Math.floor(c * Math.fround(0.1))) bad.push(`${c}: library ${want} is not the float64 product's floor`);
      const exact = Number((BigInt(c) * 13421773n) / 134217728n);
      if (want !== exact) roundedUp++;
      if (Number(row[4]) !== exact) bad.push(`${c}: exact step sheet ${row[4]}, BigInt ${exact}`);
      if (Number(row[5]) !== want) bad.push(`${c}: eviction sheet ${row[5]}, library ${want}`);
    });
    expect(bad.slice(0, 10)).toEqual([]);
    expect(sweep.length).toBeGreaterThanOrEqual(65536 - 9);
    // The probes do reach the float64 round-up (else the last step would go untested).
    expect(roundedUp).toBeGreaterThan(20);
    console.log(
      `ephemeral rounding: ${65536 - 9} boot disk sizes, ${capacities.length} capacity probes (${roundedUp} where the float64 product rounds up) equal in LibreOffice`,
    );
  });

  it("the CLI's workbook: every formula cell recalculated equals its cached value, and the named outputs are the plan's (cc-plan --json --machine TYPE)", async () => {
    for (const [i, file] of cliFiles.entries()) {
      const wb = new excel.Workbook();
      await wb.xlsx.readFile(file);
      const book = recalculated.get(file) as SheetCsv;
      let formulas = 0;
      const bad: string[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value as { formula?: string; result?: number | string } | null;
            if (!v || typeof v !== "object" || v.formula === undefined) return;
            formulas++;
            const got = cellAt(book[ws.name] ?? [], cell.address);
            // exceljs reads a cached 0 back as no result
            const want = v.result ?? 0;
            const same = typeof want === "number" ? Math.abs(Number(got) - want) <= 1e-9 * Math.max(1, Math.abs(want)) : got === want;
            if (!same) bad.push(`${ws.name}!${cell.address} =${v.formula}: cached ${want}, recalculated ${got}`);
          }),
        ),
      );
      expect(bad, cliRuns[i]?.join(" ")).toEqual([]);
      expect(formulas).toBeGreaterThan(150);
      // The contract's names: workbook-scoped, one cell each, holding the library's values.
      const names = wb.definedNames.model.map((n) => n.name);
      for (const n of [...inputNames, ...outputNames]) expect(names, n).toContain(n);
      const json = await runInProcess([...(cliRuns[i] as string[]), "--machine", String(inputValue(wb, "MachineType")), "--json"]);
      const plan = JSON.parse(json.stdout) as PlanDocument;
      const option = plan.providers[0]?.options.find((o) => o.kind === "named") as PlanOption;
      expect(compareWithLibrary((id) => namedOrCell(wb, book, id), option, plan)).toEqual([]);
      // MachineType and Platform are list-validated against the Catalog and the provider's platforms.
      expect(inputCell(wb, "MachineType").dataValidation).toMatchObject({ type: "list", formulae: ["CatalogMachineType"] });
      expect(inputCell(wb, "Platform").dataValidation).toMatchObject({ type: "list", formulae: ["ProviderPlatforms"] });
    }
  });

  it("the real workbook with inputs changed (exceljs, cached values dropped) recalculates to the library's plan of the new inputs", async () => {
    for (const [i, file] of editedFiles.entries()) {
      const wb = new excel.Workbook();
      await wb.xlsx.readFile(file);
      const lib = await libraryPlan((edits[i] as (typeof edits)[number])[2]);
      expect(lib.option, `the library plans ${JSON.stringify(edits[i]?.[2])}`).toBeDefined();
      expect(compareWithLibrary((id) => namedOrCell(wb, recalculated.get(file) as SheetCsv, id), lib.option as PlanOption, lib.plan)).toEqual([]);
    }
  });

  it("a plan with an error on the type (nothing fits, no price for the pricing): one line, exit 1 (as a plan), and no file", async () => {
    const here = mkdtempSync(join(tmpdir(), "cc-plan-xlsx-err-"));
    try {
      for (const [argv, message] of [
        [["--peak", "10", "--env", "64cpu512g", "--machine", "n2-standard-4"], /^cc-plan: sheet: no env shape fits on n2-standard-4 \(gke\)/],
        [["--peak", "10", "--env", "400cpu8000g", "--provider", "gcp"], /^cc-plan: sheet: 400cpu8000g fits no gcp machine type in us-central1/],
        [
          ["--peak", "10", "--env", "4cpu16g", "--machine", "Standard_B2s", "--pricing", "spot"],
          /^cc-plan: sheet: no spot price for Standard_B2s in eastus\n$/,
        ],
      ] as [string[], RegExp][]) {
        const r = await runInProcess(["sheet", "--out", join(here, "x.xlsx"), ...argv]);
        expect(r.stderr, argv.join(" ")).toMatch(message);
        expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(r.code, argv.join(" ")).toBe(1);
        expect(readdirSync(here)).toEqual([]);
      }
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  });

  it("bad input: one line on stderr, exit 2, and no file", async () => {
    const cases: [string[], RegExp][] = [
      [["--peak", "10", "--env", "4cpu16g", "--provider", "gcp"], /^cc-plan: sheet: --out FILE\.xlsx is required/],
      [["--out", "x.csv", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp"], /expected a file name ending in \.xlsx/],
      [
        ["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--platform", "custom"],
        /^cc-plan: the workbook models the platforms' published formulas; custom reservations are not supported\n$/,
      ],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--kube-reserved-cpu", "100m"], /custom reservations are not supported/],
      [
        ["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--eviction-hard-memory", "200Mi"],
        /custom reservations are not supported/,
      ],
      [
        ["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--pricing", "cud-1y"],
        /sustained-use discounts and commitments are not supported/,
      ],
      [
        ["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--pricing", "sud"],
        /sustained-use discounts and commitments are not supported/,
      ],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "azure", "--pricing", "ri-1y"], /commitments are not supported/],
      [["--out", "x.xlsx", "--env", "10x4cpu16g", "--env", "5x8cpu32g", "--provider", "gcp"], /one env shape/],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g"], /one provider; add --provider gcp or --provider azure/],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--machine", "n2-standard-8,n2-standard-16"], /one machine type/],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--machine", "no-such-type"], /unknown machine type/],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--daemonset-overhead", "none"], /--daemonset-overhead is not supported/],
      [["--out", "x.xlsx", "--scenario", "scenarios/codecanvas-60-envs.yaml"], /--scenario is not supported/],
      [["--out", "x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--json"], /--json is not an option of sheet/],
      [["--out", "/nonexistent-dir/x.xlsx", "--peak", "10", "--env", "4cpu16g", "--provider", "gcp"], /cannot write it/],
    ];
    const here = mkdtempSync(join(tmpdir(), "cc-plan-xlsx-bad-"));
    try {
      for (const [argv, message] of cases) {
        const args = argv.map((a) => (a === "x.xlsx" || a === "x.csv" ? join(here, a) : a));
        const r = await runInProcess(["sheet", ...args]);
        expect(r.stderr, argv.join(" ")).toMatch(message);
        expect(r.stderr.trimEnd().split("\n"), argv.join(" ")).toHaveLength(1);
        expect(r.code, argv.join(" ")).toBe(2);
        expect(r.stdout).toBe("");
        expect(readdirSync(here), argv.join(" ")).toEqual([]);
      }
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  });
});

describe("README", () => {
  it("lists every spreadsheet function the workbook's formulas use", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8").replace(/\s+/g, " ");
    const listed = /It uses only functions Excel and LibreOffice 7\.4 both know \(([^)]*)\)/.exec(readme)?.[1] ?? "";
    const used = new Set<string>();
    for (const q of quantities) for (const m of q.formula((id) => id).matchAll(/([A-Z][A-Z0-9]*)\(/g)) used.add(m[1] as string);
    used.add("SUM"); // the bracket tables' Σ row (workbook.ts)
    const missing = [...used].filter((f) => !listed.includes(`\`${f}\``));
    expect(missing, `README lists: ${listed}`).toEqual([]);
  });
});

describe("exceljs is an optional peer dependency", () => {
  it("package.json: optional peer and devDependency at one exact pin (the loader's), never a dependency; the CLI bundle leaves it out", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
    expect(pkg.peerDependencies?.exceljs).toBe(excelJsVersion);
    expect(pkg.peerDependenciesMeta?.exceljs).toEqual({ optional: true });
    expect(pkg.devDependencies?.exceljs).toBe(excelJsVersion);
    expect(pkg.dependencies?.exceljs).toBeUndefined();
    expect(pkg.optionalDependencies?.exceljs).toBeUndefined();
    const installed = JSON.parse(readFileSync(createRequire(join(repoRoot, "package.json")).resolve("exceljs/package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(excelJsVersion);
    // exceljs' own files (its workbook writer) are not in the bundle.
    expect(readFileSync(join(repoRoot, "dist", "bundle", "cli.cjs"), "utf8")).not.toContain("xl/workbook.xml");
  });

  it("without exceljs installed: exit 1, one line naming the package, its version and the npm command, and no file", () => {
    const copy = mkdtempSync(join(tmpdir(), "cc-plan-no-exceljs-"));
    try {
      for (const rel of ["bin", "dist/bundle", "catalogs", "package.json"]) cpSync(join(repoRoot, rel), join(copy, rel), { recursive: true });
      expect(() => createRequire(join(copy, "dist", "bundle", "cli.cjs")).resolve("exceljs")).toThrow(/Cannot find module/);
      const out = join(copy, "out.xlsx");
      const r = spawnSync(
        process.execPath,
        [join(copy, "bin", "cc-plan.cjs"), "sheet", "--out", out, "--peak", "10", "--env", "4cpu16g", "--provider", "gcp"],
        {
          cwd: copy,
          encoding: "utf8",
          env: { PATH: process.env.PATH ?? "" },
        },
      );
      expect(r.stderr).toBe(`cc-plan: sheet --out FILE.xlsx needs exceljs ${excelJsVersion}: npm i exceljs@${excelJsVersion}\n`);
      expect(r.status).toBe(1);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

/** The input cell of a defined name in a workbook read by exceljs. */
function inputCell(wb: InstanceType<typeof excel.Workbook>, name: InputName) {
  const ref = definedRef(wb, name);
  return (wb.getWorksheet(ref.sheet) as NonNullable<ReturnType<typeof wb.getWorksheet>>).getCell(ref.cell);
}

function inputValue(wb: InstanceType<typeof excel.Workbook>, name: InputName): unknown {
  return inputCell(wb, name).value;
}

/** Sheet and cell of a single-cell defined name. */
function definedRef(wb: InstanceType<typeof excel.Workbook>, name: string): { sheet: string; cell: string } {
  const ranges = wb.definedNames.getRanges(name).ranges;
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0] ?? "");
  if (!m) throw new Error(`defined name ${name}: ${ranges.join(", ")}`);
  return { sheet: m[1] as string, cell: `${m[2]}${m[3]}` };
}

/** A quantity's recalculated value: through its defined name, or its cell on the Node model / Plan sheet. */
function namedOrCell(wb: InstanceType<typeof excel.Workbook>, csv: SheetCsv, id: string): string | undefined {
  if (wb.definedNames.getRanges(id).ranges.length > 0) {
    const ref = definedRef(wb, id);
    return cellAt(csv[ref.sheet] ?? [], ref.cell);
  }
  const at = modelLayout().get(id);
  if (!at) throw new Error(`no quantity ${id}`);
  return cellAt(csv[at.sheet] ?? [], `B${at.row}`);
}
