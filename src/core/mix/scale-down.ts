/**
 * Scale-down of a peak placement to a smaller demand, as an autoscaler shrinks pools: the surplus envs
 * of each shape leave the least-filled nodes first; then, as cluster-autoscaler's scale-down does, each
 * node in turn (least-filled first) is drained when all its envs fit on the other remaining nodes
 * (first fit), and removed. The result never has more nodes of any pool than the peak placement (used
 * for the normal plan when the cheapest normal packing would need more of some pool than peak has).
 */
import { dims, maxFit, type PackMachine, type PackShape } from "./instance.js";
import type { PlacedRun } from "./placement.js";

/** Remove envs from the peak placement until `demand` remains: least-filled nodes give theirs up first. */
export function scaleDown(shapes: readonly PackShape[], peak: readonly PlacedRun[], demand: readonly number[], machines: readonly PackMachine[]): PlacedRun[] {
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
  // Drain: least-filled nodes first, each moved only if every env finds room elsewhere.
  const cap = new Map(machines.map((m) => [m.name, m.capacity]));
  const residual = (n: { machine: string; envs: number[] }): number[] =>
    (cap.get(n.machine) ?? []).map((a, d) => a - shapes.reduce((t, sh, k) => t + (n.envs[k] ?? 0) * (sh.request[d] ?? 0), 0));
  const alive = nodes.map((n) => n.envs.some((v) => v > 0));
  for (const i of [...order].sort((a, b) => load(nodes[a] as { envs: number[] }) - load(nodes[b] as { envs: number[] }) || a - b)) {
    const n = nodes[i] as { machine: string; envs: number[] };
    if (!alive[i]) continue;
    const others = nodes.map((o, j) => (j !== i && alive[j] ? residual(o) : undefined));
    const moves: [number, number, number][] = [];
    let ok = true;
    shapes.forEach((sh, k) => {
      let left = n.envs[k] ?? 0;
      for (let j = 0; j < nodes.length && left > 0 && ok; j++) {
        const r = others[j];
        if (!r) continue;
        const f = Math.min(left, maxFit(r, sh.request));
        if (f <= 0) continue;
        for (let d = 0; d < dims; d++) r[d] = (r[d] ?? 0) - f * (sh.request[d] ?? 0);
        moves.push([j, k, f]);
        left -= f;
      }
      if (left > 0) ok = false;
    });
    if (!ok) continue;
    for (const [j, k, f] of moves) (nodes[j] as { envs: number[] }).envs[k] = ((nodes[j] as { envs: number[] }).envs[k] ?? 0) + f;
    n.envs = n.envs.map(() => 0);
    alive[i] = false;
  }
  const runs = new Map<string, PlacedRun>();
  for (const n of nodes) {
    if (n.envs.every((v) => v === 0)) continue;
    const key = `${n.machine}|${n.envs.join(",")}`;
    const r = runs.get(key);
    runs.set(key, { machine: n.machine, envs: n.envs, count: (r?.count ?? 0) + 1 });
  }
  return [...runs.values()];
}
