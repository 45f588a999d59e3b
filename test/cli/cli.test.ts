/** CLI: in-process and as a real child process; output, --json (plan document v2), exit codes 0/1/2/70, bad input. */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { repoRoot, runChild, runInProcess, runJson } from "../support/cli.js";

const Gi = 1024 ** 3;

describe("headline command", () => {
  it("prints the demand, then per provider a recommendation and a table of plans (in-process)", async () => {
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Demand: 60 envs at peak, 60 normal, each 4cpu16g \(4 vCPU, 16\.00 GiB\)\n/);
    // Default providers gcp and azure with their default regions (README "--region"): one block each, in that order.
    const gke = r.stdout.indexOf("GKE us-central1");
    const aks = r.stdout.indexOf("AKS eastus");
    expect(gke).toBeGreaterThan(0);
    expect(aks).toBeGreaterThan(gke);
    expect(r.stdout.match(/^Recommended: /gm)).toHaveLength(2);
    // The guides' example types are compared in every table.
    expect(r.stdout.slice(gke, aks)).toContain("n2-standard-32");
    expect(r.stdout.slice(aks)).toContain("Standard_D64s_v3");
  });

  it("runs as a real child process with the same output and exit code 0", async () => {
    const child = runChild(["--peak", "60", "--env", "4cpu16g"]);
    const inproc = await runInProcess(["--peak", "60", "--env", "4cpu16g"]);
    expect(child.code).toBe(0);
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe(inproc.stdout);
  });

  it("the built bin starts from its V8 code cache (scripts/bundle.mjs), and --help still lays out", () => {
    // V8 sets cachedDataRejected when the cache does not match the source or the Node/V8 version;
    // the bin then still works, only slower, so this is the test that notices a broken cache.
    const r = runChild(["--peak", "3", "--env", "1cpu2g"], { CC_PLAN_DEBUG_CACHE: "1" });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("cc-plan: code cache used\n");
    // --help goes through the lazily loaded cliui/string-width stand-ins of the bundler plugin.
    const help = runChild(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^cc-plan \[plan\] --peak <n> --env <shape> \[options\]/);
    expect(help.stdout).toMatch(/--peak\s+peak concurrent environments \(required unless/);
    expect(help.stdout).toMatch(/--within\s+percent of the cheapest monthly bill/);
    expect(help.stdout).toMatch(/--max-envs-per-node\s+hard cap on envs per node/);
  });

  it("`cc-plan plan` is the same as `cc-plan`", async () => {
    const a = await runInProcess(["plan", "--peak", "10", "--env", "2cpu8g"]);
    const b = await runInProcess(["--peak", "10", "--env", "2cpu8g"]);
    expect(a.code).toBe(0);
    expect(a).toEqual(b);
  });

  it("--json prints only the plan document (planVersion 2), with the contract fields", async () => {
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.planVersion).toBe("2");
    // 60 × 4000m = 240 vCPU; 60 × 16 GiB = 960 GiB.
    expect(doc.demand.totals).toEqual({ cpuMillicores: 240_000, memoryBytes: 960 * Gi });
    expect(doc.inputs.shapes).toEqual([{ name: "4cpu16g", text: "4cpu16g", cpuMillicores: 4000, memoryBytes: 16 * Gi, peak: 60, normal: 60, diskBytes: null }]);
    expect(doc.inputs.within).toBe(0.02); // default --within 2 (%)
    expect(doc.providers.map((p: { provider: string }) => p.provider)).toEqual(["gcp", "azure"]);
    for (const p of doc.providers) {
      for (const k of [
        "platform",
        "region",
        "pricing",
        "machinesConsidered",
        "options",
        "recommended",
        "cheapest",
        "reason",
        "preferenceUsdPerMonth",
        "lowerBoundUsdPerMonth",
        "issues",
      ])
        expect(p).toHaveProperty(k);
      expect(p.recommended).toBeTypeOf("number");
      expect(p.options[p.cheapest].kind).toBe("cheapest");
      for (const o of p.options) {
        for (const k of [
          "kind",
          "pools",
          "nodes",
          "placement",
          "blastRadius",
          "maxEnvsPerNode",
          "applied",
          "bill",
          "lowerBoundUsdPerMonth",
          "gap",
          "optimal",
          "issues",
        ])
          expect(o).toHaveProperty(k);
        expect(o.nodes.min).toBeLessThanOrEqual(o.nodes.max);
        expect(o.bill.autoscaled.totalUsdPerMonth).toBeGreaterThan(0);
        for (const pool of o.pools) {
          expect(pool.nodeUsdPerHour).toBeGreaterThan(0); // never a price of 0
          expect(pool.node.envsPerNode["4cpu16g"]).toBeGreaterThanOrEqual(1);
          expect(pool.autoscaler.minNodes).toBeLessThanOrEqual(pool.autoscaler.maxNodes);
        }
      }
    }
  });

  it("is deterministic: the same input gives byte-identical JSON", async () => {
    const a = runChild(["--peak", "37", "--normal", "12", "--env", "2cpu8gi", "--json"]);
    const b = runChild(["--peak", "37", "--normal", "12", "--env", "2cpu8gi", "--json"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("exits 1 when the plan has error-severity issues: an env that fits no machine type is named as such", async () => {
    // 500 vCPU / 4000 GiB: larger than any type in catalogs/gcp.json (at most 224 vCPU) and catalogs/azure.json (at most 96 vCPU).
    const r = await runInProcess(["--peak", "2", "--env", "500cpu4000g", "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    for (const p of doc.providers) expect(p.recommended).toBeNull();
    const errors = doc.issues.filter((i: { severity: string }) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    // The cause is the env's size, not a missing price: the message must not send the user to another region.
    expect(errors.map((i: { code: string }) => i.code)).toContain("no_machine_fits");
    for (const e of errors) expect(e.message).not.toMatch(/choose another --region/);
  });
});

describe("bad input: exit 2, one line naming the flag and the accepted forms, no stack trace or NaN", () => {
  it.each([
    [["--peak", "60", "--env", "4cpu"], "--env", "4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi"],
    [["--peak", "60", "--env", "4cpu16x"], "--env", "4cpu16g, 4c16g"],
    [["--peak", "-1", "--env", "4cpu16g"], "--peak", "whole number"],
    [["--peak", "abc", "--env", "4cpu16g"], "--peak", "whole number"],
    [["--peak", "1e400", "--env", "4cpu16g"], "--peak", "whole number"],
    [["--peak", "2.5", "--env", "4cpu16g"], "--peak", "whole number"],
    [["--env", "4cpu16g"], "--peak", "required"],
    [["--peak", "60", "--env", "4cpu16g", "--machine", "n9-huge-7"], "--machine", "catalog list"],
    [["--peak", "60", "--env", "4cpu16g", "--region", "mars-north1"], "--region", "us-central1"],
    [["--peak", "60", "--env", "4cpu16g", "--platform", "openshift"], "--platform", "gke, aks, aks-legacy, eks, flat, custom"],
    [["--peak", "60", "--env", "4cpu16g", "--provider", "oracle"], "--provider", "gcp, azure, aws"],
    [["--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--platform", "aks"], "--platform", "runs on azure"],
    [["--peak", "60", "--env", "4cpu16g", "--max-pods", "0"], "--max-pods", "whole number from 1"],
    [["--peak", "60", "--env", "4cpu16g", "--daemonset-overhead", "lots"], "--daemonset-overhead", "cpu=400m,memory=700Mi"],
    [["--peak", "60", "--normal", "70", "--env", "4cpu16g"], "--normal", "≤ peak"],
    [["--peak", "60", "--env", "4cpu16g", "--kube-reserved-memory", "import('fs')"], "--kube-reserved-memory", ""],
    [["--peak", "60", "--env", "4cpu16g", "--bogus"], "Unknown argument", "--help"],
    // Issue 10's preferences.
    [["--peak", "60", "--env", "4cpu16g", "--within", "-1"], '--within "-1"', "a percentage from 0 to 100"],
    [["--peak", "60", "--env", "4cpu16g", "--within", "abc"], '--within "abc"', "a percentage from 0 to 100"],
    [["--peak", "60", "--env", "4cpu16g", "--within", "101"], '--within "101"', "a percentage from 0 to 100"],
    [["--peak", "60", "--env", "4cpu16g", "--max-envs-per-node", "0"], '--max-envs-per-node "0"', "a whole number of envs from 1"],
    [["--peak", "60", "--env", "4cpu16g", "--max-envs-per-node", "2.5"], '--max-envs-per-node "2.5"', "a whole number of envs from 1"],
    [["--env", "40x4cpu16g", "--env", "15x8cpu32g", "--max-envs-per-node", "x"], '--max-envs-per-node "x"', "a whole number of envs from 1"],
  ])("%j", async (argv, flag, forms) => {
    for (const r of [await runInProcess(argv), runChild(argv)]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^cc-plan: /);
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toContain(forms);
      expect(r.stderr).not.toMatch(/NaN|undefined|\bat .*\.(js|ts):\d+|Error:/);
    }
  });

  it("--within accepts 0, a percent sign and decimals", async () => {
    for (const [v, fraction] of [
      ["0", 0],
      ["2%", 0.02],
      ["0.5", 0.005],
    ] as const) {
      const { code, doc } = await runJson(["--peak", "10", "--env", "2cpu8g", "--provider", "gcp", "--within", v]);
      expect(code).toBe(0);
      expect(doc.inputs.within).toBeCloseTo(fraction, 12);
    }
  });
});

describe("exit code 70: an unexpected exception is one line naming it a bug, never a stack trace", () => {
  it("a failing stdout (e.g. a closed pipe) is an internal error", async () => {
    let stderr = "";
    const code = await run(["--peak", "10", "--env", "2cpu8g", "--provider", "gcp"], {
      stdout: () => {
        throw new Error("EPIPE: broken pipe\n    at Socket.write (node:net:1)");
      },
      stderr: (t) => (stderr += t),
      env: {},
      isTTY: false,
    });
    expect(code).toBe(70);
    expect(stderr).toBe("cc-plan: internal error: EPIPE: broken pipe. This is a bug; please report it with the command you ran.\n");
  });

  it("the bin exits 70 with one line when its bundle cannot be loaded", () => {
    // test/cli/fixtures/break-bundle.cjs makes dist/bundle/cli.cjs unreadable for this child only.
    const r = runChild(["--peak", "3", "--env", "1cpu2g"], { NODE_OPTIONS: "--require ./test/cli/fixtures/break-bundle.cjs" });
    expect(r.code).toBe(70);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^cc-plan: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("a reader that stops early (`cc-plan … | head -1`)", () => {
  it("the bin prints no stack trace when stdout is closed", async () => {
    // The seed scenario prints the plan and four kinds of settings (~700 lines): more than one pipe write.
    const child = spawn(process.execPath, ["bin/cc-plan.cjs", "--scenario", "scenarios/codecanvas-60-envs.yaml"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/\n\s+at |Unhandled 'error' event|EPIPE/);
  });

  it("a full disk (stdout on /dev/full): one line, exit 74, no stack trace (issue 12: it printed a stack trace, exit 1)", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, ["bin/cc-plan.cjs", "--peak", "60", "--env", "4cpu16g", "--json"], {
        cwd: repoRoot,
        stdio: ["ignore", full, "pipe"],
      });
      expect(r.status).toBe(74);
      expect(r.stderr.toString()).toBe("cc-plan: cannot write the output: ENOSPC: no space left on device, write\n");
    } finally {
      closeSync(full);
    }
  });
});

describe("--emit with --json", () => {
  it("is a usage error naming both, not a silently ignored --emit (issue 12)", async () => {
    const r = await runInProcess(["--peak", "6", "--env", "4cpu16g", "--provider", "gcp", "--json", "--emit", "gcloud"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("cc-plan: --emit and --json: choose one (--json prints the plan document, --emit the settings of its recommended pools)\n");
  });
});

describe("cc-plan catalog list --region", () => {
  it("a region no catalog has is a usage error (issue 12: it listed every type unpriced, exit 0); one some have lists those providers", async () => {
    const bad = await runInProcess(["catalog", "list", "--region", "bogus"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cc-plan: --region "bogus": not a region of any catalog (gcp, azure, aws); see `cc-plan catalog regions`\n');
    const ok = await runInProcess(["catalog", "list", "--region", "westeurope", "--json"]);
    expect(ok.code).toBe(0);
    const rows = JSON.parse(ok.stdout) as { provider: string; region: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(["azure"])); // westeurope is an Azure region only
  });
});

describe("cc-plan node", () => {
  it("prints the node model with --capacity-memory exactly as kubectl would (GKE n2-standard-4)", async () => {
    const r = await runInProcess(["node", "n2-standard-4", "--platform", "gke", "--capacity-memory", "16380004Ki", "--json"]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.allocatable.cpuMillicores).toBe(3920);
    expect(m.allocatable.memoryBytes).toBe(13591652 * 1024); // 16380004Ki − 2623Mi kube-reserved − 100Mi eviction
    // ephemeral-storage: the default 100 GiB boot disk; its estimated capacity is GKE's worked example's
    // 98831908Ki, so allocatable is that example's 47060071478 (src/core/ephemeral.ts; issue 16)
    expect(m.kubectl.allocatable).toEqual({ cpu: "3920m", memory: "13591652Ki", pods: "110", "ephemeral-storage": "47060071478" });
    expect(m.allocatable.pods).toBe(110);
    expect(m.allocatable.volumes).toBe(127);
    expect(m.forEnvs.cpuMillicores).toBe(3920 - 384);
    expect(m.kubeReserved).toEqual({ cpuMillicores: 80, memoryBytes: 2623 * 1024 * 1024 });
    expect(m.evictionHard.memoryBytes).toBe(100 * 1024 * 1024);
  });

  it("accepts --max-pods and a custom expression (mathjs, loaded lazily)", async () => {
    const r = runChild(["node", "Standard_D4s_v3", "--platform", "aks", "--max-pods", "30", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).kubeReserved.memoryBytes).toBe((20 * 30 + 50) * 1024 * 1024); // 650 MiB
    const c = runChild(["node", "m5.xlarge", "--platform", "custom", "--kube-reserved-memory", "11 * maxPods + 255", "--max-pods", "58", "--json"]);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).kubeReserved.memoryBytes).toBe((11 * 58 + 255) * 1024 * 1024);
  });

  it("rejects unknown machines and mismatched platforms with exit 2", async () => {
    expect((await runInProcess(["node", "n9-nope"])).code).toBe(2);
    const r = await runInProcess(["node", "n2-standard-4", "--platform", "aks"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--platform aks runs on azure");
  });
});

describe("cc-plan catalog", () => {
  it("lists and shows machine types with offerings", async () => {
    const l = await runInProcess(["catalog", "list", "--provider", "azure", "--family", "dsv3"]);
    expect(l.code).toBe(0);
    expect(l.stdout).toContain("Standard_D64s_v3");
    const s = await runInProcess(["catalog", "show", "n2-standard-4", "--json"]);
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.stdout);
    expect(doc.offerings.find((o: { region: string }) => o.region === "us-central1").onDemandUsdPerHour).toBe(0.194236);
  });
});

describe("flag shape errors", () => {
  it.each([
    [["--peak", "5", "--peak", "6", "--env", "4cpu16g"], "--peak given 2 times (5, 6); give it once"],
    [["--peak", "5", "--env", "4cpu16g", "--within", "1", "--within", "2"], "--within given 2 times (1, 2); give it once"],
    [["node"], "node: missing <machine-type>"],
    [["catalog"], "catalog: missing action; expected list, show <machine-type>, regions or refresh"],
    [["catalog", "frob"], 'catalog: unknown action "frob"'],
    [["catalog", "show"], "catalog show: missing <machine-type>"],
  ])("%j → exit 2 with a specific line", async (argv, text) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith("cc-plan: ")).toBe(true);
    expect(r.stderr).not.toContain("cc-plan: cc-plan");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(text);
  });
});

describe("machine types outside the priced catalog (catalogs/specs)", () => {
  it("cc-plan node knows every Azure size in the reference data: Standard_F2s_v2 reproduces the AKS legacy formula", async () => {
    const r = await runInProcess(["node", "Standard_F2s_v2", "--platform", "aks-legacy", "--capacity-memory", "4025836Ki", "--json"]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.kubectl.allocatable.memory).toBe("2209260Ki"); // 4025836 − (1024 + 750)·1024
    expect(m.allocatable.cpuMillicores).toBe(1900);
    expect(m.allocatable.volumes).toBe(4); // STANDARD_F2S_V2 max data disks (azuredisk-csi-driver map)
  });

  it("cc-plan node knows GCE n1: n1-standard-2 reserves 70m and 1736Mi (GKE kube-env dump)", async () => {
    const m = JSON.parse((await runInProcess(["node", "n1-standard-2", "--json"])).stdout);
    expect(m.kubeReserved).toEqual({ cpuMillicores: 70, memoryBytes: 1736 * 1024 * 1024 });
  });

  it("naming a machine without a price in the region is an error-severity issue (exit 1), never a price of 0", async () => {
    const r = await runInProcess(["--peak", "10", "--env", "2cpu8g", "--provider", "gcp", "--machine", "n4-standard-16", "--json"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const e = doc.issues.find((i: { code: string; severity: string }) => i.code === "price_not_found" && i.severity === "error");
    expect(e?.message).toContain("n4-standard-16");
    // No plan prices it at 0: it is left out of every option, and the other plans still stand.
    for (const o of doc.providers[0].options) {
      for (const pool of o.pools) {
        expect(pool.machineType).not.toBe("n4-standard-16");
        expect(pool.nodeUsdPerHour).toBeGreaterThan(0);
      }
    }
    expect(doc.providers[0].recommended).toBeTypeOf("number");
  });
});
