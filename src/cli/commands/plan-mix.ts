/**
 * `cc-plan plan` with several env shapes: adapters (catalogs, storage, the HiGHS solver) → `planMix` →
 * table or JSON. Imported only for a mix, so the one-shape path never loads the solver.
 */
import { loadHighsSolver } from "../../adapters/highs-solver.js";
import { mixPlanExitCode, planMix } from "../../core/mix-plan.js";
import { resolveMixRequest, type RawMixOptions } from "../../core/mix-request.js";
import type { RawPlanInput } from "../../core/resolve-request.js";
import { renderMixJson, renderMixTable } from "../../emit/mix-table.js";
import { UsageError } from "../io.js";
import type { CommandContext } from "../context.js";
import { loadStorage } from "./plan.js";

export async function runMixPlan(ctx: CommandContext, raw: RawPlanInput & RawMixOptions, emit: boolean): Promise<number> {
  if (emit)
    throw new UsageError("--emit: the settings emitters take one env shape in this version; for a mix, the plan lists each pool's min/max nodes (use --json for scripts)");
  const req = resolveMixRequest(raw, ctx.catalogs, ctx.compile);
  if (!req.ok) throw new UsageError(req.error.message);
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  const storage = loadStorage(req.value.providers, ctx.io.env.CC_PLAN_CATALOG_DIR);
  const solver = await loadHighsSolver();
  const plan = planMix(req.value, ctx.withPrices(regions), { solver, pricingData: { storage } });
  ctx.io.stdout(ctx.args.json ? renderMixJson(plan) : renderMixTable(plan, { color: ctx.color }));
  return mixPlanExitCode(plan);
}
