/**
 * Turns one strategy of a plan into autoscaler bounds and monthly cost (issue 3), pure. Called by
 * `plan()` for every strategy whose env fits; prices come from the loaded catalogs.
 */
import type { Catalogs } from "../catalog/lookup.js";
import { offeringIn } from "../catalog/lookup.js";
import type { FeeCatalog, StorageCatalog } from "../catalog/storage-types.js";
import { clusterFee, diskPrice } from "../catalog/storage-lookup.js";
import type { Provider } from "../catalog/types.js";
import { autoscalerBounds, type AutoscalerBounds } from "./autoscaler.js";
import { computeCost, pricedLine, summarize, type CostLine, type CostSummary, type PricingOption } from "./cost.js";
import { autoscaledNodes, constantSeries, hoursPerMonth, nodeHoursPerMonth, nodesNeeded, type Series } from "./demand.js";
import { issue, type PlanIssue } from "./issues.js";
import type { Costing } from "./resolve-costing.js";

/** Storage and fee catalogs by provider (loaded by the CLI / library next to the machine catalogs). */
export interface PricingData {
  readonly storage?: Partial<Record<Provider, StorageCatalog>>;
  readonly fees?: FeeCatalog;
}

/** GKE node boot disk default: 100 GB pd-balanced (`gcloud container node-pools create` --disk-size/--disk-type defaults, GKE ≥ 1.24). */
export const gkeDefaultBootDisk = { sizeGiB: 100, class: "pd-balanced" } as const;

export interface StrategyAutoscaler extends AutoscalerBounds {
  readonly zoneNames: readonly string[];
}

export interface StrategyCost {
  readonly pricing: PricingOption;
  /** The option applied to this provider (on-demand when the asked one does not apply). */
  readonly applied: PricingOption;
  /** A pool fixed at the autoscaler maximum (peak + buffer) all month. */
  readonly static: CostSummary;
  /** The autoscaled pool: min, buffer, scale-down delay over the typical week. */
  readonly autoscaled: CostSummary;
}

export interface CostingContext {
  readonly costing: Costing;
  readonly peak: number;
  readonly normal: number;
  readonly demand: Series;
  readonly developers: number;
  readonly existingEnvs: number;
  readonly envHours: number;
  readonly regions: Readonly<Partial<Record<Provider, string>>>;
  readonly catalogs: Catalogs;
  readonly pricingData: PricingData;
}

export interface StrategyCosting {
  readonly autoscaler: StrategyAutoscaler;
  readonly cost: StrategyCost;
  readonly issues: readonly PlanIssue[];
}

const catalogSource = (catalogs: Catalogs, provider: Provider, region: string): string => {
  const c = catalogs[provider];
  return `catalogs/prices/${provider}/${region}.json (as of ${c?._meta.asOf ?? "?"})`;
};

/** Autoscaler bounds and cost of one strategy's pool. */
export function costStrategy(
  ctx: CostingContext,
  s: { provider: Provider; machineType: string; envsPerNode: number; region: string; path: string },
): StrategyCosting {
  const { costing, catalogs } = ctx;
  const issues: PlanIssue[] = [];
  const zones = costing.zones[s.provider] ?? { count: 3, names: [] };
  const bounds = autoscalerBounds({
    peak: ctx.peak,
    normal: ctx.normal,
    envsPerNode: s.envsPerNode,
    zones: zones.count,
    ...(costing.minNodesFloor === undefined ? {} : { minNodesFloor: costing.minNodesFloor }),
    ...(costing.warmEnvsPerZone === undefined ? {} : { warmEnvsPerZone: costing.warmEnvsPerZone }),
    nodeStartMinutes: costing.nodeStartMinutes,
    scaleDownDelayMinutes: costing.scaleDownDelayMinutes,
    ...(costing.startLatencyGoalSeconds === undefined ? {} : { startLatencyGoalSeconds: costing.startLatencyGoalSeconds }),
    ...(costing.arrivalsPerMinute === undefined ? {} : { arrivalsPerMinute: costing.arrivalsPerMinute }),
  });
  const needed = nodesNeeded(ctx.demand, zones.count, bounds.bufferEnvsPerZone, s.envsPerNode);
  const auto = autoscaledNodes(needed, bounds.minNodes, costing.scaleDownDelayMinutes);
  const fixedPool = constantSeries(bounds.maxNodes);
  const machine = catalogs[s.provider]?.machineTypes.find((m) => m.name === s.machineType);
  const offering = machine ? offeringIn(machine, s.region) : undefined;
  const priceSource = catalogSource(catalogs, s.provider, s.region);

  const linesFor = (nodes: Series): { lines: CostLine[]; applied: PricingOption } => {
    const compute = computeCost({
      provider: s.provider,
      pricing: costing.pricing,
      machineType: s.machineType,
      family: machine?.family ?? "",
      region: s.region,
      offering,
      nodes,
      committedNodes: bounds.minNodes,
      priceSource,
    });
    for (const m of compute.missing)
      issues.push(issue("price_not_found", "error", s.path, `no ${m}; the monthly cost is incomplete`, { machineType: s.machineType, region: s.region }));
    for (const n of compute.notes)
      issues.push(issue(n.includes("discount") ? "discount_estimated" : "pricing_not_applicable", "info", s.path, n, { pricing: costing.pricing }));
    const lines: CostLine[] = [...compute.lines];
    const nodeHours = nodeHoursPerMonth(nodes);
    lines.push(...sharedLines(ctx, s, nodeHours, issues));
    return { lines, applied: compute.applied };
  };
  const a = linesFor(auto);
  const st = linesFor(fixedPool);
  const dedupe = new Map(issues.map((i) => [`${i.code}|${i.message}`, i]));
  return {
    autoscaler: { ...bounds, zoneNames: zones.names },
    cost: {
      pricing: costing.pricing,
      applied: a.applied,
      static: summarize(st.lines, ctx.developers, ctx.envHours, nodeHoursPerMonth(fixedPool)),
      autoscaled: summarize(a.lines, ctx.developers, ctx.envHours, nodeHoursPerMonth(auto)),
    },
    issues: [...dedupe.values()],
  };
}

/** Disks, snapshots, boot disks, fees and fixed lines (the same for both pools except node-hour-based ones). */
function sharedLines(ctx: CostingContext, s: { provider: Provider; region: string; path: string }, nodeHours: number, issues: PlanIssue[]): CostLine[] {
  const { costing, pricingData } = ctx;
  const lines: CostLine[] = [];
  const storage = pricingData.storage?.[s.provider];
  const storageSource = `catalogs/storage/${s.provider}.json`;
  const missingPrice = (what: string): void => {
    issues.push(issue("price_not_found", "error", s.path, `no price for ${what}; the monthly cost is incomplete`, { region: s.region }));
  };
  // One persistent disk per existing env, billed while the env is stopped too (seeds: the volume is kept).
  const cls = costing.storageClasses[s.provider];
  if (costing.diskBytes !== undefined && cls !== undefined) {
    const r = storage ? diskPrice(storage, s.region, cls, costing.diskBytes) : { ok: false as const, reason: `no storage catalog for ${s.provider}` };
    if (r.ok) {
      const size = r.tier ? r.unit.replace(/^disk-month \((.*)\)$/, "tier $1") : `${r.quantityPerDisk} GiB`;
      lines.push(pricedLine("env-disks", `env disks (${cls}, ${size} each, billed for every existing env)`, ctx.existingEnvs, "disk-month", r.usdPerMonth, `${storageSource}: ${r.source}`));
    } else {
      missingPrice(`${cls} env disks in ${s.region} (${r.reason})`);
      lines.push(pricedLine("env-disks", `env disks (${cls})`, ctx.existingEnvs, "disk-month", null, `${storageSource}: ${r.reason}`));
    }
  } else if (costing.diskBytes === undefined) {
    issues.push(issue("disk_not_priced", "info", s.path, "no disk size given: per-env persistent disks are not priced (pass --disk 100Gi)", {}));
  }
  // Warm-up snapshots: each warm-up env keeps one snapshot of the given size.
  const snapEnvs = costing.warmups.filter((w) => w.snapshotBytes > 0);
  for (const w of snapEnvs) {
    const r = storage ? diskPrice(storage, s.region, "snapshot", w.snapshotBytes) : { ok: false as const, reason: `no storage catalog for ${s.provider}` };
    if (r.ok) lines.push(pricedLine(`snapshots:${w.name}`, `warm-up snapshots (${w.name})`, w.envs, `snapshot-month (${r.quantityPerDisk} GiB)`, r.usdPerMonth, `${storageSource}: ${r.source}`));
    else {
      missingPrice(`snapshots in ${s.region} (${r.reason})`);
      lines.push(pricedLine(`snapshots:${w.name}`, `warm-up snapshots (${w.name})`, w.envs, "snapshot-month", null, `${storageSource}: ${r.reason}`));
    }
  }
  // Node boot disks exist while nodes do: node-hours / 730 disk-months.
  if (s.provider === "gcp") {
    const r = storage ? diskPrice(storage, s.region, gkeDefaultBootDisk.class, gkeDefaultBootDisk.sizeGiB * 2 ** 30) : { ok: false as const, reason: "no storage catalog for gcp" };
    const qty = nodeHours / hoursPerMonth;
    if (r.ok) lines.push(pricedLine("boot-disks", `node boot disks (${gkeDefaultBootDisk.sizeGiB} GiB ${gkeDefaultBootDisk.class}, GKE default)`, qty, "disk-month", r.usdPerMonth, `${storageSource}: ${r.source}`));
    else {
      missingPrice(`node boot disks in ${s.region} (${r.reason})`);
      lines.push(pricedLine("boot-disks", "node boot disks", qty, "disk-month", null, r.reason));
    }
  }
  if (s.provider === "azure") {
    issues.push(
      issue("disk_not_priced", "info", s.path, "AKS node OS disks are not priced: AKS uses an ephemeral OS disk (no separate charge) where the VM size's cache or temp disk holds it, else a managed disk you can add as a scenario fixed line", {}),
    );
  }
  // Cluster management fee: 730 cluster-hours a month.
  const tier = costing.clusterTiers[s.provider];
  if (tier !== undefined && tier !== "none") {
    const fee = pricingData.fees ? clusterFee(pricingData.fees, tier) : undefined;
    if (fee) lines.push(pricedLine("cluster-fee", `cluster management fee (${tier})`, hoursPerMonth, "cluster-hour", fee.usdPerClusterHour, `catalogs/fees.json: ${fee.source}`));
    else {
      missingPrice(`cluster tier ${tier}`);
      lines.push(pricedLine("cluster-fee", `cluster management fee (${tier})`, hoursPerMonth, "cluster-hour", null, "catalogs/fees.json"));
    }
  }
  for (const f of costing.perNodeFees)
    lines.push(pricedLine(`per-node:${f.name}`, `${f.name} (per node)`, nodeHours / hoursPerMonth, "node-month", f.usdPerNodeMonth, f.source));
  for (const f of costing.fixed) {
    if (f.usdPerMonth !== undefined) lines.push(pricedLine(`fixed:${f.name}`, f.name, 1, "month", f.usdPerMonth, f.source ?? "given"));
    else if (f.machineType && f.provider === s.provider) {
      const m = ctx.catalogs[f.provider]?.machineTypes.find((x) => x.name === f.machineType);
      const price = m ? offeringIn(m, s.region)?.onDemandUsdPerHour : undefined;
      if (price === undefined) missingPrice(`${f.machineType} in ${s.region} (fixed line "${f.name}")`);
      lines.push(
        pricedLine(`fixed:${f.name}`, `${f.name} (${f.count} × ${f.machineType}, on-demand)`, (f.count ?? 1) * hoursPerMonth, "node-hour", price ?? null, `${catalogSource(ctx.catalogs, s.provider, s.region)}: onDemandUsdPerHour${f.source ? `; ${f.source}` : ""}`),
      );
    }
  }
  return lines;
}
