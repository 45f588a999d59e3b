/**
 * `cc-plan report --html FILE [plan flags]` (issue 14): the plan of the same flags as `cc-plan` (and
 * `cc-plan … --json`: the same request, catalogs and planner) as one self-contained HTML file with its
 * charts (src/emit/report-html.ts). The file is written atomically (a temporary sibling renamed into place):
 * all of it or nothing, and an older file of that name stays as it was on any error.
 *
 * Exit codes as for the plan: 0, or 1 when the plan has an error-severity issue (the report is still
 * written when at least one provider has a plan, and shows the issue); 1 and no file when no provider has
 * a plan; 2 for bad input (flags, an --html that is missing, not .html, a folder or in a missing folder);
 * 74 when the file cannot be written.
 */
import { openAtomicFile, outputFolderProblem, writeWhole } from "../../adapters/atomic-file.js";
import { planChartData } from "../../adapters/plan-charts.js";
import { planWithFiles } from "../../adapters/plan-with-files.js";
import { withoutFlagged } from "../../core/calibrate/apply.js";
import type { PlanDocument } from "../../core/planner/document.js";
import { planExitCode } from "../../core/planner/planner.js";
import { resolveRequest } from "../../core/planner/request.js";
import { needsExpressionCompiler } from "../../core/resolve-request.js";
import type { CommandContext } from "../context.js";
import { OutputError, UsageError } from "../io.js";
import { planInput } from "./plan.js";

/** `cc-plan <the plan flags>`: the plan command with the same flags (what the report shows it is). */
function planCommandLine(args: Readonly<Record<string, unknown>>): string {
  const words = ["cc-plan"];
  for (const [k, v] of Object.entries(args)) {
    // yargs adds a camelCase alias of every dashed flag, `_` and `$0`; --html is the report's own.
    if (k === "_" || k.startsWith("$") || /[A-Z]/.test(k) || k === "html") continue;
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === true) words.push(`--${k}`);
      else if (typeof x === "string" || typeof x === "number") words.push(`--${k}`, /^[\w.,=:/@+%-]+$/.test(String(x)) ? String(x) : JSON.stringify(String(x)));
    }
  }
  return words.join(" ");
}

export async function runReport(ctx: CommandContext, version: string): Promise<number> {
  const given = ctx.args.html;
  if (Array.isArray(given)) throw new UsageError(`report: --html given ${given.length} times; give one file, e.g. --html plan.html`);
  const out = typeof given === "string" ? given.trim() : "";
  if (out === "") throw new UsageError("report: --html FILE.html is required, e.g. cc-plan report --html plan.html --peak 60 --env 4cpu16g");
  if (!/\.html?$/i.test(out)) throw new UsageError(`report --html "${out}": expected a file name ending in .html`);
  for (const flag of ["json", "emit", "format"])
    if (ctx.args[flag] !== undefined && ctx.args[flag] !== false)
      throw new UsageError(`report: --${flag} does not apply; the report is the HTML file (use cc-plan --${flag} for that output)`);
  // Before any planning: a folder, or a file in a folder that does not exist, is bad input.
  const problem = outputFolderProblem(out);
  if (problem) throw new UsageError(`report --html "${out}": ${problem}`);
  const { raw, calibrated } = await planInput(ctx);
  const compile = ctx.compile ?? (needsExpressionCompiler(raw) ? (await import("../../core/expression.js")).compileExpression : undefined);
  // A calibration file (--calibration or the scenario's) applies as in `cc-plan` (src/cli/commands/plan.ts).
  const resolved = resolveRequest(raw, calibrated?.catalogs ?? ctx.catalogs, compile);
  const req = calibrated && resolved.ok ? { ...resolved, value: { ...resolved.value, calibration: withoutFlagged(calibrated.calibration, raw) } } : resolved;
  if (!req.ok) throw new UsageError(req.error.message);
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  const priced = (calibrated?.withPrices ?? ctx.withPrices)(regions);
  const dir = ctx.io.env.CC_PLAN_CATALOG_DIR;
  const plan: PlanDocument = await planWithFiles(req.value, priced, dir);
  if (plan.providers.every((p) => p.recommended === null && p.cheapest === null)) {
    const first = [...plan.providers.flatMap((p) => p.issues), ...plan.issues].find((i) => i.severity === "error");
    ctx.io.stderr(`cc-plan: report: no plan to report${first ? `: ${first.message}` : ""}\n`);
    return 1;
  }
  const charts = await planChartData(plan, req.value, priced, dir);
  const { renderReportHtml } = await import("../../emit/report-html.js");
  const html = await renderReportHtml({ plan, charts, command: planCommandLine(ctx.args), version });
  let file: ReturnType<typeof openAtomicFile>;
  try {
    file = openAtomicFile(out);
  } catch (e) {
    throw new UsageError(`report --html "${out}": cannot write it (${e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e)})`);
  }
  try {
    await writeWhole(file, html);
  } catch (e) {
    const message = e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e);
    throw new OutputError(`report --html "${out}": cannot write it (${message})`);
  }
  const kb = (Buffer.byteLength(html) / 1024).toFixed(0);
  const recs = plan.providers
    .filter((p) => p.recommended !== null)
    .map((p) => {
      const o = p.options[p.recommended as number];
      return `${p.provider} ${o?.pools.map((x) => `${x.nodes.peak} × ${x.machineType}`).join(" + ")}`;
    });
  ctx.io.stdout(`wrote ${out} (${kb} KB): ${recs.join("; ")}\n`);
  return planExitCode(plan);
}
