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
 *    each level (several pools). The cheapest bill wins; equal bills prefer a smaller blast radius (found
 *    by the same cap bisection as step 5, with no allowance), then fewer pools.
 * 4. Lower bound: Σ over the week of the cheapest possible packing at each minute's level, kept for the
 *    scale-down delay, at each type's lowest node-hour rate, plus the lines no plan can avoid. `optimal`
 *    when the bill meets it.
 * 5. Preference (`--within`): among plans within that fraction of the cheapest bill, the one that loses
 *    the fewest envs with one node: the smallest per-node cap whose cheapest plan stays within it (found by
 *    bisection; the cheapest plan under a cap never rises when the cap rises).
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import { autoscalerBounds } from "../autoscaler.js";
import { objectiveRate } from "../bill/bill.js";
import { type CapacityEstimate, rangeText } from "../capacity.js";
import { kubernetesService } from "../constants.js";
import { envHoursPerMonth, hourlyPeaks, hoursPerMonth, seriesMax, weeklyDemand } from "../demand.js";
import { hasErrors, issue, type PlanIssue } from "../issues.js";
import { Budget } from "../mix/budget.js";
import type { PackShape } from "../mix/instance.js";
import { computeNodeModel } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import { ofEnv, ofNode, resources } from "../resources.js";
import { money } from "../units/money.js";
import { byName, type Candidate, type Demand, type Evaluated, isFlagged, type PlannerOptions, type ProviderContext, tolerance } from "./context.js";
import { type CapacityEstimateDoc, type OptionKind, type PlanDocument, type PlanOption, type ProviderPlan, planVersion } from "./document.js";
import { evaluate, toOption } from "./evaluate.js";
import { guideExample, guideNotes } from "./guide-notes.js";
import { apportion, largestShape, levelsOf } from "./levels.js";
import { typeModelOptions } from "./model-options.js";
import { envsPerNodeOf } from "./pack.js";
import { ageInDays, type PriceDate, priceDatesOf, stalePriceDays } from "./price-age.js";
import type { ClusterRequest } from "./request.js";
import { greedy, searchBest } from "./search.js";

export { poolName } from "./evaluate.js";
export type { PlannerOptions };
export { isFlagged };

/** Build the plan document. */
export function planCluster(req: ClusterRequest, catalogs: Catalogs, options: PlannerOptions): PlanDocument {
  const notes: PlanIssue[] = [];
  const issues: PlanIssue[] = [];
  const costing = req.costing;
  const givenPeak = req.shapes.reduce((s, x) => s + x.peak, 0);
  const givenNormal = req.shapes.reduce((s, x) => s + x.normal, 0);
  const weekly = weeklyDemand({
    peak: givenPeak,
    normal: givenNormal,
    ...(costing.profile ? { profile: costing.profile } : {}),
    standby: costing.standby,
    warmups: costing.warmups,
  });
  const weeklyPeak = seriesMax(weekly);
  const peak = Math.max(givenPeak, weeklyPeak);
  if (weeklyPeak > givenPeak)
    issues.push(
      issue(
        "peak_raised",
        "info",
        "demand.peak",
        `standby pools and warm-ups on top of the demand reach ${weeklyPeak} envs, above the peak of ${givenPeak}; planning for ${weeklyPeak}`,
        { given: givenPeak, planned: weeklyPeak },
      ),
    );
  // One shape: a raised peak raises that shape's peak.
  const peaks = req.shapes.length === 1 ? [peak] : req.shapes.map((s) => s.peak);
  const normals = req.shapes.map((s) => s.normal);
  const existing = costing.users !== undefined ? costing.users * (costing.envsPerUser ?? 1) : peak;
  const shapes: PackShape[] = req.shapes.map((s) => ({ name: s.name, request: ofEnv(s.env) }));
  const bufferShape = largestShape(req.shapes.map((s) => s.env));
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
  // One clock for the whole plan (the solver adapter's: the core reads none): --time-limit bounds the
  // plan, not each provider. Each provider gets an equal share of what is left when its turn comes (a
  // quick one leaves more to the next); every search step inside checks it (docs/packing.md §8).
  const clock = options.solver ? new Budget(options.solver, req.timeLimitSeconds) : undefined;
  const planned = req.providers.filter((p) => catalogs[p] !== undefined);
  for (const provider of req.providers) {
    const catalog = catalogs[provider];
    if (!catalog) continue;
    const budget = clock?.split(1 / (planned.length - providers.length));
    options.onProvider?.(provider, providers.length, planned.length);
    const p = planProvider(req, demand, provider, catalog.machineTypes, options, providers.length, budget);
    providers.push(p);
    issues.push(...p.issues);
  }
  if (!costing.profile)
    issues.push(
      issue(
        "demand_assumed",
        "info",
        "demand",
        `no hourly profile: the autoscaled cost assumes ${givenNormal} envs (normal, the average concurrency) around the clock; a scenario profile gives a better estimate`,
        {},
      ),
    );
  if (costing.users === undefined)
    issues.push(
      issue("demand_assumed", "info", "demand", `no --users: cost per developer and disks count one developer and one env per peak env (${peak})`, {}),
    );
  if (req.shapes.every((s) => s.diskBytes === undefined))
    issues.push(issue("disk_not_priced", "info", "demand", "no disk size given: per-env persistent disks are not priced (pass --disk 100Gi)", {}));
  const old = stalePrices(providers);
  if (old) issues.push(old);
  notes.push(...guideNotes(req, providers, catalogs));
  return {
    planVersion,
    inputs: {
      shapes: req.shapes.map((s, i) => ({
        name: s.name,
        text: s.envText,
        cpuMillicores: s.env.cpuMillicores,
        memoryBytes: s.env.memoryBytes,
        peak: peaks[i] ?? s.peak,
        normal: s.normal,
        diskBytes: s.diskBytes ?? null,
        ...(s.env.ephemeralStorageBytes > 0 ? { ephemeralStorageBytes: s.env.ephemeralStorageBytes } : {}),
      })),
      providers: req.providers,
      regions: req.regions,
      platforms: req.platforms,
      machines: req.machines.map((m) => m.name),
      maxPods: req.maxPods ?? null,
      capacityMemory: { ...(req.capacityMemory ?? {}) },
      ...(req.capacityEphemeralStorage === undefined ? {} : { capacityEphemeralStorage: { ...req.capacityEphemeralStorage } }),
      within: req.within,
      maxEnvsPerNode: req.maxEnvsPerNode ?? null,
      maxPools: req.maxPools ?? null,
      timeLimitSeconds: req.timeLimitSeconds,
      today: req.today ?? null,
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

function planProvider(
  req: ClusterRequest,
  demand: Demand,
  provider: Provider,
  machineTypes: readonly CatalogMachineType[],
  options: PlannerOptions,
  index: number,
  budget: Budget | undefined,
): ProviderPlan {
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
  const perNodeMonthly = costing.perNodeFees.reduce((s, f) => s + f.usdPerNodeMonth, 0);
  const usesEphemeral = req.shapes.some((x) => x.env.ephemeralStorageBytes > 0);
  const candidates = new Map<string, Candidate>();
  /** Priced, eligible types on which no shape fits: only for naming the nearest one in an error. */
  const tooSmall: Candidate[] = [];
  let unpriced = 0;
  let flagged = 0;
  /** Calibrated types without a price here (learned from the nodes, specs-only, or not sold in the region). */
  const unpricedCalibrated: CatalogMachineType[] = [];
  for (const m of [...machineTypes].sort((a, b) => byName(a.name, b.name))) {
    const isNamed = named.includes(m.name);
    const o = book.offering(provider, m.name, region);
    const eligible = !isFlagged(m) && o?.priceSuspect === undefined;
    if (isNamed && !eligible) {
      const kinds = [m.burstable ? "burstable" : "", m.sharedCore ? "shared-core" : ""].filter(Boolean).join(" and ");
      const why = [
        kinds ? `${m.name} is ${kinds}` : `${m.name} is advised against`,
        m.avoid ?? "",
        o?.priceSuspect ? `its price is suspect: ${o.priceSuspect}` : "",
      ]
        .filter(Boolean)
        .join("; ");
      issues.push(issue("machine_flagged", "warning", path, `${why}. Shown because you named it; never chosen automatically`, { machineType: m.name }));
    }
    if (!eligible && !isNamed) {
      if (isFlagged(m) && o?.onDemandUsdPerHour !== undefined) flagged++;
      continue;
    }
    const rate = objectiveRate(provider, m.family, o, costing.pricing);
    if (rate === undefined || !(rate > 0)) {
      if (o !== undefined) unpriced++;
      if (req.calibration?.types[m.name]?.provider === provider) unpricedCalibrated.push(m);
      if (isNamed)
        issues.push(issue("price_not_found", "error", path, `no ${costing.pricing} price for ${m.name} in ${region}`, { machineType: m.name, region }));
      continue;
    }
    const model = computeNodeModel(m, typeModelOptions(req, provider, m.name));
    // Ephemeral storage is a packing dimension only when some env requests it: otherwise it is 0 on every
    // machine, so no machine dominates another by its disk alone and plans are exactly as before issue 16.
    const full = ofNode(model.forEnvs);
    const capacity = usesEphemeral ? full : resources(full[0], full[1], full[2], full[3], 0);
    // The node's boot disk (given, or the provider's default for this type; AKS: none when ephemeral), priced per node-hour.
    const boot = model.bootDisk;
    // As the bill counts it: an AKS default OS disk whose tier has no published price here is left out of
    // the bill (with a warning), so it is left out of the objective too (the bound must not exceed the bill).
    const bootMonthly = boot.billed ? book.disk(provider, region, boot.type, boot.sizeGiB * 2 ** 30) : undefined;
    const bootPerHour = bootMonthly?.ok ? bootMonthly.usdPerMonth / hoursPerMonth : 0;
    const candidate = { machine: m, model, capacity, costPerHour: rate + bootPerHour + perNodeMonthly / hoursPerMonth, named: isNamed, eligible };
    if (!demand.shapes.some((s) => envsPerNodeOf({ name: m.name, capacity, costPerHour: 1 }, s) > 0)) {
      if (isNamed)
        issues.push(
          issue("env_does_not_fit", "error", path, `no env shape fits on ${m.name} (${platform}) after reservations and system pods`, { machineType: m.name }),
        );
      if (eligible) tooSmall.push(candidate);
      continue;
    }
    candidates.set(m.name, candidate);
  }
  issues.push(...calibrationIssues(req, provider, platform, path, demand, unpricedCalibrated, region));
  if (unpriced > 0 && costing.pricing !== "on-demand")
    issues.push(
      issue("price_not_found", "info", path, `${unpriced} ${provider} machine types have no ${costing.pricing} price in ${region} and were left out`, {
        provider,
        count: unpriced,
      }),
    );
  if (flagged > 0)
    issues.push(
      issue(
        "flagged_types_excluded",
        "info",
        path,
        `${flagged} burstable or shared-core ${provider} types (${provider === "azure" ? "B-series" : provider === "gcp" ? "e2" : "t-series"}) were not considered, as the product guides advise; name one with --machine to compare it`,
        { provider, count: flagged },
      ),
    );
  if (req.maxPods === undefined && (platform === "aks" || platform === "eks")) {
    const assumed = platform === "aks" ? "250 pods per node (Azure CNI Overlay default)" : "the ENI-based default per type (e.g. 29 on m5.large)";
    issues.push(
      issue(
        "max_pods_assumed",
        "info",
        path,
        `${platform} reserves memory per pod slot; assumed ${assumed}. Pass your pool's --max-pods (kubenet and older AKS pools use 110, which reserves less).`,
        { provider },
      ),
    );
  }
  const observedTypes = machineTypes
    .filter((m) => req.capacityMemory?.[m.name] !== undefined)
    .map((m) => m.name)
    .sort(byName);
  // Without a plan, the date of the catalog's prices; with one, the dates of every price its bill uses (below).
  const catalogDates: PriceDate[] = [{ item: "nodes", asOf: book.machineAsOf(provider, region) }];
  // The age counts the prices a refresh replaces (nodes, disks); the fee's date is listed, not counted (fees.json is not refreshed).
  const ageOf = (dates: readonly PriceDate[]): number | null =>
    req.today === undefined
      ? null
      : (ageInDays(
          dates.filter((d) => d.item !== "fees").map((d) => d.asOf),
          req.today,
        ) ?? null);
  const empty: ProviderPlan = {
    provider,
    platform,
    region,
    pricing: costing.pricing,
    machinesConsidered: candidates.size,
    options: [],
    recommended: null,
    cheapest: null,
    reason: "",
    preferenceUsdPerMonth: 0,
    lowerBoundUsdPerMonth: null,
    pricesAsOf: catalogDates,
    priceAgeDays: ageOf(catalogDates),
    memoryCapacity: { observed: observedTypes, estimates: [] },
    issues,
  };
  // Shapes that fit no eligible machine: an error naming the nearest machine.
  const eligible = [...candidates.values()].filter((c) => c.eligible);
  if (candidates.size === 0 && tooSmall.length > 0) {
    for (const s of demand.shapes) issues.push(noFitIssue(req, s, tooSmall, provider, region, platform, path));
    return empty;
  }
  if (candidates.size === 0) {
    const hint =
      costing.pricing === "on-demand"
        ? `choose another --region (cc-plan catalog regions --provider ${provider})`
        : `choose another --region (cc-plan catalog regions --provider ${provider}) or another --pricing, or refresh the prices`;
    issues.push(
      issue(
        "price_not_found",
        "error",
        path,
        `no ${provider} machine type has a${costing.pricing === "on-demand" ? "n" : ""} ${costing.pricing} price in ${region} in this catalog; ${hint}`,
        { provider, region },
      ),
    );
    return empty;
  }
  const unfit = demand.shapes.filter((s) => !eligible.some((c) => envsPerNodeOf({ name: "", capacity: c.capacity, costPerHour: 1 }, s) > 0));
  for (const s of unfit) issues.push(noFitIssue(req, s, [...candidates.values(), ...tooSmall], provider, region, platform, path));
  if (unfit.length === demand.shapes.length) return empty;
  // The shapes that fit are still planned (each unfit one is an error above).
  const planned =
    unfit.length === 0
      ? demand
      : withoutShapes(
          demand,
          unfit.map((s) => s.name),
          costing,
        );
  const ctx: ProviderContext = {
    req,
    demand: planned,
    provider,
    platform,
    region,
    zones: zoneSpec.count,
    zoneNames,
    bounds,
    candidates,
    options,
    pack: { shapes: demand.shapes, ...(options.solver ? { solver: options.solver } : {}) },
    // This provider's share of the plan's clock (planCluster).
    ...(budget ? { budget } : {}),
    path,
    cache: new Map(),
  };
  if (costing.pricing === "spot")
    issues.push(
      issue(
        "spot_preemption",
        "warning",
        path,
        `${kubernetesService[provider]} spot nodes can be preempted at any time: a preemption ends the envs running on that node (their disks stay)`,
        { provider },
      ),
    );
  const cap = req.maxEnvsPerNode;
  const search = (c: number | undefined): { best: Evaluated; lowerBound: number; onePool: Evaluated | undefined } | undefined => searchBest(ctx, eligible, c);
  const found = search(cap);
  if (!found) return empty;
  const cheapestAtAnyRadius = found.best;
  // --within: the smallest cap whose cheapest plan stays within the allowance (bisection on the cap).
  // With --within 0 the allowance is rounding only: an equally cheap plan with a smaller blast radius.
  let preferred = cheapestAtAnyRadius;
  let cheapestTie = cheapestAtAnyRadius;
  if (cheapestAtAnyRadius.blastRadius > 1) {
    const limit = cheapestAtAnyRadius.total * (1 + req.within) * (1 + tolerance);
    let lo = 1;
    let hi = cheapestAtAnyRadius.blastRadius; // the cheapest plan qualifies at its own blast radius
    let best = cheapestAtAnyRadius;
    // A search the time limit cut short may miss the cap's cheapest plan and send the bisection the wrong
    // way; like running out of time between searches, it leaves the recommendation unproven (issue 14's finding:
    // a mix whose recommendation changed with machine speed, without a word).
    const hitsBefore = ctx.budget?.limitHits ?? 0;
    let stopped = false;
    while (lo < hi) {
      if (ctx.budget?.spent) {
        stopped = true;
        break;
      }
      const mid = Math.floor((lo + hi) / 2);
      const r = search(Math.min(mid, cap ?? mid));
      if (r && r.best.total <= limit) {
        best = r.best.blastRadius < best.blastRadius || (r.best.blastRadius === best.blastRadius && r.best.total < best.total) ? r.best : best;
        // An equally cheap plan with a smaller blast radius is the cheapest plan (equal bills prefer it).
        if (r.best.total <= cheapestTie.total * (1 + tolerance) && r.best.blastRadius < cheapestTie.blastRadius) cheapestTie = r.best;
        hi = Math.min(mid, r.best.blastRadius);
      } else lo = mid + 1;
    }
    if (req.within > 0 && (stopped || (ctx.budget?.limitHits ?? 0) > hitsBefore))
      issues.push(
        issue(
          "optimum_not_proven",
          "warning",
          path,
          `the --within search for a smaller blast radius ${stopped ? "stopped at" : "was cut short by"} the ${req.timeLimitSeconds} s time limit: the recommendation may lose more envs with one node than necessary (--time-limit raises it)`,
          { within: req.within },
        ),
      );
    // A plan as cheap as the cheapest (within rounding) with a smaller blast radius is the cheapest.
    preferred = best;
  }
  const cheapest = preferred.total <= found.best.total * (1 + tolerance) ? preferred : cheapestTie;
  const options_: { kind: OptionKind; e: Evaluated }[] = [];
  // The same pools and bill is the same plan, whatever cap found it.
  const same = (a: Evaluated, b: Evaluated): boolean =>
    a.pools.map((x) => `${x.machineType}:${x.autoscaler.minNodes}-${x.autoscaler.maxNodes}`).join() ===
      b.pools.map((x) => `${x.machineType}:${x.autoscaler.minNodes}-${x.autoscaler.maxNodes}`).join() &&
    Math.abs(a.total - b.total) <= tolerance * Math.max(1, a.total);
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
    const g = greedy(
      ctx,
      eligible.map((c) => c.machine.name),
      cap,
    );
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
    rec.bill.autoscaled.totalUsdPerMonth === null
      ? `The monthly bill is incomplete (a price is unknown: see the errors); the plan is the cheapest by the lines that are known`
      : rec.kind === "cheapest"
        ? `The lowest monthly bill of every plan searched (${rec.optimal ? "proven optimal" : `within ${pct(rec.gap ?? 0)} of the lowest possible`})`
        : `It loses ${rec.blastRadius} env${rec.blastRadius === 1 ? "" : "s"} with one node instead of ${cheapOpt.blastRadius}, for ${money(preferred.total - cheapest.total)}/month (${pct((preferred.total - cheapest.total) / cheapest.total)}) more than the cheapest plan, ${cheapOpt.pools.map((x) => `${x.autoscaler.maxNodes} × ${x.machineType}`).join(" + ")} at ${money(cheapest.total)} (--within ${+(req.within * 100).toFixed(2)} %; --within 0 picks the cheapest)`;
  const committed = ["cud-1y", "cud-3y", "ri-1y", "ri-3y", "savings-1y", "savings-3y"].includes(costing.pricing);
  const why = committed
    ? `a ${costing.pricing} commitment bills the autoscaler minimum all month and the rest at list price, while the bound (and the search for pool sets) prices every node-hour at the committed rate`
    : costing.minNodesFloor !== undefined
      ? `the --min-nodes ${costing.minNodesFloor} floor is not in the bound (nor in the search for pool sets)`
      : req.maxPools !== undefined
        ? `the bound does not know the --max-pools ${req.maxPools} limit`
        : demand.shapes.length > 1 && (ctx.budget?.limitHit ?? false)
          ? `the ${req.timeLimitSeconds} s time limit stopped the exact search (--time-limit raises it)`
          : demand.levels.length > 1
            ? "the bound lets every demand level choose its own machine types and leaves out the pools' autoscaler minimum, while a plan keeps one set of pools all week"
            : `the exact search did not close the gap${demand.shapes.length > 1 ? " (--time-limit raises it)" : ""}`;
  // issue 12: `--min-nodes 100000` planned 100,000 nodes for 60 envs without a word. A floor above the
  // nodes the recommended plan runs at peak keeps nodes that no demand level ever uses, billed all week.
  const floor = costing.minNodesFloor;
  if (floor !== undefined && floor > rec.nodes.peak) {
    const count = (n: number): string => n.toLocaleString("en-US");
    issues.push(
      issue(
        "min_nodes_above_peak",
        "warning",
        path,
        `${kubernetesService[provider]}: --min-nodes ${floor} keeps ${count(rec.nodes.min)} nodes running while the peak needs ${count(rec.nodes.peak)}: ${count(rec.nodes.min - rec.nodes.peak)} of them are idle even at peak, billed all week; lower --min-nodes to ${rec.nodes.peak} or less, or leave it out`,
        { provider, minNodes: floor, nodesAtMinimum: rec.nodes.min, nodesAtPeak: rec.nodes.peak },
      ),
    );
  }
  const memoryCapacity = { observed: observedTypes, estimates: estimatesOf(planOptions, candidates) };
  const estimatedNote = capacityNote(provider, memoryCapacity.estimates, path);
  if (estimatedNote) issues.push(estimatedNote);
  // AKS OS disks: a size whose cache/temp disk cannot hold the OS disk gets a managed one, which the bill
  // prices per node-month (../ephemeral.ts resolveBootDisk; issue 16 replaced the os_disk_not_priced warning).
  for (const o of planOptions)
    if (o.optimal === false && o.kind === "cheapest")
      issues.push(
        issue(
          "optimum_not_proven",
          "warning",
          path,
          `${kubernetesService[provider]} cheapest plan: within ${pct(o.gap ?? 0)} of the lower bound of the monthly cost: ${why}`,
          { gap: o.gap },
        ),
      );
  for (const o of planOptions) issues.push(...o.issues.filter((i) => i.severity === "error" || i.code === "machine_flagged" || o === rec));
  const dates = priceDatesOf(rec.bill.autoscaled.lines);
  const pricesAsOf = dates.length > 0 ? dates : catalogDates;
  return {
    ...empty,
    pricesAsOf,
    priceAgeDays: ageOf(pricesAsOf),
    issues: dedupe(issues),
    options: planOptions,
    recommended: 0,
    cheapest: cheapIdx,
    reason,
    preferenceUsdPerMonth: preferred.total - cheapest.total,
    lowerBoundUsdPerMonth: lowerBound,
    memoryCapacity,
  };
}

/** The capacity estimates the plans' pools used, each with the machine types that used it (in name order). */
function estimatesOf(options: readonly PlanOption[], candidates: ReadonlyMap<string, Candidate>): CapacityEstimateDoc[] {
  const byId = new Map<string, { e: CapacityEstimate; types: Set<string> }>();
  for (const o of options)
    for (const pl of o.pools) {
      const e = candidates.get(pl.machineType)?.model.capacity.memoryEstimate;
      if (!e) continue;
      const entry = byId.get(e.id) ?? { e, types: new Set<string>() };
      entry.types.add(pl.machineType);
      byId.set(e.id, entry);
    }
  return [...byId.values()].map(({ e, types }) => ({
    id: e.id,
    label: e.label,
    observedMinusEstimateMiB: e.observedMinusEstimateMiB,
    observations: e.observations,
    checkedNominalMiB: e.checkedNominalMiB,
    machineTypes: [...types].sort(byName),
  }));
}

/** An info note: which types' memory capacity is an estimate, and how far real nodes were from it. */
function capacityNote(provider: Provider, estimates: readonly CapacityEstimateDoc[], path: string): PlanIssue | undefined {
  if (estimates.length === 0) return undefined;
  const gib = (mib: number): string => `${+(mib / 1024).toFixed(1)}`;
  const parts = estimates.map((e) => {
    const checked =
      e.observedMinusEstimateMiB && e.checkedNominalMiB
        ? `on ${e.observations} published nodes of ${gib(e.checkedNominalMiB.min)}–${gib(e.checkedNominalMiB.max)} GiB the real capacity minus this estimate was ${rangeText(e.observedMinusEstimateMiB)}`
        : "not checked against real nodes";
    return `${e.machineTypes.join(", ")}: ${e.label}; ${checked}`;
  });
  const worst = estimates.reduce<{ min: number; max: number } | null>(
    (w, e) =>
      e.observedMinusEstimateMiB === null || w === null
        ? null
        : { min: Math.min(w.min, e.observedMinusEstimateMiB.min), max: Math.max(w.max, e.observedMinusEstimateMiB.max) },
    { min: 0, max: 0 },
  );
  return issue(
    "capacity_estimated",
    "info",
    path,
    `${kubernetesService[provider]} node memory capacity is estimated (no --capacity-memory for these types). ${parts.join(". ")}. Give a real node's value with --capacity-memory TYPE=QUANTITY (kubectl get node -o jsonpath='{.status.capacity.memory}')`,
    { provider, minMiB: worst?.min ?? null, maxMiB: worst?.max ?? null },
  );
}

/**
 * One warning for every provider whose oldest price is older than {@link stalePriceDays} on the plan's day:
 * "prices are 127 days old (GKE) and 169 days old (AKS) — run `cc-plan catalog refresh`". One line, so the
 * first screen keeps its size.
 */
function stalePrices(providers: readonly ProviderPlan[]): PlanIssue | undefined {
  const old = providers.filter((p) => p.priceAgeDays !== null && p.priceAgeDays > stalePriceDays);
  if (old.length === 0) return undefined;
  const list = old.map((p) => `${p.priceAgeDays} days old (${kubernetesService[p.provider]})`);
  const text = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
  const refreshable = old.some((p) => p.provider !== "aws");
  const aws = old.some((p) => p.provider === "aws");
  const what = [refreshable ? "run `cc-plan catalog refresh`" : "", aws ? "check current AWS prices (no refresh command for aws yet)" : ""]
    .filter(Boolean)
    .join("; ");
  return issue("prices_old", "warning", "providers", `prices are ${text} — ${what}`, {
    ...Object.fromEntries(old.map((p) => [`${p.provider}AgeDays`, p.priceAgeDays])),
    staleAfterDays: stalePriceDays,
  });
}

const pct = (f: number): string => `${(f * 100).toFixed(f > 0 && f < 0.001 ? 3 : f < 0.1 ? 2 : 1)} %`;

function noFitIssue(
  req: ClusterRequest,
  s: PackShape,
  candidates: readonly Candidate[],
  provider: Provider,
  region: string,
  platform: PlatformId,
  path: string,
): PlanIssue {
  const r = s.request;
  const short = (c: Candidate): number => Math.max(...r.map((v, d) => (v > 0 ? Math.max(0, v - (c.capacity[d] ?? 0)) / v : 0)));
  const near = [...candidates].sort((a, b) => short(a) - short(b) || a.costPerHour - b.costPerHour)[0];
  const shape = req.shapes.find((x) => x.name === s.name);
  const lacks = near
    ? [
        (near.capacity[0] ?? 0) < (r[0] ?? 0) ? `${(r[0] ?? 0) - (near.capacity[0] ?? 0)}m CPU` : "",
        (near.capacity[1] ?? 0) < (r[1] ?? 0) ? `${Math.ceil(((r[1] ?? 0) - (near.capacity[1] ?? 0)) / 1048576)} MiB memory` : "",
        (near.capacity[4] ?? 0) < (r[4] ?? 0)
          ? `${Math.ceil(((r[4] ?? 0) - (near.capacity[4] ?? 0)) / 2 ** 30)} GiB ephemeral storage (its ${near.model.bootDisk.sizeGiB} GiB boot disk leaves ${Math.floor((near.capacity[4] ?? 0) / 2 ** 30)} GiB; a larger --boot-disk raises it)`
          : "",
      ]
        .filter(Boolean)
        .join(" and ")
    : "";
  const what = near
    ? `; nearest is ${near.machine.name} (${near.machine.vcpus} vCPU, ${near.machine.memoryMiB / 1024} GiB)${lacks ? `, short of ${lacks} after reservations and system pods` : ""}`
    : "";
  return issue(
    req.shapes.length === 1 ? "no_machine_fits" : "env_fits_no_machine",
    "error",
    path,
    `${req.shapes.length === 1 ? `${shape?.envText ?? s.name}` : `env ${s.name} (${shape?.envText ?? s.name})`} fits no ${provider} machine type in ${region} on ${platform}${what}${req.shapes.length === 1 ? "" : `; it is left out of the ${provider} plan`}`,
    {
      shape: s.name,
      provider,
      nearestMachineType: near?.machine.name ?? null,
    },
  );
}

/**
 * The demand without some shapes (they fit no machine of this provider): their envs leave the peak, the
 * normal and the flat week; with an hourly profile the week stays (the profile's totals, shared out over
 * the remaining shapes), which overstates the rest — the error issue says which shapes are left out.
 */
function withoutShapes(d: Demand, names: readonly string[], costing: ClusterRequest["costing"]): Demand {
  const keep = d.shapes.map((s, k) => (names.includes(s.name) ? -1 : k)).filter((k) => k >= 0);
  const peaks = keep.map((k) => d.peaks[k] ?? 0);
  const normals = keep.map((k) => d.normals[k] ?? 0);
  const shapes = keep.map((k) => d.shapes[k] as PackShape);
  const peak = peaks.reduce((a, b) => a + b, 0);
  const normal = normals.reduce((a, b) => a + b, 0);
  const weekly = costing.profile ? d.weekly : weeklyDemand({ peak, normal, standby: costing.standby, warmups: costing.warmups });
  const bufferShape = largestShape(shapes.map((s) => ({ cpuMillicores: s.request[0] ?? 0, memoryBytes: s.request[1] ?? 0 })));
  return {
    ...d,
    shapes,
    peaks,
    normals,
    weekly,
    levels: levelsOf(weekly),
    peak: Math.max(peak, seriesMax(weekly)),
    normal,
    existingPerShape: keep.map((k) => d.existingPerShape[k] ?? 0),
    envHours: envHoursPerMonth(weekly),
    bufferShape,
  };
}

/** Exit status a plan asks for: 1 when it has error-severity issues (product contract). */
export function planExitCode(p: PlanDocument): 0 | 1 {
  return hasErrors(p.issues) ? 1 : 0;
}

/**
 * What a plan says about its calibration (issue 15): which figures of which types came from the file
 * (`calibration_applied`), and each calibrated type it could not price (`calibration_unpriced`: learned
 * from the nodes or specs-only), with how many envs of each shape one node holds and the nodes the peak
 * would need on it alone — never a price of 0.
 */
function calibrationIssues(
  req: ClusterRequest,
  provider: Provider,
  platform: PlatformId,
  path: string,
  demand: Demand,
  unpriced: readonly CatalogMachineType[],
  region: string,
): PlanIssue[] {
  const cal = req.calibration;
  if (!cal) return [];
  const mine = Object.entries(cal.types).filter(([, c]) => c.provider === provider);
  if (mine.length === 0) return [];
  const out: PlanIssue[] = [];
  const what = (c: (typeof mine)[number][1]): string =>
    [c.platform, c.capacityMemoryBytes === undefined ? "" : "capacity", c.maxPods === undefined ? "" : `${c.maxPods} pods`, c.daemonSets ? "DaemonSets" : ""]
      .filter(Boolean)
      .join(", ");
  out.push(
    issue(
      "calibration_applied",
      "info",
      path,
      `calibrated from ${cal.source}: ${mine.map(([n, c]) => `${n} (${what(c)})`).join("; ")}; other ${provider} types use the ${platform} model`,
      { provider, types: mine.length, source: cal.source },
    ),
  );
  for (const m of unpriced) {
    const model = computeNodeModel(m, typeModelOptions(req, provider, m.name));
    const capacity = ofNode(model.forEnvs);
    const fits = demand.shapes.map((s, i) => {
      const per = envsPerNodeOf({ name: m.name, capacity, costPerHour: 1 }, s);
      const peak = demand.peaks[i] ?? 0;
      return per > 0 ? `${per} ${s.name} per node (${Math.ceil(peak / per)} nodes for ${peak})` : `no ${s.name} fits`;
    });
    const learned = cal.types[m.name]?.learned ? "learned from the nodes" : "in no price list";
    out.push(
      issue(
        "calibration_unpriced",
        "info",
        path,
        `${m.name} (${learned}) has no price in ${region}: left out of the cost search, unpriced; it holds ${fits.join(", ")}`,
        { machineType: m.name, provider },
      ),
    );
  }
  return out;
}
