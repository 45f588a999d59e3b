/**
 * The plan: for each provider, strategies (one-per-node, many-per-node) with nodes, binding constraint,
 * overhead, stranded capacity, blast radius and list price. Pure: catalogs come in as arguments.
 */
import { findMachine, isFlagged, offeringIn, type Catalogs } from "../catalog/lookup.js";
import type { CatalogMachineType, Provider } from "../catalog/types.js";
import type { DaemonSetOverhead } from "./daemonsets.js";
import { hasErrors, issue, type PlanIssue } from "./issues.js";
import { computeNodeModel, type NodeModel, type ReservationOverrides } from "./node-model.js";
import type { PlatformId } from "./overhead/types.js";
import { nodesFor, packOneShape, type Dimension } from "./packing.js";
import { platforms } from "./platform.js";
import { seedNotes } from "./seed-claims.js";
import type { EnvShape } from "./units/env-shape.js";
import { costStrategy, type PricingData, type StrategyAutoscaler, type StrategyCost } from "./costing-plan.js";
import { envHoursPerMonth, hourlyPeaks, seriesMax, weeklyDemand } from "./demand.js";
import { defaultCosting, type Costing } from "./resolve-costing.js";

/**
 * Final tie-break by machine name in UTF-16 code-unit order: the same on every machine, unlike
 * `localeCompare` (ICU collation depends on the locale and costs a collator per call).
 */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Plan document version (bump on breaking JSON changes). */
export const planVersion = "1";

/** A resolved, validated request (see `resolve-request.ts`). */
export interface PlanRequest {
  readonly peak: number;
  readonly normal: number;
  readonly env: EnvShape;
  readonly envText: string;
  readonly providers: readonly Provider[];
  readonly regions: Readonly<Partial<Record<Provider, string>>>;
  readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
  /** Machine types the user named, with their provider. */
  readonly machines: readonly { readonly provider: Provider; readonly name: string }[];
  readonly maxPods?: number;
  readonly daemonSets?: DaemonSetOverhead;
  readonly overrides?: ReservationOverrides;
  /** Demand over time, disks, pricing, zones, autoscaler knobs and fees (issue 3); defaults when absent. */
  readonly costing?: Costing;
}

export type StrategyKind = "one-per-node" | "many-per-node";
/**
 * - `cheapest`: one-per-node on the cheapest type that fits one env;
 * - `node-sized`: the seeds' reading, a VM the size of the env (n2-standard-4 / Standard_D4s_v3 for 4cpu16g);
 * - `lowest-cost-per-env`: many-per-node on the type with the lowest list price per env slot bought at peak;
 * - `seed-example`: many-per-node on the seeds' example type (n2-standard-32 / Standard_D64s_v3);
 * - `named`: many-per-node on a type named with --machine.
 */
export type StrategyVariant = "cheapest" | "node-sized" | "lowest-cost-per-env" | "seed-example" | "named";

/** A low/high pair where the platform is a range (flat), else a single number. */
export type MaybeRange = number | { readonly low: number; readonly high: number };

export interface StrategyResult {
  readonly strategy: StrategyKind;
  readonly variant: StrategyVariant;
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly machineType: string;
  readonly region: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  /** Envs per node (1 for one-per-node when it fits; 0 when the env does not fit). */
  readonly envsPerNode: number;
  /** Envs that would fit on one node of this type (the packing result, also for one-per-node). */
  readonly envsThatFit: number;
  readonly bindingConstraint: Dimension;
  readonly perDimension: Readonly<Record<Dimension, number>>;
  /** null when the env does not fit on this type. */
  readonly nodes: { readonly peak: number | null; readonly normal: number | null };
  /** Totals at peak: nodes × (nominal − forEnvs). */
  readonly overhead: { readonly cpuMillicores: MaybeRange; readonly memoryBytes: MaybeRange };
  /** What one env can use at most on this node (forEnvs), the seeds' "a developer will get". */
  readonly perNode: {
    readonly allocatable: { readonly cpuMillicores: number; readonly memoryBytes: number; readonly pods: number; readonly volumes: number };
    readonly forEnvs: { readonly cpuMillicores: MaybeRange; readonly memoryBytes: MaybeRange; readonly pods: number; readonly volumes: number };
  };
  /** Capacity on the peak node count that no env uses: nodes × forEnvs − peak × request. */
  readonly stranded: { readonly cpuMillicores: number | null; readonly memoryBytes: number | null };
  /** Envs lost when one node fails. */
  readonly blastRadius: number;
  /** On-demand list price of one node, USD per hour (null when not published for the region). */
  readonly nodeUsdPerHour: number | null;
  /** Peak nodes × list price, USD per hour (null when unknown). */
  readonly usdPerHour: number | null;
  readonly usdPerHourNormal: number | null;
  readonly formulaVariant: string;
  readonly flagged: boolean;
  /** Autoscaler bounds for this pool (null when the env does not fit). */
  readonly autoscaler: StrategyAutoscaler | null;
  /** Monthly cost (null when the env does not fit). */
  readonly cost: StrategyCost | null;
  readonly issues: readonly PlanIssue[];
}

/** The strategy cc-plan recommends for a provider, and why. */
export interface Recommendation {
  readonly provider: Provider;
  /** Index into `strategies`. */
  readonly strategy: number;
  readonly machineType: string;
  readonly reason: string;
}

export interface Plan {
  readonly planVersion: string;
  readonly inputs: {
    readonly peak: number;
    readonly normal: number;
    readonly env: { readonly text: string; readonly cpuMillicores: number; readonly memoryBytes: number };
    readonly providers: readonly Provider[];
    readonly regions: Readonly<Partial<Record<Provider, string>>>;
    readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
    readonly machines: readonly string[];
    readonly maxPods: number | null;
    readonly daemonSets: DaemonSetOverhead | null;
    readonly costing: Costing;
  };
  readonly catalogs: readonly { readonly provider: Provider; readonly asOf: string; readonly currency: string }[];
  readonly demand: {
    readonly peak: number;
    readonly normal: number;
    readonly totals: { readonly cpuMillicores: number; readonly memoryBytes: number };
    readonly normalTotals: { readonly cpuMillicores: number; readonly memoryBytes: number };
    /** Where the week's demand comes from: the hourly profile, or flat at normal (the seeds' average). */
    readonly source: "profile" | "flat at normal";
    /** Envs that exist (each with a billed disk): users × envs per user, else one per peak env. */
    readonly existingEnvs: number;
    /** Developers the per-developer cost divides by: users, else one per peak env. */
    readonly developers: number;
    readonly envHoursPerMonth: number;
    /** Busiest minute of each hour of a typical weekday and weekend day, incl. standby and warm-ups. */
    readonly hourly: { readonly weekday: readonly number[]; readonly weekend: readonly number[] };
  };
  readonly strategies: readonly StrategyResult[];
  readonly recommendations: readonly Recommendation[];
  readonly notes: readonly PlanIssue[];
  readonly issues: readonly PlanIssue[];
}

/** Seeds' reference machine types (shared/seeds/*-install.txt, "Choose a node allocation strategy"). */
export const seedMachines: Readonly<Partial<Record<Provider, { nodeSizedFamily: RegExp; manyPerNode: string }>>> = {
  gcp: { nodeSizedFamily: /^n2-standard-\d+$/, manyPerNode: "n2-standard-32" },
  azure: { nodeSizedFamily: /^Standard_D\d+s_v3$/, manyPerNode: "Standard_D64s_v3" },
};

const range = (low: number, high: number): MaybeRange => (low === high ? high : { low, high });

interface Evaluated {
  readonly machine: CatalogMachineType;
  readonly high: NodeModel;
  readonly low: NodeModel;
  readonly price: number | undefined;
}

function evaluate(req: PlanRequest, provider: Provider, machine: CatalogMachineType): Evaluated {
  const platform = req.platforms[provider] ?? "gke";
  const region = req.regions[provider] ?? "";
  const opts = {
    provider,
    platform,
    ...(req.maxPods === undefined ? {} : { maxPods: req.maxPods }),
    ...(req.daemonSets === undefined ? {} : { daemonSets: req.daemonSets }),
    ...(req.overrides === undefined ? {} : { overrides: req.overrides }),
  };
  const high = computeNodeModel(machine, { ...opts, bound: "high" });
  const low = platforms[platform].ranged ? computeNodeModel(machine, { ...opts, bound: "low" }) : high;
  return { machine, high, low, price: offeringIn(machine, region)?.onDemandUsdPerHour };
}

function buildStrategy(
  req: PlanRequest,
  provider: Provider,
  strategy: StrategyKind,
  variant: StrategyVariant,
  e: Evaluated,
  path: string,
): StrategyResult {
  const { high, low, machine } = e;
  const packing = packOneShape(high.forEnvs, req.env);
  const fits = packing.envsPerNode;
  const envsPerNode = strategy === "one-per-node" ? Math.min(1, fits) : fits;
  const peakNodes = nodesFor(req.peak, envsPerNode) ?? null;
  const normalNodes = nodesFor(req.normal, envsPerNode) ?? null;
  const issues: PlanIssue[] = [...high.issues];
  if (e.price === undefined) {
    issues.push(
      issue("price_not_found", variant === "named" ? "error" : "warning", path, `no on-demand price for ${machine.name} in ${req.regions[provider]}`, {
        machineType: machine.name,
        region: req.regions[provider] ?? null,
      }),
    );
  }
  if (fits === 0 && variant !== "node-sized") {
    issues.push(
      issue("env_does_not_fit", variant === "named" ? "error" : "warning", path, doesNotFitMessage(req, high), {
        machineType: machine.name,
        bindingConstraint: packing.bindingConstraint,
      }),
    );
  }
  if (variant === "named" && isFlagged(machine)) {
    issues.push(
      issue("machine_flagged", "warning", path, `${machine.name} is ${flagReason(machine)}`, { machineType: machine.name }),
    );
  }
  const perNodeOverheadCpu = [low.overhead.cpuMillicores, high.overhead.cpuMillicores] as const;
  const perNodeOverheadMem = [low.overhead.memoryBytes, high.overhead.memoryBytes] as const;
  const n = peakNodes ?? 0;
  return {
    strategy,
    variant,
    provider,
    platform: high.platform,
    machineType: machine.name,
    region: req.regions[provider] ?? "",
    vcpus: machine.vcpus,
    memoryMiB: machine.memoryMiB,
    envsPerNode,
    envsThatFit: fits,
    bindingConstraint: packing.bindingConstraint,
    perDimension: packing.perDimension,
    nodes: { peak: peakNodes, normal: normalNodes },
    overhead: {
      cpuMillicores: range(n * perNodeOverheadCpu[0], n * perNodeOverheadCpu[1]),
      memoryBytes: range(n * perNodeOverheadMem[0], n * perNodeOverheadMem[1]),
    },
    perNode: {
      allocatable: { ...high.allocatable },
      forEnvs: {
        cpuMillicores: range(high.forEnvs.cpuMillicores, low.forEnvs.cpuMillicores),
        memoryBytes: range(high.forEnvs.memoryBytes, low.forEnvs.memoryBytes),
        pods: high.forEnvs.pods,
        volumes: high.forEnvs.volumes,
      },
    },
    stranded:
      peakNodes === null
        ? { cpuMillicores: null, memoryBytes: null }
        : {
            cpuMillicores: peakNodes * high.forEnvs.cpuMillicores - req.peak * req.env.cpuMillicores,
            memoryBytes: peakNodes * high.forEnvs.memoryBytes - req.peak * req.env.memoryBytes,
          },
    blastRadius: envsPerNode,
    nodeUsdPerHour: e.price ?? null,
    usdPerHour: e.price === undefined || peakNodes === null ? null : peakNodes * e.price,
    usdPerHourNormal: e.price === undefined || normalNodes === null ? null : normalNodes * e.price,
    formulaVariant: high.formulaVariant,
    flagged: isFlagged(machine),
    autoscaler: null,
    cost: null,
    issues,
  };
}

function flagReason(m: CatalogMachineType): string {
  const kinds = [m.burstable ? "burstable" : "", m.sharedCore ? "shared-core" : ""].filter(Boolean).join(", ");
  return `${kinds || "flagged"}${m.avoid ? `: ${m.avoid}` : ""}`;
}

function doesNotFitMessage(req: PlanRequest, n: NodeModel): string {
  return `${req.envText} does not fit on ${n.machineType} (${n.platform}): short of ${shortfall(req.env, n.forEnvs)} after reservations and system pods`;
}

/** What one env lacks on a node: "1200m CPU and 3277 MiB memory" (MiB rounded up), pod and volume slots. */
export function shortfall(env: EnvShape, forEnvs: NodeModel["forEnvs"]): string {
  const short: string[] = [];
  if (forEnvs.cpuMillicores < env.cpuMillicores) short.push(`${env.cpuMillicores - forEnvs.cpuMillicores}m CPU`);
  if (forEnvs.memoryBytes < env.memoryBytes) short.push(`${Math.ceil((env.memoryBytes - forEnvs.memoryBytes) / 1048576)} MiB memory`);
  if (forEnvs.pods < 1) short.push("a pod slot");
  if (forEnvs.volumes < 1) short.push("a volume slot");
  return short.join(" and ");
}

/** Provider, price date and currency of each planned catalog (the `catalogs` field of both plan documents). */
export function catalogVersions(providers: readonly Provider[], catalogs: Catalogs): { provider: Provider; asOf: string; currency: string }[] {
  return providers.flatMap((p) => {
    const c = catalogs[p];
    return c ? [{ provider: p, asOf: c._meta.asOf, currency: c._meta.currency }] : [];
  });
}

/**
 * Cost per env slot, counting the slots that must be bought at peak: ⌈peak / n⌉ × price / peak.
 * A pure per-slot price (price / n) favours huge nodes whose last one is mostly empty at the user's
 * peak (e.g. one 53-env node for 60 envs); counting whole nodes at peak does not. Decision recorded in
 * the README ("Strategies").
 */
const peakCost = (req: PlanRequest, e: Evaluated & { fits: number }): number => (nodesFor(req.peak, e.fits) ?? 0) * (e.price ?? 0);

/** Build the plan. `pricingData` (storage and fee catalogs) prices disks and cluster fees. */
export function plan(requested: PlanRequest, catalogs: Catalogs, pricingData: PricingData = {}): Plan {
  const strategies: StrategyResult[] = [];
  const issues: PlanIssue[] = [];
  const costing = requested.costing ?? defaultCosting(requested.providers);
  // The typical week: profile (or flat at normal) plus standby pools and warm-ups.
  const weekly = weeklyDemand({
    peak: requested.peak,
    normal: requested.normal,
    ...(costing.profile ? { profile: costing.profile } : {}),
    standby: costing.standby,
    warmups: costing.warmups,
  });
  const weeklyPeak = seriesMax(weekly);
  const req: PlanRequest = weeklyPeak > requested.peak ? { ...requested, peak: weeklyPeak } : requested;
  if (weeklyPeak > requested.peak) {
    issues.push(
      issue("peak_raised", "info", "demand.peak", `standby pools and warm-ups on top of the demand reach ${weeklyPeak} envs, above the peak of ${requested.peak}; planning for ${weeklyPeak}`, {
        given: requested.peak,
        planned: weeklyPeak,
      }),
    );
  }
  for (const provider of req.providers) {
    const catalog = catalogs[provider];
    if (!catalog) continue;
    const region = req.regions[provider] ?? "";
    const evaluated = catalog.machineTypes.map((m) => ({ ...evaluate(req, provider, m), fits: 0 }));
    for (const e of evaluated) e.fits = packOneShape(e.high.forEnvs, req.env).envsPerNode;
    const candidates = evaluated.filter((e) => e.price !== undefined && !isFlagged(e.machine) && !e.machine.offerings.find((o) => o.region === region)?.priceSuspect);
    const fitting = candidates.filter((e) => e.fits >= 1);
    const at = (): string => `strategies[${strategies.length}]`;
    if (fitting.length === 0) {
      issues.push(
        issue("no_machine_fits", "error", `providers.${provider}`, `no ${provider} machine type in ${region} fits ${req.envText} on ${req.platforms[provider]}`, {
          provider,
          region,
        }),
      );
    } else {
      const cheapest = [...fitting].sort((a, b) => (a.price ?? 0) - (b.price ?? 0) || byName(a.machine.name, b.machine.name))[0];
      if (cheapest) strategies.push(buildStrategy(req, provider, "one-per-node", "cheapest", cheapest, at()));
    }
    const seed = seedMachines[provider];
    if (seed) {
      const nodeSized = evaluated
        .filter((e) => seed.nodeSizedFamily.test(e.machine.name) && e.high.nominal.cpuMillicores >= req.env.cpuMillicores && e.high.nominal.memoryBytes >= req.env.memoryBytes)
        .sort((a, b) => a.machine.vcpus - b.machine.vcpus || a.machine.memoryMiB - b.machine.memoryMiB)[0];
      if (nodeSized) strategies.push(buildStrategy(req, provider, "one-per-node", "node-sized", nodeSized, at()));
    }
    const multi = fitting.filter((e) => e.fits >= 2);
    if (multi.length === 0 && fitting.length > 0) {
      issues.push(issue("no_multi_env_machine", "info", `providers.${provider}`, `no ${provider} machine type in ${region} holds two ${req.envText} envs`, { provider }));
    }
    // lowest cost per env slot bought at peak; ties: smaller blast radius, then cheaper per raw slot, then name
    const best = [...multi].sort(
      (a, b) =>
        peakCost(req, a) - peakCost(req, b) ||
        a.fits - b.fits ||
        (a.price ?? 0) * b.fits - (b.price ?? 0) * a.fits ||
        byName(a.machine.name, b.machine.name),
    )[0];
    if (best) strategies.push(buildStrategy(req, provider, "many-per-node", "lowest-cost-per-env", best, at()));
    const seedMany = seed && evaluated.find((e) => e.machine.name === seed.manyPerNode);
    if (seedMany) strategies.push(buildStrategy(req, provider, "many-per-node", "seed-example", seedMany, at()));
    for (const named of req.machines.filter((m) => m.provider === provider)) {
      const e = evaluated.find((x) => x.machine.name === named.name);
      if (e) strategies.push(buildStrategy(req, provider, "many-per-node", "named", e, at()));
    }
    if (req.maxPods === undefined && (req.platforms[provider] === "aks" || req.platforms[provider] === "eks")) {
      // On AKS ≥ 1.29 and EKS the memory reservation grows with maxPods (node-overhead.md §9.3), so say what was assumed.
      const assumed = req.platforms[provider] === "aks" ? "250 pods per node (Azure CNI Overlay default)" : "the ENI-based default per type (e.g. 29 on m5.large)";
      issues.push(
        issue("max_pods_assumed", "info", `providers.${provider}`, `${req.platforms[provider]} reserves memory per pod slot; assumed ${assumed}. Pass your pool's --max-pods (kubenet and older AKS pools use 110, which reserves less).`, {
          provider,
        }),
      );
    }
    const excluded = evaluated.filter((e) => isFlagged(e.machine) && e.price !== undefined).length;
    if (excluded > 0) {
      issues.push(
        issue("flagged_types_excluded", "info", `providers.${provider}`, `${excluded} burstable or shared-core ${provider} types (${provider === "azure" ? "B-series" : provider === "gcp" ? "e2" : "t-series"}) were not considered, as the seeds advise; name one with --machine to compare it`, {
          provider,
          count: excluded,
        }),
      );
    }
  }
  const existingEnvs = costing.users !== undefined ? costing.users * (costing.envsPerUser ?? 1) : req.peak;
  const developers = costing.users ?? req.peak;
  const envHours = envHoursPerMonth(weekly);
  if (!costing.profile) {
    issues.push(
      issue("demand_assumed", "info", "demand", `no hourly profile: the autoscaled cost assumes ${req.normal} envs (normal, the seeds' average concurrency) around the clock; a scenario profile gives a better estimate`, {}),
    );
  }
  if (costing.users === undefined) {
    issues.push(issue("demand_assumed", "info", "demand", `no --users: cost per developer and disks count one developer and one env per peak env (${req.peak})`, {}));
  }
  const ctx = { costing, peak: req.peak, normal: req.normal, demand: weekly, developers, existingEnvs, envHours, regions: req.regions, catalogs, pricingData };
  for (const [i, s] of strategies.entries()) {
    if (s.nodes.peak === null || s.envsPerNode < 1) continue;
    const c = costStrategy(ctx, { provider: s.provider, machineType: s.machineType, envsPerNode: s.envsPerNode, region: s.region, path: `strategies[${i}]` });
    strategies[i] = { ...s, autoscaler: c.autoscaler, cost: c.cost, issues: [...s.issues, ...c.issues] };
  }
  for (const [i, s] of strategies.entries()) issues.push(...s.issues.map((x) => ({ ...x, path: `strategies[${i}]` })));
  const notes = seedNotes(req, strategies);
  const recommendations = recommend(strategies);
  return {
    planVersion,
    inputs: {
      peak: req.peak,
      normal: req.normal,
      env: { text: req.envText, cpuMillicores: req.env.cpuMillicores, memoryBytes: req.env.memoryBytes },
      providers: req.providers,
      regions: req.regions,
      platforms: req.platforms,
      machines: req.machines.map((m) => m.name),
      maxPods: req.maxPods ?? null,
      daemonSets: req.daemonSets ?? null,
      costing,
    },
    catalogs: catalogVersions(req.providers, catalogs),
    demand: {
      peak: req.peak,
      normal: req.normal,
      totals: { cpuMillicores: req.peak * req.env.cpuMillicores, memoryBytes: req.peak * req.env.memoryBytes },
      normalTotals: { cpuMillicores: req.normal * req.env.cpuMillicores, memoryBytes: req.normal * req.env.memoryBytes },
      source: costing.profile ? "profile" : "flat at normal",
      existingEnvs,
      developers,
      envHoursPerMonth: envHours,
      hourly: hourlyPeaks(weekly),
    },
    strategies,
    recommendations,
    notes,
    issues,
  };
}

/** "$12,345.67" in messages (the same form the table prints). */
const usd = (n: number): string => {
  const [whole = "0", cents = "00"] = n.toFixed(2).split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
};

/**
 * Per provider, the strategy with the lowest autoscaled monthly cost (ties: smaller blast radius), with a
 * reason that weighs cost, start latency and blast radius against the cheapest one-per-node pool.
 */
function recommend(strategies: readonly StrategyResult[]): Recommendation[] {
  const out: Recommendation[] = [];
  const providersSeen = [...new Set(strategies.map((s) => s.provider))];
  for (const provider of providersSeen) {
    const priced = strategies
      .map((s, i) => ({ s, i, total: s.cost?.autoscaled.totalUsdPerMonth ?? null }))
      .filter((x): x is { s: StrategyResult; i: number; total: number } => x.s.provider === provider && x.total !== null);
    const best = [...priced].sort((a, b) => a.total - b.total || a.s.blastRadius - b.s.blastRadius || a.i - b.i)[0];
    if (!best) continue;
    const one = priced.find((x) => x.s.strategy === "one-per-node" && x.s.variant === "cheapest");
    const parts: string[] = [];
    if (one && one.i !== best.i) parts.push(`lowest monthly cost: ${usd(best.total)} vs ${usd(one.total)} for one env per node (${one.s.machineType})`);
    else parts.push(`lowest monthly cost: ${usd(best.total)}`);
    const buffer = best.s.autoscaler?.bufferEnvsPerZone ?? 0;
    parts.push(
      best.s.envsPerNode > 1
        ? `start latency: new envs start on running nodes while free slots last (${buffer} warm env slots per zone), a node start only when they run out`
        : `start latency: each env beyond the ${buffer} warm slots per zone waits for a new node (~${best.s.autoscaler?.nodeStartMinutes ?? "?"} min)`,
    );
    parts.push(`blast radius: ${best.s.blastRadius} env${best.s.blastRadius === 1 ? "" : "s"} lost with one node`);
    out.push({ provider, strategy: best.i, machineType: best.s.machineType, reason: parts.join("; ") });
  }
  return out;
}

/** Exit status a plan asks for: 1 when it has error-severity issues (product.md contracts). */
export function planExitCode(p: Plan): 0 | 1 {
  return hasErrors(p.issues) ? 1 : 0;
}

export { findMachine };
