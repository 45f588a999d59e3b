/**
 * A calibration file applied to a request (`--calibration`, scenario `calibration:`, the library's
 * `plan(…, { calibration })`): the figures a request gives explicitly win over the file's, as flags win over
 * a scenario — --platform or a reservation flag (platform and reserved), --max-pods, --daemonset-overhead,
 * --capacity-memory TYPE=… (that type's capacity); a plan that names no provider plans the file's.
 */
import type { Provider } from "../../catalog/types.js";
import type { RawRequest } from "../planner/request.js";
import { reservationFields } from "../reservation-rules.js";
import type { Calibration, TypeCalibration } from "./calibration-file.js";

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
