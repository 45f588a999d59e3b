/**
 * The resource vector every packing step speaks (Karpenter's `resources.go` shape): integer millicores,
 * bytes, pod slots, volume (CSI attach) slots and bytes of local ephemeral storage, in that order (issue 16
 * added the fifth: an env that requests no ephemeral storage has 0 there, so it never binds). The node model's `forEnvs` and an env
 * shape's request become one with {@link ofNode} and {@link ofEnv}; the planner, the mixed-shape engine's
 * fit checks and the placement check use these operations. Integers throughout (docs/packing.md §1.1), so
 * sums stay exact below 2^53.
 */
import type { NodeResources } from "./node-model.js";
import type { EnvShape } from "./units/env-shape.js";

/** `[cpuMillicores, memoryBytes, pods, volumes, ephemeralStorageBytes]`. */
export type Resources = readonly [cpuMillicores: number, memoryBytes: number, pods: number, volumes: number, ephemeralStorageBytes: number];

/** Index of each dimension in a {@link Resources} vector. */
export const dimension = { cpu: 0, memory: 1, pods: 2, volumes: 3, ephemeralStorage: 4 } as const;
export const resourceDims = 5;

export const resources = (cpuMillicores: number, memoryBytes: number, pods: number, volumes: number, ephemeralStorageBytes = 0): Resources => [
  cpuMillicores,
  memoryBytes,
  pods,
  volumes,
  ephemeralStorageBytes,
];

/** What one node offers to envs (allocatable − DaemonSets − what images and system pods occupy on its ephemeral storage). */
export const ofNode = (n: NodeResources): Resources => [n.cpuMillicores, n.memoryBytes, n.pods, n.volumes, n.ephemeralStorageBytes];

/** What one env requests: its CPU and memory, one pod slot, one volume slot (one PVC) and its ephemeral storage (0 when none). */
export const ofEnv = (e: EnvShape): Resources => [e.cpuMillicores, e.memoryBytes, e.pods, e.volumes, e.ephemeralStorageBytes];

export const add = (a: Resources, b: Resources): Resources => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]];

/** a − b per dimension (may be negative: what is missing). */
export const sub = (a: Resources, b: Resources): Resources => [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3], a[4] - b[4]];

/** k × a (k a whole number of envs). */
export const scale = (a: Resources, k: number): Resources => [a[0] * k, a[1] * k, a[2] * k, a[3] * k, a[4] * k];

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
  cap === undefined ? capacity : [capacity[0], capacity[1], Math.min(capacity[2], cap), capacity[3], capacity[4]];
