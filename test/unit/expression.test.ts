/**
 * The restricted mathjs sandbox for custom reservation formulas (src/core/expression.ts), its limits
 * (src/core/reservation-rules.ts), and what the node model makes of its values (issue 12: a failing
 * expression is an input error naming the field, the machine type and the expression, never a 0 or an
 * internal error).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression } from "../../src/core/expression.js";
import { computeNodeModel, type ReservationOverrides } from "../../src/core/node-model.js";
import { maxExpressionDepth, maxExpressionLength } from "../../src/core/reservation-rules.js";
import { resolveNodeInputs } from "../../src/core/resolve-request.js";
import { InputRejectedError } from "../../src/core/resolved.js";
import { expressionishText } from "../support/expression-text.js";
import { machine } from "../support/machines.js";

const vars = { vcpus: 8, memoryMiB: 32768, maxPods: 110 };
const seed = Number(process.env.FC_SEED ?? 12);

describe("compileExpression", () => {
  it.each([
    ["11 * maxPods + 255", 1465], // the EKS formula, 11·110 + 255
    ["min(20 * maxPods + 50, memoryMiB / 4)", 2250], // the AKS ≥ 1.29 formula, min(2250, 8192)
    ["vcpus > 4 ? 100 : 60", 100],
    ["floor(memoryMiB * 0.06)", 1966], // ⌊1966.08⌋
    ["2^3 + abs(-4)", 12],
    ["maxPods % 100", 10],
    ["25% * memoryMiB", 8192], // a percentage after a number
    ["vcpus >= 8 and maxPods <= 110 ? 1 : 0", 1],
    ["round(memoryMiB / 3, 1)", 10922.7],
    ["max(60, 10 * vcpus) # a comment", 80],
  ])("%s = %d", (text, expected) => {
    const c = compileExpression(text);
    expect(c.ok && c.value(vars)).toBe(expected);
  });

  // Everything outside numbers, arithmetic, comparisons, ?: and min/max/floor/ceil/round/abs of the three variables.
  it.each([
    ["import({}, {override: true})", /an object is not allowed|the function import is not allowed/],
    ["import(1)", /the function import is not allowed \(only min, max, floor, ceil, round, abs\)/],
    ["createUnit('foo')", /the function createUnit is not allowed/],
    ["evaluate('1+1')", /the function evaluate is not allowed/],
    ["parse('1')", /the function parse is not allowed/],
    ["simplify(vcpus)", /the function simplify is not allowed/],
    ["compile(vcpus)", /the function compile is not allowed/],
    ["config(vcpus)", /the function config is not allowed/],
    ["sqrt(vcpus)", /the function sqrt is not allowed/],
    ["log(vcpus)", /the function log is not allowed/],
    ["pow(vcpus, 2)", /the function pow is not allowed/],
    ["exp(vcpus)", /the function exp is not allowed/],
    ["vcpus(2)", /the function vcpus is not allowed/],
    ["vcpus.max(1, 2)", /calling the result of an expression is not allowed/],
    ["min()", /min\(\) takes at least 1 argument, not 0/],
    ["abs(1, 2)", /abs\(\) takes 1 argument, not 2/],
    ["round(1, 2, 3)", /round\(\) takes 1 or 2 arguments, not 3/],
    ["f(x) = x", /a function definition is not allowed/],
    ["a = 5", /an assignment is not allowed/],
    ["vcpus = 5", /an assignment is not allowed/],
    ["vcpus; 5", /more than one statement is not allowed/],
    ["vcpus\n5", /more than one statement is not allowed/],
    ["'text'", /only numbers/],
    ["true ? 1 : 2", /only numbers/],
    ["null", /only numbers/],
    ["unknownVar * 2", /unknown name unknownVar/],
    ["Infinity * vcpus", /Infinity is not a finite number/],
    ["NaN", /NaN is not a finite number/],
    ["pi * vcpus", /unknown name pi/],
    ["1e400 + vcpus", /Infinity is not a finite number/],
    ["5 cm", /unknown name cm/],
    ["vcpus to cm", /the operator to is not allowed/],
    ["3!", /the operator ! is not allowed/],
    ["vcpus'", /the operator ' is not allowed/],
    ["vcpus & 1", /the operator & is not allowed/],
    ["vcpus << 2", /the operator << is not allowed/],
    ["vcpus ?? 1", /the operator \?\? is not allowed/],
    ["vcpus xor 1", /the operator xor is not allowed/],
    ["[1, 2]", /an array is not allowed/],
    ["{a: 1}", /an object is not allowed/],
    ["vcpus.toString", /property access is not allowed/],
    ["1:3", /a range is not allowed/],
    ["1 < vcpus < 3", /a chained comparison is not allowed/],
    ["1 +", /not a valid expression/],
    ["x".repeat(maxExpressionLength + 1), /501 characters long; at most 500 are accepted/],
    [`${"(".repeat(maxExpressionDepth + 1)}vcpus${")".repeat(maxExpressionDepth + 1)}`, /nested 33 levels deep; at most 32 levels of parentheses/],
    [`${"(".repeat(2000)}vcpus${")".repeat(2000)}`, /4005 characters long/], // a 4 KB expression once overflowed the parser's stack
  ])("rejects %j", (text, reason) => {
    const c = compileExpression(text);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.reason).toMatch(reason);
      expect(c.reason).not.toContain("\n");
    }
  });

  it("accepts the limits themselves, and the deepest 500-character texts compile and run without overflowing the stack", () => {
    const deep = `${"(".repeat(maxExpressionDepth)}vcpus${")".repeat(maxExpressionDepth)}`;
    expect(compileExpression(deep).ok).toBe(true);
    const worst = [
      `${"-".repeat(maxExpressionLength - 5)}vcpus`,
      `vcpus${"^vcpus".repeat(82)}`,
      `${"not ".repeat(122)}vcpus`,
      `${"1?1:".repeat(123)}vcpus`,
      `${"abs(".repeat(maxExpressionDepth)}${"-".repeat(300)}vcpus${")".repeat(maxExpressionDepth)}`,
    ];
    for (const text of worst) {
      expect(text.length).toBeLessThanOrEqual(maxExpressionLength);
      const c = compileExpression(text);
      if (c.ok) expect(typeof c.value(vars)).toBe("number");
      else expect(c.reason).toMatch(/nested too deeply/);
    }
  });
});

/** The overrides `--kube-reserved-cpu <text>` resolves to (flags' names in messages). */
function cpuOverride(text: string): ReservationOverrides {
  const r = resolveNodeInputs({ kubeReservedCpu: text }, compileExpression);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.overrides as ReservationOverrides;
}

const n2 = machine("n2-standard-4", 4, 16384);

describe("the node model of an expression's value (issue 12)", () => {
  it.each([
    ["round(vcpus, 100)", "millicores", /fails \(Number of decimals in function round must be an integer from 0 to 15 inclusive\)/],
    ["ceil(1e308)", "millicores", /gives 1e\+308, too large; expected .* below 2\^53, rounded up$/],
    ["vcpus * (0/0)", "millicores", /gives NaN;/],
    ["vcpus / 0", "millicores", /gives Infinity;/],
    ["-vcpus / 0", "millicores", /gives -Infinity;/],
    ["vcpus - 5", "millicores", /gives -1, a negative amount;/],
    ["memoryMiB * 1e300", "MiB", /gives 1\.6384e\+304, too large; expected .* below 2\^33 \(8 PiB\), rounded up$/],
    ["2^33 + vcpus", "MiB", /too large/], // fine as millicores, but not a safe number of bytes
  ])("%s is an input error naming the field, the machine type and its variables", (text, unit, why) => {
    const field = unit === "MiB" ? "--kube-reserved-memory" : "--kube-reserved-cpu";
    const r = resolveNodeInputs(unit === "MiB" ? { kubeReservedMemory: text } : { kubeReservedCpu: text }, compileExpression);
    if (!r.ok) throw new Error(r.error.message);
    let thrown: unknown;
    try {
      computeNodeModel(n2, { provider: "gcp", platform: "custom", ...(r.value.overrides ? { overrides: r.value.overrides } : {}) });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputRejectedError);
    const e = thrown as InputRejectedError;
    expect(e.field).toBe(field);
    expect(e.message).toMatch(
      new RegExp(`^${field} ${JSON.stringify(text).replace(/[()*^?+.]/g, "\\$&")} on n2-standard-4 \\(vcpus 4, memoryMiB 16384, maxPods 110\\) `),
    );
    expect(e.message).toMatch(why);
    expect(e.message).toContain(`expected an expression of vcpus, memoryMiB and maxPods`);
    expect(e.message).not.toContain("\n");
  });

  it("the largest accepted values are used; values are rounded up; 0 and -0 are 0", () => {
    const m = computeNodeModel(n2, {
      provider: "gcp",
      platform: "custom",
      overrides: { ...cpuOverride("2^53 - 5 + vcpus"), kubeReservedMemory: { kind: "expression", text: "2^33 - 1", evaluate: () => 2 ** 33 - 1 } },
    });
    expect(m.kubeReserved).toEqual({ cpuMillicores: 2 ** 53 - 1, memoryBytes: (2 ** 33 - 1) * 2 ** 20 });
    expect(m.forEnvs.cpuMillicores).toBe(0); // clamped, with a warning
    expect(m.issues.map((i) => i.code)).toEqual(["allocatable_exhausted"]);
    expect(computeNodeModel(n2, { provider: "gcp", platform: "custom", overrides: cpuOverride("-0 * vcpus") }).kubeReserved.cpuMillicores).toBe(0);
    expect(computeNodeModel(n2, { provider: "gcp", platform: "custom", overrides: cpuOverride("vcpus / 3") }).kubeReserved.cpuMillicores).toBe(2); // 1.33 → 2
  });

  it("an expression given as an Amount without a field is named by its override", () => {
    expect(() =>
      computeNodeModel(n2, { provider: "gcp", platform: "custom", overrides: { systemReservedCpu: { kind: "expression", text: "x", evaluate: () => -1 } } }),
    ).toThrow(/^systemReservedCpu "x" on n2-standard-4 .* gives -1, a negative amount;/);
  });
});

describe("property: no text makes the library fail with anything but an input error", () => {
  const machines = [n2, machine("e2-micro", 0.25, 1024), machine("huge", 416, 12 * 1024 * 1024)];

  it("compileExpression never throws; a compiled expression's node model is a model or an InputRejectedError", () => {
    fc.assert(
      fc.property(expressionishText, fc.constantFrom("kubeReservedCpu", "systemReservedMemory"), (t, key) => {
        const c = compileExpression(t); // throws → the property fails
        if (!c.ok) {
          expect(c.reason).not.toContain("\n");
          return;
        }
        const r = resolveNodeInputs({ [key]: t }, compileExpression);
        if (!r.ok) return; // e.g. a quantity
        for (const m of machines) {
          try {
            computeNodeModel(m, { provider: "gcp", platform: "custom", ...(r.value.overrides ? { overrides: r.value.overrides } : {}) });
          } catch (e) {
            if (!(e instanceof InputRejectedError)) throw e;
            expect(e.message).not.toContain("\n");
          }
        }
      }),
      { seed, numRuns: 1500 },
    );
  });
});
