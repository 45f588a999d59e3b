/**
 * Raw user input (CLI flags, library call, later YAML/CSV) → validated {@link PlanRequest}.
 * Pure. Every rejection names the field and the accepted forms in one line.
 */
import type { Catalogs } from "../catalog/lookup.js";
import type { CatalogMachineType } from "../catalog/types.js";
import type { Provider } from "../catalog/types.js";
import type { DaemonSetOverhead } from "./daemonsets.js";
import type { Amount, ExpressionVars, ReservationOverrides } from "./node-model.js";
import { platformIds, type PlatformId } from "./overhead/types.js";
import type { RawDemandAndCostInput } from "./demand-types.js";
import { minutesPerWeek, seriesMax, seriesSum, weeklyDemand } from "./demand.js";
import { resolveCosting, type Costing } from "./resolve-costing.js";
import type { EnvShape } from "./units/env-shape.js";
import { defaultPlatform, platforms } from "./platform.js";
import type { Bytes, Millicores } from "./units/brands.js";
import { envShapeForms, parseEnvShape } from "./units/env-shape.js";
import { parseCount, parseCpu, parseMemory, quantityForms, type ParseResult } from "./units/quantity.js";

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
});

/** One env shape's request as resolved from flags (the planner's request is built from it: planner/request.ts). */
export interface PlanRequest extends PlanWideRequest {
  readonly peak: number;
  readonly normal: number;
  readonly env: EnvShape;
  readonly envText: string;
  /** Demand over time, disks, pricing, zones, autoscaler knobs and fees. */
  readonly costing?: Costing;
}

import type { InputError, Resolved } from "./resolved.js";
import { defaultProviders, defaultRegion, maxEnvs, providers } from "./constants.js";
export { defaultProviders, defaultRegion, maxEnvs, providers };
export type { InputError, Resolved };

/** Compiles a reservation expression; injected so the core never loads mathjs itself. */
export type ExpressionCompiler = (text: string) => ParseResult<(vars: ExpressionVars) => number>;


const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

/** Parse a count of environments. */
export function resolveCount(field: string, raw: string | number, min: number, max: number): Resolved<number> {
  const text = typeof raw === "number" ? String(raw) : raw;
  const r = parseCount(text);
  const expected = `expected a whole number from ${min} to ${max}, e.g. ${field} 60`;
  if (!r.ok) return fail(field, `${field} "${text}": ${expected}`);
  if (r.value < min || r.value > max) return fail(field, `${field} ${text}: ${expected}`);
  return { ok: true, value: r.value };
}

/** `--daemonset-overhead cpu=400m,memory=700Mi,pods=9` (any subset; missing parts are 0) or `none`. */
export function resolveDaemonSets(raw: string): Resolved<DaemonSetOverhead> {
  const forms = `expected cpu=<quantity>,memory=<quantity>,pods=<n> (any subset), e.g. cpu=400m,memory=700Mi,pods=9, or none`;
  const bad = fail<DaemonSetOverhead>("--daemonset-overhead", `--daemonset-overhead "${raw}": ${forms}`);
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
  field: string,
  raw: string | undefined,
  parse: (t: string) => ParseResult<T>,
  unitWord: string,
  compile: ExpressionCompiler | undefined,
): Resolved<Amount<T> | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  const q = parse(raw);
  if (q.ok) return { ok: true, value: { kind: "fixed", value: q.value } };
  if (/[a-zA-Z_]\w*\s*[(+\-*/^]|\b(vcpus|memoryMiB|maxPods)\b/.test(raw) && compile) {
    const c = compile(raw);
    if (c.ok) return { ok: true, value: { kind: "expression", text: raw, evaluate: c.value } };
    return fail(field, `${field} "${raw}": ${c.reason}`);
  }
  return fail(
    field,
    `${field} "${raw}": expected ${quantityForms}, or a mathjs expression of vcpus, memoryMiB and maxPods giving ${unitWord}, e.g. "11 * maxPods + 255"`,
  );
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
export function resolvePlanRequest(raw: RawPlanInput, catalogs: Catalogs, compile?: ExpressionCompiler): Resolved<PlanRequest> {
  if (raw.peak === undefined && raw.users === undefined && raw.profile === undefined)
    return fail("--peak", "--peak is required: the peak number of concurrent environments, e.g. --peak 60 (or --users with --envs-per-user, or a scenario profile)");
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
  for (const m of (raw.machine ?? []).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean)) {
    const found = machineNamed(catalogs, m);
    if (!found) return fail("--machine", `--machine "${m}": unknown machine type; expected a name from \`cc-plan catalog list\`, e.g. n2-standard-32 or Standard_D64s_v3`);
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
  for (const r of (raw.region ?? []).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean)) {
    const owner = chosen.find((p) => {
      const c = catalogs[p];
      return c !== undefined && c.regions.includes(r);
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
  const overrides = { value: node.value.overrides };
  const costing = resolveCosting(raw, chosen, catalogs, env.value);
  if (!costing.ok) return costing;
  // Peak: given; else the profile's busiest minute; else users × envs per user × concurrency (rounded up).
  let concurrency = 1;
  if (raw.concurrency !== undefined) {
    const text = String(raw.concurrency).trim();
    const c = /^(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (!(c > 0 && c <= 1)) return fail("--concurrency", `--concurrency "${text}": expected a share of existing envs running at peak, greater than 0 and at most 1, e.g. 0.8`);
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
  let normalValue: number;
  if (raw.normal !== undefined) normalValue = Number(raw.normal);
  else if (costing.value.profile && series) normalValue = Math.ceil(seriesSum(series) / minutesPerWeek); // the profile's average
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
    },
  };
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
    value: { ...(maxPods === undefined ? {} : { maxPods }), ...(daemonSets === undefined ? {} : { daemonSets }), ...(overrides.value === undefined ? {} : { overrides: overrides.value }) },
  };
}

/** Reservation overrides from raw input (undefined when none is given). */
export function resolveOverrides(raw: RawPlanInput, compile?: ExpressionCompiler): Resolved<ReservationOverrides | undefined> {
  const kc = resolveAmount("--kube-reserved-cpu", raw.kubeReservedCpu, parseCpu, "millicores", compile);
  if (!kc.ok) return kc;
  const km = resolveAmount("--kube-reserved-memory", raw.kubeReservedMemory, parseMemory, "MiB", compile);
  if (!km.ok) return km;
  const sc = resolveAmount("--system-reserved-cpu", raw.systemReservedCpu, parseCpu, "millicores", compile);
  if (!sc.ok) return sc;
  const sm = resolveAmount("--system-reserved-memory", raw.systemReservedMemory, parseMemory, "MiB", compile);
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
