/**
 * `cc-plan catalog refresh --provider gcp|azure [--regions r1,r2] [--families n2,dsv5] [--allow-partial]
 * [--out dir]`: fetch live prices with the providers' SDKs/APIs and rewrite the catalog files
 * atomically (src/adapters/prices/write.ts). The SDKs are loaded only here.
 *
 * Endpoints and credentials (never printed or written):
 * - GCP: `--gcp-endpoint URL` (default https://cloudbilling.googleapis.com); API key from
 *   `CC_PLAN_GCP_API_KEY` (or `GOOGLE_API_KEY`), else Application Default Credentials;
 * - Azure: `--azure-prices-endpoint URL` (default https://prices.azure.com/api/retail/prices, no auth),
 *   `--azure-arm-endpoint URL` (default https://management.azure.com) with `DefaultAzureCredential`
 *   (AZURE_* variables, managed identity, az login) and `AZURE_SUBSCRIPTION_ID`; without a subscription
 *   id the ResourceSkus check is skipped, and the summary says so.
 * Retrieval time: the clock, or `CC_PLAN_NOW` (ISO 8601) for reproducible runs.
 * The SDKs are optional peer dependencies: without them the command exits 1 with one line naming the
 * packages and versions to install (adapters/prices/load-sdk.ts).
 */
import { existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { defaultCatalogDir } from "../../adapters/catalog-fs.js";
import { redactUrlText, scrubSecrets } from "../../adapters/prices/http.js";
import { assertSdksInstalled, MissingSdkError, sdksFor } from "../../adapters/prices/load-sdk.js";
import { catalogLock, recoverInterrupted, writeCatalogTransaction } from "../../adapters/prices/transaction.js";
import type { FetchedPrices } from "../../adapters/prices/types.js";
import { RefreshError } from "../../adapters/prices/types.js";
import { readCurrentCatalog, refreshedFiles, renderSummary } from "../../adapters/prices/write.js";
import type { Provider } from "../../catalog/types.js";
import type { CommandContext } from "../context.js";
import { nowOf, UsageError } from "../io.js";
import { openProgress } from "../progress.js";

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .flatMap((x) => String(x).split(","))
    .map((x) => x.trim())
    .filter(Boolean);

export async function runRefresh(ctx: CommandContext): Promise<number> {
  const a = ctx.args;
  const providers = list(ctx.raw.provider);
  if (providers.length !== 1 || (providers[0] !== "gcp" && providers[0] !== "azure"))
    throw new UsageError(`catalog refresh: --provider: expected exactly one of gcp, azure, e.g. cc-plan catalog refresh --provider gcp --regions us-central1`);
  const provider = providers[0] as Provider;
  const catalog = ctx.catalogs[provider];
  if (!catalog) throw new UsageError(`catalog refresh: no ${provider} catalog loaded`);
  const regions = list(a.regions);
  for (const r of regions)
    if (!/^[a-z0-9-]+$/.test(r))
      throw new UsageError(`--regions "${r}": expected region names such as ${provider === "gcp" ? "us-central1,europe-west1" : "eastus,westeurope"}`);
  const families = list(a.families).map((f) => f.toLowerCase());
  const knownFamilies = new Set(catalog.machineTypes.map((m) => m.family));
  for (const f of families)
    if (!knownFamilies.has(f)) throw new UsageError(`--families "${f}": expected families of the ${provider} catalog: ${[...knownFamilies].sort().join(", ")}`);
  const now = nowOf(ctx.io.env);
  const packageDir = defaultCatalogDir(ctx.io.env);
  if (a.out !== undefined && (typeof a.out !== "string" || a.out.trim() === ""))
    throw new UsageError(`--out: expected the path of an existing catalog folder, e.g. --out ./my-catalogs`);
  const dir = typeof a.out === "string" ? a.out : packageDir;
  // --out names an existing folder (a missing one is not created: a typo should not grow a new tree).
  const kind = ((): string => {
    try {
      return statSync(dir).isDirectory() ? "folder" : "file";
    } catch {
      return "missing";
    }
  })();
  if (kind !== "folder")
    throw new UsageError(
      kind === "file"
        ? `--out "${dir}": is a file; expected a catalog folder (the refreshed files go to <folder>/prices/${provider}/<region>.json)`
        : `--out "${dir}": no such folder; create it first (an empty folder gets the package's ${provider} machine list with the refreshed prices)`,
    );
  // Endpoints must be http(s) URLs (a typo used to end in exit 70 inside the SDK).
  for (const flag of ["gcp-endpoint", "azure-prices-endpoint", "azure-arm-endpoint"]) {
    const v = a[flag];
    if (v === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(String(v));
    } catch {
      url = undefined;
    }
    if (url && (url.username || url.password))
      throw new UsageError(
        `--${flag}: the URL carries credentials (user:password@); give them through the environment (CC_PLAN_GCP_API_KEY, AZURE_* variables), never in a URL: ${redactUrlText(String(v))}`,
      );
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
      throw new UsageError(
        `--${flag}: expected an http(s) URL such as https://${flag === "gcp-endpoint" ? "cloudbilling.googleapis.com" : flag === "azure-arm-endpoint" ? "management.azure.com" : "prices.azure.com/api/retail/prices"}, got ${JSON.stringify(redactUrlText(String(v)))}`,
      );
  }
  const machines = catalog.machineTypes
    .filter((m) => families.length === 0 || families.includes(m.family))
    .map((m) => ({ name: m.name, family: m.family, vcpus: m.vcpus, memoryMiB: m.memoryMiB }));
  const int = (flag: string, min: number, max: number): number | undefined => {
    const v = a[flag];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag} "${String(v)}": expected a whole number from ${min} to ${max}`);
    return n;
  };
  const retries = int("retries", 0, 10);
  const timeoutMs = int("timeout-ms", 100, 600_000);
  const backoffMs = int("backoff-ms", 0, 60_000);
  const http = {
    ...(retries === undefined ? {} : { maxRetries: retries }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(backoffMs === undefined ? {} : { backoffMs }),
  };
  // Pages fetched (Azure: per region; GCP: the Compute Engine SKU listing, which is not per region) and
  // retries, on one line rewritten in place on a terminal (src/cli/progress.ts); nothing in a pipe.
  const line = await openProgress(ctx.io);
  const progress = line.enabled ? (m: string): void => line.update(`catalog refresh ${provider}: ${m}`) : undefined;
  const base = {
    ...http,
    regions: regions.length > 0 ? regions : [...catalog.regions],
    ...(families.length > 0 ? { families } : {}),
    machines,
    retrievedAt: now,
    ...(progress ? { onProgress: progress } : {}),
  };
  let fetched: FetchedPrices;
  const recoveries: string[] = [];
  try {
    // The SDKs are optional peer dependencies: say what to install before fetching anything (Azure's are
    // needed only for ResourceSkus, i.e. with a subscription id).
    if (provider === "gcp") assertSdksInstalled("gcp", sdksFor("gcp"));
    else if (ctx.io.env.AZURE_SUBSCRIPTION_ID) assertSdksInstalled("azure", sdksFor("azure"));
    if (provider === "gcp") {
      const { fetchGcpPrices } = await import("../../adapters/prices/gcp.js");
      const apiKey = ctx.io.env.CC_PLAN_GCP_API_KEY ?? ctx.io.env.GOOGLE_API_KEY;
      if (!apiKey && !hasGoogleCredentials(ctx.io.env))
        throw new RefreshError(
          "GCP prices: no credentials: set CC_PLAN_GCP_API_KEY (an API key), or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`; on a GCE VM set METADATA_SERVER_DETECTION=assume-present to use its service account",
        );
      fetched = await fetchGcpPrices({
        ...base,
        ...(typeof a["gcp-endpoint"] === "string" ? { endpoint: a["gcp-endpoint"] } : {}),
        ...(apiKey ? { apiKey } : {}),
      });
    } else {
      const { fetchAzurePrices } = await import("../../adapters/prices/azure.js");
      const subscriptionId = ctx.io.env.AZURE_SUBSCRIPTION_ID;
      fetched = await fetchAzurePrices({
        ...base,
        ...(typeof a["azure-prices-endpoint"] === "string" ? { pricesEndpoint: a["azure-prices-endpoint"] } : {}),
        ...(typeof a["azure-arm-endpoint"] === "string" ? { armEndpoint: a["azure-arm-endpoint"] } : {}),
        ...(subscriptionId ? { subscriptionId } : { skipResourceSkus: true }),
      });
    }
    line.stop();
    if (fetched.currency !== "USD" && typeof a.out !== "string")
      throw new RefreshError(
        `the API answered in ${fetched.currency}; the committed catalogs are USD, so nothing was written. Write a ${fetched.currency} catalog elsewhere with --out <dir>`,
      );
    // A region the catalog does not list and the API has no price for is not a region (`--regions mars`
    // used to end in "partial data").
    const unknown = base.regions.filter((r) => !catalog.regions.includes(r) && Object.keys(fetched.regions[r] ?? {}).length === 0);
    if (unknown.length > 0)
      throw new UsageError(
        `--regions "${unknown.join(",")}": unknown ${provider} region${unknown.length > 1 ? "s" : ""} (not in the catalog, and the API has no price for ${unknown.length > 1 ? "them" : "it"}); known: ${[...catalog.regions].sort().join(", ")}`,
      );
    // Read, merge and write under the folder's lock, one refresh at a time (concurrent refreshes fetch in
    // parallel and then merge in turn, so none loses another's update); roll back a refresh that died midway.
    const lock = await catalogLock(dir);
    let written: string[];
    try {
      recoveries.push(...recoverInterrupted(dir));
      const current = readCurrentCatalog(dir, provider, Object.keys(fetched.regions), packageDir);
      const { files, summary } = refreshedFiles(current, fetched, {
        allowPartial: a["allow-partial"] === true,
        ...(families.length > 0 ? { scope: new Set(machines.map((m) => m.name)) } : {}),
      });
      writeCatalogTransaction(dir, files);
      written = [renderSummary(summary)];
    } finally {
      lock.release();
    }
    // ResourceSkus facts (Azure) are checked against the committed machine facts, not written: a
    // disagreement is reported for a human to look at (the catalog builder owns the facts).
    const factLines: string[] = [];
    for (const [name, f] of Object.entries(fetched.facts ?? {})) {
      const m = catalog.machineTypes.find((x) => x.name === name);
      if (!m) continue;
      if (m.vcpus !== f.vcpus || m.memoryMiB !== f.memoryMiB)
        factLines.push(`  facts differ: ${name} catalog ${m.vcpus} vCPU ${m.memoryMiB} MiB, ResourceSkus ${f.vcpus} vCPU ${f.memoryMiB} MiB`);
      if (f.maxDataDisks !== undefined && f.maxDataDisks !== m.volumeAttachLimit)
        factLines.push(`  facts differ: ${name} max data disks catalog ${m.volumeAttachLimit}, ResourceSkus ${f.maxDataDisks}`);
      if (f.restrictedIn && f.restrictedIn.length > 0) factLines.push(`  restricted for this subscription: ${name} in ${f.restrictedIn.join(", ")}`);
    }
    ctx.io.stdout(written.join("") + recoveries.map((r) => `  ${r}\n`).join("") + (factLines.length > 0 ? `${factLines.join("\n")}\n` : ""));
    // Partial data reaches here only with --allow-partial, which accepts it (the files mark what is missing).
    return 0;
  } catch (e) {
    line.stop();
    if (e instanceof MissingSdkError) {
      ctx.io.stderr(`cc-plan: ${e.message}\n`);
      return 1;
    }
    if (e instanceof UsageError) throw e;
    // Every message is one line with URLs redacted (user info, key/token/sig… parameters) and the keys of
    // the environment removed, whatever quoted them (an SDK, undici, a server's error body).
    const secrets = [ctx.io.env.CC_PLAN_GCP_API_KEY, ctx.io.env.GOOGLE_API_KEY, ctx.io.env.AZURE_CLIENT_SECRET].filter((x): x is string => !!x);
    const clean = (m: string): string => scrubSecrets(redactUrlText(m), secrets).replace(/\s*\n\s*/g, " ");
    if (e instanceof RefreshError) {
      // The adapters redact endpoints (no keys, tokens or user info); name it when the message does not.
      const where = e.endpoint && !e.message.includes(e.endpoint) ? ` (endpoint ${e.endpoint})` : "";
      ctx.io.stderr(`cc-plan: catalog refresh ${provider}: ${clean(e.message)}${where}\n`);
      return 1;
    }
    // Not a refresh failure the adapters know: still one line, without secrets (exit 70 stays an internal error).
    throw new Error(clean(e instanceof Error ? e.message : String(e)));
  } finally {
    line.stop();
  }
}

/**
 * Whether Application Default Credentials can be found without asking the network: a key file
 * (GOOGLE_APPLICATION_CREDENTIALS), gcloud's ADC file, or an explicit choice of the GCE metadata server
 * (METADATA_SERVER_DETECTION, google-auth-library's own switch). Without one, google-auth-library would
 * probe 169.254.169.254 and print a MetadataLookupWarning before failing; cc-plan says what to set instead.
 */
function hasGoogleCredentials(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.GOOGLE_APPLICATION_CREDENTIALS || env.METADATA_SERVER_DETECTION) return true;
  const config = env.CLOUDSDK_CONFIG ?? join(env.HOME ?? homedir(), ".config", "gcloud");
  return existsSync(join(config, "application_default_credentials.json"));
}
