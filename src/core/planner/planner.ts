/**
 * The one planner (issue 10): for each provider, the node pools whose **monthly bill** — the bill the
 * plan prints — is lowest, over every machine type of the catalog, for one env shape or many. Pure:
 * catalogs, the price book and the solver come in as arguments.
 *
 * The model (README "One planner"):
 * 1. The typical week of demand (hourly profile or flat at normal, plus standby and warm-ups) has a few
 *    distinct levels. At each level every zone packs its share of the envs plus the warm buffer on the
 *    plan's pools at the least cost per node-hour (`pack.ts`: exact DP for one shape, the mixed-shape
 *    engine for several). Each pool's nodes over the week follow; the autoscaler keeps each pool at or
 *    above its minimum (normal demand) and removes a node only after the scale-down delay.
 * 2. The bill prices those node-hours (with SUD/CUD/reservations by each node's hours), boot disks,
 *    per-node fees, env disks, snapshots, the cluster fee and fixed lines (`../bill/bill.ts`).
 * 3. Candidates: every single machine type (one pool), and the pool sets the unrestricted optimum uses at
 *    each level (several pools). The cheapest bill wins; equal bills prefer fewer pools, then a smaller
 *    blast radius.
 * 4. Lower bound: Σ over the week of the cheapest possible packing at each minute's level, kept for the
 *    scale-down delay and never below the cheapest packing of normal demand, at each type's lowest
 *    node-hour rate, plus the lines no plan can avoid. `optimal` when the bill meets it.
 * 5. Preference (`--within`): among plans within that fraction of the cheapest bill, the one that loses
 *    the fewest envs with one node: the smallest per-node cap whose cheapest plan stays within it (found by
 *    bisection; the cheapest plan under a cap never rises when the cap rises).
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import { autoscalerBounds, type AutoscalerBounds } from "../autoscaler.js";
import { defaultBootDisk, objectiveRate, priceBill, type BillOfMaterials, type PoolUsage } from "../bill/bill.js";
import type { PriceBook } from "../bill/price-book.js";
import { summarize, type CostSummary, type PricingOption } from "../cost.js";
import { autoscaledNodes, constantSeries, envHoursPerMonth, hourlyPeaks, hoursPerMonth, minutesPerWeek, seriesMax, weeklyDemand, weeksPerMonth, type Series } from "../demand.js";
import { hasErrors, issue, type PlanIssue } from "../issues.js";
import type { PackShape } from "../mix/instance.js";
import { greedyBaseline } from "../mix/engine.js";
import type { LinearSolver } from "../mix/solver.js";
import { Budget } from "../mix/budget.js";
import { computeNodeModel, type NodeModel } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import { packOneShape as bindingOf, type Dimension } from "../packing.js";
import { apportion, levelVector, levelsOf, zoneDemand } from "./levels.js";
import { capped, envsPerNodeOf, packLevel, poolLimitedTypes, type LevelPacking, type PackContext, type PlanMachine } from "./pack.js";
import { planVersion, type NodeRun, type OptionKind, type PlanDocument, type PlanOption, type Pool, type ProviderPlan } from "./document.js";
import type { ClusterRequest } from "./request.js";
import { guideNotes, guideExample } from "./guide-notes.js";

export interface PlannerOptions {
  readonly priceBook: PriceBook;
  /** LP/MIP solver for several env shapes (one shape needs none). */
  readonly solver?: LinearSolver;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Relative tolerance when comparing bills (float sums of the same lines in another order). */
const tolerance = 1e-9;

/** Burstable, shared-core and advised-against types are never chosen automatically (product guides). */
export const isFlagged = (m: CatalogMachineType): boolean => m.burstable || m.sharedCore || m.avoid !== undefined;

/** The demand shared by every provider's plan. */
interface Demand {
  readonly shapes: readonly PackShape[];
  readonly peaks: readonly number[];
  readonly normals: readonly number[];
  readonly weekly: Series;
  readonly levels: readonly { readonly value: number; readonly minutes: number }[];
  readonly peak: number;
  readonly normal: number;
  readonly existingPerShape: readonly number[];
  readonly developers: number;
  readonly envHours: number;
  /** Shape the warm buffer reserves: the largest (memory, then CPU). */
  readonly bufferShape: number;
}

/** Build the plan document. */
export function planCluster(req: ClusterRequest, catalogs: Catalogs, options: PlannerOptions): PlanDocument {
  const notes: PlanIssue[] = [];
  const issues: PlanIssue[] = [];
  const costing = req.costing;
  const givenPeak = req.shapes.reduce((s, x) => s + x.peak, 0);
  const givenNormal = req.shapes.reduce((s, x) => s + x.normal, 0);
  const weekly = weeklyDemand({ peak: givenPeak, normal: givenNormal, ...(costing.profile ? { profile: costing.profile } : {}), standby: costing.standby, warmups: costing.warmups });
  const weeklyPeak = seriesMax(weekly);
  const peak = Math.max(givenPeak, weeklyPeak);
  if (weeklyPeak > givenPeak)
    issues.push(issue("peak_raised", "info", "demand.peak", `standby pools and warm-ups on top of the demand reach ${weeklyPeak} envs, above the peak of ${givenPeak}; planning for ${weeklyPeak}`, { given: givenPeak, planned: weeklyPeak }));
  // One shape: a raised peak raises that shape's peak.
  const peaks = req.shapes.length === 1 ? [peak] : req.shapes.map((s) => s.peak);
  const normals = req.shapes.map((s) => s.normal);
  const existing = costing.users !== undefined ? costing.users * (costing.envsPerUser ?? 1) : peak;
  const shapes: PackShape[] = req.shapes.map((s) => ({ name: s.name, request: [s.env.cpuMillicores, s.env.memoryBytes, s.env.pods, s.env.volumes] }));
  const bufferShape = req.shapes.reduce((b, s, i) => {
    const o = req.shapes[b];
    return o && (s.env.memoryBytes > o.env.memoryBytes || (s.env.memoryBytes === o.env.memoryBytes && s.env.cpuMillicores > o.env.cpuMillicores)) ? i : b;
  }, 0);
  const demand: Demand = {
    shapes,
    peaks,
    normals,
    weekly,
    levels: levelsOf(weekly),
    peak,
    normal: givenNormal,
    existingPerShape: req.shapes.length === 1 ? [existing] : apportion(existing, peaks),
    developers: costing.users ?? peak,
    envHours: envHoursPerMonth(weekly),
    bufferShape,
  };
  const providers: ProviderPlan[] = [];
  for (const provider of req.providers) {
    const catalog = catalogs[provider];
    if (!catalog) continue;
    const p = planProvider(req, demand, provider, catalog.machineTypes, options, providers.length);
    providers.push(p);
    issues.push(...p.issues);
  }
  if (!costing.profile)
    issues.push(issue("demand_assumed", "info", "demand", `no hourly profile: the autoscaled cost assumes ${givenNormal} envs (normal, the average concurrency) around the clock; a scenario profile gives a better estimate`, {}));
  if (costing.users === undefined) issues.push(issue("demand_assumed", "info", "demand", `no --users: cost per developer and disks count one developer and one env per peak env (${peak})`, {}));
  if (req.shapes.every((s) => s.diskBytes === undefined)) issues.push(issue("disk_not_priced", "info", "demand", "no disk size given: per-env persistent disks are not priced (pass --disk 100Gi)", {}));
  notes.push(...guideNotes(req, providers, catalogs));
  return {
    planVersion,
    inputs: {
      shapes: req.shapes.map((s, i) => ({ name: s.name, text: s.envText, cpuMillicores: s.env.cpuMillicores, memoryBytes: s.env.memoryBytes, peak: peaks[i] ?? s.peak, normal: s.normal, diskBytes: s.diskBytes ?? null })),
      providers: req.providers,
      regions: req.regions,
      platforms: req.platforms,
      machines: req.machines.map((m) => m.name),
      maxPods: req.maxPods ?? null,
      within: req.within,
      maxEnvsPerNode: req.maxEnvsPerNode ?? null,
      maxPools: req.maxPools ?? null,
      timeLimitSeconds: req.timeLimitSeconds,
      costing,
    },
    catalogs: req.providers.flatMap((p) => {
      const c = catalogs[p];
      return c ? [{ provider: p, asOf: c._meta.asOf, currency: c._meta.currency }] : [];
    }),
    demand: {
      peak,
      normal: givenNormal,
      totals: {
        cpuMillicores: req.shapes.reduce((s, x, i) => s + (peaks[i] ?? 0) * x.env.cpuMillicores, 0),
        memoryBytes: req.shapes.reduce((s, x, i) => s + (peaks[i] ?? 0) * x.env.memoryBytes, 0),
      },
      source: costing.profile ? "profile" : "flat at normal",
      existingEnvs: existing,
      developers: demand.developers,
      envHoursPerMonth: demand.envHours,
      hourly: hourlyPeaks(weekly),
    },
    providers,
    notes,
    issues: dedupe(issues),
  };
}

const dedupe = (list: readonly PlanIssue[]): PlanIssue[] => [...new Map(list.map((i) => [`${i.code}|${i.path}|${i.message}`, i])).values()];

/** A machine type the planner may use. */
interface Candidate {
  readonly machine: CatalogMachineType;
  readonly model: NodeModel;
  /** forEnvs as a vector, before any cap. */
  readonly capacity: readonly number[];
  readonly costPerHour: number;
  readonly named: boolean;
  readonly eligible: boolean;
}

/** A plan evaluated against the bill. */
interface Evaluated {
  readonly machines: readonly string[];
  readonly cap: number | undefined;
  readonly pools: readonly Pool[];
  readonly placement: PlanOption["placement"];
  readonly autoscaled: CostSummary;
  readonly static: CostSummary;
  readonly applied: PricingOption;
  readonly total: number;
  readonly blastRadius: number;
  readonly nodes: PlanOption["nodes"];
  readonly issues: readonly PlanIssue[];
  readonly optimalPacking: boolean;
}

interface ProviderContext {
  readonly req: ClusterRequest;
  readonly demand: Demand;
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly region: string;
  readonly zones: number;
  readonly zoneNames: readonly string[];
  readonly bounds: AutoscalerBounds;
  readonly candidates: ReadonlyMap<string, Candidate>;
  readonly options: PlannerOptions;
  readonly pack: PackContext;
  readonly path: string;
  readonly cache: Map<string, LevelPacking | undefined>;
  /** Several shapes: the provider's time budget; every engine call takes a share of what is left. */
  readonly budget?: Budget;
}

function planProvider(req: ClusterRequest, demand: Demand, provider: Provider, machineTypes: readonly CatalogMachineType[], options: PlannerOptions, index: number): ProviderPlan {
  const path = `providers[${index}]`;
  const issues: PlanIssue[] = [];
  const costing = req.costing;
  const platform = req.platforms[provider] ?? "gke";
  const region = req.regions[provider] ?? "";
  const zoneSpec = costing.zones[provider] ?? { count: 3, names: [] };
  const zoneNames = zoneSpec.names.length > 0 ? zoneSpec.names : Array.from({ length: zoneSpec.count }, (_, i) => `zone ${i + 1}`);
  const bounds = autoscalerBounds({
    peak: demand.peak,
    normal: demand.normal,
    envsPerNode: 1,
    zones: zoneSpec.count,
    ...(costing.warmEnvsPerZone === undefined ? {} : { warmEnvsPerZone: costing.warmEnvsPerZone }),
    nodeStartMinutes: costing.nodeStartMinutes,
    scaleDownDelayMinutes: costing.scaleDownDelayMinutes,
    ...(costing.startLatencyGoalSeconds === undefined ? {} : { startLatencyGoalSeconds: costing.startLatencyGoalSeconds }),
    ...(costing.arrivalsPerMinute === undefined ? {} : { arrivalsPerMinute: costing.arrivalsPerMinute }),
  });
  const named = req.machines.filter((m) => m.provider === provider).map((m) => m.name);
  const book = options.priceBook;
  const boot = defaultBootDisk(provider);
  const bootMonthly = boot ? book.disk(provider, region, boot.class, boot.sizeGiB * 2 ** 30) : undefined;
  const perNodeMonthly = costing.perNodeFees.reduce((s, f) => s + f.usdPerNodeMonth, 0);
  const modelOpts = {
    provider,
    platform,
    ...(req.maxPods === undefined ? {} : { maxPods: req.maxPods }),
    ...(req.daemonSets === undefined ? {} : { daemonSets: req.daemonSets }),
    ...(req.overrides === undefined ? {} : { overrides: req.overrides }),
  };
  const candidates = new Map<string, Candidate>();
  let unpriced = 0;
  let flagged = 0;
  for (const m of [...machineTypes].sort((a, b) => byName(a.name, b.name))) {
    const isNamed = named.includes(m.name);
    const o = book.offering(provider, m.name, region);
    const eligible = !isFlagged(m) && o?.priceSuspect === undefined;
    if (!eligible && !isNamed) {
      if (isFlagged(m) && o?.onDemandUsdPerHour !== undefined) flagged++;
      continue;
    }
    const rate = objectiveRate(provider, m.family, o, costing.pricing);
    if (rate === undefined || !(rate > 0)) {
      if (o !== undefined) unpriced++;
      if (isNamed) issues.push(issue("price_not_found", "error", path, `no ${costing.pricing} price for ${m.name} in ${region}`, { machineType: m.name, region }));
      continue;
    }
    const model = computeNodeModel(m, { ...modelOpts, bound: "high" });
    const capacity = [model.forEnvs.cpuMillicores, model.forEnvs.memoryBytes, model.forEnvs.pods, model.forEnvs.volumes];
    if (!demand.shapes.some((s) => envsPerNodeOf({ name: m.name, capacity, costPerHour: 1 }, s) > 0)) {
      if (isNamed) issues.push(issue("env_does_not_fit", "error", path, `no env shape fits on ${m.name} (${platform}) after reservations and system pods`, { machineType: m.name }));
      continue;
    }
    const bootPerHour = bootMonthly?.ok ? bootMonthly.usdPerMonth / hoursPerMonth : 0;
    candidates.set(m.name, { machine: m, model, capacity, costPerHour: rate + bootPerHour + perNodeMonthly / hoursPerMonth, named: isNamed, eligible });
  }
  if (unpriced > 0 && costing.pricing !== "on-demand")
    issues.push(issue("price_not_found", "info", path, `${unpriced} ${provider} machine types have no ${costing.pricing} price in ${region} and were left out`, { provider, count: unpriced }));
  if (flagged > 0)
    issues.push(
      issue("flagged_types_excluded", "info", path, `${flagged} burstable or shared-core ${provider} types (${provider === "azure" ? "B-series" : provider === "gcp" ? "e2" : "t-series"}) were not considered, as the product guides advise; name one with --machine to compare it`, { provider, count: flagged }),
    );
  if (req.maxPods === undefined && (platform === "aks" || platform === "eks")) {
    const assumed = platform === "aks" ? "250 pods per node (Azure CNI Overlay default)" : "the ENI-based default per type (e.g. 29 on m5.large)";
    issues.push(issue("max_pods_assumed", "info", path, `${platform} reserves memory per pod slot; assumed ${assumed}. Pass your pool's --max-pods (kubenet and older AKS pools use 110, which reserves less).`, { provider }));
  }
  if (costing.pricing === "spot")
    issues.push(issue("spot_preemption", "warning", path, "spot nodes can be preempted at any time: a preemption ends the envs running on that node (their disks stay)", { provider }));
  const empty: ProviderPlan = { provider, platform, region, pricing: costing.pricing, machinesConsidered: candidates.size, options: [], recommended: null, cheapest: null, reason: "", preferenceUsdPerMonth: 0, lowerBoundUsdPerMonth: null, issues };
  // Shapes that fit no eligible machine: an error naming the nearest machine.
  const eligible = [...candidates.values()].filter((c) => c.eligible);
  if (candidates.size === 0) {
    issues.push(issue("price_not_found", "error", path, `no ${provider} machine type has a${costing.pricing === "on-demand" ? "n" : ""} ${costing.pricing} price in ${region} in this catalog; choose another --region (cc-plan catalog regions --provider ${provider})`, { provider, region }));
    return empty;
  }
  const unfit = demand.shapes.filter((s) => !eligible.some((c) => envsPerNodeOf({ name: "", capacity: c.capacity, costPerHour: 1 }, s) > 0));
  if (unfit.length > 0) {
    for (const s of unfit) issues.push(noFitIssue(req, s, [...candidates.values()], provider, region, platform, path));
    return empty;
  }
  const ctx: ProviderContext = {
    req,
    demand,
    provider,
    platform,
    region,
    zones: zoneSpec.count,
    zoneNames,
    bounds,
    candidates,
    options,
    pack: { shapes: demand.shapes, ...(options.solver ? { solver: options.solver } : {}) },
    // One clock for the whole provider plan (the solver adapter's: the core reads none).
    ...(options.solver ? { budget: new Budget(options.solver, req.timeLimitSeconds) } : {}),
    path,
    cache: new Map(),
  };
  const cap = req.maxEnvsPerNode;
  const search = (c: number | undefined): { best: Evaluated; lowerBound: number; onePool: Evaluated | undefined } | undefined => searchBest(ctx, eligible, c);
  const found = search(cap);
  if (!found) return empty;
  const cheapestAtAnyRadius = found.best;
  // --within: the smallest cap whose cheapest plan stays within the allowance (bisection on the cap).
  let preferred = cheapestAtAnyRadius;
  if (req.within > 0 && cheapestAtAnyRadius.blastRadius > 1) {
    const limit = cheapestAtAnyRadius.total * (1 + req.within) * (1 + tolerance);
    let lo = 1;
    let hi = cheapestAtAnyRadius.blastRadius; // the cheapest plan qualifies at its own blast radius
    let best = cheapestAtAnyRadius;
    while (lo < hi && !(ctx.budget?.spent ?? false)) {
      const mid = Math.floor((lo + hi) / 2);
      const r = search(Math.min(mid, cap ?? mid));
      if (r && r.best.total <= limit) {
        best = r.best.blastRadius < best.blastRadius || (r.best.blastRadius === best.blastRadius && r.best.total < best.total) ? r.best : best;
        hi = Math.min(mid, r.best.blastRadius);
      } else lo = mid + 1;
    }
    // A plan as cheap as the cheapest (within rounding) with a smaller blast radius is the cheapest.
    preferred = best;
  }
  const cheapest = preferred.total <= found.best.total * (1 + tolerance) ? preferred : found.best;
  const options_: { kind: OptionKind; e: Evaluated }[] = [];
  const same = (a: Evaluated, b: Evaluated): boolean => a.machines.join() === b.machines.join() && a.cap === b.cap && Math.abs(a.total - b.total) <= tolerance * Math.max(1, a.total);
  options_.push({ kind: same(preferred, cheapest) ? "cheapest" : "smaller-blast-radius", e: preferred });
  if (!same(preferred, cheapest)) options_.push({ kind: "cheapest", e: cheapest });
  if (found.onePool && !options_.some((o) => same(o.e, found.onePool as Evaluated))) options_.push({ kind: "one-pool", e: found.onePool });
  if (cheapest.blastRadius > 1) {
    const one = search(1);
    if (one) options_.push({ kind: "one-per-node", e: one.best });
  }
  for (const n of named) {
    const c = candidates.get(n);
    if (!c) continue;
    const e = evaluate(ctx, [n], cap);
    if (e) options_.push({ kind: "named", e });
  }
  if (demand.shapes.length > 1) {
    const g = greedy(ctx, eligible.map((c) => c.machine.name), cap);
    if (g) options_.push({ kind: "greedy-baseline", e: g });
  }
  const guide = guideExample(provider, demand.shapes.length === 1 ? req.shapes[0]?.env : undefined);
  if (guide && candidates.has(guide) && !named.includes(guide)) {
    const e = evaluate(ctx, [guide], cap);
    if (e) options_.push({ kind: "guide-example", e });
  }
  const lowerBound = found.lowerBound;
  const planOptions = options_.map(({ kind, e }) => toOption(ctx, kind, e, lowerBound));
  const rec = planOptions[0] as PlanOption;
  const cheapIdx = planOptions.findIndex((o) => o.kind === "cheapest");
  const cheapOpt = planOptions[cheapIdx] as PlanOption;
  const reason =
    rec.kind === "cheapest"
      ? `The lowest monthly bill of every plan searched (${rec.optimal ? "proven optimal" : `within ${pct(rec.gap ?? 0)} of the lowest possible`})`
      : `It loses ${rec.blastRadius} env${rec.blastRadius === 1 ? "" : "s"} with one node instead of ${cheapOpt.blastRadius}, for ${money(preferred.total - cheapest.total)}/month (${pct((preferred.total - cheapest.total) / cheapest.total)}) more than the cheapest plan (--within ${+(req.within * 100).toFixed(2)} %; --within 0 picks the cheapest)`;
  const why =
    req.maxPools !== undefined
      ? `the bound does not know the --max-pools ${req.maxPools} limit`
      : demand.shapes.length > 1 && (ctx.budget?.limitHit ?? false)
      ? `the ${req.timeLimitSeconds} s time limit stopped the exact search (--time-limit raises it)`
      : demand.levels.length > 1
        ? "the bound lets every demand level choose its own machine types and ignores the autoscaler's minimum and scale-down delay, while a plan keeps one set of pools all week"
        : `the exact search did not close the gap${demand.shapes.length > 1 ? " (--time-limit raises it)" : ""}`;
  for (const o of planOptions) if (o.optimal === false && o.kind === "cheapest") issues.push(issue("optimum_not_proven", "warning", path, `cheapest plan: within ${pct(o.gap ?? 0)} of the lower bound of the monthly cost: ${why}`, { gap: o.gap }));
  for (const o of planOptions) issues.push(...o.issues.filter((i) => i.severity === "error" || o === rec));
  return {
    ...empty,
    issues: dedupe(issues),
    options: planOptions,
    recommended: 0,
    cheapest: cheapIdx,
    reason,
    preferenceUsdPerMonth: preferred.total - cheapest.total,
    lowerBoundUsdPerMonth: lowerBound,
  };
}

const pct = (f: number): string => `${(f * 100).toFixed(f > 0 && f < 0.001 ? 3 : f < 0.1 ? 2 : 1)} %`;
const money = (n: number): string => {
  const [whole = "0", cents = "00"] = n.toFixed(2).split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
};

/** The machines of the candidate set, as the packer sees them under a cap. */
function planMachines(ctx: ProviderContext, names: readonly string[], cap: number | undefined): PlanMachine[] {
  return names.flatMap((n) => {
    const c = ctx.candidates.get(n);
    return c ? [{ name: n, capacity: capped(c.capacity, cap), costPerHour: c.costPerHour }] : [];
  });
}

/** Per-zone demand at a level value (with or without the buffer). */
const zoneCache = new WeakMap<ProviderContext, Map<string, number[][]>>();
function zonesAt(ctx: ProviderContext, value: number, withBuffer: boolean): number[][] {
  let m = zoneCache.get(ctx);
  if (!m) zoneCache.set(ctx, (m = new Map()));
  const key = `${value}|${withBuffer ? 1 : 0}`;
  const hit = m.get(key);
  if (hit) return hit;
  const z = zonesAtUncached(ctx, value, withBuffer);
  m.set(key, z);
  return z;
}
function zonesAtUncached(ctx: ProviderContext, value: number, withBuffer: boolean): number[][] {
  const d = ctx.demand;
  const v = levelVector(value, d.peaks, d.normals);
  return zoneDemand(v, ctx.zones, withBuffer ? ctx.bounds.bufferEnvsPerZone : 0, d.bufferShape);
}

function packCached(ctx: ProviderContext, names: readonly string[], cap: number | undefined, value: number, withBuffer: boolean, share = 0.25): LevelPacking | undefined {
  const key = `${names.join(",")}|${cap ?? ""}|${value}|${withBuffer ? 1 : 0}`;
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  const r = packLevel(ctx.pack, planMachines(ctx, names, cap), zonesAt(ctx, value, withBuffer), (ctx.budget?.left ?? 0) * share);
  ctx.cache.set(key, r);
  // An optimal packing on all machines is also the optimal packing on the machines it uses.
  if (r?.optimal) {
    const used = usedBy(r);
    const k = `${used.join(",")}|${cap ?? ""}|${value}|${withBuffer ? 1 : 0}`;
    if (!ctx.cache.has(k) && used.length > 0) ctx.cache.set(k, r);
  }
  return r;
}

/** Machine names a packing uses. */
const usedBy = (p: LevelPacking): string[] => [...new Set(p.zones.flatMap((z) => z.filter((r) => r.count > 0 && r.envs.some((e) => e > 0)).map((r) => r.machine)))].sort(byName);

/** Best plan over the candidate pool sets under a cap, with the lower bound of the bill. */
function searchBest(ctx: ProviderContext, eligible: readonly Candidate[], cap: number | undefined): { best: Evaluated; lowerBound: number; onePool: Evaluated | undefined } | undefined {
  const all = eligible.map((c) => c.machine.name);
  const d = ctx.demand;
  const sets = new Map<string, string[]>();
  // The unrestricted optimum at each level (and normal demand without the buffer): its pool set.
  const lbPerLevel = new Map<number, number>();
  for (const l of d.levels) {
    const p = packCached(ctx, all, cap, l.value, true, 0.5);
    if (!p) return undefined;
    lbPerLevel.set(l.value, p.lowerBoundPerHour);
    const used = usedBy(p);
    if (used.length > 0) sets.set(used.join(","), used);
  }
  // Every single machine type (one pool): exact per type for one shape; for several shapes the types
  // that hold every shape.
  for (const n of all) {
    const c = ctx.candidates.get(n) as Candidate;
    if (d.shapes.every((s) => envsPerNodeOf({ name: n, capacity: capped(c.capacity, cap), costPerHour: 1 }, s) > 0)) sets.set(n, [n]);
  }
  if (d.shapes.length > 1) {
    // Several shapes: every single type costs an engine call per level; keep the types whose bound at
    // the busiest level could beat the best multi-pool plan's, cheapest bound first (at most 12).
    const singles = [...sets.values()].filter((s) => s.length === 1).map((s) => s[0] as string);
    const keep = new Set(rankSingles(ctx, singles, cap).slice(0, 12));
    for (const n of singles) if (!keep.has(n)) sets.delete(n);
  }
  // --max-pools K: sets with more pools are not plans; for several shapes the engine's ≤ K-pool search
  // adds its plan's types (one shape: the single types and the per-level optima within K).
  const maxPools = ctx.req.maxPools;
  if (maxPools !== undefined) {
    for (const [k, set] of sets) if (set.length > maxPools) sets.delete(k);
    if (d.shapes.length > 1) {
      const top = d.levels[d.levels.length - 1]?.value ?? d.peak;
      const types = poolLimitedTypes(ctx.pack, planMachines(ctx, all, cap), zonesAt(ctx, top, true), (ctx.budget?.left ?? 0) * 0.3, maxPools);
      if (types && types.length > 0) sets.set(types.join(","), types);
    }
  }
  // Bound each set's node cost before pricing it: Σ over the week of its least-cost packing per level
  // (its nodes can cost no less at any minute). The lines that do not depend on nodes are the same for
  // every plan, so a set whose bound plus those lines reaches the best bill so far cannot win; sets are
  // priced cheapest bound first, so usually one or two are.
  // Several shapes: a single type is bounded by L1 (per zone, the busiest dimension's ⌈Σ request / capacity⌉
  // nodes) rather than by an engine call.
  const bounded = [...sets.values()].flatMap((set) => {
    let perWeek = 0;
    for (const l of d.levels) {
      if (d.shapes.length > 1 && set.length === 1) {
        perWeek += l1Cost(ctx, set[0] as string, cap, l.value) * l.minutes;
        continue;
      }
      const p = packCached(ctx, set, cap, l.value, true);
      if (!p) return [];
      perWeek += p.lowerBoundPerHour * l.minutes;
    }
    return [{ set, bound: (perWeek / 60) * weeksPerMonth }];
  });
  bounded.sort((a, b) => a.bound - b.bound || a.set.length - b.set.length || byName(a.set.join(), b.set.join()));
  let best: Evaluated | undefined;
  let onePool: Evaluated | undefined;
  let fixedLines = 0;
  for (const { set, bound } of bounded) {
    const reach = (e: Evaluated | undefined): boolean => e === undefined || bound + fixedLines <= e.total * (1 + tolerance);
    if (!reach(best) && (set.length > 1 || !reach(onePool))) continue;
    const e = evaluate(ctx, set, cap);
    if (!e) continue;
    if (!best) fixedLines = e.autoscaled.lines.filter((l) => !isNodeLine(l.id)).reduce((t, l) => t + (l.usdPerMonth ?? 0), 0);
    if (!best || better(e, best)) best = e;
    if (e.pools.length === 1 && (!onePool || better(e, onePool))) onePool = e;
  }
  if (!best) return undefined;
  // Lower bound: per minute the cheapest packing of its level, held for the scale-down delay (a pool keeps
  // every node it needed in the last `delay` minutes, so its cost then is at least that level's optimum),
  // plus the lines every plan pays.
  const lbSeries = autoscaledNodes(
    d.weekly.map((seg) => ({ ...seg, value: lbPerLevel.get(seg.value) ?? 0 })),
    0,
    ctx.req.costing.scaleDownDelayMinutes,
  );
  const nodeCost = lbSeries.reduce((s, seg) => s + seg.value * seg.length, 0) / 60 * weeksPerMonth;
  const fixed = best.autoscaled.lines.filter((l) => !isNodeLine(l.id)).reduce((s, l) => s + (l.usdPerMonth ?? 0), 0);
  return { best, lowerBound: Math.min(best.total, nodeCost + fixed), onePool };
}

const isNodeLine = (id: string): boolean => id.startsWith("compute") || id === "boot-disks" || id.startsWith("per-node:");

/** Equal bills (within rounding) prefer fewer pools, then a smaller blast radius, then names. */
function better(a: Evaluated, b: Evaluated): boolean {
  if (a.total < b.total * (1 - tolerance)) return true;
  if (a.total > b.total * (1 + tolerance)) return false;
  return a.pools.length - b.pools.length || a.blastRadius - b.blastRadius ? a.pools.length < b.pools.length || (a.pools.length === b.pools.length && a.blastRadius < b.blastRadius) : a.machines.join() < b.machines.join();
}

/**
 * L1 bound of one machine type at a level, USD per hour: per zone, no fewer nodes than the busiest
 * dimension's ⌈Σ requests / capacity⌉ (packing.md §1.3), times the node-hour cost.
 */
function l1Cost(ctx: ProviderContext, name: string, cap: number | undefined, value: number): number {
  const c = ctx.candidates.get(name) as Candidate;
  const capv = capped(c.capacity, cap);
  let nodes = 0;
  for (const z of zonesAt(ctx, value, true)) {
    let worst = 0;
    for (let dim = 0; dim < 4; dim++) {
      const used = ctx.demand.shapes.reduce((s, sh, k) => s + (z[k] ?? 0) * (sh.request[dim] ?? 0), 0);
      if ((capv[dim] ?? 0) > 0) worst = Math.max(worst, Math.ceil(used / (capv[dim] ?? 1)));
    }
    nodes += worst;
  }
  return nodes * c.costPerHour;
}

/** Single types for several shapes, cheapest L1 bound at the busiest level first. */
function rankSingles(ctx: ProviderContext, names: readonly string[], cap: number | undefined): string[] {
  const top = ctx.demand.levels[ctx.demand.levels.length - 1]?.value ?? 0;
  const score = new Map(names.map((n) => [n, l1Cost(ctx, n, cap, top)]));
  return [...names].sort((a, b) => (score.get(a) ?? 0) - (score.get(b) ?? 0) || byName(a, b));
}

/** Evaluate the bill of a plan on the pools `names` (each level packed on them at least cost). */
type Packer = (value: number, withBuffer: boolean) => LevelPacking | undefined;

function evaluate(ctx: ProviderContext, names: readonly string[], cap: number | undefined, packer?: Packer): Evaluated | undefined {
  const d = ctx.demand;
  const costing = ctx.req.costing;
  const packAt: Packer = packer ?? ((value, withBuffer) => packCached(ctx, names, cap, value, withBuffer));
  const perLevel = new Map<number, LevelPacking>();
  let optimalPacking = true;
  for (const l of d.levels) {
    const p = packAt(l.value, true);
    if (!p) return undefined;
    perLevel.set(l.value, p);
    optimalPacking &&= p.optimal;
  }
  const peakPack = packAt(d.peak, true);
  const minPack = packAt(d.normal, false);
  if (!peakPack || !minPack) return undefined;
  const countIn = (p: LevelPacking, m: string, zone: number): number => (p.zones[zone] ?? []).filter((r) => r.machine === m).reduce((s, r) => s + r.count, 0);
  const total = (p: LevelPacking, m: string): number => p.zones.reduce((s, _, z) => s + countIn(p, m, z), 0);
  const used = names.filter((m) => total(peakPack, m) > 0 || [...perLevel.values()].some((p) => total(p, m) > 0));
  if (used.length === 0) return undefined;
  // The user's floor on nodes goes to the pool with the most nodes at peak.
  const floorPool = [...used].sort((a, b) => total(peakPack, b) - total(peakPack, a) || byName(a, b))[0];
  const pools: Pool[] = [];
  const usage: PoolUsage[] = [];
  const staticUsage: PoolUsage[] = [];
  for (const m of used) {
    const c = ctx.candidates.get(m) as Candidate;
    // Bounds are pool totals (GKE --total-min-nodes/--total-max-nodes, AKS --min-count/--max-count):
    // zones may use different pools, so a per-zone bound × zones would overstate them.
    // min: enough for normal demand, never above what normal demand with the buffer keeps on this pool
    // (a minimum above that would bill idle nodes); max: the most any level needs.
    const normalWithBuffer = packAt(d.normal, true) ?? peakPack;
    let minNodes = Math.min(total(minPack, m), total(normalWithBuffer, m));
    if (m === floorPool) minNodes = Math.max(minNodes, costing.minNodesFloor ?? 0);
    const maxNodes = Math.max(minNodes, total(peakPack, m), ...[...perLevel.values()].map((p) => total(p, m)));
    const zMin = Math.ceil(minNodes / ctx.zones);
    const zMax = Math.ceil(maxNodes / ctx.zones);
    const needed = d.weekly.map((seg) => ({ ...seg, value: total(perLevel.get(seg.value) as LevelPacking, m) }));
    const auto = autoscaledNodes(needed, minNodes, costing.scaleDownDelayMinutes);
    usage.push({ machineType: m, family: c.machine.family, nodes: auto, committedNodes: minNodes });
    staticUsage.push({ machineType: m, family: c.machine.family, nodes: constantSeries(maxNodes), committedNodes: minNodes });
    const capv = capped(c.capacity, cap);
    const envsPerNode: Record<string, number> = {};
    const binds: Record<string, Dimension | "max-envs-per-node"> = {};
    for (const s of d.shapes) {
      const k = envsPerNodeOf({ name: m, capacity: capv, costPerHour: 1 }, s);
      envsPerNode[s.name] = k;
      const b = bindingOf(c.model.forEnvs, (ctx.req.shapes[d.shapes.indexOf(s)] as ClusterRequest["shapes"][number]).env);
      binds[s.name] = cap !== undefined && b.envsPerNode > cap ? "max-envs-per-node" : b.bindingConstraint;
    }
    const envsAtPeak: Record<string, number> = {};
    d.shapes.forEach((s, k) => {
      envsAtPeak[s.name] = peakPack.zones.reduce((t, z) => t + z.filter((r) => r.machine === m).reduce((u, r) => u + r.count * (r.envs[k] ?? 0), 0), 0);
    });
    const nodeHours = (auto.reduce((s, seg) => s + seg.value * seg.length, 0) / 60) * weeksPerMonth;
    pools.push({
      name: poolName(ctx.provider, c.machine),
      machineType: m,
      node: {
        vcpus: c.machine.vcpus,
        memoryMiB: c.machine.memoryMiB,
        formulaVariant: c.model.formulaVariant,
        allocatable: { ...c.model.allocatable },
        forEnvs: { ...c.model.forEnvs },
        overhead: { ...c.model.overhead },
        envsPerNode,
        binds,
      },
      autoscaler: { ...ctx.bounds, minNodes, maxNodes, perZone: { min: zMin, max: zMax }, zoneNames: ctx.req.costing.zones[ctx.provider]?.names ?? [] },
      nodes: { peak: total(peakPack, m), normal: total(packAt(d.normal, true) ?? peakPack, m) },
      envsAtPeak,
      nodeHoursPerMonth: nodeHours,
      nodeUsdPerHour: ctx.options.priceBook.offering(ctx.provider, m, ctx.region)?.onDemandUsdPerHour ?? c.costPerHour,
    });
  }
  const bom = (u: readonly PoolUsage[]): BillOfMaterials => ({
    provider: ctx.provider,
    region: ctx.region,
    pricing: costing.pricing,
    pools: u,
    envDisks: ctx.req.shapes.flatMap((s, k) => {
      const cls = costing.storageClasses[ctx.provider];
      return s.diskBytes === undefined || cls === undefined ? [] : [{ label: d.shapes.length === 1 ? "env disks" : `env disks of ${s.name}`, count: d.existingPerShape[k] ?? 0, storageClass: cls, sizeBytes: s.diskBytes }];
    }),
    snapshots: costing.warmups.filter((w) => w.snapshotBytes > 0).map((w) => ({ name: w.name, envs: w.envs, sizeBytes: w.snapshotBytes })),
    ...(costing.clusterTiers[ctx.provider] === undefined ? {} : { clusterTier: costing.clusterTiers[ctx.provider] as string }),
    perNodeFees: costing.perNodeFees,
    fixed: costing.fixed,
  });
  const a = priceBill(bom(usage), ctx.options.priceBook, ctx.path);
  const st = priceBill(bom(staticUsage), ctx.options.priceBook, ctx.path);
  const nodeHours = (u: readonly PoolUsage[]): number => u.reduce((s, p) => s + (p.nodes.reduce((t, seg) => t + seg.value * seg.length, 0) / 60) * weeksPerMonth, 0);
  const autoscaled = summarize(a.lines, d.developers, d.envHours, nodeHours(usage));
  const stat = summarize(st.lines, d.developers, d.envHours, nodeHours(staticUsage));
  const blastRadius = Math.max(
    0,
    ...[...perLevel.values(), peakPack].flatMap((p) => p.zones.flatMap((z) => z.filter((r) => r.count > 0).map((r) => r.envs.reduce((s, e) => s + e, 0)))),
  );
  const placement = groupZones(ctx, peakPack);
  return {
    machines: [...names],
    cap,
    pools,
    placement,
    autoscaled,
    static: stat,
    applied: a.applied,
    total: autoscaled.totalUsdPerMonth ?? autoscaled.knownUsdPerMonth,
    blastRadius,
    nodes: {
      min: pools.reduce((s, p) => s + p.autoscaler.minNodes, 0),
      max: pools.reduce((s, p) => s + p.autoscaler.maxNodes, 0),
      peak: pools.reduce((s, p) => s + p.nodes.peak, 0),
      normal: pools.reduce((s, p) => s + p.nodes.normal, 0),
    },
    issues: a.issues,
    optimalPacking,
  };
}

/**
 * What a greedy autoscaler loop buys (packing.md §4.2): at peak, FFD in cluster-autoscaler's pod order on
 * every type that holds every shape, zone by zone, and the node group with the cheapest total, as the price
 * expander picks; at the other levels the same loop on the node groups it chose. Priced like every plan.
 */
function greedy(ctx: ProviderContext, all: readonly string[], cap: number | undefined): Evaluated | undefined {
  const pack = (names: readonly string[], value: number, withBuffer: boolean): LevelPacking | undefined => {
    const machines = planMachines(ctx, names, cap).map((m) => ({ name: m.name, usdPerHour: m.costPerHour, capacity: m.capacity }));
    const zones = zonesAt(ctx, value, withBuffer);
    const groups = zones.map((z, i) => ({ demand: z, multiplicity: 1, zones: [`zone ${i + 1}`] }));
    const b = greedyBaseline(ctx.demand.shapes, groups, machines);
    if (zones.some((z) => z.some((v) => v > 0)) && b.groups.every((g) => g.runs.length === 0)) return undefined;
    const out = b.groups.map((g) => g.runs.map((r) => ({ machine: r.machine, count: r.count, envs: [...r.envs] })));
    return { zones: out, costPerHour: b.usdPerHour, lowerBoundPerHour: 0, optimal: false, status: "optimal" };
  };
  const atPeak = pack(all, ctx.demand.peak, true);
  if (!atPeak) return undefined;
  const chosen = [...new Set(atPeak.zones.flatMap((z) => z.map((r) => r.machine)))].sort(byName);
  return evaluate(ctx, chosen, cap, (value, withBuffer) => pack(chosen, value, withBuffer));
}

/** Zones with identical node runs at peak, grouped. */
function groupZones(ctx: ProviderContext, p: LevelPacking): PlanOption["placement"] {
  const out: { zones: string[]; nodes: NodeRun[]; key: string }[] = [];
  p.zones.forEach((runs, z) => {
    const nodes = runs.filter((r) => r.count > 0).map((r) => ({ machineType: r.machine, count: r.count, envs: Object.fromEntries(ctx.demand.shapes.map((s, k) => [s.name, r.envs[k] ?? 0])) }));
    const key = JSON.stringify(nodes);
    const same = out.find((g) => g.key === key);
    const name = ctx.zoneNames[z] ?? `zone ${z + 1}`;
    if (same) same.zones.push(name);
    else out.push({ zones: [name], nodes, key });
  });
  return out.map(({ zones, nodes }) => ({ zones, nodes }));
}

/**
 * Pool names valid for each provider: GKE `devenv-<machine type>` ([a-z0-9-], ≤ 40 chars); AKS
 * `dev` + a short type code (lowercase alphanumerics, ≤ 12 chars, starting with a letter); EKS like GKE.
 */
export function poolName(provider: Provider, m: CatalogMachineType): string {
  if (provider === "azure") return `dev${m.name.replace(/^Standard_/, "").toLowerCase().replace(/[^a-z0-9]/g, "")}`.slice(0, 12);
  return `devenv-${m.name.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 40).replace(/-+$/, "");
}

function toOption(ctx: ProviderContext, kind: OptionKind, e: Evaluated, lowerBound: number): PlanOption {
  const isCheapest = kind === "cheapest";
  const gap = e.total > 0 ? Math.max(0, (e.total - lowerBound) / e.total) : 0;
  return {
    kind,
    pools: e.pools,
    nodes: e.nodes,
    placement: e.placement,
    blastRadius: e.blastRadius,
    maxEnvsPerNode: e.cap !== undefined && e.pools.some((pl) => Object.values(pl.node.binds).includes("max-envs-per-node")) ? e.cap : null,
    applied: e.applied,
    bill: { autoscaled: e.autoscaled, static: e.static },
    lowerBoundUsdPerMonth: lowerBound,
    gap,
    optimal: gap <= tolerance,
    issues: e.issues,
  };
}

function noFitIssue(req: ClusterRequest, s: PackShape, candidates: readonly Candidate[], provider: Provider, region: string, platform: PlatformId, path: string): PlanIssue {
  const r = s.request;
  const short = (c: Candidate): number => Math.max(...r.map((v, d) => (v > 0 ? Math.max(0, v - (c.capacity[d] ?? 0)) / v : 0)));
  const near = [...candidates].sort((a, b) => short(a) - short(b) || a.costPerHour - b.costPerHour)[0];
  const shape = req.shapes.find((x) => x.name === s.name);
  const lacks = near
    ? [
        (near.capacity[0] ?? 0) < (r[0] ?? 0) ? `${(r[0] ?? 0) - (near.capacity[0] ?? 0)}m CPU` : "",
        (near.capacity[1] ?? 0) < (r[1] ?? 0) ? `${Math.ceil(((r[1] ?? 0) - (near.capacity[1] ?? 0)) / 1048576)} MiB memory` : "",
      ]
        .filter(Boolean)
        .join(" and ")
    : "";
  const what = near ? `; nearest is ${near.machine.name} (${near.machine.vcpus} vCPU, ${near.machine.memoryMiB / 1024} GiB)${lacks ? `, short of ${lacks} after reservations and system pods` : ""}` : "";
  return issue(req.shapes.length === 1 ? "no_machine_fits" : "env_fits_no_machine", "error", path, `${req.shapes.length === 1 ? "" : `env ${s.name} `}(${shape?.envText ?? s.name}) fits no ${provider} machine type in ${region} on ${platform}${what}`, {
    shape: s.name,
    provider,
    nearestMachineType: near?.machine.name ?? null,
  });
}

/** Exit status a plan asks for: 1 when it has error-severity issues (product contract). */
export function planExitCode(p: PlanDocument): 0 | 1 {
  return hasErrors(p.issues) ? 1 : 0;
}

export { minutesPerWeek };
