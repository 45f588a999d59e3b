/**
 * Issue 11 at the CLI: the two acceptance commands price every line (AKS westeurope spot with disks, EKS
 * with disks and root volumes), an unpriced line is one error naming the line and why (exit 1, never $0),
 * and a plan says how old its prices are and warns past 90 days — measured on a fixed `--today`.
 *
 * Expected numbers are read from the committed catalogs (catalogs/prices, catalogs/storage, fees.json),
 * whose rows price-sources.test.ts checks against the source files.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PlanDocument, PlanOption, ProviderPlan } from "../../src/core/planner/document.js";
import { clusterFeePerHour, diskPricePerGiBMonth, hourlyPrice, hoursPerMonth, repoRoot, runInProcess } from "../support/cli.js";

const today = "2026-12-04";
const readJson = (rel: string): any => JSON.parse(readFileSync(join(repoRoot, rel), "utf8"));
async function planJson(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; doc: PlanDocument }> {
  const r = await runInProcess([...argv, "--json"], env);
  expect(r.stderr).toBe("");
  return { code: r.code, doc: JSON.parse(r.stdout) as PlanDocument };
}
const only = (doc: PlanDocument): ProviderPlan => doc.providers[0] as ProviderPlan;
const rec = (p: ProviderPlan): PlanOption => p.options[p.recommended as number] as PlanOption;

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("acceptance: every line priced", () => {
  const aks = ["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--region", "westeurope", "--disk", "100Gi", "--pricing", "spot", "--today", today];
  const eks = ["--peak", "60", "--env", "4cpu16g", "--provider", "aws", "--disk", "100Gi", "--today", today];

  it("AKS westeurope, spot, 100Gi disks: spot nodes of 2026-08-22, E10 disks of 2026-08-22, exit 0", async () => {
    const { code, doc } = await planJson(aks);
    expect(code).toBe(0);
    const p = only(doc);
    const o = rec(p);
    for (const l of o.bill.autoscaled.lines) expect(l.usdPerMonth, l.label).not.toBeNull();
    // 100 GiB → E10 (128 GiB) in westeurope: the Retail Prices API snapshot's "E10 LRS Disk" (catalogs/storage/azure.json)
    const e10 = readJson("catalogs/storage/azure.json").regions.westeurope.StandardSSD_LRS;
    expect(e10.tierAsOf.E10).toBe("2026-08-22");
    const disks = o.bill.autoscaled.lines.find((l) => l.id === "env-disks");
    expect(disks).toMatchObject({ quantity: 60, unitPriceUsd: e10.usdPerTierMonth.E10, asOf: "2026-08-22" });
    // spot node-hours at the westeurope spot price of each pool's type (2026-08-22 snapshot), + 60 E10 disks + the AKS fee
    const compute = o.pools.reduce((s, pool) => s + pool.nodeHoursPerMonth * hourlyPrice("azure", "westeurope", pool.machineType, "spotUsdPerHour"), 0);
    expect(o.bill.autoscaled.totalUsdPerMonth).toBeCloseTo(compute + 60 * e10.usdPerTierMonth.E10 + hoursPerMonth * clusterFeePerHour("aks-standard"), 6);
    for (const l of o.bill.autoscaled.lines.filter((x) => x.id === "compute"))
      expect(l).toMatchObject({ asOf: "2026-08-22", source: expect.stringMatching(/spotUsdPerHour; as of 2026-08-22$/) });
    expect(p.pricesAsOf).toEqual([
      { item: "nodes", asOf: "2026-08-22" },
      { item: "disks", asOf: "2026-08-22" },
      { item: "fees", asOf: "2026-08-21" },
    ]);
    expect(p.priceAgeDays).toBe(104); // 2026-08-22 → 2026-12-04
    expect(doc.issues.filter((i) => i.severity === "error")).toEqual([]);
    const text = (await runInProcess(aks)).stdout;
    expect(text).toMatch(/^AKS westeurope \(aks, spot prices of 2026-08-22, 3 zones, \d+ machine types searched\)$/m);
    expect(text).not.toContain("n/a");
    expect(text).toContain("warning: prices are 104 days old (AKS) — run `cc-plan catalog refresh`");
  });

  it("EKS us-east-1, 100Gi disks: gp3 env disks and 20 GiB gp3 root volumes priced, exit 0", async () => {
    const { code, doc } = await planJson(eks);
    expect(code).toBe(0);
    const o = rec(only(doc));
    const gp3 = diskPricePerGiBMonth("aws", "us-east-1", "gp3");
    expect(gp3).toBe(0.08); // Price List response of 2026-08-10 (catalogs/sources/aws/aws-pricelist-api-recorded-tellury-2026-08.csv line 6)
    const lines = o.bill.autoscaled.lines;
    expect(lines.find((l) => l.id === "env-disks")).toMatchObject({ quantity: 60, unitPriceUsd: 100 * gp3, usdPerMonth: 60 * 100 * gp3, asOf: "2026-08-10" });
    const boot = lines.filter((l) => l.id === "boot-disks");
    expect(boot.length).toBe(o.pools.length);
    for (const l of boot) expect(l).toMatchObject({ unitPriceUsd: 20 * gp3, label: expect.stringContaining("(20 GiB gp3, EKS default)") });
    const expected =
      o.pools.reduce((s, pool) => s + pool.nodeHoursPerMonth * (hourlyPrice("aws", "us-east-1", pool.machineType) + (20 * gp3) / hoursPerMonth), 0) +
      60 * 100 * gp3 +
      hoursPerMonth * clusterFeePerHour("eks-standard");
    expect(o.bill.autoscaled.totalUsdPerMonth).toBeCloseTo(expected, 6);
    expect(only(doc).pricesAsOf).toEqual([
      { item: "nodes", asOf: "2026-07-20" },
      { item: "disks", asOf: "2026-08-10" },
      { item: "fees", asOf: "2026-08-21" },
    ]);
    const text = (await runInProcess(eks)).stdout;
    expect(text).toMatch(/^EKS us-east-1 \(eks, on-demand prices of 2026-07-20, disk prices of 2026-08-10, 3 zones,/m);
    expect(text).not.toContain("n/a");
    expect(text).toContain("warning: prices are 137 days old (EKS) — check current AWS prices (no refresh command for aws yet)");
  });
});

describe("an unpriced line is named, never $0", () => {
  it("AKS brazilsouth Premium SSD: no P10 price there → one error naming the line and why, the line null, exit 1", async () => {
    const argv = [
      "--peak",
      "60",
      "--env",
      "4cpu16g",
      "--provider",
      "azure",
      "--region",
      "brazilsouth",
      "--disk",
      "100Gi",
      "--storage-class",
      "Premium_LRS",
      "--today",
      today,
    ];
    const { code, doc } = await planJson(argv);
    expect(code).toBe(1);
    const errors = doc.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => i.message)).toEqual([
      "env disks: no published price for P10 (128 GiB) Premium_LRS in brazilsouth (Premium_LRS is priced in 6 regions) — the monthly cost is incomplete; refresh the prices or choose another --storage-class or --region",
    ]);
    const o = rec(only(doc));
    expect(o.bill.autoscaled.lines.find((l) => l.id === "env-disks")).toMatchObject({ usdPerMonth: null, unitPriceUsd: null });
    expect(o.bill.autoscaled.totalUsdPerMonth).toBeNull();
    // the nodes are still priced (on demand, 2026-06-18) and the Standard SSD default would be priced (2023 table)
    expect(o.bill.autoscaled.knownUsdPerMonth).toBeGreaterThan(0);
    const standard = await planJson(argv.filter((a, i) => a !== "--storage-class" && argv[i - 1] !== "--storage-class"));
    expect(standard.code).toBe(0);
    expect(rec(only(standard.doc)).bill.autoscaled.lines.find((l) => l.id === "env-disks")).toMatchObject({ asOf: "2023-01-25" });
  });
});

describe("how old the prices are", () => {
  const headline = ["--peak", "60", "--env", "4cpu16g"];

  it("old data (GKE 2026-07-30, AKS 2026-06-18 on 2026-12-04): one warning line with both ages, and the first screen keeps its size", async () => {
    const r = await runInProcess([...headline, "--today", today]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\nwarning: prices are 127 days old (GKE) and 169 days old (AKS) — run `cc-plan catalog refresh`\n");
    expect(r.stdout.replace(/\n$/, "").split("\n").length).toBeLessThanOrEqual(25);
    const { doc } = await planJson([...headline, "--today", today]);
    expect(doc.inputs.today).toBe(today);
    expect(doc.providers.map((p) => p.priceAgeDays)).toEqual([127, 169]);
    expect(doc.issues.find((i) => i.code === "prices_old")).toMatchObject({
      severity: "warning",
      details: { gcpAgeDays: 127, azureAgeDays: 169, staleAfterDays: 90 },
    });
  });

  it("fresh data: no warning (90 days is still fresh; 91 is not)", async () => {
    // GKE us-central1: nodes and boot disks of 2026-07-30; 2026-10-28 is 90 days later
    for (const [day, warned] of [
      ["2026-08-15", false],
      ["2026-10-28", false],
      ["2026-10-29", true],
    ] as const) {
      const { code, doc } = await planJson([...headline, "--provider", "gcp", "--today", day]);
      expect(code).toBe(0);
      expect(
        doc.issues.some((i) => i.code === "prices_old"),
        day,
      ).toBe(warned);
      const r = await runInProcess([...headline, "--provider", "gcp", "--today", day]);
      expect(r.stdout.includes("days old"), day).toBe(warned);
    }
  });

  it("CC_PLAN_NOW sets the day when --today is absent; a bad --today or CC_PLAN_NOW is a usage error (exit 2, one line)", async () => {
    const { doc } = await planJson([...headline, "--provider", "gcp"], { CC_PLAN_NOW: "2026-08-31T23:00:00Z" });
    expect(doc.inputs.today).toBe("2026-08-31");
    expect(only(doc).priceAgeDays).toBe(32);
    for (const [argv, env, message] of [
      [["--today", "2026-02-30"], {}, 'cc-plan: --today "2026-02-30": expected a date YYYY-MM-DD, e.g. --today 2026-12-04\n'],
      [["--today", "yesterday"], {}, 'cc-plan: --today "yesterday": expected a date YYYY-MM-DD, e.g. --today 2026-12-04\n'],
      [[], { CC_PLAN_NOW: "soon" }, 'cc-plan: CC_PLAN_NOW "soon": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04\n'],
      // issue 12: Date.parse("1") is 2001-01-01, so "1" used to be accepted (and written as a refresh's date)
      [[], { CC_PLAN_NOW: "1" }, 'cc-plan: CC_PLAN_NOW "1": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04\n'],
      [[], { CC_PLAN_NOW: "Dec 4 2026" }, 'cc-plan: CC_PLAN_NOW "Dec 4 2026": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04\n'],
      [[], { CC_PLAN_NOW: "2026-13-45" }, 'cc-plan: CC_PLAN_NOW "2026-13-45": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04\n'],
    ] as const) {
      const r = await runInProcess([...headline, ...argv], { ...env });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    // a refresh stops on it before any request (its date would become the catalog's asOf)
    const r = await runInProcess(["catalog", "refresh", "--provider", "gcp", "--regions", "us-central1", "--gcp-endpoint", "http://127.0.0.1:9"], {
      CC_PLAN_NOW: "1",
      CC_PLAN_GCP_API_KEY: "k",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cc-plan: CC_PLAN_NOW "1": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04\n');
  });

  it("a refreshed region counts from its refresh: the price file's and storage entry's dates, not the build's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-refreshed-"));
    tempDirs.push(dir);
    cpSync(join(repoRoot, "catalogs"), dir, { recursive: true });
    // what `cc-plan catalog refresh --provider gcp --regions us-central1` writes on 2026-11-30 (src/adapters/prices/write.ts)
    const pf = join(dir, "prices", "gcp", "us-central1.json");
    const prices = JSON.parse(readFileSync(pf, "utf8"));
    prices._meta.asOf = "2026-11-30";
    writeFileSync(pf, JSON.stringify(prices));
    const sf = join(dir, "storage", "gcp.json");
    const storage = JSON.parse(readFileSync(sf, "utf8"));
    storage.regions["us-central1"]["pd-balanced"].asOf = "2026-11-30";
    writeFileSync(sf, JSON.stringify(storage));
    const { doc } = await planJson([...headline, "--provider", "gcp", "--today", today], { CC_PLAN_CATALOG_DIR: dir });
    expect(only(doc).pricesAsOf.filter((d) => d.item !== "fees")).toEqual([
      { item: "nodes", asOf: "2026-11-30" },
      { item: "disks", asOf: "2026-11-30" },
    ]);
    expect(only(doc).priceAgeDays).toBe(4);
    expect(doc.issues.some((i) => i.code === "prices_old")).toBe(false);
  });
});
