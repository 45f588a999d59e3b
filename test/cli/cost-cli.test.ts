/**
 * Issue 3 at the CLI: monthly cost and autoscaler bounds in the table and JSON, --emit, --scenario,
 * bad input. Expected numbers are derived in comments from the catalogs' prices (which the
 * build-catalogs test ties to ../shared/reference byte for byte).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import type { MixPlan } from "../../src/core/mix-plan.js";
import type { Plan } from "../../src/core/plan.js";
import { repoRoot, runChild, runInProcess } from "../support/cli.js";
import { parseTerraform, validateK8sYaml } from "../emit/validate.js";

const seedScenario = join(repoRoot, "scenarios", "seeds-60-envs.yaml");

async function jsonPlan(argv: string[]): Promise<Plan> {
  const r = await runInProcess([...argv, "--json"]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Plan;
}

describe("monthly cost in the plan", () => {
  it("seed scenario: n2-standard-32 pool bounds and cost lines from first principles", async () => {
    const p = await jsonPlan(["--scenario", seedScenario]);
    const s = p.strategies.find((x) => x.variant === "named" && x.machineType === "n2-standard-32");
    expect(s?.autoscaler).toMatchObject({ minNodes: 6, maxNodes: 12, perZone: { min: 2, max: 4 }, zones: 3, bufferEnvsPerZone: 2 });
    const lines = Object.fromEntries((s?.cost?.autoscaled.lines ?? []).map((l) => [l.id, l]));
    // No profile: demand flat at normal 30 → per zone ⌈(10 + 2) / 7⌉ = 2 nodes → 6 nodes all month = 6 × 730 node-hours.
    expect(lines.compute?.quantity).toBeCloseTo(6 * 730, 6);
    expect(lines.compute?.usdPerMonth).toBeCloseTo(6 * 730 * 1.553888, 6); // n2-standard-32 us-central1 hour_usd
    // 60 envs exist (no users given: one per peak env), 100 GiB pd-balanced at $0.10/GiB-month each.
    expect(lines["env-disks"]?.usdPerMonth).toBeCloseTo(60 * 100 * 0.1, 6);
    // Boot disks: 6 nodes × 100 GiB pd-balanced × $0.10.
    expect(lines["boot-disks"]?.usdPerMonth).toBeCloseTo(6 * 100 * 0.1, 6);
    // GKE management fee: 730 h × $0.10.
    expect(lines["cluster-fee"]?.usdPerMonth).toBeCloseTo(73, 6);
    // Application cluster: 4 × n2-standard-4 × 730 h × $0.194236 (reference hour_usd).
    expect(lines["fixed:codecanvas-application-cluster"]?.usdPerMonth).toBeCloseTo(4 * 730 * 0.194236, 6);
    const total = Object.values(lines).reduce((a, l) => a + (l.usdPerMonth ?? 0), 0);
    expect(s?.cost?.autoscaled.totalUsdPerMonth).toBeCloseTo(total, 6);
    expect(s?.cost?.autoscaled.perDeveloperUsdPerMonth).toBeCloseTo(total / 60, 6);
    // Static pool: 12 nodes (the max) all month.
    expect(s?.cost?.static.lines.find((l) => l.id === "compute")?.usdPerMonth).toBeCloseTo(12 * 730 * 1.553888, 6);
  });

  it("the table shows monthly cost, per developer, a recommendation and every line of the two strategies", async () => {
    const r = await runInProcess(["--scenario", seedScenario]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Monthly cost \(on-demand, 730 h\)/);
    expect(r.stdout).toMatch(/per developer/);
    expect(r.stdout.match(/Recommended: /g)?.length).toBe(2); // GKE and AKS
    expect(r.stdout).toMatch(/cluster management fee \(gke-standard\): 730 cluster-hour × \$0\.1000 = \$73\.00/);
  });

  it("a missing price is an error issue (exit 1), never $0: Azure has no spot prices in the catalog", async () => {
    const r = await runInProcess(["--peak", "10", "--env", "4cpu16g", "--provider", "azure", "--pricing", "spot", "--json"]);
    expect(r.code).toBe(1);
    const p = JSON.parse(r.stdout) as Plan;
    const missing = p.issues.filter((i) => i.code === "price_not_found");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing[0]?.message).toMatch(/spot price of Standard_/);
    for (const s of p.strategies) if (s.cost) expect(s.cost.autoscaled.totalUsdPerMonth).toBeNull();
  });

  it("--provider narrows a two-provider scenario (its Azure machine, region and storage class are dropped)", async () => {
    const r = await runInProcess(["--scenario", seedScenario, "--provider", "gcp", "--json"]);
    expect(r.stderr).toBe("");
    const p = JSON.parse(r.stdout) as Plan;
    expect(p.inputs.providers).toEqual(["gcp"]);
    expect(p.inputs.machines).toEqual(["n2-standard-32"]);
    expect(p.recommendations.map((x) => x.provider)).toEqual(["gcp"]);
  });

  it("users × envs per user give developers, existing envs (disks) and the peak", async () => {
    const p = await jsonPlan(["--users", "20", "--envs-per-user", "3", "--concurrency", "0.5", "--env", "2cpu8g", "--disk", "50Gi", "--provider", "gcp"]);
    expect(p.demand.peak).toBe(30); // ⌈20 × 3 × 0.5⌉
    expect(p.demand.existingEnvs).toBe(60);
    expect(p.demand.developers).toBe(20);
    const s = p.strategies.find((x) => x.cost);
    expect(s?.cost?.autoscaled.lines.find((l) => l.id === "env-disks")?.usdPerMonth).toBeCloseTo(60 * 50 * 0.1, 6);
  });
});

describe("--emit", () => {
  it("prints settings that parse: gcloud for GKE with total bounds, k8s YAML documents", async () => {
    const r = await runInProcess(["--scenario", seedScenario, "--emit", "gcloud", "--emit", "k8s"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gcloud container node-pools create/);
    const command = r.stdout.split("\n").filter((l) => !l.startsWith("#")).join("\n");
    expect(command).toMatch(/--total-min-nodes 6/);
    expect(command).toMatch(/--total-max-nodes 12/);
    expect(command).not.toMatch(/--min-nodes|--max-nodes/); // per-zone flags never next to the total ones
    const yamlPart = r.stdout.slice(r.stdout.indexOf("apiVersion"));
    const docs = parseAllDocuments(yamlPart.slice(0, yamlPart.lastIndexOf("\n")));
    expect(docs.length).toBeGreaterThan(0);
  });

  it("--update prints update commands that change only the autoscaler bounds", async () => {
    const r = await runInProcess(["--scenario", seedScenario, "--emit", "gcloud", "--emit", "az", "--update"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gcloud container node-pools update devenv-n2-standard-32/);
    expect(r.stdout).toMatch(/az aks nodepool update/);
    expect(r.stdout).toMatch(/--update-cluster-autoscaler/);
    expect(r.stdout).not.toMatch(/--machine-type|--node-vm-size/);
  });

  it("`cc-plan emit <kind>` is `cc-plan plan --emit <kind>`", async () => {
    const a = await runInProcess(["emit", "az", "--scenario", seedScenario]);
    const b = await runInProcess(["--scenario", seedScenario, "--emit", "az"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const missing = await runInProcess(["emit"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cc-plan: emit: missing <kind>; expected gcloud, az/);
  });

  it("rejects an unknown kind with exit 2 and the accepted forms", async () => {
    const r = await runInProcess(["--peak", "10", "--env", "4cpu16g", "--emit", "helm"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cc-plan: --emit \"helm\": expected one of gcloud, az, terraform, k8s, karpenter\n");
  });
});

describe("every scenario in scenarios/ runs", () => {
  for (const f of readdirSync(join(repoRoot, "scenarios")).filter((x) => x.endsWith(".yaml"))) {
    it(`${f} plans with a monthly cost for every fitting strategy`, async () => {
      const r = await runInProcess(["--scenario", join(repoRoot, "scenarios", f), "--json"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as Plan | MixPlan;
      if ("kind" in doc && doc.kind === "mix") {
        // A mix: every plan of every provider has a month at peak, at normal and (disks given) a total.
        expect(doc.providers.length).toBeGreaterThan(0);
        for (const pr of doc.providers)
          for (const row of pr.rows) {
            expect(row.usdPerMonth.static).toBeGreaterThan(0);
            if (doc.inputs.shapes.some((x) => x.diskBytes !== null)) expect(row.usdPerMonth.total).toBeTypeOf("number");
          }
        return;
      }
      const p = doc as Plan;
      for (const s of p.strategies) if (s.nodes.peak !== null && s.envsPerNode > 0) expect(s.cost?.autoscaled.totalUsdPerMonth).toBeTypeOf("number");
    });
  }
});

describe("bad cost input: exit 2, one line", () => {
  const cases: [string[], RegExp][] = [
    [["--peak", "10", "--env", "4cpu16g", "--pricing", "cheap"], /^cc-plan: --pricing "cheap": expected one of on-demand, spot, sud/],
    [["--peak", "10", "--env", "4cpu16g", "--disk", "100GB"], /^cc-plan: --disk /],
    [["--peak", "10", "--env", "4cpu16g", "--storage-class", "pd-fast"], /^cc-plan: --storage-class "pd-fast": expected one of pd-balanced/],
    [["--peak", "10", "--env", "4cpu16g", "--zones", "0"], /^cc-plan: --zones "0": expected a whole number from 1 to 10/],
    [["--peak", "10", "--env", "4cpu16g", "--users", "-3"], /^cc-plan: --users "-3": expected a whole number/],
    [["--env", "4cpu16g", "--users", "10", "--concurrency", "1.5"], /^cc-plan: --concurrency "1.5": expected a share/],
    [["--scenario", "/nonexistent/x.yaml"], /^cc-plan: scenario .*x\.yaml/],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(" "), async () => {
      for (const r of [await runInProcess(argv), runChild(argv)]) {
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(re);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(r.stderr).not.toMatch(/NaN|\n\s+at /);
      }
    });
  }
});

describe("golden: seed scenario --emit for every kind, through the CLI", () => {
  const kinds = ["gcloud", "az", "terraform", "k8s", "karpenter"];
  for (const kind of kinds) {
    it(kind, async () => {
      const r = await runInProcess(["--scenario", seedScenario, "--emit", kind]);
      // --emit on the command line prints only the settings (pasteable), replacing the scenario's emit list
      expect(r.code).toBe(0);
      const file = join(repoRoot, "test", "golden", "cli", `seed-scenario.${kind}.txt`);
      // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, r.stdout);
      expect(r.stdout).toBe(readFileSync(file, "utf8"));
      // Validated the way the emitter tests do: Kubernetes schemas (kubernetes-models) and HashiCorp's HCL parser.
      if (kind === "k8s") {
        const objects = validateK8sYaml(r.stdout);
        expect(objects.map((o) => o.kind)).toEqual(["PriorityClass", "Deployment", "PriorityClass", "Deployment", "Deployment", "Deployment"]);
      }
      if (kind === "karpenter") expect(validateK8sYaml(r.stdout).map((o) => o.kind)).toEqual(["NodePool"]);
      if (kind === "terraform") {
        const hcl = await parseTerraform(r.stdout);
        expect(Object.keys(hcl.resource).sort()).toEqual(["azurerm_kubernetes_cluster_node_pool", "google_container_node_pool"]);
      }
    });
  }
});
