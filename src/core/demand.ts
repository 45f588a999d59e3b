/**
 * Demand over time (issue 3), pure. A typical week at minute resolution: concurrent envs per minute
 * from an hourly weekday/weekend profile (or flat at `normal`), plus standby pools and scheduled
 * warm-ups. From it: nodes needed per minute, and node-hours per month for a static pool and for an
 * autoscaled pool with a minimum and cluster-autoscaler's scale-down delay.
 *
 * Time base: minute 0 = Monday 00:00; days 0–4 are weekdays, 5–6 the weekend. One month is
 * {@link hoursPerMonth} = 730 hours, the month both providers' calculators and catalogs use
 * (Cyclenerd pricing.yml `month` = 730 h; Azure "730 hours" monthly estimates); a week is 168 hours,
 * so a month is 730 / 168 ≈ 4.345 typical weeks.
 */
import type { DaySet } from "./demand-types.js";

/** Hours in a billing month, stated once (see module comment). */
export const hoursPerMonth = 730;
export const minutesPerDay = 1440;
export const minutesPerWeek = 7 * minutesPerDay;
/** Typical weeks per month: 730 h / 168 h. */
export const weeksPerMonth = hoursPerMonth / 168;

export interface WeeklyProfile {
  /** Concurrent envs per hour of a weekday, 24 whole numbers (index 0 = 00:00–01:00). */
  readonly weekday: readonly number[];
  readonly weekend: readonly number[];
}

export interface Standby {
  readonly name: string;
  readonly envs: number;
  /** Minutes after midnight; `to` < `from` wraps past midnight (into the next day). */
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly days: DaySet;
}

export interface Warmup {
  readonly name: string;
  readonly envs: number;
  readonly atMinute: number;
  readonly durationMinutes: number;
  readonly days: DaySet;
  /** Bytes of snapshot each warm-up env keeps (0 = none). */
  readonly snapshotBytes: number;
}

export interface DemandSpec {
  readonly peak: number;
  readonly normal: number;
  readonly profile?: WeeklyProfile;
  readonly standby: readonly Standby[];
  readonly warmups: readonly Warmup[];
}

const isWeekday = (day: number): boolean => day < 5;
const dayMatches = (set: DaySet, day: number): boolean => set === "all" || (set === "weekdays" ? isWeekday(day) : !isWeekday(day));

/**
 * Concurrent envs in each minute of a typical week. Without a profile the base is flat at `normal`:
 * the seeds define normal usage as "the average … number of concurrent environments"
 * (shared/seeds/codecanvas-*-install.txt, "Estimate normal and peak concurrent usage").
 */
export function weeklyDemand(spec: DemandSpec): Int32Array {
  const d = new Int32Array(minutesPerWeek);
  for (let day = 0; day < 7; day++) {
    for (let m = 0; m < minutesPerDay; m++) {
      const base = spec.profile ? (isWeekday(day) ? spec.profile.weekday : spec.profile.weekend)[Math.floor(m / 60)] ?? 0 : spec.normal;
      d[day * minutesPerDay + m] = base;
    }
  }
  // A recurring window starting on `day` at `start` for `length` minutes, wrapping into the next day/week.
  const addWindow = (day: number, start: number, length: number, envs: number): void => {
    for (let i = 0; i < length; i++) {
      const t = (day * minutesPerDay + start + i) % minutesPerWeek;
      d[t] = (d[t] ?? 0) + envs;
    }
  };
  for (let day = 0; day < 7; day++) {
    for (const s of spec.standby) {
      if (!dayMatches(s.days, day)) continue;
      const length = s.toMinute > s.fromMinute ? s.toMinute - s.fromMinute : minutesPerDay - s.fromMinute + s.toMinute;
      addWindow(day, s.fromMinute, length, s.envs);
    }
    for (const w of spec.warmups) if (dayMatches(w.days, day)) addWindow(day, w.atMinute, w.durationMinutes, w.envs);
  }
  return d;
}

/** Largest value of a series. */
export function seriesMax(s: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m = Math.max(m, s[i] ?? 0);
  return m;
}

/** Sum of a series. */
export function seriesSum(s: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i] ?? 0;
  return t;
}

/**
 * Envs per zone when `envs` are spread as evenly as the scheduler can (GKE location policy BALANCED,
 * AKS zone balancing): (envs mod zones) zones hold one more.
 */
export function envsPerZone(envs: number, zones: number): number[] {
  const base = Math.floor(envs / zones);
  const extra = envs % zones;
  return Array.from({ length: zones }, (_, z) => base + (z < extra ? 1 : 0));
}

/**
 * Nodes a zonal pool needs for `envs` running envs plus `bufferPerZone` warm placeholder envs in every
 * zone: Σ over zones ⌈(envs in zone + buffer) / envsPerNode⌉ (rounded up per zone: PVCs and nodes are
 * zonal, a node in zone a cannot host zone b's env).
 */
export function nodesForEnvs(envs: number, zones: number, bufferPerZone: number, envsPerNode: number): number {
  let n = 0;
  for (const e of envsPerZone(envs, zones)) n += Math.ceil((e + bufferPerZone) / envsPerNode);
  return n;
}

/** Nodes needed in each minute of the week (see {@link nodesForEnvs}). */
export function nodesNeeded(demand: Int32Array, zones: number, bufferPerZone: number, envsPerNode: number): Int32Array {
  const out = new Int32Array(demand.length);
  const cache = new Map<number, number>();
  for (let t = 0; t < demand.length; t++) {
    const d = demand[t] ?? 0;
    let n = cache.get(d);
    if (n === undefined) {
      n = nodesForEnvs(d, zones, bufferPerZone, envsPerNode);
      cache.set(d, n);
    }
    out[t] = n;
  }
  return out;
}

/**
 * Nodes an autoscaled pool runs in each minute: never below `minNodes`, and a node is removed only after
 * it has been unneeded for `scaleDownDelayMinutes` (cluster-autoscaler `--scale-down-unneeded-time`,
 * default 10m: kubernetes/autoscaler cluster-autoscaler/FAQ.md "What are the parameters to CA?").
 * So nodes(t) = max(minNodes, max over s ∈ [t − delay, t] of needed(s)), the week taken as cyclic
 * (Monday 00:00 follows Sunday 23:59). Scale-up is reactive: a node is billed from its creation, which is
 * when demand appears; its start time delays the env (start latency) but adds no billed time here.
 */
export function autoscaledNodes(needed: Int32Array, minNodes: number, scaleDownDelayMinutes: number): Int32Array {
  const n = needed.length;
  const out = new Int32Array(n);
  // Sliding-window maximum over a cyclic series (monotone deque), O(n).
  const w = Math.min(scaleDownDelayMinutes, n - 1);
  const deque: number[] = [];
  for (let i = -w; i < n; i++) {
    const v = needed[((i % n) + n) % n] ?? 0;
    while (deque.length > 0 && (needed[((deque[deque.length - 1]! % n) + n) % n] ?? 0) <= v) deque.pop();
    deque.push(i);
    while (deque[0]! < i - w) deque.shift();
    if (i >= 0) out[i] = Math.max(minNodes, needed[((deque[0]! % n) + n) % n] ?? 0);
  }
  return out;
}

/**
 * Minutes each "inferred instance" runs in the week: instance j (1-based, j = 1 the longest-running)
 * runs in every minute where the pool has ≥ j nodes. This is how GCP computes sustained use (per
 * inferred instance, https://cloud.google.com/compute/docs/sustained-use-discounts, cited in
 * pricing-sources.md §1.5) and how a commitment covering the first j nodes is used.
 */
export function instanceMinutes(nodes: Int32Array): number[] {
  const max = seriesMax(nodes);
  const counts = new Array<number>(max + 2).fill(0);
  for (let t = 0; t < nodes.length; t++) counts[nodes[t] ?? 0]! += 1;
  // minutes with ≥ j nodes = Σ_{k ≥ j} counts[k]
  const out = new Array<number>(max).fill(0);
  let atLeast = 0;
  for (let j = max; j >= 1; j--) {
    atLeast += counts[j] ?? 0;
    out[j - 1] = atLeast;
  }
  return out;
}

/** Node-hours per month of a weekly node series: Σ minutes / 60 × 730 / 168. */
export function nodeHoursPerMonth(nodes: Int32Array): number {
  return (seriesSum(nodes) / 60) * weeksPerMonth;
}

/** Env-hours per month (running envs, incl. standby and warm-ups). */
export function envHoursPerMonth(demand: Int32Array): number {
  return (seriesSum(demand) / 60) * weeksPerMonth;
}

/** Peak of each hour of a typical weekday and weekend day (for tables and charts). */
export function hourlyPeaks(series: Int32Array): { weekday: number[]; weekend: number[] } {
  const weekday = new Array<number>(24).fill(0);
  const weekend = new Array<number>(24).fill(0);
  for (let t = 0; t < series.length; t++) {
    const day = Math.floor(t / minutesPerDay);
    const h = Math.floor((t % minutesPerDay) / 60);
    const target = isWeekday(day) ? weekday : weekend;
    target[h] = Math.max(target[h] ?? 0, series[t] ?? 0);
  }
  return { weekday, weekend };
}
