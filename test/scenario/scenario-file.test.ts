/**
 * Scenario files: schema/scenario.schema.json is what validates them. Every example validates and maps
 * onto the raw input it describes; the validator generated from the schema (scripts/gen-scenario-validator.mjs)
 * gives the verdicts ajv gives compiling the schema file itself; bad input gives one line with the file,
 * the line, the YAML path and the accepted forms, which come from the schema; and the checks a schema
 * cannot express (normal ≤ peak, per-provider keys among providers, …) still reject.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ajvOptions } from "../../scripts/gen-scenario-validator.mjs";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import { validateScenarioDocument } from "../../src/adapters/scenario/generated/validate-scenario.js";
import {
  parseScenarioText,
  readScenarioFile,
  type ScenarioInput,
  type ScenarioResult,
  scenarioClusterTiers,
  scenarioEmitTargets,
  scenarioStorageClasses,
} from "../../src/adapters/scenario-file.js";
import { pricingOptions } from "../../src/core/cost.js";
import { compileExpression } from "../../src/core/expression.js";
import { resolveMixRequest } from "../../src/core/mix-request.js";
import { computeNodeModel } from "../../src/core/node-model.js";
import { platforms as platformTable } from "../../src/core/platform.js";
import { clusterTierIds, storageClassProviders } from "../../src/core/resolve-costing.js";
import { resolvePlanRequest } from "../../src/core/resolve-request.js";

// Not test/support/cli.js: it loads the whole CLI, and this suite needs only the reader and the resolver.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const scenarioDir = join(repoRoot, "scenarios");
/** The schema file as published (with its $refs), compiled by ajv itself: the reference the generated validator must agree with. */
const schema = JSON.parse(readFileSync(join(repoRoot, "schema/scenario.schema.json"), "utf8"));
const validate = new Ajv2020(ajvOptions).compile(schema);
const files = readdirSync(scenarioDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

/** A small valid scenario; bad cases below change one thing in it. Its lines: 1 version, 2 name, 3 env, 4 demand:, 5 peak; appended lines start at 6. */
const base = `version: 1
name: base
env: 4cpu16g
demand:
  peak: 10
`;
/** A small valid mix: 1 version, 2 name, 3 envs:, 4 and 5 the two shapes; appended lines start at 6. */
const mixBase = `version: 1
name: mix
envs:
  - { env: 4cpu16g, peak: 10 }
  - { env: 8cpu32g, peak: 4, normal: 2 }
`;

function expectOneLineError(r: ScenarioResult): { path: string; message: string; line?: number } {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("expected an error");
  expect(r.error.message).not.toMatch(/\n/);
  expect(r.error.message).not.toMatch(/NaN|undefined|\[object /);
  expect(r.error.message).not.toMatch(/ {4}at /);
  expect(r.error.message).toMatch(/^scenario \S+/);
  return r.error;
}

describe("example scenarios", () => {
  it("there are the six documented ones (two of them mixes of env shapes)", () => {
    expect(files).toEqual([
      "codecanvas-60-envs.yaml",
      "codecanvas-instance-types.yaml",
      "complementary-mix.yaml",
      "follow-the-sun.yaml",
      "gitpod-reference.yaml",
      "team-20x3.yaml",
    ]);
  });

  it.each(files)("%s validates against the schema (the file and the generated validator), parses and resolves against the catalogs", (file) => {
    const path = join(scenarioDir, file);
    const r = readScenarioFile(path);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.name).toBe(file.replace(/\.yaml$/, ""));
    const data = parse(readFileSync(path, "utf8"));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(validateScenarioDocument(data), JSON.stringify(validateScenarioDocument.errors)).toBe(true);
    const catalogs = loadCatalogs(r.value.input.provider as ("gcp" | "azure")[]);
    if (r.value.input.envs) {
      const mix = resolveMixRequest(r.value.input, catalogs);
      if (!mix.ok) throw new Error(mix.error.message);
      expect(mix.value.shapes.length).toBeGreaterThan(1);
      return;
    }
    const req = resolvePlanRequest(r.value.input, catalogs);
    if (!req.ok) throw new Error(req.error.message);
    expect(req.value.envText).toBe("4cpu16g");
  });

  it("codecanvas-instance-types.yaml maps onto a mix: names, peaks, normals, disk and packing options", () => {
    const r = readScenarioFile(join(scenarioDir, "codecanvas-instance-types.yaml"));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.input.envs).toEqual([
      { name: "medium", env: "4cpu16g", peak: 40, normal: 20 },
      { name: "large", env: "8cpu32g", peak: 15, normal: 8 },
      { name: "x-large", env: "16cpu64g", peak: 5, normal: 2 },
      { name: "memory-heavy", env: "2cpu16g", peak: 10, normal: 5 },
    ]);
    expect(r.value.input).toMatchObject({ disk: "100Gi" });
    expect(r.value.input.maxPools).toBeUndefined();
    expect(r.value.input.env).toBeUndefined();
  });

  it("codecanvas-60-envs.yaml maps exactly onto the raw input", () => {
    const r = readScenarioFile(join(scenarioDir, "codecanvas-60-envs.yaml"));
    if (!r.ok) throw new Error(r.error.message);
    const input: ScenarioInput = {
      provider: ["gcp", "azure"],
      region: ["us-central1", "eastus"],
      // platforms { gcp: gke, azure: aks } are both defaults → no `platform`
      zones: ["3"],
      env: "4cpu16g",
      machine: ["n2-standard-32", "Standard_D64s_v3"],
      peak: 60,
      normal: 30,
      disk: "100Gi",
      storageClass: ["pd-balanced", "StandardSSD_LRS"],
      pricing: "on-demand",
      fixed: [
        {
          name: "codecanvas-application-cluster",
          machineType: "n2-standard-4",
          count: 4,
          source: "CodeCanvas GKE install guide: at least four nodes, 4 CPU cores and 8GB memory each",
        },
      ],
    };
    expect(r.value).toStrictEqual({
      name: "codecanvas-60-envs",
      description:
        "CodeCanvas install guides' example: 20 developers with 2-3 dev environments each, 60 concurrent 4 vCPU / 16 GB environments at peak, on GKE (us-central1) and AKS (eastus).",
      input,
      emit: ["gcloud", "az", "terraform", "k8s"],
    });
  });

  it("node.capacityMemory maps onto the --capacity-memory items (TYPE=QUANTITY), in the file's order", () => {
    const r = parseScenarioText(`${base}node:\n  capacityMemory:\n    n2-standard-16: 65851908Ki\n    Standard_D8s_v3: " 32863976Ki "\n`, "t.yaml");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.input.capacityMemory).toEqual(["n2-standard-16=65851908Ki", "Standard_D8s_v3=32863976Ki"]);
  });

  it("node.capacityEphemeralStorage maps onto the --capacity-ephemeral-storage items (TYPE=QUANTITY), in the file's order", () => {
    const r = parseScenarioText(`${base}node:\n  capacityEphemeralStorage:\n    n2-standard-8: 98831908Ki\n    Standard_D8s_v3: " 129886128Ki "\n`, "t.yaml");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.input.capacityEphemeralStorage).toEqual(["n2-standard-8=98831908Ki", "Standard_D8s_v3=129886128Ki"]);
  });

  it("the other files map their demand sections as written", () => {
    const team = readScenarioFile(join(scenarioDir, "team-20x3.yaml"));
    const sun = readScenarioFile(join(scenarioDir, "follow-the-sun.yaml"));
    const gitpod = readScenarioFile(join(scenarioDir, "gitpod-reference.yaml"));
    if (!team.ok || !sun.ok || !gitpod.ok) throw new Error("example does not parse");
    expect(team.value.input).toMatchObject({ users: 20, envsPerUser: 3, concurrency: 1 });
    expect(team.value.input.peak).toBeUndefined();
    expect(sun.value.input.zones).toEqual(["europe-west1-b,europe-west1-c,europe-west1-d"]);
    expect(sun.value.input.profile?.weekday).toHaveLength(24);
    expect(sun.value.input.standby).toEqual([{ name: "berlin-ready-pool", envs: 4, from: "08:00", to: "18:00", days: "weekdays" }]);
    expect(sun.value.input.warmups).toEqual([
      { name: "nightly-index", envs: 3, at: "03:00", durationMinutes: 30, days: "all", env: "4cpu16g", snapshot: "20Gi" },
    ]);
    expect(gitpod.value.input).toMatchObject({ provider: ["gcp"], machine: ["n2d-standard-16"], maxPods: 110, minNodes: 3 });
    expect(gitpod.value.input.platform).toBeUndefined();
  });
});

describe("mapping decisions", () => {
  const ok = (yaml: string): ScenarioInput => {
    const r = parseScenarioText(yaml, "t.yaml");
    if (!r.ok) throw new Error(r.error.message);
    return r.value.input;
  };

  it("packing (one shape or several) becomes the planner's preferences: --within, --max-envs-per-node, --max-pools, --time-limit", () => {
    expect(ok(`${base}packing: { within: 0, maxEnvsPerNode: 12, maxPools: 2, timeLimitSeconds: 1 }\n`)).toMatchObject({
      within: 0,
      maxEnvsPerNode: 12,
      maxPools: 2,
      timeLimit: 1,
    });
    expect(ok(base).within).toBeUndefined(); // the planner's default (2 %) applies
  });

  it("zone names per provider become comma lists in provider order; a count becomes one string", () => {
    expect(ok(`${base}providers: [azure, gcp]\nzones: { gcp: [us-central1-a, us-central1-b], azure: [1, 2, 3] }\n`).zones).toEqual([
      "1,2,3",
      "us-central1-a,us-central1-b",
    ]);
    expect(ok(`${base}zones: 2\n`).zones).toEqual(["2"]);
  });

  it("one non-default platform shared by all planned providers becomes `platform`", () => {
    expect(ok(`${base}providers: [azure]\nplatforms: { azure: aks-legacy }\n`).platform).toBe("aks-legacy");
    expect(ok(`${base}providers: [gcp, azure]\nplatforms: { gcp: flat, azure: flat }\n`).platform).toBe("flat");
    expect(ok(`${base}platforms: { gcp: gke, azure: aks }\n`).platform).toBeUndefined();
  });

  it("a cluster tier of none goes first and the other providers keep their tier", () => {
    expect(ok(`${base}providers: [gcp, azure]\ncluster: { tier: { gcp: none } }\n`).clusterTier).toEqual(["none", "aks-standard"]);
    expect(ok(`${base}providers: [gcp, azure]\ncluster: { tier: { azure: aks-free, gcp: gke-standard } }\n`).clusterTier).toEqual(["gke-standard", "aks-free"]);
  });

  it("node overrides become the CLI's strings", () => {
    const input = ok(
      `${base}node:\n  daemonsetOverhead: { cpu: 400m, memory: 700Mi, pods: 9 }\n  kubeReserved: { cpu: 0.14, memory: "11 * maxPods + 255" }\n  evictionHardMemory: 100Mi\n`,
    );
    expect(input).toMatchObject({
      daemonsetOverhead: "cpu=400m,memory=700Mi,pods=9",
      kubeReservedCpu: "0.14",
      kubeReservedMemory: "11 * maxPods + 255",
      evictionHardMemory: "100Mi",
    });
    expect(ok(`${base}node: { daemonsetOverhead: none }\n`).daemonsetOverhead).toBe("none");
  });

  // Issue 12: reservation expressions in a scenario were always refused (mathjs was loaded for flags only).
  const reserved = `${base}providers: [gcp]\nplatforms: { gcp: custom }\nnode:\n  kubeReserved: { cpu: "60 + 10 * vcpus", memory: 1Gi }\n  systemReserved:\n    memory: "memoryMiB / 100"\n`;

  it("reservation expressions pass through, and the input names each reservation's key, file and line for the resolver's messages", () => {
    const input = ok(reserved);
    expect(input).toMatchObject({ kubeReservedCpu: "60 + 10 * vcpus", kubeReservedMemory: "1Gi", systemReservedMemory: "memoryMiB / 100" });
    expect(input.fieldNames).toEqual({
      kubeReservedCpu: "scenario t.yaml line 9: node.kubeReserved.cpu",
      kubeReservedMemory: "scenario t.yaml line 9: node.kubeReserved.memory",
      systemReservedMemory: "scenario t.yaml line 11: node.systemReserved.memory",
    });
    expect(ok(base).fieldNames).toBeUndefined();
  });

  it("the resolver compiles them like the flags, and names the scenario's key when one is refused", () => {
    const catalogs = loadCatalogs(["gcp"]);
    const input = ok(reserved);
    const fromFile = resolvePlanRequest(input, catalogs, compileExpression);
    const { fieldNames: _names, ...asFlags } = input;
    const fromFlags = resolvePlanRequest(asFlags, catalogs, compileExpression);
    if (!fromFile.ok || !fromFlags.ok) throw new Error("not resolved");
    const n2 = catalogs.gcp?.machineTypes.find((m) => m.name === "n2-standard-4");
    if (!n2) throw new Error("no n2-standard-4");
    const model = (r: typeof fromFile) =>
      computeNodeModel(n2, { provider: "gcp", platform: "custom", ...(r.ok && r.value.overrides ? { overrides: r.value.overrides } : {}) });
    expect(model(fromFile)).toEqual(model(fromFlags));
    expect(model(fromFile).kubeReserved.cpuMillicores).toBe(100); // 60 + 10 × 4
    expect(model(fromFile).systemReserved.memoryBytes).toBe(164 * 2 ** 20); // ⌈16384 / 100⌉

    const bad = resolvePlanRequest(ok(reserved.replace("memoryMiB / 100", "import('fs')")), catalogs, compileExpression);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.field).toBe("scenario t.yaml line 11: node.systemReserved.memory");
      expect(bad.error.message).toMatch(
        /^scenario t\.yaml line 11: node\.systemReserved\.memory "import\('fs'\)": the function import is not allowed .*; expected an expression of vcpus, memoryMiB and maxPods .* giving a non-negative number of MiB below 2\^33 \(8 PiB\), rounded up$/,
      );
    }
  });

  it("fixed lines and per-node fees pass through", () => {
    const input = ok(
      `${base}fixed:\n  - { name: db, usdPerMonth: 120, source: quote }\n  - { name: app, machineType: n2-standard-4 }\nperNodeFees:\n  - { name: agent, usdPerNodeMonth: 15, source: vendor price list }\n`,
    );
    expect(input.fixed).toEqual([
      { name: "db", usdPerMonth: 120, source: "quote" },
      { name: "app", machineType: "n2-standard-4" },
    ]);
    expect(input.perNodeFees).toEqual([{ name: "agent", usdPerNodeMonth: 15, source: "vendor price list" }]);
  });
});

describe("the schema's lists", () => {
  // The schema is the scenario format; these lists must also be what the resolver (src/core) accepts.
  it("the reader's exported lists are the schema's enums", () => {
    expect(scenarioStorageClasses.gcp).toEqual(schema.properties.storage.properties.class.properties.gcp.enum);
    expect(scenarioStorageClasses.azure).toEqual(schema.properties.storage.properties.class.properties.azure.enum);
    expect(scenarioStorageClasses.aws).toEqual(schema.properties.storage.properties.class.properties.aws.enum);
    for (const p of ["gcp", "azure", "aws"] as const) expect(scenarioClusterTiers[p]).toEqual(schema.properties.cluster.properties.tier.properties[p].enum);
    expect(scenarioEmitTargets).toEqual(schema.properties.emit.items.enum);
  });

  it("storage classes, cluster tiers, pricing options and platforms agree with the resolver's", () => {
    const classes = schema.properties.storage.properties.class.properties as Record<string, { enum: string[] }>;
    expect(Object.fromEntries(Object.entries(classes).flatMap(([p, c]) => c.enum.map((x) => [x, p])))).toEqual(storageClassProviders);
    const tiers = schema.properties.cluster.properties.tier.properties as Record<string, { enum: string[] }>;
    expect(new Set(Object.values(tiers).flatMap((t) => t.enum))).toEqual(new Set(clusterTierIds));
    expect(schema.properties.pricing.enum).toEqual(pricingOptions);
    for (const p of ["gcp", "azure", "aws"] as const) {
      const fromTable = Object.entries(platformTable).flatMap(([id, x]) => (x.providers.includes(p) ? [id] : []));
      expect(new Set(schema.properties.platforms.properties[p].enum)).toEqual(new Set(fromTable));
    }
  });
});

/**
 * [what, YAML, YAML path, line, a fragment of the message]. Each is `base` or `mixBase` with one mistake.
 * Lines: from the YAML text (see `base`); a missing key is reported on the line of its mapping (its first
 * key), an unknown key on its own line. Fragments: the accepted forms as the schema states them (its
 * enum, range, keys and `description`s, quoted from schema/scenario.schema.json; "describe the accepted
 * forms" below derives some of them from the schema file instead), or a parser's reason for quantities
 * and env shapes (src/core/units).
 */
type BadCase = [string, string, string, number, string | RegExp];
const schemaCases: BadCase[] = [
  [
    "unknown key",
    base.replace("peak: 10", "peek: 10"),
    "demand.peek",
    5,
    'demand: unknown key "peek" (did you mean "peak"?); expected one of peak, normal, users, envsPerUser, concurrency, profile, standby, warmups',
  ],
  [
    "unknown top-level key",
    `${base}regoins: { gcp: us-central1 }\n`,
    "regoins",
    6,
    'unknown key "regoins" at the top level (did you mean "regions"?); expected one of version, name, description, providers, regions,',
  ],
  [
    "wrong unit for disk",
    `${base}storage: { disk: 16GB }\n`,
    "storage.disk",
    6,
    '"16GB" is not a Kubernetes quantity such as 500m, 2, 1.5, 16Gi, 16380004Ki, 1.5G; write 16Gi',
  ],
  [
    "a bare number for disk",
    `${base}storage: { disk: 100 }\n`,
    "storage.disk",
    6,
    "expected a Kubernetes quantity such as 100Gi, 1.5G or 700Mi (Ki/Mi/Gi… are powers of 1024, k/M/G… powers of 1000); a bare number would be bytes, so write it as text with a unit, got 100",
  ],
  ["negative count", base.replace("peak: 10", "peak: -1"), "demand.peak", 5, "demand.peak: expected a whole number from 1 to 1000000, got -1"],
  ["fractional count", base.replace("peak: 10", "peak: 2.5"), "demand.peak", 5, "expected a whole number from 1 to 1000000, got 2.5"],
  [
    "quoted number",
    base.replace("peak: 10", 'peak: "10"'),
    "demand.peak",
    5,
    'expected a whole number from 1 to 1000000, got "10" (write numbers without quotes)',
  ],
  ["NaN count", base.replace("peak: 10", "peak: .nan"), "demand.peak", 5, "expected a whole number from 1 to 1000000, got .nan"],
  [
    "negative standby envs",
    `${base}  standby: [{ envs: -3, from: "08:00", to: "18:00" }]\n`,
    "demand.standby[0].envs",
    6,
    "expected a whole number from 1 to 1000000, got -3",
  ],
  [
    "profile of 23 values",
    `${base}  profile: { weekday: [${Array(23).fill(1).join(", ")}], weekend: [${Array(24).fill(0).join(", ")}] }\n`,
    "demand.profile.weekday",
    6,
    "demand.profile.weekday: expected a list of exactly 24 items, each a whole number from 0 to 1000000 (24 whole numbers ≥ 0: concurrent environments for hours 00–23 (index 0 = 00:00–01:00)), got a list of 23",
  ],
  [
    "negative profile value",
    `${base}  profile: { weekday: [${Array(23).fill(1).join(", ")}, -1], weekend: [${Array(24).fill(0).join(", ")}] }\n`,
    "demand.profile.weekday[23]",
    6,
    "expected a whole number from 0 to 1000000, got -1",
  ],
  [
    "unknown storage class",
    `${base}storage: { class: { gcp: pd-fast } }\n`,
    "storage.class.gcp",
    6,
    'storage.class.gcp: expected one of pd-balanced, pd-ssd, pd-standard, pd-balanced-regional, pd-ssd-regional, pd-standard-regional, got "pd-fast"',
  ],
  ["a near miss", `${base}storage: { class: { gcp: pd-ssdd } }\n`, "storage.class.gcp", 6, 'got "pd-ssdd" (did you mean "pd-ssd"?)'],
  [
    "Azure class under gcp",
    `${base}storage: { class: { gcp: Premium_LRS } }\n`,
    "storage.class.gcp",
    6,
    'expected one of pd-balanced, pd-ssd, pd-standard, pd-balanced-regional, pd-ssd-regional, pd-standard-regional, got "Premium_LRS"',
  ],
  [
    "bad time 25:00",
    `${base}  standby: [{ envs: 3, from: "25:00", to: "18:00" }]\n`,
    "demand.standby[0].from",
    6,
    'expected a time of day "HH:MM", 24-hour clock, 00:00 to 23:59 (quote it in YAML to be safe), got "25:00"',
  ],
  [
    "time without leading zero",
    `${base}  warmups: [{ envs: 3, at: "3:00", durationMinutes: 30 }]\n`,
    "demand.warmups[0].at",
    6,
    'expected a time of day "HH:MM", 24-hour clock, 00:00 to 23:59 (quote it in YAML to be safe), got "3:00"',
  ],
  [
    "bad day set",
    `${base}  standby: [{ envs: 3, from: "08:00", to: "18:00", days: mondays }]\n`,
    "demand.standby[0].days",
    6,
    'expected one of weekdays, weekends, all, got "mondays"',
  ],
  ["version 2", base.replace("version: 1", "version: 2"), "version", 1, "version: expected 1 (format version; 1 is the only one so far), got 2"],
  ["missing version", base.replace("version: 1\n", ""), "version", 1, "version: required: 1 (format version; 1 is the only one so far)"],
  [
    "usdPerMonth without source",
    `${base}fixed:\n  - { name: db, usdPerMonth: 120 }\n`,
    "fixed[0].source",
    7,
    "fixed[0].source: required: where the number comes from (required with usdPerMonth)",
  ],
  [
    "usdPerMonth and machineType",
    `${base}fixed:\n  - { name: db, usdPerMonth: 1, source: x, machineType: n2-standard-4 }\n`,
    "fixed[0]",
    7,
    "fixed[0]: expected one of these forms: a cost line with a monthly price and its source: a mapping (key: value lines) with keys name, usdPerMonth, source; or a cost line priced from the catalog: a machine type (on-demand, 730 h a month) times a count: a mapping (key: value lines) with keys name, machineType, count, source",
  ],
  ["a fixed line with a name only", `${base}fixed:\n  - { name: db }\n`, "fixed[0]", 7, "expected one of these forms: a cost line with a monthly price"],
  [
    "bad env shape",
    base.replace("4cpu16g", "16g"),
    "env",
    3,
    '"16g" is not <cpu>cpu<memory>g such as 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB, or m = MiB), or cpu=4,memory=16Gi',
  ],
  [
    "bad name",
    base.replace("name: base", "name: Base_1"),
    "name",
    2,
    `name: expected lower-case letters, digits and - (the scenario's name), e.g. codecanvas-60-envs, at most 100 characters, got "Base_1"`,
  ],
  [
    "missing demand",
    base.replace(/demand:\n {2}peak: 10\n/, ""),
    "demand",
    1,
    "demand: required: peak (or users × envsPerUser × concurrency, or an hourly profile), normal, standby pools and warm-ups of the one env shape",
  ],
  [
    "demand without peak, users or profile",
    base.replace("peak: 10", "normal: 5"),
    "demand",
    5,
    "demand: needs peak, users or profile: peak (concurrent environments at peak), users (developers; envs that exist (billed disks) = users × envsPerUser), profile (concurrent environments per hour of the week",
  ],
  [
    "envsPerUser without users",
    base.replace("peak: 10", "peak: 10\n  envsPerUser: 3"),
    "demand.envsPerUser",
    6,
    "demand.envsPerUser: needs users (developers; envs that exist (billed disks) = users × envsPerUser)",
  ],
  [
    "concurrency with peak",
    base.replace("peak: 10", "peak: 10\n  users: 5\n  concurrency: 0.5"),
    "demand.concurrency",
    7,
    "demand.concurrency: not allowed together with peak (share of existing envs running at peak, 0 < r ≤ 1; used with users when peak is absent)",
  ],
  ["concurrency 0", base.replace("peak: 10", "users: 5\n  concurrency: 0"), "demand.concurrency", 6, "expected a number greater than 0 and at most 1, got 0"],
  ["unknown provider", `${base}providers: [gcp, ibm]\n`, "providers[1]", 6, 'providers[1]: expected one of gcp, azure, aws, got "ibm"'],
  [
    "no providers",
    `${base}providers: []\n`,
    "providers",
    6,
    "expected a list of at least one item (each once), each one of gcp, azure, aws (providers to plan",
  ],
  [
    "unknown pricing",
    `${base}pricing: reserved\n`,
    "pricing",
    6,
    'expected one of on-demand, spot, sud, cud-1y, cud-3y, ri-1y, ri-3y, savings-1y, savings-3y, got "reserved"',
  ],
  ["platform on the wrong provider", `${base}platforms: { gcp: aks }\n`, "platforms.gcp", 6, 'platforms.gcp: expected one of gke, flat, custom, got "aks"'],
  [
    "region in capitals",
    `${base}regions: { gcp: US }\n`,
    "regions.gcp",
    6,
    'expected region for gcp such as us-central1 (lower-case letters, digits and -), from `cc-plan catalog regions`, got "US"',
  ],
  ["bad zone count", `${base}zones: 0\n`, "zones", 6, "zones: expected a whole number from 1 to 10, got 0"],
  [
    "zones as a word",
    `${base}zones: three\n`,
    "zones",
    6,
    'expected one of these forms: zone count for every provider: a whole number from 1 to 10; or zone names per provider: a mapping (key: value lines) with keys gcp, azure, got "three"',
  ],
  ["Azure zone 4", `${base}zones: { azure: [1, 4] }\n`, "zones.azure[1]", 6, "zones.azure[1]: expected a whole number from 1 to 3, got 4"],
  ["unknown emit kind", `${base}emit: [gcloud, pulumi]\n`, "emit[1]", 6, 'expected one of gcloud, az, terraform, k8s, karpenter, got "pulumi"'],
  ["repeated machine", `${base}machines: [n2-standard-32, n2-standard-32]\n`, "machines[1]", 6, '"n2-standard-32" is listed twice'],
  [
    "cluster tier of another provider",
    `${base}cluster: { tier: { gcp: aks-free } }\n`,
    "cluster.tier.gcp",
    6,
    'expected one of gke-standard, none, got "aks-free"',
  ],
  ["autoscaler out of range", `${base}autoscaler: { nodeStartMinutes: 90 }\n`, "autoscaler.nodeStartMinutes", 6, "expected a number from 0 to 60, got 90"],
  [
    "a list where a mapping belongs",
    `${base}storage: [disk, 100Gi]\n`,
    "storage",
    6,
    "expected a mapping (key: value lines) with keys disk, class, got a list of 2",
  ],
  [
    "perNodeFees without source",
    `${base}perNodeFees: [{ name: agent, usdPerNodeMonth: 15 }]\n`,
    "perNodeFees[0].source",
    6,
    "perNodeFees[0].source: required: where the number comes from",
  ],
  ["eviction threshold without unit", `${base}node: { evictionHardMemory: lots }\n`, "node.evictionHardMemory", 6, '"lots" is not a Kubernetes quantity'],
  [
    "observed capacity without unit",
    `${base}node: { capacityMemory: { n2-standard-16: lots } }\n`,
    "node.capacityMemory.n2-standard-16",
    6,
    '"lots" is not a Kubernetes quantity',
  ],
  ["observed capacity as a list", `${base}node: { capacityMemory: [65851908Ki] }\n`, "node.capacityMemory", 6, "node.capacityMemory: expected a mapping"],
  [
    "observed ephemeral storage without unit",
    `${base}node: { capacityEphemeralStorage: { n2-standard-8: lots } }\n`,
    "node.capacityEphemeralStorage.n2-standard-8",
    6,
    '"lots" is not a Kubernetes quantity',
  ],
  [
    "observed ephemeral storage as a list",
    `${base}node: { capacityEphemeralStorage: [98831908Ki] }\n`,
    "node.capacityEphemeralStorage",
    6,
    "node.capacityEphemeralStorage: expected a mapping",
  ],
  [
    "system pods as a word",
    `${base}node: { daemonsetOverhead: some }\n`,
    "node.daemonsetOverhead",
    6,
    'expected one of these forms: no system pods: none; or total requests of the system pods on one node: a mapping (key: value lines) with keys cpu, memory, pods, got "some"',
  ],
  ["blank description", `${base}description: "  "\n`, "description", 6, 'expected non-empty text, got " "'],
  [
    "warm-up without a time",
    `${base}  warmups: [{ envs: 3, durationMinutes: 30 }]\n`,
    "demand.warmups[0].at",
    6,
    'required: start time; a time of day "HH:MM", 24-hour clock, 00:00 to 23:59',
  ],
  [
    "mix: env and envs",
    `${mixBase}env: 4cpu16g\n`,
    "env",
    6,
    "env: not allowed with envs; the accepted forms: one env shape: env and demand (without envs); or several env shapes: envs, each with its peak, optional packing, and a demand with only an hourly profile and standby pools (without env)",
  ],
  // since issue 10 a mix takes demand.profile and demand.standby (shared out over the shapes), nothing else
  [
    "mix: demand.peak with envs",
    `${mixBase}demand: { peak: 3 }\n`,
    "demand.peak",
    6,
    'demand: key "peak" is not allowed here (with several shapes demand takes only profile and standby, shared out over the shapes by their peaks); expected one of profile, standby',
  ],
  [
    "mix: an env without peak",
    mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cpu16g }"),
    "envs[0].peak",
    4,
    "envs[0].peak: required: concurrent envs of this shape at peak",
  ],
  ["mix: a bad shape", mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cores, peak: 10 }"), "envs[0].env", 4, '"4cores" is not <cpu>cpu<memory>g'],
  [
    "mix: unknown key in an env",
    mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cpu16g, peak: 10, max: 3 }"),
    "envs[0].max",
    4,
    'envs[0]: unknown key "max"; expected one of name, env, peak, normal, disk',
  ],
  [
    "mix: unknown packing option",
    `${mixBase}packing: { pools: 2 }\n`,
    "packing.pools",
    6,
    'packing: unknown key "pools"; expected one of within, maxEnvsPerNode, maxPools, perZone, timeLimitSeconds',
  ],
  ["mix: maxPools 0", `${mixBase}packing: { maxPools: 0 }\n`, "packing.maxPools", 6, "expected a whole number from 1 to 20, got 0"],
  ["mix: perZone not a boolean", `${mixBase}packing: { perZone: yes please }\n`, "packing.perZone", 6, 'expected true or false, got "yes please"'],
  [
    "mix: 13 shapes",
    `version: 1\nname: m\nenvs:\n${Array(13).fill("  - { env: 4cpu16g, peak: 1 }\n").join("")}`,
    "envs",
    4,
    "envs: expected a list of 1 to 12 items, each a mapping (key: value lines) with keys name, env, peak, normal, disk",
  ],
  // packing is allowed with one shape too since issue 10 (within, maxEnvsPerNode, maxPools, timeLimitSeconds); a bad value is still caught
  [
    "packing with one shape: within out of range",
    `${base}packing: { within: 101 }\n`,
    "packing.within",
    6,
    "packing.within: expected a number from 0 to 100, got 101",
  ],
  [
    "neither env nor envs",
    "version: 1\nname: x\n",
    "",
    1,
    "line 1: expected one of these forms: one env shape: env and demand (without envs); or several env shapes: envs, each with its peak, optional packing, and a demand with only an hourly profile and standby pools (without env)",
  ],
];
/** Rules a JSON Schema cannot express (src/adapters/scenario/semantic.ts), and YAML-level mistakes. */
const codeCases: BadCase[] = [
  ["YAML syntax error", `${base}machines: [n2-standard-32\nmaxPods: 110\n`, "", 7, /line \d+: YAML syntax error: /],
  ["duplicate key", `${base}  peak: 20\n`, "demand.peak", 6, 'line 6: demand: duplicate key "peak"; each key may appear once'],
  [
    "normal above peak",
    base.replace("peak: 10", "peak: 10\n  normal: 11"),
    "demand.normal",
    6,
    "normal (11) exceeds peak (10); normal concurrency must be ≤ peak",
  ],
  ["mix: normal above peak", mixBase.replace("peak: 4, normal: 2", "peak: 4, normal: 5"), "envs[1].normal", 5, "normal (5) exceeds peak (4)"],
  ["region for a provider not planned", `${base}providers: [gcp]\nregions: { azure: eastus }\n`, "regions.azure", 7, "azure is not in providers (gcp)"],
  [
    "two different non-default platforms",
    `${base}providers: [gcp, azure]\nplatforms: { gcp: flat, azure: aks-legacy }\n`,
    "platforms",
    7,
    "gcp flat and azure aks-legacy differ; per-provider platforms come later",
  ],
  [
    "one non-default platform next to a default one",
    `${base}providers: [gcp, azure]\nplatforms: { azure: aks-legacy }\n`,
    "platforms",
    7,
    "per-provider platforms come later",
  ],
  ["non-default platform without providers", `${base}platforms: { azure: aks-legacy }\n`, "platforms.azure", 6, "list providers too"],
  ["standby from = to", `${base}  standby: [{ envs: 3, from: "08:00", to: "08:00" }]\n`, "demand.standby[0].to", 6, "equals from (08:00)"],
  [
    "warm-up env differs",
    `${base}  warmups: [{ envs: 3, at: "03:00", durationMinutes: 30, env: 2cpu8g }]\n`,
    "demand.warmups[0].env",
    6,
    "differs from env (4cpu16g)",
  ],
  [
    "zone of another region",
    `${base}regions: { gcp: europe-west1 }\nzones: { gcp: [us-central1-a] }\n`,
    "zones.gcp[0]",
    7,
    "expected a zone of europe-west1 such as europe-west1-a",
  ],
  ['Azure zone 1 and "1"', `${base}zones: { azure: [1, "1"] }\n`, "zones.azure[1]", 6, '"1" is listed twice'],
  ["zero disk", `${base}storage: { disk: 0Gi }\n`, "storage.disk", 6, 'expected a size greater than 0, got "0Gi"'],
  [
    "zero observed capacity",
    `${base}node: { capacityMemory: { n2-standard-16: 0Ki } }\n`,
    "node.capacityMemory.n2-standard-16",
    6,
    'expected a size greater than 0, got "0Ki"',
  ],
  [
    "zero observed ephemeral storage",
    `${base}node: { capacityEphemeralStorage: { n2-standard-8: 0Ki } }\n`,
    "node.capacityEphemeralStorage.n2-standard-8",
    6,
    'expected a size greater than 0, got "0Ki"',
  ],
  ["zero-CPU env shape", base.replace("4cpu16g", "0cpu16g"), "env", 3, "requests zero CPU or memory"],
  ["CPU of system pods", `${base}node: { daemonsetOverhead: { cpu: lots } }\n`, "node.daemonsetOverhead.cpu", 6, '"lots" is not a Kubernetes quantity'],
  [
    "reserved memory neither quantity nor expression",
    `${base}node: { kubeReserved: { memory: 12XB } }\n`,
    "node.kubeReserved.memory",
    6,
    '"12XB" is not a Kubernetes quantity',
  ],
  [
    "repeated fixed name",
    `${base}fixed:\n  - { name: db, usdPerMonth: 1, source: x }\n  - { name: db, usdPerMonth: 2, source: y }\n`,
    "fixed[1].name",
    8,
    '"db" is used twice in fixed',
  ],
];

describe("bad input", () => {
  it("the tables are big enough", () => {
    expect(schemaCases.length).toBeGreaterThanOrEqual(25);
  });

  it.each([...schemaCases, ...codeCases])("%s → one line with the file, the line, the YAML path and what is accepted", (_what, yaml, path, line, fragment) => {
    const e = expectOneLineError(parseScenarioText(yaml, "bad.yaml"));
    expect(e.path).toBe(path);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^scenario bad\\.yaml line ${line}: `));
    // The message names the path, or (unknown and duplicate keys) the mapping and the key.
    const shown = e.message.replace(/^scenario bad\.yaml line \d+: /, "");
    const parent = path.replace(/(^|\.)[^.[\]]+$|\[\d+\]$/, "");
    const key = path.slice(parent.length).replace(/^\./, "");
    if (path !== "") expect(shown.startsWith(`${path}:`) || (shown.startsWith(parent === "" ? "" : `${parent}:`) && shown.includes(`key "${key}"`))).toBe(true);
    if (typeof fragment === "string") expect(e.message).toContain(fragment);
    else expect(e.message).toMatch(fragment);
  });

  it.each(schemaCases)("%s → the schema rejects it (ajv on the schema file)", (_what, yaml) => {
    expect(validate(parse(yaml))).toBe(false);
  });

  it.each(codeCases.slice(2))("%s → passes the schema; the check in code rejects it", (_what, yaml) => {
    expect(validate(parse(yaml)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the base scenarios are valid", () => {
    expect(parseScenarioText(base, "base.yaml").ok).toBe(true);
    expect(parseScenarioText(mixBase, "mix.yaml").ok).toBe(true);
  });

  it("an empty file, a list, and an unknown alias are one-line errors too", () => {
    expect(expectOneLineError(parseScenarioText("", "e.yaml")).message).toBe(
      "scenario e.yaml: the file is empty; expected a mapping with version: 1, name, env and demand",
    );
    expect(expectOneLineError(parseScenarioText("- 1\n", "l.yaml")).message).toMatch(
      /^scenario l\.yaml line 1: expected a mapping \(key: value lines\) with keys version, name, .*, got a list of 1$/,
    );
    expect(expectOneLineError(parseScenarioText(`${base}description: *nowhere\n`, "a.yaml")).message).toContain("unknown alias *nowhere");
  });

  it("aliases resolve, and a billion-laughs file is refused without blowing up", () => {
    const r = parseScenarioText(
      `version: 1\nname: a\nenv: &shape 4cpu16g\ndemand: { peak: 3, warmups: [{ envs: 1, at: "03:00", durationMinutes: 5, env: *shape }] }\n`,
      "a.yaml",
    );
    expect(r.ok && r.value.input.warmups?.[0]?.env).toBe("4cpu16g");
    let laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 9; i++)
      laughs += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    expect(expectOneLineError(parseScenarioText(laughs, "lol.yaml")).message).toContain("too many aliases");
  });

  it("a key named __proto__ is an unknown key, not a prototype", () => {
    const e = expectOneLineError(parseScenarioText(`${base}__proto__: { peak: 1 }\n`, "p.yaml"));
    expect(e.message).toBe(`scenario p.yaml line 6: unknown key "__proto__" at the top level; expected one of ${Object.keys(schema.properties).join(", ")}`);
  });

  it("readScenarioFile reports a missing file, a directory and a file's own errors in one line", () => {
    expect(expectOneLineError(readScenarioFile("/nonexistent/dir/x.yaml")).message).toBe("scenario /nonexistent/dir/x.yaml: no such file");
    expect(expectOneLineError(readScenarioFile(scenarioDir)).message).toBe(`scenario ${scenarioDir}: is a directory, not a file`);
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-scenario-"));
    writeFileSync(join(dir, "s.yaml"), base.replace("peak: 10", "peak: -1"));
    expect(expectOneLineError(readScenarioFile(join(dir, "s.yaml"))).message).toBe(
      `scenario ${join(dir, "s.yaml")} line 5: demand.peak: expected a whole number from 1 to 1000000, got -1`,
    );
  });

  it("a device, a FIFO or an oversized file is refused in one line without being read (issue 12: /dev/zero was read forever)", () => {
    const notRegular = "is not a regular file (a device, pipe or socket); pass a YAML file";
    for (const dev of ["/dev/zero", "/dev/urandom"]) expect(expectOneLineError(readScenarioFile(dev)).message).toBe(`scenario ${dev}: ${notRegular}`);
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-scenario-"));
    const fifo = join(dir, "pipe.yaml");
    execFileSync("mkfifo", [fifo]); // opening it for reading would block until a writer came
    expect(expectOneLineError(readScenarioFile(fifo)).message).toBe(`scenario ${fifo}: ${notRegular}`);
    const big = join(dir, "big.yaml");
    writeFileSync(big, `${base}# ${"x".repeat(1024 * 1024)}\n`); // over the 1 MiB limit (maxScenarioBytes)
    expect(expectOneLineError(readScenarioFile(big)).message).toBe(`scenario ${big}: the file is larger than 1 MiB; a scenario is a small YAML file`);
  });
});

describe("the accepted forms come from the schema", () => {
  // Expected text computed here from schema/scenario.schema.json, so a change of the schema changes the message.
  const message = (yaml: string): string => expectOneLineError(parseScenarioText(yaml, "s.yaml")).message;
  const sentence = (d: string): string => (d.charAt(0).toLowerCase() + d.slice(1)).replace(/\.$/, "");

  it("enums: every one of them is listed", () => {
    const cases: [string, string[]][] = [
      [`${base}pricing: nope\n`, schema.properties.pricing.enum],
      [`${base}emit: [nope]\n`, schema.properties.emit.items.enum],
      [`${base}providers: [nope]\n`, schema.properties.providers.items.enum],
      [`${base}platforms: { azure: nope }\n`, schema.properties.platforms.properties.azure.enum],
      [`${base}cluster: { tier: { azure: nope } }\n`, schema.properties.cluster.properties.tier.properties.azure.enum],
      [`${base}storage: { class: { azure: nope } }\n`, schema.properties.storage.properties.class.properties.azure.enum],
      [`${base}  standby: [{ envs: 1, from: "08:00", to: "09:00", days: nope }]\n`, schema.$defs.daySet.enum],
    ];
    for (const [yaml, options] of cases) expect(message(yaml)).toContain(`expected one of ${options.join(", ")}, got "nope"`);
  });

  it("ranges: the schema's minimum and maximum", () => {
    const count = schema.$defs.envCount;
    expect(message(base.replace("peak: 10", "peak: 0"))).toContain(`expected a whole number from ${count.minimum} to ${count.maximum}, got 0`);
    const start = schema.properties.autoscaler.properties.nodeStartMinutes;
    expect(message(`${base}autoscaler: { nodeStartMinutes: -1 }\n`)).toContain(`expected a number from ${start.minimum} to ${start.maximum}, got -1`);
    const pods = schema.properties.maxPods;
    expect(message(`${base}maxPods: 0\n`)).toContain(`expected a whole number from ${pods.minimum} to ${pods.maximum}, got 0`);
  });

  it("unknown keys: the mapping's keys", () => {
    expect(message(`${base}storage: { size: 1Gi }\n`)).toContain(`expected one of ${Object.keys(schema.properties.storage.properties).join(", ")}`);
    expect(message(`${base}autoscaler: { min: 1 }\n`)).toContain(`expected one of ${Object.keys(schema.properties.autoscaler.properties).join(", ")}`);
  });

  it("patterns and required keys: the descriptions", () => {
    expect(message(`${base}  standby: [{ envs: 1, from: "8", to: "09:00" }]\n`)).toContain(`expected ${sentence(schema.$defs.timeOfDay.description)}, got "8"`);
    expect(message(`${base}  standby: [{ envs: 1, to: "09:00" }]\n`)).toContain(
      `required: ${sentence(schema.properties.demand.properties.standby.items.properties.from.description)}; ${sentence(schema.$defs.timeOfDay.description)}`,
    );
    expect(message(base.replace("name: base\n", ""))).toContain(`name: required: ${sentence(schema.properties.name.description)}`);
  });

  it("oneOf: every branch's description", () => {
    const forms = schema.properties.zones.oneOf.map((b: { description: string }) => sentence(b.description));
    const m = message(`${base}zones: [1]\n`);
    for (const f of forms) expect(m).toContain(f);
    for (const b of schema.oneOf as { description: string }[]) expect(message("version: 1\nname: x\n")).toContain(sentence(b.description));
  });
});

describe("which error is shown when there are several", () => {
  const error = (yaml: string): { path: string; message: string; line?: number } => expectOneLineError(parseScenarioText(yaml, "s.yaml"));

  it("the deepest path wins: a misspelt key, not the demand it leaves without a peak", () => {
    // ajv reports both: demand has none of peak, users, profile (anyOf) and demand.peek is unknown.
    expect(validate(parse(base.replace("peak: 10", "peek: 10")))).toBe(false);
    expect(validate.errors?.map((e) => e.keyword).sort()).toEqual(["additionalProperties", "anyOf", "required", "required", "required"]);
    expect(error(base.replace("peak: 10", "peek: 10")).path).toBe("demand.peek");
  });

  it("at the same depth, the earlier line wins", () => {
    expect(error(`${base.replace("peak: 10", "peak: -1")}storage: { disk: 100 }\n`).path).toBe("demand.peak");
    expect(error(`version: 1\nname: x\nstorage: { disk: 100 }\nenv: 4cpu16g\ndemand: { peak: -1 }\n`).path).toBe("storage.disk");
  });

  it("a oneOf explains the branch the document meant: its type, and for a mapping its keys", () => {
    // zones: a count (integer) or names (mapping); an integer out of range is explained as a count.
    expect(error(`${base}zones: 11\n`).message).toContain("zones: expected a whole number from 1 to 10, got 11");
    expect(error(`${base}zones: { gcp: us-central1-a }\n`).path).toBe("zones.gcp");
    // fixed: a price with its source, or a machine type; usdPerMonth says which one is meant.
    expect(error(`${base}fixed: [{ name: db, usdPerMonth: -1, source: quote }]\n`).message).toContain(
      "fixed[0].usdPerMonth: expected a number from 0 to 1000000000, got -1",
    );
    expect(error(`${base}fixed: [{ name: db, machineType: n2-standard-4, count: 0 }]\n`).message).toContain(
      "fixed[0].count: expected a whole number from 1 to 100000, got 0",
    );
    expect(error(`${base}fixed: [{ name: db, usdPerMonth: 5, source: quote, price: 3 }]\n`).message).toContain(
      'fixed[0]: unknown key "price"; expected one of name, usdPerMonth, source',
    );
  });

  it("a document that passes the schema but fails a check in code is reported by the check", () => {
    const yaml = base.replace("peak: 10", "peak: 10\n  normal: 11");
    expect(validateScenarioDocument(parse(yaml))).toBe(true);
    expect(error(yaml).path).toBe("demand.normal");
  });
});

describe("the generated validator is the schema", () => {
  // Verdicts of src/adapters/scenario/generated/validate-scenario.ts (ajv standalone code of the schema
  // with $refs inlined) against ajv compiling the schema file itself, on mutations of the examples.
  const examples = files.map((f) => parse(readFileSync(join(scenarioDir, f), "utf8")) as unknown);
  const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
    Array.isArray(v)
      ? [at, ...v.flatMap((x, i) => paths(x, [...at, i]))]
      : v !== null && typeof v === "object"
        ? [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))]
        : [at];
  const setAt = (v: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown => {
    if (path.length === 0) return value;
    const [head, ...rest] = path as [string | number, ...(string | number)[]];
    const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
    if (rest.length === 0 && remove) {
      if (Array.isArray(copy)) (copy as unknown[]).splice(Number(head), 1);
      else delete copy[head];
    } else copy[head] = setAt(copy[head], rest, value, remove);
    return copy;
  };
  const interesting = fc.constantFrom<unknown>(
    0,
    -1,
    1,
    1.5,
    24,
    1_000_001,
    "",
    " ",
    "x",
    "none",
    "gcp",
    "4cpu16g",
    "16Gi",
    "08:00",
    "pd-ssd",
    true,
    null,
    [],
    {},
    [1, 1],
    { x: 1 },
    { peak: 3 },
  );
  const mutation = fc.record({
    example: fc.integer({ min: 0, max: examples.length - 1 }),
    pick: fc.nat(),
    value: fc.oneof(interesting, fc.jsonValue({ maxDepth: 2 })),
    remove: fc.boolean(),
    extraKey: fc.option(fc.constantFrom("x", "peek", "regoins", "name"), { nil: undefined }),
  });

  it("the same verdict as ajv on the schema file, and the reader rejects what the schema rejects", () => {
    let rejected = 0;
    fc.assert(
      fc.property(mutation, ({ example, pick, value, remove, extraKey }) => {
        const doc = examples[example];
        const all = paths(doc);
        const path = all[pick % all.length] ?? [];
        let mutated = setAt(doc, path, value, remove && path.length > 0);
        if (extraKey !== undefined && mutated !== null && typeof mutated === "object" && !Array.isArray(mutated)) mutated = { ...mutated, [extraKey]: value };
        const expected = validate(mutated);
        expect(validateScenarioDocument(mutated)).toBe(expected);
        if (!expected) {
          rejected++;
          const r = parseScenarioText(stringify(mutated), "m.yaml");
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.message).toMatch(/^scenario m\.yaml( line \d+)?: [^\n]+$/);
        }
      }),
      { seed: 7, numRuns: 600 },
    );
    // Has teeth: most mutations break the schema.
    expect(rejected).toBeGreaterThan(300);
  });

  it("needs no ajv at run time: the generated module imports nothing", () => {
    const code = readFileSync(join(repoRoot, "src/adapters/scenario/generated/validate-scenario.ts"), "utf8");
    expect(code).toContain("Generated by scripts/gen-scenario-validator.mjs from schema/scenario.schema.json");
    expect(code).not.toMatch(/^import (?!type )/m);
    expect(code).not.toMatch(/[^'"\w]require\("/);
  });
});

describe("never throws (property)", () => {
  const check = (text: string): void => {
    let r: ScenarioResult | undefined;
    expect(() => (r = parseScenarioText(text, "p.yaml"))).not.toThrow();
    if (r && !r.ok) {
      expect(r.error.message).not.toMatch(/\n|\r/);
      expect(r.error.message).not.toMatch(/ {4}at /);
      if (!text.includes("NaN") && !text.includes("nan")) expect(r.error.message).not.toContain("NaN");
    }
  };
  const seedScenario = parse(readFileSync(join(scenarioDir, "codecanvas-60-envs.yaml"), "utf8")) as Record<string, unknown>;
  const keys = Object.keys(seedScenario);

  it("random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => check(s)),
      { seed: 42, numRuns: 400 },
    );
  });

  it("YAML-ish text built from YAML tokens", () => {
    const token = fc.constantFrom(
      "version: 1\n",
      "name: x\n",
      "env: 4cpu16g\n",
      "demand:\n",
      "  peak: ",
      "  - ",
      "[",
      "]",
      "{",
      "}",
      ": ",
      ", ",
      "&a ",
      "*a",
      "!!str ",
      "? ",
      "|\n",
      "'",
      '"',
      "#",
      "\t",
      "  ",
      "\n",
      "-1",
      ".nan",
      "1e999",
      "08:00",
      "null",
      "~",
      "<<: ",
      "%YAML 1.1\n---\n",
      "...\n",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (ts) => check(ts.join(""))),
      { seed: 42, numRuns: 400 },
    );
  });

  it("valid-ish scenarios: the seed file with one value replaced by anything", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, value) => check(stringify({ ...seedScenario, [key]: value }))),
      { seed: 42, numRuns: 400 },
    );
  });
});
