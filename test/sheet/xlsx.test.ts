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
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogs, loadFeeCatalog } from "../../src/adapters/catalog-fs.js";
import { excelJsVersion, loadExcelJs } from "../../src/adapters/load-exceljs.js";
import { loadStorage, planWithFiles } from "../../src/adapters/plan-with-files.js";
import type { Catalogs } from "../../src/catalog/lookup.js";
import type { Provider } from "../../src/catalog/types.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import type { PlatformId } from "../../src/core/overhead/types.js";
import type { PlanDocument, PlanOption } from "../../src/core/planner/document.js";
import { type RawRequest, resolveRequest } from "../../src/core/planner/request.js";
import { bytesInMiB } from "../../src/core/units/brands.js";
import { providerPlatforms, workbookData } from "../../src/emit/xlsx/data.js";
import { type InputName, inputNames, outputNames } from "../../src/emit/xlsx/model.js";
import { buildWorkbook, type CellValue, modelLayout } from "../../src/emit/xlsx/workbook.js";
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
}

/** The raw request (as flags give it) for a case, with `--machine`. */
function rawOf(c: Case): RawRequest {
  return {
    peak: String(c.peak),
    normal: String(c.normal),
    env: `cpu=${c.cpuMillicores}m,memory=${c.memoryMiB}Mi`,
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
    const started = Date.now();
    recalculated = recalculate([
      ...parity.books.map((b) => ({ file: b.file, sheets: [...sheets, "Cases"] })),
      ...[...cliFiles, ...editedFiles].map((file) => ({ file, sheets })),
    ]);
    recalcSeconds = (Date.now() - started) / 1000;
  }, 300_000);

  it("parity: ≥ 200 random input sets and every machine type × platform, recalculated by LibreOffice, equal the library (nodes exactly, money to the cent)", () => {
    const { cases, results, books } = parity;
    const mismatches: string[] = [];
    let compared = 0;
    let noPlan = 0;
    let swept = 0;
    for (const { file, random, sweep: own } of books) {
      const rows = casesRows(recalculated.get(file) as SheetCsv);
      random.forEach((caseIndex, k) => {
        const row = rows[k] as Record<string, string>;
        const c = cases[caseIndex] as Case;
        const lib = results[caseIndex] as LibraryResult;
        const where = `case ${caseIndex} ${JSON.stringify(rawOf(c))}`;
        if (lib.option) {
          compared++;
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
        const model = computeNodeModel(m, { provider: c.provider, platform: c.platform, bound: "high", ...(c.maxPods > 0 ? { maxPods: c.maxPods } : {}) });
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
        };
        for (const [id, v] of Object.entries(want))
          if (Number(row[id]) !== v)
            mismatches.push(`node model ${c.machine} on ${c.platform} (max pods ${c.maxPods || "default"}): ${id} sheet ${row[id]}, library ${v}`);
      });
    }
    console.log(
      `xlsx parity: ${compared} random input sets compared with the library's plan, ${noPlan} without a plan on the type checked for errors, ${swept} machine type × platform node models; ${recalculated.size} workbooks recalculated in one soffice run in ${recalcSeconds.toFixed(1)} s`,
    );
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(200);
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
