/**
 * `cc-plan calibrate` end to end (issue 15 "Done when"): the built bin calibrates the recorded AKS nodes
 * and DaemonSets (test/fixtures/kubectl/), writes cal.yaml, and `cc-plan --peak 60 --env 4cpu16g
 * --calibration cal.yaml` plans with it; `cc-plan node <type> --calibration` shows the calibrated node; a
 * learned type (t2.large) is planned unpriced with a note; bad input is one line, exit 2, nothing written.
 * Expected figures: the formulas worked out in test/fixtures/kubectl/README.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planNodeModels } from "../../src/adapters/plan-charts.js";
import { maxCalibrateInputBytes } from "../../src/cli/commands/calibrate.js";
import { run } from "../../src/cli/main.js";
import { renderPlanDocumentJson } from "../../src/emit/json.js";
import { plan, planPrepared, prepare } from "../../src/plan.js";
import { repoRoot, runChild, runInProcess } from "../support/cli.js";

const fx = (f: string): string => join(repoRoot, "test/fixtures/kubectl", f);
const tmp = mkdtempSync(join(tmpdir(), "cc-plan-cal-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { CC_PLAN_NOW: "2026-07-01" };

describe("calibrate, then plan with the calibration (the issue's done-when, on the built bin)", () => {
  const cal = join(tmp, "cal.yaml");
  it("cc-plan calibrate --nodes nodes.json --daemonsets ds.json --out cal.yaml && cc-plan --peak 60 --env 4cpu16g --calibration cal.yaml", () => {
    const c = runChild(
      ["calibrate", "--nodes", fx("aks-standard-d2s-v3.nodes.json"), "--daemonsets", fx("aks-azuredisk-csi.daemonsets.json"), "--out", cal],
      env,
    );
    expect(c.stderr).toBe("");
    expect(c.code).toBe(0);
    for (const l of c.stdout.split("\n")) expect(l.length).toBeLessThanOrEqual(100);
    const row = c.stdout.split("\n").find((l) => l.startsWith("agentpool"));
    // pool, type, 3 nodes, aks-legacy, 0 MiB, 0 m, capacity/nominal 8152796 Ki / 8 GiB = 97.19 %, 110 pods, 3 × 10m / 20Mi.
    expect(row?.split(/\s+/)).toEqual(["agentpool", "Standard_D2s_v3", "3", "aks-legacy", "0", "0", "97.19%", "110", "30m", "60Mi", "1", "pod"]);
    const doc = parse(readFileSync(cal, "utf8"));
    expect(doc.version).toBe(1);
    expect(doc.machineTypes.Standard_D2s_v3).toMatchObject({
      provider: "azure",
      platform: "aks-legacy",
      capacityMemory: "8152796Ki",
      maxPods: 110,
      daemonSetOverhead: { cpu: "30m", memory: "60Mi", pods: 1 },
    });

    const p = runChild(["--peak", "60", "--env", "4cpu16g", "--calibration", cal], env);
    expect(p.stderr).toBe("");
    expect(p.code).toBe(0);
    const lines = p.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(25);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines[2]).toMatch(/^AKS eastus/); // the calibrated cluster's provider only
    const text = lines.join(" ").replace(/\s+/g, " ");
    expect(text).toContain(`Calibrated from ${cal}: Standard_D2s_v3 (aks-legacy, capacity, 110 pods, DaemonSets); other azure types use the aks model`);
  });

  it("the plan's node model of the calibrated type uses the cluster's figures (--machine, --json)", async () => {
    const r = await runInProcess(["--peak", "60", "--env", "1cpu2g", "--calibration", cal, "--machine", "Standard_D2s_v3", "--json"], env);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    const pool = doc.providers[0].options.find((o: any) => o.kind === "named").pools[0];
    expect(pool.node.formulaVariant).toBe("aks-kube-reserved@legacy(GiB-brackets+750Mi)");
    // allocatable = 8152796 Ki − (1843 + 750) Mi = 5497564 Ki; for envs − 60 Mi DaemonSets; 110 pods − 1.
    expect(pool.node.allocatable).toMatchObject({ cpuMillicores: 1900, memoryBytes: 5497564 * 1024, pods: 110 });
    expect(pool.node.forEnvs).toMatchObject({ cpuMillicores: 1870, memoryBytes: 5497564 * 1024 - 60 * 1048576, pods: 109 });
    expect(pool.node.capacityMemory).toMatchObject({ bytes: 8152796 * 1024, source: "observed" });
    expect(doc.issues.some((i: any) => i.code === "calibration_applied")).toBe(true);
  });

  it("a scenario's calibration: key (relative to the scenario) does the same as --calibration", async () => {
    const sc = join(tmp, "team.yaml");
    writeFileSync(sc, "version: 1\nname: team\nenv: 1cpu2g\ndemand:\n  peak: 60\nmachines: [Standard_D2s_v3]\ncalibration: cal.yaml\n");
    const a = await runInProcess(["--scenario", sc, "--json"], env);
    const b = await runInProcess(["--peak", "60", "--env", "1cpu2g", "--machine", "Standard_D2s_v3", "--calibration", cal, "--json"], env);
    expect(a.stderr).toBe("");
    const named = (t: string) => JSON.parse(t).providers[0].options.find((o: any) => o.kind === "named").pools[0].node;
    expect(named(a.stdout)).toEqual(named(b.stdout));
  });

  it("the library: plan(request, { calibration }) gives the document `cc-plan … --calibration FILE --json` gives; a bad path is a PlanInputError", async () => {
    const lib = await plan({ peak: 60, env: "4cpu16g", today: "2026-07-01" }, { calibration: cal });
    const cli = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--calibration", cal, "--json"], env);
    expect(cli.stderr).toBe("");
    // The CLI writes the document through its JSON renderer (12 significant digits).
    expect(JSON.parse(renderPlanDocumentJson(lib))).toEqual(JSON.parse(cli.stdout));
    expect(lib.providers.map((p) => p.provider)).toEqual(["azure"]); // the file's provider, as the CLI plans it
    // A flag-like field wins over the file, as on the command line.
    const pods = await plan({ peak: 60, env: "1cpu2g", machine: ["Standard_D2s_v3"], maxPods: 30, today: "2026-07-01" }, { calibration: cal });
    const named = pods.providers[0]?.options.find((o) => o.kind === "named")?.pools[0]?.node;
    expect(named?.allocatable.pods).toBe(30);
    await expect(plan({ peak: 60, env: "4cpu16g" }, { calibration: join(tmp, "missing.yaml") })).rejects.toMatchObject({
      name: "PlanInputError",
      field: "calibration",
    });
    await expect(plan({ peak: 60, env: "4cpu16g" }, { calibration: 42 as unknown as string })).rejects.toThrow(/^calibration: expected the path of a file/);
  });

  it("report --html takes --calibration, and the charts' node model of a calibrated type is the plan's", async () => {
    const html = join(tmp, "cal-report.html");
    const r = await runInProcess(["report", "--html", html, "--peak", "60", "--env", "1cpu2g", "--machine", "Standard_D2s_v3", "--calibration", cal], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(html, "utf8")).toContain(`calibrated from ${cal}: Standard_D2s_v3`);
    // The node model the charts split "reserved" with is the planner's (aks-legacy, the observed capacity, 110 pods).
    const { req, priced, dir } = prepare({ peak: 60, env: "1cpu2g", machine: ["Standard_D2s_v3"], today: "2026-07-01" }, { calibration: cal });
    const doc = await planPrepared(req, priced, dir);
    const node = doc.providers[0]?.options.find((o) => o.kind === "named")?.pools[0]?.node;
    const model = planNodeModels(req, priced)("azure", "Standard_D2s_v3");
    expect(model?.platform).toBe("aks-legacy");
    expect(model?.allocatable.memoryBytes).toBe(node?.allocatable.memoryBytes);
    expect(model?.forEnvs.cpuMillicores).toBe(node?.forEnvs.cpuMillicores);
  });

  it("a flag wins over the calibration: --max-pods", async () => {
    const r = await runInProcess(["node", "Standard_D2s_v3", "--calibration", cal, "--max-pods", "30", "--json"], env);
    const m = JSON.parse(r.stdout);
    expect(m.maxPods.value).toBe(30);
    expect(m.formulaVariant).toBe("aks-kube-reserved@legacy(GiB-brackets+750Mi)");
  });

  it("cc-plan node <type> --calibration: the observed node", async () => {
    const r = await runInProcess(["node", "Standard_D2s_v3", "--calibration", cal], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Standard_D2s_v3 on aks-legacy");
    expect(r.stdout).toContain("= allocatable    1900m, 5497564Ki, 110 pods");
    expect(r.stdout).toContain(`max pods: 110 (calibrated (${cal}))`);
  });
});

describe("a learned type: planned unpriced, with a note", () => {
  it("t2.large from EKS nodes (stdin), then a plan and the node model", async () => {
    const cal = join(tmp, "eks.yaml");
    const c = spawnSync(process.execPath, ["bin/cc-plan.cjs", "calibrate", "--nodes", "-", "--out", cal], {
      cwd: repoRoot,
      input: readFileSync(fx("eks-t2-large.nodes.json")),
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    expect(c.stderr).toBe("");
    expect(c.status).toBe(0);
    expect(c.stdout).toContain("t2.large†");
    const r = await runInProcess(["--peak", "10", "--env", "1cpu2g", "--calibration", cal], env);
    expect(r.code).toBe(0);
    // t2.large for envs: 1930m − 195m (EKS default DaemonSets, no --daemonsets given) = 1735m → one 1-vCPU env per node; 10 nodes.
    expect(r.stdout.replace(/\s+/g, " ")).toContain(
      "t2.large (learned from the nodes) has no price in us-east-1: left out of the cost search, unpriced; it holds 1 1cpu2g per node (10 nodes for 10)",
    );
    expect(r.stdout).not.toMatch(/\$0\.00/);
    const n = await runInProcess(["node", "t2.large", "--calibration", cal], env);
    expect(n.stdout).toContain("= allocatable    1930m, 7408576Ki, 35 pods, 39 volumes");
  });
});

describe("bad input: one line, exit 2, nothing written", () => {
  const bad = join(tmp, "bad.json");
  const out = join(tmp, "never.yaml");
  it.each([
    ["not JSON", "{ not json", "not JSON"],
    ["not a Node list", readFileSync(fx("aks-azuredisk-csi.daemonsets.json"), "utf8"), "is a DaemonSet, not a Node"],
    [
      "a bad quantity",
      readFileSync(fx("gke-n1-standard-1.node.json"), "utf8").replace('"3787616Ki"', '"12Kix"'),
      'node "gke-gar-1-pool-1-dce25db1-2mm5": status.capacity.memory "12Kix"',
    ],
  ])("%s", async (_what, text, expected) => {
    writeFileSync(bad, text);
    const r = await runInProcess(["calibrate", "--nodes", bad, "--out", out], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(expected);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes("never"))).toEqual([]);
  });
  it("a bad calibration file is one line, exit 2", async () => {
    const f = join(tmp, "bad.yaml");
    writeFileSync(
      f,
      "version: 1\nkind: cc-plan-calibration\nmachineTypes:\n  n2-standard-4: { provider: gcp, platform: gke, capacityMemory: 12Kix, maxPods: 110 }\n",
    );
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--calibration", f], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cc-plan: ${f}: machineTypes.n2-standard-4.capacityMemory: expected a memory quantity above 0 such as 16380004Ki, got "12Kix"\n`);
  });
  it("an input larger than 256 MiB, as a file or on stdin: one line, exit 2, no --out file (not a crash on V8's string limit)", async () => {
    // A sparse file: 256 MiB + 1 byte on the file system's word, no data written.
    const big = join(tmp, "big.json");
    writeFileSync(big, "");
    truncateSync(big, maxCalibrateInputBytes + 1);
    const r = await runInProcess(["calibrate", "--nodes", big, "--out", out], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `cc-plan: --nodes ${big}: larger than 256 MiB; expected the output of \`kubectl get nodes -o json\` (narrow it with -l <selector> if the cluster is that large)\n`,
    );
    rmSync(big);
    // stdin: the same 1 MiB chunk 257 times (257 MiB).
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let stderr = "";
    const code = await run(["calibrate", "--nodes", "-", "--out", out], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      env,
      isTTY: false,
      stdin: () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < 257; i++) yield chunk;
          })(),
        ),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cc-plan: --nodes -: larger than 256 MiB; expected the output of `kubectl get nodes -o json`/);
    expect(existsSync(out)).toBe(false);
  });
  it("--nodes is required; --env-selector needs --pods", async () => {
    expect((await runInProcess(["calibrate"], env)).stderr).toContain("--nodes is required");
    expect((await runInProcess(["calibrate", "--nodes", fx("eks-t2-large.nodes.json"), "--env-selector", "app=x"], env)).stderr).toContain(
      "--env-selector needs --pods",
    );
  });
});
