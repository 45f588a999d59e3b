/**
 * `--calibration FILE` (or a scenario's `calibration:` key) for `cc-plan plan|emit|node`: the file is read
 * and validated (one line and exit 2 when bad), its learned machine types join the catalogs (unpriced),
 * and the figures a flag gives explicitly are dropped from it, so flags win over the file as they win
 * over a scenario: --platform or a reservation flag (platform and reserved), --max-pods, --daemonset-overhead,
 * --capacity-memory TYPE=… (that type's capacity).
 */
import { readCalibrationFile, withCalibratedTypes } from "../adapters/calibration-file.js";
import { withSpecs } from "../adapters/catalog-fs.js";
import type { Catalogs } from "../catalog/lookup.js";
import type { Provider } from "../catalog/types.js";
import type { Calibration, TypeCalibration } from "../core/calibrate/calibration-file.js";
import type { RawRequest } from "../core/planner/request.js";
import { reservationFields } from "../core/reservation-rules.js";
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
    catalogs: withCalibratedTypes(withSpecs(ctx.catalogs, opts), cal),
    withPrices: (regions) => withCalibratedTypes(withSpecs(ctx.withPrices(regions), opts), cal),
  };
}

/** The calibration without the figures the request gives explicitly. */
export function withoutFlagged(cal: Calibration, raw: RawRequest): Calibration {
  const capacityTypes = new Set<string>();
  const cm = raw.capacityMemory;
  const items =
    cm === undefined
      ? []
      : typeof cm === "string"
        ? cm.split(",")
        : Array.isArray(cm)
          ? (cm as readonly string[]).flatMap((x) => String(x).split(","))
          : Object.keys(cm);
  for (const it of items) capacityTypes.add((it.split("=")[0] ?? "").trim().toLowerCase());
  const reservation = reservationFields.some(({ key }) => raw[key] !== undefined) || raw.evictionHardMemory !== undefined;
  const types: Record<string, TypeCalibration> = {};
  for (const [name, t] of Object.entries(cal.types)) {
    const { platform, overrides, maxPods, daemonSets, capacityMemoryBytes, ...rest } = t;
    types[name] = {
      ...rest,
      ...(raw.platform !== undefined || reservation
        ? {}
        : { ...(platform === undefined ? {} : { platform }), ...(overrides === undefined ? {} : { overrides }) }),
      ...(raw.maxPods !== undefined || maxPods === undefined ? {} : { maxPods }),
      ...(raw.daemonsetOverhead !== undefined || daemonSets === undefined ? {} : { daemonSets }),
      ...(capacityTypes.has(name.toLowerCase()) || capacityMemoryBytes === undefined ? {} : { capacityMemoryBytes }),
    };
  }
  return { ...cal, types };
}

/** The providers a calibration covers (a plan without --provider, --platform or --machine plans these). */
export function calibrationProviders(cal: Calibration): Provider[] {
  return (["gcp", "azure", "aws"] as const).filter((p) => Object.values(cal.types).some((t) => t.provider === p));
}
