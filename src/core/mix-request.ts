/**
 * Several env shapes in one plan (issue 5): raw input → validated {@link MixRequest}. Pure.
 *
 * On the command line each shape is one `--env` with its counts: `[<peak>[/<normal>]x]<shape>[@<disk>]`,
 * e.g. `--env 40x4cpu16g --env 15/5x8cpu32g@200Gi`; in a scenario file, an `envs:` list. The other
 * flags (providers, regions, platforms, reservations, zones, storage classes, pricing) mean what they
 * mean for one shape and are validated by the same resolver.
 */
import type { Catalogs } from "../catalog/lookup.js";
import type { Provider } from "../catalog/types.js";
import { defaultTimeLimitSeconds, maxShapes } from "./constants.js";
import type { PricingOption } from "./cost.js";
import type { DaemonSetOverhead } from "./daemonsets.js";
import type { ReservationOverrides } from "./node-model.js";
import type { PlatformId } from "./overhead/types.js";
import { checkRawInput } from "./raw-check.js";
import type { ZoneSpec } from "./resolve-costing.js";
import { type ExpressionCompiler, maxEnvs, planWide, type RawPlanInput, type Resolved, resolveCount, resolvePlanRequest } from "./resolve-request.js";
import type { Bytes } from "./units/brands.js";
import { type EnvShape, envShapeForms, isEphemeralPart, parseEnvShape } from "./units/env-shape.js";
import { parseMemory, quantityForms } from "./units/quantity.js";

export { defaultTimeLimitSeconds, maxShapes };

/** One shape of a mix, as given. Numbers may arrive as strings (flags) or numbers (YAML). */
export interface RawEnvDemand {
  readonly name?: string;
  readonly env: string;
  readonly peak?: string | number;
  readonly normal?: string | number;
  readonly disk?: string;
}

/** The mix-only knobs. */
export interface RawMixOptions {
  readonly envs?: readonly RawEnvDemand[];
  /** "At most k node pools" (≥ 1). */
  readonly maxPools?: string | number;
  /** Pack each zone's share of the envs on that zone's nodes. */
  readonly perZone?: boolean;
  /** Seconds of MIP time per plan variant. */
  readonly timeLimit?: string | number;
}

export interface MixShapeRequest {
  readonly name: string;
  readonly env: EnvShape;
  readonly envText: string;
  readonly peak: number;
  readonly normal: number;
  /** Persistent disk per env (bytes), from the shape or the plan-wide --disk. */
  readonly diskBytes?: number;
}

export interface MixRequest {
  readonly shapes: readonly MixShapeRequest[];
  readonly providers: readonly Provider[];
  readonly regions: Readonly<Partial<Record<Provider, string>>>;
  readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
  readonly maxPods?: number;
  readonly daemonSets?: DaemonSetOverhead;
  readonly overrides?: ReservationOverrides;
  /** Observed capacity memory (bytes) by machine type (--capacity-memory TYPE=QUANTITY). */
  readonly capacityMemory?: Readonly<Record<string, Bytes>>;
  /** Observed capacity ephemeral storage (bytes) by machine type (--capacity-ephemeral-storage TYPE=QUANTITY). */
  readonly capacityEphemeralStorage?: Readonly<Record<string, Bytes>>;
  /** Machine types named with --machine: the mix is planned on these only (per provider that has any). */
  readonly machines: readonly { readonly provider: Provider; readonly name: string }[];
  /** The plan also shows the best plan with at most this many pools (--max-pools). @defaultValue none */
  readonly maxPools?: number;
  readonly perZone: boolean;
  readonly zones: Readonly<Partial<Record<Provider, ZoneSpec>>>;
  readonly pricing: PricingOption;
  readonly storageClasses: Readonly<Partial<Record<Provider, string>>>;
  readonly timeLimitSeconds: number;
  /** Developers the per-developer cost divides by (--users), else one per peak env. */
  readonly developers: number;
}

/** Accepted forms of one --env in a mix, shown in every error about one. */
export const mixEnvForms = `<peak>[/<normal>]x<shape>[@<disk>][@eph=<size>], e.g. 40x4cpu16g, 15/5x8cpu32g, 5x16cpu64g@200Gi or 30x4cpu16g@eph=30Gi, where <shape> is ${envShapeForms}`;

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

/** `--max-pools` (1–20) and `--time-limit` (0–600 s, default {@link defaultTimeLimitSeconds}), for one shape or several. */
export function resolveSearchOptions(raw: Pick<RawMixOptions, "maxPools" | "timeLimit">): Resolved<{ maxPools?: number; timeLimitSeconds: number }> {
  let maxPools: number | undefined;
  if (raw.maxPools !== undefined) {
    const r = resolveCount("--max-pools", raw.maxPools, 1, 20);
    if (!r.ok) return fail("--max-pools", `--max-pools "${String(raw.maxPools)}": expected a whole number of node pools from 1 to 20, e.g. --max-pools 2`);
    maxPools = r.value;
  }
  let timeLimitSeconds = defaultTimeLimitSeconds;
  if (raw.timeLimit !== undefined) {
    const text = String(raw.timeLimit).trim();
    const v = /^(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!(v >= 0 && v <= 600))
      return fail("--time-limit", `--time-limit "${text}": expected seconds of solver time per plan, from 0 to 600, e.g. --time-limit 2`);
    timeLimitSeconds = v;
  }
  return { ok: true, value: { ...(maxPools === undefined ? {} : { maxPools }), timeLimitSeconds } };
}

/** Split one `--env` value into its counts, shape and disk (no validation of the parts). */
export function splitEnvFlag(text: string): RawEnvDemand {
  const t = text.trim();
  const m = /^(\d+)(?:\/(\d+))?x(.+)$/i.exec(t);
  const rest = m ? (m[3] ?? "") : t;
  // `@` parts after the shape: `eph=<size>` (ephemeral storage, issue 16) stays with the shape, which
  // parses it; any other part is the persistent disk (`@200Gi`, the last one as before).
  const [shape = "", ...parts] = rest.split("@");
  const eph = parts.filter(isEphemeralPart);
  const disks = parts.filter((p) => !isEphemeralPart(p));
  const env = [shape, ...eph].join("@");
  return {
    env,
    ...(m ? { peak: m[1] ?? "" } : {}),
    ...(m?.[2] !== undefined ? { normal: m[2] } : {}),
    ...(disks.length > 0 ? { disk: disks.join("@") } : {}),
  };
}

/** Whether the input asks for a mix: an `envs` list (the CLI turns several --env, or one with counts and --peak, into one). */
export function isMixInput(raw: RawPlanInput & RawMixOptions): boolean {
  return raw.envs !== undefined && raw.envs.length > 0;
}

/** Resolve a mix against the catalogs. The plan-wide flags go through {@link resolvePlanRequest}. */
export function resolveMixRequest(input: RawPlanInput & RawMixOptions, catalogs: Catalogs, compile?: ExpressionCompiler): Resolved<MixRequest> {
  const checked = checkRawInput(input);
  if (!checked.ok) return checked;
  const raw = checked.value;
  const envs = raw.envs ?? [];
  if (envs.length === 0) return fail("--env", `--env is required: ${mixEnvForms}`);
  if (envs.length > maxShapes) return fail("--env", `--env given ${envs.length} times; at most ${maxShapes} shapes per plan`);
  if (raw.peak !== undefined) return fail("--peak", `--peak applies to one env shape; with several, give each its count: --env ${mixEnvForms}`);
  if (raw.normal !== undefined) return fail("--normal", `--normal applies to one env shape; with several, give each its normal: --env 40/25x4cpu16g`);
  // An hourly profile and standby pools give total concurrent envs; the planner shares them out over the
  // shapes in proportion to their peaks (planner/levels.ts). Warm-ups name one env shape and
  // --concurrency derives one peak, so they stay one-shape inputs.
  if (raw.warmups !== undefined || raw.concurrency !== undefined)
    return fail("--env", "warm-ups and --concurrency apply to one env shape in this version; with several shapes give each its peak and normal");
  const shapes: MixShapeRequest[] = [];
  let diskDefault: number | undefined;
  if (raw.disk !== undefined) {
    const d = parseMemory(raw.disk);
    if (!d.ok || d.value === 0) return fail("--disk", `--disk "${raw.disk}": expected a size such as 100Gi (${quantityForms})`);
    diskDefault = d.value;
  }
  for (const [i, e] of envs.entries()) {
    const field = raw.envs === undefined ? "--env" : `envs[${i}]`;
    const shown = `${e.peak ?? ""}${e.normal !== undefined ? `/${e.normal}` : ""}${e.peak !== undefined ? "x" : ""}${e.env}${e.disk !== undefined ? `@${e.disk}` : ""}`;
    const shape = parseEnvShape(e.env);
    if (!shape.ok) return fail(field, `--env "${shown}": ${shape.reason}; expected ${mixEnvForms}`);
    if (e.peak === undefined)
      return fail(field, `--env "${shown}": with several env shapes give each its peak count, e.g. 40x${e.env.trim()}; expected ${mixEnvForms}`);
    const peak = resolveCount(field, e.peak, 1, maxEnvs);
    if (!peak.ok) return fail(field, `--env "${shown}": peak must be a whole number from 1 to ${maxEnvs}; expected ${mixEnvForms}`);
    let normal = peak.value;
    if (e.normal !== undefined) {
      const n = resolveCount(field, e.normal, 0, maxEnvs);
      if (!n.ok || n.value > peak.value)
        return fail(field, `--env "${shown}": normal must be a whole number from 0 to the peak (${peak.value}); expected ${mixEnvForms}`);
      normal = n.value;
    }
    let diskBytes = diskDefault;
    if (e.disk !== undefined) {
      const d = parseMemory(e.disk);
      if (!d.ok || d.value === 0)
        return fail(field, `--env "${shown}": disk "${e.disk}" is not a size such as 100Gi (${quantityForms}); expected ${mixEnvForms}`);
      diskBytes = d.value;
    }
    const name = (e.name ?? e.env).trim();
    const same = shapes.find(
      (s) =>
        s.name === name ||
        (s.env.cpuMillicores === shape.value.cpuMillicores &&
          s.env.memoryBytes === shape.value.memoryBytes &&
          s.env.ephemeralStorageBytes === shape.value.ephemeralStorageBytes &&
          s.diskBytes === diskBytes),
    );
    if (same)
      return fail(
        field,
        `--env "${shown}": ${same.name === name ? `the name ${name}` : `the shape ${e.env.trim()}`} is given twice (as ${same.envText}); give each shape once with its total count`,
      );
    shapes.push({ name, env: shape.value, envText: e.env.trim(), peak: peak.value, normal, ...(diskBytes === undefined ? {} : { diskBytes }) });
  }
  const total = shapes.reduce((s, x) => s + x.peak, 0);
  if (total > maxEnvs) return fail("--env", `--env: ${total} envs at peak in all; at most ${maxEnvs}`);
  const search = resolveSearchOptions(raw);
  if (!search.ok) return search;
  const { maxPools, timeLimitSeconds } = search.value;
  // Everything else: the single-shape resolver, fed the first shape and the totals.
  const first = shapes[0] as MixShapeRequest;
  const { envs: _envs, maxPools: _mp, perZone: _pz, timeLimit: _tl, ...rest } = raw;
  const base = resolvePlanRequest({ ...rest, env: first.envText, peak: total, normal: shapes.reduce((s, x) => s + x.normal, 0) }, catalogs, compile);
  if (!base.ok) return base;
  const b = base.value;
  const costing = b.costing;
  if (costing === undefined) return fail("--env", "internal: no costing inputs");
  return {
    ok: true,
    value: {
      shapes,
      ...planWide(b),
      ...(maxPools === undefined ? {} : { maxPools }),
      perZone: raw.perZone === true,
      zones: costing.zones,
      pricing: costing.pricing,
      storageClasses: costing.storageClasses,
      timeLimitSeconds,
      developers: costing.users ?? total,
    },
  };
}
