/**
 * The planner laws as pure checks: each takes a plan (and what it is compared with) and returns the list
 * of violations, one readable line each (empty = the law holds). The property tests assert `[]` on real
 * plans and a non-empty list on deliberately broken ones (so no law is vacuous); scripts/sweep.ts runs the
 * same checks over every peak 1–1000.
 *
 * Where the expected values come from:
 * - L1's single-type bills come from {@link singleTypeOracle}, computed here from the catalog, NOT from
 *   the planner's search: at flat demand (no hourly profile: the week is `normal` envs around the clock,
 *   README "One planner") a pool of one type with k envs per node runs Σ_zones ⌈(envs in zone + buffer)
 *   / k⌉ nodes all month (envs spread ⌊n/Z⌋ per zone, the n mod Z remainders one each to the first zones;
 *   buffer = 2 envs per zone, the product guides' "spare capacity for at least two large environments per
 *   availability zone"), billed 730 node-hours a month at the catalog's on-demand price, plus on GKE one
 *   100 GiB pd-balanced boot disk per node (the gcloud default), on EKS one 20 GiB gp3 root volume per node
 *   (the EKS managed node group and Karpenter AL2023 default), on AKS the managed OS disk of a size
 *   without an ephemeral one (aksOsDiskMonthly), plus the lines every plan pays (cluster
 *   fee, …). k is the node model's envs per node (computeNodeModel + packOneShape, whose own laws are in
 *   laws.test.ts against a brute-force count). The planner's own `named` options are checked against it.
 * - L4–L6 compare the document with itself (bound vs bill, gap formula, cap vs placement, lines vs totals).
 */
import type { CatalogMachineType, Provider } from "../../src/catalog/types.js";
import type { CostSummary } from "../../src/core/cost.js";
import { hoursPerMonth } from "../../src/core/demand.js";
import { resolveBootDisk } from "../../src/core/ephemeral.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import { packOneShape } from "../../src/core/packing.js";
import type { PlanDocument, PlanOption, ProviderPlan } from "../../src/core/planner/document.js";
import { parseEnvShape } from "../../src/core/units/env-shape.js";
import { bill, eligibleTypes, type Harness, type SingleBill, show } from "./planner-harness.js";

/** Relative tolerance for bills that are float sums of the same lines (the planner's is 1e-9). */
export const rel = 1e-9;
export const leq = (a: number, b: number): boolean => a <= b + rel * Math.max(1, Math.abs(b));
export const near = (a: number, b: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const usd = (n: number): string => `$${n.toFixed(4)}`;

/** Node-hours a month of one always-on node: 730 (the catalogs' month, `hoursPerMonth`). */
export const monthHours = hoursPerMonth;
/** Warm buffer per zone with no warm target or latency goal given (see the header). */
export const defaultBufferPerZone = 2;
/** GKE's default node boot disk (gcloud container node-pools create: 100 GB pd-balanced). */
export const gkeBootDisk = { class: "pd-balanced", bytes: 100 * 2 ** 30 };
/** EKS's default node root volume (CreateNodegroup diskSize default 20 GiB; Karpenter AL2023: 20Gi gp3). */
export const eksBootDisk = { class: "gp3", bytes: 20 * 2 ** 30 };

/** Envs per zone: ⌊n/Z⌋ each, the n mod Z remainders one each to the first zones. */
export const spread = (n: number, zones: number): number[] => Array.from({ length: zones }, (_, z) => Math.floor(n / zones) + (z < n % zones ? 1 : 0));

export interface OracleEntry {
  readonly type: string;
  /** Envs of the shape one node holds (0: does not fit). */
  readonly envsPerNode: number;
  /** Nodes all month (flat demand), undefined when the env does not fit. */
  readonly nodes?: number;
  /** Monthly bill of the one-pool plan, undefined when the env does not fit. */
  readonly usd?: number;
}

/**
 * Bill of every eligible single-type plan at flat demand, computed from the catalog (see the header).
 * The lines that do not depend on the pools (cluster fee, env disks…) are the one input read from the plan
 * (any option: every plan pays them; L6 checks their arithmetic).
 */
export function singleTypeOracle(h: Harness, doc: PlanDocument, p: ProviderPlan): OracleEntry[] {
  const shape = doc.inputs.shapes[0];
  if (!shape || doc.inputs.shapes.length !== 1) throw new Error("the single-type oracle is for one env shape");
  if (doc.inputs.costing.profile || doc.inputs.costing.standby.length > 0 || doc.inputs.costing.warmups.length > 0)
    throw new Error("the single-type oracle is for flat demand");
  if (doc.inputs.costing.pricing !== "on-demand") throw new Error("the single-type oracle prices on demand");
  const env = parseEnvShape(shape.text);
  if (!env.ok) throw new Error(env.reason);
  const provider: Provider = p.provider;
  const zones = doc.inputs.costing.zones[provider]?.count ?? 3;
  const perZone = spread(doc.demand.normal, zones);
  const anyOption = p.options[0];
  if (!anyOption) throw new Error(`${provider}: no option to read the fixed lines from`);
  const fixedUsd = anyOption.bill.autoscaled.lines
    .filter((l) => !(l.id.startsWith("compute") || l.id === "boot-disks" || l.id.startsWith("per-node:")))
    .reduce((s, l) => s + (l.usdPerMonth ?? Number.NaN), 0);
  let bootMonthly = 0;
  const boot = provider === "gcp" ? gkeBootDisk : provider === "aws" ? eksBootDisk : undefined; // AKS: ephemeral OS disk, no line
  if (boot) {
    const d = h.priceBook.disk(provider, p.region, boot.class, boot.bytes);
    if (!d.ok) throw new Error(`no ${provider} boot disk price in ${p.region}: ${d.reason}`);
    bootMonthly = d.usdPerMonth;
  }
  return eligibleTypes(h, provider).map((m: CatalogMachineType) => {
    const k = packOneShape(computeNodeModel(m, { provider, platform: p.platform }).forEnvs, env.value).envsPerNode;
    if (k <= 0) return { type: m.name, envsPerNode: 0 };
    const nodes = perZone.reduce((s, n) => s + Math.ceil((n + defaultBufferPerZone) / k), 0);
    const od = m.offerings.find((o) => o.region === p.region)?.onDemandUsdPerHour ?? Number.NaN;
    return {
      type: m.name,
      envsPerNode: k,
      nodes,
      usd: nodes * monthHours * od + nodes * (provider === "azure" ? aksOsDiskMonthly(h, p.region, m) : bootMonthly) + fixedUsd,
    };
  });
}

/**
 * AKS (issue 16): no line with an ephemeral OS disk (Premium-capable size whose cache or temp disk holds the
 * 128 GiB OS disk), else AKS's default managed OS disk for the vCPUs at its tier price — 0 when that tier has
 * no published price in the region (the bill leaves it out with a warning). The rule and the local-disk table
 * are resolveBootDisk's, checked against the AKS docs and the ResourceSkus fixture in test/unit/ephemeral.test.ts.
 */
function aksOsDiskMonthly(h: Harness, region: string, m: CatalogMachineType): number {
  const b = resolveBootDisk("azure", m);
  if (!b.billed) return 0;
  const d = h.priceBook.disk("azure", region, b.type, b.sizeGiB * 2 ** 30);
  return d.ok ? d.usdPerMonth : 0;
}

/** The oracle agrees with the planner's `named` options (one plan with every type named). */
export function oracleVsNamed(oracle: readonly OracleEntry[], named: readonly SingleBill[]): string[] {
  const out: string[] = [];
  for (const o of oracle) {
    const n = named.find((x) => x.type === o.type);
    if (!n) out.push(`${o.type}: not named`);
    else if (o.usd === undefined) {
      if (n.usd !== null) out.push(`${o.type}: the oracle says the env does not fit, the planner bills ${usd(n.usd)}`);
    } else if (n.usd === null)
      out.push(`${o.type}: the oracle bills ${usd(o.usd)} (${o.nodes} nodes × ${o.envsPerNode} envs), the planner has no plan (${n.why})`);
    else if (!near(o.usd, n.usd))
      out.push(`${o.type}: the oracle bills ${usd(o.usd)} (${o.nodes} nodes × ${o.envsPerNode} envs), the planner's named plan ${usd(n.usd)}`);
  }
  return out;
}

/**
 * L1 (issue 10 §8): the recommendation costs at most (1 + within) × every single-type plan, the cheapest
 * option at most every single-type plan, the recommendation at most (1 + within) × the cheapest; with
 * within 0 the recommendation is the cheapest option.
 */
export function l1Violations(p: ProviderPlan, within: number, singles: readonly { readonly type: string; readonly usd?: number | null }[]): string[] {
  const out: string[] = [];
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  const ch = p.cheapest === null ? undefined : p.options[p.cheapest];
  if (!rec || !ch) return [`${p.provider}: no recommendation`];
  const r = bill(rec);
  const c = bill(ch);
  if (!leq(r, (1 + within) * c)) out.push(`${p.provider}: recommended ${show(rec)} > (1 + ${within}) × cheapest ${show(ch)}`);
  if (within === 0 && (p.recommended !== p.cheapest || !near(r, c)))
    out.push(`${p.provider}: within 0 but recommended (option ${p.recommended}, ${usd(r)}) is not the cheapest (option ${p.cheapest}, ${usd(c)})`);
  for (const s of singles) {
    if (s.usd === undefined || s.usd === null) continue;
    if (!leq(c, s.usd)) out.push(`${p.provider}: cheapest ${show(ch)} > one pool of ${s.type} ${usd(s.usd)}`);
    if (!leq(r, (1 + within) * s.usd)) out.push(`${p.provider}: recommended ${show(rec)} > (1 + ${within}) × one pool of ${s.type} ${usd(s.usd)}`);
  }
  return out;
}

/**
 * Tie-break (planner.ts header item 3, README "The search"): equal bills prefer fewer pools, then a smaller
 * blast radius. `others`: plans of the same demand found any other way (e.g. with a --within > 0).
 */
export function tieBreakViolations(p: ProviderPlan, others: readonly PlanOption[]): string[] {
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  if (!rec) return [];
  const r = bill(rec);
  return [...p.options, ...others]
    .filter((o) => near(bill(o), r) && (o.blastRadius < rec.blastRadius || (o.blastRadius === rec.blastRadius && o.pools.length < rec.pools.length)))
    .map((o) => `${p.provider}: recommended ${show(rec)}, but ${show(o)} has the same bill`);
}

/** L2: bills in order of rising demand never fall. */
export function monotoneViolations(points: readonly { readonly peak: number; readonly usd: number }[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { peak: number; usd: number };
    const b = points[i] as { peak: number; usd: number };
    if (!leq(a.usd, b.usd)) out.push(`peak ${a.peak}: ${usd(a.usd)} > peak ${b.peak}: ${usd(b.usd)}`);
  }
  return out;
}

/** L4: lowerBound ≤ every option's bill; gap = (bill − lb)/bill; optimal ⇔ gap ≈ 0. */
export function lowerBoundViolations(p: ProviderPlan): string[] {
  const out: string[] = [];
  const lb = p.lowerBoundUsdPerMonth;
  if (lb === null) return p.options.length > 0 ? [`${p.provider}: options but no lower bound`] : [];
  if (!(lb >= 0)) out.push(`${p.provider}: lower bound ${lb}`);
  for (const o of p.options) {
    const b = bill(o);
    if (o.lowerBoundUsdPerMonth !== lb) out.push(`${p.provider} ${o.kind}: option bound ${o.lowerBoundUsdPerMonth} ≠ provider bound ${lb}`);
    if (!leq(lb, b)) out.push(`${p.provider} ${show(o)}: lower bound ${usd(lb)} > bill`);
    const gap = b > 0 ? (b - lb) / b : 0;
    if (o.gap === null || Math.abs(o.gap - Math.max(0, gap)) > 1e-12) out.push(`${p.provider} ${show(o)}: gap ${o.gap} ≠ (bill − lb)/bill = ${gap}`);
    if (o.optimal === true && !(Math.abs(gap) <= 1e-9)) out.push(`${p.provider} ${show(o)}: optimal but gap ${gap}`);
    if (o.optimal === false && Math.abs(gap) <= 1e-12) out.push(`${p.provider} ${show(o)}: gap ${gap} but not optimal`);
  }
  return out;
}

/** Σ envs on one node run (every shape, buffer placeholders included). */
const envsOn = (envs: Readonly<Record<string, number>>): number => Object.values(envs).reduce((s, e) => s + e, 0);

/** L5: with a cap k, every node of every option's placement holds ≤ k envs, pools hold ≤ k, blast radius ≤ k. */
export function capViolations(p: ProviderPlan, k: number): string[] {
  const out: string[] = [];
  for (const o of p.options) {
    if (o.blastRadius > k) out.push(`${p.provider} ${show(o)}: blast radius ${o.blastRadius} > cap ${k}`);
    for (const g of o.placement)
      for (const run of g.nodes)
        if (envsOn(run.envs) > k)
          out.push(`${p.provider} ${show(o)}: ${run.count}×${run.machineType} in ${g.zones.join(",")} hold ${envsOn(run.envs)} envs > cap ${k}`);
    for (const pool of o.pools)
      for (const [s, n] of Object.entries(pool.node.envsPerNode))
        if (n > k) out.push(`${p.provider} ${show(o)}: pool ${pool.machineType} holds ${n} × ${s} per node > cap ${k}`);
  }
  return out;
}

/** The blast radius is at least the fullest node of the peak placement (it also covers the other levels). */
export function blastRadiusViolations(p: ProviderPlan): string[] {
  const out: string[] = [];
  for (const o of p.options) {
    const fullest = Math.max(0, ...o.placement.flatMap((g) => g.nodes.map((r) => envsOn(r.envs))));
    if (o.blastRadius < fullest) out.push(`${p.provider} ${show(o)}: blast radius ${o.blastRadius} < fullest node at peak ${fullest}`);
  }
  return out;
}

/**
 * L6: every line's usdPerMonth = quantity × unitPriceUsd, or null (with a null unit price) and an error
 * `price_not_found` issue; total = Σ lines (null when any is null); known = Σ known lines; per developer
 * and per env-hour divide the total.
 */
export function costLineViolations(
  where: string,
  s: CostSummary,
  issues: readonly PlanOption["issues"][number][],
  developers: number,
  envHours: number,
): string[] {
  const out: string[] = [];
  let known = 0;
  let complete = true;
  for (const l of s.lines) {
    if (l.usdPerMonth === null) {
      complete = false;
      if (l.unitPriceUsd !== null) out.push(`${where} ${l.id}: null USD with a unit price ${l.unitPriceUsd}`);
      if (!issues.some((i) => i.code === "price_not_found" && i.severity === "error")) out.push(`${where} ${l.id}: null USD without a price_not_found error`);
      continue;
    }
    if (l.unitPriceUsd === null) out.push(`${where} ${l.id}: ${l.usdPerMonth} USD without a unit price`);
    else if (!near(l.usdPerMonth, l.quantity * l.unitPriceUsd)) out.push(`${where} ${l.id}: ${l.usdPerMonth} ≠ ${l.quantity} × ${l.unitPriceUsd}`);
    if (!(l.quantity >= 0) || !(l.usdPerMonth >= 0)) out.push(`${where} ${l.id}: negative quantity or USD (${l.quantity}, ${l.usdPerMonth})`);
    known += l.usdPerMonth;
  }
  if (!near(s.knownUsdPerMonth, known)) out.push(`${where}: known ${s.knownUsdPerMonth} ≠ Σ known lines ${known}`);
  if (complete) {
    if (s.totalUsdPerMonth === null || !near(s.totalUsdPerMonth, known)) out.push(`${where}: total ${s.totalUsdPerMonth} ≠ Σ lines ${known}`);
    else {
      if (developers > 0 && (s.perDeveloperUsdPerMonth === null || !near(s.perDeveloperUsdPerMonth, s.totalUsdPerMonth / developers)))
        out.push(`${where}: per developer ${s.perDeveloperUsdPerMonth} ≠ ${s.totalUsdPerMonth} / ${developers}`);
      if (envHours > 0 && (s.perEnvHourUsd === null || !near(s.perEnvHourUsd, s.totalUsdPerMonth / envHours)))
        out.push(`${where}: per env-hour ${s.perEnvHourUsd} ≠ ${s.totalUsdPerMonth} / ${envHours}`);
    }
  } else if (s.totalUsdPerMonth !== null) out.push(`${where}: a line is null but the total is ${s.totalUsdPerMonth}`);
  return out;
}

/**
 * Pool and autoscaler laws (kept from the old cost-laws): min ≤ max; per-zone bounds = ⌈total / zones⌉
 * (bounds are pool totals, zones may use different pools); buffer ≥ 2 envs per zone; autoscaled
 * node-hours ≤ the static pool's (max nodes all month) and ≥ min nodes × 730; Σ pools' node-hours = the
 * bill's; the peak placement holds every env at peak plus the buffer in every zone.
 */
export function poolViolations(doc: PlanDocument, p: ProviderPlan): string[] {
  const out: string[] = [];
  const zones = doc.inputs.costing.zones[p.provider]?.count ?? 3;
  for (const o of p.options) {
    const w = `${p.provider} ${show(o)}`;
    let hours = 0;
    let buffer = -1;
    for (const pool of o.pools) {
      const a = pool.autoscaler;
      buffer = a.bufferEnvsPerZone;
      if (a.minNodes > a.maxNodes) out.push(`${w} ${pool.machineType}: min ${a.minNodes} > max ${a.maxNodes}`);
      if (a.perZone.min !== Math.ceil(a.minNodes / zones) || a.perZone.max !== Math.ceil(a.maxNodes / zones))
        out.push(`${w} ${pool.machineType}: per zone ${a.perZone.min}..${a.perZone.max} ≠ ⌈${a.minNodes}/${zones}⌉..⌈${a.maxNodes}/${zones}⌉`);
      if (a.bufferEnvsPerZone < 2) out.push(`${w}: buffer ${a.bufferEnvsPerZone} < 2 envs per zone`);
      if (pool.nodes.peak > a.maxNodes) out.push(`${w} ${pool.machineType}: ${pool.nodes.peak} nodes at peak > max ${a.maxNodes}`);
      if (!leq(pool.nodeHoursPerMonth, a.maxNodes * monthHours))
        out.push(`${w} ${pool.machineType}: ${pool.nodeHoursPerMonth} node-hours > max ${a.maxNodes} × 730`);
      if (!leq(a.minNodes * monthHours, pool.nodeHoursPerMonth))
        out.push(`${w} ${pool.machineType}: ${pool.nodeHoursPerMonth} node-hours < min ${a.minNodes} × 730`);
      hours += pool.nodeHoursPerMonth;
    }
    if (!near(hours, o.bill.autoscaled.nodeHoursPerMonth)) out.push(`${w}: Σ pool node-hours ${hours} ≠ bill's ${o.bill.autoscaled.nodeHoursPerMonth}`);
    if (!leq(o.bill.autoscaled.nodeHoursPerMonth, o.bill.static.nodeHoursPerMonth))
      out.push(`${w}: autoscaled node-hours ${o.bill.autoscaled.nodeHoursPerMonth} > static ${o.bill.static.nodeHoursPerMonth}`);
    const placed = o.placement.reduce((s, g) => s + g.zones.length * g.nodes.reduce((t, r) => t + r.count * envsOn(r.envs), 0), 0);
    if (placed !== doc.demand.peak + zones * buffer)
      out.push(`${w}: placement holds ${placed} envs ≠ peak ${doc.demand.peak} + ${zones} zones × buffer ${buffer}`);
  }
  return out;
}
