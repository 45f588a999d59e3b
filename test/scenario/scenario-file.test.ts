/**
 * Scenario files: every example parses, validates against schema/scenario.schema.json and resolves
 * against the real catalogs; the seed file maps exactly onto the raw input; bad input gives one line
 * naming the YAML path, and the schema rejects the same inputs.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import {
  parseScenarioText,
  readScenarioFile,
  scenarioClusterTiers,
  scenarioStorageClasses,
  type ScenarioInput,
  type ScenarioResult,
} from "../../src/adapters/scenario-file.js";
import { clusterTierIds, storageClassProviders } from "../../src/core/resolve-costing.js";
import { resolvePlanRequest } from "../../src/core/resolve-request.js";
import { resolveMixRequest } from "../../src/core/mix-request.js";

// Not test/support/cli.js: it loads the whole CLI, and this suite needs only the reader and the resolver.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const scenarioDir = join(repoRoot, "scenarios");
const schema = JSON.parse(readFileSync(join(repoRoot, "schema/scenario.schema.json"), "utf8"));
// Strict, except strictRequired: it flags the standard `anyOf: [{ required: [peak] }, …]` and
// `not: { required: [peak] }` idioms, whose properties are defined one level up.
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
const files = readdirSync(scenarioDir).filter((f) => f.endsWith(".yaml")).sort();

/** A small valid scenario; bad cases below change one thing in it. */
const base = `version: 1
name: base
env: 4cpu16g
demand:
  peak: 10
`;

function expectOneLineError(r: ScenarioResult): { path: string; message: string } {
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
    expect(files).toEqual(["codecanvas-instance-types.yaml", "complementary-mix.yaml", "follow-the-sun.yaml", "gitpod-reference.yaml", "seeds-60-envs.yaml", "team-20x3.yaml"]);
  });

  it.each(files)("%s parses, validates against the schema and resolves against the catalogs", (file) => {
    const path = join(scenarioDir, file);
    const r = readScenarioFile(path);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.name).toBe(file.replace(/\.yaml$/, ""));
    const ok = validate(parse(readFileSync(path, "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
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

  it("seeds-60-envs.yaml maps exactly onto the raw input", () => {
    const r = readScenarioFile(join(scenarioDir, "seeds-60-envs.yaml"));
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
      name: "seeds-60-envs",
      description:
        "CodeCanvas install guides' example: 20 developers with 2-3 dev environments each, 60 concurrent 4 vCPU / 16 GB environments at peak, on GKE (us-central1) and AKS (eastus).",
      input,
      emit: ["gcloud", "az", "terraform", "k8s"],
    });
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
    expect(ok(`${base}providers: [gcp, azure]\ncluster: { tier: { azure: aks-free, gcp: gke-standard } }\n`).clusterTier).toEqual([
      "gke-standard",
      "aks-free",
    ]);
  });

  it("node overrides become the CLI's strings", () => {
    const input = ok(
      `${base}node:\n  daemonsetOverhead: { cpu: 400m, memory: 700Mi, pods: 9 }\n  kubeReserved: { cpu: 0.14, memory: "11 * maxPods + 255" }\n  evictionHardMemory: 100Mi\n`,
    );
    expect(input).toMatchObject({ daemonsetOverhead: "cpu=400m,memory=700Mi,pods=9", kubeReservedCpu: "0.14", kubeReservedMemory: "11 * maxPods + 255", evictionHardMemory: "100Mi" });
    expect(ok(`${base}node: { daemonsetOverhead: none }\n`).daemonsetOverhead).toBe("none");
  });

  it("fixed lines and per-node fees pass through", () => {
    const input = ok(
      `${base}fixed:\n  - { name: db, usdPerMonth: 120, source: quote }\n  - { name: app, machineType: n2-standard-4 }\nperNodeFees:\n  - { name: agent, usdPerNodeMonth: 15, source: vendor price list }\n`,
    );
    expect(input.fixed).toEqual([{ name: "db", usdPerMonth: 120, source: "quote" }, { name: "app", machineType: "n2-standard-4" }]);
    expect(input.perNodeFees).toEqual([{ name: "agent", usdPerNodeMonth: 15, source: "vendor price list" }]);
  });

  it("the storage-class and cluster-tier lists agree with the resolver's", () => {
    const classes = Object.entries(scenarioStorageClasses).flatMap(([p, list]) => list.map((c) => [c, p]));
    expect(Object.fromEntries(classes)).toEqual(storageClassProviders);
    expect(new Set(Object.values(scenarioClusterTiers).flat())).toEqual(new Set(clusterTierIds));
    expect(schema.properties.storage.properties.class.properties.gcp.enum).toEqual(scenarioStorageClasses.gcp);
    expect(schema.properties.storage.properties.class.properties.azure.enum).toEqual(scenarioStorageClasses.azure);
  });
});

const mixBase = `version: 1
name: mix
envs:
  - { env: 4cpu16g, peak: 10 }
  - { env: 8cpu32g, peak: 4, normal: 2 }
`;
/**
 * [what, YAML, expected YAML path, a fragment of the message, whether the schema can express it].
 * Each is the base scenario with one mistake.
 */
const badCases: [string, string, string, string | RegExp, boolean][] = [
  ["unknown key", base.replace("peak: 10", "peek: 10"), "demand.peek", 'unknown key "peek" (did you mean "peak"?); expected one of peak', true],
  ["unknown top-level key", `${base}regoins: { gcp: us-central1 }\n`, "regoins", 'unknown key "regoins" at the top level (did you mean "regions"?)', true],
  ["wrong unit for disk", `${base}storage: { disk: 16GB }\n`, "storage.disk", '"16GB" is not a Kubernetes quantity such as 500m, 2, 1.5, 16Gi, 16380004Ki, 1.5G; write 16Gi', true],
  ["a bare number for disk", `${base}storage: { disk: 100 }\n`, "storage.disk", "expected a size with a unit such as 100Gi (a bare number would be bytes), got 100", true],
  ["negative count", base.replace("peak: 10", "peak: -1"), "demand.peak", "line 5: demand.peak: expected a whole number from 1 to 1000000, got -1", true],
  ["fractional count", base.replace("peak: 10", "peak: 2.5"), "demand.peak", "expected a whole number from 1 to 1000000, got 2.5", true],
  ["quoted number", base.replace("peak: 10", 'peak: "10"'), "demand.peak", 'got "10" (write numbers without quotes)', true],
  ["NaN count", base.replace("peak: 10", "peak: .nan"), "demand.peak", "got .nan", true],
  ["negative standby envs", `${base}  standby: [{ envs: -3, from: "08:00", to: "18:00" }]\n`, "demand.standby[0].envs", "expected a whole number from 1 to 1000000, got -3", true],
  [
    "profile of 23 values",
    `${base}  profile: { weekday: [${Array(23).fill(1).join(", ")}], weekend: [${Array(24).fill(0).join(", ")}] }\n`,
    "demand.profile.weekday",
    "demand.profile.weekday: expected 24 values (hours 00–23), got 23",
    true,
  ],
  ["negative profile value", `${base}  profile: { weekday: [${Array(23).fill(1).join(", ")}, -1], weekend: [${Array(24).fill(0).join(", ")}] }\n`, "demand.profile.weekday[23]", "got -1", true],
  [
    "unknown storage class",
    `${base}storage: { class: { gcp: pd-fast } }\n`,
    "storage.class.gcp",
    'storage.class.gcp: unknown storage class "pd-fast"; expected one of pd-balanced, pd-ssd, pd-standard, pd-balanced-regional, pd-ssd-regional, pd-standard-regional',
    true,
  ],
  ["Azure class under gcp", `${base}storage: { class: { gcp: Premium_LRS } }\n`, "storage.class.gcp", 'unknown storage class "Premium_LRS"', true],
  ["bad time 25:00", `${base}  standby: [{ envs: 3, from: "25:00", to: "18:00" }]\n`, "demand.standby[0].from", 'expected a time of day "HH:MM" from 00:00 to 23:59 such as "08:00", got "25:00"', true],
  ["time without leading zero", `${base}  warmups: [{ envs: 3, at: "3:00", durationMinutes: 30 }]\n`, "demand.warmups[0].at", 'got "3:00"', true],
  ["bad day set", `${base}  standby: [{ envs: 3, from: "08:00", to: "18:00", days: mondays }]\n`, "demand.standby[0].days", 'unknown day set "mondays"; expected one of weekdays, weekends, all', true],
  ["YAML syntax error", `${base}machines: [n2-standard-32\nmaxPods: 110\n`, "", /line \d+: YAML syntax error: /, false],
  ["duplicate key", `${base}  peak: 20\n`, "demand.peak", 'line 6: demand: duplicate key "peak"; each key may appear once', false],
  ["version 2", base.replace("version: 1", "version: 2"), "version", "version: expected 1 (the only scenario format so far), got 2", true],
  ["missing version", base.replace("version: 1\n", ""), "version", "version: required", true],
  ["usdPerMonth without source", `${base}fixed:\n  - { name: db, usdPerMonth: 120 }\n`, "fixed[0].source", "fixed[0].source: required: usdPerMonth needs a source", true],
  ["usdPerMonth and machineType", `${base}fixed:\n  - { name: db, usdPerMonth: 1, source: x, machineType: n2-standard-4 }\n`, "fixed[0]", "not both", true],
  ["bad env shape", base.replace("4cpu16g", "16g"), "env", '"16g" is not <cpu>cpu<memory>g such as 4cpu16g', true],
  ["bad name", base.replace("name: base", "name: Base_1"), "name", "expected lower-case letters, digits and -", true],
  ["missing demand", base.replace(/demand:\n {2}peak: 10\n/, ""), "demand", "demand: required", true],
  ["demand without peak, users or profile", base.replace("peak: 10", "normal: 5"), "demand.peak", "required: peak", true],
  ["envsPerUser without users", base.replace("peak: 10", "peak: 10\n  envsPerUser: 3"), "demand.envsPerUser", "needs users", true],
  ["concurrency with peak", base.replace("peak: 10", "peak: 10\n  users: 5\n  concurrency: 0.5"), "demand.concurrency", "applies only with users and no peak", true],
  ["concurrency 0", base.replace("peak: 10", "users: 5\n  concurrency: 0"), "demand.concurrency", "expected a number greater than 0 and at most 1, got 0", true],
  ["unknown provider", `${base}providers: [gcp, ibm]\n`, "providers[1]", 'unknown provider "ibm"; expected one of gcp, azure, aws', true],
  ["unknown pricing", `${base}pricing: reserved\n`, "pricing", 'unknown pricing option "reserved"; expected one of on-demand, spot', true],
  ["platform on the wrong provider", `${base}platforms: { gcp: aks }\n`, "platforms.gcp", 'unknown platform for gcp "aks"; expected one of gke, flat, custom', true],
  ["bad zone count", `${base}zones: 0\n`, "zones", "expected a whole number from 1 to 10, got 0", true],
  ["Azure zone 4", `${base}zones: { azure: [1, 4] }\n`, "zones.azure[1]", "expected a whole number from 1 to 3, got 4", true],
  ["unknown emit kind", `${base}emit: [gcloud, pulumi]\n`, "emit[1]", 'unknown emit kind "pulumi"; expected one of gcloud, az, terraform, k8s, karpenter', true],
  ["repeated machine", `${base}machines: [n2-standard-32, n2-standard-32]\n`, "machines[1]", '"n2-standard-32" is listed twice', true],
  ["cluster tier of another provider", `${base}cluster: { tier: { gcp: aks-free } }\n`, "cluster.tier.gcp", 'unknown cluster tier for gcp "aks-free"', true],
  ["autoscaler out of range", `${base}autoscaler: { nodeStartMinutes: 90 }\n`, "autoscaler.nodeStartMinutes", "expected a number from 0 to 60, got 90", true],
  ["a list where a mapping belongs", `${base}storage: [disk, 100Gi]\n`, "storage", "expected a mapping (key: value lines), got a list of 2", true],
  ["perNodeFees without source", `${base}perNodeFees: [{ name: agent, usdPerNodeMonth: 15 }]\n`, "perNodeFees[0].source", "required", true],
  ["eviction threshold without unit", `${base}node: { evictionHardMemory: lots }\n`, "node.evictionHardMemory", '"lots" is not a Kubernetes quantity', true],
  ["mix: env and envs", `${mixBase}env: 4cpu16g\n`, "env", "give env (one shape, with demand) or envs (several shapes, each with its peak), not both", true],
  ["mix: demand with envs", `${mixBase}demand: { peak: 3 }\n`, "demand", "applies to one env shape; with envs give each its peak and normal", true],
  ["mix: an env without peak", mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cpu16g }"), "envs[0].peak", "required", true],
  ["mix: a bad shape", mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cores, peak: 10 }"), "envs[0].env", '"4cores" is not <cpu>cpu<memory>g', true],
  ["mix: unknown key in an env", mixBase.replace("{ env: 4cpu16g, peak: 10 }", "{ env: 4cpu16g, peak: 10, max: 3 }"), "envs[0].max", 'unknown key "max"', true],
  ["mix: unknown packing option", `${mixBase}packing: { pools: 2 }\n`, "packing.pools", 'unknown key "pools"', true],
  ["mix: maxPools 0", `${mixBase}packing: { maxPools: 0 }\n`, "packing.maxPools", "expected a whole number from 1 to 20, got 0", true],
  ["mix: perZone not a boolean", `${mixBase}packing: { perZone: yes please }\n`, "packing.perZone", "expected true or false", true],
  ["packing without envs", `${base}packing: { maxPools: 2 }\n`, "packing", "applies to a mix of env shapes", true],
  ["mix: normal above peak", mixBase.replace("peak: 4, normal: 2", "peak: 4, normal: 5"), "envs[1].normal", "normal (5) exceeds peak (4)", false],
  // Rules a JSON Schema cannot express (cross-field); the parser still rejects them.
  ["normal above peak", base.replace("peak: 10", "peak: 10\n  normal: 11"), "demand.normal", "normal (11) exceeds peak (10)", false],
  ["region for a provider not planned", `${base}providers: [gcp]\nregions: { azure: eastus }\n`, "regions.azure", "azure is not in providers (gcp)", false],
  ["two different non-default platforms", `${base}providers: [gcp, azure]\nplatforms: { gcp: flat, azure: aks-legacy }\n`, "platforms", "gcp flat and azure aks-legacy differ; per-provider platforms come later", false],
  ["one non-default platform next to a default one", `${base}providers: [gcp, azure]\nplatforms: { azure: aks-legacy }\n`, "platforms", "per-provider platforms come later", false],
  ["non-default platform without providers", `${base}platforms: { azure: aks-legacy }\n`, "platforms.azure", "list providers too", false],
  ["standby from = to", `${base}  standby: [{ envs: 3, from: "08:00", to: "08:00" }]\n`, "demand.standby[0].to", "equals from (08:00)", false],
  ["warm-up env differs", `${base}  warmups: [{ envs: 3, at: "03:00", durationMinutes: 30, env: 2cpu8g }]\n`, "demand.warmups[0].env", "differs from env (4cpu16g)", false],
  ["zone of another region", `${base}regions: { gcp: europe-west1 }\nzones: { gcp: [us-central1-a] }\n`, "zones.gcp[0]", "expected a zone of europe-west1 such as europe-west1-a", false],
  ["zero disk", `${base}storage: { disk: 0Gi }\n`, "storage.disk", "expected a size greater than 0", false],
  ["repeated fixed name", `${base}fixed:\n  - { name: db, usdPerMonth: 1, source: x }\n  - { name: db, usdPerMonth: 2, source: y }\n`, "fixed[1].name", '"db" is used twice in fixed', false],
];

describe("bad input", () => {
  it.each(badCases)("%s → one line naming the YAML path", (_what, yaml, path, fragment) => {
    const e = expectOneLineError(parseScenarioText(yaml, "bad.yaml"));
    expect(e.path).toBe(path);
    expect(e.message).toMatch(/^scenario bad\.yaml line \d+: /);
    // The message names the path, or (unknown and duplicate keys) the mapping and the key.
    const shown = e.message.replace(/^scenario bad\.yaml line \d+: /, "");
    const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    const key = path.slice(parent === "" ? 0 : parent.length + 1);
    if (path !== "") expect(shown.startsWith(`${path}:`) || (shown.startsWith(parent) && shown.includes(`key "${key}"`))).toBe(true);
    if (typeof fragment === "string") expect(e.message).toContain(fragment);
    else expect(e.message).toMatch(fragment);
  });

  it.each(badCases.filter((c) => c[4]))("%s → the schema rejects it too", (_what, yaml) => {
    expect(validate(parse(yaml))).toBe(false);
  });

  it("the base scenario itself is valid for both", () => {
    expect(parseScenarioText(base, "base.yaml").ok).toBe(true);
    expect(validate(parse(base))).toBe(true);
  });

  it("an empty file, a list, and an unknown alias are one-line errors too", () => {
    expect(expectOneLineError(parseScenarioText("", "e.yaml")).message).toBe(
      "scenario e.yaml: the file is empty; expected a mapping with version: 1, name, env and demand",
    );
    expect(expectOneLineError(parseScenarioText("- 1\n", "l.yaml")).message).toContain("expected a mapping (key: value lines)");
    expect(expectOneLineError(parseScenarioText(`${base}description: *nowhere\n`, "a.yaml")).message).toContain("unknown alias *nowhere");
  });

  it("aliases resolve, and a billion-laughs file is refused without blowing up", () => {
    const r = parseScenarioText(`version: 1\nname: a\nenv: &shape 4cpu16g\ndemand: { peak: 3, warmups: [{ envs: 1, at: "03:00", durationMinutes: 5, env: *shape }] }\n`, "a.yaml");
    expect(r.ok && r.value.input.warmups?.[0]?.env).toBe("4cpu16g");
    let laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 9; i++) laughs += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    expect(expectOneLineError(parseScenarioText(laughs, "lol.yaml")).message).toContain("too many aliases");
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
  const seedScenario = parse(readFileSync(join(scenarioDir, "seeds-60-envs.yaml"), "utf8")) as Record<string, unknown>;
  const keys = Object.keys(seedScenario);

  it("random text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => check(s)), { seed: 42, numRuns: 400 });
  });

  it("YAML-ish text built from YAML tokens", () => {
    const token = fc.constantFrom("version: 1\n", "name: x\n", "env: 4cpu16g\n", "demand:\n", "  peak: ", "  - ", "[", "]", "{", "}", ": ", ", ", "&a ", "*a", "!!str ", "? ", "|\n", "'", '"', "#", "\t", "  ", "\n", "-1", ".nan", "1e999", "08:00", "null", "~", "<<: ", "%YAML 1.1\n---\n", "...\n");
    fc.assert(fc.property(fc.array(token, { maxLength: 40 }), (ts) => check(ts.join(""))), { seed: 42, numRuns: 400 });
  });

  it("valid-ish scenarios: the seed file with one value replaced by anything", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, value) => check(stringify({ ...seedScenario, [key]: value }))),
      { seed: 42, numRuns: 400 },
    );
  });
});
