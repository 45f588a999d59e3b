/**
 * The resource vector every packing step speaks (Karpenter's `resources.go` shape): integer millicores,
 * bytes, pod slots and volume (CSI attach) slots, in that order. The node model's `forEnvs` and an env
 * shape's request become one with {@link ofNode} and {@link ofEnv}; the planner, the mixed-shape engine's
 * fit checks and the placement check use these operations. Integers throughout (docs/packing.md §1.1), so
 * sums stay exact below 2^53.
 */
import type { NodeResources } from "./node-model.js";
import type { EnvShape } from "./units/env-shape.js";

/** `[cpuMillicores, memoryBytes, pods, volumes]`. */
export type Resources = readonly [cpuMillicores: number, memoryBytes: number, pods: number, volumes: number];

/** Index of each dimension in a {@link Resources} vector. */
export const dimension = { cpu: 0, memory: 1, pods: 2, volumes: 3 } as const;
export const resourceDims = 4;

export const resources = (cpuMillicores: number, memoryBytes: number, pods: number, volumes: number): Resources => [cpuMillicores, memoryBytes, pods, volumes];

/** What one node offers to envs (allocatable − DaemonSets). */
export const ofNode = (n: NodeResources): Resources => [n.cpuMillicores, n.memoryBytes, n.pods, n.volumes];

/** What one env requests: its CPU and memory, one pod slot and one volume slot (one PVC). */
export const ofEnv = (e: EnvShape): Resources => [e.cpuMillicores, e.memoryBytes, e.pods, e.volumes];

export const add = (a: Resources, b: Resources): Resources => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];

/** a − b per dimension (may be negative: what is missing). */
export const sub = (a: Resources, b: Resources): Resources => [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]];

/** k × a (k a whole number of envs). */
export const scale = (a: Resources, k: number): Resources => [a[0] * k, a[1] * k, a[2] * k, a[3] * k];

/** Whether `request` fits in `capacity` in every dimension. */
export const fits = (request: readonly number[], capacity: readonly number[]): boolean => {
  for (let d = 0; d < resourceDims; d++) if ((request[d] ?? 0) > (capacity[d] ?? 0)) return false;
  return true;
};

/** How many `request`s fit in `capacity`: min over dimensions of ⌊capacity_d / request_d⌋ (exact closed form, docs/packing.md §1.2); 0 when none. */
export const maxFit = (capacity: readonly number[], request: readonly number[]): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let d = 0; d < resourceDims; d++) {
    const r = request[d] ?? 0;
    if (r > 0) best = Math.min(best, Math.floor((capacity[d] ?? 0) / r));
  }
  return best === Number.POSITIVE_INFINITY ? 0 : best;
};

/** The capacity with the pod-slot dimension clamped to `cap` envs per node (each env is one pod). */
export const withPodCap = (capacity: Resources, cap: number | undefined): Resources =>
  cap === undefined ? capacity : [capacity[0], capacity[1], Math.min(capacity[2], cap), capacity[3]];
