/**
 * `cc-plan --json` prints the plan document (planVersion "2", src/core/planner/document.ts), and every
 * document validates against schema/plan.schema.json (ajv, draft-07, strict mode).
 *
 * Each case runs the real CLI in-process (test/support/cli.ts `runInProcess`, the package's own
 * catalogs/) and checks two things: the document validates, and it reflects the flag the case is about
 * (expected values are the flags themselves, or a named consequence of them: e.g. `--pricing ri-1y` on GCP
 * is applied as on-demand with a pricing_not_applicable issue, src/core/cost.ts computeCost). The exit
 * code must be 1 exactly when the document has an error-severity issue (src/core/issues.ts hasErrors).
 * Several-shape runs pass a short --time-limit: the time limit changes which plan is found, never the
 * document's shape. Every file in scenarios/ is run.
 *
 * The negative tests mutate a valid document and expect the schema to reject it at the mutated path, so
 * the schema is shown to have teeth (a schema that accepts everything would fail them).
 */

import { readdirSync, readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { repoRoot, runInProcess } from "../support/cli.js";

const schema = JSON.parse(readFileSync(`${repoRoot}/schema/plan.schema.json`, "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** Several env shapes use the LP/MIP solver: keep each provider's search short. */
const quick = ["--time-limit", "1"];

type Check = (d: PlanDocument) => void;
const plan = (d: PlanDocument, provider: string): PlanDocument["providers"][number] => {
  const p = d.providers.find((x) => x.provider === provider);
  if (!p) throw new Error(`no plan for ${provider}`);
  return p;
};
const codes = (d: PlanDocument): string[] => d.issues.map((i) => i.code);
/** Every option of every provider plan. */
const options = (d: PlanDocument): PlanDocument["providers"][number]["options"][number][] => d.providers.flatMap((p) => p.options);

const cases: [what: string, argv: string[], check: Check][] = [
  [
    "one shape on GKE (defaults)",
    ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp"],
    (d) => {
      expect(plan(d, "gcp").platform).toBe("gke");
      expect(d.inputs.shapes).toHaveLength(1);
      expect(plan(d, "gcp").options.length).toBeGreaterThan(0);
    },
  ],
  [
    "one shape on AKS (defaults)",
    ["--peak", "60", "--env", "4cpu16g", "--provider", "azure"],
    (d) => {
      expect(plan(d, "azure").platform).toBe("aks");
      expect(d.inputs.costing.zones.azure?.names).toEqual(["1", "2", "3"]);
    },
  ],
  [
    "one shape on EKS (defaults)",
    ["--peak", "60", "--env", "4cpu16g", "--provider", "aws"],
    (d) => {
      expect(plan(d, "aws").platform).toBe("eks");
      expect(plan(d, "aws").region).toBe("us-east-1");
    },
  ],
  [
    "one shape, default providers (GKE and AKS)",
    ["--peak", "60", "--env", "4cpu16g"],
    (d) => {
      expect(d.inputs.providers).toEqual(["gcp", "azure"]);
    },
  ],
  [
    "--normal below the peak",
    ["--peak", "60", "--normal", "20", "--env", "4cpu16g"],
    (d) => {
      expect(d.demand.normal).toBe(20);
      expect(d.demand.peak).toBe(60);
    },
  ],
  [
    "--disk 100Gi prices env disks",
    ["--peak", "60", "--env", "4cpu16g", "--disk", "100Gi"],
    (d) => {
      expect(d.inputs.shapes[0]?.diskBytes).toBe(100 * 2 ** 30);
      expect(options(d).every((o) => o.bill.autoscaled.lines.some((l) => l.id === "env-disks"))).toBe(true);
    },
  ],
  [
    "--pricing on-demand",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "on-demand"],
    (d) => {
      expect(options(d).every((o) => o.applied === "on-demand")).toBe(true);
    },
  ],
  [
    "--pricing spot on GCP",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "spot", "--provider", "gcp"],
    (d) => {
      expect(plan(d, "gcp").options.every((o) => o.applied === "spot")).toBe(true);
      expect(codes(d)).toContain("spot_preemption");
    },
  ],
  [
    "--pricing spot on AKS and EKS: spot prices, each compute line dated by its source",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "spot", "--provider", "azure,aws", "--today", "2026-12-04"],
    (d) => {
      for (const p of ["azure", "aws"]) {
        const rec = plan(d, p).options[0];
        expect(rec?.applied).toBe("spot");
        // eastus and us-east-1 spot prices come from the 2024-08-09 table (catalogs/sources/*/…-spot-coroot-2024-08-09.csv)
        for (const l of rec?.bill.autoscaled.lines.filter((x) => x.id === "compute") ?? []) expect(l.asOf).toBe("2024-08-09");
        expect(plan(d, p).pricesAsOf).toContainEqual({ item: "nodes", asOf: "2024-08-09" });
      }
      expect(codes(d)).not.toContain("price_not_found");
      expect(codes(d)).toContain("prices_old");
    },
  ],
  [
    "--pricing spot where the catalog has no spot price (Azure austriaeast): error, no options",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "spot", "--provider", "azure", "--region", "austriaeast"],
    (d) => {
      expect(plan(d, "azure").options).toEqual([]);
      expect(plan(d, "azure").recommended).toBeNull();
      expect(codes(d)).toContain("price_not_found");
    },
  ],
  [
    "--pricing sud (GCP; Azure priced on-demand)",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "sud"],
    (d) => {
      expect(plan(d, "gcp").options.some((o) => o.applied === "sud")).toBe(true);
      expect(plan(d, "azure").options.every((o) => o.applied === "on-demand")).toBe(true);
      expect(codes(d)).toContain("pricing_not_applicable");
    },
  ],
  [
    "--pricing cud-1y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "cud-1y", "--provider", "gcp"],
    (d) => {
      expect(plan(d, "gcp").options.every((o) => o.applied === "cud-1y" && o.bill.autoscaled.lines.some((l) => l.id === "compute-committed"))).toBe(true);
    },
  ],
  [
    "--pricing cud-3y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "cud-3y", "--provider", "gcp"],
    (d) => {
      expect(plan(d, "gcp").options.every((o) => o.applied === "cud-3y")).toBe(true);
    },
  ],
  [
    "--pricing ri-1y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "ri-1y", "--provider", "azure"],
    (d) => {
      expect(plan(d, "azure").options.every((o) => o.applied === "ri-1y")).toBe(true);
      expect(codes(d)).toContain("discount_estimated");
    },
  ],
  [
    "--pricing ri-3y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "ri-3y", "--provider", "azure"],
    (d) => {
      expect(plan(d, "azure").options.every((o) => o.applied === "ri-3y")).toBe(true);
    },
  ],
  [
    "--pricing savings-1y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "savings-1y", "--provider", "azure"],
    (d) => {
      expect(plan(d, "azure").options.every((o) => o.applied === "savings-1y")).toBe(true);
    },
  ],
  [
    "--pricing savings-3y",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "savings-3y", "--provider", "azure"],
    (d) => {
      expect(plan(d, "azure").options.every((o) => o.applied === "savings-3y")).toBe(true);
    },
  ],
  [
    "--pricing ri-1y on GCP and AWS is applied as on-demand",
    ["--peak", "60", "--env", "4cpu16g", "--pricing", "ri-1y", "--provider", "gcp,aws"],
    (d) => {
      expect(options(d).every((o) => o.applied === "on-demand")).toBe(true);
      expect(codes(d)).toContain("pricing_not_applicable");
    },
  ],
  [
    "--within 0 recommends the cheapest",
    ["--peak", "60", "--env", "4cpu16g", "--within", "0"],
    (d) => {
      expect(d.inputs.within).toBe(0);
      for (const p of d.providers) {
        expect(p.recommended).toBe(p.cheapest);
        expect(p.preferenceUsdPerMonth).toBe(0);
      }
    },
  ],
  [
    "--within 5",
    ["--peak", "60", "--env", "4cpu16g", "--within", "5"],
    (d) => {
      expect(d.inputs.within).toBe(0.05);
    },
  ],
  [
    "--max-envs-per-node 4",
    ["--peak", "60", "--env", "4cpu16g", "--max-envs-per-node", "4"],
    (d) => {
      expect(d.inputs.maxEnvsPerNode).toBe(4);
      expect(options(d).every((o) => o.blastRadius <= 4)).toBe(true);
    },
  ],
  [
    "--machine n2-standard-32 adds a named option",
    ["--peak", "60", "--env", "4cpu16g", "--machine", "n2-standard-32"],
    (d) => {
      expect(d.inputs.machines).toEqual(["n2-standard-32"]);
      expect(plan(d, "gcp").options.some((o) => o.kind === "named" && o.pools[0]?.machineType === "n2-standard-32")).toBe(true);
    },
  ],
  [
    "--platform flat",
    ["--peak", "60", "--env", "4cpu16g", "--platform", "flat"],
    (d) => {
      expect(d.providers.map((p) => p.platform)).toEqual(["flat", "flat"]);
    },
  ],
  [
    "aks-legacy with a named burstable type and --max-pods",
    ["--peak", "9", "--env", "2cpu8gi", "--provider", "azure", "--platform", "aks-legacy", "--machine", "Standard_B8ms", "--max-pods", "30"],
    (d) => {
      expect(d.inputs.maxPods).toBe(30);
      expect(plan(d, "azure").platform).toBe("aks-legacy");
    },
  ],
  [
    "--zones 2, --min-nodes, --users and --envs-per-user",
    ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--zones", "2", "--min-nodes", "8", "--users", "80", "--envs-per-user", "2"],
    (d) => {
      expect(d.inputs.costing.zones.gcp?.count).toBe(2);
      expect(d.demand.existingEnvs).toBe(160);
      expect(d.demand.developers).toBe(80);
    },
  ],
  [
    "a shape that fits no machine: error, no options, null indices",
    ["--peak", "3", "--env", "500cpu4000g"],
    (d) => {
      expect(d.providers.every((p) => p.options.length === 0 && p.recommended === null && p.cheapest === null)).toBe(true);
      expect(d.issues.some((i) => i.severity === "error")).toBe(true);
    },
  ],
  [
    "a mix of 2 shapes (GKE and AKS)",
    ["--env", "40x4cpu16g", "--env", "15x8cpu32g", ...quick],
    (d) => {
      expect(d.inputs.shapes.map((s) => s.name)).toEqual(["4cpu16g", "8cpu32g"]);
      expect(d.inputs.timeLimitSeconds).toBe(1);
    },
  ],
  [
    "a mix of 3 shapes on AKS",
    ["--env", "20x2cpu8g", "--env", "10x8cpu32g", "--env", "5x4cpu32g", "--provider", "azure", ...quick],
    (d) => {
      expect(d.inputs.shapes).toHaveLength(3);
      expect(plan(d, "azure").options.every((o) => Object.keys(o.pools[0]?.node.envsPerNode ?? {}).length === 3)).toBe(true);
    },
  ],
  [
    "a mix of 2 shapes on EKS with --max-pools 2 and --disk",
    ["--env", "30x4cpu16g", "--env", "10x16cpu64g", "--provider", "aws", "--max-pools", "2", "--disk", "50Gi", ...quick],
    (d) => {
      expect(d.inputs.maxPools).toBe(2);
      expect(d.inputs.shapes.every((s) => s.diskBytes === 50 * 2 ** 30)).toBe(true);
    },
  ],
  [
    "a mix with --pricing cud-1y and --max-envs-per-node 6",
    ["--env", "20x4cpu16g", "--env", "10x2cpu16g", "--provider", "gcp", "--pricing", "cud-1y", "--max-envs-per-node", "6", ...quick],
    (d) => {
      expect(options(d).every((o) => o.applied === "cud-1y" && o.blastRadius <= 6)).toBe(true);
    },
  ],
];

const scenarios = readdirSync(`${repoRoot}/scenarios`)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

async function planJson(argv: readonly string[]): Promise<{ code: number; doc: PlanDocument }> {
  const r = await runInProcess([...argv, "--json"]);
  expect(r.stderr).toBe("");
  expect([0, 1]).toContain(r.code);
  return { code: r.code, doc: JSON.parse(r.stdout) as PlanDocument };
}

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  // The errors first: a failure then names the paths and keywords that failed.
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe("plan --json validates against schema/plan.schema.json", () => {
  it.each(cases)("%s", async (_what, argv, check) => {
    const { code, doc } = await planJson(argv);
    expectValid(doc);
    expect(doc.planVersion).toBe("2");
    expect(code).toBe(doc.issues.some((i) => i.severity === "error") ? 1 : 0);
    check(doc);
  });

  it("scenarios/ has the scenarios this test expects to run (a new file is picked up automatically)", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
  });

  it.each(scenarios)("scenario %s", async (file) => {
    const { code, doc } = await planJson(["--scenario", `${repoRoot}/scenarios/${file}`, ...quick]);
    expectValid(doc);
    expect(code).toBe(doc.issues.some((i) => i.severity === "error") ? 1 : 0);
    expect(doc.providers.length).toBeGreaterThan(0);
  });
});

describe("the schema rejects what the plan document must not be", () => {
  let base: PlanDocument | undefined;
  /** A fresh copy of a valid document (one shape, GKE and AKS, --disk so env-disk lines exist). */
  const fresh = async (): Promise<PlanDocument & Record<string, unknown>> => {
    base ??= (await planJson(["--peak", "60", "--env", "4cpu16g", "--disk", "100Gi"])).doc;
    return structuredClone(base) as PlanDocument & Record<string, unknown>;
  };
  /** Mutate a valid copy; the schema must reject it with `keyword` at `instancePath`. */
  const rejects = async (mutate: (d: any) => void, keyword: string, instancePath: string | RegExp): Promise<ErrorObject[]> => {
    const doc = await fresh();
    expectValid(doc);
    mutate(doc);
    expect(validate(doc)).toBe(false);
    const errors = validate.errors ?? [];
    const hit = errors.filter(
      (e) => e.keyword === keyword && (typeof instancePath === "string" ? e.instancePath === instancePath : instancePath.test(e.instancePath)),
    );
    expect(hit, JSON.stringify(errors, null, 1)).not.toEqual([]);
    return errors;
  };

  it("the base document is valid (so each rejection below is the mutation's)", async () => {
    expectValid(await fresh());
  });

  it('a wrong planVersion ("1", the old document)', async () => {
    await rejects((d) => (d.planVersion = "1"), "const", "/planVersion");
  });

  it('planVersion as a number (2 instead of "2")', async () => {
    await rejects((d) => (d.planVersion = 2), "const", "/planVersion");
  });

  it("a missing required key (providers[0].options[0].bill)", async () => {
    await rejects((d) => delete d.providers[0].options[0].bill, "required", "/providers/0/options/0");
  });

  it("a missing top-level key (demand)", async () => {
    await rejects((d) => delete d.demand, "required", "");
  });

  it("an unknown key on a pool's node", async () => {
    await rejects((d) => (d.providers[0].options[0].pools[0].node.gpus = 0), "additionalProperties", "/providers/0/options/0/pools/0/node");
  });

  it("an unknown top-level key (the old v1 `strategies`)", async () => {
    await rejects((d) => (d.strategies = []), "additionalProperties", "");
  });

  it("a negative count (nodes at peak = -1)", async () => {
    await rejects((d) => (d.providers[0].options[0].nodes.peak = -1), "minimum", "/providers/0/options/0/nodes/peak");
  });

  it("a fractional count (2.5 nodes in a placement run)", async () => {
    await rejects((d) => (d.providers[0].options[0].placement[0].nodes[0].count = 2.5), "type", "/providers/0/options/0/placement/0/nodes/0/count");
  });

  it("negative money (a line of -1 USD per month)", async () => {
    await rejects(
      (d) => (d.providers[0].options[0].bill.autoscaled.lines[0].usdPerMonth = -1),
      "minimum",
      "/providers/0/options/0/bill/autoscaled/lines/0/usdPerMonth",
    );
  });

  it("a node price of 0 USD per hour (a price is known and positive, or the machine is not planned)", async () => {
    await rejects((d) => (d.providers[0].options[0].pools[0].nodeUsdPerHour = 0), "exclusiveMinimum", "/providers/0/options/0/pools/0/nodeUsdPerHour");
  });

  it("an unknown option kind, severity, pricing option, provider, platform and dimension", async () => {
    await rejects((d) => (d.providers[0].options[0].kind = "best"), "enum", "/providers/0/options/0/kind");
    await rejects((d) => (d.issues[0].severity = "fatal"), "enum", "/issues/0/severity");
    await rejects((d) => (d.providers[0].options[0].applied = "reserved"), "enum", "/providers/0/options/0/applied");
    await rejects((d) => (d.catalogs[0].provider = "oci"), "enum", "/catalogs/0/provider");
    await rejects((d) => (d.providers[0].platform = "k3s"), "enum", "/providers/0/platform");
    await rejects((d) => (d.providers[0].options[0].pools[0].node.binds["4cpu16g"] = "disk"), "enum", "/providers/0/options/0/pools/0/node/binds/4cpu16g");
  });

  it("a platform of another provider (aks on the GCP plan)", async () => {
    await rejects((d) => (d.providers[0].platform = "aks"), "enum", "/providers/0/platform");
  });

  it("a total without a price while every line is priced (null means an unknown price, not missing data)", async () => {
    await rejects(
      (d) => (d.providers[0].options[0].bill.autoscaled.totalUsdPerMonth = null),
      "type",
      "/providers/0/options/0/bill/autoscaled/totalUsdPerMonth",
    );
  });

  it("an unknown line price with a known line total", async () => {
    await rejects(
      (d) => (d.providers[0].options[0].bill.autoscaled.lines[0].unitPriceUsd = null),
      "type",
      "/providers/0/options/0/bill/autoscaled/lines/0/usdPerMonth",
    );
  });

  it("accepts an unknown price when it is consistent: a null line makes the totals null", async () => {
    const d = (await fresh()) as any;
    const s = d.providers[0].options[0].bill.autoscaled;
    s.lines[0].unitPriceUsd = null;
    s.lines[0].usdPerMonth = null;
    s.totalUsdPerMonth = null;
    s.perDeveloperUsdPerMonth = null;
    s.perEnvHourUsd = null;
    expectValid(d);
  });

  it("a recommended index on a provider with no options", async () => {
    await rejects(
      (d) => {
        d.providers[0].options = [];
        d.providers[0].cheapest = null;
      },
      "type",
      "/providers/0/recommended",
    );
  });

  it("a gap above 1 and an hourly profile of 23 hours", async () => {
    await rejects((d) => (d.providers[0].options[0].gap = 1.5), "maximum", "/providers/0/options/0/gap");
    await rejects((d) => d.demand.hourly.weekday.pop(), "minItems", "/demand/hourly/weekday");
  });
});
