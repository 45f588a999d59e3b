/** `cc-plan plan` (the default command): one request → the one planner → table, JSON or settings. */
import { dirname, isAbsolute, join } from "node:path";
import { type PlanWatch, planWithFiles } from "../../adapters/plan-with-files.js";
import { findMachine } from "../../catalog/lookup.js";
import { calibrationProviders, withoutFlagged } from "../../core/calibrate/apply.js";
import { providers } from "../../core/constants.js";
import { bootDiskProvider, parseBootDisk } from "../../core/ephemeral.js";
import type { PlanDocument } from "../../core/planner/document.js";
import { planExitCode } from "../../core/planner/planner.js";
import { type RawRequest, resolveRequest } from "../../core/planner/request.js";
import { reservationFields } from "../../core/reservation-rules.js";
import { storageClassProviders } from "../../core/resolve-costing.js";
import { needsExpressionCompiler, type RawPlanInput } from "../../core/resolve-request.js";
import { renderPlanDocumentJson } from "../../emit/json.js";
import { renderPlanText } from "../../emit/plan-text.js";
import type { SettingsKind } from "../../emit/settings-emit.js";
import type { PlanTableFormat } from "../../emit/table-formats.js";
import { loadCalibration } from "../calibration.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";
import { openProgress, type ProgressLine, redrawMs } from "../progress.js";

const emitKinds: readonly SettingsKind[] = ["gcloud", "az", "terraform", "k8s", "karpenter"];
// The --format values, typed by the emitter's list (its module is imported only when --format is given: it loads csv-stringify).
const planTableFormats: readonly PlanTableFormat[] = ["csv", "tsv", "markdown"];

/**
 * The raw request of the plan flags: the command line's, over a --scenario file's values when one is given
 * (also used by `cc-plan report`, src/cli/commands/report.ts, so both read the same plan flags).
 */
export async function planInput(
  ctx: CommandContext,
): Promise<{ raw: RawRequest; scenarioEmit: readonly string[] | undefined; calibrated: ReturnType<typeof loadCalibration> | undefined }> {
  let raw: RawRequest = ctx.raw;
  let scenarioEmit: readonly string[] | undefined;
  let calibrationPath: string | undefined;
  const scenarioPath = typeof ctx.args.scenario === "string" ? ctx.args.scenario : undefined;
  if (scenarioPath !== undefined) {
    const { readScenarioFile } = await import("../../adapters/scenario-file.js");
    const sc = readScenarioFile(scenarioPath);
    if (!sc.ok) throw new UsageError(sc.error.message);
    // Flags given on the command line override the scenario's values. A --provider flag narrows the
    // scenario: its named machines, regions and storage classes of other providers are dropped.
    // An --env on the command line replaces the scenario's env or envs (one shape or a mix).
    const fromFile: RawRequest = { ...sc.value.input };
    if (ctx.raw.env !== undefined || ctx.raw.envs !== undefined) {
      delete (fromFile as { env?: unknown }).env;
      delete (fromFile as { envs?: unknown }).envs;
    }
    // A reservation flag replaces the scenario's value, so messages name the flag, not the scenario's key.
    const { fieldNames: named, ...values } = fromFile;
    const fieldNames = { ...named };
    for (const { key } of reservationFields) if (ctx.raw[key] !== undefined) delete fieldNames[key];
    raw = { ...values, ...ctx.raw, ...(Object.keys(fieldNames).length === 0 ? {} : { fieldNames }) };
    const only = ctx.raw.provider?.flatMap((p) => p.split(",")).map((p) => p.trim());
    if (only) raw = narrowToProviders(raw, ctx.raw, only, ctx);
    scenarioEmit = sc.value.emit;
    // A scenario's calibration file is relative to the scenario; a --calibration flag replaces it.
    if (sc.value.calibration !== undefined && typeof ctx.args.calibration !== "string")
      calibrationPath = isAbsolute(sc.value.calibration) ? sc.value.calibration : join(dirname(scenarioPath), sc.value.calibration);
  }
  if (typeof ctx.args.calibration === "string") calibrationPath = ctx.args.calibration;
  const calibrated = calibrationPath === undefined ? undefined : loadCalibration(ctx, calibrationPath);
  // The calibrated cluster's providers, unless the request names providers, a platform or machines.
  if (calibrated && raw.provider === undefined && raw.platform === undefined && raw.machine === undefined)
    raw = { ...raw, provider: calibrationProviders(calibrated.calibration) };
  return { raw, scenarioEmit, calibrated };
}

/**
 * The scenario reader, the settings emitters and the LP/MIP solver (several shapes only) are imported
 * only when needed, so the headline command does not load them (npm run bench).
 */
export async function runPlan(ctx: CommandContext): Promise<number> {
  const { raw, scenarioEmit, calibrated } = await planInput(ctx);
  // --emit on the command line prints only the settings (pasteable); a scenario's `emit:` list prints
  // them after the table, so `cc-plan --scenario file.yaml` still shows the plan and its cost.
  const flagEmit = Array.isArray(ctx.args.emit);
  // issue 12: --emit was silently ignored next to --json
  if (flagEmit && ctx.args.json)
    throw new UsageError("--emit and --json: choose one (--json prints the plan document, --emit the settings of its recommended pools)");
  const emit = (flagEmit ? (ctx.args.emit as unknown[]).map(String) : [...(scenarioEmit ?? [])])
    .flatMap((e) => e.split(","))
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of emit) if (!(emitKinds as readonly string[]).includes(e)) throw new UsageError(`--emit "${e}": expected one of ${emitKinds.join(", ")}`);
  const format = tableFormat(ctx, flagEmit);
  // mathjs loads only when a reservation (a flag's, or the scenario's) holds an expression.
  const compile = ctx.compile ?? (needsExpressionCompiler(raw) ? (await import("../../core/expression.js")).compileExpression : undefined);
  const resolved = resolveRequest(raw, calibrated?.catalogs ?? ctx.catalogs, compile);
  if (!resolved.ok) throw new UsageError(resolved.error.message);
  const req = calibrated ? { ...resolved, value: { ...resolved.value, calibration: withoutFlagged(calibrated.calibration, raw) } } : resolved;
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  const progress = req.value.shapes.length > 1 ? await searchProgress(ctx, req.value.shapes.length, req.value.timeLimitSeconds) : undefined;
  let p: PlanDocument;
  try {
    p = await planWithFiles(req.value, (calibrated?.withPrices ?? ctx.withPrices)(regions), ctx.io.env.CC_PLAN_CATALOG_DIR, progress?.watch);
  } finally {
    progress?.line.stop();
  }
  const emitPlan = emit.length > 0 && !ctx.args.json ? (await import("../../emit/settings-emit.js")).emitPlanSettings : undefined;
  const renderEmit = (mode: "create" | "update" = "create"): string => {
    const r = (emitPlan as NonNullable<typeof emitPlan>)(p, emit as SettingsKind[], { mode });
    if (typeof r !== "string") throw new UsageError(r.error);
    return r;
  };
  if (flagEmit && emitPlan) {
    ctx.io.stdout(renderEmit(ctx.args.update === true ? "update" : "create"));
    return planExitCode(p);
  }
  if (ctx.args.json) {
    ctx.io.stdout(renderPlanDocumentJson(p));
    return planExitCode(p);
  }
  if (format) {
    const { renderPlanTable } = await import("../../emit/table-formats.js");
    ctx.io.stdout(renderPlanTable(p, format));
    return planExitCode(p);
  }
  const text = renderPlanText(p, { color: ctx.color, width: ctx.io.columns ?? 100, explain: ctx.args.explain === true });
  ctx.io.stdout(emitPlan ? `${text}\nSettings for the recommended pools (scenario emit: ${emit.join(", ")})\n\n${renderEmit()}` : text);
  return planExitCode(p);
}

/**
 * The progress line of a mixed plan's search (issue 14): shown on a terminal's stderr once the search has
 * run for a second (quick plans never flash it), never with --json or in a pipe (src/cli/progress.ts). The
 * solver's tick comes at every clock reading, so it is throttled here before any text is built.
 */
async function searchProgress(ctx: CommandContext, shapes: number, limitSeconds: number): Promise<{ line: ProgressLine; watch: PlanWatch | undefined }> {
  const line = await openProgress(ctx.io, { enabled: ctx.args.json !== true, delayMs: 1000 });
  if (!line.enabled) return { line, watch: undefined };
  const start = Date.now();
  let last = 0;
  let where = "";
  const draw = (): void => {
    const seconds = (Date.now() - start) / 1000;
    line.update(`cc-plan: packing ${shapes} env shapes${where}: ${seconds.toFixed(1)} s of at most ${limitSeconds} s`);
  };
  return {
    line,
    watch: {
      tick: () => {
        const t = Date.now();
        if (t - last < redrawMs) return;
        last = t;
        draw();
      },
      onProvider: (provider, index, count) => {
        where = count > 1 ? ` on ${provider} (${index + 1} of ${count})` : ` on ${provider}`;
        draw();
      },
    },
  };
}

/**
 * `--format csv|tsv|markdown`: the plans as rows (src/emit/table-formats.ts). Like --emit, it replaces the
 * table, so it goes with neither --json nor --emit (a usage error, not one silently winning).
 */
function tableFormat(ctx: CommandContext, flagEmit: boolean): PlanTableFormat | undefined {
  const f = ctx.args.format;
  if (f === undefined) return undefined;
  if (Array.isArray(f)) throw new UsageError(`--format given ${f.length} times (${f.join(", ")}); give it once`);
  if (!(planTableFormats as readonly string[]).includes(String(f)))
    throw new UsageError(
      `--format "${String(f)}": expected one of ${planTableFormats.join(", ")} (the default is the text table; --json prints the plan document)`,
    );
  if (ctx.args.json) throw new UsageError("--format and --json: choose one (--json prints the plan document, --format its plans as csv, tsv or markdown rows)");
  if (flagEmit) throw new UsageError("--format and --emit: choose one (--emit prints the settings of the recommended pools, --format the plans as rows)");
  return f as PlanTableFormat;
}

/** The scenario's per-provider values for the providers a --provider flag keeps (flags themselves are kept as given). */
function narrowToProviders(raw: RawRequest, flags: RawPlanInput, only: readonly string[], ctx: CommandContext): RawRequest {
  const keep = (p: string | undefined): boolean => p === undefined || only.includes(p);
  const regionOwner = (r: string): string | undefined => providers.find((p) => ctx.catalogs[p]?.regions.includes(r));
  const tierOwner = (t: string): string | undefined => (({ gke: "gcp", aks: "azure", eks: "aws" }) as Record<string, string>)[t.split("-")[0] ?? ""];
  const zoneOwner = (z: string): string | undefined => (/^\d+$/.test(z) ? undefined : /^[1-9](,[1-9])*$/.test(z) ? "azure" : "gcp");
  // A scenario's TYPE=QUANTITY items (node.capacityMemory, node.capacityEphemeralStorage) of the kept providers' types.
  const typeKept = (item: string): boolean => keep(findMachine(ctx.catalogs, item.split("=")[0]?.trim() ?? "")?.provider);
  return {
    ...raw,
    ...(flags.machine === undefined && raw.machine ? { machine: raw.machine.filter((m) => keep(findMachine(ctx.catalogs, m)?.provider)) } : {}),
    ...(flags.region === undefined && raw.region ? { region: raw.region.filter((r) => keep(regionOwner(r))) } : {}),
    ...(flags.storageClass === undefined && raw.storageClass ? { storageClass: raw.storageClass.filter((c) => keep(storageClassProviders[c])) } : {}),
    ...(raw.clusterTier ? { clusterTier: raw.clusterTier.filter((t) => keep(tierOwner(t))) } : {}),
    ...(flags.zones === undefined && raw.zones ? { zones: raw.zones.filter((z) => keep(zoneOwner(z))) } : {}),
    ...(flags.capacityMemory === undefined && Array.isArray(raw.capacityMemory) ? { capacityMemory: raw.capacityMemory.filter(typeKept) } : {}),
    // node.bootDisk: typed disks of the kept providers (a size alone applies to every provider).
    ...(flags.bootDisk === undefined && raw.bootDisk
      ? {
          bootDisk: raw.bootDisk.filter((b) => {
            const d = parseBootDisk(b);
            return !d.ok || keep(bootDiskProvider(d.value));
          }),
        }
      : {}),
    ...(flags.capacityEphemeralStorage === undefined && Array.isArray(raw.capacityEphemeralStorage)
      ? { capacityEphemeralStorage: raw.capacityEphemeralStorage.filter(typeKept) }
      : {}),
  };
}
