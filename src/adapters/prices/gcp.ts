/**
 * GCP live prices (issue 4): Compute Engine SKUs from the Cloud Billing Catalog API
 * (`services/6F81-5844-456A/skus`) through `@google-cloud/billing`'s CloudCatalogClient on the REST
 * transport, turned into catalog offerings per region (on-demand, Spot, SUD month, 1-/3-year CUD month)
 * and PD/snapshot prices per GiB-month.
 *
 * Network behaviour (measured against @google-cloud/billing 5.1.2 / google-gax 5.0.8, REST transport):
 * - Retries: gax's own retry, configured per call from {@link HttpOptions}: up to `maxRetries` retries on
 *   429, 500, 502, 503, 504 (and the gRPC codes RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE), exponential
 *   backoff from `backoffMs` (× 2 each time, capped at 30 s) with gax's full jitter (a random sleep in
 *   [0, delay)). On REST, gax compares `err.code`, which gaxios sets to the HTTP status, so HTTP codes
 *   are listed. gax itself does NOT read Retry-After (only its backoff applies), so a response
 *   interceptor on the SDK's HTTP transport waits out a 429/503 Retry-After (seconds or HTTP date,
 *   capped at 60 s and the remaining budget) before gax's backoff; it also records the HTTP status,
 *   which gax's "Exceeded maximum number of retries" error no longer carries.
 * - Per-request timeout: gax's `timeout` becomes a gRPC deadline that the REST stub ignores, so a hung
 *   connection would wait forever; the timeout is set on the HTTP transport instead (gaxios
 *   `transporterOptions.timeout`, an AbortSignal.timeout per request). A timed-out request is not retried.
 * - `totalBudgetMs`: a timer races every page; when it fires the refresh fails with a RefreshError.
 * - The API key goes in the `x-goog-api-key` header (google-auth-library), never in a URL; endpoints in
 *   messages are printed without `key=` parameters or user info anyway.
 *
 * The SDK (and its ~85 packages) is loaded on first call only, through a specifier the bundler cannot
 * follow, so the headline CLI never loads it.
 */
import { createRequire } from "node:module";
import { offeringFor, RateBook, toNumber } from "./gcp-offerings.js";
import { checkSkuEnvelope, checkSkuPrice, classifyGcpSku, type GcpSeries, type GcpSkuEnvelope, rateFromPrice } from "./gcp-sku.js";
import { boundedFetch, maxBodyBytes, redactUrl, retryAfterMs } from "./http.js";
import { loadSdk } from "./load-sdk.js";
import { type FetchedPrices, RefreshError, type RefreshRequest, type RegionOfferings } from "./types.js";

/** Compute Engine in the Cloud Billing Catalog (docs/pricing-sources.md §1.1). */
export const gcpComputeService = "services/6F81-5844-456A";
/** The public endpoint of the Cloud Billing API. */
export const gcpBillingEndpoint = "https://cloudbilling.googleapis.com";
const sdkPackage = "@google-cloud/billing";
const gcpSeries: readonly GcpSeries[] = ["n2", "n2d", "c2", "c3", "e2"];

/** Options of {@link fetchGcpPrices} beyond {@link RefreshRequest}. */
export interface GcpFetchRequest extends RefreshRequest {
  /** API base URL, e.g. `http://127.0.0.1:PORT` for tests. @defaultValue {@link gcpBillingEndpoint} */
  readonly endpoint?: string;
  /** API key (sent as `x-goog-api-key`); without one, Application Default Credentials are used. */
  readonly apiKey?: string;
  /** SKUs per page. @defaultValue 5000 (the API's default and maximum) */
  readonly pageSize?: number;
}

/** HTTP status of an SDK error (gaxios `status`/`response.status`), or an HTTP-range `code`. */
function statusOf(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const o = e as { status?: unknown; response?: { status?: unknown }; code?: unknown };
  for (const v of [o.status, o.response?.status, o.code]) if (typeof v === "number" && v >= 100 && v < 600) return v;
  return undefined;
}
const isTimeout = (e: unknown): boolean => {
  const o = e as { name?: unknown; code?: unknown; error?: { name?: unknown }; cause?: { name?: unknown } } | null;
  return !!o && [o.name, o.code, o.error?.name, o.cause?.name].some((v) => v === "TimeoutError" || v === "AbortError");
};

/** Retry-After of an SDK error's response headers (a fetch Headers or a plain object) → ms; see http.ts. */
function retryAfterFromHeaders(headers: unknown): number | undefined {
  const h = headers as { get?: (k: string) => string | null } & Record<string, unknown>;
  const read = (k: string): string | null => (typeof h?.get === "function" ? h.get(k) : typeof h?.[k] === "string" ? (h[k] as string) : null);
  return retryAfterMs(read("retry-after"), read("date"));
}
const scrubKey = (text: string, key: string | undefined): string => (key ? text.split(key).join("…") : text).replace(/([?&]key=)[^&\s]*/gi, "$1…");

type BillingModule = typeof import("@google-cloud/billing");

async function loadBilling(): Promise<{ mod: BillingModule; version: string }> {
  // require, not import(): see load-sdk.ts (the CLI bundle runs through vm.Script). The bundler keeps
  // @google-cloud/* external (scripts/bundle.mjs), and a non-literal name keeps other bundlers out too.
  const name: string = sdkPackage;
  const mod = loadSdk<BillingModule>(name);
  const pkg = createRequire(import.meta.url)(`${name}/package.json`) as { version?: unknown };
  return { mod, version: typeof pkg.version === "string" ? pkg.version : "unknown" };
}

/**
 * Fetches every page of Compute Engine SKUs and prices `req.machines` in `req.regions`.
 *
 * Throws {@link RefreshError} (message names the endpoint without credentials, `status` set where the
 * API answered) on an HTTP/SDK failure after retries, a timeout, the total budget running out, a
 * malformed response or SKU (named, with the field), a price ≤ 0, mixed currencies or a unit it cannot
 * convert. Everything else that cannot be priced is listed in `missing`, never priced as 0.
 */
export async function fetchGcpPrices(req: GcpFetchRequest): Promise<FetchedPrices> {
  const timeoutMs = req.timeoutMs ?? 30_000;
  const maxRetries = req.maxRetries ?? 4;
  const backoffMs = req.backoffMs ?? 500;
  const budgetMs = req.totalBudgetMs ?? 300_000;
  const progress = req.onProgress ?? ((): void => undefined);
  const endpointText = req.endpoint ?? gcpBillingEndpoint;
  const endpoint = redactUrl(endpointText, { drop: true }); // the key travels in a header, never in the endpoint
  const api = `cloudbilling.googleapis.com v1 ${gcpComputeService}/skus`;
  let url: URL;
  try {
    url = new URL(endpointText);
  } catch {
    throw new RefreshError(`GCP prices: endpoint ${endpoint} is not a URL`, endpoint);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefreshError(`GCP prices: endpoint ${endpoint} must be http or https`, endpoint);

  const { mod, version } = await loadBilling();
  const client = new mod.CloudCatalogClient({
    fallback: true, // HTTP/1.1 REST + JSON ("rest" is an alias in google-gax 5)
    apiEndpoint: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443,
    protocol: url.protocol.slice(0, -1),
    // With an API key, also a project id: the listing needs none, and without one google-auth-library looks it
    // up on every call by running `gcloud config config-helper` and reading ~/.config/gcloud (a key-only
    // refresh must not depend on the machine's gcloud setup). The id is not sent with these requests.
    ...(req.apiKey ? { apiKey: req.apiKey, projectId: "cc-plan-price-refresh" } : {}),
    clientOptions: { transporterOptions: { timeout: timeoutMs } },
  });
  const callOptions = {
    autoPaginate: false,
    timeout: timeoutMs,
    retry: {
      retryCodes: [429, 500, 502, 503, 504, 8, 13, 14],
      backoffSettings: {
        initialRetryDelayMillis: backoffMs,
        retryDelayMultiplier: 2,
        maxRetryDelayMillis: Math.max(backoffMs, 30_000),
        initialRpcTimeoutMillis: timeoutMs,
        rpcTimeoutMultiplier: 1,
        maxRpcTimeoutMillis: timeoutMs,
        maxRetries: maxRetries + 1, // gax counts attempts
      },
    },
  };

  // Observe every HTTP answer on the SDK's own transport (google-auth-library's public `transporter`
  // interceptors): the last status survives gax's retry wrapper, which replaces the HTTP error by
  // "Exceeded maximum number of retries", and a 429/503 Retry-After is honoured here, before gax's backoff.
  const started = Date.now();
  let lastStatus: number | undefined;
  let failuresThisPage = 0;
  try {
    const authClient = (await client.auth.getClient()) as unknown as {
      transporter: {
        interceptors: {
          request: { add(i: { resolved?: (c: Record<string, unknown>) => Record<string, unknown> }): void };
          response: { add(i: { resolved?: (r: unknown) => unknown; rejected?: (e: unknown) => unknown }): void };
        };
      };
    };
    // Bound every answer, body included: gax's timeout stops at the response headers, and it reads the
    // body whole (an endless body grew to 24 GB before this; issue 12). gaxios takes a fetch per request.
    const bounded = boundedFetch(timeoutMs, req.maxBodyBytes ?? maxBodyBytes);
    authClient.transporter.interceptors.request.add({ resolved: (config) => ({ ...config, fetchImplementation: bounded }) });
    authClient.transporter.interceptors.response.add({
      resolved: (r) => {
        lastStatus = (r as { status?: number }).status;
        return r;
      },
      rejected: async (e) => {
        const status = statusOf(e);
        lastStatus = status;
        failuresThisPage++;
        const wait = retryAfterFromHeaders((e as { response?: { headers?: unknown } }).response?.headers);
        const left = budgetMs - (Date.now() - started);
        if ((status === 429 || status === 503) && wait !== undefined && failuresThisPage <= maxRetries)
          await new Promise((r) => setTimeout(r, Math.max(0, Math.min(wait, left, 60_000))));
        throw e;
      },
    });
  } catch (e) {
    await client.close().catch(() => undefined);
    throw new RefreshError(
      `GCP prices: no credentials for ${endpoint}: pass an API key or set up Application Default Credentials (${scrubKey(e instanceof Error ? e.message : String(e), req.apiKey).slice(0, 200)})`,
      endpoint,
    );
  }

  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RefreshError(`GCP prices: ${endpoint} did not finish within the ${budgetMs} ms budget`, endpoint)), budgetMs);
  });
  budget.catch(() => undefined);
  const scrub = (text: string): string => scrubKey(text, req.apiKey);

  const families = new Set(req.families ?? req.machines.map((m) => m.family));
  const wantedRegions = new Set(req.regions);
  const book = new RateBook();
  const storage: Record<string, Record<string, { usdPerGiBMonth: number; source: string }>> = {};
  const storageCovered = new Map<string, number>();
  const excluded = new Map<string, number>();
  const currencies = new Set<string>();
  let skuCount = 0;
  try {
    let request: { parent: string; pageSize: number; pageToken?: string } = { parent: gcpComputeService, pageSize: req.pageSize ?? 5000 };
    const seenTokens = new Set<string>();
    for (let page = 1; ; page++) {
      let result: unknown;
      try {
        result = await Promise.race([client.listSkus(request, callOptions), budget]);
      } catch (e) {
        if (e instanceof RefreshError) throw e;
        const status = isTimeout(e) ? undefined : (statusOf(e) ?? (lastStatus !== undefined && lastStatus >= 400 ? lastStatus : undefined));
        const what = isTimeout(e)
          ? `timed out after ${timeoutMs} ms`
          : status !== undefined
            ? `HTTP ${status}`
            : `failed (${scrub(e instanceof Error ? e.message : String(e))
                .split("\n")[0]
                ?.slice(0, 200)})`;
        throw new RefreshError(
          `GCP prices: ${endpoint} ${gcpComputeService}/skus page ${page} ${what}${status !== undefined && maxRetries > 0 && [429, 500, 502, 503, 504].includes(status) ? ` after ${maxRetries} retries` : ""}`,
          endpoint,
          status,
        );
      }
      if (!Array.isArray(result) || !Array.isArray(result[0]))
        throw new RefreshError(`GCP prices: ${endpoint} page ${page}: response has no skus array`, endpoint);
      failuresThisPage = 0;
      const skus = result[0] as unknown[];
      const next = result[1] as { pageToken?: unknown } | null | undefined;
      skus.forEach((raw, i) => {
        readSku(raw, skuCount + i);
      });
      skuCount += skus.length;
      progress(`page ${page}: ${skuCount} SKUs`);
      const token = next && typeof next.pageToken === "string" && next.pageToken !== "" ? next.pageToken : undefined;
      if (token === undefined) break;
      if (seenTokens.has(token)) throw new RefreshError(`GCP prices: ${endpoint} returned page token "${token}" twice; stopping`, endpoint);
      seenTokens.add(token);
      request = { ...request, pageToken: token };
    }
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => undefined);
  }

  function readSku(raw: unknown, index: number): void {
    const env: GcpSkuEnvelope = checkSkuEnvelope(raw, index);
    const cls = classifyGcpSku(env);
    if (cls.kind === "other") return;
    if (cls.kind === "excluded") {
      if (env.serviceRegions.some((r) => wantedRegions.has(r))) excluded.set(cls.reason, (excluded.get(cls.reason) ?? 0) + 1);
      return;
    }
    if (cls.kind === "machine" && !families.has(cls.series)) return;
    const regions = env.serviceRegions.filter((r) => wantedRegions.has(r));
    if (regions.length === 0) return;
    const price = checkSkuPrice(raw, index, cls.kind === "storage" ? "last" : "first");
    const want = cls.kind === "storage" ? "GiBy.mo" : cls.resource === "core" ? "h" : "GiBy.h";
    const rate = rateFromPrice(price, want);
    if (!rate)
      throw new RefreshError(
        `SKU ${env.skuId} "${env.description}": pricingInfo[0].pricingExpression.usageUnit is "${price.usageUnit}", expected ${want}${want === "h" ? "" : ` or ${want.replace("GiBy", "GBy")}`}`,
      );
    currencies.add(price.currency);
    for (const region of regions) {
      if (cls.kind === "storage") {
        // The most specific SKU (fewest regions) wins, as for machine rates.
        const key = `${region}/${cls.storageClass}`;
        const prev = storageCovered.get(key);
        if (prev !== undefined && prev <= env.serviceRegions.length) continue;
        storageCovered.set(key, env.serviceRegions.length);
        (storage[region] ??= {})[cls.storageClass] = { usdPerGiBMonth: toNumber(rate), source: `Cloud Billing Catalog SKU ${env.skuId} "${env.description}"` };
      } else {
        book.add(RateBook.key(cls.series, cls.resource, cls.price, region), {
          skuId: env.skuId,
          description: env.description,
          rate,
          regionsCovered: env.serviceRegions.length,
        });
      }
    }
  }

  if (currencies.size > 1)
    throw new RefreshError(`GCP prices: ${endpoint} answered in several currencies (${[...currencies].sort().join(", ")}); refusing to mix them`, endpoint);
  const currency = [...currencies][0] ?? "USD";

  const missing: string[] = [];
  const regions: Record<string, RegionOfferings> = {};
  for (const f of [...families].sort())
    if (!gcpSeries.includes(f as GcpSeries)) missing.push(`family ${f}: no Cloud Billing SKU pattern known for it (priced families: ${gcpSeries.join(", ")})`);
  for (const region of [...req.regions].sort()) {
    if (!book.has(region)) {
      missing.push(
        `${region}: no ${[...families]
          .filter((f) => gcpSeries.includes(f as GcpSeries))
          .sort()
          .join("/")} machine SKU in this region`,
      );
      continue;
    }
    const offerings: Record<string, RegionOfferings[string]> = {};
    for (const m of req.machines) {
      if (!families.has(m.family) || !gcpSeries.includes(m.family as GcpSeries)) continue;
      const r = offeringFor(book, m, m.family as GcpSeries, region);
      if (r.offering) offerings[m.name] = r.offering;
      else missing.push(`${m.name} in ${region}: ${r.reason}`);
      for (const g of r.gaps) missing.push(`${m.name} in ${region}: ${g}`);
    }
    if (Object.keys(offerings).length > 0) regions[region] = offerings;
  }
  const storageOut: Record<string, Record<string, { usdPerGiBMonth: number; source: string }>> = {};
  for (const region of Object.keys(storage).sort()) {
    const byClass = storage[region] ?? {};
    storageOut[region] = Object.fromEntries(Object.entries(byClass).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  const filters = [
    `regions: ${[...req.regions].sort().join(", ")} (matched on serviceRegions)`,
    `families: ${[...families].sort().join(", ")}`,
    "price types: OnDemand, Preemptible (Spot), Commit1Yr, Commit3Yr; SUD month = 730 h × on-demand × 0.8002 for n2, n2d, c2",
    "storage: pd-balanced, pd-ssd, pd-standard (zonal and regional) and snapshots, OnDemand, per GiB-month",
    ...[...excluded.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([reason, n]) => `excluded ${n} SKU(s): ${reason}`),
  ];
  progress(`done: ${skuCount} SKUs, ${Object.keys(regions).length} region(s) priced, ${missing.length} gap(s)`);
  return {
    provider: "gcp",
    currency,
    api,
    endpoint,
    sdk: `${sdkPackage} ${version}`,
    filters,
    retrievedAt: req.retrievedAt,
    regions,
    missing,
    ...(Object.keys(storageOut).length > 0 ? { storage: storageOut } : {}),
  };
}
