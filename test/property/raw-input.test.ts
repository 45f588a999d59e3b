/**
 * Issue 12: the library boundary type-checks every field of the raw request. `plan({ env: 4 })` used to
 * throw a TypeError, `zones: 3` was refused although it means 3 zones, and `resolveRequest` read
 * `provider: "gcp"` letter by letter. Now a wrong type is one PlanInputError (one line naming the field
 * and the accepted forms), also through the CommonJS entry; and random JSON values in any field (fast-check,
 * fixed seed; FC_SEED overrides, FC_RUNS_SCALE multiplies the runs) give a plan or a PlanInputError,
 * never a TypeError or RangeError, and no plan carries NaN or an infinite number.
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import { resolveMixRequest } from "../../src/core/mix-request.js";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { type RawRequest, resolveRequest } from "../../src/core/planner/request.js";
import { rawFieldNames } from "../../src/core/raw-check.js";
import { resolveCount, resolveDaemonSets, resolvePlanRequest } from "../../src/core/resolve-request.js";
import { parseEnvShape } from "../../src/core/units/env-shape.js";
import { parseCount, parseCpu, parseMemory } from "../../src/core/units/quantity.js";
import { PlanInputError, plan } from "../../src/plan.js";
import { repoRoot } from "../support/cli.js";

const seed = Number(process.env.FC_SEED ?? 12);
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * scale));

const specs = loadCatalogs(["gcp", "azure", "aws"], { regions: { gcp: [], azure: [], aws: [] } });
const base = { peak: 60, env: "4cpu16g", provider: ["gcp"], today: "2026-12-04" };

/** The PlanInputError of a call, or a failure naming what came instead. */
async function inputError(input: unknown): Promise<PlanInputError> {
  try {
    await plan(input as RawRequest);
  } catch (e) {
    if (e instanceof PlanInputError) return e;
    throw new Error(`expected a PlanInputError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error("expected a PlanInputError, got a plan");
}

/** Every number in a plan document is finite (JSON would print NaN and Infinity as null). */
function nonFinite(v: unknown, path = "$"): string[] {
  if (typeof v === "number") return Number.isFinite(v) ? [] : [`${path} = ${v}`];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${path}[${i}]`));
  if (typeof v === "object" && v !== null) return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${path}.${k}`));
  return [];
}

describe("plan(): a wrong type is a PlanInputError naming the field and the accepted forms", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["env: 4", { env: 4 }, "env", 'env: expected a string, e.g. "4cpu16g", got the number 4'],
    ["peak: {}", { peak: {} }, "peak", "peak: expected a number or a string holding one, e.g. 60, got an object"],
    ["peak: true", { peak: true }, "peak", "peak: expected a number or a string holding one, e.g. 60, got the boolean true"],
    ["normal: null", { normal: null }, "normal", "normal: expected a number or a string holding one, e.g. 25, got null"],
    [
      "provider: 4",
      { provider: 4 },
      "provider",
      'provider: expected "gcp", "azure" or "aws", or a list of them, e.g. ["gcp", "azure"] or "gcp", got the number 4',
    ],
    [
      "machine: [1]",
      { machine: [1] },
      "machine",
      'machine: expected a list of strings, or one string for a list of one, e.g. ["n2-standard-32"], got a list of 1',
    ],
    ["standby: [null]", { standby: [null] }, "standby[0]", "standby[0]: expected an object with the fields name, envs, from, to, days, got null"],
    [
      "standby[0] without envs",
      { standby: [{ from: "08:00", to: "18:00" }] },
      "standby[0].envs",
      "standby[0].envs: required; expected a number or a string holding one, e.g. 5",
    ],
    [
      "fixed[0].name: 1",
      { fixed: [{ name: 1, usdPerMonth: 5, source: "x" }] },
      "fixed[0].name",
      'fixed[0].name: expected a string, e.g. "app cluster", got the number 1',
    ],
    ['perZone: "yes"', { perZone: "yes" }, "perZone", 'perZone: expected true or false, got the string "yes"'],
    [
      "profile: 0 (was silently ignored)",
      { profile: 0 },
      "profile",
      "profile: expected { weekday: [24 numbers], weekend: [24 numbers] } (concurrent envs for hours 00–23), got the number 0",
    ],
  ];
  for (const [name, over, field, message] of cases)
    it(name, async () => {
      const e = await inputError({ ...base, ...over });
      expect(e.field).toBe(field);
      expect(e.message).toBe(message);
    });

  it("an unknown field is an error, with the nearest known name (a typo was ignored)", async () => {
    const e = await inputError({ ...base, peaks: 60 });
    expect(e.field).toBe("peaks");
    expect(e.message).toMatch(/^peaks: unknown field; did you mean peak\? expected one of peak, normal, env, provider, /);
    expect((await inputError({ ...base, envs: [{ env: "4cpu16g", peak: 4, count: 2 }] })).message).toMatch(
      /^envs\[0\]\.count: unknown field; expected one of name, env, peak, normal, disk$/,
    );
  });

  it("the input itself must be an object; options are checked too", async () => {
    expect((await inputError(null)).message).toBe('input: expected an object of plan inputs, e.g. { peak: 60, env: "4cpu16g" }, got null');
    expect((await inputError([base])).field).toBe("input");
    await expect(plan(base, { catalogDir: 5 as unknown as string })).rejects.toThrow(
      /^catalogDir: expected the path of a catalog folder \(a string\), got the number 5$/,
    );
  });
});

describe("accepted forms: one string for a list, a zone count as a number", () => {
  it('provider: "gcp" is ["gcp"] in resolveRequest too (it read the letters g, c, p)', () => {
    const r = resolveRequest({ ...base, provider: "gcp" as unknown as string[] }, specs);
    expect(r.ok && r.value.providers).toEqual(["gcp"]);
    const m = resolveMixRequest({ envs: [{ env: "4cpu16g", peak: 4 }], provider: "azure" as unknown as string[] }, specs);
    expect(m.ok && m.value.providers).toEqual(["azure"]);
    const p = resolvePlanRequest({ peak: 4, env: "4cpu16g", region: "eastus" as unknown as string[] }, specs);
    expect(p.ok && p.value.regions).toEqual({ gcp: "us-central1", azure: "eastus" });
  });

  it('zones: 2 plans 2 zones, as zones: ["2"] does', async () => {
    const doc = await plan({ ...base, zones: 2 as unknown as string[] });
    expect(doc.inputs.costing.zones.gcp?.count).toBe(2);
    const e = await inputError({ ...base, zones: 2.5 });
    expect(e.message).toBe('--zones "2.5": expected a zone count (3) or zone names: GCP us-central1-a,us-central1-b; Azure 1,2,3');
  });

  it("the exported parsers answer a reason for a value that is not text, instead of throwing", () => {
    const bad = 4 as unknown as string;
    for (const r of [parseEnvShape(bad), parseCpu(bad), parseMemory(bad), parseCount(bad)])
      expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/^the number 4 is not text; expected /) });
    expect(resolveCount("--peak", {} as unknown as string, 1, 10)).toMatchObject({ ok: false, error: { field: "--peak" } });
    expect(resolveDaemonSets(null as unknown as string)).toMatchObject({ ok: false, error: { field: "--daemonset-overhead" } });
  });

  it("a peak derived from --users × --envs-per-user above the limit is an input error (10⁹ envs never finished)", async () => {
    const e = await inputError({ env: "4cpu16g", provider: ["gcp"], users: 1_000_000, envsPerUser: 1000 });
    expect(e.message).toBe("--peak: the demand gives a peak of 1000000000 envs (--users × --envs-per-user × --concurrency); expected at most 1000000");
  });
});

/** Nested objects' fields, so random values reach inside standby, warm-ups, fixed lines, fees and env shapes. */
const itemKeys: Record<string, readonly string[]> = {
  standby: ["name", "envs", "from", "to", "days"],
  warmups: ["name", "envs", "at", "durationMinutes", "days", "env", "snapshot"],
  fixed: ["name", "usdPerMonth", "machineType", "count", "source"],
  perNodeFees: ["name", "usdPerNodeMonth", "source"],
  envs: ["name", "env", "peak", "normal", "disk"],
};
const json = fc.jsonValue({ maxDepth: 3 });
/** Values a field may well hold (so that many runs plan, and the document check runs): valid and nearly valid ones. */
const tokens = [
  ...["gcp", "azure", "aws", "gke", "aks", "flat", "4cpu16g", "2cpu8g", "1cpu4g", "100Gi", "1Gi", "500m", "spot", "sud", "cud-1y", "on-demand"],
  ...["pd-balanced", "Premium_LRS", "gke-standard", "aks-free", "none", "us-central1", "eastus", "us-central1-a,us-central1-b", "1,2", "3", "0"],
  ...["2026-12-04", "08:00", "18:00", "weekdays", "all", "n2-standard-8", "n2-standard-8=31Gi", "0.5", "2%", "", " ", "1e3", "-1"],
  // node-local storage (issue 16): boot disks, an ephemeral request
  ...["pd-ssd:512Gi", "512Gi", "Ephemeral:128Gi", "4cpu16g@eph=30Gi"],
];
const token = fc.constantFrom(...tokens);
const numberish: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -2, max: 120 }),
  fc.double({ min: -1, max: 1000, noNaN: true }),
  fc.integer({ min: 0, max: 120 }).map(String),
  token,
);
/** Of the right JavaScript type for the field, mostly (a value the resolvers then judge). */
const counts = ["peak", "normal", "maxPods", "users", "envsPerUser", "concurrency", "minNodes", "scaleDownDelayMinutes", "nodeStartMinutes"];
counts.push("warmEnvsPerZone", "startLatencyGoalSeconds", "arrivalsPerMinute", "maxPools", "timeLimit", "within", "maxEnvsPerNode");
const lists = ["provider", "machine", "region", "storageClass", "clusterTier", "zones", "capacityMemory", "capacityEphemeralStorage"];
const bootDisks = fc.constantFrom("pd-ssd:512Gi", "512Gi", "gp3:100Gi", "Ephemeral:128Gi", "Premium_LRS:256Gi");
const typed = (k: string): fc.Arbitrary<unknown> =>
  k === "bootDisk"
    ? fc.oneof(bootDisks, fc.array(bootDisks, { maxLength: 2 }), token)
    : k === "ephemeralReserved"
      ? fc.oneof(fc.constantFrom("20Gi", "0", "1Gi"), token)
      : counts.includes(k)
        ? numberish
        : lists.includes(k)
          ? fc.oneof(token, fc.array(token, { maxLength: 2 }), fc.integer({ min: 0, max: 4 }))
          : k === "perZone" || k === "ephemeralLocalSsd"
            ? fc.boolean()
            : token;
const hours = fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 24, maxLength: 24 });
const fieldValue = (k: string): fc.Arbitrary<unknown> => {
  const keys = itemKeys[k];
  if (keys)
    return fc.oneof(
      json,
      fc.array(
        fc.dictionary(fc.constantFrom(...keys), fc.oneof({ arbitrary: json, weight: 1 }, { arbitrary: numberish, weight: 4 }), { maxKeys: keys.length }),
        {
          maxLength: 2,
        },
      ),
    );
  if (k === "profile") return fc.oneof(json, fc.record({ weekday: hours, weekend: hours }));
  return fc.oneof({ arbitrary: json, weight: 1 }, { arbitrary: typed(k), weight: 4 });
};
/** 1–3 fields (any of the request's, or an unknown one) set to random JSON over a valid request. */
const requestArb = fc
  .uniqueArray(fc.constantFrom(...rawFieldNames, "peaks", "Provider"), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map((k) => fieldValue(k).map((v) => [k, v] as const))))
  .map((pairs) => ({ ...base, ...Object.fromEntries(pairs) }));

describe("property: random JSON in any field", () => {
  it("resolveRequest returns a request or one input error, never throws", () => {
    // The check knows every field of RawRequest (the compiler keeps this list complete).
    const every: Record<keyof RawRequest, true> = {
      fieldNames: true,
      bootDisk: true,
      ephemeralReserved: true,
      ephemeralLocalSsd: true,
      peak: true,
      normal: true,
      env: true,
      provider: true,
      platform: true,
      machine: true,
      region: true,
      maxPods: true,
      daemonsetOverhead: true,
      kubeReservedCpu: true,
      kubeReservedMemory: true,
      systemReservedCpu: true,
      systemReservedMemory: true,
      evictionHardMemory: true,
      capacityMemory: true,
      capacityEphemeralStorage: true,
      users: true,
      envsPerUser: true,
      concurrency: true,
      profile: true,
      standby: true,
      warmups: true,
      disk: true,
      storageClass: true,
      pricing: true,
      zones: true,
      minNodes: true,
      scaleDownDelayMinutes: true,
      nodeStartMinutes: true,
      warmEnvsPerZone: true,
      startLatencyGoalSeconds: true,
      arrivalsPerMinute: true,
      clusterTier: true,
      fixed: true,
      perNodeFees: true,
      envs: true,
      maxPools: true,
      perZone: true,
      timeLimit: true,
      within: true,
      maxEnvsPerNode: true,
      today: true,
    };
    expect([...rawFieldNames].sort()).toEqual(Object.keys(every).sort());
    fc.assert(
      fc.property(requestArb, (input) => {
        const r = resolveRequest(input as RawRequest, specs);
        if (!r.ok) {
          expect(r.error.field).not.toBe("");
          expect(r.error.message).not.toMatch(/\n/);
        }
      }),
      { seed, numRuns: runs(1500) },
    );
  });

  it("plan() resolves to a plan without NaN or infinite numbers, or rejects with PlanInputError", async () => {
    let plans = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        let doc: PlanDocument;
        try {
          doc = await plan(input as RawRequest);
        } catch (e) {
          if (!(e instanceof PlanInputError)) throw e;
          expect(e.message).not.toMatch(/\n/);
          return;
        }
        plans++;
        expect(nonFinite(doc)).toEqual([]);
      }),
      { seed, numRuns: runs(300) },
    );
    expect(plans).toBeGreaterThan(runs(300) / 15); // many random values are valid, so the document check ran
  }, 120_000);
});

describe("the CommonJS entry", () => {
  it("require('cc-plan').plan rejects a wrong type with its PlanInputError", () => {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `const lib = require("cc-plan");
        lib.plan({ peak: 60, env: 4 }).then(() => console.log("plan"), (e) => console.log(JSON.stringify({ name: e.name, cjs: e instanceof lib.PlanInputError, field: e.field, message: e.message })));`,
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      name: "PlanInputError",
      cjs: true,
      field: "env",
      message: 'env: expected a string, e.g. "4cpu16g", got the number 4',
    });
  });
});
