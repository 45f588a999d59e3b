/**
 * Lays the model of ./model.ts out as an .xlsx workbook with exceljs (passed in: it is an optional peer
 * dependency, loaded lazily by the CLI; see src/adapters/load-exceljs.ts). Sheets: Inputs, Catalog,
 * Node model, Plan, Sources, and — for the tests' batch check only — Cases (one row per input set, one
 * column per quantity, the same formulas).
 *
 * Every formula cell carries its cached result (the library's value, ./values.ts) so that a spreadsheet
 * shows numbers before it recalculates; the workbook asks for a full recalculation on load.
 */
import type * as ExcelJS from "exceljs";
import type { Provider } from "../../catalog/types.js";
import { defaultDaemonSetOverhead } from "../../core/daemonsets.js";
import { bootDiskTypes } from "../../core/ephemeral.js";
import { flatCpuMillicores, flatMemoryGiB } from "../../core/overhead/flat.js";
import { gkeSharedCoreCpuMillicores, gkeSmallMachineMemoryMiB } from "../../core/overhead/gke.js";
import type { PlatformId } from "../../core/overhead/types.js";
import { platforms } from "../../core/platform.js";
import { bytesInMiB, mibInGiB, mibInGkeGB } from "../../core/units/brands.js";
import {
  bracketTables,
  constantNames,
  type InputName,
  inputNames,
  type ModelSheet,
  namedIds,
  outputNames,
  type Quantity,
  quantities,
  rateTimes10000,
  tableNames,
} from "./model.js";

export type CellValue = number | string | null;

/** One machine type of the Catalog sheet. */
export interface CatalogRowData {
  readonly name: string;
  readonly family: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly sharedCore: boolean;
  /** status.capacity.memory: the library's estimate, or the observed value given. */
  readonly capacityMemoryBytes: number;
  readonly capacityKind: "estimated" | "observed";
  readonly capacitySource: string;
  /** EKS: the type's ENI-based max pods; null elsewhere. */
  readonly maxPods: number | null;
  readonly attachLimit: number;
  readonly onDemandUsdPerHour: number | null;
  readonly spotUsdPerHour: number | null;
  readonly notes: string;
  /** The type's default boot disk (storage class, GiB; "Ephemeral" for an AKS ephemeral OS disk, billed with the VM). Shown; the formulas derive the disk in use (Node model). */
  readonly bootDiskClass: string;
  readonly bootDiskGiB: number;
  /** Azure: takes Premium SSD (1/0); null elsewhere. */
  readonly premiumStorage: number | null;
  /** Azure: the larger of the cache and temp disks (GiB); null when unknown or not Azure. */
  readonly localDiskGiB: number | null;
  /** GCE: bundled local SSDs (c3 `-lssd`); 0 elsewhere. */
  readonly localSsds: number;
  /** Observed status.capacity.ephemeral-storage (--capacity-ephemeral-storage TYPE=…); null = estimated from the disk. */
  readonly capacityEphemeralBytes: number | null;
}

export interface StorageRowData {
  readonly id: string;
  readonly billing: "per-gib-month" | "tiered";
  readonly usdPerGiBMonth: number | null;
  readonly description: string;
  readonly source: string;
}

export interface TierRowData {
  readonly classId: string;
  readonly tier: string;
  readonly sizeGiB: number;
  readonly usdPerDiskMonth: number | null;
  readonly source: string;
}

export interface SourceRow {
  readonly what: string;
  readonly source: string;
  readonly asOf: string;
}

/** Everything the workbook shows besides the formulas (./model.ts). */
export interface WorkbookData {
  readonly version: string;
  /** The command line the workbook was written for. */
  readonly command: string;
  readonly provider: Provider;
  readonly region: string;
  readonly pricesAsOf: string;
  /** The platforms of the provider, in list order (the Platform input's list). */
  readonly providerPlatforms: readonly PlatformId[];
  readonly catalog: readonly CatalogRowData[];
  readonly storage: readonly StorageRowData[];
  readonly tiers: readonly TierRowData[];
  readonly clusterTier: string;
  readonly clusterFeeUsdPerHour: number;
  /** The provider's default boot disk: class ("" on AKS: chosen per type), size (AKS: the OS disk's 128 GiB), and its source. */
  readonly bootDisk: { readonly storageClass: string; readonly sizeGiB: number; readonly label: string };
  /** Boot disk size − capacity ephemeral-storage on a published node of the provider, KiB (src/core/ephemeral.ts). */
  readonly ephemeralLossKiB: number;
  readonly inputs: Readonly<Record<InputName, CellValue>>;
  /** Cached result of every quantity and display formula, by id (the library's values). */
  readonly cached?: Readonly<Record<string, number | string>>;
  readonly sources: readonly SourceRow[];
}

/** Options of {@link buildWorkbook}. */
export interface BuildOptions {
  /** Test-only: a Cases sheet with one row per input set (same formulas, inputs from the row). */
  readonly cases?: readonly Readonly<Record<InputName, CellValue>>[];
}

/** The platform table rows: every built-in platform but custom. */
export const platformRows: readonly PlatformId[] = ["gke", "aks", "aks-legacy", "eks", "flat"];

/** The Inputs sheet: unit and meaning of each input. */
export const inputInfo: Readonly<Record<InputName, { label: string; unit: string; note: string }>> = {
  Peak: { label: "peak concurrent envs", unit: "envs", note: "--peak" },
  Normal: { label: "normal (average) concurrent envs", unit: "envs", note: "--normal: the autoscaler minimum and the flat demand all week" },
  EnvCpu: { label: "env CPU request", unit: "vCPUs", note: "--env (e.g. 4 for 4cpu16g)" },
  EnvMemoryGiB: { label: "env memory request", unit: "GiB", note: "--env (e.g. 16 for 4cpu16g)" },
  MachineType: { label: "machine type", unit: "", note: "--machine; one of the Catalog's types" },
  Platform: { label: "platform (reservation formulas)", unit: "", note: "--platform; flat models the guides' 'high' end (2 GB)" },
  Zones: { label: "zones", unit: "zones", note: "--zones; envs spread evenly, PVCs are zonal" },
  BufferEnvsPerZone: {
    label: "warm buffer per zone",
    unit: "envs",
    note: "placeholder envs kept free in every zone (default 2: the guides' two large envs per zone)",
  },
  DiskGiB: { label: "persistent disk per env", unit: "GiB", note: "--disk; 0 = no env disk line" },
  StorageClass: { label: "storage class of env disks", unit: "", note: "--storage-class" },
  Users: { label: "developers", unit: "users", note: "--users; blank or 0 = one per peak env" },
  EnvsPerUser: { label: "envs each developer keeps", unit: "envs", note: "--envs-per-user; existing envs = Users × EnvsPerUser (each keeps a disk)" },
  Pricing: { label: "pricing", unit: "", note: "--pricing: on-demand or spot" },
  MaxPods: { label: "max pods per node", unit: "pods", note: "--max-pods; blank or 0 = the platform's default" },
  MaxEnvsPerNode: { label: "cap on envs per node", unit: "envs", note: "--max-envs-per-node; blank or 0 = none" },
  MinNodesFloor: { label: "floor on min nodes", unit: "nodes", note: "--min-nodes; blank or 0 = none" },
  EnvEphemeralStorageGiB: {
    label: "env ephemeral-storage request",
    unit: "GiB",
    note: "--env …@eph=30Gi; 0 = none (ephemeral storage is then no packing dimension)",
  },
  BootDiskSizeGiB: { label: "node boot disk size", unit: "GiB", note: "--boot-disk SIZE; blank or 0 = the provider's default for the type (Node model)" },
  BootDiskType: {
    label: "node boot disk type",
    unit: "",
    note: "--boot-disk TYPE:SIZE; blank = the default (GKE pd-balanced, EKS gp3, AKS ephemeral OS disk where it fits, else Premium_LRS or StandardSSD_LRS)",
  },
  EphemeralReservedGiB: { label: "ephemeral storage images and system pods take", unit: "GiB", note: "--ephemeral-reserved; default 0" },
  EphemeralLocalSsd: { label: "local SSDs hold ephemeral storage (1 = yes)", unit: "", note: "--ephemeral-local-ssd (GKE c3 -lssd types)" },
};

const boldFont = { bold: true };
const titleFont = { bold: true, size: 14 };
const inputFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const outputFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2EFDA" } };

/** Column letter of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const sheetRef = (sheet: string): string => (/^[A-Za-z]+$/.test(sheet) ? sheet : `'${sheet}'`);
const abs = (col: number, row: number): string => `$${columnLetter(col)}$${row}`;
const absRange = (sheet: string, col: number, from: number, to: number): string => `${sheetRef(sheet)}!${abs(col, from)}:${abs(col, to)}`;

/** Where each quantity of the model sits in the workbook (sheet and row, value in column B). */
export function modelLayout(): Map<string, { sheet: ModelSheet; row: number }> {
  const at = new Map<string, { sheet: ModelSheet; row: number }>();
  for (const sheet of ["Node model", "Plan"] as const) {
    let row = 4;
    let section = "";
    for (const q of quantities.filter((x) => x.sheet === sheet)) {
      if (q.section !== section) {
        row += section === "" ? 0 : 1;
        section = q.section;
        row++; // the section heading
      }
      at.set(q.id, { sheet, row });
      row++;
    }
  }
  return at;
}

const inputRow = (name: InputName): number => 5 + inputNames.indexOf(name);

/** Build the workbook. `excel` is the exceljs module. */
export function buildWorkbook(excel: typeof ExcelJS, data: WorkbookData, options: BuildOptions = {}): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  wb.creator = `cc-plan ${data.version}`;
  wb.calcProperties.fullCalcOnLoad = true;
  const cached = data.cached ?? {};
  const layout = modelLayout();
  const name = (ref: string, n: string): void => wb.definedNames.add(ref, n);
  const formula = (f: string, id?: string): ExcelJS.CellFormulaValue =>
    id !== undefined && cached[id] !== undefined ? { formula: f, result: cached[id] as number | string, date1904: false } : { formula: f, date1904: false };

  const inputs = wb.addWorksheet("Inputs");
  const catalog = wb.addWorksheet("Catalog");
  const nodeSheet = wb.addWorksheet("Node model");
  const planSheet = wb.addWorksheet("Plan");
  const sources = wb.addWorksheet("Sources");

  // ---- Inputs
  inputs.getCell("A1").value = `Sizing workbook: cc-plan's model of one env shape on one ${data.provider} machine type in ${data.region}`;
  inputs.getCell("A1").font = titleFont;
  inputs.getCell("A2").value =
    `Written by cc-plan ${data.version} for: ${data.command}. Change a yellow cell and every output follows. The cached values are cc-plan's own results for those flags.`;
  header(inputs, 4, ["Input", "Value", "Unit", "Defined name", "What it is"]);
  for (const n of inputNames) {
    const row = inputRow(n);
    const info = inputInfo[n];
    inputs.getCell(row, 1).value = info.label;
    const cell = inputs.getCell(row, 2);
    cell.value = data.inputs[n];
    cell.fill = inputFill;
    inputs.getCell(row, 3).value = info.unit;
    inputs.getCell(row, 4).value = n;
    inputs.getCell(row, 5).value = info.note;
    name(`Inputs!${abs(2, row)}`, n);
    cell.dataValidation = validationOf(n, data);
  }
  const resultsTop = inputRow(inputNames[inputNames.length - 1] as InputName) + 2;
  inputs.getCell(resultsTop, 1).value = "Results";
  inputs.getCell(resultsTop, 1).font = boldFont;
  header(inputs, resultsTop + 1, ["Output", "Value", "Unit", "Defined name", "Where"]);
  outputNames.forEach((n, i) => {
    const q = quantities.find((x) => x.id === n) as Quantity;
    const row = resultsTop + 2 + i;
    const at = layout.get(n) as { sheet: ModelSheet; row: number };
    inputs.getCell(row, 1).value = q.label;
    inputs.getCell(row, 2).value = formula(n, n);
    inputs.getCell(row, 2).numFmt = q.money ? "#,##0.00" : "#,##0";
    inputs.getCell(row, 2).fill = outputFill;
    inputs.getCell(row, 3).value = q.unit;
    inputs.getCell(row, 4).value = n;
    inputs.getCell(row, 5).value = `${at.sheet}, B${at.row}`;
  });
  const bindsRow = resultsTop + 2 + outputNames.length;
  inputs.getCell(bindsRow, 1).value = "what binds";
  const bindsAt = layout.get("Binds") as { sheet: ModelSheet; row: number };
  inputs.getCell(bindsRow, 2).value = formula(`${sheetRef(bindsAt.sheet)}!${abs(2, bindsAt.row)}`, "Binds");
  inputs.getCell(bindsRow, 5).value = `${bindsAt.sheet}, B${bindsAt.row}`;
  widths(inputs, [44, 22, 10, 22, 90]);

  // ---- Catalog: provider constants, machine types, storage, tiers
  catalog.getCell("A1").value = `Catalog: ${data.provider} machine types in ${data.region}`;
  catalog.getCell("A1").font = titleFont;
  const constants: [string, CellValue | { f: string; result: number }, string, string?][] = [
    ["provider", data.provider, "", constantNames.provider],
    ["region", data.region, ""],
    ["prices as of", data.pricesAsOf, ""],
    ["hours per month", 730, "h", constantNames.hoursPerMonth],
    ["hours per week", 168, "h", constantNames.hoursPerWeek],
    [
      "weeks per month = 730 / 168",
      { f: `${constantNames.hoursPerMonth}/${constantNames.hoursPerWeek}`, result: 730 / 168 },
      "weeks",
      constantNames.weeksPerMonth,
    ],
    ["cluster tier (default)", data.clusterTier, ""],
    ["cluster management fee", data.clusterFeeUsdPerHour, "USD/hour", constantNames.clusterFee],
    ["node boot disk class, default (AKS: per type, Node model)", data.bootDisk.storageClass, data.bootDisk.label, constantNames.bootDiskClass],
    ["node boot disk size, default (AKS: the OS disk when ephemeral)", data.bootDisk.sizeGiB, "GiB", constantNames.bootDiskGiB],
    ["filesystem loss: boot disk − capacity ephemeral-storage", data.ephemeralLossKiB, "KiB", constantNames.ephemeralLossKiB],
  ];
  constants.forEach(([label, value, unit, n], i) => {
    const row = 3 + i;
    catalog.getCell(row, 1).value = label;
    const c = catalog.getCell(row, 2);
    c.value = value !== null && typeof value === "object" ? { formula: value.f, result: value.result, date1904: false } : value;
    catalog.getCell(row, 3).value = unit;
    if (n) {
      name(`Catalog!${abs(2, row)}`, n);
      catalog.getCell(row, 4).value = n;
    }
  });
  const machineHeader = 3 + constants.length + 2;
  const machineCols: [string, string | null][] = [
    ["Machine type", tableNames.machineType],
    ["Family", null],
    ["vCPUs", tableNames.vcpus],
    ["Memory (MiB)", tableNames.memoryMiB],
    ["Shared core (1 = yes)", tableNames.sharedCore],
    ["Capacity memory (bytes)", tableNames.capacityBytes],
    ["Capacity memory kind", tableNames.capacityKind],
    ["Capacity memory source", null],
    ["Max pods (EKS ENI)", tableNames.maxPods],
    ["Volume attach limit", tableNames.attachLimit],
    ["On-demand USD/hour", tableNames.onDemand],
    ["Spot USD/hour", tableNames.spot],
    ["USD/hour for Pricing", null],
    ["Notes", null],
    // The type's default boot disk (issue 16: AKS's depends on the size; "Ephemeral" is billed with the VM), and
    // what the Node model's boot disk and ephemeral-storage formulas read per type.
    ["Default boot disk class", tableNames.bootClass],
    ["Default boot disk (GiB)", tableNames.bootGiB],
    ["Premium storage (AKS; 1 = yes)", tableNames.premium],
    ["Local cache/temp disk (GiB; AKS)", tableNames.localDiskGiB],
    ["Local SSDs (GKE)", tableNames.localSsds],
    ["Capacity ephemeral storage (bytes; blank = estimated)", tableNames.capacityEphemeral],
  ];
  catalog.getCell(machineHeader - 1, 1).value = "Machine types (price columns: blank = not published)";
  catalog.getCell(machineHeader - 1, 1).font = boldFont;
  header(
    catalog,
    machineHeader,
    machineCols.map((c) => c[0]),
  );
  const first = machineHeader + 1;
  const last = machineHeader + Math.max(1, data.catalog.length);
  data.catalog.forEach((m, i) => {
    const row = first + i;
    const values: CellValue[] = [
      m.name,
      m.family,
      m.vcpus,
      m.memoryMiB,
      m.sharedCore ? 1 : 0,
      m.capacityMemoryBytes,
      m.capacityKind,
      m.capacitySource,
      m.maxPods,
      m.attachLimit,
      m.onDemandUsdPerHour,
      m.spotUsdPerHour,
    ];
    values.forEach((v, c) => {
      catalog.getCell(row, c + 1).value = v;
    });
    const chosen = data.inputs.Pricing === "spot" ? m.spotUsdPerHour : m.onDemandUsdPerHour;
    catalog.getCell(row, 13).value = {
      formula: `IF(Pricing="spot",${abs(12, row)},${abs(11, row)})`,
      ...(chosen === null ? {} : { result: chosen }),
      date1904: false,
    };
    catalog.getCell(row, 14).value = m.notes;
    catalog.getCell(row, 15).value = m.bootDiskClass;
    catalog.getCell(row, 16).value = m.bootDiskGiB;
    catalog.getCell(row, 17).value = m.premiumStorage;
    catalog.getCell(row, 18).value = m.localDiskGiB;
    catalog.getCell(row, 19).value = m.localSsds;
    catalog.getCell(row, 20).value = m.capacityEphemeralBytes;
    catalog.getCell(row, 20).numFmt = "#,##0";
    catalog.getCell(row, 6).numFmt = "#,##0";
  });
  machineCols.forEach(([, n], c) => {
    if (n) name(absRange("Catalog", c + 1, first, last), n);
  });
  // Storage classes and tiers, to the right.
  const sCol = 22;
  catalog.getCell(2, sCol).value = `Storage classes in ${data.region}`;
  catalog.getCell(2, sCol).font = boldFont;
  header(catalog, 3, ["Storage class", "Billing", "USD per GiB-month", "Description", "Source"], sCol);
  data.storage.forEach((s, i) => {
    [s.id, s.billing === "tiered" ? "tiered" : "per-gib-month", s.usdPerGiBMonth, s.description, s.source].forEach((v, c) => {
      catalog.getCell(4 + i, sCol + c).value = v;
    });
  });
  const sLast = 3 + Math.max(1, data.storage.length);
  name(absRange("Catalog", sCol, 4, sLast), tableNames.storageClass);
  name(absRange("Catalog", sCol + 1, 4, sLast), tableNames.storageBilling);
  name(absRange("Catalog", sCol + 2, 4, sLast), tableNames.storagePerGiB);
  const tTop = sLast + 3;
  catalog.getCell(tTop - 1, sCol).value = "Disk tiers (tiered classes: a disk is billed at the first tier whose size ≥ its size)";
  catalog.getCell(tTop - 1, sCol).font = boldFont;
  header(catalog, tTop, ["Storage class", "Tier", "Size (GiB)", "USD per disk-month", "Source"], sCol);
  const tiers =
    data.tiers.length > 0 ? data.tiers : [{ classId: "(none)", tier: "", sizeGiB: 0, usdPerDiskMonth: null, source: `no tiered class on ${data.provider}` }];
  tiers.forEach((t, i) => {
    [t.classId, t.tier, t.sizeGiB, t.usdPerDiskMonth, t.source].forEach((v, c) => {
      catalog.getCell(tTop + 1 + i, sCol + c).value = v;
    });
  });
  const tLast = tTop + tiers.length;
  name(absRange("Catalog", sCol, tTop + 1, tLast), tableNames.tierClass);
  name(absRange("Catalog", sCol + 2, tTop + 1, tLast), tableNames.tierSize);
  name(absRange("Catalog", sCol + 3, tTop + 1, tLast), tableNames.tierPrice);
  const pTop = tLast + 3;
  catalog.getCell(pTop - 1, sCol).value = `Platforms of ${data.provider} (the Platform input's list)`;
  catalog.getCell(pTop - 1, sCol).font = boldFont;
  data.providerPlatforms.forEach((p, i) => {
    catalog.getCell(pTop + i, sCol).value = p;
  });
  name(absRange("Catalog", sCol, pTop, pTop + Math.max(1, data.providerPlatforms.length) - 1), tableNames.providerPlatforms);
  widths(catalog, [24, 10, 8, 12, 10, 18, 12, 60, 10, 10, 12, 12, 12, 40, 16, 12, 12, 12, 10, 20, 2, 18, 14, 12, 34, 60]);

  // ---- Node model and Plan: the quantities, and the tables beside them
  const ref =
    (sheet: ModelSheet): ((id: string) => string) =>
    (id) => {
      if (namedIds.has(id)) return id;
      const at = layout.get(id);
      if (!at) throw new Error(`internal: no cell for ${id}`);
      return at.sheet === sheet ? abs(2, at.row) : `${sheetRef(at.sheet)}!${abs(2, at.row)}`;
    };
  for (const [sheet, ws, title] of [
    ["Node model", nodeSheet, "Node model: capacity → reservations → eviction → allocatable → DaemonSets → for envs"],
    ["Plan", planSheet, "Plan: envs per node, nodes per zone, autoscaler bounds, node-hours and the monthly bill"],
  ] as const) {
    ws.getCell("A1").value = title;
    ws.getCell("A1").font = titleFont;
    header(ws, 3, ["Quantity", "Value", "Unit", "Defined name", "How (and source)"]);
    let section = "";
    for (const q of quantities.filter((x) => x.sheet === sheet)) {
      const at = layout.get(q.id) as { row: number };
      if (q.section !== section) {
        section = q.section;
        ws.getCell(at.row - 1, 1).value = section;
        ws.getCell(at.row - 1, 1).font = boldFont;
      }
      ws.getCell(at.row, 1).value = q.label;
      const c = ws.getCell(at.row, 2);
      c.value = formula(q.formula(ref(sheet)), q.id);
      c.numFmt = q.money ? "#,##0.00" : q.unit === "bytes" ? "#,##0" : "General";
      ws.getCell(at.row, 3).value = q.unit;
      ws.getCell(at.row, 5).value = q.note;
      if (namedIds.has(q.id)) {
        name(`${sheetRef(sheet)}!${abs(2, at.row)}`, q.id);
        ws.getCell(at.row, 4).value = q.id;
        c.fill = outputFill;
      }
    }
    widths(ws, [62, 20, 14, 24, 100]);
  }
  nodeTables(nodeSheet, name, ref("Node model"), cached);

  // ---- Sources
  sources.getCell("A1").value = "Sources";
  sources.getCell("A1").font = titleFont;
  header(sources, 3, ["What", "Source", "As of"]);
  data.sources.forEach((s, i) => {
    sources.getCell(4 + i, 1).value = s.what;
    sources.getCell(4 + i, 2).value = s.source;
    sources.getCell(4 + i, 3).value = s.asOf;
  });
  widths(sources, [50, 120, 14]);

  if (options.cases) casesSheet(wb.addWorksheet("Cases"), options.cases);
  return wb;
}

/** Node model sheet, columns G on: the platform table, the constants and the four bracket tables. */
function nodeTables(
  ws: ExcelJS.Worksheet,
  name: (ref: string, n: string) => void,
  ref: (id: string) => string,
  cached: Readonly<Record<string, number | string>>,
): void {
  const col = 7;
  ws.getCell(2, col).value = "Platforms (reservation rules, defaults and DaemonSet requests)";
  ws.getCell(2, col).font = boldFont;
  header(
    ws,
    3,
    ["Platform", "Providers", "Default max pods", "Eviction hard (MiB)", "DaemonSet CPU (m)", "DaemonSet memory (MiB)", "DaemonSet pods", "Sources"],
    col,
  );
  const machine = { name: "", vcpus: 4, memoryMiB: 16384, sharedCore: false };
  platformRows.forEach((id, i) => {
    const p = platforms[id];
    const r = p.reservation(machine, 110, "high");
    const ds = defaultDaemonSetOverhead[id];
    const maxPods = p.defaultMaxPods({});
    [
      id,
      p.providers.join(", "),
      maxPods.value,
      r.evictionHardMemoryBytes / bytesInMiB,
      ds.cpuMillicores,
      ds.memoryBytes / bytesInMiB,
      ds.pods,
      `${p.description}; max pods: ${maxPods.source}${id === "eks" ? " (a type's ENI value in the Catalog wins)" : ""}; DaemonSets: ${ds.source}`,
    ].forEach((v, c) => {
      ws.getCell(4 + i, col + c).value = v;
    });
  });
  const pLast = 3 + platformRows.length;
  name(absRange("Node model", col, 4, pLast), tableNames.platformId);
  name(absRange("Node model", col + 2, 4, pLast), tableNames.platformMaxPods);
  name(absRange("Node model", col + 3, 4, pLast), tableNames.platformEviction);
  name(absRange("Node model", col + 4, 4, pLast), tableNames.platformDsCpu);
  name(absRange("Node model", col + 5, 4, pLast), tableNames.platformDsMemory);
  name(absRange("Node model", col + 6, 4, pLast), tableNames.platformDsPods);

  let row = pLast + 3;
  ws.getCell(row - 1, col).value = "Constants of the published formulas";
  ws.getCell(row - 1, col).font = boldFont;
  const constants: [string, number, string, string][] = [
    [constantNames.flatCpu, flatCpuMillicores, "millicores", "flat: the CodeCanvas guides' 0.2 vCPU per node (src/core/overhead/flat.ts)"],
    [constantNames.flatMemory, flatMemoryGiB.high * mibInGiB, "MiB", "flat: the guides' 1–2 GB per node, the high end (what the planner uses)"],
    [constantNames.gkeSharedCpu, gkeSharedCoreCpuMillicores, "millicores", "GKE shared-core E2 types (e2-micro/small/medium) reserve 1060 m in total"],
    [constantNames.gkeSmallThreshold, mibInGkeGB, "MiB", "GKE machines with at most 1 GB (1000 MiB) ..."],
    [constantNames.gkeSmallReserved, gkeSmallMachineMemoryMiB, "MiB", "... get a flat 255 MiB kube-reserved memory"],
  ];
  for (const [n, v, unit, note] of constants) {
    ws.getCell(row, col).value = n;
    ws.getCell(row, col + 1).value = v;
    ws.getCell(row, col + 2).value = unit;
    ws.getCell(row, col + 3).value = note;
    name(`${sheetRef("Node model")}!${abs(col + 1, row)}`, n);
    row++;
  }
  row += 2;
  for (const t of bracketTables) {
    ws.getCell(row - 1, col).value = `${t.title}; source: ${t.source}`;
    ws.getCell(row - 1, col).font = boldFont;
    header(
      ws,
      row,
      [`From (${t.unit})`, `To (${t.unit}; blank = no end)`, "Rate", "Rate × 10000", `Portion of this machine's ${t.unit}`, "Rate × 10000 × portion"],
      col,
    );
    const top = row + 1;
    const v = ref(t.of);
    const value = typeof cached[t.of] === "number" ? (cached[t.of] as number) : undefined;
    t.rows.forEach((b, i) => {
      const r = top + i;
      ws.getCell(r, col).value = b.from;
      ws.getCell(r, col + 1).value = b.to ?? null;
      ws.getCell(r, col + 2).value = b.rate;
      ws.getCell(r, col + 2).numFmt = "0.00%";
      ws.getCell(r, col + 3).value = rateTimes10000(b.rate);
      const portion = value === undefined ? undefined : Math.max(0, Math.min(value, b.to ?? value) - b.from);
      const f = abs(col, r);
      const to = abs(col + 1, r);
      ws.getCell(r, col + 4).value = {
        formula: `MAX(0,MIN(${v},IF(${to}="",${v},${to}))-${f})`,
        ...(portion === undefined ? {} : { result: portion }),
        date1904: false,
      };
      ws.getCell(r, col + 5).value = {
        formula: `${abs(col + 3, r)}*${abs(col + 4, r)}`,
        ...(portion === undefined ? {} : { result: portion * rateTimes10000(b.rate) }),
        date1904: false,
      };
    });
    const bottom = top + t.rows.length - 1;
    name(absRange("Node model", col, top, bottom), `${t.name}From`);
    name(absRange("Node model", col + 1, top, bottom), `${t.name}To`);
    name(absRange("Node model", col + 3, top, bottom), `${t.name}RateTimes10000`);
    const sumRow = bottom + 1;
    ws.getCell(sumRow, col + 4).value = "Σ / 10000";
    const total =
      value === undefined ? undefined : t.rows.reduce((s, b) => s + Math.max(0, Math.min(value, b.to ?? value) - b.from) * rateTimes10000(b.rate), 0) / 10000;
    ws.getCell(sumRow, col + 5).value = {
      formula: `SUM(${abs(col + 5, top)}:${abs(col + 5, bottom)})/10000`,
      ...(total === undefined ? {} : { result: total }),
      date1904: false,
    };
    row = sumRow + 3;
  }
  for (const [c, w] of [
    [col, 30],
    [col + 1, 22],
    [col + 2, 16],
    [col + 3, 16],
    [col + 4, 18],
    [col + 5, 20],
    [col + 6, 14],
    [col + 7, 100],
  ] as const)
    ws.getColumn(c).width = w;
}

/** The Cases sheet: row 1 the ids, then one row per input set; each quantity's formula with the row's cells. */
function casesSheet(ws: ExcelJS.Worksheet, cases: readonly Readonly<Record<InputName, CellValue>>[]): void {
  const ids = [...inputNames, ...quantities.map((q) => q.id)];
  const colOf = new Map(ids.map((id, i) => [id, i + 1]));
  ids.forEach((id, i) => {
    ws.getCell(1, i + 1).value = id;
  });
  cases.forEach((c, k) => {
    const row = k + 2;
    const ref = (id: string): string => {
      const col = colOf.get(id);
      if (col === undefined) throw new Error(`internal: no Cases column for ${id}`);
      return `${columnLetter(col)}${row}`;
    };
    inputNames.forEach((n, i) => {
      ws.getCell(row, i + 1).value = c[n];
    });
    quantities.forEach((q, i) => {
      ws.getCell(row, inputNames.length + i + 1).value = { formula: q.formula(ref), date1904: false };
    });
  });
}

function header(ws: ExcelJS.Worksheet, row: number, titles: readonly string[], col = 1): void {
  titles.forEach((t, i) => {
    const c = ws.getCell(row, col + i);
    c.value = t;
    c.font = boldFont;
    c.fill = headerFill;
  });
}

function widths(ws: ExcelJS.Worksheet, list: readonly number[]): void {
  list.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

/** Data validation of an input cell: lists from the Catalog, whole numbers in the library's ranges. */
function validationOf(n: InputName, data: WorkbookData): ExcelJS.DataValidation {
  const whole = (min: number, max: number, blank = false): ExcelJS.DataValidation => ({
    type: "whole",
    operator: "between",
    allowBlank: blank,
    formulae: [min, max],
    showErrorMessage: true,
    errorTitle: n,
    error: `${n}: a whole number from ${min} to ${max}`,
  });
  const list = (formula: string): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: false,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: n,
    error: `${n}: choose a value from the list`,
  });
  switch (n) {
    case "Peak":
      return whole(1, 1_000_000);
    case "Normal":
      return whole(0, 1_000_000);
    case "EnvCpu":
    case "EnvMemoryGiB":
      return { type: "decimal", operator: "greaterThan", allowBlank: false, formulae: [0], showErrorMessage: true, errorTitle: n, error: `${n}: a number > 0` };
    case "DiskGiB":
      return {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: false,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: n,
        error: `${n}: a number ≥ 0 (0 = no disk)`,
      };
    case "MachineType":
      return list(tableNames.machineType);
    case "Platform":
      return list(tableNames.providerPlatforms);
    case "StorageClass":
      return list(tableNames.storageClass);
    case "Pricing":
      return list('"on-demand,spot"');
    case "Zones":
      return whole(1, data.provider === "azure" ? 3 : 10);
    case "BufferEnvsPerZone":
      return whole(0, 100_000);
    case "Users":
      return whole(0, 1_000_000, true);
    case "EnvsPerUser":
      return whole(1, 1000);
    case "MaxPods":
    case "MaxEnvsPerNode":
      return whole(0, 1000, true);
    case "MinNodesFloor":
      return whole(0, 100_000, true);
    case "EnvEphemeralStorageGiB":
    case "EphemeralReservedGiB":
      return {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: n,
        error: `${n}: a number ≥ 0 (GiB)`,
      };
    case "BootDiskSizeGiB": {
      // 10 to 65536 GiB, as --boot-disk (src/core/ephemeral.ts parseBootDisk); 0 or blank = the default.
      const cell = `B${inputRow(n)}`;
      return {
        type: "custom",
        allowBlank: true,
        formulae: [`OR(${cell}=0,AND(${cell}>=10,${cell}<=65536,INT(${cell})=${cell}))`],
        showErrorMessage: true,
        errorTitle: n,
        error: `${n}: blank or 0 (the default), or a whole number of GiB from 10 to 65536`,
      };
    }
    case "BootDiskType":
      return { ...list(`"${bootDiskTypes[data.provider].join(",")}"`), allowBlank: true };
    case "EphemeralLocalSsd":
      return whole(0, 1, true);
  }
}
