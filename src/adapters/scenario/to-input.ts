/**
 * A checked scenario document → {@link Scenario}: its `input` is the raw input the CLI flags produce
 * (the same strings and numbers), so the resolver treats both alike. Pure conversion: the schema and
 * semantic.ts have already accepted the document.
 */
import type { Provider } from "../../catalog/types.js";
import { defaultPlatform } from "../../core/platform.js";
import { defaultClusterTier } from "../../core/resolve-costing.js";
import type { ScenarioDocument } from "./generated/scenario-schema.js";
import { perProvider } from "./semantic.js";
import { type Scenario, type ScenarioInput, scenarioProviders } from "./types.js";

const trimmed = <T extends { readonly name?: string }>(item: T): T => (item.name === undefined ? item : { ...item, name: item.name.trim() });

export function toScenario(doc: ScenarioDocument): Scenario {
  const out: Record<string, unknown> = {};
  const planned = doc.providers as readonly Provider[] | undefined;
  if (planned) out.provider = [...planned];

  // `ephemeralStorage: 30Gi` is the env text's `@eph=30Gi` (issue 16), which the env parser reads.
  const withEph = (env: string, eph: string | undefined): string => (eph === undefined ? env.trim() : `${env.trim()}@eph=${eph.trim()}`);
  if (doc.env !== undefined) out.env = withEph(doc.env, doc.ephemeralStorage);
  if (doc.envs !== undefined)
    out.envs = doc.envs.map(({ ephemeralStorage, ...e }) =>
      trimmed({ ...e, env: withEph(e.env, ephemeralStorage), ...(e.disk === undefined ? {} : { disk: e.disk.trim() }) }),
    );
  if (doc.packing?.within !== undefined) out.within = doc.packing.within;
  if (doc.packing?.maxEnvsPerNode !== undefined) out.maxEnvsPerNode = doc.packing.maxEnvsPerNode;
  if (doc.packing?.maxPools !== undefined) out.maxPools = doc.packing.maxPools;
  if (doc.packing?.perZone !== undefined) out.perZone = doc.packing.perZone;
  if (doc.packing?.timeLimitSeconds !== undefined) out.timeLimit = doc.packing.timeLimitSeconds;

  if (doc.regions !== undefined) out.region = perProvider(doc.regions, planned).map(([, r]) => r);

  // One non-default platform shared by every planned provider becomes `platform` (semantic.ts checked it is shared).
  const platforms = perProvider(doc.platforms, planned);
  if (platforms.some(([p, id]) => id !== defaultPlatform[p])) {
    const first = (planned ?? [])[0];
    if (first !== undefined) out.platform = platforms.find(([p]) => p === first)?.[1] ?? defaultPlatform[first];
  }

  if (typeof doc.zones === "number") out.zones = [String(doc.zones)];
  else if (doc.zones !== undefined)
    out.zones = perProvider<readonly (string | number)[]>(doc.zones, planned).map(([, zs]) => zs.map((z) => String(z).trim()).join(","));

  if (doc.machines !== undefined) out.machine = doc.machines.map((m) => m.trim());
  if (doc.maxPods !== undefined) out.maxPods = doc.maxPods;

  const node = doc.node;
  if (node?.daemonsetOverhead !== undefined) {
    const ds = node.daemonsetOverhead;
    if (ds === "none") out.daemonsetOverhead = "none";
    else {
      const parts: string[] = [];
      if (ds.cpu !== undefined) parts.push(`cpu=${String(ds.cpu).trim()}`);
      if (ds.memory !== undefined) parts.push(`memory=${ds.memory.trim()}`);
      if (ds.pods !== undefined) parts.push(`pods=${ds.pods}`);
      out.daemonsetOverhead = parts.length > 0 ? parts.join(",") : "none";
    }
  }
  for (const part of ["kubeReserved", "systemReserved"] as const) {
    const r = node?.[part];
    if (r?.cpu !== undefined) out[`${part}Cpu`] = String(r.cpu).trim();
    if (r?.memory !== undefined) out[`${part}Memory`] = r.memory.trim();
  }
  if (node?.evictionHardMemory !== undefined) out.evictionHardMemory = node.evictionHardMemory.trim();
  // The same TYPE=QUANTITY items the flag gives (the resolver checks the types against the catalogs).
  const items = (m: Readonly<Record<string, string>>): string[] => Object.entries(m).map(([type, q]) => `${type.trim()}=${String(q).trim()}`);
  if (node?.capacityMemory !== undefined) out.capacityMemory = items(node.capacityMemory);
  if (node?.capacityEphemeralStorage !== undefined) out.capacityEphemeralStorage = items(node.capacityEphemeralStorage);
  // Node-local storage (issue 16): the same strings as --boot-disk, --ephemeral-reserved, --ephemeral-local-ssd.
  if (node?.bootDisk !== undefined)
    out.bootDisk = typeof node.bootDisk === "string" ? [node.bootDisk.trim()] : perProvider(node.bootDisk, planned).map(([, b]) => b.trim());
  if (node?.ephemeralReserved !== undefined) out.ephemeralReserved = node.ephemeralReserved.trim();
  if (node?.ephemeralLocalSsd === true) out.ephemeralLocalSsd = true;

  const demand = doc.demand;
  if (demand !== undefined) {
    for (const k of ["peak", "normal", "users", "envsPerUser", "concurrency"] as const) if (demand[k] !== undefined) out[k] = demand[k];
    if (demand.profile !== undefined) out.profile = { weekday: [...demand.profile.weekday], weekend: [...demand.profile.weekend] };
    if (demand.standby !== undefined) out.standby = demand.standby.map((s) => trimmed({ ...s }));
    if (demand.warmups !== undefined)
      out.warmups = demand.warmups.map((w) =>
        trimmed({ ...w, ...(w.env === undefined ? {} : { env: w.env.trim() }), ...(w.snapshot === undefined ? {} : { snapshot: w.snapshot.trim() }) }),
      );
  }

  if (doc.storage?.disk !== undefined) out.disk = doc.storage.disk.trim();
  if (doc.storage?.class !== undefined) out.storageClass = perProvider(doc.storage.class, planned).map(([, c]) => c);
  if (doc.pricing !== undefined) out.pricing = doc.pricing;
  if (doc.autoscaler !== undefined) Object.assign(out, doc.autoscaler);

  const tiers = perProvider(doc.cluster?.tier, planned);
  if (doc.cluster?.tier !== undefined) {
    // The resolver reads a bare "none" as "no fee for any provider"; so put it first and name every
    // other provider's tier after it, which keeps the per-provider meaning exact.
    if (tiers.some(([, t]) => t === "none"))
      out.clusterTier = [
        "none",
        ...(planned ?? scenarioProviders).map((p) => tiers.find(([q]) => q === p)?.[1] ?? defaultClusterTier[p]).filter((t) => t !== "none"),
      ];
    else out.clusterTier = tiers.map(([, t]) => t);
  }

  if (doc.fixed !== undefined)
    out.fixed = doc.fixed.map((f) =>
      "usdPerMonth" in f
        ? { name: f.name.trim(), usdPerMonth: f.usdPerMonth, source: f.source.trim() }
        : {
            name: f.name.trim(),
            machineType: f.machineType.trim(),
            ...(f.count === undefined ? {} : { count: f.count }),
            ...(f.source === undefined ? {} : { source: f.source.trim() }),
            ...(f.bootDisk === undefined ? {} : { bootDisk: f.bootDisk.trim() }),
          },
    );
  if (doc.perNodeFees !== undefined)
    out.perNodeFees = doc.perNodeFees.map((f) => ({ name: f.name.trim(), usdPerNodeMonth: f.usdPerNodeMonth, source: f.source.trim() }));

  return {
    name: doc.name.trim(),
    ...(doc.description === undefined ? {} : { description: doc.description.trim() }),
    input: out as ScenarioInput,
    ...(doc.emit === undefined ? {} : { emit: [...doc.emit] }),
    ...(doc.calibration === undefined ? {} : { calibration: doc.calibration.trim() }),
  };
}
