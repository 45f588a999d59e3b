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
import { defaultCatalogDir } from "../../adapters/catalog-fs.js";
import { assertSdksInstalled, MissingSdkError, sdksFor } from "../../adapters/prices/load-sdk.js";
import type { FetchedPrices } from "../../adapters/prices/types.js";
import { RefreshError } from "../../adapters/prices/types.js";
import { readCurrentCatalog, refreshedFiles, renderSummary, writeFilesAtomically } from "../../adapters/prices/write.js";
import type { Provider } from "../../catalog/types.js";
import type { CommandContext } from "../context.js";
import { nowOf, UsageError } from "../io.js";

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
  const dir = typeof a.out === "string" ? a.out : defaultCatalogDir(ctx.io.env);
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
  const progress = ctx.cursor ? (m: string): void => ctx.io.stderr(`\r\x1b[2K${m}`) : undefined;
  const base = {
    ...http,
    regions: regions.length > 0 ? regions : [...catalog.regions],
    ...(families.length > 0 ? { families } : {}),
    machines,
    retrievedAt: now,
    ...(progress ? { onProgress: progress } : {}),
  };
  let fetched: FetchedPrices;
  try {
    // The SDKs are optional peer dependencies: say what to install before fetching anything (Azure's are
    // needed only for ResourceSkus, i.e. with a subscription id).
    if (provider === "gcp") assertSdksInstalled("gcp", sdksFor("gcp"));
    else if (ctx.io.env.AZURE_SUBSCRIPTION_ID) assertSdksInstalled("azure", sdksFor("azure"));
    if (provider === "gcp") {
      const { fetchGcpPrices } = await import("../../adapters/prices/gcp.js");
      const apiKey = ctx.io.env.CC_PLAN_GCP_API_KEY ?? ctx.io.env.GOOGLE_API_KEY;
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
    if (progress) ctx.io.stderr("\r\x1b[2K");
    if (fetched.currency !== "USD" && typeof a.out !== "string")
      throw new RefreshError(
        `the API answered in ${fetched.currency}; the committed catalogs are USD, so nothing was written. Write a ${fetched.currency} catalog elsewhere with --out <dir>`,
      );
    const current = readCurrentCatalog(dir, provider, Object.keys(fetched.regions));
    const { files, summary } = refreshedFiles(current, fetched, { allowPartial: a["allow-partial"] === true });
    writeFilesAtomically(dir, files);
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
    ctx.io.stdout(renderSummary(summary) + (factLines.length > 0 ? `${factLines.join("\n")}\n` : ""));
    // Partial data reaches here only with --allow-partial, which accepts it (the files mark what is missing).
    return 0;
  } catch (e) {
    if (e instanceof MissingSdkError) {
      ctx.io.stderr(`cc-plan: ${e.message}\n`);
      return 1;
    }
    if (e instanceof RefreshError) {
      // The adapters redact endpoints (no keys, tokens or user info); name it when the message does not.
      const where = e.endpoint && !e.message.includes(e.endpoint) ? ` (endpoint ${e.endpoint})` : "";
      ctx.io.stderr(`cc-plan: catalog refresh ${provider}: ${e.message.replace(/\s*\n\s*/g, " ")}${where}\n`);
      return 1;
    }
    throw e;
  }
}
