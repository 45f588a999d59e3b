/**
 * Reservation expressions end to end (issue 12, "exact exit codes"): from flags, from a scenario file and
 * from the library. A scenario's expressions plan exactly like the flags, and load mathjs only when
 * present; an expression that the input gets wrong — refused by the sandbox, too long or too deep, failing
 * on a machine type, or giving NaN, ±Infinity, a negative or too large value — is exit 2 with one line
 * naming the flag (or the scenario's key), the machine type when it depends on one, the expression and
 * what is accepted, never exit 70 or a stack trace; the library throws PlanInputError with the same line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "../../src/adapters/scenario-file.js";
import { compileExpression } from "../../src/core/expression.js";
import type { RawRequest } from "../../src/core/planner/request.js";
import { PlanInputError, plan } from "../../src/plan.js";
import { type CliResult, runChildAsync, runInProcess } from "../support/cli.js";
import { expressionishText } from "../support/expression-text.js";

const dir = mkdtempSync(join(tmpdir(), "cc-plan-expr-"));
const seed = Number(process.env.FC_SEED ?? 12);
const today = "2026-12-04";
/** One shape on GKE with the custom platform: every reservation is what the test gives. */
const planFlags = ["--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--platform", "custom", "--today", today];
const planInput: RawRequest = { peak: 10, env: "4cpu16g", provider: ["gcp"], platform: "custom", today };

/** Writes a scenario planning `planFlags`, with `node:` as given (YAML lines); returns its path. */
function scenario(name: string, nodeYaml: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `version: 1\nname: ${name}\nenv: 4cpu16g\nproviders: [gcp]\nplatforms: { gcp: custom }\ndemand: { peak: 10 }\nnode:\n${nodeYaml}`);
  return path;
}

/** The one stderr line of an input error (exit 2, nothing on stdout, no stack trace), without the "cc-plan: " prefix. */
function oneInputErrorLine(r: CliResult): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^cc-plan: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.(c?js|ts):\d+|Error:|undefined/);
  return r.stderr.slice("cc-plan: ".length, -1);
}

/** The message of the PlanInputError the library throws (fails if it throws anything else or plans). */
async function libraryError(input: RawRequest): Promise<string> {
  try {
    await plan(input, { compile: compileExpression });
  } catch (e) {
    expect(e).toBeInstanceOf(PlanInputError);
    return (e as PlanInputError).message;
  }
  throw new Error("the library planned");
}

const quoted = (text: string): string =>
  text.length <= 500 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 40)).slice(0, -1)}…" (${text.length} characters)`;

describe("a scenario's reservation expressions (issue 12: they were always refused)", () => {
  const reservations = {
    kubeReservedCpu: "60 + 10 * vcpus",
    kubeReservedMemory: "11 * maxPods + 255",
    systemReservedCpu: "max(100, vcpus * 5)",
    systemReservedMemory: "memoryMiB > 8192 ? 1024 : 512",
  };
  const yaml = (r: typeof reservations): string =>
    `  kubeReserved: { cpu: "${r.kubeReservedCpu}", memory: "${r.kubeReservedMemory}" }\n  systemReserved: { cpu: "${r.systemReservedCpu}", memory: "${r.systemReservedMemory}" }\n`;
  const flags = [
    `--kube-reserved-cpu=${reservations.kubeReservedCpu}`,
    `--kube-reserved-memory=${reservations.kubeReservedMemory}`,
    `--system-reserved-cpu=${reservations.systemReservedCpu}`,
    `--system-reserved-memory=${reservations.systemReservedMemory}`,
  ];

  it("plan exactly like the same expressions given as flags (the real bin, --json)", async () => {
    const fromFile = await runChildAsync(["--scenario", scenario("all-four", yaml(reservations)), "--today", today, "--json"]);
    const fromFlags = await runChildAsync([...planFlags, ...flags, "--json"]);
    expect(fromFile.stderr).toBe("");
    expect(fromFile.code).toBe(0);
    expect(fromFlags.code).toBe(0);
    const doc = JSON.parse(fromFile.stdout);
    expect(doc).toEqual(JSON.parse(fromFlags.stdout));
    // And they were applied: n2-standard-4 has 4 vCPU, 16384 MiB (> 8192) and 110 pods.
    const n2 = doc.providers[0].options.flatMap((o: any) => o.pools).find((p: any) => p.machineType === "n2-standard-4");
    if (n2) expect(n2.node.kubeReserved).toEqual({ cpuMillicores: 100, memoryBytes: (11 * 110 + 255) * 2 ** 20 });
  });

  it("plan the same from the library: plan(scenario.input) = plan(the flags' input)", async () => {
    const sc = readScenarioFile(scenario("all-four-lib", yaml(reservations)));
    if (!sc.ok) throw new Error(sc.error.message);
    const a = await plan({ ...sc.value.input, today }, { compile: compileExpression });
    const b = await plan({ ...planInput, ...reservations }, { compile: compileExpression });
    expect(a).toEqual(b);
  });

  it("load mathjs only when a reservation holds an expression", async () => {
    // A preloaded module reports every load of mathjs on stderr.
    const hook = join(dir, "report-mathjs.cjs");
    writeFileSync(
      hook,
      'const M = require("node:module"); const load = M._load;\nM._load = function (request, ...rest) { if (request === "mathjs") process.stderr.write("mathjs loaded\\n"); return load.call(this, request, ...rest); };\n',
    );
    const run = (argv: string[]) => runChildAsync(argv, {}, ["--require", hook]);
    const quantities = await run([
      "--scenario",
      scenario("quantities", '  kubeReserved: { cpu: 100m, memory: 1Gi }\n  systemReserved: { cpu: "0.1" }\n'),
      "--json",
    ]);
    expect(quantities.code).toBe(0);
    expect(quantities.stderr).toBe("");
    const expression = await run(["--scenario", scenario("one-expression", '  systemReserved: { memory: "memoryMiB / 100" }\n'), "--json"]);
    expect(expression.code).toBe(0);
    expect(expression.stderr).toBe("mathjs loaded\n");
  });

  it("a failing one names the file, the line and the key; a flag replacing it is named as the flag", async () => {
    const path = scenario("negative", '  kubeReserved:\n    cpu: 100m\n  systemReserved:\n    memory: "memoryMiB - 20000"\n');
    const line = oneInputErrorLine(await runChildAsync(["--scenario", path]));
    expect(line).toMatch(
      new RegExp(
        `^scenario ${path.replace(/[.]/g, "\\.")} line 11: node\\.systemReserved\\.memory "memoryMiB - 20000" on \\S+ \\(vcpus \\d+, memoryMiB \\d+, maxPods 110\\) gives -\\d+, a negative amount; expected an expression of vcpus, memoryMiB and maxPods .* giving a non-negative number of MiB below 2\\^33 \\(8 PiB\\), rounded up$`,
      ),
    );
    expect(oneInputErrorLine(await runInProcess(["--scenario", path]))).toBe(line);
    const sc = readScenarioFile(path);
    if (!sc.ok) throw new Error(sc.error.message);
    expect(await libraryError(sc.value.input)).toBe(line);
    const flag = oneInputErrorLine(await runChildAsync(["--scenario", path, "--system-reserved-memory", "sqrt(memoryMiB)"]));
    expect(flag).toMatch(
      /^--system-reserved-memory "sqrt\(memoryMiB\)": the function sqrt is not allowed \(only min, max, floor, ceil, round, abs\); expected /,
    );
  });

  it.each([
    ["min()", "min() takes at least 1 argument, not 0"],
    ["import('fs')", "the function import is not allowed (only min, max, floor, ceil, round, abs)"],
    [`${"(".repeat(300)}vcpus${")".repeat(300)}`, "605 characters long; at most 500 are accepted"],
  ])("a refused text %j names the file, the line and the key", async (text, why) => {
    const path = scenario("refused", `  kubeReserved: { cpu: ${JSON.stringify(text)} }\n`);
    const line = oneInputErrorLine(await runChildAsync(["--scenario", path]));
    expect(line).toBe(
      `scenario ${path} line 8: node.kubeReserved.cpu ${quoted(text)}: ${why}; expected an expression of vcpus, memoryMiB and maxPods (numbers, + - * / ^ %, comparisons, and/or/not, ?:, min max floor ceil round abs; at most 500 characters and 32 levels of parentheses) giving a non-negative number of millicores below 2^53, rounded up`,
    );
  });
});

describe("an expression the input gets wrong is exit 2 with one line, from `plan` and `node`, and PlanInputError from the library (issue 12: exit 70, or a silent 0)", () => {
  const forms = {
    millicores: "giving a non-negative number of millicores below 2^53, rounded up",
    MiB: "giving a non-negative number of MiB below 2^33 (8 PiB), rounded up",
  };
  // [flag, expression, raw input key, unit, depends on the machine type, why]
  const cases: [string, string, keyof RawRequest, "millicores" | "MiB", boolean, string][] = [
    ["--kube-reserved-cpu", "min()", "kubeReservedCpu", "millicores", false, ": min() takes at least 1 argument, not 0"],
    [
      "--kube-reserved-cpu",
      "round(vcpus, 100)",
      "kubeReservedCpu",
      "millicores",
      true,
      "fails (Number of decimals in function round must be an integer from 0 to 15 inclusive)",
    ],
    ["--kube-reserved-cpu", "ceil(1e308)", "kubeReservedCpu", "millicores", true, "gives 1e+308, too large"],
    ["--kube-reserved-memory", "memoryMiB * 1e300", "kubeReservedMemory", "MiB", true, "too large"],
    ["--system-reserved-memory", "2^40 + maxPods", "systemReservedMemory", "MiB", true, "gives 1099511627886, too large"],
    ["--system-reserved-cpu", "vcpus * (0/0)", "systemReservedCpu", "millicores", true, "gives NaN"],
    ["--system-reserved-memory", "memoryMiB / 0", "systemReservedMemory", "MiB", true, "gives Infinity"],
    ["--kube-reserved-cpu", "-vcpus / 0", "kubeReservedCpu", "millicores", true, "gives -Infinity"],
    ["--system-reserved-cpu", "vcpus - 1000", "systemReservedCpu", "millicores", true, "a negative amount"],
    [
      "--kube-reserved-cpu",
      `${"(".repeat(2000)}vcpus${")".repeat(2000)}`,
      "kubeReservedCpu",
      "millicores",
      false,
      ": 4005 characters long; at most 500 are accepted",
    ],
    ["--kube-reserved-memory", `${"-".repeat(4000)}vcpus`, "kubeReservedMemory", "MiB", false, ": 4005 characters long; at most 500 are accepted"],
    [
      "--kube-reserved-cpu",
      `${"(".repeat(40)}vcpus${")".repeat(40)}`,
      "kubeReservedCpu",
      "millicores",
      false,
      ": nested 40 levels deep; at most 32 levels of parentheses",
    ],
  ];

  for (const [flag, text, key, unit, perMachine, why] of cases)
    it(`${flag} ${text.length > 60 ? `${text.slice(0, 20)}… (${text.length} characters)` : JSON.stringify(text)}`, async () => {
      const argv = [...planFlags, `${flag}=${text}`];
      const line = oneInputErrorLine(await runChildAsync(argv));
      expect(line.startsWith(`${flag} ${quoted(text)}${perMachine ? " on " : ": "}`)).toBe(true);
      if (perMachine) expect(line).toMatch(/ on [a-z0-9-]+ \(vcpus \d+, memoryMiB \d+, maxPods 110\) /);
      expect(line).toContain(why);
      expect(line).toContain("; expected an expression of vcpus, memoryMiB and maxPods");
      expect(line.endsWith(forms[unit])).toBe(true);
      expect(oneInputErrorLine(await runInProcess(argv))).toBe(line);
      // The library: the same line, as a PlanInputError naming the flag.
      expect(await libraryError({ ...planInput, [key]: text })).toBe(line);
      // `cc-plan node <type>`: the same, on that type.
      const node = oneInputErrorLine(await runInProcess(["node", "n2-standard-4", "--platform", "custom", `${flag}=${text}`]));
      if (perMachine) expect(node).toMatch(new RegExp(`^${flag} .* on n2-standard-4 \\(vcpus 4, memoryMiB 16384, maxPods 110\\) `));
      else expect(node).toBe(line);
    });
});

describe("the sandbox: anything but numbers, arithmetic, comparisons, ?: and min/max/floor/ceil/round/abs of the three variables is exit 2, one line", () => {
  it.each([
    ["import('fs')", "the function import is not allowed"],
    ['createUnit("vcpus")', "the function createUnit is not allowed"],
    ['evaluate("vcpus")', "the function evaluate is not allowed"],
    ['parse("vcpus")', "the function parse is not allowed"],
    ["simplify(vcpus)", "the function simplify is not allowed"],
    ["sqrt(vcpus)", "the function sqrt is not allowed"],
    ["exp(vcpus)", "the function exp is not allowed"],
    ["vcpus(2)", "the function vcpus is not allowed"],
    ["vcpus.max(1, 2)", "calling the result of an expression is not allowed"],
    ["vcpus = 4", "an assignment is not allowed"],
    ["f(x) = x * vcpus", "a function definition is not allowed"],
    ["vcpus; maxPods", "more than one statement is not allowed"],
    ["maxPods.constructor", "property access is not allowed"],
    ["[vcpus, 1]", "an array is not allowed"],
    ["{a: vcpus}", "an object is not allowed"],
    ["1:vcpus", "a range is not allowed"],
    ["'4' + vcpus", "only numbers are allowed"],
    ["vcpus to cm", "the operator to is not allowed"],
    ["vcpus!", "the operator ! is not allowed"],
    ["vcpus & 1", "the operator & is not allowed"],
    ["Infinity * vcpus", "Infinity is not a finite number"],
    ["pi * vcpus", "unknown name pi"],
    ["vcpus +", "not a valid expression"],
  ])("%j", async (text, why) => {
    for (const r of [
      await runChildAsync(["node", "n2-standard-4", "--platform", "custom", "--kube-reserved-cpu", text]),
      await runInProcess([...planFlags, "--kube-reserved-cpu", text]),
    ]) {
      const line = oneInputErrorLine(r);
      expect(line.startsWith(`--kube-reserved-cpu ${JSON.stringify(text)}: ${why}`)).toBe(true);
      expect(line).toMatch(/; expected an expression of vcpus, memoryMiB and maxPods .* giving a non-negative number of millicores below 2\^53, rounded up$/);
    }
  });

  it("property: random expression-ish text is never exit 70 from the CLI, and the library agrees (a plan, or PlanInputError with the same line)", async () => {
    await fc.assert(
      fc.asyncProperty(expressionishText, fc.constantFrom("--kube-reserved-cpu", "--system-reserved-memory"), async (text, flag) => {
        const r = await runInProcess([...planFlags, `${flag}=${text}`, "--json"]);
        expect(r.code).not.toBe(70);
        expect([0, 1, 2]).toContain(r.code);
        const key = flag === "--kube-reserved-cpu" ? "kubeReservedCpu" : "systemReservedMemory";
        if (r.code === 2) expect(await libraryError({ ...planInput, [key]: text })).toBe(oneInputErrorLine(r));
        else await plan({ ...planInput, [key]: text }, { compile: compileExpression });
      }),
      { seed, numRuns: 120 },
    );
  });
});
