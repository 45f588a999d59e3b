/**
 * Packing one env shape on one machine type: exact closed form (docs/packing.md §1.2).
 *   envsPerNode = min over d of ⌊a_d / r_d⌋ (cpu, memory, pod slots, volume slots, ephemeral storage;
 *                 a dimension the env requests none of — ephemeral storage by default — is skipped)
 *   nodes       = ⌈envs / envsPerNode⌉
 * Optimal, not a heuristic: no node holds envsPerNode + 1, so N ≥ envs / envsPerNode.
 */
import type { NodeResources } from "./node-model.js";
import type { EnvShape } from "./units/env-shape.js";

export type Dimension = "cpu" | "memory" | "pods" | "volumes" | "ephemeral-storage";
export const dimensions: readonly Dimension[] = ["cpu", "memory", "pods", "volumes", "ephemeral-storage"];

/** Result of packing one shape on one node. */
export interface Packing {
  readonly envsPerNode: number;
  /**
   * The dimension that limits envs per node. Among dimensions with the smallest ⌊a/r⌋, the one with
   * the smallest exact ratio a/r (it would bind first if envs were liquid); then cpu, memory, pods, volumes,
   * ephemeral-storage.
   */
  readonly bindingConstraint: Dimension;
  /** ⌊a_d / r_d⌋ per dimension (Infinity for a dimension the env requests none of). */
  readonly perDimension: Readonly<Record<Dimension, number>>;
}

function amounts(n: NodeResources, env: EnvShape): Record<Dimension, readonly [number, number]> {
  return {
    cpu: [n.cpuMillicores, env.cpuMillicores],
    memory: [n.memoryBytes, env.memoryBytes],
    pods: [n.pods, env.pods],
    volumes: [n.volumes, env.volumes],
    "ephemeral-storage": [n.ephemeralStorageBytes, env.ephemeralStorageBytes],
  };
}

/** Envs of one shape per node, with the binding constraint. */
export function packOneShape(forEnvs: NodeResources, env: EnvShape): Packing {
  const a = amounts(forEnvs, env);
  const perDimension = {} as Record<Dimension, number>;
  for (const d of dimensions) {
    const [have, need] = a[d];
    perDimension[d] = need > 0 ? Math.floor(have / need) : Number.POSITIVE_INFINITY;
  }
  let binding: Dimension = "cpu";
  for (const d of dimensions) {
    if (perDimension[d] < perDimension[binding]) binding = d;
    else if (perDimension[d] === perDimension[binding] && d !== binding) {
      // exact ratio comparison have_d/need_d < have_b/need_b ⇔ have_d·need_b < have_b·need_d (BigInt: > 2^53)
      const [hd, nd] = a[d];
      const [hb, nb] = a[binding];
      if (nd === 0 || nb === 0) continue; // a dimension not requested never binds
      if (BigInt(hd) * BigInt(nb) < BigInt(hb) * BigInt(nd)) binding = d;
    }
  }
  return { envsPerNode: perDimension[binding], bindingConstraint: binding, perDimension };
}

/** Nodes needed for `envs` environments, or undefined when none fits on a node. */
export function nodesFor(envs: number, envsPerNode: number): number | undefined {
  if (envsPerNode <= 0) return envs === 0 ? 0 : undefined;
  return Math.ceil(envs / envsPerNode);
}
