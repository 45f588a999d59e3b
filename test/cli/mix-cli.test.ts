/**
 * Several env shapes on the command line (issue 5): the table, --json against schema/mix-plan.schema.json,
 * the real bin in a child process, lazy loading of the solver, failure paths and bad input.
 */
import { Ajv2020 as Ajv } from "ajv/dist/2020.js";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoRoot, runChild, runInProcess } from "../support/cli.js";

const schema = JSON.parse(readFileSync(`${repoRoot}/schema/mix-plan.schema.json`, "utf8"));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const mix = ["--env", "40x4cpu16g", "--env", "15x8cpu32g", "--env", "5x16cpu64g"];

interface Row {
  variant: string;
  optimal: boolean | null;
  gap: number | null;
  status: string;
  usdPerHour: { peak: number; normal: number };
  lowerBound: { usdPerHour: number } | null;
  pools: { machineType: string; nodes: { peak: number; normal: number }; nodeUsdPerHour: number; envs: Record<string, number> }[];
  placement: { zones: string[]; nodes: { machineType: string; count: number; envs: Record<string, number> }[] }[];
  nodes: { peak: number; normal: number };
}
interface Doc {
  kind: string;
  providers: { provider: string; rows: Row[]; issues: { code: string; severity: string; message: string }[] }[];
  issues: { code: string; severity: string; message: string; details: Record<string, unknown> }[];
}

describe("mixed shapes on the command line", () => {
  it("prints one table per provider with the proven cheapest mix, the greedy baseline and the saving", async () => {
    const r = await runInProcess(mix);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    // 40 × 4 + 15 × 8 + 5 × 16 = 360 vCPU; 40 × 16 + 15 × 32 + 5 × 64 = 1440 GiB.
    expect(r.stdout).toContain("Mix: 60 envs at peak, 60 normal, in 3 shapes: 40 × 4cpu16g, 15 × 8cpu32g, 5 × 16cpu64g");
    expect(r.stdout).toContain("Peak totals: 360 vCPU and 1440.00 GiB requested");
    expect(r.stdout).toMatch(/Google Cloud — us-central1, platform gke/);
    expect(r.stdout).toMatch(/Azure — eastus, platform aks/);
    expect(r.stdout).toMatch(/\| cheapest mix +\|/);
    expect(r.stdout).toMatch(/\| greedy autoscaler +\|/);
    expect(r.stdout).toMatch(/\| one env per node +\|/);
    expect(r.stdout).toMatch(/optimal/);
  });

  it("--json validates against the schema for varied inputs, and every row's placement holds its envs", async () => {
    for (const argv of [
      mix,
      [...mix, "--per-zone", "--provider", "azure"],
      [...mix, "--max-pools", "1", "--provider", "gcp", "--disk", "100Gi"],
      ["--env", "10/4x2cpu16g@50Gi", "--env", "6x8cpu32g", "--provider", "gcp", "--pricing", "spot"],
      ["--scenario", "scenarios/codecanvas-instance-types.yaml"],
      ["--scenario", "scenarios/complementary-mix.yaml"],
    ]) {
      const r = await runInProcess([...argv, "--json"]);
      expect(r.stderr).toBe("");
      const doc = JSON.parse(r.stdout) as Doc;
      const ok = validate(doc);
      expect(validate.errors ?? [], argv.join(" ")).toEqual([]);
      expect(ok).toBe(true);
      expect(doc.kind).toBe("mix");
      for (const p of doc.providers)
        for (const row of p.rows) {
          // Each row's placement, recomputed: Σ count × envs = the peak demand of every shape, per zone × zones.
          const placed: Record<string, number> = {};
          for (const g of row.placement) for (const n of g.nodes) for (const [k, v] of Object.entries(n.envs)) placed[k] = (placed[k] ?? 0) + n.count * v * Math.max(1, g.zones.length);
          const cost = row.pools.reduce((s, x) => s + x.nodes.peak * x.nodeUsdPerHour, 0);
          expect(cost).toBeCloseTo(row.usdPerHour.peak, 9);
          expect(row.usdPerHour.normal).toBeLessThanOrEqual(row.usdPerHour.peak + 1e-9);
          for (const x of row.pools) expect(x.nodes.normal).toBeLessThanOrEqual(x.nodes.peak);
          if (row.lowerBound) expect(row.lowerBound.usdPerHour).toBeLessThanOrEqual(row.usdPerHour.peak * (1 + 1e-9));
          expect(Object.values(placed).reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
        }
    }
  });

  it("the schema has teeth: a node price of 0 or a missing proof status is rejected", async () => {
    const doc = JSON.parse((await runInProcess([...mix, "--provider", "gcp", "--json"])).stdout);
    doc.providers[0].rows[0].pools[0].nodeUsdPerHour = 0;
    expect(validate(doc)).toBe(false);
    doc.providers[0].rows[0].pools[0].nodeUsdPerHour = 1;
    delete doc.providers[0].rows[0].optimal;
    expect(validate(doc)).toBe(false);
  });

  it("the real bin prints the same as the in-process run (the solver loads through require in the bundle)", async () => {
    const argv = [...mix, "--provider", "azure"];
    const child = runChild(argv);
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    expect(child.stdout).toBe((await runInProcess(argv)).stdout);
  });

  it("the one-shape path never loads the solver; a mix does", () => {
    // In a child process: run the bundled CLI, then look for the highs package in require's cache.
    const probe = (argv: string[]): string => {
      const code = `const { loadCli } = require("./bin/load.cjs"); const cli = loadCli();
        cli.run(${JSON.stringify(argv)}, { stdout() {}, stderr() {}, env: {}, isTTY: false }).then((c) => {
          const loaded = Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]highs[\\\\/]/.test(k));
          process.stdout.write(c + " " + loaded);
        });`;
      const r = spawnSync(process.execPath, ["-e", code], { cwd: repoRoot, encoding: "utf8" });
      return r.stdout;
    };
    expect(probe(["--peak", "60", "--env", "4cpu16g"])).toBe("0 false");
    expect(probe([...mix, "--provider", "gcp"])).toBe("0 true");
  });

  it("a single --env with a count is the one-shape plan with that peak", async () => {
    const a = await runInProcess(["--env", "60x4cpu16g"]);
    const b = await runInProcess(["--peak", "60", "--env", "4cpu16g"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("mixed shapes: failure paths", () => {
  it("an env that fits no machine type is an error naming it and the nearest machine; the rest is still planned (exit 1)", async () => {
    const r = await runInProcess(["--env", "10x4cpu16g", "--env", "2x300cpu1200g", "--provider", "gcp", "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    const e = doc.issues.find((i) => i.code === "env_fits_no_machine");
    // The largest priced GCP types: n2d-standard-224 (224 vCPU) and c3-standard-176; 300 vCPU fits neither.
    expect(e?.severity).toBe("error");
    expect(e?.message).toMatch(/^env 300cpu1200g \(300cpu1200g\) fits no gcp machine type in us-central1 on gke; nearest is \S+ \(\d+ vCPU, \d+ GiB\), short of \d+m CPU/);
    expect(e?.details.nearestMachineType).toMatch(/^(n2d-standard-224|c3-standard-176|c3-highmem-176|n2d-highmem-96|n2-highmem-128)$/);
    const best = doc.providers[0]?.rows[0];
    expect(best?.variant).toBe("cheapest-mix");
    expect(Object.keys(best?.pools[0]?.envs ?? {})).toEqual(["4cpu16g"]);
  });

  it("a time limit of 0 gives the best plan found with its gap, never a crash (exit 0, a warning per unproven row)", async () => {
    const argv = ["--env", "120x2cpu4g", "--env", "40x4cpu16g", "--env", "15x8cpu32g", "--env", "5x16cpu64g", "--env", "30x4cpu32g", "--provider", "azure", "--time-limit", "0"];
    const r = await runInProcess([...argv, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    const best = doc.providers[0]?.rows[0] as Row;
    expect(best.optimal).toBe(false);
    expect(best.status).toBe("time_limit");
    expect(best.gap).toBeGreaterThan(0);
    // gap = (plan − bound) / plan, packing.md §6 law 3.
    expect(best.gap).toBeCloseTo((best.usdPerHour.peak - (best.lowerBound?.usdPerHour ?? 0)) / best.usdPerHour.peak, 12);
    expect(doc.issues.some((i) => i.code === "optimum_not_proven" && /^cheapest-mix: within \d+\.\d+ % of the lowest possible cost \(the 0 s time limit/.test(i.message))).toBe(true);
    const table = await runInProcess(argv);
    expect(table.stdout).toMatch(/within \d+\.\d+ % of the lowest possible cost/);
  });

  it.each([
    [["--env", "4cpu16g", "--env", "8cpu32g"], "--env \"4cpu16g\": with several env shapes give each its peak count, e.g. 40x4cpu16g"],
    [["--env", "40x4cpu16g", "--env", "10x4cpu16g"], "the name 4cpu16g is given twice (as 4cpu16g); give each shape once with its total count"],
    [["--env", "0x4cpu16g", "--env", "1x2cpu4g"], "peak must be a whole number from 1 to 1000000"],
    [["--env", "10/20x4cpu16g", "--env", "1x2cpu4g"], "normal must be a whole number from 0 to the peak (10)"],
    [["--env", "10x4cpu16g@abc", "--env", "1x2cpu4g"], "disk \"abc\" is not a size such as 100Gi"],
    [["--env", "10x4cpu16g", "--env", "5x9zz"], "--env \"5x9zz\": \"9zz\" is not"],
    [[...mix, "--peak", "3"], "--peak applies to one env shape"],
    [[...mix, "--normal", "3"], "--normal applies to one env shape"],
    [[...mix, "--max-pools", "0"], "--max-pools \"0\": expected a whole number of node pools from 1 to 20"],
    [[...mix, "--time-limit", "-1"], "--time-limit \"-1\": expected seconds of solver time"],
    [[...mix, "--emit", "gcloud"], "--emit: the settings emitters take one env shape in this version"],
    [[...mix, "--time-limit", "1", "--time-limit", "2"], "--time-limit given 2 times"],
  ])("%j is a usage error (exit 2, one line)", async (argv, message) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/NaN|undefined|\s+at /);
  });
});
