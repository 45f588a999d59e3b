/**
 * Demand levels: the distinct numbers of concurrent envs in the typical week, each as envs per shape and
 * per zone, with the warm buffer. Pure.
 *
 * - One shape: the level is the shape's count.
 * - Several shapes: the level at peak is every shape's peak, at normal every shape's normal; any other
 *   level (an hourly profile) is shared out in proportion to the peaks by largest remainder (ties: shape
 *   order). A decision, recorded in the README ("One planner").
 * - Zones: each shape's envs are spread evenly (⌊d/Z⌋ per zone; the d mod Z remainders round-robin,
 *   continuing across shapes), as GKE's BALANCED location policy and AKS zone balancing place them; PVCs
 *   are zonal, so a zone's envs are packed on that zone's nodes.
 * - Buffer: every zone also keeps `bufferPerZone` placeholder envs of the largest shape (the product
 *   guides: "keep spare capacity for at least two large environments per availability zone").
 */
import type { Series } from "../demand.js";
import { spreadOverZones } from "../mix/instance.js";

/** Envs of each shape in each zone (rows: zones; columns: shapes). */
export type ZoneDemand = readonly (readonly number[])[];

/**
 * Index of the largest shape (the one the warm buffer reserves): most memory, then most CPU, then the
 * first. A decision recorded in the README ("One planner").
 */
export function largestShape(sizes: readonly { readonly cpuMillicores: number; readonly memoryBytes: number }[]): number {
  let best = 0;
  sizes.forEach((s, i) => {
    const o = sizes[best] as (typeof sizes)[number];
    if (s.memoryBytes > o.memoryBytes || (s.memoryBytes === o.memoryBytes && s.cpuMillicores > o.cpuMillicores)) best = i;
  });
  return best;
}

/** Largest-remainder apportionment of `total` over `weights` (Σ result = total; ties by index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  // Exact in integers: share_i = total·w_i / sum; floor and remainder from integer division.
  const base = weights.map((w) => Math.floor((total * w) / sum));
  const rem = weights.map((w, i) => total * w - (base[i] ?? 0) * sum);
  let left = total - base.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => (rem[b] ?? 0) - (rem[a] ?? 0) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    base[i] = (base[i] ?? 0) + 1;
    left--;
  }
  return base;
}

/** Envs per shape at a level of `total` concurrent envs. */
export function levelVector(total: number, peaks: readonly number[], normals: readonly number[]): number[] {
  const sumPeak = peaks.reduce((a, b) => a + b, 0);
  const sumNormal = normals.reduce((a, b) => a + b, 0);
  if (peaks.length === 1) return [total];
  if (total === sumPeak) return [...peaks];
  if (total === sumNormal) return [...normals];
  return apportion(total, peaks);
}

/** Per-zone demand at a level, with `buffer` placeholder envs of shape `bufferShape` in every zone. */
export function zoneDemand(envs: readonly number[], zones: number, buffer: number, bufferShape: number): number[][] {
  return spreadOverZones(envs, zones).map((row) => row.map((v, k) => (k === bufferShape ? v + buffer : v)));
}

/** Distinct values of a weekly series with their minutes, ascending. */
export function levelsOf(series: Series): { value: number; minutes: number }[] {
  const m = new Map<number, number>();
  for (const seg of series) m.set(seg.value, (m.get(seg.value) ?? 0) + seg.length);
  return [...m].map(([value, minutes]) => ({ value, minutes })).sort((a, b) => a.value - b.value);
}
