/**
 * "Say what is estimated" at the CLI: a plan names the node memory it estimated and how far real nodes were
 * from that estimate (the ranges come from src/core/capacity.ts, which test/unit/capacity-observations.test.ts
 * checks against the published nodes); `--capacity-memory TYPE=QUANTITY` replaces the estimate of that type
 * exactly as `cc-plan node <type> --capacity-memory QUANTITY` does; bad forms are one-line usage errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aksCapacityEstimate, eksM5R5CapacityEstimate, gceCapacityEstimate } from "../../src/core/capacity.js";
import type { PlanDocument, PlanOption, Pool, ProviderPlan } from "../../src/core/planner/document.js";
import { plan } from "../../src/plan.js";
import { expectOneLineUsageError, runChild, runInProcess, runJson } from "../support/cli.js";

const headline = ["--peak", "60", "--env", "4cpu16g"];
const signed = (v: number): string => (v < 0 ? `−${-v}` : `+${v}`);
const range = (r: { min: number; max: number } | null): string => (r ? `${signed(r.min)}…${signed(r.max)} MiB` : "");

const provider = (doc: PlanDocument, p: string): ProviderPlan => doc.providers.find((x) => x.provider === p) as ProviderPlan;
const named = (p: ProviderPlan, type: string): Pool =>
  (p.options.find((o) => o.kind === "named" && o.pools[0]?.machineType === type) as PlanOption).pools[0] as Pool;
const nodeJson = async (argv: string[]): Promise<any> => {
  const r = await runInProcess(["node", ...argv, "--json"]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
};

describe("the plan says what is estimated", () => {
  it("the first screen: one line with each provider's range (real − estimate) on the published nodes, and the flag", async () => {
    const r = await runInProcess(headline);
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("Node memory"));
    // GKE: n2d-standard-48 (192 GiB) is within the GKE checks (7.5–512 GiB); AKS: Standard_D48s_v3 (192 GiB)
    // is larger than every published AKS node (≤ 64 GiB), and the line says so.
    expect(line).toBe(
      `Node memory estimated: real − estimate GKE ${range(gceCapacityEstimate.observedMinusEstimateMiB)}, AKS ${range(aksCapacityEstimate.observedMinusEstimateMiB)} (≤64 GiB); --capacity-memory`,
    );
  });

  it("--explain: each pool's capacity and its source, and a note per provider naming the types, the formula and the range", async () => {
    const r = await runInProcess([...headline, "--explain"]);
    expect(r.stdout).toMatch(/capacity 188\.\d\d GiB memory \(estimated\); allocatable/);
    const text = r.stdout.replace(/\n\s+/g, " ");
    expect(text).toContain(`GKE node memory capacity is estimated (no --capacity-memory for these types).`);
    expect(text).toContain(
      `on ${gceCapacityEstimate.observations} published nodes of 7.5–512 GiB the real capacity minus this estimate was ${range(gceCapacityEstimate.observedMinusEstimateMiB)}`,
    );
    expect(text).toContain(
      `on ${aksCapacityEstimate.observations} published nodes of 3.5–64 GiB the real capacity minus this estimate was ${range(aksCapacityEstimate.observedMinusEstimateMiB)}`,
    );
  });

  it("--json records, per pool, the capacity and whether it was observed or estimated, and per provider the estimates used", async () => {
    const { doc } = await runJson<PlanDocument>([...headline, "--provider", "aws", "--machine", "m5.4xlarge", "--capacity-memory", "m5.4xlarge=63800000Ki"]);
    const p = provider(doc, "aws");
    expect(doc.inputs.capacityMemory).toEqual({ "m5.4xlarge": 63800000 * 1024 });
    expect(p.memoryCapacity.observed).toEqual(["m5.4xlarge"]);
    expect(named(p, "m5.4xlarge").node.capacityMemory).toEqual({ bytes: 63800000 * 1024, source: "observed", estimate: null });
    const rec = p.options[p.recommended ?? 0] as PlanOption;
    for (const pool of rec.pools.filter((x) => x.machineType !== "m5.4xlarge"))
      expect(pool.node.capacityMemory).toMatchObject({ source: "estimated", estimate: "eks-m5-r5" });
    const e = p.memoryCapacity.estimates.find((x) => x.id === "eks-m5-r5");
    expect(e?.observedMinusEstimateMiB).toEqual(eksM5R5CapacityEstimate.observedMinusEstimateMiB);
    expect(e?.machineTypes).not.toContain("m5.4xlarge");
  });

  it("the flat platform uses the nominal size (the guides' rule): no estimate line, source nominal", async () => {
    const r = await runInProcess([...headline, "--platform", "flat", "--provider", "gcp"]);
    expect(r.stdout).not.toContain("Node memory");
    const { doc } = await runJson<PlanDocument>([...headline, "--platform", "flat", "--provider", "gcp"]);
    const pool = (provider(doc, "gcp").options[0] as PlanOption).pools[0] as Pool;
    expect(pool.node.capacityMemory).toMatchObject({ source: "nominal", estimate: null, bytes: pool.node.memoryMiB * 1024 * 1024 });
  });
});

describe("--capacity-memory TYPE=QUANTITY in a plan: that type's allocatable is what `cc-plan node` gives with the same value", () => {
  // One type of each provider, each with a value a real node of it could report (a little below the estimate).
  const cases: [string, string, string][] = [
    ["gcp", "n2-standard-32", "131000000Ki"],
    ["azure", "Standard_D16s_v3", "65600000Ki"],
    ["aws", "m6i.4xlarge", "64800000Ki"],
  ];
  it.each(cases)("%s %s=%s", async (prov, type, quantity) => {
    const plain = await runJson<PlanDocument>([...headline, "--provider", prov, "--machine", type]);
    const given = await runJson<PlanDocument>([...headline, "--provider", prov, "--machine", type, "--capacity-memory", `${type}=${quantity}`]);
    const before = named(provider(plain.doc, prov), type).node;
    const after = named(provider(given.doc, prov), type).node;
    const node = await nodeJson([type, "--capacity-memory", quantity]);
    expect(node.capacity.memoryBytes).toBe(Number.parseInt(quantity, 10) * 1024);
    expect(after.capacityMemory).toEqual({ bytes: node.capacity.memoryBytes, source: "observed", estimate: null });
    // The plan shows ephemeral storage only when an env requests some (issue 16); `node` always does.
    const { ephemeralStorageBytes: _a, ...allocatable } = node.allocatable;
    const { ephemeralStorageBytes: _f, ...forEnvs } = node.forEnvs;
    expect(after.allocatable).toEqual(allocatable);
    expect(after.forEnvs).toEqual(forEnvs);
    // The estimate was different, and allocatable moved by exactly the capacity difference (reservations come from the nominal size).
    expect(before.capacityMemory.source).toBe("estimated");
    expect(after.allocatable.memoryBytes - before.allocatable.memoryBytes).toBe(after.capacityMemory.bytes - before.capacityMemory.bytes);
    expect(after.capacityMemory.bytes).not.toBe(before.capacityMemory.bytes);
  });

  it("the same value as a bare quantity or as TYPE=QUANTITY gives the same node model", async () => {
    expect(await nodeJson(["n2-standard-4", "--capacity-memory", "n2-standard-4=16380004Ki"])).toEqual(
      await nodeJson(["n2-standard-4", "--capacity-memory", "16380004Ki"]),
    );
  });

  it("several types, repeated or comma-separated; names are matched as the catalog spells them", async () => {
    const a = await runJson<PlanDocument>([
      ...headline,
      "--capacity-memory",
      "n2d-standard-48=197000000Ki",
      "--capacity-memory",
      "standard_d48s_v3=197000000Ki",
    ]);
    const b = await runJson<PlanDocument>([...headline, "--capacity-memory", "n2d-standard-48=197000000Ki,Standard_D48s_v3=197000000Ki"]);
    expect(a.doc.inputs.capacityMemory).toEqual({ "n2d-standard-48": 197000000 * 1024, Standard_D48s_v3: 197000000 * 1024 });
    expect(b.doc).toEqual(a.doc);
    const text = await runInProcess([...headline, "--capacity-memory", "n2d-standard-48=197000000Ki,Standard_D48s_v3=197000000Ki"]);
    // Both recommended pools now use the observed value: the line says so instead of giving a range.
    expect(text.stdout).toContain("Node memory observed for n2d-standard-48, Standard_D48s_v3 (--capacity-memory)");
  });

  it("the library call takes a map of type → quantity, a list of TYPE=QUANTITY, or one such string, with the same result", async () => {
    const base = { peak: 60, env: "4cpu16g", provider: ["gcp"], machine: ["n2-standard-32"] };
    const fromMap = await plan({ ...base, capacityMemory: { "n2-standard-32": "131000000Ki" } });
    const fromList = await plan({ ...base, capacityMemory: ["n2-standard-32=131000000Ki"] });
    const fromString = await plan({ ...base, capacityMemory: "n2-standard-32=131000000Ki" });
    const node = named(provider(fromMap, "gcp"), "n2-standard-32").node;
    expect(node.capacityMemory).toEqual({ bytes: 131000000 * 1024, source: "observed", estimate: null });
    expect(named(provider(fromList, "gcp"), "n2-standard-32").node).toEqual(node);
    expect(named(provider(fromString, "gcp"), "n2-standard-32").node).toEqual(node);
    await expect(plan({ ...base, capacityMemory: { "n2-standard-32": "lots" } })).rejects.toThrow(
      /--capacity-memory "n2-standard-32=lots": "lots" is not a Kubernetes quantity/,
    );
  });

  it("a scenario's node.capacityMemory does the same as the flag; the flag replaces it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-capacity-"));
    try {
      const file = join(dir, "s.yaml");
      writeFileSync(
        file,
        "version: 1\nname: s\nproviders: [gcp]\nenv: 4cpu16g\ndemand:\n  peak: 60\nmachines: [n2-standard-32]\nnode:\n  capacityMemory:\n    n2-standard-32: 131000000Ki\n",
      );
      const fromFile = await runJson<PlanDocument>(["--scenario", file]);
      const fromFlag = await runJson<PlanDocument>([
        ...headline,
        "--provider",
        "gcp",
        "--machine",
        "n2-standard-32",
        "--capacity-memory",
        "n2-standard-32=131000000Ki",
      ]);
      expect(named(provider(fromFile.doc, "gcp"), "n2-standard-32").node).toEqual(named(provider(fromFlag.doc, "gcp"), "n2-standard-32").node);
      const replaced = await runJson<PlanDocument>(["--scenario", file, "--capacity-memory", "n2-standard-32=130000000Ki"]);
      expect(replaced.doc.inputs.capacityMemory).toEqual({ "n2-standard-32": 130000000 * 1024 });
      // A --provider flag narrows the scenario: its other providers' types are dropped, not an error.
      const both = join(dir, "both.yaml");
      writeFileSync(
        both,
        "version: 1\nname: both\nenv: 4cpu16g\ndemand:\n  peak: 60\nnode:\n  capacityMemory:\n    n2-standard-32: 131000000Ki\n    Standard_D16s_v3: 65600000Ki\n",
      );
      expect((await runJson<PlanDocument>(["--scenario", both])).doc.inputs.capacityMemory).toEqual({
        "n2-standard-32": 131000000 * 1024,
        Standard_D16s_v3: 65600000 * 1024,
      });
      expect((await runJson<PlanDocument>(["--scenario", both, "--provider", "gcp"])).doc.inputs.capacityMemory).toEqual({
        "n2-standard-32": 131000000 * 1024,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bad --capacity-memory: one line naming the flag and the accepted forms, exit 2, no stack trace", () => {
  const forms = "expected TYPE=QUANTITY with the status.capacity.memory of a real node of that type, e.g. --capacity-memory n2-standard-16=65851908Ki";
  it.each([
    [
      "a bare quantity in a plan (which type?)",
      ["--capacity-memory", "65851908Ki"],
      `--capacity-memory "65851908Ki": a plan searches every machine type, so name the one this node was: ${forms}`,
    ],
    [
      "an unknown type",
      ["--capacity-memory", "n9-standard-16=65851908Ki"],
      `--capacity-memory "n9-standard-16=65851908Ki": unknown machine type "n9-standard-16"; ${forms}`,
    ],
    ["a bad quantity", ["--capacity-memory", "n2-standard-16=64GB"], `--capacity-memory "n2-standard-16=64GB": "64GB" is not a Kubernetes quantity`],
    ["zero", ["--capacity-memory", "n2-standard-16=0"], `--capacity-memory "n2-standard-16=0": 0 is not above 0 and below n2-standard-16's nominal 64 GiB`],
    [
      "above the nominal size",
      ["--capacity-memory", "n2-standard-16=64Gi"],
      `--capacity-memory "n2-standard-16=64Gi": 64Gi is not above 0 and below n2-standard-16's nominal 64 GiB`,
    ],
    [
      "a type given twice",
      ["--capacity-memory", "n2-standard-16=65851908Ki", "--capacity-memory", "N2-Standard-16=65851900Ki"],
      "--capacity-memory: n2-standard-16 given twice (65851908Ki, 65851900Ki); give one value per machine type",
    ],
    [
      "a type of a provider not planned",
      ["--provider", "gcp", "--capacity-memory", "m5.xlarge=15888000Ki"],
      `--capacity-memory "m5.xlarge=15888000Ki": m5.xlarge is an aws type but the plan covers gcp; add --provider aws or leave it out`,
    ],
  ])("%s", async (_what, extra, message) => {
    expectOneLineUsageError(await runInProcess([...headline, ...extra]), message);
  });

  it("cc-plan node: another type's value, or two values", async () => {
    const other = await runInProcess(["node", "n2-standard-4", "--capacity-memory", "n2-standard-8=32000000Ki"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      '--capacity-memory "n2-standard-8=32000000Ki": names n2-standard-8, but this node is n2-standard-4; expected a quantity or n2-standard-4=QUANTITY',
    );
    const twice = await runInProcess(["node", "n2-standard-4", "--capacity-memory", "16380004Ki", "--capacity-memory", "16380000Ki"]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--capacity-memory: n2-standard-4 given twice");
  });

  it("the built bin (child process) prints the same one line", () => {
    const r = runChild([...headline, "--capacity-memory", "65851908Ki"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('--capacity-memory "65851908Ki": a plan searches every machine type');
  });
});

describe("cc-plan node says what is estimated", () => {
  it("text: the estimate's range under the capacity line; none with --capacity-memory", async () => {
    const est = await runInProcess(["node", "Standard_D8s_v3"]);
    expect(est.stdout).toContain(
      `real minus estimated capacity was ${range(aksCapacityEstimate.observedMinusEstimateMiB)} on 9 published nodes of 3.5–64 GiB; a real node's value: --capacity-memory`,
    );
    const seen = await runInProcess(["node", "Standard_D8s_v3", "--capacity-memory", "32860000Ki"]);
    expect(seen.stdout).toContain("(observed (--capacity-memory))");
    expect(seen.stdout).not.toContain("real minus estimated");
  });

  it("JSON: capacity.memoryKind and capacity.memoryEstimate", async () => {
    const m = await nodeJson(["m5.xlarge"]);
    expect(m.capacity.memoryKind).toBe("estimated");
    expect(m.capacity.memoryEstimate).toMatchObject({ id: "eks-m5-r5", observedMinusEstimateMiB: eksM5R5CapacityEstimate.observedMinusEstimateMiB });
    const o = await nodeJson(["m5.xlarge", "--capacity-memory", "15888000Ki"]);
    expect(o.capacity).toMatchObject({ memoryKind: "observed", memoryEstimate: null, memoryBytes: 15888000 * 1024 });
  });
});
