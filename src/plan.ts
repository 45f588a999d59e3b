/**
 * The library's one call: raw input (the CLI's flags as an object, or a scenario's `input`) → the plan
 * document, with the package's catalogs, storage and fee prices and — for several env shapes — the
 * HiGHS solver loaded for you. The CLI runs the same steps (src/cli/commands/plan.ts, through
 * adapters/plan-with-files.ts).
 */
import { calibratedCatalogs, readCalibrationFile } from "./adapters/calibration-file.js";
import { loadCatalogs } from "./adapters/catalog-fs.js";
import { planWithFiles } from "./adapters/plan-with-files.js";
import type { Catalogs } from "./catalog/lookup.js";
import { calibrationProviders, withoutFlagged } from "./core/calibrate/apply.js";
import type { Calibration } from "./core/calibrate/calibration-file.js";
import { providers } from "./core/constants.js";
import type { PlanDocument } from "./core/planner/document.js";
import { type ClusterRequest, type RawRequest, resolveRequest } from "./core/planner/request.js";
import { checkRawInput, describeValue } from "./core/raw-check.js";
import type { ExpressionCompiler, InputError } from "./core/resolve-request.js";
import { InputRejectedError } from "./core/resolved.js";

/** Bad input: the field and a one-line message naming the accepted forms. */
export class PlanInputError extends Error {
  override readonly name = "PlanInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PlanCallOptions {
  /** Catalog folder (default: the package's `catalogs/`, or CC_PLAN_CATALOG_DIR). */
  readonly catalogDir?: string;
  /** Compiler for reservation expressions (e.g. `compileExpression` from "cc-plan/expression"). */
  readonly compile?: ExpressionCompiler;
  /**
   * A calibration file written by `cc-plan calibrate --out` (its path), as `--calibration` applies it: its
   * observed capacities, variants, max pods and DaemonSets per machine type, its learned types (planned
   * unpriced), and its providers when the request names none. Fields the request gives explicitly win.
   */
  readonly calibration?: string;
}

/**
 * Plan from raw input, e.g. `await plan({ peak: 60, env: "4cpu16g" })`. Every field's type is checked
 * first (see {@link RawRequest}): a wrong type, an unknown field or a bad value rejects with
 * {@link PlanInputError} (its `field` and a one-line message naming the accepted forms), never a TypeError.
 * A reservation expression that fails on a machine type while planning also rejects with PlanInputError,
 * with the message the CLI prints for it (exit 2).
 */
export async function plan(input: RawRequest, options: PlanCallOptions = {}): Promise<PlanDocument> {
  const { req, priced, dir } = prepare(input, options);
  return planPrepared(req, priced, dir);
}

/**
 * The steps of {@link plan} before planning: the checked input resolved into the request, and the
 * catalogs of its regions loaded (also used by `planCharts`, src/charts.ts).
 * @internal
 */
export function prepare(input: RawRequest, options: PlanCallOptions): { req: ClusterRequest; priced: Catalogs; dir: string | undefined } {
  const checked = checkRawInput(input);
  if (!checked.ok) throw toError(checked.error);
  if (typeof options !== "object" || options === null) throw new PlanInputError("options", `options: expected an object such as { catalogDir: "./catalogs" }`);
  if (options.catalogDir !== undefined && typeof options.catalogDir !== "string")
    throw new PlanInputError("catalogDir", `catalogDir: expected the path of a catalog folder (a string), got ${describeValue(options.catalogDir)}`);
  if (options.calibration !== undefined && (typeof options.calibration !== "string" || options.calibration === ""))
    throw new PlanInputError(
      "calibration",
      `calibration: expected the path of a file written by \`cc-plan calibrate --out\` (a string), got ${describeValue(options.calibration)}`,
    );
  if (options.compile !== undefined && typeof options.compile !== "function")
    throw new PlanInputError(
      "compile",
      `compile: expected a function such as compileExpression from "cc-plan/expression", got ${describeValue(options.compile)}`,
    );
  let raw: RawRequest = { ...checked.value };
  // How old the prices are is measured on `today` (YYYY-MM-DD): the caller's, else the clock (the core reads none).
  if (raw.today === undefined) (raw as Record<string, unknown>).today = new Date().toISOString().slice(0, 10);
  const dir = options.catalogDir;
  const opts = dir ? { dir } : {};
  const all = providers;
  // --calibration, as the CLI applies it (src/cli/calibration.ts, src/cli/commands/plan.ts).
  let cal: Calibration | undefined;
  if (options.calibration !== undefined) {
    const r = readCalibrationFile(options.calibration);
    if (!r.ok) throw new PlanInputError("calibration", r.error.message);
    cal = r.value;
    if (raw.provider === undefined && raw.platform === undefined && raw.machine === undefined) raw = { ...raw, provider: calibrationProviders(cal) };
  }
  const calibrated = (c: Catalogs): Catalogs => (cal ? calibratedCatalogs(c, cal, opts) : c);
  const specs = calibrated(loadCatalogs(all, { ...opts, regions: { gcp: [], azure: [], aws: [] } }));
  const req = resolveRequest(raw, specs, options.compile);
  if (!req.ok) throw toError(req.error);
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  const value = cal ? { ...req.value, calibration: withoutFlagged(cal, raw) } : req.value;
  return { req: value, priced: calibrated(loadCatalogs(req.value.providers, { ...opts, regions })), dir };
}

/** Plan a prepared request; a reservation expression failing while planning is a PlanInputError. @internal */
export async function planPrepared(req: ClusterRequest, priced: Catalogs, dir: string | undefined): Promise<PlanDocument> {
  try {
    return await planWithFiles(req, priced, dir);
  } catch (e) {
    if (e instanceof InputRejectedError) throw new PlanInputError(e.field, e.message);
    throw e;
  }
}

const toError = (e: InputError): PlanInputError => new PlanInputError(e.field, e.message);
