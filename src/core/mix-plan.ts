/**
 * The plan for several env shapes (issue 5): per provider, the cheapest node pools there are (no pool
 * limit, at most k pools, one pool), one env per node, and what a greedy autoscaler loop would buy —
 * each with its nodes at peak and normal, cost, and for the optimised ones the lower bound, the gap and
 * whether the optimum is proven. Pure: catalogs and the solver come in as arguments.
 */
import { isFlagged, offeringIn, type Catalogs } from "../catalog/lookup.js";
import { diskPrice } from "../catalog/storage-lookup.js";
import type { CatalogMachineType, Offering, Provider } from "../catalog/types.js";
import type { PricingData } from "./costing-plan.js";
import type { PricingOption } from "./cost.js";
import { hoursPerMonth } from "./demand.js";
import { hasErrors, issue, type PlanIssue } from "./issues.js";
import { greedyBaseline, nodeBounds, solveMix, type BaselineSolution, type MixSolution, type MixStatus } from "./mix/engine.js";
import { maxFit, zoneGroups, type PackGroup, type PackMachine, type PackShape } from "./mix/instance.js";
import type { PlacedRun } from "./mix/placement.js";
import type { LinearSolver } from "./mix/solver.js";
import { scaleDown } from "./mix/scale-down.js";
import type { MixRequest, MixShapeRequest } from "./mix-request.js";
import { computeNodeModel, type NodeModel } from "./node-model.js";
import type { PlatformId } from "./overhead/types.js";
import { catalogVersions, planVersion, shortfall } from "./plan.js";

export type MixVariant = "cheapest-mix" | "max-pools" | "one-pool" | "one-per-node" | "greedy-baseline";

/** A pool of one machine type in a mixed plan. */
export interface MixPool {
  readonly machineType: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly nodeUsdPerHour: number;
  /** What one node offers to envs (allocatable − DaemonSets). */
  readonly forEnvs: { readonly cpuMillicores: number; readonly memoryBytes: number; readonly pods: number; readonly volumes: number };
  readonly nodes: { readonly peak: number; readonly normal: number };
  /** Envs of each shape on this pool at peak. */
  readonly envs: Readonly<Record<string, number>>;
  /** No packing of these envs on this machine type uses fewer nodes: max(L1, L2, ⌈LP⌉), per zone group summed. */
  readonly lowerBoundNodes: { readonly l1: number; readonly l2: number; readonly lp: number | null; readonly best: number };
}

/** Identical nodes: `count` nodes of `machineType`, each holding `envs`. */
export interface MixNodeRun {
  readonly machineType: string;
  readonly count: number;
  readonly envs: Readonly<Record<string, number>>;
}

export interface MixPlanRow {
  readonly variant: MixVariant;
  /** For `max-pools`. */
  readonly maxPools?: number;
  readonly pools: readonly MixPool[];
  /** Node contents per zone group: `zones` names the zones (each holds this set); empty = the whole pool. */
  readonly placement: readonly { readonly zones: readonly string[]; readonly nodes: readonly MixNodeRun[] }[];
  readonly nodes: { readonly peak: number; readonly normal: number };
  readonly usdPerHour: { readonly peak: number; readonly normal: number };
  readonly usdPerMonth: {
    /** Peak nodes all month (730 h). */
    readonly static: number;
    /** Normal nodes all month: the autoscaled pool with no profile (the seeds' normal = average). */
    readonly atNormal: number;
    /** One persistent disk per env at peak (null when a price is unknown; 0 only when no disk is given). */
    readonly disks: number | null;
    /** atNormal + disks (null when disks are unknown). */
    readonly total: number | null;
  };
  readonly perDeveloperUsdPerMonth: number | null;
  /** Capacity bought at peak that no env uses. */
  readonly stranded: { readonly cpuMillicores: number; readonly memoryBytes: number };
  /**
   * No plan of this variant costs less (`usdPerHour`; configuration LP `lpUsdPerHour`), and the pools
   * cannot hold their envs on fewer nodes (`nodes`); null for one-per-node and the baseline.
   */
  readonly lowerBound: { readonly usdPerHour: number; readonly lpUsdPerHour: number; readonly nodes: number } | null;
  /** (plan − lower bound) / plan at peak. */
  readonly gap: number | null;
  /** True only when the solver proved the optimum (or the plan meets its bound). */
  readonly optimal: boolean | null;
  readonly status: MixStatus | "closed-form" | "heuristic";
  /** The heuristic plan the exact search started from (USD per hour at peak). */
  readonly heuristicUsdPerHour: number | null;
}

export interface MixProviderPlan {
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly region: string;
  readonly pricing: PricingOption;
  readonly machinesConsidered: number;
  readonly machinesAfterPruning: number;
  readonly rows: readonly MixPlanRow[];
  /** Index into `rows` of the recommended plan (the cheapest mix). */
  readonly recommended: number | null;
  /**
   * Index of the row that is cheapest at normal demand all month (the autoscaled estimate without a
   * profile); it can differ from the recommended one, which is cheapest at peak.
   */
  readonly cheapestAtNormal: number | null;
  /** What the recommended plan saves against the greedy baseline at peak. */
  readonly savingVsBaseline: { readonly usdPerHour: number; readonly percent: number } | null;
  readonly solver: { readonly columns: number; readonly cgIterations: number; readonly lpSolves: number; readonly mipSolves: number };
  readonly issues: readonly PlanIssue[];
}

export interface MixPlan {
  readonly planVersion: string;
  readonly kind: "mix";
  readonly inputs: {
    readonly shapes: readonly { readonly name: string; readonly env: { readonly text: string; readonly cpuMillicores: number; readonly memoryBytes: number }; readonly peak: number; readonly normal: number; readonly diskBytes: number | null }[];
    readonly providers: readonly Provider[];
    readonly regions: Readonly<Partial<Record<Provider, string>>>;
    readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
    readonly machines: readonly string[];
    readonly maxPools: number | null;
    readonly perZone: boolean;
    readonly zones: Readonly<Partial<Record<Provider, { readonly count: number; readonly names: readonly string[] }>>>;
    readonly pricing: PricingOption;
    readonly timeLimitSeconds: number;
    readonly developers: number;
  };
  readonly catalogs: readonly { readonly provider: Provider; readonly asOf: string; readonly currency: string }[];
  readonly demand: {
    readonly peak: number;
    readonly normal: number;
    readonly totals: { readonly cpuMillicores: number; readonly memoryBytes: number };
  };
  readonly solver: string;
  readonly providers: readonly MixProviderPlan[];
  readonly issues: readonly PlanIssue[];
}

/** Options of {@link planMix}. */
export interface PlanMixOptions {
  readonly solver: LinearSolver;
  readonly pricingData?: PricingData;
}

/**
 * Hourly price of a machine under a pricing option, for the packing objective: list on-demand; GCP spot;
 * GCP 1-/3-year CUD as the catalog's 730-hour month ÷ 730 (both in USD). Other options (SUD, which depends
 * on how long each node runs, and Azure reservations, which the catalog holds only as documented
 * discount levels) price on demand here, with a note. Undefined when the catalog has no such price.
 */
export function mixHourlyPrice(o: Offering | undefined, pricing: PricingOption): number | undefined {
  if (!o) return undefined;
  if (pricing === "spot") return o.spotUsdPerHour;
  if (pricing === "cud-1y") return o.commit1yUsdPerMonth === undefined ? undefined : o.commit1yUsdPerMonth / hoursPerMonth;
  if (pricing === "cud-3y") return o.commit3yUsdPerMonth === undefined ? undefined : o.commit3yUsdPerMonth / hoursPerMonth;
  return o.onDemandUsdPerHour;
}

const appliedPricing = (provider: Provider, p: PricingOption): PricingOption =>
  p === "spot" || (provider === "gcp" && (p === "cud-1y" || p === "cud-3y")) ? p : "on-demand";

const toVec = (n: NodeModel): number[] => [n.forEnvs.cpuMillicores, n.forEnvs.memoryBytes, n.forEnvs.pods, n.forEnvs.volumes];
const packShape = (s: MixShapeRequest): PackShape => ({ name: s.name, request: [s.env.cpuMillicores, s.env.memoryBytes, s.env.pods, s.env.volumes] });

/** Build the mixed-shape plan. */
export function planMix(req: MixRequest, catalogs: Catalogs, options: PlanMixOptions): MixPlan {
  const issues: PlanIssue[] = [];
  const providers: MixProviderPlan[] = [];
  for (const provider of req.providers) {
    const catalog = catalogs[provider];
    if (!catalog) continue;
    const p = planProvider(req, provider, catalog.machineTypes, options, providers.length);
    providers.push(p);
    issues.push(...p.issues);
  }
  const peak = req.shapes.reduce((s, x) => s + x.peak, 0);
  return {
    planVersion,
    kind: "mix",
    inputs: {
      shapes: req.shapes.map((s) => ({ name: s.name, env: { text: s.envText, cpuMillicores: s.env.cpuMillicores, memoryBytes: s.env.memoryBytes }, peak: s.peak, normal: s.normal, diskBytes: s.diskBytes ?? null })),
      providers: req.providers,
      regions: req.regions,
      platforms: req.platforms,
      machines: req.machines.map((m) => m.name),
      maxPools: req.maxPools ?? null,
      perZone: req.perZone,
      zones: req.zones,
      pricing: req.pricing,
      timeLimitSeconds: req.timeLimitSeconds,
      developers: req.developers,
    },
    catalogs: catalogVersions(req.providers, catalogs),
    demand: {
      peak,
      normal: req.shapes.reduce((s, x) => s + x.normal, 0),
      totals: {
        cpuMillicores: req.shapes.reduce((s, x) => s + x.peak * x.env.cpuMillicores, 0),
        memoryBytes: req.shapes.reduce((s, x) => s + x.peak * x.env.memoryBytes, 0),
      },
    },
    solver: options.solver.name,
    providers,
    issues,
  };
}

interface Candidate {
  readonly machine: CatalogMachineType;
  readonly model: NodeModel;
  readonly pack: PackMachine;
}

function planProvider(req: MixRequest, provider: Provider, machineTypes: readonly CatalogMachineType[], options: PlanMixOptions, index: number): MixProviderPlan {
  const path = `providers[${index}]`;
  const issues: PlanIssue[] = [];
  const platform = req.platforms[provider] ?? "gke";
  const region = req.regions[provider] ?? "";
  const pricing = appliedPricing(provider, req.pricing);
  if (pricing !== req.pricing)
    issues.push(issue("pricing_not_applicable", "info", path, `mixed plans price ${req.pricing} as on-demand on ${provider} (the objective needs an hourly price per node; ${req.pricing === "sud" ? "SUD depends on each node's hours" : "the catalog has no such hourly price"})`, { provider, pricing: req.pricing }));
  const named = req.machines.filter((m) => m.provider === provider).map((m) => m.name);
  const modelOpts = {
    provider,
    platform,
    ...(req.maxPods === undefined ? {} : { maxPods: req.maxPods }),
    ...(req.daemonSets === undefined ? {} : { daemonSets: req.daemonSets }),
    ...(req.overrides === undefined ? {} : { overrides: req.overrides }),
  };
  const candidates: Candidate[] = [];
  let unpriced = 0;
  for (const m of machineTypes) {
    const o = offeringIn(m, region);
    if (named.length > 0 ? !named.includes(m.name) : isFlagged(m) || o?.priceSuspect !== undefined) continue;
    const price = mixHourlyPrice(o, pricing);
    if (price === undefined || !(price > 0)) {
      unpriced++;
      if (named.includes(m.name))
        issues.push(issue("price_not_found", "error", path, `no ${pricing} price for ${m.name} in ${region}`, { machineType: m.name, region }));
      continue;
    }
    const model = computeNodeModel(m, { ...modelOpts, bound: "high" });
    candidates.push({ machine: m, model, pack: { name: m.name, usdPerHour: price, capacity: toVec(model) } });
  }
  if (unpriced > 0 && named.length === 0 && pricing !== "on-demand")
    issues.push(issue("price_not_found", "info", path, `${unpriced} ${provider} machine types have no ${pricing} price in ${region} and were left out`, { provider, count: unpriced }));
  // Shapes that fit no machine type: reported with the nearest machine, then left out of this provider's plan.
  const shapes = req.shapes.filter((s) => {
    const r = packShape(s).request;
    if (candidates.some((c) => maxFit(c.pack.capacity, r) > 0)) return true;
    issues.push(noFitIssue(s, candidates, provider, region, platform, path));
    return false;
  });
  const packShapes = shapes.map(packShape);
  const zones = req.zones[provider] ?? { count: 3, names: [] };
  const zoneNames = req.perZone ? (zones.names.length > 0 ? zones.names : Array.from({ length: zones.count }, (_, i) => `zone ${i + 1}`)) : [];
  const peakGroups = zoneGroups(shapes.map((s) => s.peak), zoneNames);
  const normalGroups = zoneGroups(shapes.map((s) => s.normal), zoneNames);
  const empty = { provider, platform, region, pricing, machinesConsidered: candidates.length, machinesAfterPruning: 0, rows: [], recommended: null, cheapestAtNormal: null, savingVsBaseline: null, solver: { columns: 0, cgIterations: 0, lpSolves: 0, mipSolves: 0 }, issues };
  if (shapes.length === 0) return empty;
  const machines = candidates.map((c) => c.pack);
  const solved = solveMix({ shapes: packShapes, machines, groups: peakGroups }, { solver: options.solver, timeLimitSeconds: req.timeLimitSeconds, ...(req.maxPools === undefined ? {} : { maxPools: req.maxPools }) });
  if (!solved) return empty;
  const byName = new Map(candidates.map((c) => [c.machine.name, c]));
  const ctx: RowContext = { req, provider, region, shapes, packShapes, byName, peakGroups, normalGroups, options, issues, path };
  const rows: MixPlanRow[] = [];
  rows.push(optimisedRow(ctx, "cheapest-mix", solved.best));
  if (solved.pools) rows.push({ ...optimisedRow(ctx, "max-pools", solved.pools), maxPools: solved.pools.maxPools });
  // The one-pool plan is its own row unless the cheapest mix already is one.
  if (solved.onePool && solved.best.pools.length > 1) rows.push(optimisedRow(ctx, "one-pool", solved.onePool));
  else if (!solved.onePool) issues.push(issue("no_single_pool", "info", path, `no ${provider} machine type in ${region} holds every shape (${shapes.map((s) => s.name).join(", ")}), so there is no one-pool plan`, { provider }));
  rows.push(onePerNodeRow(ctx, candidates));
  rows.push(baselineRow(ctx, solved.baseline));
  for (const r of rows) if (r.optimal === false) issues.push(gapIssue(r, path, req.timeLimitSeconds));
  const best = rows[0] as MixPlanRow;
  const base = rows.find((r) => r.variant === "greedy-baseline");
  return {
    ...empty,
    machinesAfterPruning: solved.stats.machinesAfterPruning,
    rows,
    recommended: 0,
    cheapestAtNormal: rows.reduce((b, r, i) => (r.usdPerMonth.atNormal < (rows[b]?.usdPerMonth.atNormal ?? Number.POSITIVE_INFINITY) * (1 - 1e-9) ? i : b), 0),
    savingVsBaseline: base ? { usdPerHour: base.usdPerHour.peak - best.usdPerHour.peak, percent: base.usdPerHour.peak > 0 ? (100 * (base.usdPerHour.peak - best.usdPerHour.peak)) / base.usdPerHour.peak : 0 } : null,
    solver: { columns: solved.stats.columns, cgIterations: solved.stats.cgIterations, lpSolves: solved.stats.lpSolves, mipSolves: solved.stats.mipSolves },
    issues,
  };
}

interface RowContext {
  readonly req: MixRequest;
  readonly provider: Provider;
  readonly region: string;
  readonly shapes: readonly MixShapeRequest[];
  readonly packShapes: readonly PackShape[];
  readonly byName: ReadonlyMap<string, Candidate>;
  readonly peakGroups: readonly PackGroup[];
  readonly normalGroups: readonly PackGroup[];
  readonly options: PlanMixOptions;
  readonly issues: PlanIssue[];
  readonly path: string;
}

type Groups = MixSolution["groups"];

const envsRecord = (shapes: readonly MixShapeRequest[], envs: readonly number[]): Record<string, number> => Object.fromEntries(shapes.map((s, k) => [s.name, envs[k] ?? 0]));

const nodesIn = (groups: Groups, machine?: string): number => groups.reduce((s, g) => s + g.multiplicity * g.runs.filter((r) => machine === undefined || r.machine === machine).reduce((t, r) => t + r.count, 0), 0);

function costOf(ctx: RowContext, groups: Groups): number {
  return groups.reduce((s, g) => s + g.multiplicity * g.runs.reduce((t, r) => t + r.count * (ctx.byName.get(r.machine)?.pack.usdPerHour ?? 0), 0), 0);
}

/**
 * Normal demand on the pools a peak plan chose: the cheapest packing on those machine types (the
 * autoscaler shrinks pools; it does not swap types). A pool never needs more nodes at normal than at
 * peak, so when that packing uses more of some pool than the peak plan has, the scale-down of the peak
 * placement is used instead (mix/scale-down.ts: the surplus envs leave the least-filled nodes first,
 * then nodes whose envs fit elsewhere are drained, as cluster-autoscaler does) — a heuristic, labelled
 * as such in the README. A quarter of the time limit.
 */
function normalPlan(ctx: RowContext, pools: readonly string[], peak: Groups): Groups {
  if (sameDemand(ctx)) return peak;
  const machines = pools.map((n) => ctx.byName.get(n)?.pack).filter((m): m is PackMachine => m !== undefined);
  const free = solveMix({ shapes: ctx.packShapes, machines, groups: ctx.normalGroups }, { solver: ctx.options.solver, timeLimitSeconds: ctx.req.timeLimitSeconds / 4, bestOnly: true });
  return ctx.normalGroups.map((g, i) => {
    const peakRuns = peak[i]?.runs ?? [];
    const caps = new Map<string, number>();
    for (const r of peakRuns) caps.set(r.machine, (caps.get(r.machine) ?? 0) + r.count);
    const runs = free?.best.groups[i]?.runs;
    const within = runs !== undefined && [...caps].every(([m, n]) => runs.filter((r) => r.machine === m).reduce((s, r) => s + r.count, 0) <= n);
    return { zones: g.zones, multiplicity: g.multiplicity, runs: runs && within ? runs : scaleDown(ctx.packShapes, peakRuns, g.demand, machines) };
  });
}

function buildRow(ctx: RowContext, variant: MixVariant, peak: Groups, normal: Groups, extra: Pick<MixPlanRow, "lowerBound" | "gap" | "optimal" | "status" | "heuristicUsdPerHour">, bounds: boolean): MixPlanRow {
  const names = [...new Set(peak.flatMap((g) => g.runs.map((r) => r.machine)))].sort();
  const pools: MixPool[] = names.map((name) => {
    const c = ctx.byName.get(name) as Candidate;
    const envs = ctx.shapes.map((_, k) => peak.reduce((s, g) => s + g.multiplicity * g.runs.filter((r) => r.machine === name).reduce((t, r) => t + r.count * (r.envs[k] ?? 0), 0), 0));
    let lb = { l1: 0, l2: 0, lp: 0 as number | null, best: 0 };
    if (bounds) {
      for (const g of peak) {
        const d = ctx.shapes.map((_, k) => g.runs.filter((r) => r.machine === name).reduce((t, r) => t + r.count * (r.envs[k] ?? 0), 0));
        const b = nodeBounds(ctx.packShapes, d, c.pack, ctx.options.solver);
        lb = { l1: lb.l1 + g.multiplicity * b.l1, l2: lb.l2 + g.multiplicity * b.l2, lp: lb.lp === null || b.lp === null ? null : lb.lp + g.multiplicity * b.lp, best: lb.best + g.multiplicity * b.best };
      }
    }
    return {
      machineType: name,
      vcpus: c.machine.vcpus,
      memoryMiB: c.machine.memoryMiB,
      nodeUsdPerHour: c.pack.usdPerHour,
      forEnvs: { cpuMillicores: c.model.forEnvs.cpuMillicores, memoryBytes: c.model.forEnvs.memoryBytes, pods: c.model.forEnvs.pods, volumes: c.model.forEnvs.volumes },
      nodes: { peak: nodesIn(peak, name), normal: nodesIn(normal, name) },
      envs: envsRecord(ctx.shapes, envs),
      lowerBoundNodes: lb,
    };
  });
  const peakUsd = costOf(ctx, peak);
  const normalUsd = costOf(ctx, normal);
  const disks = diskCost(ctx);
  const atNormal = normalUsd * hoursPerMonth;
  const total = disks === null ? null : atNormal + disks;
  const cpu = pools.reduce((s, p) => s + p.nodes.peak * p.forEnvs.cpuMillicores, 0) - ctx.shapes.reduce((s, x) => s + x.peak * x.env.cpuMillicores, 0);
  const mem = pools.reduce((s, p) => s + p.nodes.peak * p.forEnvs.memoryBytes, 0) - ctx.shapes.reduce((s, x) => s + x.peak * x.env.memoryBytes, 0);
  return {
    variant,
    pools,
    placement: peak.map((g) => ({ zones: g.zones, nodes: g.runs.map((r) => ({ machineType: r.machine, count: r.count, envs: envsRecord(ctx.shapes, r.envs) })) })),
    nodes: { peak: nodesIn(peak), normal: nodesIn(normal) },
    usdPerHour: { peak: peakUsd, normal: normalUsd },
    usdPerMonth: { static: peakUsd * hoursPerMonth, atNormal, disks, total },
    perDeveloperUsdPerMonth: total === null ? null : total / ctx.req.developers,
    stranded: { cpuMillicores: cpu, memoryBytes: mem },
    ...extra,
    lowerBound: extra.lowerBound === null ? null : { ...extra.lowerBound, nodes: pools.reduce((s, p) => s + p.lowerBoundNodes.best, 0) },
  };
}

function optimisedRow(ctx: RowContext, variant: MixVariant, s: MixSolution): MixPlanRow {
  const normal = normalPlan(ctx, s.pools, s.groups);
  return buildRow(
    ctx,
    variant,
    s.groups,
    normal,
    { lowerBound: { usdPerHour: s.lowerBound.usdPerHour, lpUsdPerHour: s.lowerBound.lpUsdPerHour, nodes: 0 }, gap: s.gap, optimal: s.optimal, status: s.status, heuristicUsdPerHour: s.heuristicUsdPerHour },
    true,
  );
}

/** One env per node: each shape on the cheapest machine type that holds one (closed form, exact). */
function onePerNodeRow(ctx: RowContext, candidates: readonly Candidate[]): MixPlanRow {
  const pick = ctx.packShapes.map((s) => [...candidates].filter((c) => maxFit(c.pack.capacity, s.request) > 0).sort((a, b) => a.pack.usdPerHour - b.pack.usdPerHour || (a.machine.name < b.machine.name ? -1 : 1))[0] as Candidate);
  const groupsOf = (groups: readonly PackGroup[]): Groups =>
    groups.map((g) => ({
      zones: g.zones,
      multiplicity: g.multiplicity,
      runs: mergeRuns(ctx.packShapes.flatMap((_, k) => ((g.demand[k] ?? 0) > 0 ? [{ machine: pick[k]?.machine.name ?? "", count: g.demand[k] ?? 0, envs: ctx.packShapes.map((_, i) => (i === k ? 1 : 0)) }] : []))),
    }));
  return buildRow(ctx, "one-per-node", groupsOf(ctx.peakGroups), groupsOf(ctx.normalGroups), { lowerBound: null, gap: null, optimal: null, status: "closed-form", heuristicUsdPerHour: null }, false);
}

function mergeRuns(runs: readonly PlacedRun[]): PlacedRun[] {
  const m = new Map<string, PlacedRun>();
  for (const r of runs) {
    const k = `${r.machine}|${r.envs.join(",")}`;
    const o = m.get(k);
    m.set(k, o ? { ...o, count: o.count + r.count } : r);
  }
  return [...m.values()];
}

function baselineRow(ctx: RowContext, b: BaselineSolution): MixPlanRow {
  // The same greedy loop at normal demand, on the node groups it chose at peak.
  const machines = b.pools.map((n) => ctx.byName.get(n)?.pack).filter((m): m is PackMachine => m !== undefined);
  const normal = sameDemand(ctx) ? b.groups : greedyBaseline(ctx.packShapes, ctx.normalGroups, machines).groups;
  return buildRow(ctx, "greedy-baseline", b.groups, normal, { lowerBound: null, gap: null, optimal: null, status: "heuristic", heuristicUsdPerHour: null }, false);
}

/** Normal equals peak for every shape: the normal plan is the peak plan. */
const sameDemand = (ctx: RowContext): boolean => ctx.shapes.every((s) => s.normal === s.peak);

/** One persistent disk per env at peak, priced from the storage catalog; null (with an issue) when a price is unknown. */
function diskCost(ctx: RowContext): number | null {
  const storage = ctx.options.pricingData?.storage?.[ctx.provider];
  const cls = ctx.req.storageClasses[ctx.provider];
  let total = 0;
  for (const s of ctx.shapes) {
    if (s.diskBytes === undefined) continue;
    if (!storage || !cls) return null;
    const p = diskPrice(storage, ctx.region, cls, s.diskBytes);
    if (!p.ok) {
      if (!ctx.issues.some((i) => i.code === "price_not_found" && i.details.shape === s.name))
        ctx.issues.push(issue("price_not_found", "error", ctx.path, `disk of ${s.name}: ${p.reason}`, { shape: s.name, storageClass: cls, region: ctx.region }));
      return null;
    }
    total += s.peak * p.usdPerMonth;
  }
  return total;
}

function noFitIssue(s: MixShapeRequest, candidates: readonly Candidate[], provider: Provider, region: string, platform: PlatformId, path: string): PlanIssue {
  // Nearest: the machine type whose largest relative shortfall (over CPU, memory, pod and volume slots) is smallest.
  const r = packShape(s).request;
  const short = (c: Candidate): number => Math.max(...r.map((v, d) => (v > 0 ? Math.max(0, v - (c.pack.capacity[d] ?? 0)) / v : 0)));
  const near = [...candidates].sort((a, b) => short(a) - short(b) || a.pack.usdPerHour - b.pack.usdPerHour)[0];
  const what = near
    ? `; nearest is ${near.machine.name} (${near.machine.vcpus} vCPU, ${near.machine.memoryMiB / 1024} GiB), short of ${shortfall(s.env, near.model.forEnvs)} after reservations and system pods`
    : "";
  return issue("env_fits_no_machine", "error", path, `env ${s.name} (${s.envText}) fits no ${provider} machine type in ${region} on ${platform}${what}; it is left out of the ${provider} plan`, {
    shape: s.name,
    provider,
    nearestMachineType: near?.machine.name ?? null,
  });
}

function gapIssue(r: MixPlanRow, path: string, limit: number): PlanIssue {
  const pct = ((r.gap ?? 0) * 100).toFixed(2);
  const why =
    r.status === "time_limit" ? `the ${limit} s time limit stopped the solver (--time-limit raises it)` : r.status === "column_limit" ? "there were too many packing patterns to list" : "the solver failed";
  return issue("optimum_not_proven", "warning", path, `${r.variant}: within ${pct} % of the lowest possible cost (${why})`, { variant: r.variant, gap: r.gap ?? null, status: r.status });
}

/** Exit status of a mixed plan: 1 with error-severity issues. */
export function mixPlanExitCode(p: MixPlan): 0 | 1 {
  return hasErrors(p.issues) ? 1 : 0;
}
