/**
 * `cc-plan sheet --out sizing.xlsx [plan flags]` (issue 13): a workbook whose formulas are the model — the
 * plan of one env shape on one machine type (the planner's "named" option for `--machine TYPE`), with the
 * library's results as the cached values (src/emit/xlsx/). Without --machine the type of the cheapest
 * one-pool plan is used.
 *
 * What a workbook cannot model is refused with one line (exit 2): several env shapes or providers,
 * scenario files (hourly profiles, standby, warm-ups), the custom platform and reservation or DaemonSet
 * overrides, and pricing with sustained-use discounts or commitments. exceljs is an optional peer
 * dependency: without it the command exits 1 with one line naming what to install. A plan with an error on
 * the type (nothing fits, no price for the pricing, an unpublished disk price) exits 1 with that error. The file is written to
 * a temporary file beside the target and renamed into place, so a failure leaves no partial file.
 */
import { writeFileAtomically } from "../../adapters/atomic-file.js";
import { loadFeeCatalog } from "../../adapters/catalog-fs.js";
import { loadExcelJs, MissingExcelJsError } from "../../adapters/load-exceljs.js";
import { loadStorage, planWithFiles } from "../../adapters/plan-with-files.js";
import type { Provider } from "../../catalog/types.js";
import type { PlanDocument } from "../../core/planner/document.js";
import { type RawRequest, resolveRequest } from "../../core/planner/request.js";
import { money } from "../../core/units/money.js";
import { namedOption, workbookData } from "../../emit/xlsx/data.js";
import { buildWorkbook } from "../../emit/xlsx/workbook.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";

/** The version written into the workbook (= main.ts cliVersion; main.ts imports this module, so it is not imported back). */
const version = "0.1.0";

/** Why a request cannot become a workbook, or undefined. */
export function unsupported(raw: RawRequest, args: Readonly<Record<string, unknown>>): string | undefined {
  for (const flag of ["json", "emit", "explain", "update"])
    if (args[flag] !== undefined && args[flag] !== false) return `sheet: --${flag} is not an option of sheet (it writes the workbook named by --out)`;
  if (typeof args.scenario === "string")
    return "sheet: --scenario is not supported: the workbook models flat demand (Peak, Normal) of one env shape; give the plan as flags";
  if (raw.envs !== undefined) return "sheet: the workbook models one env shape; give one --env";
  const reservations = [raw.kubeReservedCpu, raw.kubeReservedMemory, raw.systemReservedCpu, raw.systemReservedMemory, raw.evictionHardMemory];
  if (raw.platform === "custom" || reservations.some((v) => v !== undefined))
    return "the workbook models the platforms' published formulas; custom reservations are not supported";
  if (raw.daemonsetOverhead !== undefined) return "the workbook models the platforms' documented DaemonSet requests; --daemonset-overhead is not supported";
  if (raw.pricing !== undefined && raw.pricing !== "on-demand" && raw.pricing !== "spot")
    return `--pricing ${raw.pricing}: the workbook models flat hourly rates (on-demand, spot); sustained-use discounts and commitments are not supported`;
  return undefined;
}

/** The command line, rebuilt from the parsed flags (for the workbook's title and Sources). */
function commandLine(args: Readonly<Record<string, unknown>>): string {
  const words = ["cc-plan", "sheet"];
  for (const [k, v] of Object.entries(args)) {
    // yargs adds a camelCase alias of every dashed flag, `_` and `$0`.
    if (k === "_" || k.startsWith("$") || /[A-Z]/.test(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === true) words.push(`--${k}`);
      else if (typeof x === "string" || typeof x === "number") words.push(`--${k}`, /^[\w.,=:/@+-]+$/.test(String(x)) ? String(x) : JSON.stringify(String(x)));
    }
  }
  return words.join(" ");
}

export async function runSheetXlsx(ctx: CommandContext): Promise<number> {
  const out = typeof ctx.args.out === "string" ? ctx.args.out.trim() : "";
  if (out === "") throw new UsageError("sheet: --out FILE.xlsx is required, e.g. cc-plan sheet --out sizing.xlsx --peak 60 --env 4cpu16g --provider gcp");
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`sheet --out "${out}": expected a file name ending in .xlsx`);
  const why = unsupported(ctx.raw, ctx.args);
  if (why) throw new UsageError(why);
  const machines = (ctx.raw.machine ?? []).flatMap((m) => m.split(",")).filter((m) => m.trim() !== "");
  if (machines.length > 1) throw new UsageError(`sheet: the workbook models one machine type; give one --machine (got ${machines.join(", ")})`);
  const first = resolveRequest(ctx.raw, ctx.catalogs, ctx.compile);
  if (!first.ok) throw new UsageError(first.error.message);
  if (first.value.providers.length !== 1)
    throw new UsageError(
      `sheet: the workbook models one provider; add --provider ${first.value.providers.join(" or --provider ")} (or --machine TYPE or --platform)`,
    );
  const provider = first.value.providers[0] as Provider;
  const dir = ctx.io.env.CC_PLAN_CATALOG_DIR;
  const priced = ctx.withPrices({ [provider]: [first.value.regions[provider] ?? ""] });
  // Without --machine: the type of the cheapest plan on one machine type.
  let machine = machines[0]?.trim();
  if (machine === undefined) {
    const p = await planWithFiles(first.value, priced, dir);
    const options = p.providers[0]?.options ?? [];
    const one = options.find((o) => o.kind === "cheapest" && o.pools.length === 1) ?? options.find((o) => o.kind === "one-pool" && o.pools.length === 1);
    if (!one) return planError(ctx, firstError(p) ?? `no plan on one ${provider} machine type`);
    machine = one.pools[0]?.machineType as string;
  }
  const req = resolveRequest({ ...ctx.raw, provider: [provider], machine: [machine] }, ctx.catalogs, ctx.compile);
  if (!req.ok) throw new UsageError(req.error.message);
  const plan = await planWithFiles(req.value, priced, dir);
  const named = namedOption(plan);
  // No plan on that type (nothing fits, no price for the pricing), as `cc-plan --machine TYPE` says: exit 1.
  if ("error" in named) return planError(ctx, named.error);
  const built = workbookData({
    req: req.value,
    plan,
    catalogs: priced,
    storage: loadStorage([provider], dir, req.value.regions)[provider],
    fees: loadFeeCatalog(dir ? { dir } : {}),
    version,
    command: commandLine(ctx.args),
  });
  if ("error" in built) return planError(ctx, built.error);
  let excel: ReturnType<typeof loadExcelJs>;
  try {
    excel = loadExcelJs();
  } catch (e) {
    if (e instanceof MissingExcelJsError) {
      ctx.io.stderr(`cc-plan: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const wb = buildWorkbook(excel, built.data);
  // Written whole or not at all (src/adapters/atomic-file.ts): no partial file on failure.
  try {
    await writeFileAtomically(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    // A path that cannot be written is an input error (2); anything else (a full disk, EIO) is exit 74, as for stdout.
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "ENOTDIR" || code === "EROFS" || code === "EPERM")
      throw new UsageError(`sheet --out "${out}": cannot write it (${message})`);
    ctx.io.stderr(`cc-plan: sheet --out "${out}": cannot write it (${message})\n`);
    return 74;
  }
  const v = built.data.cached ?? {};
  ctx.io.stdout(
    `wrote ${out}: ${built.data.inputs.MachineType} on ${built.data.inputs.Platform} in ${built.data.region}, ${v.EnvsPerNode} env${v.EnvsPerNode === 1 ? "" : "s"} per node (${v.Binds} binds), ${v.MinNodes}–${v.MaxNodes} nodes, ${money(Number(v.MonthlyCostUsd))}/month autoscaled, ${money(Number(v.StaticMonthlyCostUsd))}/month static\n`,
  );
  return 0;
}

/** The plan has an error (exit 1, as a plan with an error-severity issue): one line, no file. */
function planError(ctx: CommandContext, message: string): number {
  ctx.io.stderr(`cc-plan: sheet: ${message}\n`);
  return 1;
}

function firstError(p: PlanDocument): string | undefined {
  return [...(p.providers[0]?.issues ?? []), ...p.issues].find((i) => i.severity === "error")?.message;
}
