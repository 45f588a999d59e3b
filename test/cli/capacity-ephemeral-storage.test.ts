/**
 * `--capacity-ephemeral-storage TYPE=QUANTITY` in plans (issue 16), the library's `capacityEphemeralStorage`
 * and the scenario key `node.capacityEphemeralStorage`: a real node's `status.capacity.ephemeral-storage`
 * replaces the estimate from the disk for that type, in the same forms and with the same errors as
 * `--capacity-memory` (test/cli/capacity-memory.test.ts).
 *
 * Where the expected numbers come from — the kubelet's rule as src/core/ephemeral.ts implements it:
 *   allocatable = capacity − kube-reserved − ⌊capacity × float32(0.1)⌋   (nodefs.available<10 %)
 *   GKE kube-reserved for a boot disk of D: min(50 % of D, 6 GiB + 35 % of D, 100 GiB)
 *   ("Plan GKE Standard node sizes", Local ephemeral storage reservation).
 * The case: `--machine n2-standard-8 --env 2cpu8g@eph=20Gi` on GKE's default 100 GiB pd-balanced boot disk,
 * so kube-reserved = min(50, 6 + 35, 100) GiB = 41 GiB = 44023414784 bytes whatever the capacity.
 * - no flag: capacity estimated as 100 GiB − GKE's published loss 6025692 KiB = 98831908 KiB, the worked
 *   example's observed value, so allocatable = 47060071478 (GKE's published allocatable), 43.8 GiB:
 *   ⌊47060071478 / 20 GiB⌋ = 2 envs per node; CPU (7526m for envs / 2000m = 3) and memory (27.1 GiB /
 *   8 GiB = 3) would allow 3, so ephemeral storage binds.
 * - 98831908Ki observed: the same numbers (the estimate is that observation), now marked observed.
 * - 70Gi observed: 75161927680 − 44023414784 − ⌊75161927680 × float32(0.1)⌋; float32(0.1) = 13421773 / 2²⁷,
 *   so the eviction is 70 × 2³⁰ × 13421773 / 2²⁷ = 7516192880 exactly, and allocatable = 23622320016
 *   (22.0 GiB): 1 env of 20 GiB per node.
 * - 40Gi observed: 40 GiB − 41 GiB < 0, so allocatable is 0 and no env fits (env_does_not_fit).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { PlanDocument, PlanOption, Pool, ProviderPlan } from "../../src/core/planner/document.js";
import { PlanInputError, plan } from "../../src/plan.js";
import { expectOneLineUsageError, repoRoot, runChildAsync, runInProcess, runJson } from "../support/cli.js";

const Ki = 1024;
const Gi = 2 ** 30;
const shape = "2cpu8g@eph=20Gi";
const headline = ["--peak", "30", "--env", shape, "--provider", "gcp", "--platform", "gke", "--machine", "n2-standard-8"];
const base = { peak: 30, env: shape, provider: ["gcp"], platform: "gke", machine: ["n2-standard-8"] };

/** The kubelet's allocatable ephemeral storage on a GKE node with a 100 GiB boot disk (see the header). */
const gkeKubeReserved100 = Math.min(50 * Gi, 6 * Gi + Math.ceil(100 * Gi * 0.35), 100 * Gi);
const allocatable = (capacity: number): number => Math.max(0, capacity - gkeKubeReserved100 - Math.floor(capacity * Math.fround(0.1)));

const gcp = (doc: PlanDocument): ProviderPlan => doc.providers.find((x) => x.provider === "gcp") as ProviderPlan;
const namedPool = (doc: PlanDocument): Pool | undefined =>
  gcp(doc).options.find((o: PlanOption) => o.kind === "named" && o.pools[0]?.machineType === "n2-standard-8")?.pools[0];
const pool = (doc: PlanDocument): Pool => {
  const p = namedPool(doc);
  if (!p) throw new Error("no named n2-standard-8 plan");
  return p;
};

describe("the formula's numbers (header)", () => {
  it("GKE reserves 41 GiB of a 100 GiB boot disk; the worked example and the 70Gi case give the stated bytes", () => {
    expect(gkeKubeReserved100).toBe(41 * Gi);
    expect(allocatable(98831908 * Ki)).toBe(47060071478);
    expect(allocatable(70 * Gi)).toBe(23622320016);
    expect(allocatable(40 * Gi)).toBe(0);
  });
});

describe("library: capacityEphemeralStorage changes envs per node by storage", () => {
  it("default (estimated) vs the observed 98831908Ki: the same node, 2 envs per node, storage binds", async () => {
    const estimated = pool(await plan(base));
    const observed = pool(await plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "98831908Ki" } }));
    expect(estimated.node.forEnvs.ephemeralStorageBytes).toBe(47060071478);
    expect(estimated.node.ephemeralStorage?.capacitySource).toBe("estimated");
    expect(observed.node.ephemeralStorage?.capacitySource).toBe("observed");
    expect(observed.node.ephemeralStorage?.capacityBytes).toBe(98831908 * Ki);
    // Apart from where the capacity came from, the node is the same one.
    const { ephemeralStorage: e1, ...rest1 } = estimated.node;
    const { ephemeralStorage: e2, ...rest2 } = observed.node;
    expect(rest2).toEqual(rest1);
    expect({ ...e2, capacitySource: "estimated" }).toEqual(e1);
    expect(observed.node.envsPerNode[shape]).toBe(2);
    expect(observed.node.binds[shape]).toBe("ephemeral-storage");
  });

  it("70Gi observed: allocatable 23622320016, 1 env per node; the three library forms agree", async () => {
    const fromMap = await plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "70Gi" } });
    const fromList = await plan({ ...base, capacityEphemeralStorage: ["n2-standard-8=70Gi"] });
    const fromString = await plan({ ...base, capacityEphemeralStorage: "n2-standard-8=70Gi" });
    const p = pool(fromMap);
    expect(fromMap.inputs.capacityEphemeralStorage).toEqual({ "n2-standard-8": 70 * Gi });
    expect(p.node.allocatable.ephemeralStorageBytes).toBe(23622320016);
    expect(p.node.forEnvs.ephemeralStorageBytes).toBe(23622320016);
    expect(p.node.ephemeralStorage).toMatchObject({
      capacityBytes: 70 * Gi,
      capacitySource: "observed",
      kubeReservedBytes: 41 * Gi,
      evictionHardBytes: 7516192880,
    });
    expect(p.node.envsPerNode[shape]).toBe(1);
    expect(p.node.binds[shape]).toBe("ephemeral-storage");
    expect(pool(fromList).node).toEqual(p.node);
    expect(pool(fromString).node).toEqual(p.node);
  });

  it("40Gi observed: below the 41 GiB reservation, nothing is left and the named type fits no env", async () => {
    const doc = await plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "40Gi" } });
    expect(namedPool(doc)).toBeUndefined();
    expect(doc.issues.find((i) => i.code === "env_does_not_fit" && i.details?.machineType === "n2-standard-8")?.severity).toBe("error");
  });

  it("the document with it validates against schema/plan.schema.json", async () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "schema", "plan.schema.json"), "utf8")) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const doc = await plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "70Gi" } });
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...doc, inputs: { ...doc.inputs, capacityEphemeralStorage: { "n2-standard-8": 0 } } })).toBe(false);
  });

  it("without it the document has no inputs.capacityEphemeralStorage (plans are the documents they were)", async () => {
    expect("capacityEphemeralStorage" in (await plan(base)).inputs).toBe(false);
  });

  it("a wrong type or a bad value is a PlanInputError naming the field and the forms", async () => {
    await expect(plan({ ...base, capacityEphemeralStorage: 5 as unknown as string })).rejects.toThrow(
      /capacityEphemeralStorage.*"TYPE=QUANTITY", a list of them, or a map of machine type to quantity/,
    );
    await expect(plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "lots" } })).rejects.toBeInstanceOf(PlanInputError);
    await expect(plan({ ...base, capacityEphemeralStorage: { "n2-standard-8": "lots" } })).rejects.toThrow(
      /--capacity-ephemeral-storage "n2-standard-8=lots": "lots" is not a Kubernetes quantity/,
    );
  });
});

describe("--capacity-ephemeral-storage in a plan is what cc-plan node gives with the same value", () => {
  it("the plan's pool and `cc-plan node n2-standard-8 --capacity-ephemeral-storage 70Gi` agree; TYPE=QUANTITY works on node too", async () => {
    const planned = pool((await runJson<PlanDocument>([...headline, "--capacity-ephemeral-storage", "n2-standard-8=70Gi"])).doc);
    const bare = await runJson(["node", "n2-standard-8", "--platform", "gke", "--capacity-ephemeral-storage", "70Gi"]);
    const typed = await runJson(["node", "n2-standard-8", "--platform", "gke", "--capacity-ephemeral-storage", "n2-standard-8=70Gi"]);
    expect(typed.doc).toEqual(bare.doc);
    expect(bare.doc.ephemeralStorage.capacityBytes).toBe(70 * Gi);
    expect(bare.doc.allocatable.ephemeralStorageBytes).toBe(planned.node.allocatable.ephemeralStorageBytes);
  });

  it("several types, repeated or comma-separated, spelled as the catalog spells them", async () => {
    const a = await runJson<PlanDocument>([
      ...headline,
      "--capacity-ephemeral-storage",
      "n2-standard-8=70Gi",
      "--capacity-ephemeral-storage",
      "N2-Standard-16=90Gi",
    ]);
    const b = await runJson<PlanDocument>([...headline, "--capacity-ephemeral-storage", "n2-standard-8=70Gi,n2-standard-16=90Gi"]);
    expect(a.doc.inputs.capacityEphemeralStorage).toEqual({ "n2-standard-8": 70 * Gi, "n2-standard-16": 90 * Gi });
    expect(b.doc).toEqual(a.doc);
  });
});

describe("the built bin (child process on dist/)", () => {
  it("the flag changes forEnvs.ephemeralStorageBytes in --json to the formula's value", async () => {
    const without = await runChildAsync([...headline, "--json"]);
    const withFlag = await runChildAsync([...headline, "--capacity-ephemeral-storage", "n2-standard-8=70Gi", "--json"]);
    expect(without.code).toBe(0);
    expect(withFlag.code).toBe(0);
    expect(withFlag.stderr).toBe("");
    expect(pool(JSON.parse(without.stdout) as PlanDocument).node.forEnvs.ephemeralStorageBytes).toBe(allocatable(98831908 * Ki));
    const p = pool(JSON.parse(withFlag.stdout) as PlanDocument);
    expect(p.node.forEnvs.ephemeralStorageBytes).toBe(allocatable(70 * Gi));
    expect(p.node.envsPerNode[shape]).toBe(1);
  });

  it("bad input: exit 2, one line naming the flag, the item and the accepted forms", async () => {
    const r = await runChildAsync([...headline, "--capacity-ephemeral-storage", "98831908Ki"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(
      'cc-plan: --capacity-ephemeral-storage "98831908Ki": a plan searches every machine type, so name the one this node was: expected TYPE=QUANTITY with the status.capacity.ephemeral-storage of a real node of that type, e.g. --capacity-ephemeral-storage n2-standard-8=98831908Ki',
    );
  });
});

describe("bad --capacity-ephemeral-storage: one line naming the flag and the accepted forms, exit 2, no stack trace", () => {
  const forms =
    "expected TYPE=QUANTITY with the status.capacity.ephemeral-storage of a real node of that type, e.g. --capacity-ephemeral-storage n2-standard-8=98831908Ki";
  it.each([
    [
      "an unknown type",
      ["--capacity-ephemeral-storage", "n9-standard-8=98831908Ki"],
      `--capacity-ephemeral-storage "n9-standard-8=98831908Ki": unknown machine type "n9-standard-8"; ${forms}`,
    ],
    [
      "a bad quantity",
      ["--capacity-ephemeral-storage", "n2-standard-8=100GB"],
      `--capacity-ephemeral-storage "n2-standard-8=100GB": "100GB" is not a Kubernetes quantity`,
    ],
    ["zero", ["--capacity-ephemeral-storage", "n2-standard-8=0Ki"], `--capacity-ephemeral-storage "n2-standard-8=0Ki": 0Ki must be above 0`],
    [
      "64 TiB or more (the largest boot disk)",
      ["--capacity-ephemeral-storage", "n2-standard-8=64Ti"],
      `--capacity-ephemeral-storage "n2-standard-8=64Ti": 64Ti must be below 64 TiB, the largest boot disk`,
    ],
    [
      "a type given twice",
      ["--capacity-ephemeral-storage", "n2-standard-8=70Gi", "--capacity-ephemeral-storage", "N2-STANDARD-8=71Gi"],
      "--capacity-ephemeral-storage: n2-standard-8 given twice (70Gi, 71Gi); give one value per machine type",
    ],
    [
      "a type of a provider not planned",
      ["--capacity-ephemeral-storage", "m5.xlarge=20959212Ki"],
      `--capacity-ephemeral-storage "m5.xlarge=20959212Ki": m5.xlarge is an aws type but the plan covers gcp; add --provider aws or leave it out`,
    ],
  ])("%s", async (_what, extra, message) => {
    expectOneLineUsageError(await runInProcess([...headline, ...extra]), message);
  });

  it("cc-plan node: another type's value, or two values", async () => {
    const other = await runInProcess(["node", "n2-standard-4", "--capacity-ephemeral-storage", "n2-standard-8=98831908Ki"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      'cc-plan: --capacity-ephemeral-storage "n2-standard-8=98831908Ki": names n2-standard-8, but this node is n2-standard-4; expected a quantity or n2-standard-4=QUANTITY: the status.capacity.ephemeral-storage of a real n2-standard-4 node, e.g. 98831908Ki\n',
    );
    const twice = await runInProcess(["node", "n2-standard-4", "--capacity-ephemeral-storage", "98831908Ki", "--capacity-ephemeral-storage", "98831900Ki"]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe("cc-plan: --capacity-ephemeral-storage: n2-standard-4 given twice (98831908Ki, 98831900Ki); give one value per machine type\n");
  });
});

describe("scenario: node.capacityEphemeralStorage is the flag", () => {
  it("the same node as the flag; the flag replaces the list; --provider narrows it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-capacity-eph-"));
    try {
      const file = join(dir, "s.yaml");
      writeFileSync(
        file,
        `version: 1\nname: s\nproviders: [gcp]\nenv: "${shape}"\ndemand:\n  peak: 30\nmachines: [n2-standard-8]\nnode:\n  capacityEphemeralStorage:\n    n2-standard-8: 70Gi\n`,
      );
      const fromFile = await runJson<PlanDocument>(["--scenario", file]);
      const fromFlag = await runJson<PlanDocument>([
        "--peak",
        "30",
        "--env",
        shape,
        "--provider",
        "gcp",
        "--machine",
        "n2-standard-8",
        "--capacity-ephemeral-storage",
        "n2-standard-8=70Gi",
      ]);
      expect(fromFile.doc.inputs.capacityEphemeralStorage).toEqual({ "n2-standard-8": 70 * Gi });
      expect(pool(fromFile.doc).node).toEqual(pool(fromFlag.doc).node);
      expect(pool(fromFile.doc).node.forEnvs.ephemeralStorageBytes).toBe(23622320016);
      const replaced = await runJson<PlanDocument>(["--scenario", file, "--capacity-ephemeral-storage", "n2-standard-8=98831908Ki"]);
      expect(replaced.doc.inputs.capacityEphemeralStorage).toEqual({ "n2-standard-8": 98831908 * Ki });
      expect(pool(replaced.doc).node.forEnvs.ephemeralStorageBytes).toBe(47060071478);
      const both = join(dir, "both.yaml");
      writeFileSync(
        both,
        `version: 1\nname: both\nenv: "${shape}"\ndemand:\n  peak: 30\nnode:\n  capacityEphemeralStorage:\n    n2-standard-8: 70Gi\n    Standard_D8s_v3: 129886128Ki\n`,
      );
      expect((await runJson<PlanDocument>(["--scenario", both])).doc.inputs.capacityEphemeralStorage).toEqual({
        "n2-standard-8": 70 * Gi,
        Standard_D8s_v3: 129886128 * Ki,
      });
      expect((await runJson<PlanDocument>(["--scenario", both, "--provider", "gcp"])).doc.inputs.capacityEphemeralStorage).toEqual({
        "n2-standard-8": 70 * Gi,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
