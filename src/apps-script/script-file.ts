/**
 * The text of a `cc-plan sheet --apps-script` file (Code.gs): one file to paste into a spreadsheet's Apps
 * Script editor. Pure: the prebuilt bundle of src/apps-script/sheet-functions.ts (dist/apps-script/core.js,
 * an ES2019 IIFE defining the global `CCPlan`) and the data come in as arguments.
 *
 * Layout: a comment saying what the file is, `var CCPLAN_DATA = {…}` (one provider's catalog with one
 * region's prices, its disk prices and the fees, as JSON), the bundle, then the four custom functions.
 * Apps Script finds custom functions only among top-level function declarations, and lists them in the
 * formula helper from their JSDoc (`@customfunction`)
 * (https://developers.google.com/apps-script/guides/sheets/functions). The bundle declares no top-level
 * function, so the four CCPLAN_* are the file's only ones.
 *
 * Limits: Apps Script's documented quotas and limitations
 * (https://developers.google.com/apps-script/guides/services/quotas, "Current limitations") give a custom
 * function call 30 s; the table lists no size limit for a script file or a project (none is documented
 * there, so this file stays small rather than near any guessed one). Embedding one region's prices keeps it
 * under 200 KB; test/sheet/apps-script.test.ts reports the size per provider and holds it under 1 MB.
 * Runtime: the V8 runtime (Apps Script's default): the core uses BigInt (scripts/apps-script-core.mjs).
 */
import type { SheetData } from "./sheet-functions.js";

/** What the file's header comment says about how it was made. */
export interface ScriptFileInfo {
  readonly cliVersion: string;
  /** The command that made it, e.g. `cc-plan sheet --apps-script --provider gcp --region us-central1`. */
  readonly command: string;
}

interface Wrapper {
  readonly name: string;
  readonly doc: readonly string[];
  readonly params: readonly (readonly [name: string, type: string, doc: string])[];
  readonly returns: string;
}

const platformDoc = (d: SheetData): string =>
  `Optional: the reservation model, e.g. ${d.provider === "gcp" ? "gke" : d.provider === "azure" ? "aks or aks-legacy" : "eks"} (the default), flat or custom.`;

function wrappers(d: SheetData): Wrapper[] {
  const where = `${d.provider} ${d.region}`;
  const env = ["env", "string", "The environment shape, e.g. 4cpu16g, 0.5cpu2g or cpu=4,memory=16Gi; @eph=30Gi adds an ephemeral-storage request."] as const;
  const bootDisk = [
    "bootDisk",
    "string",
    `Optional: every node's boot disk, [type:]size, e.g. ${{ gcp: "pd-ssd:512Gi", azure: "Premium_LRS:256Gi", aws: "gp3:100Gi" }[d.provider]} (default: ${{ gcp: "100 GiB pd-balanced", azure: "AKS's: an ephemeral OS disk where it fits, else a managed one", aws: "20 GiB gp3" }[d.provider]}).`,
  ] as const;
  const peak = ["peak", "number", "Peak concurrent environments (a whole number), or a column of them."] as const;
  const machine = ["machineType", "string", `A machine type of the ${d.provider} catalog, e.g. ${exampleType(d)}.`] as const;
  const platform = ["platform", "string", platformDoc(d)] as const;
  const normal = ["normal", "number", "Optional: normal (average) concurrent environments, the autoscaler minimum (default: = peak)."] as const;
  const zones = ["zones", "number", "Optional: zones per pool, a count (default 3) or zone names separated by commas."] as const;
  return [
    {
      name: "CCPLAN_ENVS_PER_NODE",
      doc: [
        `Environments of one shape that one node of the machine type holds, after kubelet reservations and system pods`,
        `(the node model cc-plan plans with; for the flat platform, the high end of its range).`,
      ],
      params: [machine, env, platform, bootDisk],
      returns: "Envs per node (0 when none fits).",
    },
    {
      name: "CCPLAN_NODES",
      doc: [
        `Nodes at peak of the one-pool plan on the machine type in ${where}: the pool's autoscaler maximum, warm buffer included`,
        `(cc-plan --peak P --env E --machine T, the row of T), with normal = peak and 3 zones.`,
      ],
      params: [peak, env, machine, platform, bootDisk],
      returns: "Nodes (the pool's max nodes).",
    },
    {
      name: "CCPLAN_MONTHLY_COST",
      doc: [
        `Monthly bill in USD of the one-pool plan on the machine type in ${where}, autoscaled between normal and peak`,
        `(cc-plan --peak P --normal N --env E --machine T, the row of T): nodes, boot disks and the cluster fee, on-demand prices.`,
      ],
      params: [peak, normal, env, machine, platform, zones, bootDisk],
      returns: "USD per month (unrounded).",
    },
    {
      name: "CCPLAN_RECOMMEND",
      doc: [
        `The plan cc-plan recommends in ${where}, as one row per peak: machine type, envs per node, min nodes, max nodes, USD per month`,
        `(several pools: machine types and envs per node joined with " + "; nodes are totals).`,
      ],
      params: [peak, env, normal, platform, zones, bootDisk],
      returns: "A row of 5 cells per peak.",
    },
  ];
}

function exampleType(d: SheetData): string {
  const preferred = { gcp: "n2-standard-8", azure: "Standard_D8s_v5", aws: "m5.2xlarge" }[d.provider];
  const priced = d.catalog.machineTypes.filter((m) => m.offerings.length > 0).map((m) => m.name);
  return priced.includes(preferred) ? preferred : (priced[0] ?? preferred);
}

/** Comment text safe inside a block comment. */
const safe = (s: string): string => s.replace(/\*\//g, "* /");

function wrapperText(w: Wrapper): string {
  const args = w.params.map(([n]) => n);
  return [
    "/**",
    ...w.doc.map((l) => ` * ${safe(l)}`),
    ...w.params.map(([n, t, doc]) => ` * @param {${t}} ${n} ${safe(doc)}`),
    ` * @return ${safe(w.returns)} A cell that cannot be answered shows a line starting "cc-plan:".`,
    " * @customfunction",
    " */",
    `function ${w.name}(${args.join(", ")}) {`,
    `  return CCPlan.callSheetFunction(CCPLAN_DATA, ${JSON.stringify(w.name)}, [${args.join(", ")}]);`,
    "}",
    "",
  ].join("\n");
}

/**
 * JSON as a JavaScript expression, with the same value: U+2028/U+2029 escaped (older parsers reject them raw
 * in strings), and the words import, export and require — which JSON can hold only inside strings (a catalog
 * source says "… machine-types list export") — spelled with one \u escape, so that the file's text holds none
 * of them (test/sheet/apps-script.test.ts checks it).
 */
const jsonExpression = (x: unknown): string =>
  JSON.stringify(x)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/(impor|expor|requir)([te])/g, (_, head: string, last: string) => `${head}\\u${last.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The names of the file's custom functions, in file order. */
export const customFunctionNames = ["CCPLAN_ENVS_PER_NODE", "CCPLAN_NODES", "CCPLAN_MONTHLY_COST", "CCPLAN_RECOMMEND"] as const;

/** The whole file. `core` is dist/apps-script/core.js. */
export function appsScriptFile(core: string, data: SheetData, info: ScriptFileInfo): string {
  const asOf = data.catalog.priceFilesAsOf?.[data.region] ?? data.catalog._meta.asOf;
  const header = [
    "/**",
    ` * cc-plan ${info.cliVersion}: Google Sheets custom functions for ${data.provider} ${data.region} (prices of ${asOf}).`,
    ` * Made by: ${safe(info.command)}`,
    ` * Data: cc-plan's catalogs/${data.provider}.json, catalogs/prices/${data.provider}/${data.region}.json, the ${data.region} disk prices and`,
    " * the cluster fees; their sources are listed in the package's catalogs/README.md.",
    " * Paste this whole file into Extensions > Apps Script (e.g. as Code.gs; the V8 runtime, the default), save, and",
    " * use the functions in cells:",
    ` *   =CCPLAN_RECOMMEND(60, "4cpu16g")   =CCPLAN_NODES(A2:A20, "4cpu16g", "${exampleType(data)}")`,
    " * Functions: CCPLAN_ENVS_PER_NODE, CCPLAN_NODES, CCPLAN_MONTHLY_COST, CCPLAN_RECOMMEND (described at the end",
    ' * of this file and in the README\'s "Google Sheets" section). Generated: do not edit; run the command again (--out Code.gs) for new prices.',
    " */",
    "",
  ].join("\n");
  const body = core.endsWith("\n") ? core : `${core}\n`;
  return `${header}var CCPLAN_DATA = ${jsonExpression(data)};\n\n${body}\n${wrappers(data).map(wrapperText).join("\n")}`;
}
