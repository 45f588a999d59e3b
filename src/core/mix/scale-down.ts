/**
 * Scale-down of a peak placement to a smaller demand, as an autoscaler shrinks pools: the surplus envs
 * of each shape leave the least-filled nodes first, and nodes left empty are removed. The result never
 * has more nodes of any pool than the peak placement (used for the normal plan when the cheapest normal
 * packing would need more of some pool than peak has).
 */
import type { PackShape } from "./instance.js";
import type { PlacedRun } from "./placement.js";

/** Remove envs from the peak placement until `demand` remains: least-filled nodes give theirs up first. */
export function scaleDown(shapes: readonly PackShape[], peak: readonly PlacedRun[], demand: readonly number[]): PlacedRun[] {
  const nodes = peak.flatMap((r) => Array.from({ length: r.count }, () => ({ machine: r.machine, envs: [...r.envs] })));
  const load = (n: { envs: number[] }): number => n.envs.reduce((s, v) => s + v, 0);
  const order = nodes.map((_, i) => i).sort((a, b) => load(nodes[a] as { envs: number[] }) - load(nodes[b] as { envs: number[] }) || a - b);
  shapes.forEach((_, k) => {
    let surplus = nodes.reduce((s, n) => s + (n.envs[k] ?? 0), 0) - (demand[k] ?? 0);
    for (const i of order) {
      if (surplus <= 0) break;
      const n = nodes[i] as { envs: number[] };
      const take = Math.min(surplus, n.envs[k] ?? 0);
      n.envs[k] = (n.envs[k] ?? 0) - take;
      surplus -= take;
    }
  });
  const runs = new Map<string, PlacedRun>();
  for (const n of nodes) {
    if (n.envs.every((v) => v === 0)) continue;
    const key = `${n.machine}|${n.envs.join(",")}`;
    const r = runs.get(key);
    runs.set(key, { machine: n.machine, envs: n.envs, count: (r?.count ?? 0) + 1 });
  }
  return [...runs.values()];
}

