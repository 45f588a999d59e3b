/**
 * Several env shapes on the command line (issue 5) through the one planner (issue 10): the table, the plan
 * document's invariants for varied inputs, settings for every pool, the real bin in a child process, lazy
 * loading of the solver, failure paths and bad input.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanOption, ProviderPlan } from "../../src/core/planner/document.js";
import { parseTerraform } from "../emit/validate.js";
import { repoRoot, runChild, runInProcess, runJson } from "../support/cli.js";

const mix = ["--env", "40x4cpu16g", "--env", "15x8cpu32g", "--env", "5x16cpu64g"];
const Gi = 1024 ** 3;

const total = (o: PlanOption): number => o.bill.autoscaled.totalUsdPerMonth ?? Number.NaN;

/** Invariants every option of every provider keeps, recomputed from the document's own parts. */
function checkDocument(doc: PlanDocument, label: string): void {
  expect(doc.planVersion, label).toBe("2");
  for (const p of doc.providers) {
    if (p.recommended === null) continue;
    const cheapest = p.options[p.cheapest as number] as PlanOption;
    expect(cheapest.kind, label).toBe("cheapest");
    // The cheapest plan is the cheapest of every plan shown, and the recommendation is within --within of it.
    for (const o of p.options) expect(total(o), `${label} ${p.provider} ${o.kind}`).toBeGreaterThanOrEqual(total(cheapest) - 1e-6);
    expect(total(p.options[p.recommended] as PlanOption)).toBeLessThanOrEqual(total(cheapest) * (1 + doc.inputs.within) + 1e-6);
    if (p.lowerBoundUsdPerMonth !== null) expect(p.lowerBoundUsdPerMonth).toBeLessThanOrEqual(total(cheapest) * (1 + 1e-9));
    for (const o of p.options) {
      const where = `${label} ${p.provider} ${o.kind}`;
      // The peak placement, recomputed: Σ count × envs × zones of the group = each pool's envs at peak,
      // which hold at least the peak demand of every shape (the warm buffer comes on top).
      const placed: Record<string, number> = {};
      const nodesByType: Record<string, number> = {};
      for (const g of o.placement)
        for (const n of g.nodes) {
          nodesByType[n.machineType] = (nodesByType[n.machineType] ?? 0) + n.count * g.zones.length;
          for (const [k, v] of Object.entries(n.envs)) placed[k] = (placed[k] ?? 0) + n.count * v * g.zones.length;
        }
      for (const s of doc.inputs.shapes) {
        expect(placed[s.name] ?? 0, `${where} ${s.name}`).toBe(o.pools.reduce((t, pl) => t + (pl.envsAtPeak[s.name] ?? 0), 0));
        expect(placed[s.name] ?? 0, `${where} ${s.name}`).toBeGreaterThanOrEqual(s.peak);
      }
      for (const pl of o.pools) expect(nodesByType[pl.machineType] ?? 0, `${where} ${pl.machineType}`).toBe(pl.nodes.peak);
      // Blast radius: the fullest node at peak loses at least that many envs.
      const fullest = Math.max(...o.placement.flatMap((g) => g.nodes.map((n) => Object.values(n.envs).reduce((a, b) => a + b, 0))));
      expect(o.blastRadius, where).toBeGreaterThanOrEqual(fullest);
      // Compute lines: each pool's node-hours × its hourly price (on-demand here).
      const compute = o.bill.autoscaled.lines.filter((l) => l.id === "compute").reduce((t, l) => t + (l.usdPerMonth ?? 0), 0);
      if (o.applied === "on-demand")
        expect(compute, where).toBeCloseTo(
          o.pools.reduce((t, pl) => t + pl.nodeHoursPerMonth * pl.nodeUsdPerHour, 0),
          6,
        );
      const lineSum = o.bill.autoscaled.lines.reduce((t, l) => t + (l.usdPerMonth ?? 0), 0);
      expect(total(o), where).toBeCloseTo(lineSum, 6);
      expect(o.nodes.min).toBeLessThanOrEqual(o.nodes.max);
      for (const pl of o.pools) {
        expect(pl.autoscaler.minNodes, where).toBeLessThanOrEqual(pl.autoscaler.maxNodes);
        expect(pl.nodes.peak, where).toBeLessThanOrEqual(pl.autoscaler.maxNodes);
        expect(pl.nodeUsdPerHour, where).toBeGreaterThan(0);
      }
      if (o.lowerBoundUsdPerMonth !== null && o.gap !== null) expect(o.gap).toBeCloseTo((total(o) - o.lowerBoundUsdPerMonth) / total(o), 9);
    }
  }
}

describe("mixed shapes on the command line", () => {
  it("prints the demand, and per provider a recommendation and a table of plans", async () => {
    const r = await runInProcess(mix);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Demand: 60 envs at peak \(60 normal\): 40×4cpu16g, 15×8cpu32g, 5×16cpu64g\n/);
    expect(r.stdout).toMatch(/^GKE us-central1 /m);
    expect(r.stdout).toMatch(/^AKS eastus /m);
    expect(r.stdout.match(/^Recommended: /gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/^\S*\s*cheapest\s/m);
    expect(r.stdout).toMatch(/^\s*1 env\/node\s/m);
    const { doc } = await runJson<PlanDocument>(mix);
    // 40 × 4 + 15 × 8 + 5 × 16 = 360 vCPU; 40 × 16 + 15 × 32 + 5 × 64 = 1440 GiB.
    expect(doc.demand.totals).toEqual({ cpuMillicores: 360_000, memoryBytes: 1440 * Gi });
    expect(doc.inputs.shapes.map((s) => [s.name, s.peak, s.normal])).toEqual([
      ["4cpu16g", 40, 40],
      ["8cpu32g", 15, 15],
      ["16cpu64g", 5, 5],
    ]);
  });

  it("--json: every option's placement, pools, bill and bounds agree, for varied inputs", async () => {
    for (const argv of [
      mix,
      [...mix, "--per-zone", "--provider", "azure"],
      [...mix, "--max-pools", "1", "--provider", "gcp", "--disk", "100Gi"],
      ["--env", "10/4x2cpu16g@50Gi", "--env", "6x8cpu32g", "--provider", "gcp", "--pricing", "spot"],
      ["--scenario", "scenarios/codecanvas-instance-types.yaml"],
      ["--scenario", "scenarios/complementary-mix.yaml"],
    ]) {
      const { code, doc } = await runJson<PlanDocument>(argv);
      expect(code, argv.join(" ")).toBe(0);
      checkDocument(doc, argv.join(" "));
    }
  });

  it("--max-pools 1: every plan shown uses one pool, except one env per node (a pool per shape)", async () => {
    const { doc } = await runJson<PlanDocument>([...mix, "--max-pools", "1", "--provider", "gcp"]);
    for (const o of (doc.providers[0] as ProviderPlan).options)
      if (o.kind !== "one-per-node" && o.kind !== "greedy-baseline") expect(o.pools.length, o.kind).toBe(1);
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
      return r.stdout || r.stderr.split("\n")[0] || "";
    };
    expect(probe(["--peak", "60", "--env", "4cpu16g"])).toBe("0 false");
    expect(probe(["--env", "60x4cpu16g"])).toBe("0 false"); // a mix of one shape is the one-shape plan
    expect(probe([...mix, "--provider", "gcp"])).toBe("0 true");
  });

  it("a mix of one shape is the one-shape plan: --env 60x4cpu16g and --peak 60 --env 4cpu16g give the same pools and bill", async () => {
    const a = await runJson<PlanDocument>(["--env", "60x4cpu16g"]);
    const b = await runJson<PlanDocument>(["--peak", "60", "--env", "4cpu16g"]);
    expect(a.code).toBe(0);
    expect(a.doc.providers).toEqual(b.doc.providers);
    for (const p of a.doc.providers) expect(p.options[p.recommended as number]?.pools.length).toBeGreaterThan(0);
    // And the same text.
    expect((await runInProcess(["--env", "60x4cpu16g"])).stdout).toBe((await runInProcess(["--peak", "60", "--env", "4cpu16g"])).stdout);
  });
});

describe("placement of small-shape mixes (issue 12: exit 70 'a node is over capacity')", () => {
  // Root cause: the LP dive solved its tail with a column pool pruned for the tail's demand, whose machine
  // indices were then read against the outer pool's machine list (src/core/mix/group-solve.ts), putting a
  // pattern on a machine that cannot hold it. Observed before the fix: exit 70 on GKE for 714 × 1cpu2g +
  // 648 × 4cpu8g, at the default and at --time-limit 30.
  it.each([
    ["gcp", ["--env", "714x1cpu2g", "--env", "648x4cpu8g"]],
    ["gcp", ["--env", "300x1cpu2g", "--env", "300x2cpu4g"]],
    ["azure", ["--env", "900x1cpu2g", "--env", "800x2cpu4g"]],
    ["gcp", ["--env", "400x1cpu2g", "--env", "300x2cpu4g"]],
  ])("%s %j: a plan, every document invariant holds", async (provider, envs) => {
    const { code, doc } = await runJson<PlanDocument>([...envs, "--provider", provider]);
    expect(code).toBe(0);
    expect(doc.providers[0]?.recommended).not.toBeNull();
    checkDocument(doc, envs.join(" "));
  });
});

describe("mixed shapes: settings for every pool of each provider's recommended plan", () => {
  it("`cc-plan emit terraform --env 40x4cpu16g --env 15x8cpu32g`: valid HCL, one resource per pool, distinct names, the plan's bounds and max pods", async () => {
    const argv = ["--env", "40x4cpu16g", "--env", "15x8cpu32g"];
    const r = await runInProcess(["emit", "terraform", ...argv]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const { doc } = await runJson<PlanDocument>(argv);
    // One block per (provider, pool), each headed with its cluster and pool.
    const blocks = r.stdout.split(/(?=^# cc-plan: terraform for the )/m).filter((b) => b.startsWith("# cc-plan:"));
    const expected = doc.providers.flatMap((p) =>
      (p.options[p.recommended as number]?.pools ?? []).map((pool) => ({ p, o: p.options[p.recommended as number] as PlanOption, pool })),
    );
    expect(blocks).toHaveLength(expected.length);
    const resourceNames: string[] = [];
    for (const [i, { p, o, pool }] of expected.entries()) {
      const block = blocks[i] ?? "";
      expect(block.split("\n")[0]).toBe(
        `# cc-plan: terraform for the ${p.provider} ${p.platform} cluster, pool ${pool.name} (${pool.machineType}, ${p.region})`,
      );
      const hcl = await parseTerraform(block);
      const type = p.provider === "gcp" ? "google_container_node_pool" : "azurerm_kubernetes_cluster_node_pool";
      const [name, bodies] = Object.entries(hcl.resource[type] as Record<string, Record<string, any>[]>)[0] ?? [];
      resourceNames.push(`${type}.${name}`);
      const res = bodies?.[0] ?? {};
      // Max pods enforce the plan's per-node cap: the DaemonSet pods (allocatable − for envs) + the cap.
      const maxPods = o.maxEnvsPerNode === null ? pool.node.allocatable.pods : pool.node.allocatable.pods - pool.node.forEnvs.pods + o.maxEnvsPerNode;
      if (p.provider === "gcp") {
        expect(res.name).toBe(pool.name);
        expect(res.node_config[0].machine_type).toBe(pool.machineType);
        expect(res.autoscaling[0]).toMatchObject({ total_min_node_count: pool.autoscaler.minNodes, total_max_node_count: pool.autoscaler.maxNodes });
        expect(res.max_pods_per_node).toBe(maxPods);
      } else {
        expect(res).toMatchObject({
          name: pool.name,
          vm_size: pool.machineType,
          min_count: pool.autoscaler.minNodes,
          max_count: pool.autoscaler.maxNodes,
          max_pods: maxPods,
        });
      }
    }
    expect(new Set(resourceNames).size).toBe(resourceNames.length);
    // The whole output parses too (HCL syntax across blocks).
    const all = await parseTerraform(r.stdout);
    const count = (t: string): number => Object.keys(all.resource?.[t] ?? {}).length;
    expect(count("google_container_node_pool") + count("azurerm_kubernetes_cluster_node_pool")).toBe(expected.length);
  });

  it("every --emit kind works for a mix (exit 0) and names only pools of the recommended plans", async () => {
    const { doc } = await runJson<PlanDocument>(mix);
    const names = doc.providers.flatMap((p) => (p.options[p.recommended as number]?.pools ?? []).map((x) => x.name));
    for (const kind of ["gcloud", "az", "k8s", "karpenter"]) {
      const r = await runInProcess([...mix, "--emit", kind]);
      expect(r.code, kind).toBe(0);
      const heads = [...r.stdout.matchAll(/^# cc-plan: \S+ for the \S+ \S+ cluster, pool (\S+) /gm)].map((m) => m[1]);
      expect(heads.length, kind).toBeGreaterThan(0);
      for (const h of heads) expect(names, kind).toContain(h);
    }
  });
});

describe("mixed shapes: the settings' comments agree with the plan", () => {
  it("az for --env 40x4cpu16g --env 15x8cpu32g: each pool's envs per node, and per-zone bounds that multiply out to the totals", async () => {
    const argv = ["--env", "40x4cpu16g", "--env", "15x8cpu32g", "--provider", "azure"];
    const { doc } = await runJson<PlanDocument>(argv);
    const p = doc.providers[0] as ProviderPlan;
    const r = await runInProcess([...argv, "--emit", "az"]);
    expect(r.code).toBe(0);
    for (const pool of p.options[p.recommended as number]?.pools ?? []) {
      const block = r.stdout.slice(r.stdout.indexOf(`# AKS node pool ${pool.name}:`)).split("\n\n")[0] ?? "";
      // "# AKS node pool devd8v3: Standard_D8_v3 (…), N envs of <shape> per node."
      const m = block.match(/, (\d+) envs? of (\S+) per node\./);
      expect(m, pool.name).not.toBeNull();
      expect(Number(m?.[1]), `${pool.name}: ${m?.[0]}`).toBe(pool.node.envsPerNode[m?.[2] ?? ""]);
      // "totals for the pool across its 3 zones: min X, max Y (= per zone: min a, max b)": a × 3 = X, b × 3 = Y.
      const z = block.match(/across its (\d+) zones: min (\d+), max (\d+)(?: \(= per zone: min (\d+), max (\d+)\))?/);
      expect(z, pool.name).not.toBeNull();
      expect([Number(z?.[2]), Number(z?.[3])]).toEqual([pool.autoscaler.minNodes, pool.autoscaler.maxNodes]);
      if (z?.[4] !== undefined)
        expect([Number(z[4]) * Number(z[1]), Number(z[5]) * Number(z[1])], `${pool.name}: ${z[0]}`).toEqual([
          pool.autoscaler.minNodes,
          pool.autoscaler.maxNodes,
        ]);
    }
  });
});

describe("mixed shapes: failure paths", () => {
  it("an env that fits no machine type is an error naming it and the nearest machine (exit 1)", async () => {
    const r = await runInProcess(["--env", "10x4cpu16g", "--env", "2x300cpu1200g", "--provider", "gcp", "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as PlanDocument;
    const e = doc.issues.find((i) => i.code === "env_fits_no_machine");
    // The largest GCP types in catalogs/gcp.json have 224 vCPU: 300 vCPU fits none.
    expect(e?.severity).toBe("error");
    expect(e?.message).toMatch(
      /^env 300cpu1200g \(300cpu1200g\) fits no gcp machine type in us-central1 on gke; nearest is \S+ \(\d+ vCPU, \d+ GiB\), short of \d+m CPU/,
    );
    expect(String(e?.details.nearestMachineType)).toMatch(/-(224|192|176)$/);
  });

  it("an env that fits no machine type does not stop the plan for the other shapes", async () => {
    const { doc } = await runJson<PlanDocument>(["--env", "10x4cpu16g", "--env", "2x300cpu1200g", "--provider", "gcp"]);
    const p = doc.providers[0] as ProviderPlan;
    expect(p.recommended).toBeTypeOf("number");
    expect(Object.keys(p.options[p.recommended as number]?.pools[0]?.envsAtPeak ?? {})).toContain("4cpu16g");
  });

  it("a time limit of 0 gives the best plan found with its gap, never a crash (exit 0, a warning when not proven)", async () => {
    const argv = [
      "--env",
      "120x2cpu4g",
      "--env",
      "40x4cpu16g",
      "--env",
      "15x8cpu32g",
      "--env",
      "5x16cpu64g",
      "--env",
      "30x4cpu32g",
      "--provider",
      "azure",
      "--time-limit",
      "0",
    ];
    const { code, doc } = await runJson<PlanDocument>(argv);
    expect(code).toBe(0);
    checkDocument(doc, argv.join(" "));
    const p = doc.providers[0] as ProviderPlan;
    const best = p.options[p.cheapest as number] as PlanOption;
    if (best.optimal === false) {
      expect(best.gap).toBeGreaterThan(0);
      // A warning states the cheapest plan's gap (other optimum_not_proven warnings may come too).
      const w = doc.issues.filter((i) => i.code === "optimum_not_proven");
      expect(w.length).toBeGreaterThan(0);
      for (const i of w) expect(i.severity).toBe("warning");
      // The planner prints a gap with 2 decimals below 10 %, with 1 from 10 % (planner.ts `pct`).
      const gap = best.gap ?? 0;
      expect(w.some((i) => i.message.includes(`${(gap * 100).toFixed(gap < 0.1 ? 2 : 1)} %`))).toBe(true);
      expect(w.some((i) => i.message.includes("the 0 s time limit stopped the exact search"))).toBe(true);
    } else expect(best.gap).toBe(0);
    const table = await runInProcess(argv);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Recommended: /m);
  });

  // Issue 12: --time-limit bounded only the MIP calls. The issue's 12-shape mix (100 + 37 i envs of shape i)
  // ran past 580 s at --time-limit 1 and a 6-shape one took 20–45 s; column generation, its pricing
  // searches, the LP dive, the pattern enumeration and the planner's loops now all check the one deadline
  // of the plan (src/core/mix/budget.ts), shared by the providers. How close to S + 1 s it returns is
  // measured by `npm run bench` (f), not here: this test's own timeout is only a guard against a hang (two
  // providers at --time-limit 1 plus the process start, with a wide margin for a loaded machine).
  const twelve = ["1cpu2g", "2cpu4g", "2cpu8g", "4cpu8g", "4cpu16g", "8cpu32g", "1cpu4g", "6cpu24g", "3cpu12g", "2cpu6g", "16cpu64g", "8cpu16g"].flatMap(
    (s, i) => ["--env", `${100 + 37 * i}x${s}`],
  );
  it.each([["1"], ["0"]])(
    "the issue's 12-shape mix on GKE and AKS at --time-limit %s: the best plan found with its gap and a time-limit warning",
    async (limit) => {
      const argv = [...twelve, "--provider", "gcp,azure", "--time-limit", limit];
      const { code, doc } = await runJson<PlanDocument>(argv);
      expect(code).toBe(0);
      checkDocument(doc, argv.join(" "));
      expect(doc.providers.map((p) => p.provider)).toEqual(["gcp", "azure"]);
      for (const p of doc.providers) {
        const best = p.options[p.cheapest as number] as PlanOption;
        // 12 shapes and ~6,000 envs are not proven optimal in a second: the gap is reported, and is a gap.
        expect(best.optimal).toBe(false);
        expect(best.gap).toBeGreaterThan(0);
        expect(best.gap).toBeLessThan(1);
      }
      const warnings = doc.issues.filter((i) => i.code === "optimum_not_proven").map((i) => i.message);
      expect(warnings.some((m) => m.includes(`the ${limit} s time limit stopped the exact search`))).toBe(true);
    },
    120_000,
  );

  it.each([
    [["--env", "4cpu16g", "--env", "8cpu32g"], '--env "4cpu16g": with several env shapes give each its peak count, e.g. 40x4cpu16g'],
    [["--env", "40x4cpu16g", "--env", "10x4cpu16g"], "the name 4cpu16g is given twice (as 4cpu16g); give each shape once with its total count"],
    [["--env", "0x4cpu16g", "--env", "1x2cpu4g"], "peak must be a whole number from 1 to 1000000"],
    [["--env", "10/20x4cpu16g", "--env", "1x2cpu4g"], "normal must be a whole number from 0 to the peak (10)"],
    [["--env", "10x4cpu16g@abc", "--env", "1x2cpu4g"], 'disk "abc" is not a size such as 100Gi'],
    [["--env", "10x4cpu16g", "--env", "5x9zz"], '--env "5x9zz": "9zz" is not'],
    [[...mix, "--peak", "3"], "--peak applies to one env shape"],
    [[...mix, "--normal", "3"], "--normal applies to one env shape"],
    [[...mix, "--max-pools", "0"], '--max-pools "0": expected a whole number of node pools from 1 to 20'],
    [[...mix, "--time-limit", "-1"], '--time-limit "-1": expected seconds of solver time'],
    [[...mix, "--time-limit", "1", "--time-limit", "2"], "--time-limit given 2 times"],
    [[...mix, "--within", "-1"], '--within "-1": expected a percentage from 0 to 100'],
    [[...mix, "--max-envs-per-node", "0"], '--max-envs-per-node "0": expected a whole number of envs from 1'],
  ])("%j is a usage error (exit 2, one line)", async (argv, message) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/NaN|undefined|\s+at /);
  });
});
