/** `cc-plan plan` (the default command). */
import { plan, planExitCode } from "../../core/plan.js";
import { resolvePlanRequest } from "../../core/resolve-request.js";
import { renderPlanJson } from "../../emit/json.js";
import { renderPlanTable } from "../../emit/table.js";
import { UsageError } from "../io.js";
import type { CommandContext } from "../main.js";

export function runPlan(ctx: CommandContext): number {
  const req = resolvePlanRequest(ctx.raw, ctx.catalogs, ctx.compile);
  if (!req.ok) throw new UsageError(req.error.message);
  const regions = Object.fromEntries(Object.entries(req.value.regions).map(([k, r]) => [k, [r]]));
  const p = plan(req.value, ctx.withPrices(regions));
  ctx.io.stdout(ctx.args.json ? renderPlanJson(p) : renderPlanTable(p, { color: ctx.color }));
  return planExitCode(p);
}
