/**
 * First-Fit Decreasing on one machine type, with identical envs handled in bulk (docs/packing.md
 * §2.1). FFD places each env, largest first, on the first open node where it fits, and opens a node when
 * none does. For a run of identical envs that is exactly "each node in opening order takes as many as
 * still fit": once a node has no room for one, it has none for the next identical one. So nodes are kept
 * as groups of identical nodes, and the work is O(shapes × groups), not O(envs × nodes).
 *
 * Sort keys (descending; ties: larger CPU, larger memory, then name — deterministic, house style §5):
 * - `ca`: cluster-autoscaler's `cpu/alloc_cpu + mem/alloc_mem` (kubernetes-sigs/cluster-autoscaler @
 *   33c3f97bf274 pkg/estimator/decreasing_pod_orderer.go; docs/packing.md §4.2);
 * - `sum`, `max`: sum and maximum of the four normalised dimensions (FFDSum, FFDMax);
 * - `lex`: CPU, then memory, raw (Karpenter's byCPUAndMemoryDescending, docs/packing.md §4.1).
 */
import { InternalError } from "../units/brands.js";
import { dims, maxFit, type PackMachine, type PackShape, type Vec } from "./instance.js";

export type FfdKey = "ca" | "sum" | "max" | "lex";
export const ffdKeys: readonly FfdKey[] = ["ca", "sum", "max", "lex"];

/** `count` identical nodes, each holding `envs[k]` envs of shape k. */
export interface NodeRun {
  readonly count: number;
  readonly envs: readonly number[];
}

interface OpenRun {
  count: number;
  envs: number[];
  residual: number[];
}

function score(key: FfdKey, s: PackShape, cap: Vec): number {
  const r = s.request;
  const norm = (d: number): number => (r[d] ?? 0) / Math.max(1, cap[d] ?? 0);
  if (key === "ca") return norm(0) + norm(1);
  if (key === "sum") return norm(0) + norm(1) + norm(2) + norm(3);
  if (key === "max") return Math.max(norm(0), norm(1), norm(2), norm(3));
  return 0; // lex: decided by the CPU/memory tie-breaks
}

/** Shape indices in FFD order for `key` on `machine`. */
export function ffdOrder(shapes: readonly PackShape[], machine: PackMachine, key: FfdKey): number[] {
  const idx = shapes.map((_, k) => k);
  const sc = shapes.map((s) => score(key, s, machine.capacity));
  return idx.sort((a, b) => {
    const x = shapes[a] as PackShape;
    const y = shapes[b] as PackShape;
    return (
      (sc[b] ?? 0) - (sc[a] ?? 0) ||
      (y.request[0] ?? 0) - (x.request[0] ?? 0) ||
      (y.request[1] ?? 0) - (x.request[1] ?? 0) ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
    );
  });
}

/**
 * FFD of `demand` on `machine` in the given shape order. Returns the node runs, or undefined when some
 * env with demand does not fit on an empty node.
 */
export function ffd(shapes: readonly PackShape[], demand: readonly number[], machine: PackMachine, order: readonly number[]): NodeRun[] | undefined {
  const runs: OpenRun[] = [];
  const K = shapes.length;
  for (const k of order) {
    let left = demand[k] ?? 0;
    if (left <= 0) continue;
    const req = (shapes[k] as PackShape).request;
    for (let i = 0; i < runs.length && left > 0; i++) {
      const run = runs[i] as OpenRun;
      const f = maxFit(run.residual, req);
      if (f === 0) continue;
      const full = Math.min(run.count, Math.floor(left / f));
      const split: OpenRun[] = [];
      if (full > 0) split.push(take(run, full, k, f, req));
      left -= full * f;
      const rest = run.count - full;
      if (rest > 0 && left > 0) {
        split.push(take(run, 1, k, left, req));
        left = 0;
        if (rest > 1) split.push({ ...run, count: rest - 1, envs: [...run.envs], residual: [...run.residual] });
      } else if (rest > 0) split.push({ ...run, count: rest, envs: [...run.envs], residual: [...run.residual] });
      runs.splice(i, 1, ...split);
      i += split.length - 1;
    }
    if (left > 0) {
      const q = maxFit(machine.capacity, req);
      if (q === 0) return undefined;
      const empty: OpenRun = { count: 0, envs: new Array<number>(K).fill(0), residual: [...machine.capacity] };
      const full = Math.floor(left / q);
      if (full > 0) runs.push(take({ ...empty, count: full }, full, k, q, req));
      if (left % q > 0) runs.push(take({ ...empty, count: 1 }, 1, k, left % q, req));
    }
  }
  return runs.map((r) => ({ count: r.count, envs: r.envs }));
}

function take(run: OpenRun, count: number, k: number, n: number, req: Vec): OpenRun {
  const envs = [...run.envs];
  envs[k] = (envs[k] ?? 0) + n;
  const residual = run.residual.map((v, d) => v - n * (req[d] ?? 0));
  for (let d = 0; d < dims; d++) if ((residual[d] ?? 0) < 0) throw new InternalError(`ffd: over capacity in dimension ${d}`);
  return { count, envs, residual };
}

export const nodesOf = (runs: readonly NodeRun[]): number => runs.reduce((s, r) => s + r.count, 0);

/** The best FFD over every sort key: fewest nodes (ties: first key in {@link ffdKeys}). */
export function bestFfd(shapes: readonly PackShape[], demand: readonly number[], machine: PackMachine): { runs: NodeRun[]; key: FfdKey } | undefined {
  let best: { runs: NodeRun[]; key: FfdKey } | undefined;
  for (const key of ffdKeys) {
    const runs = ffd(shapes, demand, machine, ffdOrder(shapes, machine, key));
    if (!runs) return undefined;
    if (!best || nodesOf(runs) < nodesOf(best.runs)) best = { runs, key };
  }
  return best;
}
