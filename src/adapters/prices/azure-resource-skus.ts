/**
 * Machine facts from the Azure ResourceSkus API through `@azure/arm-compute` (docs/pricing-sources.md §3):
 * `ComputeManagementClient.resourceSkus.list({ filter: "location eq '<region>'" })`
 * (GET /subscriptions/{id}/providers/Microsoft.Compute/skus?api-version=2021-07-01).
 *
 * Both SDKs are loaded lazily (load-sdk.ts) so that nothing else in cc-plan pays for them.
 * `DefaultAzureCredential` is created only when the caller passes no credential. Tokens never leave
 * the SDK pipeline: errors are rebuilt from status, code and message, and any token the credential
 * handed out is scrubbed from them.
 */
import type { ComputeManagementClientOptionalParams, ResourceSku } from "@azure/arm-compute";
import type { TokenCredential } from "@azure/identity";
import { odataFilter } from "./azure-retail.js";
import { type Budget, httpDefaults, redactUrl, scrubSecrets } from "./http.js";
import { loadSdk, priceSdks } from "./load-sdk.js";
import { type HttpOptions, RefreshError } from "./types.js";

export const defaultArmEndpoint = "https://management.azure.com";
/** Pinned in package.json: the last releases whose `engines` allow Node 20 (25.x and 4.13.2+ need Node 22). */
export const azureSdkVersions = (["@azure/arm-compute", "@azure/identity"] as const).map((n) => `${n} ${priceSdks[n].version}`).join(", ");

/** Facts of one VM size in one region. */
export interface SkuFacts {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly maxDataDisks?: number;
  /** A `Location` restriction with reason `NotAvailableForSubscription` covers this region. */
  readonly restricted: boolean;
}

/**
 * ResourceSkus `MemoryGB` (a decimal string in GiB, e.g. "16", "0.75", "218.75") → MiB, exactly
 * (× 1024 in BigInt on the decimal digits). `undefined` when not a decimal or not a whole MiB.
 */
export function memoryMiBFromMemoryGb(value: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return undefined;
  const frac = m[2] ?? "";
  const scaled = BigInt(`${m[1]}${frac}`) * 1024n;
  const div = 10n ** BigInt(frac.length);
  if (scaled % div !== 0n) return undefined;
  return Number(scaled / div);
}

/**
 * Facts of a `virtualMachines` SKU in `region`, or a problem line. vCPUs are `vCPUsAvailable` when present
 * (constrained-vCPU sizes such as Standard_M8-2ms expose 2 of 8 to the guest, §3.2), else `vCPUs`.
 */
export function factsFromSku(sku: ResourceSku, region: string): SkuFacts | { readonly problem: string } {
  const cap = new Map((sku.capabilities ?? []).map((c) => [c.name ?? "", c.value ?? ""]));
  const vcpuText = cap.get("vCPUsAvailable") ?? cap.get("vCPUs");
  const vcpus = vcpuText !== undefined && /^\d+$/.test(vcpuText) ? Number(vcpuText) : undefined;
  const memText = cap.get("MemoryGB");
  const memoryMiB = memText !== undefined ? memoryMiBFromMemoryGb(memText) : undefined;
  if (vcpus === undefined || vcpus <= 0) return { problem: `ResourceSkus vCPUs ${JSON.stringify(vcpuText ?? null)} is not a positive integer` };
  if (memoryMiB === undefined || memoryMiB <= 0) return { problem: `ResourceSkus MemoryGB ${JSON.stringify(memText ?? null)} is not a whole number of MiB` };
  const diskText = cap.get("MaxDataDiskCount");
  const maxDataDisks = diskText !== undefined && /^\d+$/.test(diskText) ? Number(diskText) : undefined;
  const r = region.toLowerCase();
  const restricted = (sku.restrictions ?? []).some(
    (x) =>
      x.type === "Location" &&
      x.reasonCode === "NotAvailableForSubscription" &&
      [...(x.values ?? []), ...(x.restrictionInfo?.locations ?? [])].some((l) => l.toLowerCase() === r),
  );
  return { vcpus, memoryMiB, ...(maxDataDisks !== undefined ? { maxDataDisks } : {}), restricted };
}

const isLoopback = (host: string): boolean => host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";

type Policy = NonNullable<ComputeManagementClientOptionalParams["additionalPolicies"]>[number]["policy"];

/**
 * Client options for `armEndpoint`. An `http://` endpoint is accepted for loopback test servers only: the
 * SDK's bearer-token policy refuses non-https URLs outright (core-rest-pipeline 1.24), so the client is
 * given the https form of the same host and a per-retry policy — which runs after authentication, as the
 * Azure SDK test recorder's redirect does — sends it to http with `allowInsecureConnection`. A token is
 * never sent over plain http to any other host.
 */
function clientOptions(armEndpoint: string, http: HttpOptions): ComputeManagementClientOptionalParams {
  const ep = new URL(armEndpoint);
  const path = ep.pathname.replace(/\/+$/, "");
  const retryOptions = {
    maxRetries: http.maxRetries ?? httpDefaults.maxRetries,
    retryDelayInMs: http.backoffMs ?? httpDefaults.backoffMs,
    maxRetryDelayInMs: 60_000,
  };
  const base = { retryOptions, userAgentOptions: { userAgentPrefix: "cc-plan" } };
  if (ep.protocol === "https:") return { ...base, endpoint: `${ep.origin}${path}` };
  if (ep.protocol !== "http:" || !isLoopback(ep.hostname))
    throw new RefreshError(
      `refusing to send an Azure token to ${ep.origin}: ARM endpoints must be https (plain http only for a loopback test server)`,
      ep.origin,
    );
  const httpsOrigin = `https://${ep.host}`;
  const loopbackHttp: Policy = {
    name: "ccPlanLoopbackHttp",
    sendRequest(request, next) {
      if (request.url.startsWith(`${httpsOrigin}/`)) {
        request.url = `http://${ep.host}${request.url.slice(httpsOrigin.length)}`;
        request.allowInsecureConnection = true;
      }
      return next(request);
    },
  };
  return { ...base, endpoint: `${httpsOrigin}${path}`, allowInsecureConnection: true, additionalPolicies: [{ policy: loopbackHttp, position: "perRetry" }] };
}

/** Options of {@link listVmSkus}. */
export interface ListVmSkusOptions extends HttpOptions {
  readonly regions: readonly string[];
  readonly subscriptionId: string;
  /** @defaultValue `new DefaultAzureCredential()` from `@azure/identity` (loaded only then) */
  readonly credential?: TokenCredential;
  /** @defaultValue https://management.azure.com */
  readonly armEndpoint?: string;
  readonly budget: Budget;
}

const firstLine = (s: string): string => (s.split("\n")[0] ?? "").slice(0, 300);

/** region → the `virtualMachines` SKUs listed for it (sorted by name). */
export async function listVmSkus(opts: ListVmSkusOptions): Promise<Record<string, ResourceSku[]>> {
  const armEndpoint = opts.armEndpoint ?? defaultArmEndpoint;
  const options = clientOptions(armEndpoint, opts);
  const endpoint = redactUrl(`${armEndpoint.replace(/\/+$/, "")}/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus`);
  const issued = new Set<string>();
  let inner = opts.credential;
  if (!inner) {
    const { DefaultAzureCredential } = loadSdk<typeof import("@azure/identity")>("@azure/identity");
    inner = new DefaultAzureCredential();
  }
  const base = inner;
  // Remembers every token handed to the SDK, only to scrub it from error messages.
  const credential: TokenCredential = {
    async getToken(scopes, options) {
      const t = await base.getToken(scopes, options);
      if (t) issued.add(t.token);
      return t;
    },
  };
  const { ComputeManagementClient } = loadSdk<typeof import("@azure/arm-compute")>("@azure/arm-compute");
  const client = new ComputeManagementClient(credential, opts.subscriptionId, options);
  const out: Record<string, ResourceSku[]> = {};
  for (const region of opts.regions) {
    const left = Math.floor(opts.budget.remainingMs());
    if (left <= 0) throw new RefreshError(`ResourceSkus ${region}: total time budget of ${opts.budget.totalMs} ms exhausted`, endpoint);
    const skus: ResourceSku[] = [];
    try {
      const iter = client.resourceSkus.list({
        filter: odataFilter([["location", region]]),
        abortSignal: AbortSignal.timeout(left),
        requestOptions: { timeout: Math.min(opts.timeoutMs ?? httpDefaults.timeoutMs, left) },
      });
      for await (const sku of iter) {
        if (sku.resourceType !== "virtualMachines" || !sku.name) continue;
        if (!(sku.locations ?? []).some((l) => l.toLowerCase() === region)) continue;
        skus.push(sku);
      }
    } catch (e) {
      const err = e as { statusCode?: unknown; code?: unknown; message?: unknown; name?: unknown };
      const status = typeof err.statusCode === "number" ? err.statusCode : undefined;
      const code = typeof err.code === "string" ? `${err.code}: ` : "";
      const raw = typeof err.message === "string" ? err.message : String(e);
      const why = err.name === "AbortError" || err.name === "TimeoutError" ? "timed out" : firstLine(raw);
      const auth =
        err.name === "CredentialUnavailableError" || err.name === "AggregateAuthenticationError" || err.name === "AuthenticationError"
          ? " (no usable Azure credential: set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, use a managed identity or `az login`, or skip ResourceSkus)"
          : "";
      throw new RefreshError(
        scrubSecrets(`ResourceSkus ${region}: ${status !== undefined ? `HTTP ${status} ` : ""}${code}${why}${auth}`, issued),
        endpoint,
        status,
      );
    }
    out[region] = skus.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : 1));
    opts.onProgress?.(`ResourceSkus ${region}: ${skus.length} VM size(s)`);
  }
  return out;
}
