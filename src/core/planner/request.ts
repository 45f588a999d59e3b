/**
 * The one request every plan starts from: a list of env shapes with their counts (one shape is a mix of
 * one), the providers and node-model options, the costing inputs, and the planner's preferences. One
 * resolver serves flags, scenario files and the library: `--peak 60 --env 4cpu16g`, `--env 60x4cpu16g`
 * and a scenario's `envs:` list all become the same {@link ClusterRequest}. Pure.
 */
import type { Catalogs } from "../../catalog/lookup.js";
import { defaultWithinPercent } from "../constants.js";
import { isMixInput, type MixShapeRequest, type RawMixOptions, resolveMixRequest, resolveSearchOptions } from "../mix-request.js";
import { checkRawInput } from "../raw-check.js";

export { defaultWithinPercent };

import type { Costing } from "../resolve-costing.js";
import {
  type ExpressionCompiler,
  type PlanWideRequest,
  planWide,
  type RawPlanInput,
  type Resolved,
  resolveCount,
  resolvePlanRequest,
} from "../resolve-request.js";
import { isIsoDate } from "./price-age.js";

/** One env shape and its demand (name, shape, peak, normal, disk). */
export type ShapeDemand = MixShapeRequest;

/** The planner's preferences (issue 10 §3). */
export interface RawPreferenceInput {
  /** `--within PCT`: percent of the cheapest bill a smaller blast radius may cost. */
  readonly within?: string | number;
  /** `--max-envs-per-node N`: hard cap on envs per node. */
  readonly maxEnvsPerNode?: string | number;
  /** Today's date, `YYYY-MM-DD` (`--today`, or the clock, passed in by the CLI or the library call): how old the prices are. */
  readonly today?: string;
}

/**
 * Raw input of one plan: the CLI's flags as an object (`--max-pods` → `maxPods`), a scenario's `input`,
 * or a library call's argument. Every field is optional (the resolver says which are needed) and its
 * JavaScript type is checked before anything reads it (src/core/raw-check.ts), so a wrong type is one
 * input error naming the field and the accepted forms (from `plan()`: a `PlanInputError`). The types below
 * name the canonical forms; at run time (JavaScript, JSON) the check accepts:
 * - numbers (`peak`, `normal`, `users`, `within`, `minNodes`, `timeLimit`, …): a finite number or a string;
 * - text (`env`, `platform`, `pricing`, `disk`, reservations, `today`): a string;
 * - lists (`provider`, `machine`, `region`, `storageClass`, `clusterTier`): a list of strings, **or one
 *   string for a list of one** (`provider: "gcp"` is `provider: ["gcp"]`; items may hold several
 *   comma-separated values, as the flags do);
 * - `zones`: a zone count (`3` or `"3"`) or zone names (`"us-central1-a,us-central1-b"`, Azure `"1,2,3"`),
 *   or a list of them;
 * - `capacityMemory`, `capacityEphemeralStorage`: `"TYPE=QUANTITY"`, a list of them, or a map of machine
 *   type → quantity (a real node's `status.capacity.memory` / `status.capacity.ephemeral-storage`);
 * - `perZone`: a boolean; `profile`, `standby`, `warmups`, `fixed`, `perNodeFees`, `envs`: their object
 *   types (unknown fields inside them are errors too);
 * - `undefined` means absent; `null`, an unknown field (e.g. `peaks`) or a wrong type is an error.
 */
export type RawRequest = RawPlanInput & RawMixOptions & RawPreferenceInput;

export interface ClusterRequest extends PlanWideRequest {
  readonly shapes: readonly ShapeDemand[];
  readonly costing: Costing;
  /** Fraction (0.02 = 2 %) of the cheapest bill a smaller blast radius may cost. */
  readonly within: number;
  readonly maxEnvsPerNode?: number;
  readonly maxPools?: number;
  /** Seconds of search for the whole plan (shared by the providers) for several shapes (one shape is solved exactly without a solver). */
  readonly timeLimitSeconds: number;
  /** Today's date (`YYYY-MM-DD`), when the caller gave one: the plan says how old its prices are on that day. */
  readonly today?: string;
}

export const withinForms = "a percentage from 0 to 100, e.g. --within 2 (or 2%)";
export const maxEnvsPerNodeForms = "a whole number of envs from 1 to 1000, e.g. --max-envs-per-node 8";

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

/** Resolve raw input (flags, scenario, library) into the one request. */
export function resolveRequest(input: RawRequest, catalogs: Catalogs, compile?: ExpressionCompiler): Resolved<ClusterRequest> {
  // A library call may pass anything: every field's type first (one input error, never a TypeError).
  const checked = checkRawInput(input);
  if (!checked.ok) return checked;
  const raw = checked.value;
  let within = defaultWithinPercent / 100;
  if (raw.within !== undefined) {
    const text = String(raw.within).trim().replace(/%$/, "");
    const v = /^(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!(v >= 0 && v <= 100)) return fail("--within", `--within "${String(raw.within)}": expected ${withinForms}`);
    within = v / 100;
  }
  let maxEnvsPerNode: number | undefined;
  if (raw.maxEnvsPerNode !== undefined) {
    const r = resolveCount("--max-envs-per-node", raw.maxEnvsPerNode, 1, 1000);
    if (!r.ok) return fail("--max-envs-per-node", `--max-envs-per-node "${String(raw.maxEnvsPerNode)}": expected ${maxEnvsPerNodeForms}`);
    maxEnvsPerNode = r.value;
  }
  if (raw.today !== undefined && !isIsoDate(String(raw.today)))
    return fail("--today", `--today "${String(raw.today)}": expected a date YYYY-MM-DD, e.g. --today 2026-12-04`);
  const { within: _w, maxEnvsPerNode: _m, today, ...rest } = raw;
  const prefs = { within, ...(maxEnvsPerNode === undefined ? {} : { maxEnvsPerNode }), ...(today === undefined ? {} : { today: String(today) }) };
  if (isMixInput(rest)) {
    const mix = resolveMixRequest(rest, catalogs, compile);
    if (!mix.ok) return mix;
    // The plan-wide costing inputs, resolved once with the totals.
    const { envs: _e, maxPools: _mp, perZone: _pz, timeLimit: _tl, ...flags } = rest;
    const m = mix.value;
    const first = m.shapes[0];
    const base = resolvePlanRequest(
      { ...flags, env: first?.envText ?? "", peak: m.shapes.reduce((s, x) => s + x.peak, 0), normal: m.shapes.reduce((s, x) => s + x.normal, 0) },
      catalogs,
      compile,
    );
    if (!base.ok) return base;
    const costing = base.value.costing;
    if (!costing) return fail("--env", "internal: no costing inputs");
    return {
      ok: true,
      value: {
        shapes: m.shapes,
        ...planWide(m),
        costing,
        ...prefs,
        ...(m.maxPools === undefined ? {} : { maxPools: m.maxPools }),
        timeLimitSeconds: m.timeLimitSeconds,
      },
    };
  }
  const { envs: _e, maxPools, perZone: _pz, timeLimit, ...one } = rest;
  const r = resolvePlanRequest(one, catalogs, compile);
  if (!r.ok) return r;
  const v = r.value;
  const costing = v.costing;
  if (!costing) return fail("--env", "internal: no costing inputs");
  const search = resolveSearchOptions({ ...(maxPools === undefined ? {} : { maxPools }), ...(timeLimit === undefined ? {} : { timeLimit }) });
  if (!search.ok) return search;
  const { maxPools: pools, timeLimitSeconds } = search.value;
  return {
    ok: true,
    value: {
      shapes: [
        {
          name: v.envText,
          env: v.env,
          envText: v.envText,
          peak: v.peak,
          normal: v.normal,
          ...(costing.diskBytes === undefined ? {} : { diskBytes: costing.diskBytes }),
        },
      ],
      ...planWide(v),
      costing,
      ...prefs,
      ...(pools === undefined ? {} : { maxPools: pools }),
      timeLimitSeconds,
    },
  };
}
