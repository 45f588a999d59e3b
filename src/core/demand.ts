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
 * A week as runs of equal values: contiguous segments from minute 0 to {@link minutesPerWeek}, adjacent
 * segments with different values. Profiles change hourly and standby/warm-ups at given minutes, so a
 * week is a few hundred segments at most, and every per-strategy computation below is O(segments)
 * instead of O(minutes) (measured: the plan's cold run, `npm run bench`).
 */
export interface Segment {
  readonly start: number;
  readonly length: number;
  readonly value: number;
}
export type Series = readonly Segment[];

/** Run-length encode a per-minute array (merging equal neighbours). */
export function compress(minutes: ArrayLike<number>): Series {
  const out: Segment[] = [];
  let start = 0;
  for (let t = 1; t <= minutes.length; t++) {
    if (t === minutes.length || minutes[t] !== minutes[start]) {
      out.push({ start, length: t - start, value: minutes[start] ?? 0 });
      start = t;
    }
  }
  return out;
}

/** Merge adjacent segments with equal values. */
function merged(list: readonly Segment[]): Series {
  const out: Segment[] = [];
  for (const seg of list) {
    if (seg.length <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.value === seg.value && last.start + last.length === seg.start) out[out.length - 1] = { ...last, length: last.length + seg.length };
    else out.push(seg);
  }
  return out;
}

/** A whole week at one value. */
export const constantSeries = (value: number): Series => [{ start: 0, length: minutesPerWeek, value }];

/**
 * Concurrent envs in each minute of a typical week. Without a profile the base is flat at `normal`:
 * the CodeCanvas installation guides define normal usage as "the average … number of concurrent
 * environments" (section "Estimate normal and peak concurrent usage").
 */
export function weeklyDemandMinutes(spec: DemandSpec): Int32Array {
  const d = new Int32Array(minutesPerWeek);
  for (let day = 0; day < 7; day++) {
    for (let m = 0; m < minutesPerDay; m++) {
      const base = spec.profile ? ((isWeekday(day) ? spec.profile.weekday : spec.profile.weekend)[Math.floor(m / 60)] ?? 0) : spec.normal;
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

/** The week's demand as a run-length series (see {@link weeklyDemandMinutes}). */
export function weeklyDemand(spec: DemandSpec): Series {
  return compress(weeklyDemandMinutes(spec));
}

/** Largest value of a series. */
export function seriesMax(s: Series): number {
  let m = 0;
  for (const seg of s) m = Math.max(m, seg.value);
  return m;
}

/** Σ value × minutes of a series (e.g. env-minutes). */
export function seriesSum(s: Series): number {
  let t = 0;
  for (const seg of s) t += seg.value * seg.length;
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
  // Same as Σ over envsPerZone(envs, zones), in O(1): (envs mod zones) zones hold ⌊envs/zones⌋ + 1.
  const base = Math.floor(envs / zones);
  const extra = envs % zones;
  return extra * Math.ceil((base + 1 + bufferPerZone) / envsPerNode) + (zones - extra) * Math.ceil((base + bufferPerZone) / envsPerNode);
}

/** Nodes needed over the week (see {@link nodesForEnvs}). */
export function nodesNeeded(demand: Series, zones: number, bufferPerZone: number, envsPerNode: number): Series {
  return merged(demand.map((seg) => ({ ...seg, value: nodesForEnvs(seg.value, zones, bufferPerZone, envsPerNode) })));
}

/**
 * Nodes an autoscaled pool runs: never below `minNodes`, and a node is removed only after it has been
 * unneeded for `scaleDownDelayMinutes` (cluster-autoscaler `--scale-down-unneeded-time`, default 10m:
 * kubernetes/autoscaler cluster-autoscaler/FAQ.md "What are the parameters to CA?").
 * So nodes(t) = max(minNodes, max over u ∈ [t − delay, t] of needed(u)), the week taken as cyclic
 * (Monday 00:00 follows Sunday 23:59). Scale-up is reactive: a node is billed from its creation, which is
 * when demand appears; its start time delays the env (start latency) but adds no billed time here.
 *
 * On segments: within segment i, an earlier segment j (ending at e_j) still counts while t < e_j + delay,
 * so segment i splits at those points. Tested against the per-minute definition (test/unit/demand-autoscaler).
 */
export function autoscaledNodes(needed: Series, minNodes: number, scaleDownDelayMinutes: number): Series {
  const n = needed.length;
  const w = Math.min(scaleDownDelayMinutes, minutesPerWeek - 1);
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const seg = needed[i] as Segment;
    const end = seg.start + seg.length;
    // Earlier segments (cyclically) that end less than w minutes before this one starts: value and expiry time.
    const tails: { value: number; until: number }[] = [];
    let back = 0;
    for (let k = 1; k < n && back < w; k++) {
      const j = needed[(i - k + n) % n] as Segment;
      back += j.length; // minutes from j's start to this segment's start
      const endJ = seg.start - (back - j.length); // j's end, in this segment's frame
      if (endJ + w > seg.start) tails.push({ value: j.value, until: endJ + w });
    }
    const cuts = [...new Set([seg.start, ...tails.map((x) => x.until).filter((u) => u > seg.start && u < end)])].sort((a, b) => a - b);
    for (let c = 0; c < cuts.length; c++) {
      const from = cuts[c] as number;
      const to = (cuts[c + 1] as number | undefined) ?? end;
      let v = Math.max(minNodes, seg.value);
      for (const t of tails) if (t.until > from) v = Math.max(v, t.value);
      out.push({ start: from, length: to - from, value: v });
    }
  }
  return merged(out);
}

/**
 * Minutes each "inferred instance" runs in the week: instance j (1-based, j = 1 the longest-running)
 * runs in every minute where the pool has ≥ j nodes. This is how GCP computes sustained use (per
 * inferred instance, https://cloud.google.com/compute/docs/sustained-use-discounts, cited in
 * docs/pricing-sources.md §1.5) and how a commitment covering the first j nodes is used.
 */
export function instanceMinutes(nodes: Series): number[] {
  const max = seriesMax(nodes);
  const counts = new Array<number>(max + 1).fill(0);
  for (const seg of nodes) counts[seg.value] = (counts[seg.value] ?? 0) + seg.length;
  // minutes with ≥ j nodes = Σ_{k ≥ j} counts[k]
  const out = new Array<number>(max).fill(0);
  let atLeast = 0;
  for (let j = max; j >= 1; j--) {
    atLeast += counts[j] ?? 0;
    out[j - 1] = atLeast;
  }
  return out;
}

/** Node-hours per month of a weekly node series: Σ node-minutes / 60 × 730 / 168. */
export function nodeHoursPerMonth(nodes: Series): number {
  return (seriesSum(nodes) / 60) * weeksPerMonth;
}

/** Env-hours per month (running envs, incl. standby and warm-ups). */
export function envHoursPerMonth(demand: Series): number {
  return (seriesSum(demand) / 60) * weeksPerMonth;
}

/** Peak of each hour of a typical weekday and weekend day (for tables and charts). */
export function hourlyPeaks(series: Series): { weekday: number[]; weekend: number[] } {
  const weekday = new Array<number>(24).fill(0);
  const weekend = new Array<number>(24).fill(0);
  for (const seg of series) {
    for (let h = Math.floor(seg.start / 60); h * 60 < seg.start + seg.length; h++) {
      const day = Math.floor(h / 24);
      const target = isWeekday(day) ? weekday : weekend;
      target[h % 24] = Math.max(target[h % 24] ?? 0, seg.value);
    }
  }
  return { weekday, weekend };
}
