/** The built package (dist/, via its exports map) imports as `cc-plan` and plans without the CLI. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";

/** A resolve hook that makes the CLI-only packages unloadable: importing them throws. */
const forbidCliPackages = `data:text/javascript,${encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (/^(yargs|mathjs)(\\/|$)/.test(specifier)) throw new Error("library loaded CLI-only package " + specifier);
    return next(specifier, context);
  }`)}`;
const register = `import { register } from "node:module"; register(${JSON.stringify(forbidCliPackages)});`;

/** Runs an ES module script in a child process with the hook; `highsLoaded()` tells whether the solver package was required. */
function runModule(script: string): { status: number | null; stdout: string; stderr: string } {
  const prelude = `import { createRequire } from "node:module";
    const highsLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\\\/]node_modules[\\\\/]highs[\\\\/]/.test(k));
    const yargsOrMathjsLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\\\/]node_modules[\\\\/](yargs|mathjs)[\\\\/]/.test(k));`;
  const r = spawnSync(
    process.execPath,
    ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", `${prelude}\n${script}`],
    {
      cwd: repoRoot,
      encoding: "utf8",
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("package entry", () => {
  it("`import { plan } from 'cc-plan'` plans one shape from raw input without loading yargs (CLI), mathjs or the solver", () => {
    const r = runModule(`
      const lib = await import("cc-plan");
      const doc = await lib.plan({ peak: 60, env: "4cpu16g", provider: ["gcp"] });
      const p = doc.providers[0];
      const guide = p.options.find((o) => o.kind === "guide-example");
      console.log(JSON.stringify({
        planVersion: doc.planVersion,
        recommended: typeof p.recommended,
        guide: guide.pools.map((x) => [x.machineType, x.node.envsPerNode["4cpu16g"], x.autoscaler.minNodes, x.nodes.peak]),
        highs: highsLoaded(),
        cli: yargsOrMathjsLoaded(),
        exports: Object.keys(lib).length,
      }));
    `);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.planVersion).toBe("2");
    expect(out.recommended).toBe("number");
    // n2-standard-32 under gke holds 7 × 4cpu16g (test/golden/seeds.test.ts). 3 zones, normal = peak = 60:
    // 20 + 2 warm envs per zone → ⌈22 / 7⌉ = 4 per zone, 12 nodes at normal (the minimum) and at peak.
    expect(out.guide).toEqual([["n2-standard-32", 7, 12, 12]]);
    expect(out.highs).toBe(false);
    expect(out.cli).toBe(false);
    expect(out.exports).toBeGreaterThan(20);
  });

  it("plan() loads the solver for several shapes, and throws PlanInputError naming the field on bad input", () => {
    const r = runModule(`
      const lib = await import("cc-plan");
      const doc = await lib.plan({ envs: [{ env: "4cpu16g", peak: 40 }, { env: "8cpu32g", peak: 15 }], provider: ["gcp"] });
      const shapes = doc.inputs.shapes.map((s) => s.name + ":" + s.peak);
      let error;
      try { await lib.plan({ peak: 60, env: "4cpu16g", within: "-1" }); } catch (e) { error = { name: e.name, field: e.field, isPlanInputError: e instanceof lib.PlanInputError, message: e.message }; }
      console.log(JSON.stringify({ shapes, recommended: typeof doc.providers[0].recommended, highs: highsLoaded(), error }));
    `);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.shapes).toEqual(["4cpu16g:40", "8cpu32g:15"]);
    expect(out.recommended).toBe("number");
    expect(out.highs).toBe(true);
    expect(out.error).toEqual({
      name: "PlanInputError",
      field: "--within",
      isPlanInputError: true,
      message: '--within "-1": expected a percentage from 0 to 100, e.g. --within 2 (or 2%)',
    });
  });

  it("the library plans a month's cost from a scenario and emits settings for its pools, still without yargs or mathjs", () => {
    const r = runModule(`
      const lib = await import("cc-plan");
      const sc = lib.readScenarioFile("scenarios/codecanvas-60-envs.yaml");
      const doc = await lib.plan(sc.value.input);
      const p = doc.providers.find((x) => x.provider === "gcp");
      const named = p.options.find((o) => o.kind === "named");
      const pool = named.pools[0];
      const gcloud = lib.emitSettings("gcloud", lib.poolSettings(doc, p, pool, false));
      const recommended = lib.recommendedPoolSettings(doc, p);
      console.log(JSON.stringify({
        machine: pool.machineType, min: pool.autoscaler.minNodes, max: pool.autoscaler.maxNodes,
        total: named.bill.autoscaled.totalUsdPerMonth > 0,
        gcloud: gcloud.includes("--total-min-nodes 6") && gcloud.includes("--total-max-nodes 12"),
        recommended: recommended.map((s) => s.poolName).join(",") === p.options[p.recommended].pools.map((x) => x.name).join(","),
        cli: yargsOrMathjsLoaded(),
      }));
    `);
    expect(r.stderr).toBe("");
    // Seed scenario (normal 30, peak 60) on n2-standard-32, 7 per node: per zone ⌈10 / 7⌉ = 2 and ⌈(20 + 2) / 7⌉ = 4 over 3 zones.
    expect(JSON.parse(r.stdout)).toEqual({ machine: "n2-standard-32", min: 6, max: 12, total: true, gcloud: true, recommended: true, cli: false });
  });

  it("`require('cc-plan')` (the CommonJS bundle) has the ES module's exports and plans one shape without yargs, mathjs or the solver; `require('cc-plan/expression')` compiles", () => {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `
      const loaded = (re) => Object.keys(require.cache).some((k) => re.test(k));
      const lib = require("cc-plan");
      const resolved = require.resolve("cc-plan");
      lib.plan({ peak: 60, env: "4cpu16g", provider: "gcp" }).then(async (doc) => {
        const p = doc.providers[0];
        const esm = await import("cc-plan");
        const expr = require("cc-plan/expression").compileExpression("11 * maxPods + 255");
        console.log(JSON.stringify({
          resolved: require("node:path").relative(process.cwd(), resolved),
          sameExports: Object.keys(lib).sort().join() === Object.keys(esm).sort().join(),
          machine: p.options[p.recommended].pools[0].machineType,
          total: p.options[p.recommended].bill.autoscaled.totalUsdPerMonth,
          isError: new lib.PlanInputError("f", "m") instanceof Error,
          expression: expr.ok && expr.value({ vcpus: 4, memoryMiB: 16384, maxPods: 110 }),
          cliOrSolverBeforeExpression: [/[\\/]node_modules[\\/](yargs|highs)[\\/]/].some(loaded),
        }));
      });
    `,
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.resolved).toBe(join("dist", "cjs", "index.js"));
    expect(out.sameExports).toBe(true);
    // The headline's GKE recommendation (README): 6 × n2d-standard-48, $9,014.80 per month.
    expect(out.machine).toBe("n2d-standard-48");
    expect(out.total).toBeCloseTo(9014.8, 2);
    expect(out.isError).toBe(true);
    expect(out.expression).toBe(11 * 110 + 255);
    expect(out.cliOrSolverBeforeExpression).toBe(false);
  });

  it("the CommonJS bundle does not contain mathjs, HiGHS or the price SDKs, requires HiGHS only inside the solver loader and the chart library only inside the chart module", () => {
    const bundle = readFileSync(join(repoRoot, "dist", "cjs", "index.js"), "utf8");
    // require calls of the code (not the ajv helpers' own source text, which the validator keeps as strings)
    const required = [...bundle.matchAll(/(?<!['"\w.])require\("([^"]+)"\)/g)].map((m) => m[1]).filter((n) => !n?.startsWith("node:"));
    expect([...new Set(required)].sort()).toEqual(["@observablehq/plot", "chalk", "linkedom", "yaml"]);
    // The chart library is required only inside the lazily initialised chart module (esbuild's __esm wrapper
    // of src/emit/charts/plot-lib.ts, run on the first chart: issue 14), never at load.
    const charts = bundle.match(/"src\/emit\/charts\/plot-lib\.ts"\(\) \{[^}]*\}/)?.[0] ?? "";
    expect(charts).toContain('require("@observablehq/plot")');
    expect(charts).toContain('require("linkedom")');
    expect(bundle.split('require("@observablehq/plot")').length).toBe(2);
    expect(bundle.split('require("linkedom")').length).toBe(2);
    // esbuild marks each bundled module with a "// src/…" line: the expression compiler (mathjs) and the price adapters are not in.
    expect(bundle).toMatch(/^\/\/ src\/adapters\/highs-solver\.ts$/m);
    expect(bundle).not.toMatch(/^\/\/ src\/(core\/expression|adapters\/prices\/)/m);
    expect(bundle).toContain('createRequire)(__ccModuleUrl)("highs")');
  });

  it("has teeth: the hook does stop an import of yargs", () => {
    const r = runModule(`await import("yargs");`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("library loaded CLI-only package yargs");
  });
});
