/** Scale-down of a peak placement (src/core/mix/scale-down.ts): what remains holds the smaller demand, within the peak pools. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitsCounts, type PackMachine, type PackShape } from "../../src/core/mix/instance.js";
import { scaleDown } from "../../src/core/mix/scale-down.js";

const GiB = 2 ** 30;
const shapes: PackShape[] = [
  { name: "4cpu16g", request: [4000, 16 * GiB, 1, 1] },
  { name: "8cpu32g", request: [8000, 32 * GiB, 1, 1] },
];
// 32 vCPU / 128 GiB nodes with nothing reserved: 8 × 4cpu16g or 4 × 8cpu32g each.
const m: PackMachine = { name: "m32", usdPerHour: 1, capacity: [32000, 128 * GiB, 110, 64] };

describe("scaleDown", () => {
  it("drains nodes whose envs fit elsewhere: 3 full nodes (8, 8, 4+2) at half demand → 2 nodes", () => {
    // peak 20 × 4cpu16g + 2 × 8cpu32g on 3 nodes; normal 10 + 1 = 56 vCPU → 2 nodes (⌈56 / 32⌉).
    const peak = [
      { machine: "m32", count: 2, envs: [8, 0] },
      { machine: "m32", count: 1, envs: [4, 2] },
    ];
    const r = scaleDown(shapes, peak, [10, 1], [m]);
    expect(r.reduce((s, x) => s + x.count, 0)).toBe(2);
    expect(r.reduce((s, x) => s + x.count * (x.envs[0] ?? 0), 0)).toBe(10);
    expect(r.reduce((s, x) => s + x.count * (x.envs[1] ?? 0), 0)).toBe(1);
  });

  it("property: the result places exactly the demand, fits every node, and never grows a pool", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (nodes, share) => {
          const peak = nodes.filter(([a, b]) => a * 4 + b * 8 <= 32 && a + b > 0).map(([a, b]) => ({ machine: "m32", count: 1, envs: [a, b] }));
          fc.pre(peak.length > 0);
          const total = [0, 1].map((k) => peak.reduce((s, x) => s + (x.envs[k] ?? 0), 0));
          const demand = total.map((t) => Math.floor(t * share));
          const r = scaleDown(shapes, peak, demand, [m]);
          expect([0, 1].map((k) => r.reduce((s, x) => s + x.count * (x.envs[k] ?? 0), 0))).toEqual(demand);
          for (const x of r) expect(fitsCounts(m.capacity, shapes, x.envs)).toBe(true);
          expect(r.reduce((s, x) => s + x.count, 0)).toBeLessThanOrEqual(peak.length);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
