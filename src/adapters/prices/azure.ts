/**
 * Live Azure prices (issue 4): Linux on-demand VM prices, reservation and savings-plan prices and
 * managed-disk tier prices from the Azure Retail Prices API, and machine facts from ResourceSkus.
 *
 * Per region, in this order:
 * 1. `serviceName eq 'Virtual Machines' and armRegionName eq '<region>' and priceType eq 'Consumption'`,
 *    all pages. Kept: Linux pay-as-you-go rows ({@link isLinuxOnDemandVmRow}) of the asked machine types
 *    (armSkuName = catalog name). Several kept rows for one type: the highest price is taken and, when
 *    they disagree, the conflict is listed in `missing` ({@link pickRow}). A kept row priced ≤ 0 fails the
 *    refresh. Savings-plan prices come from the kept row's `savingsPlan` (hourly).
 * 2. The same filter with `priceType eq 'Reservation'` (unless `skipReservations`): term totals ÷ 8760 or
 *    26280 h → `commitments`.
 * 3. One query per managed-disk product (unless `skipDisks`) → `storage[region][Premium_LRS | StandardSSD_LRS
 *    | Standard_LRS].usdPerTierMonth`.
 * Then ResourceSkus (unless `skipResourceSkus`) → `facts` (vCPUs, MiB, max data disks, restricted regions).
 *
 * `missing` lists: a region with no kept rows (the region is then absent), conflicting rows, a disk product
 * with no tier rows, a machine type that ResourceSkus offers in a region without a price row there (only
 * known when ResourceSkus were read: without them an absent type is taken as not offered, and the writer's
 * "removed" list shows it), and disagreeing ResourceSkus facts.
 */
import type { TokenCredential } from "@azure/identity";
import { azureSdkVersions, defaultArmEndpoint, factsFromSku, listVmSkus, type SkuFacts } from "./azure-resource-skus.js";
import {
  assertRegionName,
  defaultPricesEndpoint,
  fetchRetailItems,
  groupBy,
  isLinuxOnDemandVmRow,
  isVmReservationRow,
  managedDiskProducts,
  managedDiskRows,
  odataFilter,
  pickRow,
  type RetailFetchContext,
  type RetailItem,
  reservationTermHours,
  retailApiVersion,
  retailQueryUrl,
} from "./azure-retail.js";
import { createBudget, httpDefaults, redactUrl } from "./http.js";
import { type AzureCommitmentPrices, type FetchedPrices, RefreshError, type RefreshRequest, type RegionOfferings } from "./types.js";

/** Options of {@link fetchAzurePrices}. */
export interface AzureRefreshRequest extends RefreshRequest {
  /** @defaultValue https://prices.azure.com/api/retail/prices */
  readonly pricesEndpoint?: string;
  /** ARM endpoint for ResourceSkus @defaultValue https://management.azure.com */
  readonly armEndpoint?: string;
  /** @defaultValue `process.env.AZURE_SUBSCRIPTION_ID` */
  readonly subscriptionId?: string;
  /** @defaultValue `DefaultAzureCredential` */
  readonly credential?: TokenCredential;
  /** Do not read ResourceSkus (no credential needed; no `facts`) @defaultValue false */
  readonly skipResourceSkus?: boolean;
  /** Do not query Reservation rows @defaultValue false */
  readonly skipReservations?: boolean;
  /** Do not query managed-disk prices @defaultValue false */
  readonly skipDisks?: boolean;
  /** Waits between retries (tests pass a fast one) @defaultValue setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function assertPositive(rows: readonly RetailItem[], what: string, endpoint: string): void {
  for (const r of rows) {
    if (!(r.retailPrice > 0))
      throw new RefreshError(
        `${what}: retailPrice ${r.retailPrice} of '${r.productName}' / '${r.meterName}' is not a positive price; nothing written`,
        endpoint,
      );
  }
}

/** Fetches Azure prices (and, unless skipped, ResourceSkus facts) for `req.regions`; see the file header. */
export async function fetchAzurePrices(req: AzureRefreshRequest): Promise<FetchedPrices> {
  const regions = [...new Set(req.regions)].sort(cmp);
  for (const r of regions) assertRegionName(r);
  const families = req.families ? new Set(req.families.map((f) => f.toLowerCase())) : undefined;
  const wanted = new Set(req.machines.filter((m) => !families || families.has(m.family.toLowerCase())).map((m) => m.name));
  const pricesEndpoint = (req.pricesEndpoint ?? defaultPricesEndpoint).replace(/\/+$/, "");
  const endpoint = redactUrl(pricesEndpoint);
  const budget = createBudget(req.totalBudgetMs ?? httpDefaults.totalBudgetMs);
  const ctx: RetailFetchContext = {
    budget,
    ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
    ...(req.maxRetries !== undefined ? { maxRetries: req.maxRetries } : {}),
    ...(req.backoffMs !== undefined ? { backoffMs: req.backoffMs } : {}),
    ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    ...(req.sleep ? { sleep: req.sleep } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
  };
  const missing: string[] = [];
  const out: Record<string, RegionOfferings> = {};
  const commitments: Record<string, Record<string, AzureCommitmentPrices>> = {};
  const storage: Record<string, Record<string, { usdPerTierMonth: Record<string, number>; source: string }>> = {};

  for (const region of regions) {
    const vmFilter = (priceType: string): string =>
      odataFilter([
        ["serviceName", "Virtual Machines"],
        ["armRegionName", region],
        ["priceType", priceType],
      ]);
    const items = await fetchRetailItems(retailQueryUrl(pricesEndpoint, vmFilter("Consumption")), `Virtual Machines ${region}`, ctx);
    const inRegion = (it: RetailItem): boolean => wanted.has(it.armSkuName) && (it.armRegionName === undefined || it.armRegionName === region);
    const kept = items.filter((it) => inRegion(it) && isLinuxOnDemandVmRow(it));
    assertPositive(kept, `Linux on-demand rows in ${region}`, endpoint);
    const offerings: Record<string, { onDemandUsdPerHour: number }> = {};
    const regionCommitments: Record<string, { -readonly [K in keyof AzureCommitmentPrices]: AzureCommitmentPrices[K] }> = {};
    for (const [name, rows] of groupBy(kept, (it) => it.armSkuName)) {
      const { row, conflict } = pickRow(rows);
      if (conflict) missing.push(`${name} in ${region}: Linux on-demand ${conflict}`);
      offerings[name] = { onDemandUsdPerHour: row.retailPrice };
      for (const sp of row.savingsPlan ?? []) {
        if (!(sp.retailPrice > 0))
          throw new RefreshError(`${name} in ${region}: savings-plan ${sp.term} price ${sp.retailPrice} is not positive; nothing written`, endpoint);
        const c = (regionCommitments[name] ??= {});
        if (sp.term === "1 Year") c.savingsPlan1yUsdPerHour = sp.retailPrice;
        else if (sp.term === "3 Years") c.savingsPlan3yUsdPerHour = sp.retailPrice;
      }
    }
    if (Object.keys(offerings).length === 0) missing.push(`no Linux on-demand Virtual Machines rows for the asked machine types in ${region}`);
    else out[region] = offerings;

    if (!req.skipReservations) {
      const rItems = [...items, ...(await fetchRetailItems(retailQueryUrl(pricesEndpoint, vmFilter("Reservation")), `Reservation ${region}`, ctx))];
      const rKept = rItems.filter((it) => inRegion(it) && isVmReservationRow(it));
      assertPositive(rKept, `Reservation rows in ${region}`, endpoint);
      // Several rows for one type and term: the highest total, as for on-demand rows (not listed in `missing`: the catalog does not store them).
      for (const [key, rows] of groupBy(rKept, (it) => `${it.armSkuName}\u0000${it.reservationTerm}`)) {
        const [name, term] = key.split("\u0000") as [string, string];
        const hourly = pickRow(rows).row.retailPrice / (reservationTermHours[term] as number);
        const c = (regionCommitments[name] ??= {});
        if (term === "1 Year") c.reservation1yUsdPerHour = hourly;
        else c.reservation3yUsdPerHour = hourly;
      }
    }
    if (Object.keys(regionCommitments).length > 0)
      commitments[region] = Object.fromEntries(
        Object.keys(regionCommitments)
          .sort(cmp)
          .map((k) => [k, regionCommitments[k] as AzureCommitmentPrices]),
      );

    if (!req.skipDisks) {
      for (const p of managedDiskProducts) {
        const filter = odataFilter([
          ["serviceName", "Storage"],
          ["armRegionName", region],
          ["priceType", "Consumption"],
          ["productName", p.productName],
        ]);
        const dItems = (await fetchRetailItems(retailQueryUrl(pricesEndpoint, filter), `${p.productName} ${region}`, ctx)).filter(
          (it) => it.armRegionName === undefined || it.armRegionName === region,
        );
        const tiers: Record<string, number> = {};
        for (const [tier, rows] of managedDiskRows(dItems, p.productName, p.tierLetter)) {
          assertPositive(rows, `${p.classId} ${tier} in ${region}`, endpoint);
          const { row, conflict } = pickRow(rows);
          if (conflict) missing.push(`${p.classId} ${tier} in ${region}: ${conflict}`);
          tiers[tier] = row.retailPrice;
        }
        const sortedTiers = Object.keys(tiers).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)) || cmp(a, b));
        if (sortedTiers.length === 0) {
          missing.push(`${p.classId} in ${region}: no '${p.productName}' LRS tier rows (meter '<tier> LRS Disk', 1/Month)`);
          continue;
        }
        (storage[region] ??= {})[p.classId] = {
          usdPerTierMonth: Object.fromEntries(sortedTiers.map((t) => [t, tiers[t] as number])),
          source: `Azure Retail Prices API ${retailApiVersion}: serviceName 'Storage', productName '${p.productName}', meter '<tier> LRS Disk', 1/Month, ${region}, retrieved ${req.retrievedAt}`,
        };
      }
    }
  }

  let facts: Record<string, { vcpus: number; memoryMiB: number; maxDataDisks?: number; restrictedIn?: string[] }> | undefined;
  const armEndpoint = (req.armEndpoint ?? defaultArmEndpoint).replace(/\/+$/, "");
  if (!req.skipResourceSkus) {
    const subscriptionId = req.subscriptionId ?? process.env.AZURE_SUBSCRIPTION_ID;
    if (!subscriptionId)
      throw new RefreshError("ResourceSkus needs an Azure subscription id: pass subscriptionId or set AZURE_SUBSCRIPTION_ID (or skip ResourceSkus)");
    const byRegion = await listVmSkus({ ...ctx, regions, subscriptionId, armEndpoint, ...(req.credential ? { credential: req.credential } : {}) });
    facts = {};
    const first = new Map<string, [string, SkuFacts]>();
    for (const region of regions) {
      for (const sku of byRegion[region] ?? []) {
        const name = sku.name as string;
        if (!wanted.has(name)) continue;
        const f = factsFromSku(sku, region);
        if ("problem" in f) {
          missing.push(`${name} in ${region}: ${f.problem}`);
          continue;
        }
        const seen = first.get(name);
        if (!seen) {
          first.set(name, [region, f]);
          facts[name] = { vcpus: f.vcpus, memoryMiB: f.memoryMiB, ...(f.maxDataDisks !== undefined ? { maxDataDisks: f.maxDataDisks } : {}) };
        } else if (seen[1].vcpus !== f.vcpus || seen[1].memoryMiB !== f.memoryMiB || seen[1].maxDataDisks !== f.maxDataDisks) {
          missing.push(
            `${name} in ${region}: ResourceSkus facts (${f.vcpus} vCPU, ${f.memoryMiB} MiB, ${f.maxDataDisks ?? "?"} disks) differ from ${seen[0]} (${seen[1].vcpus} vCPU, ${seen[1].memoryMiB} MiB, ${seen[1].maxDataDisks ?? "?"} disks); kept ${seen[0]}'s`,
          );
        }
        if (f.restricted)
          (facts[name] as { restrictedIn?: string[] }).restrictedIn = [...((facts[name] as { restrictedIn?: string[] }).restrictedIn ?? []), region];
        else if (out[region] && !(name in (out[region] as RegionOfferings)))
          missing.push(`${name} in ${region}: offered (ResourceSkus) but no Linux on-demand price row`);
      }
    }
    facts = Object.fromEntries(
      Object.keys(facts)
        .sort(cmp)
        .map((k) => [k, (facts as Record<string, { vcpus: number; memoryMiB: number }>)[k] as { vcpus: number; memoryMiB: number }]),
    );
  }

  const familyWords = families ? `families ${[...families].sort(cmp).join(", ")}` : "all catalog families";
  return {
    provider: "azure",
    currency: "USD",
    api: `Azure Retail Prices API ${retailApiVersion}${req.skipResourceSkus ? "" : " + ARM Microsoft.Compute/skus 2021-07-01 (ResourceSkus)"}`,
    endpoint: req.skipResourceSkus ? endpoint : `${endpoint}; ${redactUrl(armEndpoint)}`,
    sdk: req.skipResourceSkus ? "none (Node fetch)" : azureSdkVersions,
    filters: [
      `${odataFilter([
        ["serviceName", "Virtual Machines"],
        ["armRegionName", "<region>"],
        ["priceType", "Consumption"],
      ])} for ${regions.join(", ")}`,
      "kept: type Consumption, unit '1 Hour', productName 'Virtual Machines …' not ending ' Windows' and without 'Cloud Services', meter/sku not ending ' Spot' or ' Low Priority'; several rows per armSkuName: the highest price, disagreements listed as missing",
      `${wanted.size} machine type(s) of ${familyWords}`,
      ...(req.skipReservations ? [] : ["priceType eq 'Reservation' (1 Year ÷ 8760 h, 3 Years ÷ 26280 h) and savingsPlan (hourly) → commitments"]),
      ...(req.skipDisks
        ? []
        : [`serviceName 'Storage', productName ${managedDiskProducts.map((p) => `'${p.productName}'`).join(" / ")}, meter '<tier> LRS Disk', 1/Month`]),
      ...(req.skipResourceSkus
        ? []
        : [
            "ResourceSkus location eq '<region>', resourceType virtualMachines: vCPUsAvailable (else vCPUs), MemoryGB × 1024, MaxDataDiskCount, Location restrictions NotAvailableForSubscription",
          ]),
    ],
    retrievedAt: req.retrievedAt,
    regions: out,
    missing,
    ...(req.skipDisks ? {} : { storage }),
    ...(facts ? { facts } : {}),
    ...(req.skipReservations && Object.keys(commitments).length === 0 ? {} : { commitments }),
  };
}
