/**
 * `cc-plan sheet --apps-script` (issue 13): the Google Sheets custom functions file.
 *
 * - The file as the built bin writes it, for each provider's default region: an ECMAScript 2019 script
 *   (acorn) with no module syntax and no `require(`, whose only top-level function declarations are the four
 *   upper-case CCPLAN_* functions, each under a JSDoc comment with `@customfunction` (Apps Script finds custom
 *   functions only there). Its size is reported and stays under 1 MB.
 * - It runs in a bare `node:vm` context (no require, process, Buffer, console or timers), and its answers
 *   equal the library's (`plan()`, `computeNodeModel` + `packOneShape`, called in this process) on random
 *   requests (fast-check, fixed seed; FC_SEED overrides).
 * - Ranges: a range gives a 2-D array of the same size (CCPLAN_RECOMMEND: a row of 5 per cell), each answer
 *   the one its cell gives alone; blank cells stay blank. Bad input gives a one-line "cc-plan:" string in the
 *   cell and never throws.
 * - The CLI: --out missing or into a missing folder, and `sheet` without --apps-script, are one line and exit
 *   2; `--out -` prints the file; the write is atomic. The core's build refuses a Node built-in.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { type Comment, parse } from "acorn";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/adapters/catalog-fs.js";
import type { CatalogMachineType, Provider } from "../../src/catalog/types.js";
import { defaultRegion } from "../../src/core/constants.js";
import { bootDiskTypes, parseBootDisk } from "../../src/core/ephemeral.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import type { PlatformId } from "../../src/core/overhead/types.js";
import { packOneShape } from "../../src/core/packing.js";
import type { PlanDocument } from "../../src/core/planner/document.js";
import type { RawRequest } from "../../src/core/planner/request.js";
import { defaultPlatform } from "../../src/core/platform.js";
import { parseEnvShape } from "../../src/core/units/env-shape.js";
import { PlanInputError, plan } from "../../src/plan.js";
import { repoRoot, runChild } from "../support/cli.js";

const seed = Number(process.env.FC_SEED ?? 13);
const providers: readonly Provider[] = ["gcp", "azure", "aws"];
const names = ["CCPLAN_ENVS_PER_NODE", "CCPLAN_NODES", "CCPLAN_MONTHLY_COST", "CCPLAN_RECOMMEND"];
const sizeBudget = 1_000_000;

/** The file for a provider's default region, as the built bin prints it (`--out -`). */
const files = new Map<Provider, string>();
/** One bare context per file, the file run once in it (as Apps Script runs a project's global code). */
const contexts = new Map<Provider, vm.Context>();

beforeAll(() => {
  for (const p of providers) {
    const r = runChild(["sheet", "--apps-script", "--provider", p, "--out", "-"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    files.set(p, r.stdout);
    const ctx = bareContext();
    vm.runInContext(r.stdout, ctx, { filename: `${p}.gs` });
    contexts.set(p, ctx);
  }
});

const fileOf = (p: Provider): string => files.get(p) as string;

/** `vm.createContext({})` without the `console` V8 puts in every context: nothing but ECMAScript's built-ins. */
function bareContext(): vm.Context {
  const ctx = vm.createContext({});
  vm.runInContext("delete globalThis.console", ctx);
  return ctx;
}

/** Call a custom function in the provider's context; the answer comes back through JSON (arrays of another realm). */
function call(p: Provider, name: string, ...args: unknown[]): unknown {
  const fn = vm.runInContext(name, contexts.get(p) as vm.Context) as (...a: unknown[]) => unknown;
  const answer = fn(...args);
  return answer === undefined ? undefined : JSON.parse(JSON.stringify(answer));
}

describe("the generated file", () => {
  it.each(providers)("%s: parses as an ES2019 script; its only top-level functions are the four CCPLAN_* under @customfunction JSDoc", (p) => {
    const text = fileOf(p);
    const comments: Comment[] = [];
    const ast = parse(text, { ecmaVersion: 2019, sourceType: "script", onComment: comments });
    const functions = ast.body.filter((n) => n.type === "FunctionDeclaration");
    expect(functions.map((f) => f.id?.name)).toEqual(names);
    for (const f of functions) {
      const name = f.id?.name ?? "";
      expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      // The comment right before it (only white space between) is a JSDoc block with @customfunction.
      const doc = comments.filter((c) => c.end <= f.start).at(-1);
      expect(doc, name).toBeDefined();
      expect(text.slice(doc?.end, f.start).trim(), `${name}: only white space between its JSDoc and the function`).toBe("");
      expect(doc?.type).toBe("Block");
      expect(doc?.value.startsWith("*"), `${name}: a /** … */ comment`).toBe(true);
      expect(doc?.value).toMatch(/@customfunction\b/);
      expect(doc?.value).toMatch(/@param\b/);
    }
    // Everything else at the top level: the data, the bundle's directive and its one `var CCPlan = (…)()`.
    const others = ast.body.filter((n) => n.type !== "FunctionDeclaration");
    expect(
      others.map((n) =>
        n.type === "VariableDeclaration" ? `var ${n.declarations.map((d) => (d.id.type === "Identifier" ? d.id.name : "?")).join()}` : n.type,
      ),
    ).toEqual(["var CCPLAN_DATA", "ExpressionStatement", "var CCPlan"]);
  });

  it.each(providers)("%s: holds no require(, import or export anywhere in its text, nor the project's internal words", (p) => {
    const text = fileOf(p);
    expect(text).not.toContain("require(");
    expect(text).not.toMatch(/\bimport\b/);
    expect(text).not.toMatch(/\bexport\b/);
    // As test/cli/first-screen.test.ts checks for every other output.
    expect(text.match(/seed|shared\//i)).toBeNull();
  });

  it("stays well under Apps Script's limits: under 1 MB per provider, also for the region with the most prices", () => {
    const sizes: string[] = [];
    for (const p of providers) {
      const size = Buffer.byteLength(fileOf(p));
      expect(size, `${p} ${defaultRegion[p]}`).toBeLessThan(sizeBudget);
      // The region whose price file is largest.
      const dir = join(repoRoot, "catalogs", "prices", p);
      const biggest = readdirSync(dir).sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0] ?? "";
      const region = biggest.replace(/\.json$/, "");
      const r = runChild(["sheet", "--apps-script", "--provider", p, "--region", region, "--out", "-"]);
      expect(r.code, r.stderr).toBe(0);
      const largest = Buffer.byteLength(r.stdout);
      expect(largest, `${p} ${region}`).toBeLessThan(sizeBudget);
      sizes.push(`${p} ${defaultRegion[p]} ${(size / 1024).toFixed(0)} KB (largest: ${region} ${(largest / 1024).toFixed(0)} KB)`);
    }
    const core = statSync(join(repoRoot, "dist", "apps-script", "core.js")).size;
    console.log(`Apps Script files: ${sizes.join("; ")}; the core (dist/apps-script/core.js) ${(core / 1024).toFixed(0)} KB`);
  });
});

describe("in a bare node:vm context", () => {
  it("has no require, process, Buffer, console, setTimeout or module there, and defines the four functions", () => {
    for (const p of providers) {
      const ctx = contexts.get(p) as vm.Context;
      expect(vm.runInContext("[typeof require, typeof process, typeof Buffer, typeof console, typeof setTimeout, typeof module].join()", ctx)).toBe(
        "undefined,undefined,undefined,undefined,undefined,undefined",
      );
      expect(vm.runInContext(`[${names.map((n) => `typeof ${n}`).join(", ")}].join()`, ctx)).toBe("function,function,function,function");
    }
  });

  it("answers a worked example (gcp us-central1): 4cpu16g on n2-standard-8 holds 1 per node, so 60 envs need 66 nodes with the warm buffer", () => {
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-8", "4cpu16g")).toBe(1);
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-32", "4cpu16g")).toBe(7);
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g", "n2-standard-8")).toBe(66);
    // Issue 16: a 20 GiB ephemeral request. The default 100 GiB boot disk gives 47060071478 bytes allocatable
    // (GKE's worked example: capacity 98831908Ki − 41 GiB reserved − ⌊capacity × float32(0.1)⌋) = 43.8 GiB: 2 envs,
    // where CPU allows 3. A 200 GiB disk: 208578056192 − 81604378624 (6 GiB + ⌈35 %⌉) − 20857805930 = 98.8 GiB: CPU binds, 3.
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-16", "4cpu16g")).toBe(3);
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-16", "4cpu16g@eph=20Gi")).toBe(2);
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-16", "4cpu16g@eph=20Gi", "", "pd-ssd:200Gi")).toBe(3);
    const row = call("gcp", "CCPLAN_RECOMMEND", 60, "4cpu16g") as unknown[][];
    expect(row).toHaveLength(1);
    expect(row[0]).toHaveLength(5);
    expect(typeof row[0]?.[4]).toBe("number");
  });
});

// ---- answers equal the library's ----

/** Priced machine types of the default region (the types a plan can use). */
const priced = new Map<Provider, CatalogMachineType[]>(
  providers.map((p) => [p, loadCatalog(p, { regions: [defaultRegion[p]] }).machineTypes.filter((m) => m.offerings.length > 0)]),
);

const platformsOf: Readonly<Record<Provider, readonly (string | undefined)[]>> = {
  gcp: [undefined, "", "gke", "flat", "custom"],
  azure: [undefined, "", "aks", "aks-legacy", "flat", "custom"],
  aws: [undefined, "", "eks", "flat", "custom"],
};

interface Case {
  readonly provider: Provider;
  readonly machine: string;
  readonly peak: number;
  readonly normal: number | "" | undefined;
  readonly env: string;
  readonly platform: string | undefined;
  readonly zones: number | "" | undefined;
  /** Issue 16: a boot disk (`[type:]size`), or undefined / "" for the default. */
  readonly bootDisk: string | undefined;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    provider: fc.constantFrom(...providers),
    machineIndex: fc.nat(),
    peak: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 120 }), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 2000 }), weight: 1 }),
    normalShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    blankNormal: fc.boolean(),
    cpu: fc.constantFrom("0.25", "0.5", "1", "2", "3", "4", "8", "16"),
    memory: fc.constantFrom("0.5", "1", "2", "4", "6", "8", "16", "32", "64"),
    kubernetesStyle: fc.boolean(),
    platformIndex: fc.nat(),
    zones: fc.constantFrom(undefined, "", 1, 2, 3),
    // Issue 16: an ephemeral-storage request in a third of the cases, a boot disk in half.
    eph: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 150 })),
    bootSize: fc.oneof(fc.constant(undefined), fc.constant(""), fc.integer({ min: 10, max: 1024 })),
    bootType: fc.oneof(fc.constant(-1), fc.nat()),
  })
  .map((r) => {
    const types = priced.get(r.provider) ?? [];
    const platforms = platformsOf[r.provider];
    return {
      provider: r.provider,
      machine: types[r.machineIndex % types.length]?.name ?? "",
      peak: r.peak,
      normal: r.normalShare === undefined ? (r.blankNormal ? "" : undefined) : Math.floor(r.normalShare * r.peak),
      env: `${r.kubernetesStyle ? `cpu=${r.cpu},memory=${r.memory}Gi` : `${r.cpu}cpu${r.memory}g`}${r.eph > 0 ? `@eph=${r.eph}Gi` : ""}`,
      platform: platforms[r.platformIndex % platforms.length],
      zones: r.zones,
      bootDisk:
        typeof r.bootSize === "number"
          ? `${r.bootType < 0 ? "" : `${bootDiskTypes[r.provider][r.bootType % bootDiskTypes[r.provider].length]}:`}${r.bootSize}Gi`
          : r.bootSize,
    } as Case;
  });

const libraryPlans = new Map<string, Promise<PlanDocument | PlanInputError>>();
/** The library's plan for `cc-plan --provider P` (default region) with these inputs; bad input → the PlanInputError. */
function libraryPlan(p: Provider, input: RawRequest): Promise<PlanDocument | PlanInputError> {
  const key = JSON.stringify([p, input]);
  let found = libraryPlans.get(key);
  if (!found) {
    found = plan({ ...input, provider: [p], region: [defaultRegion[p]] }).catch((e: unknown) => {
      if (e instanceof PlanInputError) return e;
      throw e;
    });
    libraryPlans.set(key, found);
  }
  return found;
}

const given = (v: string | number | undefined): v is string | number => v !== undefined && v !== "";
const platformInput = (c: Case): Partial<RawRequest> => ({
  ...(given(c.platform) ? { platform: c.platform } : {}),
  ...(given(c.bootDisk) ? { bootDisk: [c.bootDisk] } : {}),
});

/** What a cell should show: the library's number, or (no answer) a "cc-plan:" line. */
function expectAnswer(got: unknown, want: number | undefined, what: string): void {
  if (want === undefined) {
    expect(typeof got, `${what}: an error line`).toBe("string");
    expect(got as string, what).toMatch(/^cc-plan: \S/);
    expect(got as string, what).not.toContain("\n");
  } else expect(got, what).toBe(want);
}

describe("answers equal the library's on random requests", () => {
  it("CCPLAN_ENVS_PER_NODE, CCPLAN_NODES, CCPLAN_MONTHLY_COST and CCPLAN_RECOMMEND (≥ 100 cases)", async () => {
    let cases = 0;
    let answered = 0;
    let storageBinds = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        cases++;
        const p = c.provider;
        const what = JSON.stringify(c);
        const args = (...xs: unknown[]): unknown[] => {
          // An omitted trailing argument arrives as undefined, as in Sheets.
          const out = [...xs];
          while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
          return out;
        };

        // Envs per node: the node model's forEnvs (high bound) packed with the env shape.
        const machine = (priced.get(p) ?? []).find((m) => m.name === c.machine) as CatalogMachineType;
        const env = parseEnvShape(c.env);
        if (!env.ok) throw new Error(env.reason);
        const platform = (given(c.platform) ? c.platform : defaultPlatform[p]) as PlatformId;
        const boot = given(c.bootDisk) ? parseBootDisk(c.bootDisk) : undefined;
        if (boot && !boot.ok) throw new Error(boot.reason);
        const model = computeNodeModel(machine, { provider: p, platform, bound: "high", ...(boot?.ok ? { bootDisk: boot.value } : {}) });
        const envsPerNode = call(p, "CCPLAN_ENVS_PER_NODE", ...args(c.machine, c.env, c.platform, c.bootDisk));
        expect(envsPerNode, what).toBe(packOneShape(model.forEnvs, env.value).envsPerNode);
        if (env.value.ephemeralStorageBytes > 0 && packOneShape(model.forEnvs, env.value).bindingConstraint === "ephemeral-storage") storageBinds++;

        // Nodes: the one-pool plan on the type (`--machine`), its max nodes.
        const a = await libraryPlan(p, { peak: c.peak, env: c.env, machine: [c.machine], ...platformInput(c) });
        const named = (d: PlanDocument | PlanInputError) =>
          d instanceof PlanInputError ? undefined : d.providers[0]?.options.find((o) => o.kind === "named" && o.pools[0]?.machineType === c.machine);
        expectAnswer(call(p, "CCPLAN_NODES", ...args(c.peak, c.env, c.machine, c.platform, c.bootDisk)), named(a)?.nodes.max, `NODES ${what}`);
        if (named(a)) answered++;

        // Monthly cost: the same plan with normal and zones, its autoscaled bill.
        const costing = {
          ...(given(c.normal) ? { normal: c.normal } : {}),
          ...platformInput(c),
          ...(given(c.zones) ? { zones: [String(c.zones)] } : {}),
        };
        const b = await libraryPlan(p, { peak: c.peak, env: c.env, machine: [c.machine], ...costing });
        expectAnswer(
          call(p, "CCPLAN_MONTHLY_COST", ...args(c.peak, c.normal ?? "", c.env, c.machine, c.platform, c.zones, c.bootDisk)),
          named(b)?.bill.autoscaled.totalUsdPerMonth ?? undefined,
          `MONTHLY_COST ${what}`,
        );

        // Recommend: the recommended option's row.
        const r = await libraryPlan(p, { peak: c.peak, env: c.env, ...costing });
        const got = call(p, "CCPLAN_RECOMMEND", ...args(c.peak, c.env, c.normal, c.platform, c.zones, c.bootDisk)) as unknown[][];
        expect(got, what).toHaveLength(1);
        const pp = r instanceof PlanInputError ? undefined : r.providers[0];
        const o = pp?.recommended === null || pp?.recommended === undefined ? undefined : pp.options[pp.recommended];
        if (!o || o.bill.autoscaled.totalUsdPerMonth === null) {
          expect(String(got[0]?.[0]), `RECOMMEND ${what}`).toMatch(/^cc-plan: \S/);
          return;
        }
        const shape = (r as PlanDocument).inputs.shapes[0]?.name ?? "";
        const perNode = o.pools.map((x) => x.node.envsPerNode[shape]);
        expect(got[0], `RECOMMEND ${what}`).toEqual([
          o.pools.map((x) => x.machineType).join(" + "),
          perNode.length === 1 ? perNode[0] : perNode.join(" + "),
          o.nodes.min,
          o.nodes.max,
          o.bill.autoscaled.totalUsdPerMonth,
        ]);
      }),
      { seed, numRuns: 110 },
    );
    expect(cases).toBeGreaterThanOrEqual(100);
    // Most random cases are answered with numbers (not all errors).
    expect(answered).toBeGreaterThan(cases / 2);
    // Issue 16: ephemeral storage binds in some of them (the fifth dimension is exercised).
    expect(storageBinds).toBeGreaterThanOrEqual(5);
  }, 240_000);
});

// ---- ranges ----

describe("ranges", () => {
  it("a column of peaks gives a column of answers, each the one its cell gives alone; blank cells stay blank, a bad one shows its error", () => {
    const column = [[10], [60], [""], ["x"], [250]];
    const got = call("gcp", "CCPLAN_NODES", column, "4cpu16g", "n2-standard-16") as unknown[][];
    expect(got).toEqual(column.map(([v]) => [v === "" ? "" : call("gcp", "CCPLAN_NODES", v, "4cpu16g", "n2-standard-16")]));
    expect(got[2]).toEqual([""]);
    expect(String(got[3]?.[0])).toMatch(/^cc-plan: peak "x": expected a whole number/);
    expect(typeof got[4]?.[0]).toBe("number");
  });

  it("CCPLAN_RECOMMEND: a row of 5 cells per cell of the range, in reading order", () => {
    const got = call("gcp", "CCPLAN_RECOMMEND", [[20], [80]], "2cpu8g") as unknown[][];
    expect(got).toEqual([(call("gcp", "CCPLAN_RECOMMEND", 20, "2cpu8g") as unknown[][])[0], (call("gcp", "CCPLAN_RECOMMEND", 80, "2cpu8g") as unknown[][])[0]]);
    const wide = call("azure", "CCPLAN_RECOMMEND", [[20, ""]], "4cpu16g", [[10, 5]]) as unknown[][];
    expect(wide).toEqual([(call("azure", "CCPLAN_RECOMMEND", 20, "4cpu16g", 10) as unknown[][])[0], ["", "", "", "", ""]]);
  });

  it("any argument may be a range; ranges of one size pair up cell by cell; a row gives a row", () => {
    const types = [["n2-standard-4", "n2-standard-8", "n2-standard-16"]];
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", types, "2cpu8g")).toEqual([types[0]?.map((t) => call("gcp", "CCPLAN_ENVS_PER_NODE", t, "2cpu8g"))]);
    const got = call("aws", "CCPLAN_MONTHLY_COST", [[30], [40]], [[10], [""]], [["4cpu16g"], ["2cpu8g"]], "m5.4xlarge");
    expect(got).toEqual([
      [call("aws", "CCPLAN_MONTHLY_COST", 30, 10, "4cpu16g", "m5.4xlarge")],
      [call("aws", "CCPLAN_MONTHLY_COST", 40, "", "2cpu8g", "m5.4xlarge")],
    ]);
  });

  it("a 1×1 range is a single cell; ranges of different sizes give one error line", () => {
    expect(call("gcp", "CCPLAN_NODES", [[60]], "4cpu16g", "n2-standard-8")).toBe(66);
    expect(call("gcp", "CCPLAN_NODES", [[10], [60]], [["4cpu16g", "2cpu4g"]], "n2-standard-8")).toBe(
      "cc-plan: CCPLAN_NODES: the ranges differ in size (2×1 and 1×2); give ranges of one size or single cells",
    );
  });
});

// ---- bad input ----

describe("bad input gives a one-line cc-plan: string and never throws", () => {
  it("names the argument and the accepted forms", () => {
    expect(call("gcp", "CCPLAN_ENVS_PER_NODE", "n2-standard-8", "4cpuX")).toMatch(/^cc-plan: env "4cpuX" is not <cpu>cpu<memory>g such as 4cpu16g/);
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g")).toBe(
      "cc-plan: CCPLAN_NODES: machineType is missing; expected =CCPLAN_NODES(peak, env, machineType, [platform], [bootDisk])",
    );
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g", "Standard_D4s_v3")).toMatch(/^cc-plan: machineType "Standard_D4s_v3": not a gcp machine type/);
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g", "n2-standard-8", "aks")).toBe(
      "cc-plan: platform aks runs on azure, not gcp; for gcp use gke, flat or custom",
    );
    expect(call("gcp", "CCPLAN_NODES", 60, "64cpu512g", "n2-standard-8")).toMatch(/^cc-plan: no env shape fits on n2-standard-8/);
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g", "n2-standard-8", "", "Premium_LRS:100Gi")).toMatch(/^cc-plan: bootDisk "Premium_LRS:100Gi": .*gcp/);
    expect(call("gcp", "CCPLAN_NODES", 60, "4cpu16g", "n2-standard-8", "", "5Gi")).toMatch(/^cc-plan: bootDisk "5Gi".*10 to 65536 GiB/);
    expect(call("gcp", "CCPLAN_MONTHLY_COST", 60, 70, "4cpu16g", "n2-standard-8")).toMatch(/^cc-plan: normal 70 exceeds peak 60/);
    expect(call("gcp", "CCPLAN_NODES", 60.5, "4cpu16g", "n2-standard-8")).toMatch(/^cc-plan: peak "60.5": expected a whole number/);
    expect(call("gcp", "CCPLAN_NODES", vm.runInContext("new Date(0)", contexts.get("gcp") as vm.Context), "4cpu16g", "n2-standard-8")).toMatch(
      /^cc-plan: a date \(1970-01-01\) is not a count/,
    );
    expect(call("gcp", "CCPLAN_NODES", true, "4cpu16g", "n2-standard-8")).toMatch(/^cc-plan: peak "true"/);
  });

  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 5000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(""),
    fc.constant(undefined),
    fc.constant(null),
    fc.date({ noInvalidDate: false }),
    fc.constantFrom("4cpu16g", "n2-standard-8", "Standard_D4s_v5", "m5.xlarge", "gke", "flat", "60", "0", "-1", "1e9", "4cpu", "cpu=4"),
  );
  const arg = fc.oneof(
    { arbitrary: cell, weight: 4 },
    { arbitrary: fc.array(fc.array(cell, { minLength: 0, maxLength: 3 }), { minLength: 0, maxLength: 3 }), weight: 1 },
    { arbitrary: fc.array(cell, { maxLength: 3 }), weight: 1 },
  );

  it("on random arguments of every kind (strings, numbers, NaN, dates, empty and jagged ranges)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...providers), fc.constantFrom(...names), fc.array(arg, { maxLength: 7 }), (p, name, xs) => {
        let got: unknown;
        expect(() => {
          got = call(p, name, ...xs);
        }).not.toThrow();
        const cells = Array.isArray(got) ? (got as unknown[][]).flat() : [got];
        for (const v of cells) {
          expect(["string", "number"]).toContain(typeof v);
          if (typeof v === "string" && v.startsWith("cc-plan")) {
            expect(v).toMatch(/^cc-plan: \S/);
            expect(v).not.toContain("\n");
            expect(v).not.toMatch(/internal error|\bat \w+ \(|TypeError|RangeError/);
          }
        }
      }),
      { seed, numRuns: 300 },
    );
  }, 120_000);

  it("with a bad env every answer is blank or a cc-plan: line", () => {
    const badEnv = fc.string({ maxLength: 10 }).filter((s) => s.trim() !== "" && !parseEnvShape(s).ok);
    fc.assert(
      fc.property(
        fc.constantFrom(...providers),
        badEnv,
        fc.array(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant("")), { minLength: 1, maxLength: 3 }),
        (p, env, peaks) => {
          const type = priced.get(p)?.[0]?.name ?? "";
          const answers = [
            call(p, "CCPLAN_ENVS_PER_NODE", type, env),
            call(
              p,
              "CCPLAN_NODES",
              peaks.map((x) => [x]),
              env,
              type,
            ),
            call(
              p,
              "CCPLAN_MONTHLY_COST",
              peaks.map((x) => [x]),
              "",
              env,
              type,
            ),
            call(
              p,
              "CCPLAN_RECOMMEND",
              peaks.map((x) => [x]),
              env,
            ),
          ];
          for (const v of answers.flatMap((a) => (Array.isArray(a) ? (a as unknown[][]).flat() : [a])))
            expect(v === "" || (typeof v === "string" && /^cc-plan: env /.test(v)), String(v)).toBe(true);
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});

// ---- the CLI ----

describe("cc-plan sheet", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cc-plan-sheet-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--out missing, into a missing folder, or a folder: one line, exit 2, nothing written", () => {
    for (const argv of [
      ["sheet", "--apps-script"],
      ["sheet", "--apps-script", "--out", join(dir, "no-such-folder", "Code.gs")],
      ["sheet", "--apps-script", "--out", dir],
      ["sheet", "--apps-script", "--out", join(dir, "Code.gs"), "--provider", "oracle"],
      ["sheet", "--apps-script", "--out", join(dir, "Code.gs"), "--region", "mars-east1"],
      ["sheet", "--apps-script", "--out", join(dir, "Code.gs"), "--provider", "gcp", "--provider", "aws"],
    ]) {
      const r = runChild(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr, argv.join(" ")).toMatch(/^cc-plan: sheet: [^\n]+\n$/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes the file atomically (replacing an old one, no temporary left) and says so in one line; --out - prints the same file", () => {
    const out = join(dir, "Code.gs");
    writeFileSync(out, "old");
    const r = runChild(["sheet", "--apps-script", "--provider", "azure", "--region", "westeurope", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote .*Code\.gs: CCPLAN_ENVS_PER_NODE, CCPLAN_NODES, CCPLAN_MONTHLY_COST, CCPLAN_RECOMMEND for azure westeurope \(\d+ KB\); paste it into Extensions > Apps Script\n$/,
    );
    expect(readdirSync(dir)).toEqual(["Code.gs"]);
    const printed = runChild(["sheet", "--apps-script", "--provider", "azure", "--region", "westeurope", "--out", "-"]);
    expect(readFileSync(out, "utf8")).toBe(printed.stdout);
    expect(printed.stdout).toContain("for azure westeurope");
    // It runs, on that region's prices.
    const ctx = bareContext();
    vm.runInContext(printed.stdout, ctx);
    expect(typeof vm.runInContext('CCPLAN_MONTHLY_COST(40, 20, "4cpu16g", "Standard_D16s_v5")', ctx)).toBe("number");
  });

  it("the default is gcp us-central1; the file is the same on every run", () => {
    const a = runChild(["sheet", "--apps-script", "--out", "-"]);
    expect(a.stdout).toBe(fileOf("gcp"));
    expect(a.stdout).toContain("for gcp us-central1");
  });
});

describe("the core's build (scripts/apps-script-core.mjs)", () => {
  const build = (stdin?: string): { status: number | null; stdout: string; stderr: string } => {
    const script = `import { buildAppsScriptCore } from "./scripts/apps-script-core.mjs";
const stdin = ${JSON.stringify(stdin ?? null)};
process.stdout.write(await buildAppsScriptCore(stdin === null ? {} : { stdin: { contents: stdin, resolveDir: "src/apps-script", loader: "ts" }, logLevel: "silent" }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("refuses an entry that imports a Node built-in (node:fs or fs)", () => {
    for (const spec of ["node:fs", "fs"]) {
      const r = build(`import { readFileSync } from "${spec}";\nexport const read = (f: string): string => readFileSync(f, "utf8");\n`);
      expect(r.status, spec).not.toBe(0);
      expect(r.stderr).toContain(`the Apps Script bundle cannot import the Node built-in "${spec}"`);
    }
  });

  it("dist/apps-script/core.js is the current build of src/apps-script (the CLI tests run dist)", () => {
    const r = build();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(repoRoot, "dist", "apps-script", "core.js"), "utf8"));
  }, 60_000);
});
