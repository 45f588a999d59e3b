/**
 * `--calibration FILE` (or a scenario's `calibration:` key) for `cc-plan plan|emit|node`: the file is read
 * and validated (one line and exit 2 when bad), and its learned machine types join the catalogs (unpriced).
 * The figures a flag gives explicitly are dropped from it by src/core/calibrate/apply.ts withoutFlagged.
 */
import { calibratedCatalogs, readCalibrationFile } from "../adapters/calibration-file.js";
import type { Catalogs } from "../catalog/lookup.js";
import type { Calibration } from "../core/calibrate/calibration-file.js";
import type { CommandContext } from "./context.js";
import { UsageError } from "./io.js";

export interface Calibrated {
  readonly calibration: Calibration;
  readonly catalogs: Catalogs;
  readonly withPrices: CommandContext["withPrices"];
}

/** Read `path` and return the catalogs and price loader with its learned types. */
export function loadCalibration(ctx: CommandContext, path: string): Calibrated {
  const r = readCalibrationFile(path);
  if (!r.ok) throw new UsageError(r.error.message);
  const dir = ctx.io.env.CC_PLAN_CATALOG_DIR;
  const opts = dir ? { dir } : {};
  const cal = r.value;
  return {
    calibration: cal,
    catalogs: calibratedCatalogs(ctx.catalogs, cal, opts),
    withPrices: (regions) => calibratedCatalogs(ctx.withPrices(regions), cal, opts),
  };
}
