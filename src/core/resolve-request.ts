/**
 * Raw user input (CLI flags, library call, later YAML/CSV) → validated {@link PlanRequest}.
 * Pure. Every rejection names the field and the accepted forms in one line.
 */
import type { Catalogs } from "../catalog/lookup.js";
import type { CatalogMachineType, Provider } from "../catalog/types.js";
import type { Calibration } from "./calibrate/calibration-file.js";
import type { DaemonSetOverhead } from "./daemonsets.js";
import { minutesPerWeek, seriesMax, seriesSum, weeklyDemand } from "./demand.js";
import type { RawDemandAndCostInput } from "./demand-types.js";
import type { Amount, ExpressionVars, NodeModelOptions, ReservationOverrides } from "./node-model.js";
import { type PlatformId, platformIds } from "./overhead/types.js";
import { defaultPlatform, platforms } from "./platform.js";
import { checkRawInput } from "./raw-check.js";
import { expressionForms, looksLikeExpression, type ReservationField, type ReservationUnit, reservationFields, shownExpression } from "./reservation-rules.js";
import { type Costing, resolveCosting } from "./resolve-costing.js";
import type { Bytes, Millicores } from "./units/brands.js";
import type { EnvShape } from "./units/env-shape.js";
import { envShapeForms, parseEnvShape } from "./units/env-shape.js";
import { type ParseResult, parseCount, parseCpu, parseMemory, quantityForms } from "./units/quantity.js";

/** Raw input; numbers may arrive as strings (flags) or numbers (library, YAML). */
export interface RawPlanInput extends RawDemandAndCostInput {
  readonly peak?: string | number;
  readonly normal?: string | number;
  readonly env?: string;
  readonly provider?: readonly string[];
  readonly platform?: string;
  readonly machine?: readonly string[];
  readonly region?: readonly string[];
  readonly maxPods?: string | number;
  readonly daemonsetOverhead?: string;
  readonly kubeReservedCpu?: string;
  readonly kubeReservedMemory?: string;
  readonly systemReservedCpu?: string;
  readonly systemReservedMemory?: string;
  readonly evictionHardMemory?: string;
  /**
   * Observed `status.capacity.memory` per machine type: `TYPE=QUANTITY` items (each flag value may hold
   * several, comma-separated) or, from the library, one such string or a map of type → quantity.
   */
  readonly capacityMemory?: string | readonly string[] | Readonly<Record<string, string>>;
  /**
   * Observed `status.capacity.ephemeral-storage` per machine type (issue 16), in the same forms as
   * `capacityMemory`: `TYPE=QUANTITY` items, one such string, or a map of type → quantity.
   */
  readonly capacityEphemeralStorage?: string | readonly string[] | Readonly<Record<string, string>>;
  /**
   * What messages call the reservation fields, when not their flags: a scenario's input names its keys
   * (`scenario team.yaml line 9: node.kubeReserved.cpu`). @defaultValue the flags, e.g. --kube-reserved-cpu
   */
  readonly fieldNames?: Readonly<Partial<Record<ReservationField, string>>>;
}

/** What every request resolves besides its env shapes: providers, regions, platforms, named machines, node-model inputs. */
export interface PlanWideRequest {
  readonly providers: readonly Provider[];
  readonly regions: Readonly<Partial<Record<Provider, string>>>;
  readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
  /** Machine types the user named, with their provider. */
  readonly machines: readonly { readonly provider: Provider; readonly name: string }[];
  readonly maxPods?: number;
  readonly daemonSets?: DaemonSetOverhead;
  readonly overrides?: ReservationOverrides;
  /** Observed capacity memory (bytes) by machine type name (as the catalog spells it): used instead of the estimate. */
  readonly capacityMemory?: Readonly<Record<string, Bytes>>;
  /** Observed capacity ephemeral storage (bytes) by machine type name: used instead of the estimate from the disk. */
  readonly capacityEphemeralStorage?: Readonly<Record<string, Bytes>>;
  /**
   * Per machine type figures from a calibration file (`--calibration`, src/core/calibrate/): capacity memory,
   * platform variant, max pods, DaemonSet overhead. They replace the plan-wide defaults for that type; the
   * CLI drops those a flag gives explicitly.
   */
  readonly calibration?: Calibration;
}

/** The plan-wide fields of a resolved request, copied without undefined keys. */
export const planWide = (v: PlanWideRequest): PlanWideRequest => ({
  providers: v.providers,
  regions: v.regions,
  platforms: v.platforms,
  machines: v.machines,
  ...(v.maxPods === undefined ? {} : { maxPods: v.maxPods }),
  ...(v.daemonSets === undefined ? {} : { daemonSets: v.daemonSets }),
  ...(v.overrides === undefined ? {} : { overrides: v.overrides }),
  ...(v.capacityMemory === undefined ? {} : { capacityMemory: v.capacityMemory }),
  ...(v.capacityEphemeralStorage === undefined ? {} : { capacityEphemeralStorage: v.capacityEphemeralStorage }),
  ...(v.calibration === undefined ? {} : { calibration: v.calibration }),
});

/**
 * The node-model options a request's observed values give one machine type: its `status.capacity.memory`
 * (--capacity-memory) and `status.capacity.ephemeral-storage` (--capacity-ephemeral-storage), each only
 * when given for that type. Every place that models a node of the plan uses this, so they agree.
 */
export function observedOptions(
  req: Pick<PlanWideRequest, "capacityMemory" | "capacityEphemeralStorage">,
  machineType: string,
): Pick<NodeModelOptions, "capacityMemoryBytes" | "capacityEphemeralStorageBytes"> {
  const memory = req.capacityMemory?.[machineType];
  const ephemeral = req.capacityEphemeralStorage?.[machineType];
  return {
    ...(memory === undefined ? {} : { capacityMemoryBytes: memory }),
    ...(ephemeral === undefined ? {} : { capacityEphemeralStorageBytes: ephemeral }),
  };
}

/** One env shape's request as resolved from flags (the planner's request is built from it: planner/request.ts). */
export interface PlanRequest extends PlanWideRequest {
  readonly peak: number;
  readonly normal: number;
  readonly env: EnvShape;
  readonly envText: string;
  /** Demand over time, disks, pricing, zones, autoscaler knobs and fees. */
  readonly costing?: Costing;
}

import { defaultProviders, defaultRegion, maxEnvs, providers } from "./constants.js";
import type { InputError, Resolved } from "./resolved.js";

export type { InputError, Resolved };
export { defaultProviders, defaultRegion, maxEnvs, providers };

/** Compiles a reservation expression; injected so the core never loads mathjs itself. */
export type ExpressionCompiler = (text: string) => ParseResult<(vars: ExpressionVars) => number>;

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

/** Parse a count of environments. */
export function resolveCount(field: string, raw: string | number, min: number, max: number): Resolved<number> {
  const text = typeof raw === "number" || typeof raw === "string" ? String(raw) : (JSON.stringify(raw) ?? String(raw));
  const r = parseCount(text);
  const expected = `expected a whole number from ${min} to ${max}, e.g. ${field} 60`;
  if (!r.ok) return fail(field, `${field} "${text}": ${expected}`);
  if (r.value < min || r.value > max) return fail(field, `${field} ${text}: ${expected}`);
  return { ok: true, value: r.value };
}

/** `--daemonset-overhead cpu=400m,memory=700Mi,pods=9` (any subset; missing parts are 0) or `none`. */
export function resolveDaemonSets(raw: string): Resolved<DaemonSetOverhead> {
  const forms = `expected cpu=<quantity>,memory=<quantity>,pods=<n> (any subset), e.g. cpu=400m,memory=700Mi,pods=9, or none`;
  const bad = fail<DaemonSetOverhead>("--daemonset-overhead", `--daemonset-overhead "${String(raw)}": ${forms}`);
  if (typeof raw !== "string") return bad;
  const t = raw.trim();
  if (t === "none" || t === "0")
    return { ok: true, value: { cpuMillicores: 0 as Millicores, memoryBytes: 0 as Bytes, pods: 0, source: "given (--daemonset-overhead none)" } };
  let cpu = 0 as Millicores;
  let mem = 0 as Bytes;
  let pods = 0;
  const seen = new Set<string>();
  for (const part of t.split(",")) {
    const [k = "", v = "", ...rest] = part.split("=").map((s) => s.trim());
    if (rest.length > 0 || seen.has(k)) return bad;
    seen.add(k);
    if (k === "cpu") {
      const r = parseCpu(v);
      if (!r.ok) return bad;
      cpu = r.value;
    } else if (k === "memory") {
      const r = parseMemory(v);
      if (!r.ok) return bad;
      mem = r.value;
    } else if (k === "pods") {
      const r = parseCount(v);
      if (!r.ok) return bad;
      pods = r.value;
    } else return bad;
  }
  return { ok: true, value: { cpuMillicores: cpu, memoryBytes: mem, pods, source: "given (--daemonset-overhead)" } };
}

function resolveAmount<T extends number>(
  key: ReservationField,
  raw: RawPlanInput,
  parse: (t: string) => ParseResult<T>,
  compile: ExpressionCompiler | undefined,
): Resolved<Amount<T> | undefined> {
  const value = raw[key];
  if (value === undefined) return { ok: true, value: undefined };
  const spec = reservationFields.find((f) => f.key === key) as (typeof reservationFields)[number];
  const field = raw.fieldNames?.[key] ?? spec.flag;
  const unit: ReservationUnit = spec.unit;
  const text = String(value);
  const q = parse(text);
  if (q.ok) return { ok: true, value: { kind: "fixed", value: q.value } };
  if (looksLikeExpression(text)) {
    if (!compile)
      return fail(
        field,
        `${field} ${shownExpression(text)} is an expression, but no expression compiler was given: pass { compile: compileExpression } from "cc-plan/expression"; expected ${expressionForms(unit)}`,
      );
    const c = compile(text);
    if (c.ok) return { ok: true, value: { kind: "expression", text, evaluate: c.value, field } };
    return fail(field, `${field} ${shownExpression(text)}: ${c.reason}; expected ${expressionForms(unit)}`);
  }
  return fail(field, `${field} ${shownExpression(text)}: expected ${quantityForms}, or ${expressionForms(unit)}, e.g. "11 * maxPods + 255"`);
}

/** Whether a reservation field holds an expression, so the expression compiler (mathjs) is needed. */
export function needsExpressionCompiler(raw: RawPlanInput): boolean {
  return reservationFields.some(({ key, unit }) => {
    const v = raw[key];
    return typeof v === "string" && !(unit === "MiB" ? parseMemory(v) : parseCpu(v)).ok && looksLikeExpression(v);
  });
}

/** A machine type by exact name (case-insensitive) in the loaded catalogs' facts. */
function machineNamed(catalogs: Catalogs, name: string): { provider: Provider; machine: CatalogMachineType } | undefined {
  const lower = name.toLowerCase();
  for (const provider of providers) {
    const m = catalogs[provider]?.machineTypes.find((x) => x.name.toLowerCase() === lower);
    if (m) return { provider, machine: m };
  }
  return undefined;
}

/** Resolve raw input against the loaded catalogs. */
export function resolvePlanRequest(input: RawPlanInput, catalogs: Catalogs, compile?: ExpressionCompiler): Resolved<PlanRequest> {
  const checked = checkRawInput(input);
  if (!checked.ok) return checked;
  const raw = checked.value;
  if (raw.peak === undefined && raw.users === undefined && raw.profile === undefined)
    return fail(
      "--peak",
      "--peak is required: the peak number of concurrent environments, e.g. --peak 60 (or --users with --envs-per-user, or a scenario profile)",
    );
  if (raw.peak !== undefined) {
    const p = resolveCount("--peak", raw.peak, 1, maxEnvs);
    if (!p.ok) return p;
  }
  if (raw.normal !== undefined) {
    const n = resolveCount("--normal", raw.normal, 0, maxEnvs);
    if (!n.ok) return n;
  }
  if (raw.env === undefined) return fail("--env", `--env is required: ${envShapeForms}`);
  const env = parseEnvShape(raw.env);
  if (!env.ok) return fail("--env", `--env ${env.reason}`);

  let platformId: PlatformId | undefined;
  if (raw.platform !== undefined) {
    if (!(platformIds as readonly string[]).includes(raw.platform))
      return fail("--platform", `--platform "${raw.platform}": expected one of ${platformIds.join(", ")}`);
    platformId = raw.platform as PlatformId;
  }
  // Providers: explicit, else implied by a provider-specific platform or named machines, else GKE + AKS.
  let chosen: Provider[] = [];
  for (const p of raw.provider ?? []) {
    for (const part of p.split(",")) {
      const t = part.trim();
      if (!(providers as readonly string[]).includes(t)) return fail("--provider", `--provider "${t}": expected one of ${providers.join(", ")}`);
      if (!chosen.includes(t as Provider)) chosen.push(t as Provider);
    }
  }
  const machines: { provider: Provider; name: string }[] = [];
  for (const m of (raw.machine ?? [])
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter(Boolean)) {
    const found = machineNamed(catalogs, m);
    if (!found)
      return fail(
        "--machine",
        `--machine "${m}": unknown machine type; expected a name from \`cc-plan catalog list\`, e.g. n2-standard-32 or Standard_D64s_v3`,
      );
    if (!machines.some((x) => x.name === found.machine.name)) machines.push({ provider: found.provider, name: found.machine.name });
  }
  if (chosen.length === 0) {
    if (platformId && platforms[platformId].providers.length === 1) chosen = [...platforms[platformId].providers];
    else if (machines.length > 0) chosen = providers.filter((p) => machines.some((m) => m.provider === p));
    else chosen = [...defaultProviders];
  }
  for (const m of machines)
    if (!chosen.includes(m.provider))
      return fail("--machine", `--machine "${m.name}" is ${m.provider === "gcp" ? "a" : "an"} ${m.provider} type but --provider is ${chosen.join(",")}`);
  const platformsBy: Partial<Record<Provider, PlatformId>> = {};
  for (const p of chosen) {
    const id = platformId ?? defaultPlatform[p];
    if (!platforms[id].providers.includes(p))
      return fail("--platform", `--platform ${id} runs on ${platforms[id].providers.join(", ")}, not ${p}; for ${p} use ${defaultPlatform[p]}, flat or custom`);
    platformsBy[p] = id;
  }
  const regions: Partial<Record<Provider, string>> = {};
  for (const r of (raw.region ?? [])
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter(Boolean)) {
    const owner = chosen.find((p) => {
      const c = catalogs[p];
      return c?.regions.includes(r);
    });
    if (!owner) {
      const examples = chosen.map((p) => defaultRegion[p]).join(", ");
      return fail("--region", `--region "${r}": unknown region for ${chosen.join(", ")}; expected a region from \`cc-plan catalog regions\`, e.g. ${examples}`);
    }
    if (regions[owner] !== undefined) return fail("--region", `--region: two regions given for ${owner} (${regions[owner]}, ${r}); give one per provider`);
    regions[owner] = r;
  }
  for (const p of chosen) regions[p] ??= defaultRegion[p];

  const node = resolveNodeInputs(raw, compile);
  if (!node.ok) return node;
  const { maxPods, daemonSets } = node.value;
  const capacity = resolveCapacityMemory(raw.capacityMemory, catalogs, { providers: chosen });
  if (!capacity.ok) return capacity;
  const ephemeralCapacity = resolveCapacityEphemeralStorage(raw.capacityEphemeralStorage, catalogs, { providers: chosen });
  if (!ephemeralCapacity.ok) return ephemeralCapacity;
  const overrides = { value: node.value.overrides };
  const costing = resolveCosting(raw, chosen, catalogs, env.value);
  if (!costing.ok) return costing;
  // Peak: given; else the profile's busiest minute; else users × envs per user × concurrency (rounded up).
  let concurrency = 1;
  if (raw.concurrency !== undefined) {
    const text = String(raw.concurrency).trim();
    const c = /^(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!(c > 0 && c <= 1))
      return fail("--concurrency", `--concurrency "${text}": expected a share of existing envs running at peak, greater than 0 and at most 1, e.g. 0.8`);
    concurrency = c;
  }
  // The profile alone (standby pools and warm-ups are added on top by the plan, which raises the peak if they exceed it).
  const series = costing.value.profile ? weeklyDemand({ peak: 0, normal: 0, profile: costing.value.profile, standby: [], warmups: [] }) : undefined;
  // An hourly profile says how many envs run when, so it wins over users × envs per user × concurrency.
  let peakValue: number;
  if (raw.peak !== undefined) peakValue = Number(raw.peak);
  else if (series) peakValue = seriesMax(series);
  else if (costing.value.users !== undefined) {
    // Round the product once at the end (spreadsheet-style: 15 significant digits before CEILING).
    peakValue = Math.ceil(Number((costing.value.users * (costing.value.envsPerUser ?? 1) * concurrency).toPrecision(15)));
  } else peakValue = 0;
  if (peakValue < 1) return fail("--peak", `--peak: the demand gives a peak of ${peakValue} envs; expected at least 1`);
  // issue 12: --users 1000000 --envs-per-user 1000 gave a peak of 10⁹ envs, and the plan never ended.
  if (peakValue > maxEnvs)
    return fail(
      "--peak",
      `--peak: the demand gives a peak of ${peakValue} envs (${raw.users !== undefined && series === undefined ? "--users × --envs-per-user × --concurrency" : "the profile's busiest hour"}); expected at most ${maxEnvs}`,
    );
  let normalValue: number;
  if (raw.normal !== undefined) normalValue = Number(raw.normal);
  else if (costing.value.profile && series)
    normalValue = Math.ceil(seriesSum(series) / minutesPerWeek); // the profile's average
  else normalValue = peakValue;
  if (normalValue > peakValue) return fail("--normal", `--normal ${normalValue} exceeds --peak ${peakValue}: normal concurrency must be ≤ peak`);
  return {
    ok: true,
    value: {
      peak: peakValue,
      normal: normalValue,
      costing: costing.value,
      env: env.value,
      envText: raw.env.trim(),
      providers: chosen,
      regions,
      platforms: platformsBy,
      machines,
      ...(maxPods === undefined ? {} : { maxPods }),
      ...(daemonSets === undefined ? {} : { daemonSets }),
      ...(overrides.value === undefined ? {} : { overrides: overrides.value }),
      ...(capacity.value === undefined ? {} : { capacityMemory: capacity.value }),
      ...(ephemeralCapacity.value === undefined ? {} : { capacityEphemeralStorage: ephemeralCapacity.value }),
    },
  };
}

/** Accepted forms of `--capacity-memory`, shown in every error about it. */
export const capacityMemoryForms =
  "TYPE=QUANTITY with the status.capacity.memory of a real node of that type, e.g. --capacity-memory n2-standard-16=65851908Ki (repeat it, or separate items with commas)";

/** Accepted forms of `--capacity-ephemeral-storage` in a plan, shown in every error about it. */
export const capacityEphemeralStorageForms =
  "TYPE=QUANTITY with the status.capacity.ephemeral-storage of a real node of that type, e.g. --capacity-ephemeral-storage n2-standard-8=98831908Ki (repeat it, or separate items with commas)";

/** A node status field observed per machine type: its flag, its wording, and the values it accepts. */
interface ObservedCapacityField {
  /** The flag, as messages name it: `--capacity-memory`. */
  readonly field: string;
  /** The `status.capacity` key it is, for messages: `status.capacity.memory`. */
  readonly status: string;
  /** Forms in a plan (every machine type searched, so TYPE=QUANTITY only). */
  readonly planForms: string;
  /** An example value for `cc-plan node <type>`: `16380004Ki`. */
  readonly nodeExample: string;
  /** Why a parsed value is refused for this type (beyond a bad quantity), or undefined when it is accepted. */
  readonly refuse: (bytes: number, quantity: string, machine: CatalogMachineType) => string | undefined;
}

const capacityMemoryField: ObservedCapacityField = {
  field: "--capacity-memory",
  status: "status.capacity.memory",
  planForms: capacityMemoryForms,
  nodeExample: "16380004Ki",
  // Above 0 and below the type's nominal memory: the kernel always keeps some (docs/node-overhead.md §1.1).
  refuse: (bytes, quantity, m) =>
    bytes === 0 || bytes >= m.memoryMiB * 1024 * 1024
      ? `${quantity} is not above 0 and below ${m.name}'s nominal ${m.memoryMiB / 1024} GiB (a node's status.capacity.memory is a little below the VM size)`
      : undefined,
};

const capacityEphemeralStorageField: ObservedCapacityField = {
  field: "--capacity-ephemeral-storage",
  status: "status.capacity.ephemeral-storage",
  planForms: capacityEphemeralStorageForms,
  nodeExample: "98831908Ki",
  // The filesystem's size depends on the disk each pool is given (--boot-disk), not on the type, so there is no
  // per-type bound; 64 TiB is the largest boot disk (65536 GiB, src/core/ephemeral.ts parseBootDisk), and the
  // sizing workbook's eviction steps are exact below it (src/emit/xlsx/model.ts evictionSteps).
  refuse: (bytes, quantity) =>
    bytes === 0
      ? `${quantity} must be above 0 (the size of the node's filesystem for pods' local storage)`
      : bytes >= 2 ** 46
        ? `${quantity} must be below 64 TiB, the largest boot disk`
        : undefined,
};

/**
 * Observed capacity memory per machine type (`--capacity-memory TYPE=QUANTITY`, repeatable). A bare
 * quantity names no type, so a plan (which searches every type) refuses it; `cc-plan node <type>` passes
 * its type as `nodeType` and accepts a bare quantity or `<type>=QUANTITY`. The value must be above 0 and
 * below the type's nominal memory (the kernel always keeps some: docs/node-overhead.md §1.1).
 * @returns bytes by machine type as the catalog spells it; undefined when none is given
 */
export function resolveCapacityMemory(
  raw: RawPlanInput["capacityMemory"],
  catalogs: Catalogs,
  scope: { readonly providers: readonly Provider[]; readonly nodeType?: string },
): Resolved<Readonly<Record<string, Bytes>> | undefined> {
  return resolveObservedCapacity(raw, catalogs, scope, capacityMemoryField);
}

/**
 * Observed capacity ephemeral storage per machine type (`--capacity-ephemeral-storage TYPE=QUANTITY`,
 * repeatable; issue 16): the same forms and rules as {@link resolveCapacityMemory}, with a value above 0.
 * It replaces the estimate from the disk (src/core/ephemeral.ts); the reservations still follow the pool's
 * boot disk, so give --boot-disk with the size the observed node had when it is not the default.
 * @returns bytes by machine type as the catalog spells it; undefined when none is given
 */
export function resolveCapacityEphemeralStorage(
  raw: RawPlanInput["capacityEphemeralStorage"],
  catalogs: Catalogs,
  scope: { readonly providers: readonly Provider[]; readonly nodeType?: string },
): Resolved<Readonly<Record<string, Bytes>> | undefined> {
  return resolveObservedCapacity(raw, catalogs, scope, capacityEphemeralStorageField);
}

/** One observed node status field per machine type: `TYPE=QUANTITY` items (see {@link resolveCapacityMemory}). */
function resolveObservedCapacity(
  raw: string | readonly string[] | Readonly<Record<string, string>> | undefined,
  catalogs: Catalogs,
  scope: { readonly providers: readonly Provider[]; readonly nodeType?: string },
  spec: ObservedCapacityField,
): Resolved<Readonly<Record<string, Bytes>> | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  // Flags give a list; a library call may give one string or a map of type → quantity.
  const items =
    typeof raw === "string"
      ? raw.split(",")
      : Array.isArray(raw)
        ? (raw as readonly string[]).flatMap((x) => String(x).split(","))
        : Object.entries(raw as Readonly<Record<string, string>>).map(([k, v]) => `${k}=${String(v)}`);
  const { field } = spec;
  const forms =
    scope.nodeType === undefined
      ? spec.planForms
      : `a quantity or ${scope.nodeType}=QUANTITY: the ${spec.status} of a real ${scope.nodeType} node, e.g. ${spec.nodeExample}`;
  const out: Record<string, Bytes> = {};
  const given: Record<string, string> = {};
  for (const item of items.map((x) => x.trim()).filter(Boolean)) {
    const eq = item.indexOf("=");
    if (eq < 0 && scope.nodeType === undefined)
      return fail(field, `${field} "${item}": a plan searches every machine type, so name the one this node was: expected ${spec.planForms}`);
    const name = eq < 0 ? (scope.nodeType as string) : item.slice(0, eq).trim();
    const quantity = eq < 0 ? item : item.slice(eq + 1).trim();
    const found = machineNamed(catalogs, name);
    if (!found) return fail(field, `${field} "${item}": unknown machine type "${name}"; expected ${forms}, with a type from \`cc-plan catalog list\``);
    const type = found.machine.name;
    if (scope.nodeType !== undefined && type.toLowerCase() !== scope.nodeType.toLowerCase())
      return fail(field, `${field} "${item}": names ${type}, but this node is ${scope.nodeType}; expected ${forms}`);
    if (!scope.providers.includes(found.provider))
      return fail(
        field,
        `${field} "${item}": ${type} is ${found.provider === "gcp" ? "a" : "an"} ${found.provider} type but the plan covers ${scope.providers.join(", ")}; add --provider ${found.provider} or leave it out`,
      );
    const q = parseMemory(quantity);
    if (!q.ok) return fail(field, `${field} "${item}": ${q.reason}; expected ${forms}`);
    const refused = spec.refuse(q.value, quantity, found.machine);
    if (refused !== undefined) return fail(field, `${field} "${item}": ${refused}; expected ${forms}`);
    if (given[type] !== undefined) return fail(field, `${field}: ${type} given twice (${given[type]}, ${quantity}); give one value per machine type`);
    given[type] = quantity;
    out[type] = q.value;
  }
  return { ok: true, value: Object.keys(out).length === 0 ? undefined : out };
}

/** The node-model inputs (max pods, DaemonSet overhead, reservation overrides): one resolver for plans and `cc-plan node`. */
export function resolveNodeInputs(
  raw: RawPlanInput,
  compile?: ExpressionCompiler,
): Resolved<{ maxPods?: number; daemonSets?: DaemonSetOverhead; overrides?: ReservationOverrides }> {
  let maxPods: number | undefined;
  if (raw.maxPods !== undefined) {
    const r = resolveCount("--max-pods", raw.maxPods, 1, 1000);
    if (!r.ok) return r;
    maxPods = r.value;
  }
  let daemonSets: DaemonSetOverhead | undefined;
  if (raw.daemonsetOverhead !== undefined) {
    const r = resolveDaemonSets(raw.daemonsetOverhead);
    if (!r.ok) return r;
    daemonSets = r.value;
  }
  const overrides = resolveOverrides(raw, compile);
  if (!overrides.ok) return overrides;
  return {
    ok: true,
    value: {
      ...(maxPods === undefined ? {} : { maxPods }),
      ...(daemonSets === undefined ? {} : { daemonSets }),
      ...(overrides.value === undefined ? {} : { overrides: overrides.value }),
    },
  };
}

/** Reservation overrides from raw input (undefined when none is given). */
export function resolveOverrides(raw: RawPlanInput, compile?: ExpressionCompiler): Resolved<ReservationOverrides | undefined> {
  const kc = resolveAmount("kubeReservedCpu", raw, parseCpu, compile);
  if (!kc.ok) return kc;
  const km = resolveAmount("kubeReservedMemory", raw, parseMemory, compile);
  if (!km.ok) return km;
  const sc = resolveAmount("systemReservedCpu", raw, parseCpu, compile);
  if (!sc.ok) return sc;
  const sm = resolveAmount("systemReservedMemory", raw, parseMemory, compile);
  if (!sm.ok) return sm;
  let eviction: Bytes | undefined;
  if (raw.evictionHardMemory !== undefined) {
    const r = parseMemory(raw.evictionHardMemory);
    if (!r.ok) return fail("--eviction-hard-memory", `--eviction-hard-memory ${r.reason}`);
    eviction = r.value;
  }
  const o: ReservationOverrides = {
    ...(kc.value ? { kubeReservedCpu: kc.value } : {}),
    ...(km.value ? { kubeReservedMemory: km.value } : {}),
    ...(sc.value ? { systemReservedCpu: sc.value } : {}),
    ...(sm.value ? { systemReservedMemory: sm.value } : {}),
    ...(eviction === undefined ? {} : { evictionHardMemory: eviction }),
  };
  return { ok: true, value: Object.keys(o).length === 0 ? undefined : o };
}
