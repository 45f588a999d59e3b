/**
 * The import-boundary check (`npm run lint:deps`, run by `npm test` through `pretest`; rules in
 * .dependency-cruiser.cjs) can fail: run on the fixture trees in test/fixtures/dep-boundaries/, it
 * passes the clean one and reports every violation of the broken one. Also: the temporary baseline
 * .dependency-cruiser-known-violations.json holds only circles inside src/core, and none that is gone.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(repoRoot, "test", "fixtures", "dep-boundaries");
const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
const depcruiseBin = join(repoRoot, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string; readonly severity: string };
  readonly cycle?: ReadonlyArray<{ readonly name: string }>;
}

/** The `lint:deps` script's arguments (after `depcruise`), so the test runs exactly what `npm test` runs. */
function lintDepsArgs(): string[] {
  const [command, ...args] = (pkg.scripts["lint:deps"] ?? "").trim().split(/\s+/);
  expect(command, 'package.json scripts["lint:deps"] should start with depcruise').toBe("depcruise");
  return args;
}

/** Runs `lint:deps` in `cwd` with the repository's config (its rules name paths relative to `cwd`). */
function lintDeps(cwd: string, extra: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const args = lintDepsArgs().map((a) => (a === ".dependency-cruiser.cjs" ? join(repoRoot, a) : a));
  const r = spawnSync(process.execPath, [depcruiseBin, ...args, ...extra], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `rule: from → to`, or `rule: a → b → a` for a circle (members as dependency-cruiser lists them, from first). */
function describeViolation(v: Violation): string {
  return v.cycle ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")}` : `${v.rule.name}: ${v.from} → ${v.to}`;
}

describe("import boundaries (npm run lint:deps)", () => {
  it("runs from npm test: pretest runs lint:deps, which reads the config and the known-violations baseline", () => {
    expect(pkg.scripts.pretest).toMatch(/(^|&&)\s*npm run lint:deps\s*(&&|$)/);
    expect(lintDepsArgs()).toEqual(["src", "--config", ".dependency-cruiser.cjs", "--ignore-known"]);
  });

  it("passes a tree where every layer imports only what it may", () => {
    const r = lintDeps(join(fixtures, "clean"));
    expect(r.stdout + r.stderr).toContain("no dependency violations found");
    expect(r.status).toBe(0);
  });

  it("fails on a tree that breaks every rule, naming each violation and leaving out the baselined circle", () => {
    const dir = join(fixtures, "broken");
    const text = lintDeps(dir);
    expect(text.status, text.stdout + text.stderr).not.toBe(0);
    // what a developer sees
    expect(text.stdout).toContain("error core-not-to-outer-layers: src/core/pure.ts → src/emit/render.ts");
    expect(text.stdout).toContain("1 known violations ignored");

    // (with --output-type json dependency-cruiser exits 0; the run above checked the exit code)
    const json = lintDeps(dir, ["--output-type", "json"]);
    const violations = (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations;
    const errors = violations
      .filter((v) => v.rule.severity === "error")
      .map(describeViolation)
      .sort();
    expect(errors).toEqual(
      [
        "apps-script-no-node-builtins: src/apps-script/reads.ts → fs", // import … from "node:fs"
        "apps-script-not-to-outer-layers: src/apps-script/flags.ts → src/cli/flags.ts",
        "core-catalog-types-only: src/core/looks-up.ts → src/catalog/lookup.ts", // a value import (types alone are allowed: clean/src/core/uses-types.ts)
        "core-no-node-builtins: src/core/reads.ts → fs", // import … from "node:fs"
        "core-no-node-builtins: src/core/sneaky.ts → path", // process.getBuiltinModule("node:path")
        "core-not-to-outer-layers: src/core/pure.ts → src/emit/render.ts",
        "emit-not-to-adapters-or-cli: src/emit/render.ts → src/cli/flags.ts",
        // main ↔ command, one side type-only
        "no-circular: src/cli/command.ts → src/cli/main.ts → src/cli/command.ts",
        // a src/core circle that the fixture's baseline does not list (known-a ↔ known-b is listed)
        "no-circular: src/core/new-c.ts → src/core/new-d.ts → src/core/new-c.ts",
        "not-to-unresolvable: src/adapters/typo.mjs → ./no-such-file.mjs",
      ].sort(),
    );
    // the baselined circle is found, and only softened
    expect(violations.filter((v) => v.rule.severity === "ignore").map(describeViolation)).toEqual([
      "no-circular: src/core/known-a.ts → src/core/known-b.ts → src/core/known-a.ts",
    ]);
  });
});

describe("the known-violations baseline (temporary: circles inside src/core while the core is restructured)", () => {
  const baseline = JSON.parse(readFileSync(join(repoRoot, ".dependency-cruiser-known-violations.json"), "utf8")) as Violation[];

  it("lists only no-circular circles whose every module is in src/core", () => {
    for (const v of baseline) {
      const modules = [v.from, v.to, ...(v.cycle ?? []).map((c) => c.name)];
      const outside = modules.filter((m) => !m.startsWith("src/core/"));
      expect(
        { rule: v.rule.name, type: v.type, outside },
        `.dependency-cruiser-known-violations.json may baseline only circles inside src/core; fix this one instead: ${describeViolation(v)}`,
      ).toEqual({ rule: "no-circular", type: "cycle", outside: [] });
    }
  });

  it("has no stale entry: each one is a circle src/ still has", () => {
    const r = lintDeps(repoRoot, ["--no-ignore-known", "--output-type", "json"]);
    const found = (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations.filter((v) => v.cycle);
    const key = (v: Violation): string => [...(v.cycle ?? []).map((c) => c.name)].sort().join(" ");
    const current = new Set(found.map(key));
    const stale = baseline.filter((v) => !current.has(key(v))).map(describeViolation);
    expect(
      stale,
      "this circle is gone: delete its entry from .dependency-cruiser-known-violations.json (or the whole file and --ignore-known once none is left)",
    ).toEqual([]);
  });
});
