/**
 * The package as a user gets it: `npm pack` the built repository (dist/ as `npm test`'s pretest built it;
 * --ignore-scripts so packing does not rebuild under the other tests' feet), install the tarball into an
 * empty project (`npm init -y`, `npm i ./cc-plan-0.1.0.tgz`; dependencies from the registry or npm's cache),
 * then run what the README tells a user to run there.
 *
 * Measured on this machine (Node 20.20, npm 11.19) when the cloud SDKs became optional peers:
 *   before: 176 packages, node_modules 149 MB by `du -sm` (106 MB as a sum of file sizes), @azure alone 72 MB;
 *   after:   41 packages, node_modules  34 MB by `du -sm` (22.5 MB as a sum of file sizes);
 *   tarball 1.17 MB (449 files, 5.8 MB unpacked; 1.05 MB and 347 files before: dist/cjs is new).
 * The budget asserted below is 60 MB (file sizes summed).
 *
 * The generous hook timeout only guards against a hung install; nothing here asserts time.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";

const budgetBytes = 60e6;

/** The environment of a user's shell: none of the npm-script variables of the `npm test` running us, no package search path, no catalog override. */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !["INIT_CWD", "NODE_PATH", "NODE_OPTIONS", "CC_PLAN_CATALOG_DIR"].includes(k)),
);

function sh(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: userEnv, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}
function ok(command: string, args: readonly string[], cwd: string): string {
  const r = sh(command, args, cwd);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** Σ sizes of the regular files under dir (symlinks not followed), bytes. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += treeBytes(p);
    else if (e.isFile()) total += lstatSync(p).size;
  }
  return total;
}

/** The fenced ```js blocks of README's "As a library" section, by the file name on their first line (`// main.mjs`). */
function readmeSnippets(): Map<string, string> {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("\n## As a library\n");
  if (start < 0) throw new Error('README.md has no "## As a library" section');
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, string>();
  for (const m of section.matchAll(/```js\n([\s\S]*?)```/g)) {
    const code = m[1] as string;
    const name = /^\/\/ (\S+\.[cm]js)\b/.exec(code)?.[1];
    if (name) out.set(name, code);
  }
  return out;
}

let root = "";
let project = "";
let pack: { filename: string; size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "cc-plan-install-"));
  project = join(root, "project");
  mkdirSync(project);
  const packed = JSON.parse(ok("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", root], repoRoot)) as (typeof pack)[];
  if (packed.length !== 1 || !packed[0]) throw new Error(`npm pack --json: expected one package, got ${packed.length}`);
  pack = packed[0];
  ok("npm", ["init", "-y"], project);
  ok("npm", ["i", join(root, pack.filename), "--no-audit", "--no-fund", "--prefer-offline"], project);
}, 600_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("npm i cc-plan (the packed tarball in an empty project)", () => {
  it("the tarball has LICENSE, CHANGELOG.md, the built catalogs and both builds; no tests, sources or raw catalog inputs", () => {
    const files = pack.files.map((f) => f.path);
    console.log(`tarball ${pack.filename}: ${(pack.size / 1e6).toFixed(2)} MB, ${pack.entryCount} files, ${(pack.unpackedSize / 1e6).toFixed(1)} MB unpacked`);
    for (const f of [
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "package.json",
      "bin/cc-plan.cjs",
      "dist/bundle/cli.cjs",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cjs/index.js",
      "dist/cjs/index.d.ts",
      "dist/cjs/package.json",
      "dist/cjs/core/expression.js",
      "dist/apps-script/core.js",
    ])
      expect(files, f).toContain(f);
    for (const f of [
      "catalogs/gcp.json",
      "catalogs/azure.json",
      "catalogs/aws.json",
      "catalogs/fees.json",
      "catalogs/specs/gcp.json",
      "catalogs/specs/azure.json",
      "catalogs/storage/gcp.json",
      "catalogs/storage/azure.json",
      "catalogs/prices/gcp/us-central1.json",
      "catalogs/prices/azure/eastus.json",
      "catalogs/prices/aws/us-east-1.json",
    ])
      expect(files, f).toContain(f);
    expect(files.filter((f) => /^(test|src|bench|notebooks|scripts|catalogs\/sources)\//.test(f))).toEqual([]);
    const installed = join(project, "node_modules", "cc-plan");
    const license = readFileSync(join(installed, "LICENSE"), "utf8");
    expect(license).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(license).toContain("END OF TERMS AND CONDITIONS");
    expect(license).toContain("Copyright 2026 The cc-plan authors");
    expect(readFileSync(join(installed, "CHANGELOG.md"), "utf8")).toMatch(/^## \[0\.1\.0\]/m);
  });

  it(`node_modules stays within ${budgetBytes / 1e6} MB: no cloud SDK is installed`, () => {
    const bytes = treeBytes(join(project, "node_modules"));
    const packages = ok("npm", ["ls", "--all", "--parseable"], project).trim().split("\n").length - 1; // the first line is the project
    console.log(`node_modules: ${packages} packages, ${(bytes / 1e6).toFixed(1)} MB (file sizes summed)`);
    expect(bytes).toBeLessThanOrEqual(budgetBytes);
    for (const sdk of ["@google-cloud/billing", "@azure/identity", "@azure/arm-compute", "google-gax"])
      expect(() => lstatSync(join(project, "node_modules", sdk)), sdk).toThrow();
  });

  it("`npx cc-plan --peak 10 --env 2cpu8g` prints a recommendation (exit 0)", () => {
    const r = sh("npx", ["cc-plan", "--peak", "10", "--env", "2cpu8g"], project);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^GKE us-central1 /m);
    expect(r.stdout).toMatch(/^Recommended: \S+ × \d+ nodes: \$[\d,]+\.\d\d\/month/m);
  });

  it("`npx cc-plan sheet --apps-script --out -` prints the Google Sheets file without esbuild or acorn (devDependencies) installed", () => {
    for (const dev of ["esbuild", "acorn"]) expect(() => lstatSync(join(project, "node_modules", dev)), dev).toThrow();
    const r = sh("npx", ["cc-plan", "sheet", "--apps-script", "--provider", "aws", "--out", "-"], project);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("cc-plan 0.1.0: Google Sheets custom functions for aws us-east-1");
    expect(r.stdout).toMatch(/^function CCPLAN_RECOMMEND\(peak, env, normal, platform, zones, bootDisk\) \{$/m);
  });

  it("the README's library snippets (import and require) print each provider's recommended type and a monthly total > 0, from any working directory", () => {
    const snippets = readmeSnippets();
    expect([...snippets.keys()].sort()).toEqual(["main.cjs", "main.mjs"]);
    for (const [name, code] of snippets) {
      writeFileSync(join(project, name), code);
      // cwd = the folder above the project: the catalogs are found from the installed package, not the cwd.
      const r = sh(process.execPath, [join(project, name)], root);
      expect(r.stderr, name).toBe("");
      expect(r.status, name).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(
        lines.map((l) => l.split(/[\s:]/)[0]),
        name,
      ).toEqual(["gcp", "azure"]);
      for (const line of lines) {
        const total = Number(/\$(\d+(?:\.\d+)?) per month/.exec(line)?.[1]);
        expect(total, `${name}: ${line}`).toBeGreaterThan(0);
      }
    }
    // What README says main.mjs prints (the headline's recommendations).
    const mjs = sh(process.execPath, [join(project, "main.mjs")], root).stdout;
    expect(mjs).toBe("gcp us-central1: 6 × n2d-standard-48, $9014.80 per month\nazure eastus: 6 × Standard_D48s_v3, $10164.52 per month\n");
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      "It prints `gcp us-central1: 6 × n2d-standard-48, $9014.80 per month` and `azure eastus: 6 × Standard_D48s_v3, $10164.52 per month`",
    );
  });

  it("`catalog refresh` without the optional SDK exits 1 with one line saying what to install", () => {
    // --out must name an existing folder (issue 12): an empty one, so the SDK check is what stops the command
    mkdirSync(join(root, "unused"), { recursive: true });
    const r = sh("npx", ["cc-plan", "catalog", "refresh", "--provider", "gcp", "--gcp-endpoint", "http://127.0.0.1:9", "--out", join(root, "unused")], project);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("cc-plan: catalog refresh --provider gcp needs @google-cloud/billing 5.1.2: npm i @google-cloud/billing@5.1.2\n");
    expect(r.status).toBe(1);
  });

  it("TypeScript (module node16) type-checks an ES module and a CommonJS module that use the package's types", () => {
    writeFileSync(
      join(project, "types.mts"),
      `import { plan, type PlanDocument } from "cc-plan";
import { compileExpression } from "cc-plan/expression";
const doc: PlanDocument = await plan({ peak: 1, env: "2cpu8g" });
export const total: number | null | undefined = doc.providers[0]?.options[0]?.bill.autoscaled.totalUsdPerMonth;
export const compiled = compileExpression("vcpus");
`,
    );
    // A .cts file: TypeScript checks it as CommonJS, so "cc-plan" must resolve to declarations of the require build
    // (pointing "require" at the ES module's declarations fails here with TS1471).
    writeFileSync(
      join(project, "types.cts"),
      `import cc = require("cc-plan");
import expr = require("cc-plan/expression");
export async function total(): Promise<number | null | undefined> {
  const doc: cc.PlanDocument = await cc.plan({ peak: 1, env: "2cpu8g" });
  expr.compileExpression("vcpus");
  return doc.providers[0]?.options[0]?.bill.autoscaled.totalUsdPerMonth;
}
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "node16", moduleResolution: "node16", target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["types.mts", "types.cts"],
      }),
    );
    const r = sh(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", ".", "--traceResolution"], project);
    const resolved = r.stdout
      .split("\n")
      .filter((l) => /Module name 'cc-plan(\/expression)?' was successfully resolved/.test(l))
      .map((l) => /node_modules\/cc-plan\/(\S+)'/.exec(l)?.[1]);
    expect(resolved.sort()).toEqual(["dist/cjs/core/expression.d.ts", "dist/cjs/index.d.ts", "dist/core/expression.d.ts", "dist/index.d.ts"]);
    expect(r.stdout.split("\n").filter((l) => /error TS/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  }, 120_000);
});
