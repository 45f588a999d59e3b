/**
 * fetchAzurePrices with the real HTTP client and the real @azure/arm-compute + @azure/identity types
 * against a 127.0.0.1 replay server (no mocking of SDK internals). Every expected number names its source.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import { type AzureRefreshRequest, fetchAzurePrices } from "../../src/adapters/prices/azure.js";
import { azureSdkVersions, memoryMiBFromMemoryGb } from "../../src/adapters/prices/azure-resource-skus.js";
import { assertRegionName, odataFilter, odataLiteral } from "../../src/adapters/prices/azure-retail.js";
import { RefreshError } from "../../src/adapters/prices/types.js";
import { caught } from "../support/caught.js";
import { referenceFile } from "../support/reference.js";
import { type ReplayResponse, type ReplayServer, startReplayServer } from "../support/replay-server.js";
import { csvPrice, diskItem, noiseItems, pageResponses, parseFilter, reservationItem, vmItem } from "./fixtures/azure/retail.js";

const catalog = JSON.parse(readFileSync(join(import.meta.dirname, "../../catalogs/azure.json"), "utf8")) as {
  machineTypes: { name: string; family: string; vcpus: number; memoryMiB: number }[];
};
/** The committed catalog's machines plus sizes that only the ResourceSkus fixtures have. */
const machines = [
  ...catalog.machineTypes.map(({ name, family, vcpus, memoryMiB }) => ({ name, family, vcpus, memoryMiB })),
  ...["Standard_A0", "Standard_NV6", "Standard_D13_v2_Promo", "Standard_M8-2ms", "Standard_D2_v2"].map((name) => ({
    name,
    family: "other",
    vcpus: 1,
    memoryMiB: 1024,
  })),
];

const TOKEN = "fake-arm-token-DO-NOT-LEAK-0123456789";
const credential: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const SUB = "00000000-1111-2222-3333-444444444444";
const skusPath = `/subscriptions/${SUB}/providers/Microsoft.Compute/skus`;

const waits: number[] = [];
const sleep = async (ms: number): Promise<void> => void waits.push(ms);

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  waits.length = 0;
});

/** Linux rows from the reference CSV, row for row. */
const linux = (region: string, skus: readonly string[]): Record<string, unknown>[] => skus.map((s) => vmItem(region, s, csvPrice(region, s)));

/** Retail rows per region and query. */
function eastusVm(): Record<string, unknown>[] {
  return [
    ...linux("eastus", ["Standard_D2s_v3", "Standard_D4s_v3", "Standard_D8s_v3", "Standard_D16s_v3", "Standard_D64s_v3", "Standard_D8_v4", "Standard_B4s_v2"]),
    ...noiseItems("eastus", "Standard_D4s_v3", 0.192),
    ...noiseItems("eastus", "Standard_D64s_v3", 3.072),
    // The Bsv2 trap (reference README "Known quirks"): the "Cloud Services" row 0.37 is what the CSV has for
    // B8s_v2; the Linux VM row here is 2 × B4s_v2 0.166 = 0.332 (the README's "Linux rate would scale" value).
    vmItem("eastus", "Standard_B8s_v2", 0.37, { productName: "Virtual Machines Bsv2 Series Cloud Services" }),
    vmItem("eastus", "Standard_B8s_v2", 0.332),
    // A size the request does not ask for.
    vmItem("eastus", "Standard_HB120rs_v3", 3.6),
  ];
}

function westeuropeVm(): Record<string, unknown>[] {
  // Standard_D8_v4 westeurope 0.46: CSV row and the 2022 recorded response (docs/pricing-sources.md §2.3).
  return [...linux("westeurope", ["Standard_D8_v4", "Standard_D4s_v3"]), ...noiseItems("westeurope", "Standard_D8_v4", 0.46)];
}

function westeuropeReservations(): Record<string, unknown>[] {
  // Recorded totals (docs/pricing-sources.md §2.3/§2.6): 1 Year 2377, 3 Years 4594 for D8 v4 westeurope.
  return [reservationItem("westeurope", "Standard_D8_v4", 2377, "1 Year"), reservationItem("westeurope", "Standard_D8_v4", 4594, "3 Years")];
}

function australiacentralVm(): Record<string, unknown>[] {
  // Recorded row (docs/pricing-sources.md §2.3): B16als v2 australiacentral 0.673 with savingsPlan 1 Year 0.49129, 3 Years 0.34323.
  return [
    vmItem("australiacentral", "Standard_B16als_v2", 0.673, {
      savingsPlan: [
        { unitPrice: 0.34323, retailPrice: 0.34323, term: "3 Years" },
        { unitPrice: 0.49129, retailPrice: 0.49129, term: "1 Year" },
      ],
    }),
    // "Basv2 Series Cloud Services" 0.747 and Windows 0.747 are listed for the same SKU (§2.5).
    vmItem("australiacentral", "Standard_B16als_v2", 0.747, { productName: "Virtual Machines Basv2 Series Cloud Services" }),
    vmItem("australiacentral", "Standard_B16als_v2", 0.747, { productName: "Virtual Machines Basv2 Series Windows" }),
  ];
}

function eastusDisks(productName: string): Record<string, unknown>[] {
  // eastus P4 LRS 5.28, P10 LRS 19.71, E30 LRS 76.80, S4 LRS 1.54: infracost goldens @95ba4f49;
  // E10 LRS 9.60 and P10 ZRS 24.64: public test fixtures (docs/pricing-sources.md §2.7).
  const all = [
    diskItem("eastus", "Premium SSD Managed Disks", "P4 LRS Disk", "P4 LRS", 5.28),
    diskItem("eastus", "Premium SSD Managed Disks", "P10 LRS Disk", "P10 LRS", 19.71),
    diskItem("eastus", "Premium SSD Managed Disks", "P10 ZRS Disk", "P10 ZRS", 24.64),
    diskItem("eastus", "Premium SSD Managed Disks", "P10 LRS Disk Mount", "P10 LRS", 3.1),
    diskItem("eastus", "Standard SSD Managed Disks", "E10 LRS Disk", "E10 LRS", 9.6),
    diskItem("eastus", "Standard SSD Managed Disks", "E30 LRS Disk", "E30 LRS", 76.8),
    diskItem("eastus", "Standard SSD Managed Disks", "E10 LRS Disk Operations", "E10 LRS", 0.002, "10K"),
    diskItem("eastus", "Standard HDD Managed Disks", "S4 LRS Disk", "S4 LRS", 1.54),
  ];
  return all.filter((i) => i.productName === productName);
}

type Overrides = Partial<Record<string, (url: URL) => ReplayResponse>>;

/** Retail route: answers by the `$filter` parts, split over `pages` pages. */
function retailRoute(baseUrl: () => string, pages: number, overrides: Overrides = {}) {
  return {
    path: "/api/retail/prices",
    respond: (url: URL): ReplayResponse => {
      const f = parseFilter(url.searchParams.get("$filter") ?? "");
      const key = `${f.serviceName}|${f.armRegionName}|${f.priceType}${f.productName ? `|${f.productName}` : ""}`;
      const o = overrides[key];
      if (o) return o(url);
      let items: Record<string, unknown>[] = [];
      if (key === "Virtual Machines|eastus|Consumption") items = eastusVm();
      else if (key === "Virtual Machines|westeurope|Consumption") items = westeuropeVm();
      else if (key === "Virtual Machines|westeurope|Reservation") items = westeuropeReservations();
      else if (key === "Virtual Machines|australiacentral|Consumption") items = australiacentralVm();
      else if (f.serviceName === "Storage" && f.armRegionName === "eastus" && f.productName) items = eastusDisks(f.productName);
      else if (
        f.armRegionName &&
        ["southcentralus", "westcentralus"].includes(f.armRegionName) &&
        f.priceType === "Consumption" &&
        f.serviceName === "Virtual Machines"
      )
        items = linux(f.armRegionName, [
          "Standard_D2s_v3",
          "Standard_D4s_v3",
          "Standard_D64s_v3",
          "Standard_B1s",
          "Standard_B20ms",
          "Standard_D2_v3",
          "Standard_D2_v5",
        ]);
      return pageResponses(url, baseUrl(), items, pages);
    },
  };
}

/** ResourceSkus route: skewer's eastus response; karpenter's sample per region (southcentralus split over two pages with an https nextLink, as ARM sends). */
function skusRoute(baseUrl: () => string) {
  const skewer = JSON.parse(readFileSync(referenceFile("skewer-azure-resourceskus-eastus.json"), "utf8")) as { value: unknown[] };
  const karpenter = JSON.parse(readFileSync(referenceFile("karpenter-azure-resourceskus-sample.json"), "utf8")) as Record<string, { value: unknown[] }>;
  return {
    path: skusPath,
    respond: (url: URL): ReplayResponse => {
      const region = parseFilter(url.searchParams.get("$filter") ?? "").location ?? "";
      if (region === "eastus") return { body: skewer };
      const value = karpenter[region]?.value ?? [];
      if (region !== "southcentralus") return { body: { value } };
      const page = url.searchParams.get("page") ?? "1";
      const httpsBase = baseUrl().replace("http://", "https://");
      if (page === "1")
        return {
          body: {
            value: value.slice(0, 10),
            nextLink: `${httpsBase}${skusPath}?api-version=2021-07-01&$filter=${encodeURIComponent(`location eq '${region}'`)}&page=2`,
          },
        };
      return { body: { value: value.slice(10) } };
    },
  };
}

async function start(pages = 3, overrides: Overrides = {}, extra: Parameters<typeof startReplayServer>[0] = []): Promise<ReplayServer> {
  let base = "";
  const s = await startReplayServer([...extra, retailRoute(() => base, pages, overrides), skusRoute(() => base)]);
  base = s.baseUrl;
  server = s;
  return s;
}

function request(s: ReplayServer, over: Partial<AzureRefreshRequest> = {}): AzureRefreshRequest {
  return {
    regions: ["eastus"],
    machines,
    retrievedAt: "2026-08-30T12:00:00Z",
    pricesEndpoint: `${s.baseUrl}/api/retail/prices`,
    armEndpoint: s.baseUrl,
    subscriptionId: SUB,
    credential,
    skipResourceSkus: true,
    skipDisks: true,
    sleep,
    backoffMs: 10,
    ...over,
  };
}

describe("OData filters", () => {
  it("escapes a quote in a literal by doubling it (OData ABNF SQUOTE-in-string)", () => {
    expect(odataLiteral("O'Brien's")).toBe("'O''Brien''s'");
    expect(odataFilter([["productName", "Virtual Machines D'v3 Series"]])).toBe("productName eq 'Virtual Machines D''v3 Series'");
  });

  it("refuses a region name with a quote before any request", async () => {
    const s = await start();
    expect(() => assertRegionName("east'us")).toThrow(RefreshError);
    const e = await caught(fetchAzurePrices(request(s, { regions: ["east'us) or (1 eq 1"] })));
    expect(e.message).toMatch(/invalid Azure region name/);
    expect(s.requests).toHaveLength(0);
  });

  it("sends the documented filter and api-version", async () => {
    const s = await start(1);
    await fetchAzurePrices(request(s, { skipReservations: true }));
    const q = s.requests[0]?.url.searchParams;
    expect(q?.get("api-version")).toBe("2023-01-01-preview");
    expect(q?.get("$filter")).toBe("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus' and priceType eq 'Consumption'");
  });
});

describe("Retail Prices: Linux on-demand rows", () => {
  it("follows NextPageLink over 3 pages and keeps only Linux pay-as-you-go rows (values from azure-vm-linux-ondemand-prices.csv)", async () => {
    const s = await start(3);
    const got = await fetchAzurePrices(request(s, { skipReservations: true }));
    expect(s.requests.filter((r) => r.url.pathname === "/api/retail/prices")).toHaveLength(3);
    const eastus = got.regions.eastus ?? {};
    expect(eastus.Standard_D64s_v3).toEqual({ onDemandUsdPerHour: 3.072 }); // CSV eastus,Standard_D64s_v3,3.072000
    expect(eastus.Standard_D4s_v3).toEqual({ onDemandUsdPerHour: 0.192 }); // CSV eastus,Standard_D4s_v3,0.192000 (not Windows 0.384, Spot/Low Priority 0.0384, Cloud Services 0.288)
    expect(eastus.Standard_D8_v4?.onDemandUsdPerHour).toBe(0.384); // CSV eastus,Standard_D8_v4,0.384000
    expect(eastus.Standard_B4s_v2?.onDemandUsdPerHour).toBe(0.166); // CSV eastus,Standard_B4s_v2,0.166000
    // Bsv2 trap: the "Cloud Services" 0.37 (the CSV's value) is dropped; the Linux row 0.332 is kept.
    expect(eastus.Standard_B8s_v2?.onDemandUsdPerHour).toBe(0.332);
    expect(eastus.Standard_HB120rs_v3).toBeUndefined(); // not asked for
    expect(Object.keys(eastus).sort()).toEqual([
      "Standard_B4s_v2",
      "Standard_B8s_v2",
      "Standard_D16s_v3",
      "Standard_D2s_v3",
      "Standard_D4s_v3",
      "Standard_D64s_v3",
      "Standard_D8_v4",
      "Standard_D8s_v3",
    ]);
    expect(got.missing).toEqual([]);
    expect(got).toMatchObject({
      provider: "azure",
      currency: "USD",
      sdk: "none (Node fetch)",
      retrievedAt: "2026-08-30T12:00:00Z",
      endpoint: `${s.baseUrl}/api/retail/prices`,
    });
  });

  it("only the asked families", async () => {
    const s = await start(2);
    const got = await fetchAzurePrices(request(s, { skipReservations: true, families: ["dv4"] }));
    expect(Object.keys(got.regions.eastus ?? {})).toEqual(["Standard_D8_v4"]);
  });

  it("several disagreeing Linux rows: the highest is taken and the conflict is reported in missing", async () => {
    const s = await start(1, {
      "Virtual Machines|eastus|Consumption": (url) =>
        pageResponses(
          url,
          s.baseUrl,
          [vmItem("eastus", "Standard_D4s_v3", 0.192), vmItem("eastus", "Standard_D4s_v3", 0.2, { productName: "Virtual Machines DSv3 Series" })],
          1,
        ),
    });
    const got = await fetchAzurePrices(request(s, { skipReservations: true }));
    expect(got.regions.eastus?.Standard_D4s_v3?.onDemandUsdPerHour).toBe(0.2);
    expect(got.missing).toHaveLength(1);
    expect(got.missing[0]).toMatch(/^Standard_D4s_v3 in eastus: Linux on-demand 2 rows disagree .*took the highest, 0\.2$/);
  });

  it("a region without rows is absent and listed in missing", async () => {
    const s = await start(1);
    const got = await fetchAzurePrices(request(s, { regions: ["eastus", "norwaywest"], skipReservations: true }));
    expect(Object.keys(got.regions)).toEqual(["eastus"]);
    expect(got.missing).toEqual(["no Linux on-demand Virtual Machines rows for the asked machine types in norwaywest"]);
  });
});

describe("Retail Prices: reservations and savings plans", () => {
  it("converts reservation term totals to hourly and reads savings-plan rows as hourly (docs/pricing-sources.md §2.6)", async () => {
    const s = await start(3);
    const got = await fetchAzurePrices(request(s, { regions: ["westeurope", "australiacentral"] }));
    expect(got.regions.westeurope?.Standard_D8_v4).toEqual({ onDemandUsdPerHour: 0.46 }); // CSV westeurope,Standard_D8_v4,0.460000 = recorded 0.46
    const d8 = got.commitments?.westeurope?.Standard_D8_v4;
    expect(d8?.reservation1yUsdPerHour).toBeCloseTo(0.2713, 4); // 2377 / 8760 (§2.6: "2377 → $0.2713/h")
    expect(d8?.reservation3yUsdPerHour).toBeCloseTo(0.1748, 4); // 4594 / 26280 (§2.6: "4594 → $0.1748/h")
    expect(d8?.reservation1yUsdPerHour).toBe(2377 / 8760);
    expect(got.regions.australiacentral?.Standard_B16als_v2).toEqual({ onDemandUsdPerHour: 0.673 }); // recorded row §2.3; Cloud Services/Windows 0.747 dropped
    expect(got.commitments?.australiacentral?.Standard_B16als_v2).toEqual({ savingsPlan1yUsdPerHour: 0.49129, savingsPlan3yUsdPerHour: 0.34323 }); // recorded savingsPlan, already hourly
    const resQueries = s.requests.map((r) => r.url.searchParams.get("$filter") ?? "").filter((f) => f.includes("'Reservation'"));
    expect(resQueries).toContain("serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and priceType eq 'Reservation'");
  });
});

describe("Retail Prices: managed disks", () => {
  it("keeps '<tier> LRS Disk' monthly meters of the three products (values: infracost goldens, docs/pricing-sources.md §2.7)", async () => {
    const s = await start(1);
    const got = await fetchAzurePrices(request(s, { skipDisks: false, skipReservations: true }));
    const st = got.storage?.eastus;
    expect(st?.Premium_LRS?.usdPerTierMonth).toEqual({ P4: 5.28, P10: 19.71 }); // ZRS 24.64 and "Disk Mount" dropped
    expect(st?.StandardSSD_LRS?.usdPerTierMonth).toEqual({ E10: 9.6, E30: 76.8 }); // "Disk Operations" (per 10K) dropped
    expect(st?.Standard_LRS?.usdPerTierMonth).toEqual({ S4: 1.54 });
    expect(st?.Premium_LRS?.source).toMatch(/Premium SSD Managed Disks.*eastus, retrieved 2026-08-30T12:00:00Z/);
    const diskFilters = s.requests.map((r) => r.url.searchParams.get("$filter") ?? "").filter((f) => f.startsWith("serviceName eq 'Storage'"));
    expect(diskFilters).toEqual([
      "serviceName eq 'Storage' and armRegionName eq 'eastus' and priceType eq 'Consumption' and productName eq 'Premium SSD Managed Disks'",
      "serviceName eq 'Storage' and armRegionName eq 'eastus' and priceType eq 'Consumption' and productName eq 'Standard SSD Managed Disks'",
      "serviceName eq 'Storage' and armRegionName eq 'eastus' and priceType eq 'Consumption' and productName eq 'Standard HDD Managed Disks'",
    ]);
  });

  it("a region without disk rows reports each class in missing", async () => {
    const s = await start(1);
    const got = await fetchAzurePrices(request(s, { regions: ["westeurope"], skipDisks: false, skipReservations: true }));
    expect(got.storage?.westeurope).toBeUndefined();
    expect(got.missing).toEqual([
      "Premium_LRS in westeurope: no 'Premium SSD Managed Disks' LRS tier rows (meter '<tier> LRS Disk', 1/Month)",
      "StandardSSD_LRS in westeurope: no 'Standard SSD Managed Disks' LRS tier rows (meter '<tier> LRS Disk', 1/Month)",
      "Standard_LRS in westeurope: no 'Standard HDD Managed Disks' LRS tier rows (meter '<tier> LRS Disk', 1/Month)",
    ]);
  });
});

describe("Retail Prices: faults", () => {
  const vm = "Virtual Machines|eastus|Consumption";

  it("429 with Retry-After: 1, then success", async () => {
    let n = 0;
    const s = await start(1, {
      [vm]: (url) =>
        n++ === 0 ? { status: 429, headers: { "retry-after": "1" }, body: { error: "TooManyRequests" } } : pageResponses(url, s.baseUrl, eastusVm(), 1),
    });
    const got = await fetchAzurePrices(request(s, { skipReservations: true }));
    expect(waits).toEqual([1000]); // Retry-After: 1 second
    expect(got.regions.eastus?.Standard_D64s_v3?.onDemandUsdPerHour).toBe(3.072);
  });

  it("500 × N: RefreshError naming the endpoint and status after maxRetries", async () => {
    const s = await start(1, { [vm]: () => ({ status: 500, body: { error: "InternalServerError" } }) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true, maxRetries: 2 })));
    expect(e.status).toBe(500);
    expect(e.endpoint).toContain(`${s.baseUrl}/api/retail/prices?api-version=2023-01-01-preview`);
    expect(e.message).toMatch(/Azure Retail Prices Virtual Machines eastus page 1: GET .* HTTP 500 .*gave up after 3 attempt/);
    expect(waits).toEqual([10, 20]); // backoffMs 10 × 2^attempt
  });

  it("a hung connection times out", async () => {
    const s = await start(1, { [vm]: () => ({ hang: true }) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true, timeoutMs: 200 })));
    expect(e.message).toMatch(/timed out after 200 ms/);
  });

  it("truncated JSON", async () => {
    const s = await start(1, { [vm]: (url) => ({ ...pageResponses(url, s.baseUrl, eastusVm(), 1), truncateAt: 500 }) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true, maxRetries: 0 })));
    expect(e.message).toMatch(/truncated/i);
  });

  it("a NextPageLink that points to a 404", async () => {
    const s = await start(1, {
      [vm]: (url) => ({
        body: { ...((pageResponses(url, s.baseUrl, eastusVm(), 1).body as object) ?? {}), NextPageLink: `${s.baseUrl}/api/retail/prices-gone?$skip=100` },
      }),
    });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true })));
    expect(e.status).toBe(404);
    expect(e.endpoint).toBe(`${s.baseUrl}/api/retail/prices-gone?$skip=100`);
    expect(e.message).toMatch(/page 2: GET .*HTTP 404/);
  });

  it("a NextPageLink to another host is refused", async () => {
    const s = await start(1, {
      [vm]: (url) => ({ body: { ...(pageResponses(url, s.baseUrl, [], 1).body as object), NextPageLink: "https://evil.example/api/retail/prices" } }),
    });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true })));
    expect(e.message).toMatch(/NextPageLink leaves/);
  });

  it("a zero price on a kept row is a RefreshError", async () => {
    const s = await start(1, { [vm]: (url) => pageResponses(url, s.baseUrl, [vmItem("eastus", "Standard_D4s_v3", 0)], 1) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true })));
    expect(e.message).toMatch(/retailPrice 0 .* is not a positive price/);
  });

  it("a zero price on a dropped (Spot) row is ignored", async () => {
    const s = await start(1, {
      [vm]: (url) =>
        pageResponses(url, s.baseUrl, [vmItem("eastus", "Standard_D4s_v3", 0.192), vmItem("eastus", "Standard_D4s_v3", 0, { meterName: "D4s v3 Spot" })], 1),
    });
    const got = await fetchAzurePrices(request(s, { skipReservations: true }));
    expect(got.regions.eastus?.Standard_D4s_v3?.onDemandUsdPerHour).toBe(0.192);
  });

  it.each([
    [{ retailPrice: "0.192" }, /Items\[0\]\.retailPrice is not a finite number \(got string\)/],
    [{ armSkuName: null }, /Items\[0\]\.armSkuName is not a string \(got null\)/],
    [{ type: 3 }, /Items\[0\]\.type is not a string/],
  ])("schema check: %j", async (over, msg) => {
    const s = await start(1, { [vm]: (url) => pageResponses(url, s.baseUrl, [vmItem("eastus", "Standard_D4s_v3", 0.192, over)], 1) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true })));
    expect(e.message).toMatch(msg);
  });

  it("schema check: Items missing", async () => {
    const s = await start(1, { [vm]: () => ({ body: { NextPageLink: null } }) });
    const e = await caught(fetchAzurePrices(request(s, { skipReservations: true })));
    expect(e.message).toMatch(/"Items" is not an array \(got undefined\)/);
  });
});

describe("ResourceSkus through @azure/arm-compute", () => {
  it("reads vCPUs, MemoryGB → MiB, MaxDataDiskCount and Location restrictions (skewer eastus + karpenter sample)", async () => {
    const s = await start(1);
    const progress: string[] = [];
    const got = await fetchAzurePrices(
      request(s, {
        regions: ["eastus", "southcentralus", "westcentralus"],
        skipResourceSkus: false,
        skipReservations: true,
        onProgress: (m) => progress.push(m),
      }),
    );
    const skuReqs = s.requests.filter((r) => r.url.pathname === skusPath);
    expect(skuReqs.map((r) => r.url.searchParams.get("$filter"))).toEqual([
      "location eq 'eastus'",
      "location eq 'southcentralus'",
      "location eq 'southcentralus'",
      "location eq 'westcentralus'",
    ]); // southcentralus: 2 pages via nextLink
    expect(skuReqs[0]?.url.searchParams.get("api-version")).toBe("2021-07-01");
    expect(skuReqs.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const f = got.facts ?? {};
    expect(f.Standard_D4s_v3).toEqual({ vcpus: 4, memoryMiB: 16384, maxDataDisks: 8 }); // vCPUs 4, MemoryGB 16 × 1024, MaxDataDiskCount 8 (both files)
    expect(f.Standard_D64s_v3).toEqual({ vcpus: 64, memoryMiB: 262144, maxDataDisks: 32 }); // karpenter sample: 64, 256 GB, 32
    expect(f.Standard_A0).toEqual({ vcpus: 1, memoryMiB: 768, maxDataDisks: 1, restrictedIn: ["westcentralus"] }); // MemoryGB "0.75" × 1024; westcentralus Location restriction NotAvailableForSubscription
    expect(f.Standard_D13_v2_Promo).toEqual({ vcpus: 8, memoryMiB: 57344, maxDataDisks: 32, restrictedIn: ["eastus"] }); // skewer: 8, 56 GB, 32, Location restriction
    expect(f.Standard_NV6?.restrictedIn).toBeUndefined(); // only a Zone restriction
    expect(f["Standard_M8-2ms"]).toEqual({ vcpus: 2, memoryMiB: 224000, maxDataDisks: 8 }); // vCPUsAvailable 2 (of vCPUs 8); 218.75 GB × 1024
    expect(got.missing).toEqual(expect.arrayContaining(["Standard_NV6 in eastus: offered (ResourceSkus) but no Linux on-demand price row"]));
    expect(got.missing.some((m) => m.includes("Standard_D13_v2_Promo"))).toBe(false); // restricted: not offered to this subscription
    expect(got.sdk).toBe(azureSdkVersions);
    expect(JSON.stringify(got)).not.toContain(TOKEN);
    expect(progress.join("\n")).not.toContain(TOKEN);
  });

  it("an ARM error becomes a RefreshError with status and endpoint, without the token", async () => {
    const s = await start(1, {}, [
      {
        path: skusPath,
        respond: {
          status: 403,
          body: { error: { code: "AuthorizationFailed", message: `The client with token ${TOKEN} (Authorization: Bearer ${TOKEN}) has no access` } },
        },
      },
    ]);
    const e = await caught(fetchAzurePrices(request(s, { skipResourceSkus: false, skipReservations: true, maxRetries: 0 })));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/^ResourceSkus eastus: HTTP 403 AuthorizationFailed: /);
    expect(e.endpoint).toBe(`${s.baseUrl}/subscriptions/%7BsubscriptionId%7D/providers/Microsoft.Compute/skus`);
    expect(`${e.message} ${e.endpoint} ${String(e.stack)}`).not.toContain(TOKEN);
  });

  it("ARM 429 (Retry-After: 1) is retried by the SDK, then succeeds", async () => {
    const skewer = JSON.parse(readFileSync(referenceFile("skewer-azure-resourceskus-eastus.json"), "utf8")) as unknown;
    const s = await start(1, {}, [
      {
        path: skusPath,
        respond: [{ status: 429, headers: { "retry-after": "1" }, body: { error: { code: "TooManyRequests", message: "slow down" } } }, { body: skewer }],
      },
    ]);
    const got = await fetchAzurePrices(request(s, { skipResourceSkus: false, skipReservations: true }));
    expect(s.requests.filter((r) => r.url.pathname === skusPath)).toHaveLength(2);
    expect(got.facts?.Standard_D4s_v3?.vcpus).toBe(4);
  });

  it("refuses to send a token over plain http to a non-loopback host", async () => {
    const s = await start(1);
    const e = await caught(fetchAzurePrices(request(s, { skipResourceSkus: false, skipReservations: true, armEndpoint: "http://management.example.test" })));
    expect(e.message).toMatch(/refusing to send an Azure token to http:\/\/management\.example\.test/);
  });

  it("needs a subscription id", async () => {
    const s = await start(1);
    const saved = process.env.AZURE_SUBSCRIPTION_ID;
    delete process.env.AZURE_SUBSCRIPTION_ID;
    try {
      const { subscriptionId: _, ...rest } = request(s, { skipResourceSkus: false, skipReservations: true });
      const e = await caught(fetchAzurePrices(rest));
      expect(e.message).toMatch(/needs an Azure subscription id/);
    } finally {
      if (saved !== undefined) process.env.AZURE_SUBSCRIPTION_ID = saved;
    }
  });

  it.each([
    ["16", 16384],
    ["0.75", 768],
    ["218.75", 224000],
    ["1.5", 1536],
    ["0.1", undefined], // 102.4 MiB: not whole
    ["abc", undefined],
  ])("MemoryGB %s → %s MiB (× 1024, exact)", (gb, mib) => {
    expect(memoryMiBFromMemoryGb(gb)).toBe(mib);
  });
});

describe("packaging", () => {
  it("pins the SDK versions it reports", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { peerDependencies: Record<string, string> };
    expect(azureSdkVersions).toBe(
      `@azure/arm-compute ${pkg.peerDependencies["@azure/arm-compute"]}, @azure/identity ${pkg.peerDependencies["@azure/identity"]}`,
    );
  });

  it("loads the Azure SDKs only lazily (no static value import)", () => {
    for (const f of ["azure.ts", "azure-retail.ts", "azure-resource-skus.ts", "http.ts"]) {
      const src = readFileSync(join(import.meta.dirname, "../../src/adapters/prices", f), "utf8");
      expect(src).not.toMatch(/^import (?!type )[^;]*from "@azure\//m);
    }
  });
});
