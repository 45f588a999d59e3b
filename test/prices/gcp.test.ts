/**
 * The GCP live-price adapter (src/adapters/prices/gcp.ts) with the REAL @google-cloud/billing client on
 * its REST transport, against a 127.0.0.1 replay server (test/support/replay-server.ts): recorded API
 * pages (opencost fixtures in test/fixtures/recorded/) and pages built from the reference CSV
 * (test/prices/fixtures/gcp/reference-skus.ts). No SDK internals are mocked.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fetchGcpPrices, type GcpFetchRequest } from "../../src/adapters/prices/gcp.js";
import { redactUrl } from "../../src/adapters/prices/http.js";
import type { FetchedPrices } from "../../src/adapters/prices/types.js";
import type { CatalogMachinesFile, CatalogPriceFile } from "../../src/catalog/types.js";
import { caught } from "../support/caught.js";
import { repoRoot } from "../support/cli.js";
import { referenceFile } from "../support/reference.js";
import { type ReplayResponse, type ReplayServer, startReplayServer } from "../support/replay-server.js";
import { paginate, type RestSku, readInstanceCsv, referenceSkus, restSku } from "./fixtures/gcp/reference-skus.js";

const skusPath = "/v1/services/6F81-5844-456A/skus";
const apiKey = "AIzaTEST-SECRET-KEY-123";
const machinesFile = JSON.parse(readFileSync(join(repoRoot, "catalogs", "gcp.json"), "utf8")) as CatalogMachinesFile;
const machines = machinesFile.machineTypes.map((m) => ({ name: m.name, family: m.family, vcpus: m.vcpus, memoryMiB: m.memoryMiB }));
const committed = (region: string): CatalogPriceFile =>
  JSON.parse(readFileSync(join(repoRoot, "catalogs", "prices", "gcp", `${region}.json`), "utf8")) as CatalogPriceFile;
const recorded = JSON.parse(readFileSync(referenceFile("opencost-gcp-skus.json"), "utf8")) as { skus: RestSku[]; nextPageToken: string };
const recordedN4 = JSON.parse(readFileSync(referenceFile("opencost-gcp-n4-skus.json"), "utf8")) as { skus: RestSku[] };

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `pages` in order, chosen by the pageToken query parameter ("" → first page, page-N → page N). */
async function servePages(pages: readonly { skus: unknown[]; nextPageToken?: string }[], tokens?: readonly string[]): Promise<ReplayServer> {
  const byToken = new Map<string, unknown>();
  pages.forEach((p, i) => {
    byToken.set(i === 0 ? "" : (tokens?.[i] ?? `page-${i + 1}`), p);
  });
  server = await startReplayServer([
    {
      path: skusPath,
      respond: (url): ReplayResponse => ({
        body: byToken.get(url.searchParams.get("pageToken") ?? "") ?? { error: { code: 400, message: "bad token" } },
        status: byToken.has(url.searchParams.get("pageToken") ?? "") ? 200 : 400,
      }),
    },
  ]);
  return server;
}
async function serveSequence(responses: readonly ReplayResponse[]): Promise<ReplayServer> {
  server = await startReplayServer([{ path: skusPath, respond: responses }]);
  return server;
}

function request(s: ReplayServer, over: Partial<GcpFetchRequest> = {}): GcpFetchRequest & { progress: string[] } {
  const progress: string[] = [];
  return {
    endpoint: s.baseUrl,
    apiKey,
    regions: ["us-central1"],
    machines,
    retrievedAt: "2026-08-01T00:00:00Z",
    backoffMs: 10,
    timeoutMs: 5000,
    onProgress: (m) => progress.push(m),
    progress,
    ...over,
  };
}
const refreshError = caught;
const offering = (f: FetchedPrices, region: string, name: string): Record<string, number> => (f.regions[region]?.[name] ?? {}) as Record<string, number>;

describe("reference pages (built from gcp-gce-instance-prices.csv) through the real SDK", () => {
  it("n2-standard-32 us-central1 = 32 × 0.031611 + 128 × 0.004237 = 1.553888 USD/h, the committed catalog value; all pages read", async () => {
    const skus = referenceSkus(["us-central1"]);
    const pages = paginate(skus, 3); // ≥ 3 pages linked by nextPageToken, the last without one
    const s = await servePages(pages);
    const req = request(s);
    const f = await fetchGcpPrices(req);
    // Source: N2 Core nanos 31611000 and RAM 4237000 solved from n2-standard-2 / n2-highcpu-2 (CSV lines), =
    // opencost skus.json's A2 rates; 32 × 0.031611 + 128 × 0.004237 = 1.011552 + 0.542336.
    expect(offering(f, "us-central1", "n2-standard-32").onDemandUsdPerHour).toBe(1.553888);
    expect(committed("us-central1").offerings["n2-standard-32"]?.onDemandUsdPerHour).toBe(1.553888);
    // SUD month = 730 × 1.553888 × 0.8002 = 907.697459648 (CSV month_usd_with_sud).
    expect(offering(f, "us-central1", "n2-standard-32").sustainedUseUsdPerMonth).toBe(907.697459648);
    expect(s.requests.map((r) => r.url.searchParams.get("pageToken"))).toEqual([null, "page-2", "page-3"]);
    expect(req.progress.slice(0, 3)).toEqual([
      `page 1: ${pages[0]!.skus.length} SKUs`,
      `page 2: ${pages[0]!.skus.length * 2} SKUs`,
      `page 3: ${skus.length} SKUs`,
    ]);
    expect(f).toMatchObject({ provider: "gcp", currency: "USD", endpoint: s.baseUrl, sdk: "@google-cloud/billing 5.1.2", retrievedAt: "2026-08-01T00:00:00Z" });
    // Only the c3 -lssd types (local SSD bundled) are not priced from core + RAM SKUs.
    expect(f.missing.length).toBeGreaterThan(0);
    for (const m of f.missing) expect(m).toMatch(/^c3-\S+-lssd in us-central1: bundles local SSD/);
    // Storage: CSV us-central1 pd-balanced 0.1, pd-ssd 0.17, pd-standard 0.04, snapshot 0.05 per GiB-month.
    expect(Object.fromEntries(Object.entries(f.storage?.["us-central1"] ?? {}).map(([k, v]) => [k, v.usdPerGiBMonth]))).toEqual({
      "pd-balanced": 0.1,
      "pd-balanced-regional": 0.2,
      "pd-ssd": 0.17,
      "pd-ssd-regional": 0.34,
      "pd-standard": 0.04,
      "pd-standard-regional": 0.08,
      snapshot: 0.05,
    });
    // The key travels in the x-goog-api-key header, never in a URL.
    for (const r of s.requests) {
      expect(r.headers["x-goog-api-key"]).toBe(apiKey);
      expect(r.url.toString()).not.toContain(apiKey);
    }
    expect(req.progress.join("\n")).not.toContain(apiKey);
  });

  it("reproduces every CSV row of every region it has SKUs for (row for row, all five series, all price kinds)", async () => {
    const rows = readInstanceCsv();
    const regions = [...new Set(rows.map((r) => r.region))].sort();
    const s = await servePages(paginate(referenceSkus(regions), 4));
    const f = await fetchGcpPrices(request(s, { regions }));
    let compared = 0;
    for (const row of rows) {
      if (row.machine.endsWith("-lssd")) {
        // Their CSV price includes local SSD, which core + RAM SKUs do not give: never a wrong number.
        expect(f.regions[row.region]?.[row.machine]).toBeUndefined();
        continue;
      }
      const got = f.regions[row.region]?.[row.machine];
      if (!got) {
        // Regions whose CSV lacks a standard/highcpu pair cannot be decomposed: the adapter must say so.
        expect(
          f.missing.some((m) => m.startsWith(`${row.machine} in ${row.region}:`) || m.startsWith(`${row.region}:`)),
          `${row.machine} ${row.region}`,
        ).toBe(true);
        continue;
      }
      // Each expected value is the CSV cell itself (line row.line); prices are exact fractions converted once,
      // so they agree with Cyclenerd's decimals to the last double bit or within 1e-12 relative.
      const close = (a: number | undefined, b: string): void => {
        expect(a, `${row.machine} ${row.region} line ${row.line}`).toBeDefined();
        expect(Math.abs((a as number) - Number(b)) / Number(b), `${row.machine} ${row.region} line ${row.line}: ${a} vs ${b}`).toBeLessThan(1e-12);
      };
      close(got.onDemandUsdPerHour, row.hour);
      if (got.spotUsdPerHour !== undefined) close(got.spotUsdPerHour, row.spot);
      if (got.commit1yUsdPerMonth !== undefined) close(got.commit1yUsdPerMonth, row.m1y);
      if (got.commit3yUsdPerMonth !== undefined) close(got.commit3yUsdPerMonth, row.m3y);
      if (["n2", "n2d", "c2"].includes(row.series)) close(got.sustainedUseUsdPerMonth, row.sud);
      else expect(got.sustainedUseUsdPerMonth, `${row.machine}: no SUD for e2/c3 (docs/pricing-sources.md §1.5)`).toBeUndefined();
      compared++;
    }
    expect(compared).toBeGreaterThan(3500); // of 4,404 rows (less -lssd types and undecomposable regions)
  });

  it("a RAM SKU priced per GB (GBy.h) is converted to per GiB exactly (× 1.073741824)", async () => {
    // 0.004237 USD/GiB-h = 0.004237 / 1.073741824 USD/GB-h; give it as nanos per GB such that the exact
    // per-GiB value is 3946000 × 1.073741824 = 4236985.23… nanos → n2-standard-2 = 2 × 0.031611 + 8 × that.
    const skus = [
      restSku({ description: "N2 Instance Core running in Iowa", group: "CPU", regions: ["us-central1"], unit: "h", nanos: 31_611_000n }),
      restSku({ description: "N2 Instance Ram running in Iowa", group: "RAM", regions: ["us-central1"], unit: "GBy.h", nanos: 3_946_000n }),
    ];
    const s = await servePages([{ skus }]);
    const f = await fetchGcpPrices(request(s, { machines: machines.filter((m) => m.name === "n2-standard-2") }));
    // 2 × 0.031611 + 8 GiB × 0.003946 USD/GB-h × 1.073741824 GB/GiB = 0.063222 + 0.033895881900032 (exact:
    // 8 × 3946000 × 1073741824 = 33895881900032000, over 1e18) = 0.097117881900032 exactly.
    expect(offering(f, "us-central1", "n2-standard-2").onDemandUsdPerHour).toBe(0.097117881900032);
  });

  it("with an API key, the SDK runs no child process (no `gcloud config config-helper`, no ~/.config/gcloud)", async () => {
    // google-auth-library looks the project id up with child_process.exec("gcloud config config-helper …")
    // when none is given; it calls the module's exec at call time, so a wrapper sees every call.
    const cp = createRequire(import.meta.url)("node:child_process") as { exec: (...a: unknown[]) => unknown };
    const exec = cp.exec;
    const commands: string[] = [];
    cp.exec = (...a: unknown[]) => {
      commands.push(String(a[0]));
      return exec(...a);
    };
    try {
      const s = await servePages([
        { skus: [restSku({ description: "N2 Instance Core running in Iowa", group: "CPU", regions: ["us-central1"], unit: "h", nanos: 31_611_000n })] },
      ]);
      await fetchGcpPrices(request(s, { machines: machines.filter((m) => m.name === "n2-standard-2") }));
    } finally {
      cp.exec = exec;
    }
    expect(commands).toEqual([]);
  });
});

describe("recorded API pages (opencost fixtures)", () => {
  it("skus.json then n4_skus.json via its real nextPageToken: E2 priced in IDR, catalog labelled IDR; excluded SKUs listed", async () => {
    const token = recorded.nextPageToken;
    const s = await servePages([recorded, recordedN4], ["", token]);
    const req = request(s, { families: ["e2"], machines: machines.filter((m) => m.name === "e2-standard-2" || m.name === "e2-micro") });
    const f = await fetchGcpPrices(req);
    expect(s.requests.map((r) => r.url.searchParams.get("pageToken"))).toEqual([null, token]); // the n4 page has no token: ends cleanly
    expect(f.currency).toBe("IDR");
    // E2 Core "units 327 nanos 173848364", Ram "units 43 nanos 852949780" (skus.json, IDR):
    // e2-standard-2 = 2 × 327.173848364 + 8 × 43.85294978 = 654.347696728 + 350.82359824 = 1005.171294968 IDR/h.
    expect(offering(f, "us-central1", "e2-standard-2").onDemandUsdPerHour).toBe(1005.171294968);
    // e2-micro bills 0.25 vCPU: 0.25 × 327.173848364 + 1 × 43.85294978 = 125.646411871 IDR/h.
    expect(offering(f, "us-central1", "e2-micro").onDemandUsdPerHour).toBe(125.646411871);
    expect(offering(f, "us-central1", "e2-standard-2").sustainedUseUsdPerMonth).toBeUndefined(); // E2: no SUD
    // The n4 page: 4 Custom, 2 Sole Tenancy, 2 Reserved SKUs in us-central1 are excluded, each with its reason.
    expect(f.filters).toEqual(
      expect.arrayContaining([
        "excluded 4 SKU(s): custom machine type rate (predefined types are priced)",
        "excluded 2 SKU(s): sole-tenancy premium (a surcharge on sole-tenant nodes, not a machine rate)",
        "excluded 2 SKU(s): reservation SKU (reserved capacity, not a list price)",
      ]),
    );
    // No Spot/CUD SKUs for E2 on these pages: said, not guessed.
    expect(f.missing).toContain("e2-standard-2 in us-central1: no E2 Spot Core SKU (spot price omitted)");
  });

  it("A2 rates on the recorded page are not N2 (series come from the description, not from the price)", async () => {
    const s = await servePages([{ skus: recorded.skus }]);
    const f = await fetchGcpPrices(request(s, { families: ["n2"], regions: ["us-central1", "us-east1"] }));
    expect(f.regions).toEqual({});
    expect(f.missing).toEqual(["us-central1: no n2 machine SKU in this region", "us-east1: no n2 machine SKU in this region"]);
  });
});

describe("faults", () => {
  // Every N2 SKU of us-central1 (on-demand, Spot, 1- and 3-year CUD), built from the CSV.
  const good = { skus: referenceSkus(["us-central1"]).filter((k) => /N2 Instance|Commitment v1: N2 (Cpu|Ram)/.test(k.description)) };
  const n2 = machines.filter((m) => m.name === "n2-standard-4");

  it("429 then success: retried by the SDK's gax retry, same result", async () => {
    const s = await serveSequence([
      { status: 429, body: { error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } }, headers: { "retry-after": "0" } },
      { body: good },
    ]);
    const f = await fetchGcpPrices(request(s, { machines: n2 }));
    expect(s.requests).toHaveLength(2);
    // n2-standard-4 = 4 × 0.031611 + 16 × 0.004237 = 0.194236 (CSV hour_usd, us-central1).
    expect(offering(f, "us-central1", "n2-standard-4").onDemandUsdPerHour).toBe(0.194236);
  });

  it("500 on every attempt: 1 + maxRetries requests, then a RefreshError naming the endpoint and status", async () => {
    const s = await serveSequence([{ status: 500, body: { error: { code: 500, message: "backend error", status: "INTERNAL" } } }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2, maxRetries: 2, endpoint: `${s.baseUrl}/?key=${apiKey}` })));
    expect(s.requests).toHaveLength(3);
    expect(e.status).toBe(500);
    expect(e.endpoint).toBe(s.baseUrl); // a key given in the URL is dropped from the endpoint
    expect(e.message).toContain(s.baseUrl);
    expect(e.message).toContain("HTTP 500");
    expect(e.message).not.toContain(apiKey);
    expect(e.message).not.toContain("key=");
  });

  it("a hung connection: a timeout RefreshError after timeoutMs, not a hang", async () => {
    const s = await serveSequence([{ hang: true }]);
    const t0 = Date.now();
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2, timeoutMs: 300 })));
    expect(e.message).toMatch(/timed out after 300 ms/);
    expect(e.message).toContain(s.baseUrl);
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it("the total budget bounds the refresh even when every request is slow", async () => {
    const s = await serveSequence([{ hang: true }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2, timeoutMs: 5000, totalBudgetMs: 250 })));
    expect(e.message).toMatch(/within the 250 ms budget/);
  });

  it.each([
    ["a body cut off mid-JSON (connection closed)", { body: good, truncateAt: 200 }],
    ["a complete response whose JSON is truncated", { body: JSON.stringify(good).slice(0, 300) }],
  ])("%s → RefreshError", async (_, response) => {
    const s = await serveSequence([response]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2, maxRetries: 0 })));
    expect(e.message).toContain(s.baseUrl);
    expect(e.message).not.toContain(apiKey);
  });

  it.each([
    ["zero", 0n, /is 0 USD: a list price must be positive/],
    ["negative", -31_611_000n, /is -0.031611 USD: a list price must be positive/],
  ])("a %s price → RefreshError naming the SKU", async (_, nanos, re) => {
    const skus = [
      restSku({ skuId: "BAD0-0000-0001", description: "N2 Instance Core running in Iowa", group: "CPU", regions: ["us-central1"], unit: "h", nanos }),
      restSku({ description: "N2 Instance Ram running in Iowa", group: "RAM", regions: ["us-central1"], unit: "GiBy.h", nanos: 4_237_000n }),
    ];
    const s = await servePages([{ skus }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2 })));
    expect(e.message).toMatch(/^SKU BAD0-0000-0001 "N2 Instance Core running in Iowa": pricingInfo\[0\]/);
    expect(e.message).toMatch(re);
  });

  it("a SKU without pricingInfo → RefreshError naming the SKU and field", async () => {
    const bad = restSku({
      skuId: "BAD0-0000-0002",
      description: "N2 Instance Ram running in Iowa",
      group: "RAM",
      regions: ["us-central1"],
      unit: "GiBy.h",
      nanos: 1n,
    }) as Partial<RestSku>;
    delete bad.pricingInfo;
    const s = await servePages([{ skus: [...good.skus.filter((k) => !k.description.includes("Ram")), bad] }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2 })));
    expect(e.message).toBe('SKU BAD0-0000-0002 "N2 Instance Ram running in Iowa": pricingInfo is empty');
  });

  it("an unknown usage unit on a SKU we use → RefreshError naming the SKU and field", async () => {
    const skus = [
      ...good.skus.filter((k) => !k.description.includes("Ram")),
      restSku({ skuId: "BAD0-0000-0003", description: "N2 Instance Ram running in Iowa", group: "RAM", regions: ["us-central1"], unit: "MiBy.h", nanos: 4n }),
    ];
    const s = await servePages([{ skus }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2 })));
    expect(e.message).toContain('SKU BAD0-0000-0003 "N2 Instance Ram running in Iowa": pricingInfo[0].pricingExpression.usageUnit is "MiBy.h"');
  });

  it("a region with no SKUs is absent and listed in missing; a region lacking the RAM SKU lists each machine", async () => {
    const skus = [
      ...good.skus,
      restSku({ description: "N2 Instance Core running in Frankfurt", group: "CPU", regions: ["europe-west3"], unit: "h", nanos: 36_000_000n }),
    ];
    const s = await servePages([{ skus }]);
    const f = await fetchGcpPrices(request(s, { machines: n2, regions: ["us-central1", "europe-west3", "us-west9"] }));
    expect(Object.keys(f.regions)).toEqual(["us-central1"]);
    expect(f.missing).toEqual(["n2-standard-4 in europe-west3: no N2 RAM SKU", "us-west9: no n2 machine SKU in this region"]);
  });

  it("a per-region SKU beats a multi-region one; two equally specific SKUs with different prices are a conflict, not a pick", async () => {
    const ram = restSku({ description: "N2 Instance Ram running in Iowa", group: "RAM", regions: ["us-central1"], unit: "GiBy.h", nanos: 4_237_000n });
    const skus = [
      restSku({ description: "N2 Instance Core running in Americas", group: "CPU", regions: ["us-central1", "us-east1"], unit: "h", nanos: 99_000_000n }),
      restSku({ description: "N2 Instance Core running in Iowa", group: "CPU", regions: ["us-central1"], unit: "h", nanos: 31_611_000n }),
      ram,
      restSku({
        skuId: "DUP0-0000-0001",
        description: "N2 Instance Core running in Virginia",
        group: "CPU",
        regions: ["us-east4"],
        unit: "h",
        nanos: 35_000_000n,
      }),
      restSku({
        skuId: "DUP0-0000-0002",
        description: "N2 Instance Core running in Northern Virginia",
        group: "CPU",
        regions: ["us-east4"],
        unit: "h",
        nanos: 36_000_000n,
      }),
      restSku({ description: "N2 Instance Ram running in Northern Virginia", group: "RAM", regions: ["us-east4"], unit: "GiBy.h", nanos: 4_700_000n }),
    ];
    const s = await servePages([{ skus }]);
    const f = await fetchGcpPrices(request(s, { machines: n2, regions: ["us-central1", "us-east4"] }));
    expect(offering(f, "us-central1", "n2-standard-4").onDemandUsdPerHour).toBe(0.194236); // Iowa rate, not the "Americas" 0.099
    expect(f.regions["us-east4"]).toBeUndefined();
    expect(f.missing).toContain(
      'n2-standard-4 in us-east4: conflicting SKUs DUP0-0000-0001 "N2 Instance Core running in Virginia" and DUP0-0000-0002 "N2 Instance Core running in Northern Virginia"',
    );
  });

  it("SKU objects are checked: a missing category is a RefreshError naming the SKU and the field", async () => {
    const bad = { ...good.skus[0]!, skuId: "BAD0-0000-0004" } as Partial<RestSku>;
    delete bad.category;
    const s = await servePages([{ skus: [bad] }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2 })));
    expect(e.message).toBe(`SKU BAD0-0000-0004 "${good.skus[0]!.description}": category is missing or not an object`);
  });

  it("a field of the wrong JSON type is refused by the SDK's proto decoding: RefreshError naming the page and field", async () => {
    const bad = { ...good.skus[0]!, skuId: "BAD0-0000-0005", serviceRegions: "us-central1" } as unknown as RestSku;
    const s = await servePages([{ skus: [bad] }]);
    const e = await refreshError(fetchGcpPrices(request(s, { machines: n2 })));
    expect(e.message).toMatch(/page 1 failed \(.*serviceRegions/);
  });

  it("429 with Retry-After: 1 waits at least a second before the retry (gax's backoff alone is 10 ms here)", async () => {
    const s = await serveSequence([
      { status: 429, body: { error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } }, headers: { "retry-after": "1" } },
      { body: good },
    ]);
    const t0 = Date.now();
    await fetchGcpPrices(request(s, { machines: n2 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(s.requests).toHaveLength(2);
  });
});

describe("redactUrl", () => {
  it.each([
    ["https://cloudbilling.googleapis.com/v1/services/x/skus?key=SECRET&pageSize=5000", "https://cloudbilling.googleapis.com/v1/services/x/skus?pageSize=5000"],
    ["http://user:pw@127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["https://cloudbilling.googleapis.com", "https://cloudbilling.googleapis.com"],
  ])("%s → %s", (input, out) => {
    expect(redactUrl(input, { drop: true })).toBe(out);
  });
});

describe("lazy SDK", () => {
  it("bundling the adapter (as the CLI bundle would) leaves @google-cloud/billing to a run-time import", async () => {
    const { build } = await import("esbuild");
    const out = await build({
      entryPoints: [join(repoRoot, "src", "adapters", "prices", "gcp.ts")],
      bundle: true,
      write: false,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "silent",
    });
    const text = out.outputFiles[0]!.text;
    expect(text).not.toContain("google.cloud.billing.v1.CloudCatalog"); // a string of the SDK's client
    expect(text.length).toBeLessThan(60_000);
  });
});
