/**
 * The one request every plan starts from: a list of env shapes with their counts (one shape is a mix of
 * one), the providers and node-model options, the costing inputs, and the planner's preferences. One
 * resolver serves flags, scenario files and the library: `--peak 60 --env 4cpu16g`, `--env 60x4cpu16g`
 * and a scenario's `envs:` list all become the same {@link ClusterRequest}. Pure.
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { Provider } from "../../catalog/types.js";
import type { DaemonSetOverhead } from "../daemonsets.js";
import { defaultTimeLimitSeconds, defaultWithinPercent } from "../constants.js";
import { resolveMixRequest, isMixInput, type RawMixOptions } from "../mix-request.js";
export { defaultWithinPercent };
import type { ReservationOverrides } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import { resolvePlanRequest, resolveCount, type ExpressionCompiler, type RawPlanInput, type Resolved } from "../resolve-request.js";
import type { Costing } from "../resolve-costing.js";
import type { EnvShape } from "../units/env-shape.js";

/** One env shape and its demand. */
export interface ShapeDemand {
  readonly name: string;
  readonly env: EnvShape;
  readonly envText: string;
  readonly peak: number;
  readonly normal: number;
  /** Persistent disk per env (bytes), from the shape or the plan-wide --disk. */
  readonly diskBytes?: number;
}

/** The planner's preferences (issue 10 §3). */
export interface RawPreferenceInput {
  /** `--within PCT`: percent of the cheapest bill a smaller blast radius may cost. */
  readonly within?: string | number;
  /** `--max-envs-per-node N`: hard cap on envs per node. */
  readonly maxEnvsPerNode?: string | number;
}

export type RawRequest = RawPlanInput & RawMixOptions & RawPreferenceInput;

export interface ClusterRequest {
  readonly shapes: readonly ShapeDemand[];
  readonly providers: readonly Provider[];
  readonly regions: Readonly<Partial<Record<Provider, string>>>;
  readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
  /** Types named with --machine: each gets a one-pool row to compare (the search covers every type anyway). */
  readonly machines: readonly { readonly provider: Provider; readonly name: string }[];
  readonly maxPods?: number;
  readonly daemonSets?: DaemonSetOverhead;
  readonly overrides?: ReservationOverrides;
  readonly costing: Costing;
  /** Fraction (0.02 = 2 %) of the cheapest bill a smaller blast radius may cost. */
  readonly within: number;
  readonly maxEnvsPerNode?: number;
  readonly maxPools?: number;
  /** Seconds of exact search per provider for several shapes (one shape is solved exactly without a solver). */
  readonly timeLimitSeconds: number;
}

export const withinForms = "a percentage from 0 to 100, e.g. --within 2 (or 2%)";
export const maxEnvsPerNodeForms = "a whole number of envs from 1 to 1000, e.g. --max-envs-per-node 8";

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

/** Resolve raw input (flags, scenario, library) into the one request. */
export function resolveRequest(raw: RawRequest, catalogs: Catalogs, compile?: ExpressionCompiler): Resolved<ClusterRequest> {
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
  const { within: _w, maxEnvsPerNode: _m, ...rest } = raw;
  void _w, _m;
  const prefs = { within, ...(maxEnvsPerNode === undefined ? {} : { maxEnvsPerNode }) };
  if (isMixInput(rest)) {
    const mix = resolveMixRequest(rest, catalogs, compile);
    if (!mix.ok) return mix;
    // The plan-wide costing inputs, resolved once with the totals.
    const { envs: _e, maxPools: _mp, perZone: _pz, timeLimit: _tl, ...planWide } = rest;
    void _e, _mp, _pz, _tl;
    const m = mix.value;
    const first = m.shapes[0];
    const base = resolvePlanRequest(
      { ...planWide, env: first?.envText ?? "", peak: m.shapes.reduce((s, x) => s + x.peak, 0), normal: m.shapes.reduce((s, x) => s + x.normal, 0) },
      catalogs,
      compile,
    );
    if (!base.ok) return base;
    const costing = base.value.costing;
    if (!costing) return fail("--env", "internal: no costing inputs");
    return {
      ok: true,
      value: {
        shapes: m.shapes.map((s) => ({ name: s.name, env: s.env, envText: s.envText, peak: s.peak, normal: s.normal, ...(s.diskBytes === undefined ? {} : { diskBytes: s.diskBytes }) })),
        providers: m.providers,
        regions: m.regions,
        platforms: m.platforms,
        machines: m.machines,
        ...(m.maxPods === undefined ? {} : { maxPods: m.maxPods }),
        ...(m.daemonSets === undefined ? {} : { daemonSets: m.daemonSets }),
        ...(m.overrides === undefined ? {} : { overrides: m.overrides }),
        costing,
        ...prefs,
        ...(m.maxPools === undefined ? {} : { maxPools: m.maxPools }),
        timeLimitSeconds: m.timeLimitSeconds,
      },
    };
  }
  const { envs: _e, maxPools, perZone: _pz, timeLimit, ...one } = rest;
  void _e, _pz;
  const r = resolvePlanRequest(one, catalogs, compile);
  if (!r.ok) return r;
  const v = r.value;
  const costing = v.costing;
  if (!costing) return fail("--env", "internal: no costing inputs");
  let pools: number | undefined;
  if (maxPools !== undefined) {
    const p = resolveCount("--max-pools", maxPools, 1, 20);
    if (!p.ok) return fail("--max-pools", `--max-pools "${String(maxPools)}": expected a whole number of node pools from 1 to 20, e.g. --max-pools 2`);
    pools = p.value;
  }
  let timeLimitSeconds = defaultTimeLimitSeconds;
  if (timeLimit !== undefined) {
    const text = String(timeLimit).trim();
    const t = /^(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!(t >= 0 && t <= 600)) return fail("--time-limit", `--time-limit "${text}": expected seconds of solver time per plan, from 0 to 600, e.g. --time-limit 2`);
    timeLimitSeconds = t;
  }
  return {
    ok: true,
    value: {
      shapes: [{ name: v.envText, env: v.env, envText: v.envText, peak: v.peak, normal: v.normal, ...(costing.diskBytes === undefined ? {} : { diskBytes: costing.diskBytes }) }],
      providers: v.providers,
      regions: v.regions,
      platforms: v.platforms,
      machines: v.machines,
      ...(v.maxPods === undefined ? {} : { maxPods: v.maxPods }),
      ...(v.daemonSets === undefined ? {} : { daemonSets: v.daemonSets }),
      ...(v.overrides === undefined ? {} : { overrides: v.overrides }),
      costing,
      ...prefs,
      ...(pools === undefined ? {} : { maxPools: pools }),
      timeLimitSeconds,
    },
  };
}
