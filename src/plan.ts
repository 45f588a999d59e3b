/**
 * The library's one call: raw input (the CLI's flags as an object, or a scenario's `input`) → the plan
 * document, with the package's catalogs, storage and fee prices and — for several env shapes — the
 * HiGHS solver loaded for you. The CLI runs the same steps (src/cli/commands/plan.ts, through
 * adapters/plan-with-files.ts).
 */
import { loadCatalogs } from "./adapters/catalog-fs.js";
import { planWithFiles } from "./adapters/plan-with-files.js";
import { providers } from "./core/constants.js";
import type { PlanDocument } from "./core/planner/document.js";
import { type RawRequest, resolveRequest } from "./core/planner/request.js";
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
}

/**
 * Plan from raw input, e.g. `await plan({ peak: 60, env: "4cpu16g" })`. Throws {@link PlanInputError} on
 * bad input, with the message the CLI prints for it (exit 2) — also for a reservation expression that
 * fails on a machine type while planning.
 */
export async function plan(input: RawRequest, options: PlanCallOptions = {}): Promise<PlanDocument> {
  // The flags' list options accept one string too in a library call (`provider: "gcp"`).
  const lists = ["provider", "machine", "region", "zones", "storageClass", "clusterTier"] as const;
  const raw: RawRequest = { ...input };
  for (const k of lists) {
    const v = (input as Record<string, unknown>)[k];
    if (typeof v === "string") (raw as Record<string, unknown>)[k] = [v];
    else if (v !== undefined && !Array.isArray(v)) throw new PlanInputError(k, `${k}: expected a string or a list of strings, e.g. ${k}: ["gcp"]`);
  }
  // How old the prices are is measured on `today` (YYYY-MM-DD): the caller's, else the clock (the core reads none).
  if (raw.today === undefined) (raw as Record<string, unknown>).today = new Date().toISOString().slice(0, 10);
  const dir = options.catalogDir;
  const all = providers;
  const specs = loadCatalogs(all, { ...(dir ? { dir } : {}), regions: { gcp: [], azure: [], aws: [] } });
  const req = resolveRequest(raw, specs, options.compile);
  if (!req.ok) throw toError(req.error);
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  try {
    return await planWithFiles(req.value, loadCatalogs(req.value.providers, { ...(dir ? { dir } : {}), regions }), dir);
  } catch (e) {
    if (e instanceof InputRejectedError) throw new PlanInputError(e.field, e.message);
    throw e;
  }
}

const toError = (e: InputError): PlanInputError => new PlanInputError(e.field, e.message);
