/**
 * The CLI boundary: parse flags (yargs) → adapters (catalog files) → core → emitter.
 * The only place that maps errors to exit codes: 0 ok, 1 plan has error-severity issues,
 * 2 usage/input error, 70 internal error, 74 output not written (README "Usage": exit codes and contracts).
 */
import yargs from "yargs";
import { CatalogError, loadCatalogs, type RegionSelection, withSpecs } from "../adapters/catalog-fs.js";
import type { Catalogs } from "../catalog/lookup.js";
import { findMachine } from "../catalog/lookup.js";
import type { Provider } from "../catalog/types.js";
import { providers } from "../core/constants.js";
import { type ExpressionCompiler, needsExpressionCompiler } from "../core/resolve-request.js";
import { InputRejectedError } from "../core/resolved.js";
import { runCatalog } from "./commands/catalog.js";
import { runNode } from "./commands/node.js";
import { runPlan } from "./commands/plan.js";
import { runRefresh } from "./commands/refresh.js";
import { appsScriptOptions, runSheetAppsScript } from "./commands/sheet-apps-script.js";
import { runSheetXlsx } from "./commands/sheet-xlsx.js";
import type { Args, CommandContext } from "./context.js";
import { type CliIo, OutputError, terminalStyle, todayOf, UsageError } from "./io.js";
import { calibrationOption, planOptions, reservationOptions } from "./options.js";
import { rawPlanInput } from "./raw-input.js";

export const cliVersion = "0.1.0";

function buildParser() {
  return yargs()
    .scriptName("cc-plan")
    .usage("cc-plan [plan] --peak <n> --env <shape> [options]\n\nPlan Kubernetes node pools for cloud dev environments on GKE, AKS and EKS.")
    .command(["plan", "$0"], "plan node pools for a peak of environments (the default command)", (y) =>
      calibrationOption(planOptions(y)).option("format", {
        type: "string",
        describe: "print every plan of every provider as rows instead of the table: csv, tsv or markdown (a GitHub table)",
      }),
    )
    .command("batch <file>", "plan every row of a CSV file (header: the long flag names; - reads stdin): one output row per provider", (y) =>
      y
        .positional("file", { type: "string", describe: "a CSV file whose header names the columns: name, peak, normal, env, provider, region, …" })
        .option("format", { type: "string", describe: "csv (default) or json" })
        .option("out", { type: "string", describe: "write the output to this file (atomically: all of it or nothing) instead of stdout" }),
    )
    .command("emit <kind>", "print autoscaler settings for the recommended pools: gcloud, az, terraform, k8s, karpenter (= plan --emit <kind>)", (y) =>
      calibrationOption(planOptions(y)).positional("kind", { type: "string", describe: "gcloud | az | terraform | k8s | karpenter" }),
    )
    .command(
      "calibrate",
      "compare real nodes (kubectl get nodes -o json) with the node model per pool; --out writes a calibration file for --calibration",
      (y) =>
        y
          .option("nodes", { type: "string", describe: "the output of `kubectl get nodes -o json` (a file, or - for stdin); required" })
          .option("daemonsets", {
            type: "string",
            describe: "the output of `kubectl get daemonsets -A -o json`: their requests per node, where their selectors reach",
          })
          .option("pods", { type: "string", describe: "the output of `kubectl get pods -A -o json`, with --env-selector: envs running per node" })
          .option("env-selector", { type: "string", describe: "labels of your env pods, e.g. app=devenv (k=v, k!=v or k, comma-separated)" })
          .option("out", { type: "string", describe: "write the calibration file (YAML, atomically) for cc-plan --calibration" })
          .option("json", { type: "boolean", describe: "print JSON" }),
    )
    .command(
      "report",
      "write the plan as one self-contained HTML file with charts (cost against peak, each pool's node, the bill) and the autoscaler settings: --html FILE.html",
      (y) =>
        calibrationOption(planOptions(y)).option("html", {
          type: "string",
          describe: "the HTML file to write (atomically), e.g. plan.html; it opens from disk, no network",
        }),
    )
    .command("node <machine-type>", "print what one node offers after reservations (the node model)", (y) =>
      calibrationOption(reservationOptions(y))
        .positional("machine-type", { type: "string", describe: "e.g. n2-standard-4, Standard_D4s_v3, m5.xlarge" })
        .option("capacity-memory", {
          type: "string",
          describe: "observed status.capacity.memory of this type, e.g. 16380004Ki (or n2-standard-4=16380004Ki), instead of the estimate",
        })
        .option("capacity-ephemeral-storage", {
          type: "string",
          describe:
            "observed status.capacity.ephemeral-storage of this type, e.g. 98831908Ki (or n2-standard-4=98831908Ki), instead of the estimate from the disk",
        })
        .option("json", { type: "boolean", describe: "print JSON" }),
    )
    .command(
      "sheet",
      "write a spreadsheet: --out FILE.xlsx, a workbook whose formulas are the plan's model of one env shape on one machine type; --apps-script --out Code.gs, Google Sheets custom functions (CCPLAN_NODES, …)",
      (y) => appsScriptOptions(planOptions(y)),
    )
    .command("catalog <action> [machine-type]", "list, show, list regions of, or refresh the machine catalogs (action: list | show | regions | refresh)", (y) =>
      y
        .positional("action", { type: "string", choices: ["list", "show", "regions", "refresh"] })
        .option("regions", { type: "string", array: true, describe: "refresh: regions to fetch (default: every region of the catalog)" })
        .option("families", { type: "string", array: true, describe: "refresh: families to price, e.g. n2,n2d or dsv5 (default: all of the catalog's)" })
        .option("allow-partial", {
          type: "boolean",
          describe: "refresh: write what was fetched and mark what is missing (exit 0, the summary lists it) instead of writing nothing (exit 1)",
        })
        .option("out", { type: "string", describe: "refresh: catalog folder to write (default: the package's catalogs/)" })
        .option("gcp-endpoint", {
          type: "string",
          describe: "refresh: Cloud Billing API base URL (default https://cloudbilling.googleapis.com); key from CC_PLAN_GCP_API_KEY",
        })
        .option("azure-prices-endpoint", { type: "string", describe: "refresh: Azure Retail Prices URL (default https://prices.azure.com/api/retail/prices)" })
        .option("azure-arm-endpoint", {
          type: "string",
          describe: "refresh: Azure Resource Manager URL for ResourceSkus (default https://management.azure.com)",
        })
        .option("retries", { type: "string", describe: "refresh: retries on 429/5xx per request (default 4)" })
        .option("timeout-ms", { type: "string", describe: "refresh: per-request timeout in ms (default 30000)" })
        .option("backoff-ms", {
          type: "string",
          describe: "refresh: first retry wait in ms, doubled each time, unless Retry-After says otherwise (default 500)",
        })
        .positional("machine-type", { type: "string" })
        .option("provider", { type: "string", array: true, describe: "gcp, azure, aws (default: all)" })
        .option("family", { type: "string", describe: "filter by family, e.g. n2, dsv5" })
        .option("region", { type: "string", describe: "price column region (default: gcp us-central1, azure eastus, aws us-east-1)" })
        .option("json", { type: "boolean", describe: "print JSON" }),
    )
    .example("cc-plan --peak 60 --env 4cpu16g", "GKE and AKS, one-per-node vs many-per-node")
    .example("cc-plan --peak 60 --normal 25 --env 4cpu16g --provider azure --platform aks-legacy", "older AKS pools")
    .example("cc-plan --users 20 --envs-per-user 3 --normal 30 --env 4cpu16g --disk 100Gi --pricing cud-1y", "monthly cost with disks and a commitment")
    .example("cc-plan --scenario scenarios/codecanvas-60-envs.yaml --emit gcloud", "autoscaler settings to paste")
    .example("cc-plan --env 40x4cpu16g --env 15x8cpu32g --env 5x16cpu64g", "several env shapes: the cheapest node pools, proven")
    .example("cc-plan batch demands.csv --out plans.csv", "plan every row of a CSV file (columns: name, peak, env, provider, …)")
    .example("cc-plan report --html plan.html --peak 60 --env 4cpu16g", "the plan as one HTML file with charts, to open in a browser")
    .example("cc-plan node n2-standard-4 --platform gke --capacity-memory 16380004Ki --json", "node model")
    .example("cc-plan calibrate --nodes nodes.json --daemonsets ds.json --out cal.yaml", "real nodes against the model; a calibration file")
    .example("cc-plan sheet --out sizing.xlsx --peak 60 --env 4cpu16g --machine n2-standard-16", "a workbook whose formulas are the model")
    .strict()
    .exitProcess(false)
    .version(cliVersion)
    .help()
    .wrap(110);
}

/** Parse argv without printing; yargs' help/version text comes back as `output`. */
function parseArgs(argv: readonly string[]): { args?: Args; output: string; error?: Error } {
  let result: { args?: Args; output: string; error?: Error } = { output: "" };
  buildParser().parse([...argv], {}, (err: Error | undefined, args: unknown, output: string) => {
    result = { args: args as Args, output, ...(err ? { error: err } : {}) };
  });
  return result;
}

/** yargs reads a lone "-" as a positional argument, not as a flag's value: `--out -` (stdout) is passed as `--out=-`. */
function dashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (["--out", "--nodes", "--daemonsets", "--pods"].includes(a) && argv[i + 1] === "-") {
      out.push(`${a}=-`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** yargs' messages, made specific where they are vague. */
function explainParseError(argv: readonly string[], message: string): string {
  if (message.startsWith("Not enough non-option arguments")) {
    if (argv[0] === "node") return "node: missing <machine-type>, e.g. cc-plan node n2-standard-4 --platform gke";
    if (argv[0] === "catalog") return "catalog: missing action; expected list, show <machine-type>, regions or refresh";
    if (argv[0] === "emit") return "emit: missing <kind>; expected gcloud, az, terraform, k8s or karpenter, e.g. cc-plan emit gcloud --peak 60 --env 4cpu16g";
    if (argv[0] === "batch") return "batch: missing <file>; expected a CSV file or - for stdin, e.g. cc-plan batch demands.csv";
  }
  if (message.startsWith("Invalid values:") && argv[0] === "catalog")
    return `catalog: unknown action "${argv[1] ?? ""}"; expected list, show <machine-type>, regions or refresh`;
  return `${message} (see cc-plan --help)`;
}

/** Loads mathjs lazily: only when a reservation flag (or a scenario's reservation) holds an expression. */
async function expressionCompiler(): Promise<ExpressionCompiler> {
  const { compileExpression } = await import("../core/expression.js");
  return compileExpression;
}

/** Run the CLI; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseArgs(dashValues(argv));
    if (parsed.error) throw new UsageError(explainParseError(argv, parsed.error.message.split("\n")[0] ?? ""));
    if (parsed.output) {
      io.stdout(parsed.output.endsWith("\n") ? parsed.output : `${parsed.output}\n`);
      return 0;
    }
    const args = parsed.args as Args;
    // yargs reads a positional "-" (stdin, `cc-plan batch -`) as an empty string: give it back its "-".
    if (args._[0] === "batch" && args.file === "" && argv.includes("-")) args.file = "-";
    const raw = { ...rawPlanInput(args) };
    // How old the prices are is measured on today's date: --today, else CC_PLAN_NOW, else the clock (the core reads none).
    if (raw.today === undefined) raw.today = todayOf(io.env);
    const compile = needsExpressionCompiler(raw) ? await expressionCompiler() : undefined;
    const dir = io.env.CC_PLAN_CATALOG_DIR;
    const all = providers;
    let catalogs = loadCatalogs(all, { ...(dir ? { dir } : {}), regions: { gcp: [], azure: [], aws: [] } });
    // Machine types named on the command line but not in the priced catalogs: add the specs-only ones.
    const named = [...(raw.machine ?? []).flatMap((m) => m.split(",")), ...(typeof args["machine-type"] === "string" ? [args["machine-type"]] : [])];
    const needSpecs = named.some((n) => n.trim() !== "" && findMachine(catalogs, n.trim()) === undefined);
    if (needSpecs) catalogs = withSpecs(catalogs, dir ? { dir } : {});
    const withPrices = (regions: Partial<Record<Provider, RegionSelection>>): Catalogs => {
      const priced = loadCatalogs(
        all.filter((p) => regions[p] !== undefined),
        { ...(dir ? { dir } : {}), regions },
      );
      return needSpecs ? withSpecs(priced, dir ? { dir } : {}) : priced;
    };
    const { color, cursor } = terminalStyle(io);
    const ctx: CommandContext = { args, io, catalogs, withPrices, raw, compile, color, cursor };
    const command = String(args._[0] ?? "plan");
    if (command === "node") return runNode(ctx);
    if (command === "calibrate") return await (await import("./commands/calibrate.js")).runCalibrate(ctx, cliVersion);
    // Imported when used: it brings the CSV parser and stringifier, which the headline command does not need.
    if (command === "batch") return await (await import("./commands/batch.js")).runBatch(ctx);
    // Imported when used: it loads the chart library (Observable Plot, linkedom), which the plan table does not need.
    if (command === "report") return await (await import("./commands/report.js")).runReport(ctx, cliVersion);
    if (command === "catalog" && args.action === "refresh") return await runRefresh(ctx);
    if (command === "sheet") return args["apps-script"] === true ? await runSheetAppsScript(ctx, cliVersion) : await runSheetXlsx(ctx);
    if (command === "catalog") return runCatalog(ctx);
    if (command === "emit") {
      const kinds = [String(args.kind ?? ""), ...(Array.isArray(args.emit) ? (args.emit as unknown[]).map(String) : [])];
      return await runPlan({ ...ctx, args: { ...args, emit: kinds } });
    }
    return await runPlan(ctx); // await: a rejection must reach the catch below
  } catch (e) {
    // InputRejectedError: bad input seen only while planning, e.g. a reservation expression failing on a machine type.
    if (e instanceof UsageError || e instanceof CatalogError || e instanceof InputRejectedError) {
      io.stderr(`cc-plan: ${e.message}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr(`cc-plan: ${e.message}\n`);
      return 74;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`cc-plan: internal error: ${message.split("\n")[0]}. This is a bug; please report it with the command you ran.\n`);
    return 70;
  }
}
