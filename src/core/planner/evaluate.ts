/** The bill of one plan: pools packed at every demand level, autoscaled over the week, priced. */
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import { type BillOfMaterials, type PoolUsage, priceBill } from "../bill/bill.js";
import { defaultStorageClass } from "../constants.js";
import { summarize } from "../cost.js";
import { autoscaledNodes, constantSeries, weeksPerMonth } from "../demand.js";
import { issue } from "../issues.js";
import type { NodeResources } from "../node-model.js";
import { packOneShape as bindingOf, type Dimension } from "../packing.js";
import { packCached } from "./cache.js";
import { byName, type Candidate, type Evaluated, type ProviderContext, tolerance } from "./context.js";
import type { NodeRun, OptionKind, PlanOption, Pool, PoolNode } from "./document.js";
import type { LevelPacking } from "./pack.js";
import { capped, envsPerNodeOf } from "./pack.js";
import type { ClusterRequest } from "./request.js";

/** Evaluate the bill of a plan on the pools `names` (each level packed on them at least cost). */
export type Packer = (value: number) => LevelPacking | undefined;

export function evaluate(ctx: ProviderContext, names: readonly string[], cap: number | undefined, packer?: Packer): Evaluated | undefined {
  const d = ctx.demand;
  const costing = ctx.req.costing;
  const packAt: Packer = packer ?? ((value) => packCached(ctx, names, cap, value));
  const perLevel = new Map<number, LevelPacking>();
  let optimalPacking = true;
  for (const l of d.levels) {
    const p = packAt(l.value);
    if (!p) return undefined;
    perLevel.set(l.value, p);
    optimalPacking &&= p.optimal;
  }
  const peakPack = packAt(d.peak);
  const normalPack = packAt(d.normal);
  if (!peakPack || !normalPack) return undefined;
  const countIn = (p: LevelPacking, m: string, zone: number): number => (p.zones[zone] ?? []).filter((r) => r.machine === m).reduce((s, r) => s + r.count, 0);
  const total = (p: LevelPacking, m: string): number => p.zones.reduce((s, _, z) => s + countIn(p, m, z), 0);
  const used = names.filter((m) => total(peakPack, m) > 0 || [...perLevel.values()].some((p) => total(p, m) > 0));
  if (used.length === 0) return undefined;
  // The user's floor on nodes goes to the pool with the most nodes at peak.
  const floorPool = [...used].sort((a, b) => total(peakPack, b) - total(peakPack, a) || byName(a, b))[0];
  const pools: Pool[] = [];
  const withEphemeral = ctx.req.shapes.some((x) => x.env.ephemeralStorageBytes > 0);
  const usage: PoolUsage[] = [];
  const staticUsage: PoolUsage[] = [];
  for (const m of used) {
    const c = ctx.candidates.get(m) as Candidate;
    // Bounds are pool totals (GKE --total-min-nodes/--total-max-nodes, AKS --min-count/--max-count):
    // zones may use different pools, so a per-zone bound × zones would overstate them.
    // min: enough for normal demand, never above what normal demand with the buffer keeps on this pool
    // (a minimum above that would bill idle nodes); max: the most any level needs.
    // The pools' minimums together hold normal demand and the warm buffer: each pool's nodes in the
    // packing of normal demand with the buffer on this plan's pools — what the plan runs at normal demand,
    // so a minimum never bills an idle node there.
    let minNodes = total(normalPack, m);
    if (m === floorPool) minNodes = Math.max(minNodes, costing.minNodesFloor ?? 0);
    const maxNodes = Math.max(minNodes, total(peakPack, m), ...[...perLevel.values()].map((p) => total(p, m)));
    const zMin = Math.ceil(minNodes / ctx.zones);
    const zMax = Math.ceil(maxNodes / ctx.zones);
    const needed = d.weekly.map((seg) => ({ ...seg, value: total(perLevel.get(seg.value) as LevelPacking, m) }));
    const auto = autoscaledNodes(needed, minNodes, costing.scaleDownDelayMinutes);
    usage.push({ machineType: m, family: c.machine.family, nodes: auto, committedNodes: minNodes, bootDisk: c.model.bootDisk });
    staticUsage.push({ machineType: m, family: c.machine.family, nodes: constantSeries(maxNodes), committedNodes: minNodes, bootDisk: c.model.bootDisk });
    const capv = capped(c.capacity, cap);
    const envsPerNode: Record<string, number> = {};
    const binds: Record<string, Dimension | "max-envs-per-node"> = {};
    for (const s of d.shapes) {
      const k = envsPerNodeOf({ name: m, capacity: capv, costPerHour: 1 }, s);
      envsPerNode[s.name] = k;
      const b = bindingOf(c.model.forEnvs, (ctx.req.shapes.find((x) => x.name === s.name) as ClusterRequest["shapes"][number]).env);
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
        allocatable: nodeResourcesDoc(c.model.allocatable, withEphemeral),
        forEnvs: nodeResourcesDoc(c.model.forEnvs, withEphemeral),
        overhead: { ...c.model.overhead },
        // The boot disk and the ephemeral-storage derivation, when an env asks for ephemeral storage (else
        // the plan document is as before issue 16; the boot disk is in the bill either way).
        ...(withEphemeral
          ? {
              ephemeralStorage: {
                bootDisk: { sizeGiB: c.model.bootDisk.sizeGiB, type: c.model.bootDisk.type, billed: c.model.bootDisk.billed, label: c.model.bootDisk.label },
                backing: c.model.ephemeralStorage.backing,
                capacityBytes: c.model.ephemeralStorage.capacityBytes,
                capacitySource: c.model.ephemeralStorage.capacityKind,
                kubeReservedBytes: c.model.ephemeralStorage.kubeReservedBytes,
                evictionHardBytes: c.model.ephemeralStorage.evictionHardBytes,
                reservedBytes: c.model.ephemeralStorage.reservedBytes,
                rule: c.model.ephemeralStorage.rule,
              },
            }
          : {}),
        capacityMemory: { bytes: c.model.capacity.memoryBytes, source: c.model.capacity.memoryKind, estimate: c.model.capacity.memoryEstimate?.id ?? null },
        envsPerNode,
        binds,
      },
      autoscaler: { ...ctx.bounds, minNodes, maxNodes, perZone: { min: zMin, max: zMax }, zoneNames: ctx.req.costing.zones[ctx.provider]?.names ?? [] },
      // peak: the nodes of the peak placement (packed from scratch, as `placement` shows; the autoscaler
      // keeps at least the minimum, and the bill counts that); normal: never below the minimum.
      nodes: { peak: total(peakPack, m), normal: Math.max(minNodes, total(normalPack, m)) },
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
    envDisks: d.shapes.flatMap((shape, k) => {
      const s = ctx.req.shapes.find((x) => x.name === shape.name);
      // Every provider has a default class, so a disk is always priced or named as unpriced, never dropped.
      const cls = costing.storageClasses[ctx.provider] ?? defaultStorageClass[ctx.provider];
      return s?.diskBytes === undefined
        ? []
        : [
            {
              label: ctx.req.shapes.length === 1 ? "env disks" : `env disks of ${s.name}`,
              count: d.existingPerShape[k] ?? 0,
              storageClass: cls,
              sizeBytes: s.diskBytes,
            },
          ];
    }),
    snapshots: costing.warmups.filter((w) => w.snapshotBytes > 0).map((w) => ({ name: w.name, envs: w.envs, sizeBytes: w.snapshotBytes })),
    ...(costing.clusterTiers[ctx.provider] === undefined ? {} : { clusterTier: costing.clusterTiers[ctx.provider] as string }),
    perNodeFees: costing.perNodeFees,
    fixed: costing.fixed,
  });
  const a = priceBill(bom(usage), ctx.options.priceBook, ctx.path);
  const st = priceBill(bom(staticUsage), ctx.options.priceBook, ctx.path);
  const nodeHours = (u: readonly PoolUsage[]): number =>
    u.reduce((s, p) => s + (p.nodes.reduce((t, seg) => t + seg.value * seg.length, 0) / 60) * weeksPerMonth, 0);
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

/** Zones with identical node runs at peak, grouped. */
export function groupZones(ctx: ProviderContext, p: LevelPacking): PlanOption["placement"] {
  const out: { zones: string[]; nodes: NodeRun[]; key: string }[] = [];
  p.zones.forEach((runs, z) => {
    const nodes = runs
      .filter((r) => r.count > 0)
      .map((r) => ({ machineType: r.machine, count: r.count, envs: Object.fromEntries(ctx.demand.shapes.map((s, k) => [s.name, r.envs[k] ?? 0])) }));
    const key = JSON.stringify(nodes);
    const same = out.find((g) => g.key === key);
    const given = ctx.zoneNames[z] ?? `${z + 1}`;
    const name = /^\d+$/.test(given) ? `zone ${given}` : given;
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
  if (provider === "azure")
    return `dev${m.name
      .replace(/^Standard_/, "")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")}`.slice(0, 12);
  return `devenv-${m.name.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 40).replace(/-+$/, "");
}

export function toOption(ctx: ProviderContext, kind: OptionKind, e: Evaluated, lowerBound: number): PlanOption {
  // The bound covers the types the search may choose; a named burstable or advised-against type lies
  // outside it and may cost less: then no bound, gap or proof is claimed for it.
  const outside = e.total < lowerBound * (1 - tolerance);
  const raw = e.total > 0 ? Math.max(0, (e.total - lowerBound) / e.total) : 0;
  // Below the tolerance a gap is rounding noise (1e-16 from summing the same lines in another order).
  const gap = raw <= tolerance ? 0 : raw;
  return {
    kind,
    pools: e.pools,
    nodes: e.nodes,
    placement: e.placement,
    blastRadius: e.blastRadius,
    // A cap in force is enforced by the settings whether or not one shape alone reaches it (shapes mixed
    // on a node can).
    maxEnvsPerNode: e.cap ?? null,
    applied: e.applied,
    bill: { autoscaled: e.autoscaled, static: e.static },
    lowerBoundUsdPerMonth: outside ? null : lowerBound,
    gap: outside ? null : gap,
    optimal: outside ? null : gap === 0,
    issues: outside
      ? [
          ...e.issues,
          issue(
            "machine_flagged",
            "info",
            ctx.path,
            `${e.machines.join(" + ")} costs less than every plan searched: burstable and advised-against types are not chosen automatically (the product guides advise against them), so the lower bound does not cover it`,
            { machineType: e.machines.join(",") },
          ),
        ]
      : e.issues,
  };
}

/** A node's resources as the plan document shows them: ephemeral storage only when an env requests some. */
function nodeResourcesDoc(n: NodeResources, withEphemeral: boolean): PoolNode["forEnvs"] {
  return {
    cpuMillicores: n.cpuMillicores,
    memoryBytes: n.memoryBytes,
    pods: n.pods,
    volumes: n.volumes,
    ...(withEphemeral ? { ephemeralStorageBytes: n.ephemeralStorageBytes } : {}),
  };
}
