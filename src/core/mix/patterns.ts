/**
 * Packing patterns (docs/packing.md §2.3): how many envs of each shape one node holds. A pattern
 * n on machine m is feasible when Σ_k n_k r_k ≤ a_m in every dimension, clipped to demand (n_k ≤ d_k),
 * and maximal when no shape with n_k < d_k still fits. With "≥" covering rows, maximal patterns are
 * enough: any packing becomes one of maximal patterns by filling nodes up and leaving surplus slots empty.
 */
import { dims, maxFit, type PackMachine, type PackShape } from "./instance.js";

/**
 * Upper bound on π·n for the shapes from `from` on, in `residual`: the fractional knapsack bound
 * min over d of residual_d × max_k π_k / r_kd, and Σ π_k × min(d_k, fit_k). Used to prune searches.
 */
function valueBound(
  shapes: readonly PackShape[],
  demand: readonly number[],
  duals: readonly number[],
  residual: readonly number[],
  from: number,
  order: readonly number[],
): number {
  let byDim = Number.POSITIVE_INFINITY;
  for (let d = 0; d < dims; d++) {
    let ratio = 0;
    let used = false;
    for (let i = from; i < order.length; i++) {
      const k = order[i] as number;
      const r = (shapes[k] as PackShape).request[d] ?? 0;
      if ((demand[k] ?? 0) > 0 && r > 0) {
        used = true;
        ratio = Math.max(ratio, (duals[k] ?? 0) / r);
      }
    }
    // A dimension no remaining shape requests (ephemeral storage when no env asks for it) limits nothing.
    if (used) byDim = Math.min(byDim, (residual[d] ?? 0) * ratio);
  }
  let byCount = 0;
  for (let i = from; i < order.length; i++) {
    const k = order[i] as number;
    byCount += (duals[k] ?? 0) * Math.min(demand[k] ?? 0, maxFit(residual, (shapes[k] as PackShape).request));
  }
  return Math.min(byDim, byCount);
}

/** A priced pattern: see {@link bestPattern}. */
export interface PricedPattern {
  readonly value: number;
  readonly pattern: number[];
  /** No feasible pattern is worth more (= value when the search finished). */
  readonly upper: number;
  readonly exact: boolean;
}

/** Search nodes between two checks of `stop` (a check reads the solver's clock). */
const checkEvery = 4096;

/**
 * The pricing problem of column generation (docs/packing.md §2.3): max π·n over feasible patterns of
 * `machine` with n ≤ demand — a bounded knapsack with four constraints, solved exactly by depth-first
 * search with the fractional bound. Shapes are tried by π per normalised size, so good patterns come first.
 *
 * `stop` (checked every {@link checkEvery} search nodes) ends the search early, for the time limit: the
 * pattern is then the best found and `upper` the fractional bound of the whole search, which no pattern
 * exceeds — callers that need max π·n for a valid bound (Farley's θ) use `upper`, never `value`.
 */
export function bestPattern(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machine: PackMachine,
  duals: readonly number[],
  stop?: () => boolean,
): PricedPattern {
  const K = shapes.length;
  const size = (k: number): number => {
    let s = 0;
    for (let d = 0; d < dims; d++) s += ((shapes[k] as PackShape).request[d] ?? 0) / Math.max(1, machine.capacity[d] ?? 0);
    return s;
  };
  const order = shapes.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0 && (duals[k] ?? 0) > 0);
  order.sort((a, b) => (duals[b] ?? 0) / size(b) - (duals[a] ?? 0) / size(a) || a - b);
  let bestValue = 0;
  let best = new Array<number>(K).fill(0);
  const n = new Array<number>(K).fill(0);
  const residual = [...machine.capacity];
  const rootBound = valueBound(shapes, demand, duals, residual, 0, order);
  let visited = 0;
  let stopped = false;
  const dfs = (i: number, value: number): void => {
    if (stopped) return;
    if (stop && ++visited % checkEvery === 0 && stop()) {
      stopped = true;
      return;
    }
    if (value > bestValue + 1e-12) {
      bestValue = value;
      best = [...n];
    }
    if (i >= order.length) return;
    if (value + valueBound(shapes, demand, duals, residual, i, order) <= bestValue + 1e-12) return;
    const k = order[i] as number;
    const req = (shapes[k] as PackShape).request;
    const top = Math.min(demand[k] ?? 0, maxFit(residual, req));
    for (let c = top; c >= 0; c--) {
      n[k] = c;
      for (let d = 0; d < dims; d++) residual[d] = (residual[d] ?? 0) - c * (req[d] ?? 0);
      dfs(i + 1, value + c * (duals[k] ?? 0));
      for (let d = 0; d < dims; d++) residual[d] = (residual[d] ?? 0) + c * (req[d] ?? 0);
    }
    n[k] = 0;
  };
  dfs(0, 0);
  return { value: bestValue, pattern: best, upper: stopped ? Math.max(bestValue, rootBound) : bestValue, exact: !stopped };
}

export interface EnumerateOptions {
  /** Keep only patterns with π·n ≥ minValue (reduced-cost fixing, docs/packing.md §2.3 item 4). */
  readonly duals?: readonly number[];
  readonly minValue?: number;
  /** Stop after this many patterns (the result is then marked incomplete). */
  readonly limit: number;
  /** Stop when this says so (the time limit; checked every {@link checkEvery} search nodes): incomplete. */
  readonly stop?: () => boolean;
}

/** Every maximal, demand-clipped pattern of `machine` (optionally only those worth at least `minValue`). */
export function maximalPatterns(
  shapes: readonly PackShape[],
  demand: readonly number[],
  machine: PackMachine,
  options: EnumerateOptions,
): { patterns: number[][]; complete: boolean } {
  const K = shapes.length;
  const order = shapes.map((_, k) => k).filter((k) => (demand[k] ?? 0) > 0);
  const duals = options.duals;
  const minValue = options.minValue ?? Number.NEGATIVE_INFINITY;
  const out: number[][] = [];
  const n = new Array<number>(K).fill(0);
  const residual = [...machine.capacity];
  let complete = true;
  let visited = 0;
  const stop = options.stop;
  const dfs = (i: number, value: number): void => {
    if (!complete) return;
    if (stop && ++visited % checkEvery === 0 && stop()) {
      complete = false;
      return;
    }
    if (duals && value + valueBound(shapes, demand, duals, residual, i, order) < minValue) return;
    if (i >= order.length) {
      for (const k of order) if ((n[k] ?? 0) < (demand[k] ?? 0) && maxFit(residual, (shapes[k] as PackShape).request) > 0) return; // not maximal
      if (n.every((c) => c === 0)) return;
      if (out.length >= options.limit) {
        complete = false;
        return;
      }
      out.push([...n]);
      return;
    }
    const k = order[i] as number;
    const req = (shapes[k] as PackShape).request;
    const top = Math.min(demand[k] ?? 0, maxFit(residual, req));
    // The last shape must take all that fits, or the pattern would not be maximal.
    const low = i === order.length - 1 ? top : 0;
    for (let c = top; c >= low; c--) {
      n[k] = c;
      for (let d = 0; d < dims; d++) residual[d] = (residual[d] ?? 0) - c * (req[d] ?? 0);
      dfs(i + 1, value + c * (duals?.[k] ?? 0));
      for (let d = 0; d < dims; d++) residual[d] = (residual[d] ?? 0) + c * (req[d] ?? 0);
    }
    n[k] = 0;
  };
  dfs(0, 0);
  return { patterns: out, complete };
}

export const patternKey = (n: readonly number[]): string => n.join(",");
