/**
 * `cc-plan catalog refresh` end to end: the CLI, the real HTTP client and the writer against a 127.0.0.1
 * replay server answering with rows built row-for-row from catalogs/sources/ (the same data the
 * committed catalogs were built from). The refreshed files must reproduce the committed prices of the
 * covered rows; every fault must leave the previous catalog byte-for-byte intact.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CatalogPriceFile } from "../../src/catalog/types.js";
import { copyCatalogs, snapshot } from "../support/catalog-copy.js";
import { repoRoot, runInProcess } from "../support/cli.js";
import { type ReplayResponse, type ReplayServer, startReplayServer } from "../support/replay-server.js";
import { diskItem, pageResponses, parseFilter, vmItem } from "./fixtures/azure/retail.js";
import { paginate, referenceSkus } from "./fixtures/gcp/reference-skus.js";

const committedEastus = JSON.parse(readFileSync(join(repoRoot, "catalogs", "prices", "azure", "eastus.json"), "utf8")) as CatalogPriceFile;
const env = { CC_PLAN_NOW: "2026-11-22T10:00:00Z" };

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Linux rows for every committed eastus offering, at the committed price (= the reference CSV row). */
function eastusItems(): Record<string, unknown>[] {
  return Object.entries(committedEastus.offerings).map(([name, o]) => vmItem("eastus", name, o.onDemandUsdPerHour as number));
}
function eastusDisks(product: string): Record<string, unknown>[] {
  // the five managed-disk prices with a public source (catalogs/sources/azure/managed-disk-prices.csv)
  return [
    diskItem("eastus", "Premium SSD Managed Disks", "P4 LRS Disk", "P4 LRS", 5.28),
    diskItem("eastus", "Premium SSD Managed Disks", "P10 LRS Disk", "P10 LRS", 19.71),
    diskItem("eastus", "Standard SSD Managed Disks", "E10 LRS Disk", "E10 LRS", 9.6),
    diskItem("eastus", "Standard SSD Managed Disks", "E30 LRS Disk", "E30 LRS", 76.8),
    diskItem("eastus", "Standard HDD Managed Disks", "S4 LRS Disk", "S4 LRS", 1.54),
  ].filter((i) => i.productName === product);
}

async function start(vmResponse?: (url: URL) => ReplayResponse): Promise<ReplayServer> {
  const s: { base: string } = { base: "" };
  const srv = await startReplayServer([
    {
      path: "/api/retail/prices",
      respond: (url: URL): ReplayResponse => {
        const f = parseFilter(url.searchParams.get("$filter") ?? "");
        if (f.serviceName === "Virtual Machines" && f.priceType === "Consumption" && vmResponse) return vmResponse(url);
        const items =
          f.serviceName === "Virtual Machines" && f.priceType === "Consumption"
            ? eastusItems()
            : f.serviceName === "Storage" && f.productName
              ? eastusDisks(f.productName)
              : [];
        return pageResponses(url, s.base, items, 3);
      },
    },
  ]);
  s.base = srv.baseUrl;
  return srv;
}

const refresh = (dir: string, extra: string[] = []) =>
  runInProcess(
    [
      "catalog",
      "refresh",
      "--provider",
      "azure",
      "--regions",
      "eastus",
      "--azure-prices-endpoint",
      `${server?.baseUrl}/api/retail/prices`,
      "--out",
      dir,
      "--retries",
      "1",
      "--backoff-ms",
      "1",
      "--timeout-ms",
      "1000",
      ...extra,
    ],
    env,
  );

describe("catalog refresh --provider azure (Retail Prices API on 127.0.0.1)", () => {
  it("reproduces the committed eastus prices for every covered row and says nothing moved", async () => {
    server = await start();
    const dir = copyCatalogs();
    const r = await refresh(dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^refreshed 1 region\(s\): eastus\n\d+ price row\(s\) within 1 %, 0 moved more than 1 %, 0 new, 0 removed\n$/);
    const written = JSON.parse(readFileSync(join(dir, "prices", "azure", "eastus.json"), "utf8")) as CatalogPriceFile;
    for (const [name, o] of Object.entries(committedEastus.offerings)) expect(written.offerings[name]?.onDemandUsdPerHour, name).toBe(o.onDemandUsdPerHour);
    expect(Object.keys(written.offerings)).toEqual(Object.keys(committedEastus.offerings)); // same machine order as the builder
    expect(written._meta.refresh).toMatchObject({ retrievedAt: "2026-11-22T10:00:00Z", endpoint: expect.stringContaining("127.0.0.1") });
    // the planner reads the refreshed folder
    const plan = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--json"], { CC_PLAN_CATALOG_DIR: dir });
    expect(plan.code).toBe(0);
  });

  const faults: [string, (url: URL) => ReplayResponse, RegExp][] = [
    ["500 on every try", () => ({ status: 500, body: { error: "boom" } }), /HTTP 500|status 500|\b500\b/],
    ["truncated JSON", () => ({ body: { Items: eastusItems(), NextPageLink: null }, truncateAt: 200 }), /JSON|cut|truncat/i],
    ["a zero price", () => ({ body: { Items: [vmItem("eastus", "Standard_D4s_v3", 0)], NextPageLink: null, Count: 1 } }), /not a positive price/],
    ["a hung connection", () => ({ hang: true }), /time/i],
  ];
  for (const [name, respond, message] of faults) {
    it(`${name}: exit 1, one line naming the endpoint, previous catalog byte-for-byte intact`, async () => {
      server = await start(respond);
      const dir = copyCatalogs();
      const before = snapshot(dir);
      const r = await refresh(dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^cc-plan: catalog refresh azure: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/127\.0\.0\.1/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      const after = snapshot(dir);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [p, b] of before) expect(after.get(p)?.equals(b), p).toBe(true);
    });
  }

  it("bad flags: exit 2 with the accepted forms", async () => {
    const r = await runInProcess(["catalog", "refresh", "--provider", "aws"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "cc-plan: catalog refresh: --provider: expected exactly one of gcp, azure, e.g. cc-plan catalog refresh --provider gcp --regions us-central1\n",
    );
    const f = await runInProcess(["catalog", "refresh", "--provider", "azure", "--families", "zz9"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^cc-plan: --families "zz9": expected families of the azure catalog: /);
  });
});

describe("catalog refresh --provider gcp (Cloud Billing API on 127.0.0.1 through @google-cloud/billing)", () => {
  const key = "AIza-test-key-never-printed-0123";
  const skusPath = "/v1/services/6F81-5844-456A/skus";
  const committedUsc1 = JSON.parse(readFileSync(join(repoRoot, "catalogs", "prices", "gcp", "us-central1.json"), "utf8")) as CatalogPriceFile;

  it("with --allow-partial: reproduces the committed us-central1 prices of every covered row, marks the rest, never prints the key", async () => {
    const pages = paginate(referenceSkus(["us-central1"]), 3);
    const byToken = new Map<string, unknown>(pages.map((p, i) => [i === 0 ? "" : `page-${i + 1}`, p]));
    server = await startReplayServer([
      { path: skusPath, respond: (url) => ({ body: byToken.get(url.searchParams.get("pageToken") ?? "") ?? {}, status: 200 }) },
    ]);
    const dir = copyCatalogs();
    const r = await runInProcess(
      [
        "catalog",
        "refresh",
        "--provider",
        "gcp",
        "--regions",
        "us-central1",
        "--gcp-endpoint",
        server.baseUrl,
        "--out",
        dir,
        "--allow-partial",
        "--retries",
        "1",
        "--backoff-ms",
        "1",
      ],
      { ...env, CC_PLAN_GCP_API_KEY: key },
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain(key);
    expect(r.code).toBe(0); // partial, accepted by --allow-partial: the c3 -lssd types bundle local SSD and are listed as missing
    // issue 12: the README and --help said exit 1 here; they now say what the command does
    const readmeRow = readFileSync(join(repoRoot, "README.md"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("| `--allow-partial` |"));
    expect(readmeRow).toContain("(exit 0:");
    expect((await runInProcess(["catalog", "--help"])).stdout.replace(/\s+/g, " ")).toContain("mark what is missing (exit 0, the summary lists it)");
    expect(r.stdout).toMatch(/^refreshed 1 region\(s\): us-central1\n/);
    expect(r.stdout).toMatch(/missing: c3-\S+-lssd in us-central1/);
    const written = JSON.parse(readFileSync(join(dir, "prices", "gcp", "us-central1.json"), "utf8")) as CatalogPriceFile;
    let compared = 0;
    for (const [name, o] of Object.entries(written.offerings)) {
      const c = committedUsc1.offerings[name] as Record<string, number>;
      for (const [k, v] of Object.entries(o)) {
        // core + RAM rates solved from the reference rows reproduce Cyclenerd's decimals to 1e-12 relative
        expect(Math.abs((v as number) - (c[k] as number)) / (c[k] as number), `${name} ${k}`).toBeLessThan(1e-12);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(400);
    expect(written._meta.refresh?.missing.length).toBeGreaterThan(0);
    expect(server.requests.every((q) => q.headers["x-goog-api-key"] === key)).toBe(true);
  });

  it("without --allow-partial the same partial answer writes nothing: exit 1, previous catalog intact", async () => {
    const pages = paginate(referenceSkus(["us-central1"]), 2);
    const byToken = new Map<string, unknown>(pages.map((p, i) => [i === 0 ? "" : `page-${i + 1}`, p]));
    server = await startReplayServer([
      { path: skusPath, respond: (url) => ({ body: byToken.get(url.searchParams.get("pageToken") ?? "") ?? {}, status: 200 }) },
    ]);
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(["catalog", "refresh", "--provider", "gcp", "--regions", "us-central1", "--gcp-endpoint", server.baseUrl, "--out", dir], {
      ...env,
      CC_PLAN_GCP_API_KEY: key,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cc-plan: catalog refresh gcp: partial data: \d+ row\(s\) could not be priced .*nothing written\. Pass --allow-partial/);
    const after = snapshot(dir);
    for (const [p, b] of before) expect(after.get(p)?.equals(b), p).toBe(true);
  });

  const gcpFaults: [string, ReplayResponse | ReplayResponse[], RegExp][] = [
    ["truncated JSON", { body: JSON.stringify({ skus: referenceSkus(["us-central1"]).slice(0, 50) }), truncateAt: 300 }, /JSON|cut|truncat|invalid/i],
    ["a hung connection", { hang: true }, /time/i],
    [
      "a zero price",
      (() => {
        const skus = referenceSkus(["us-central1"]);
        const first = skus[0] as unknown as { pricingInfo: { pricingExpression: { tieredRates: { unitPrice: { units: string; nanos: number } }[] } }[] };
        for (const r of first.pricingInfo[0]?.pricingExpression.tieredRates ?? []) r.unitPrice = { ...r.unitPrice, units: "0", nanos: 0 };
        return { body: { skus } };
      })(),
      /unitPrice is 0 USD: a list price must be positive/,
    ],
  ];
  for (const [name, respond, message] of gcpFaults) {
    it(`${name}: exit 1, one line saying what failed, previous catalog byte-for-byte intact`, async () => {
      server = await startReplayServer([{ path: skusPath, respond }]);
      const dir = copyCatalogs();
      const before = snapshot(dir);
      const r = await runInProcess(
        [
          "catalog",
          "refresh",
          "--provider",
          "gcp",
          "--regions",
          "us-central1",
          "--gcp-endpoint",
          server.baseUrl,
          "--out",
          dir,
          "--retries",
          "1",
          "--backoff-ms",
          "1",
          "--timeout-ms",
          "1000",
          "--allow-partial",
        ],
        { ...env, CC_PLAN_GCP_API_KEY: key },
      );
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^cc-plan: catalog refresh gcp: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toContain(key);
      const after = snapshot(dir);
      for (const [p, b] of before) expect(after.get(p)?.equals(b), p).toBe(true);
    });
  }

  it("429 then success: retried, and the refresh completes", async () => {
    const pages = paginate(referenceSkus(["us-central1"]), 1);
    server = await startReplayServer([
      { path: skusPath, respond: [{ status: 429, headers: { "retry-after": "0" }, body: { error: { code: 429, message: "slow down" } } }, { body: pages[0] }] },
    ]);
    const dir = copyCatalogs();
    const r = await runInProcess(
      [
        "catalog",
        "refresh",
        "--provider",
        "gcp",
        "--regions",
        "us-central1",
        "--gcp-endpoint",
        server.baseUrl,
        "--out",
        dir,
        "--allow-partial",
        "--retries",
        "2",
        "--backoff-ms",
        "1",
      ],
      {
        ...env,
        CC_PLAN_GCP_API_KEY: key,
      },
    );
    expect(r.code).toBe(0);
    expect(server.requests.length).toBe(2);
  });

  it("500 on every page: exit 1 naming the endpoint and status, previous catalog intact, no key in the message", async () => {
    server = await startReplayServer([{ path: skusPath, respond: { status: 500, body: { error: { code: 500, message: "boom" } } } }]);
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(
      [
        "catalog",
        "refresh",
        "--provider",
        "gcp",
        "--regions",
        "us-central1",
        "--gcp-endpoint",
        server.baseUrl,
        "--out",
        dir,
        "--retries",
        "1",
        "--backoff-ms",
        "1",
      ],
      {
        ...env,
        CC_PLAN_GCP_API_KEY: key,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cc-plan: catalog refresh gcp: .*500.*127\.0\.0\.1|^cc-plan: catalog refresh gcp: .*127\.0\.0\.1.*500/);
    expect(r.stderr).not.toContain(key);
    const after = snapshot(dir);
    for (const [p, b] of before) expect(after.get(p)?.equals(b), p).toBe(true);
  });
});
