/** CLI: in-process and as a real child process; output, --json, exit codes, bad input. */
import { describe, expect, it } from "vitest";
import { runChild, runInProcess } from "../support/cli.js";

describe("headline command", () => {
  it("prints demand totals, a table per provider and notes (in-process)", async () => {
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Peak totals: 240 vCPU and 960.00 GiB requested");
    expect(r.stdout).toContain("Google Cloud — us-central1, platform gke");
    expect(r.stdout).toContain("Azure — eastus, platform aks");
    expect(r.stdout).toMatch(/n2-standard-32/);
    expect(r.stdout).toMatch(/The seeds say 60 × 4cpu16g fit on 4–6 n2-standard-32 nodes/);
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
  });

  it("`cc-plan plan` is the same as `cc-plan`", async () => {
    const a = await runInProcess(["plan", "--peak", "10", "--env", "2cpu8g"]);
    const b = await runInProcess(["--peak", "10", "--env", "2cpu8g"]);
    expect(a).toEqual(b);
  });

  it("--json prints only the plan document, with the contract fields", async () => {
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.demand.totals).toEqual({ cpuMillicores: 240000, memoryBytes: 960 * 1024 ** 3 });
    expect(doc.strategies.length).toBeGreaterThanOrEqual(8);
    for (const s of doc.strategies) {
      for (const k of ["strategy", "provider", "platform", "machineType", "region", "envsPerNode", "bindingConstraint", "usdPerHour", "issues"]) expect(s).toHaveProperty(k);
      expect(s.nodes).toHaveProperty("peak");
      expect(s.nodes).toHaveProperty("normal");
      expect(s.overhead).toHaveProperty("cpuMillicores");
      expect(s.overhead).toHaveProperty("memoryBytes");
    }
  });

  it("is deterministic: the same input gives byte-identical JSON", async () => {
    const a = runChild(["--peak", "37", "--normal", "12", "--env", "2cpu8gi", "--json"]);
    const b = runChild(["--peak", "37", "--normal", "12", "--env", "2cpu8gi", "--json"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("exits 1 when the plan has error-severity issues (nothing fits)", async () => {
    const r = await runInProcess(["--peak", "2", "--env", "500cpu4000g", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues.some((i: { code: string }) => i.code === "no_machine_fits")).toBe(true);
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
  ])("%j", async (argv, flag, forms) => {
    for (const r of [await runInProcess(argv), runChild(argv)]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^cc-plan: /);
      expect(lines[0]).toContain(flag);
      expect(lines[0]).toContain(forms);
      expect(r.stderr).not.toMatch(/NaN|\bat .*\.(js|ts):\d+|Error:/);
    }
  });
});

describe("cc-plan node", () => {
  it("prints the node model with --capacity-memory exactly as kubectl would (GKE n2-standard-4)", async () => {
    const r = await runInProcess(["node", "n2-standard-4", "--platform", "gke", "--capacity-memory", "16380004Ki", "--json"]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.allocatable.cpuMillicores).toBe(3920);
    expect(m.allocatable.memoryBytes).toBe(13591652 * 1024); // node-overhead.md §8 example 1
    expect(m.kubectl.allocatable).toEqual({ cpu: "3920m", memory: "13591652Ki", pods: "110" });
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
  it("cc-plan node knows every Azure size in the reference data: Standard_F2s_v2 reproduces node-overhead.md §8 example 2", async () => {
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
    const row = doc.strategies.find((s: { variant: string }) => s.variant === "named");
    expect(row.machineType).toBe("n4-standard-16");
    expect(row.nodeUsdPerHour).toBeNull();
    expect(row.usdPerHour).toBeNull();
    expect(row.envsPerNode).toBe(7); // the node model still works: ⌊15506m / 2000m⌋ = 7 and memory ≈ 56.7 GiB / 8 GiB → 7
    expect(row.nodes.peak).toBe(2); // ⌈10 / 7⌉
    expect(doc.issues.some((i: { code: string; severity: string }) => i.code === "price_not_found" && i.severity === "error")).toBe(true);
  });
});
