/**
 * Demand over time and autoscaler bounds (src/core/demand.ts, src/core/autoscaler.ts): arithmetic from
 * first principles, each expected number derived in the comment beside it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoscalerBounds, latencyWarmEnvsPerZone } from "../../src/core/autoscaler.js";
import {
  autoscaledNodes,
  compress,
  envsPerZone,
  instanceMinutes,
  minutesPerDay,
  minutesPerWeek,
  nodeHoursPerMonth,
  nodesForEnvs,
  type Series,
  seriesSum,
  weeklyDemand,
  weeklyDemandMinutes,
} from "../../src/core/demand.js";

const flat = (n: number, len = minutesPerWeek): Int32Array => new Int32Array(len).fill(n);
/** Back to one value per minute. */
const expand = (s: Series): number[] => s.flatMap((seg) => Array<number>(seg.length).fill(seg.value));
/** The per-minute definition, as an independent oracle: max(min, max over [t − delay, t]), cyclic. */
function autoscaledOracle(needed: ArrayLike<number>, min: number, delay: number): number[] {
  const n = needed.length;
  return Array.from({ length: n }, (_, t) => {
    let v = min;
    for (let d = 0; d <= Math.min(delay, n - 1); d++) v = Math.max(v, needed[(t - d + n) % n] ?? 0);
    return v;
  });
}

describe("weekly demand", () => {
  it("is flat at normal without a profile (the seeds' average concurrency)", () => {
    const d = weeklyDemand({ peak: 60, normal: 30, standby: [], warmups: [] });
    expect(d).toEqual([{ start: 0, length: 10080, value: 30 }]); // one run: 7 × 24 × 60 minutes at 30
    expect(seriesSum(d)).toBe(30 * 10080);
  });

  it("follows the hourly profile: weekday hours on Monday–Friday, weekend hours on Saturday–Sunday", () => {
    const weekday = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 10 : 0));
    const weekend = Array.from({ length: 24 }, () => 1);
    const d = weeklyDemandMinutes({ peak: 10, normal: 0, profile: { weekday, weekend }, standby: [], warmups: [] });
    expect(seriesSum(compress(d))).toBe(5 * 8 * 60 * 10 + 2 * 1440);
    expect(d[9 * 60]).toBe(10); // Monday 09:00
    expect(d[8 * 60 + 59]).toBe(0); // Monday 08:59
    expect(d[5 * minutesPerDay + 3 * 60]).toBe(1); // Saturday 03:00
    // 5 weekdays × 8 h × 60 min × 10 envs + 2 weekend days × 1440 min × 1 env
  });

  it("adds standby windows (wrapping past midnight) and warm-ups only on their days", () => {
    const d = weeklyDemandMinutes({
      peak: 0,
      normal: 0,
      standby: [{ name: "night", envs: 2, fromMinute: 22 * 60, toMinute: 2 * 60, days: "weekdays" }],
      warmups: [{ name: "w", envs: 5, atMinute: 3 * 60, durationMinutes: 30, days: "weekdays", snapshotBytes: 0 }],
    });
    // standby: 4 h (22:00–02:00) × 5 weekdays × 2 envs; warm-up: 30 min × 5 days × 5 envs
    expect(seriesSum(compress(d))).toBe(4 * 60 * 5 * 2 + 30 * 5 * 5);
    expect(d[0]).toBe(0); // Monday 00:00 would be Sunday's window, and Sunday is not a weekday
    expect(d[4 * minutesPerDay + 23 * 60]).toBe(2); // Friday 23:00
    expect(d[5 * minutesPerDay + 60]).toBe(2); // Saturday 01:00, Friday's window wrapped
    expect(d[5 * minutesPerDay + 3 * 60]).toBe(0); // no warm-up on Saturday
    expect(d[3 * 60 + 29]).toBe(5); // Monday 03:29: the warm-up only
    expect(d[minutesPerDay + 60]).toBe(2); // Tuesday 01:00: Monday's standby window wrapped past midnight
  });
});

describe("nodes per zone and autoscaled nodes", () => {
  it("spreads envs evenly and rounds up per zone", () => {
    expect(envsPerZone(10, 3)).toEqual([4, 3, 3]);
    // 60 envs, 3 zones, buffer 2, 7 per node: 3 × ⌈(20 + 2) / 7⌉ = 3 × 4 = 12
    expect(nodesForEnvs(60, 3, 2, 7)).toBe(12);
    // 1 env: zone a ⌈3/7⌉ = 1, zones b, c ⌈2/7⌉ = 1 → 3
    expect(nodesForEnvs(1, 3, 2, 7)).toBe(3);
  });

  it("keeps a node for the scale-down delay and never goes below the minimum", () => {
    const needed = flat(1, 100);
    needed.fill(5, 10, 20); // 5 nodes for minutes 10–19
    const a = expand(autoscaledNodes(compress(needed), 2, 10));
    expect(a[19]).toBe(5);
    expect(a[29]).toBe(5); // 10 minutes after the last need at minute 19
    expect(a[30]).toBe(2); // then back to the minimum 2 (need is 1)
    expect(a[5]).toBe(2);
  });

  it("treats the week as cyclic: Monday 00:00 follows Sunday 23:59", () => {
    const needed = flat(0, 100);
    needed[99] = 4;
    const a = expand(autoscaledNodes(compress(needed), 0, 10));
    expect(a[0]).toBe(4);
    expect(a[9]).toBe(4);
    expect(a[10]).toBe(0);
  });

  it("the segment algorithm equals the per-minute definition on random series (fast-check)", () => {
    const run = fc.record({ length: fc.integer({ min: 1, max: 30 }), value: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 }), (runs, min, delay) => {
        const minutes = runs.flatMap((r) => Array<number>(r.length).fill(r.value));
        expect(expand(autoscaledNodes(compress(minutes), min, delay))).toEqual(autoscaledOracle(minutes, min, delay));
      }),
      { seed: Number(process.env.FC_SEED ?? 42), numRuns: 300 },
    );
  });

  it("nodesForEnvs in O(1) equals the sum over the even per-zone spread", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (envs, zones, b, k) => {
          const sum = envsPerZone(envs, zones).reduce((a, e) => a + Math.ceil((e + b) / k), 0);
          expect(nodesForEnvs(envs, zones, b, k)).toBe(sum);
        },
      ),
      { seed: Number(process.env.FC_SEED ?? 42), numRuns: 300 },
    );
  });

  it("counts minutes per inferred instance (instance j runs while the pool has ≥ j nodes)", () => {
    const nodes = compress([1, 3, 2, 0]);
    expect(instanceMinutes(nodes)).toEqual([3, 2, 1]);
    // node-hours per month = Σ minutes / 60 × 730 / 168
    expect(nodeHoursPerMonth(compress(flat(2)))).toBeCloseTo(2 * 730, 9);
  });
});

describe("autoscaler bounds", () => {
  it("seeds' example on n2-standard-32: 7 envs per node, 3 zones, normal 30, peak 60", () => {
    const b = autoscalerBounds({ peak: 60, normal: 30, envsPerNode: 7, zones: 3, nodeStartMinutes: 5, scaleDownDelayMinutes: 10 });
    // per zone: min ⌈10 / 7⌉ = 2; max ⌈(20 + 2) / 7⌉ = 4; totals × 3
    expect(b).toMatchObject({ minNodes: 6, maxNodes: 12, perZone: { min: 2, max: 4 }, bufferEnvsPerZone: 2, bufferReason: "two largest envs per zone" });
  });

  it("one env per node: max = peak per zone + 2 buffer nodes per zone", () => {
    const b = autoscalerBounds({ peak: 60, normal: 30, envsPerNode: 1, zones: 3, nodeStartMinutes: 5, scaleDownDelayMinutes: 10 });
    expect(b).toMatchObject({ minNodes: 30, maxNodes: 66, perZone: { min: 10, max: 22 } });
  });

  it("a start-latency goal below the node start time sizes warm capacity by Little's law", () => {
    // 2 arrivals/min × 5 min node start = 10 envs, over 3 zones → ⌈10/3⌉ = 4 per zone
    expect(latencyWarmEnvsPerZone({ startLatencyGoalSeconds: 30, arrivalsPerMinute: 2, nodeStartMinutes: 5, zones: 3 })).toBe(4);
    expect(latencyWarmEnvsPerZone({ startLatencyGoalSeconds: 600, arrivalsPerMinute: 2, nodeStartMinutes: 5, zones: 3 })).toBe(0);
    const b = autoscalerBounds({
      peak: 60,
      normal: 30,
      envsPerNode: 7,
      zones: 3,
      nodeStartMinutes: 5,
      scaleDownDelayMinutes: 10,
      startLatencyGoalSeconds: 30,
      arrivalsPerMinute: 2,
    });
    expect(b.bufferEnvsPerZone).toBe(4);
    expect(b.perZone.max).toBe(4); // ⌈(20 + 4) / 7⌉ = 4
    expect(b.bufferReason).toMatch(/start-latency goal/);
  });

  it("a user floor raises the minimum (rounded up per zone)", () => {
    const b = autoscalerBounds({ peak: 60, normal: 0, envsPerNode: 7, zones: 3, nodeStartMinutes: 5, scaleDownDelayMinutes: 10, minNodesFloor: 7 });
    expect(b.perZone.min).toBe(3); // ⌈7 / 3⌉
    expect(b.minNodes).toBe(9);
  });
});
