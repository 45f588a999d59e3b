/** The restricted mathjs sandbox for custom reservation formulas. */
import { describe, expect, it } from "vitest";
import { compileExpression } from "../../src/core/expression.js";

const vars = { vcpus: 8, memoryMiB: 32768, maxPods: 110 };

describe("compileExpression", () => {
  it.each([
    ["11 * maxPods + 255", 1465], // the EKS formula, 11·110 + 255
    ["min(20 * maxPods + 50, memoryMiB / 4)", 2250], // the AKS ≥ 1.29 formula, min(2250, 8192)
    ["vcpus > 4 ? 100 : 60", 100],
    ["floor(memoryMiB * 0.06)", 1966], // ⌊1966.08⌋
    ["2^3 + sqrt(16)", 12],
  ])("%s = %d", (text, expected) => {
    const c = compileExpression(text);
    expect(c.ok && c.value(vars)).toBe(expected);
  });

  it.each([
    ["import({}, {override: true})", /function import is not allowed/],
    ["createUnit('foo')", /function createUnit is not allowed/],
    ["evaluate('1+1')", /function evaluate is not allowed/],
    ["f(x) = x", /a function definition is not allowed/],
    ["a = 5", /an assignment is not allowed/],
    ["'text'", /only numbers/],
    ["unknownVar * 2", /unknown name unknownVar/],
    ["5 cm", /not allowed|unknown name/],
    ["[1, 2]", /not allowed/],
    ["1 +", /not a valid expression/],
  ])("rejects %s", (text, reason) => {
    const c = compileExpression(text);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.reason).toMatch(reason);
  });
});
