/** Packings of demand levels on candidate pool sets, cached per provider plan; per-zone demand per level. */

import { byName, type ProviderContext } from "./context.js";
import { levelVector, zoneDemand } from "./levels.js";
import { capped, type LevelPacking, type PlanMachine, packLevel } from "./pack.js";

/** The machines of the candidate set, as the packer sees them under a cap. */
export function planMachines(ctx: ProviderContext, names: readonly string[], cap: number | undefined): PlanMachine[] {
  return names.flatMap((n) => {
    const c = ctx.candidates.get(n);
    return c ? [{ name: n, capacity: capped(c.capacity, cap), costPerHour: c.costPerHour }] : [];
  });
}

/** Per-zone demand at a level value, the warm buffer included. */
const zoneCache = new WeakMap<ProviderContext, Map<string, number[][]>>();
export function zonesAt(ctx: ProviderContext, value: number): number[][] {
  let m = zoneCache.get(ctx);
  if (!m) zoneCache.set(ctx, (m = new Map()));
  const key = `${value}`;
  const hit = m.get(key);
  if (hit) return hit;
  const z = zonesAtUncached(ctx, value);
  m.set(key, z);
  return z;
}
function zonesAtUncached(ctx: ProviderContext, value: number): number[][] {
  const d = ctx.demand;
  const v = levelVector(value, d.peaks, d.normals);
  return zoneDemand(v, ctx.zones, ctx.bounds.bufferEnvsPerZone, d.bufferShape);
}

export function packCached(ctx: ProviderContext, names: readonly string[], cap: number | undefined, value: number, share = 0.25): LevelPacking | undefined {
  const key = `${names.join(",")}|${cap ?? ""}|${value}`;
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  const r = packLevel(ctx.pack, planMachines(ctx, names, cap), zonesAt(ctx, value), (ctx.budget?.left ?? 0) * share);
  // The engine call ran on its own share of the clock: a search it cut short is the plan's time limit too.
  if (r?.status === "time_limit") ctx.budget?.markLimit();
  ctx.cache.set(key, r);
  // An optimal packing on all machines is also the optimal packing on the machines it uses.
  if (r?.optimal) {
    const used = usedBy(r);
    const k = `${used.join(",")}|${cap ?? ""}|${value}`;
    if (!ctx.cache.has(k) && used.length > 0) ctx.cache.set(k, r);
  }
  return r;
}

/** Machine names a packing uses. */
export const usedBy = (p: LevelPacking): string[] =>
  [...new Set(p.zones.flatMap((z) => z.filter((r) => r.count > 0 && r.envs.some((e) => e > 0)).map((r) => r.machine)))].sort(byName);
