/**
 * Autoscaler bounds for one node pool (issue 3), pure.
 *
 * Rules and sources:
 * - min: enough nodes for normal demand ("Start with a minimum number of nodes that is enough to cover
 *   normal usage", CodeCanvas installation guides, "Configure autoscaling"), or the user's floor;
 * - max: peak demand plus the warm buffer in every zone;
 * - buffer per zone: max(2 × the largest env, the user's warm target, the warm capacity a start-latency
 *   goal needs). "Keep spare capacity for at least two large environments per availability zone"
 *   (the CodeCanvas installation guides' autoscaling recommendations); PVCs are zonal, so the buffer
 *   is per zone;
 * - per-zone vs total: GKE's `--min-nodes/--max-nodes` are per zone in a regional cluster, while
 *   `--total-min-nodes/--total-max-nodes` bound the whole pool (GKE docs "Autoscaling a cluster");
 *   AKS `--min-count/--max-count` bound the whole pool. We compute per-zone bounds and report
 *   total = per zone × zones, so both readings describe the same pool.
 */

/**
 * Default node start time, minutes from a pending pod to a Ready node: GKE scale-up is observed at
 * 2–5 minutes from pending pod to running (brtkwr.com, "GKE cluster autoscaler", 2025-10-21); we take
 * the upper end so that warm capacity sized from it is not too small. Override with nodeStartMinutes.
 */
export const defaultNodeStartMinutes = 5;
/** cluster-autoscaler `--scale-down-unneeded-time` default: 10 minutes (cluster-autoscaler FAQ). */
export const defaultScaleDownDelayMinutes = 10;
/** Envs of the largest shape kept free per zone (the guides' autoscaling advice, see module comment). */
export const minBufferEnvsPerZone = 2;
/**
 * PriorityClass value of the placeholder (pause) pods: negative so that every real env (priority 0)
 * preempts them, and not below cluster-autoscaler's `--expendable-pods-priority-cutoff` (default −10),
 * below which the autoscaler ignores pending pods, so the buffer would never trigger a scale-up
 * (cluster-autoscaler FAQ "How can I configure overprovisioning with Cluster Autoscaler?").
 */
export const placeholderPriority = -1;
export const expendablePriorityCutoff = -10;

export interface AutoscalerInput {
  readonly peak: number;
  readonly normal: number;
  readonly envsPerNode: number;
  readonly zones: number;
  /** User floor on total nodes (default 0). */
  readonly minNodesFloor?: number;
  readonly warmEnvsPerZone?: number;
  readonly nodeStartMinutes: number;
  readonly scaleDownDelayMinutes: number;
  /** Start-latency goal and morning-peak arrivals per minute (both needed for a latency-derived buffer). */
  readonly startLatencyGoalSeconds?: number;
  readonly arrivalsPerMinute?: number;
}

export interface AutoscalerBounds {
  /** Total bounds over all zones (= per zone × zones). */
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly perZone: { readonly min: number; readonly max: number };
  readonly zones: number;
  readonly bufferEnvsPerZone: number;
  /** Which rule set the buffer: "two largest envs per zone", "warm target", "start-latency goal". */
  readonly bufferReason: string;
  /** Envs the start-latency goal asks to keep warm per zone (0 when no goal or it needs none). */
  readonly latencyWarmEnvsPerZone: number;
  readonly nodeStartMinutes: number;
  readonly scaleDownDelayMinutes: number;
  readonly placeholderPriority: number;
}

/**
 * Warm envs per zone for a start-latency goal: envs arriving while a new node starts must find room
 * already running, so warm capacity ≥ arrivals per minute × node start minutes (Little's law L = λ·W),
 * spread over the zones and rounded up. Zero when the goal is at least the node start time.
 */
export function latencyWarmEnvsPerZone(input: Pick<AutoscalerInput, "startLatencyGoalSeconds" | "arrivalsPerMinute" | "nodeStartMinutes" | "zones">): number {
  const { startLatencyGoalSeconds: goal, arrivalsPerMinute: rate } = input;
  if (goal === undefined || rate === undefined) return 0;
  if (goal >= input.nodeStartMinutes * 60) return 0;
  return Math.ceil(Math.ceil(rate * input.nodeStartMinutes) / input.zones);
}

/** Per-zone and total bounds (see module comment). `envsPerNode` must be ≥ 1. */
export function autoscalerBounds(input: AutoscalerInput): AutoscalerBounds {
  const { zones, envsPerNode: k } = input;
  const latency = latencyWarmEnvsPerZone(input);
  const warm = input.warmEnvsPerZone ?? 0;
  const buffer = Math.max(minBufferEnvsPerZone, warm, latency);
  const bufferReason =
    buffer === minBufferEnvsPerZone && warm <= minBufferEnvsPerZone && latency <= minBufferEnvsPerZone
      ? "two largest envs per zone"
      : warm >= latency
        ? "warm target per zone"
        : `start-latency goal (${input.arrivalsPerMinute}/min × ${input.nodeStartMinutes} min node start)`;
  // The busiest zone decides a per-zone bound: ⌈envs/zones⌉ envs there (even spread, rounded up).
  const busiest = (envs: number): number => Math.ceil(envs / zones); // = max of envsPerZone(envs, zones)
  const perZoneMinForNormal = Math.ceil(busiest(input.normal) / k);
  const perZoneMinFloor = Math.ceil((input.minNodesFloor ?? 0) / zones);
  const perZoneMax = Math.ceil((busiest(input.peak) + buffer) / k);
  const perZoneMin = Math.min(Math.max(perZoneMinForNormal, perZoneMinFloor), Math.max(perZoneMax, perZoneMinFloor));
  const max = Math.max(perZoneMax, perZoneMin);
  return {
    minNodes: perZoneMin * zones,
    maxNodes: max * zones,
    perZone: { min: perZoneMin, max },
    zones,
    bufferEnvsPerZone: buffer,
    bufferReason,
    latencyWarmEnvsPerZone: latency,
    nodeStartMinutes: input.nodeStartMinutes,
    scaleDownDelayMinutes: input.scaleDownDelayMinutes,
    placeholderPriority,
  };
}
