/**
 * The packing instance the mixed-shape engine solves (docs/packing.md §1.1, §2.3): env shapes with
 * an integer request vector, machine types with an integer capacity vector and a price, and demand
 * groups (one per zone, or one for the whole pool). Pure data; no catalog types, so the engine, the
 * property tests and the DP oracle all speak the same small language.
 *
 * Vectors are `[cpu millicores, memory bytes, pod slots, volume slots, ephemeral-storage bytes]`, integers (docs/packing.md §1.1:
 * "use integers everywhere"). Sums stay below 2^53: a node holds at most a few thousand envs and a
 * request is below 2^40 bytes.
 */
import { fits, type Resources, resourceDims, maxFit as resourceMaxFit } from "../resources.js";

/**
 * `[cpuMillicores, memoryBytes, pods, volumes, ephemeralStorageBytes]`: a {@link Resources} vector; the engine's inner loops take
 * any readonly number array of that layout (its columns and residuals are built in place).
 */
export type Vec = readonly number[];
export const dims = resourceDims;

/** One env shape: its request per env. */
export interface PackShape {
  readonly name: string;
  readonly request: Vec;
}

/** One machine type: what one node offers to envs (forEnvs: allocatable − DaemonSets) and its price. */
export interface PackMachine {
  readonly name: string;
  readonly usdPerHour: number;
  readonly capacity: Vec;
}

/**
 * Envs of each shape to place, for one zone (or the whole pool). `multiplicity` identical zones are
 * solved once and counted `multiplicity` times (zones are independent once the pools are fixed).
 */
export interface PackGroup {
  readonly demand: readonly number[];
  readonly multiplicity: number;
  /** Zones this group stands for, e.g. `["zone 1", "zone 2"]`; empty for the whole pool. */
  readonly zones: readonly string[];
}

export interface PackInstance {
  readonly shapes: readonly PackShape[];
  readonly machines: readonly PackMachine[];
  readonly groups: readonly PackGroup[];
}

/** Whether `n` envs of each shape fit in `capacity` (every dimension): Σ_k n_k × request_k fits (resources.ts). */
export function fitsCounts(capacity: Vec, shapes: readonly PackShape[], n: readonly number[]): boolean {
  const used: number[] = new Array(dims).fill(0);
  for (let k = 0; k < shapes.length; k++) for (let d = 0; d < dims; d++) used[d] = (used[d] ?? 0) + (n[k] ?? 0) * (shapes[k]?.request[d] ?? 0);
  return fits(used, capacity);
}

/** How many envs of `request` fit in `residual` (the resource vector's closed form, resources.ts). */
export const maxFit = (residual: Vec, request: Vec): number => resourceMaxFit(residual, request);

/** Envs of one shape that a machine can hold at most (0 when it does not fit). */
export const envsPerNode = (m: PackMachine, s: PackShape): number => maxFit(m.capacity, s.request);

/**
 * Split `demand[k]` envs of each shape evenly over `zones` zones (as a topology spread or GKE's BALANCED
 * location policy places them): each zone gets ⌊d/Z⌋, and the d mod Z remainders go round-robin,
 * continuing across shapes so no zone collects every remainder. Rows: zones; columns: shapes.
 */
export function spreadOverZones(demand: readonly number[], zones: number): number[][] {
  const z = Math.max(1, zones);
  const rows = Array.from({ length: z }, () => demand.map((d) => Math.floor(d / z)));
  let next = 0;
  demand.forEach((d, k) => {
    for (let i = 0; i < d % z; i++) {
      const row = rows[next % z] as number[];
      row[k] = (row[k] ?? 0) + 1;
      next++;
    }
  });
  return rows;
}

/** Zones with identical demand merged into one group with a multiplicity; `members` are the zones' indices. */
export function mergeZones(rows: readonly (readonly number[])[], zoneNames: readonly string[]): (PackGroup & { readonly members: readonly number[] })[] {
  const groups: { demand: number[]; zones: string[]; members: number[] }[] = [];
  rows.forEach((row, i) => {
    const name = zoneNames[i] ?? `zone ${i + 1}`;
    const same = groups.find((g) => g.demand.every((v, k) => v === row[k]));
    if (same) {
      same.zones.push(name);
      same.members.push(i);
    } else groups.push({ demand: [...row], zones: [name], members: [i] });
  });
  return groups.map((g) => ({ demand: g.demand, multiplicity: g.zones.length, zones: g.zones, members: g.members }));
}

/** {@link spreadOverZones}, identical zones merged (decision recorded in the README, "One planner"). */
export function zoneGroups(demand: readonly number[], zoneNames: readonly string[]): PackGroup[] {
  if (zoneNames.length <= 1) return [{ demand: [...demand], multiplicity: 1, zones: [...zoneNames] }];
  return mergeZones(spreadOverZones(demand, zoneNames.length), zoneNames).map(({ demand: d, multiplicity, zones }) => ({ demand: d, multiplicity, zones }));
}
