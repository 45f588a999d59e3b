/**
 * Live price refresh (issue 4): what the provider adapters return and take. INTERFACE shared by
 * src/adapters/prices/gcp.ts, src/adapters/prices/azure.ts (fetchers) and
 * src/adapters/prices/write.ts (validation, diff summary, atomic write of the catalog files).
 *
 * Adapters never read the clock (the caller passes `retrievedAt`), never write files, never print
 * credentials, and report what they could not price in `missing` instead of guessing.
 */
import type { Offering, Provider } from "../../catalog/types.js";

/** Prices of one region: machine type name → offering fields (same fields as catalogs/prices/<p>/<r>.json). */
export type RegionOfferings = Readonly<Record<string, Omit<Offering, "region">>>;

export interface FetchedPrices {
  readonly provider: Provider;
  /** ISO 4217 code of every price (a non-USD catalog is labelled, never converted). */
  readonly currency: string;
  /** API that answered, e.g. "cloudbilling.googleapis.com v1 services/6F81-5844-456A/skus". */
  readonly api: string;
  /** Endpoint base URL actually used (never with a key or token in it). */
  readonly endpoint: string;
  /** SDK package and version, e.g. "@google-cloud/billing 5.1.2". */
  readonly sdk: string;
  /** Filters applied, in words (regions, families, price types). */
  readonly filters: readonly string[];
  /** Caller-supplied retrieval time (ISO 8601). */
  readonly retrievedAt: string;
  /** region → offerings. Only regions asked for; a region with no rows is absent and listed in `missing`. */
  readonly regions: Readonly<Record<string, RegionOfferings>>;
  /** What could not be priced, one line each: "n2-standard-4 in us-west9: no N2 RAM SKU". */
  readonly missing: readonly string[];
  /** Per-region storage prices where the adapter fetched them (GCP PD/snapshots, Azure managed disks). */
  readonly storage?: Readonly<
    Record<
      string,
      Readonly<Record<string, { readonly usdPerGiBMonth?: number; readonly usdPerTierMonth?: Readonly<Record<string, number>>; readonly source: string }>>
    >
  >;
  /** Machine facts the adapter read (Azure ResourceSkus): name → vCPUs, memory MiB, max data disks, restricted regions. */
  readonly facts?: Readonly<
    Record<string, { readonly vcpus: number; readonly memoryMiB: number; readonly maxDataDisks?: number; readonly restrictedIn?: readonly string[] }>
  >;
  /**
   * Azure commitment prices, region → machine type → USD per hour. Reservation rows carry the whole-term
   * total (although `unitOfMeasure` says "1 Hour"), so hourly = total ÷ 8760 ("1 Year") or ÷ 26280
   * ("3 Years"); `savingsPlan` entries of the Linux Consumption row are already hourly
   * (docs/pricing-sources.md §2.6). Informational: the catalog writer does not store them yet.
   */
  readonly commitments?: Readonly<Record<string, Readonly<Record<string, AzureCommitmentPrices>>>>;
}

/** Hourly commitment prices of one Azure VM size in one region (absent = no such row). */
export interface AzureCommitmentPrices {
  readonly reservation1yUsdPerHour?: number;
  readonly reservation3yUsdPerHour?: number;
  readonly savingsPlan1yUsdPerHour?: number;
  readonly savingsPlan3yUsdPerHour?: number;
}

/** Network behaviour shared by the adapters (documented defaults in README "Live prices"). */
export interface HttpOptions {
  /** Per-request timeout, ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries on 429 and 5xx (default 4), exponential backoff from `backoffMs` (default 500), honouring Retry-After. */
  readonly maxRetries?: number;
  readonly backoffMs?: number;
  /** Bound on the whole refresh, ms (default 300 000). */
  readonly totalBudgetMs?: number;
  /** Largest response body read, bytes (default 64 MiB, http.ts `maxBodyBytes`). */
  readonly maxBodyBytes?: number;
  /** Progress lines (a TTY shows them; tests collect them). Never receives secrets. */
  readonly onProgress?: (message: string) => void;
}

export interface RefreshRequest extends HttpOptions {
  /** Regions to refresh (default: every region of the committed catalog). */
  readonly regions: readonly string[];
  /** Families to refresh, catalog family keys (n2, n2d, c2, c3, e2; dsv5, ...). Default: all of the catalog's. */
  readonly families?: readonly string[];
  /** Machine facts from the committed catalog (vCPUs, memory): prices are computed for these types. */
  readonly machines: readonly { readonly name: string; readonly family: string; readonly vcpus: number; readonly memoryMiB: number }[];
  readonly retrievedAt: string;
}

/** A refresh failure: one line naming the endpoint (no credentials) and, where there is one, the HTTP status. */
export class RefreshError extends Error {
  override readonly name = "RefreshError";
  constructor(
    message: string,
    readonly endpoint?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
