/**
 * A small, robust JSON GET over Node's global `fetch` (undici) for the live-price adapters (issue 4).
 *
 * - Per-request timeout (`AbortSignal.timeout`), combined with an optional caller signal.
 * - Retries on HTTP 429 and 5xx and on connection failures (reset, refused), with deterministic
 *   exponential backoff `backoffMs × 2^attempt` (no jitter, so tests and logs are reproducible). A
 *   `Retry-After` header (delta seconds, or an HTTP date measured against the response's own `Date`
 *   header) replaces the backoff for that attempt. A timeout is not retried: the request already waited
 *   `timeoutMs`, and the total budget would be spent waiting on a hung server.
 * - A bound on total time shared by every request of one refresh ({@link createBudget}); a retry whose
 *   wait would overrun it fails at once with a clear message.
 * - The body is read up to {@link maxBodyBytes} (64 MiB; a GCP page of 5,000 SKUs is a few MB), within the
 *   request's timeout, then `JSON.parse`d; a body that never ends, a connection cut mid-body or invalid
 *   JSON is an error that says so. {@link boundedFetch} gives the SDKs' transports the same bounds
 *   (issue 12: an endless GCP body grew to 24 GB and the process was killed with no message).
 * - Every failure is a {@link RefreshError} naming the endpoint with secrets removed
 *   ({@link redactUrl}: `key`, `code`, `sig`, `token`, … query parameters and URL user info) and the
 *   HTTP status where there is one. Header values (Authorization) never appear in messages.
 */

import { readBounded } from "../bounded-read.js";
import { type HttpOptions, RefreshError } from "./types.js";

/** Query parameters whose values are secrets (case-insensitive). */
const secretParams = /^(key|code|sig|signature|token|access_token|api[-_]?key|subscription-key|client_secret)$/i;

/**
 * `url` without secrets: secret query parameters become `REDACTED` (or are dropped with `drop`, for a
 * base endpoint that should never carry one), user info is dropped. Never throws.
 */
export function redactUrl(url: string, options: { drop?: boolean } = {}): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "<unparseable URL>";
  }
  u.username = "";
  u.password = "";
  for (const name of [...u.searchParams.keys()]) {
    if (!secretParams.test(name)) continue;
    if (options.drop) u.searchParams.delete(name);
    else u.searchParams.set(name, "REDACTED");
  }
  const out = u.toString();
  // A bare origin stays as written ("http://127.0.0.1:8080", not ".../"), so messages match the flag given.
  return u.pathname === "/" && !u.search && out.endsWith("/") && !url.endsWith("/") ? out.slice(0, -1) : out;
}

/**
 * `text` with every http(s) URL in it redacted ({@link redactUrl}): for error messages and causes that quote a
 * URL (undici's "Request cannot be constructed from a URL that includes credentials: http://user:pass@…").
 */
export function redactUrlText(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>`]+/gi, (u) => {
    const r = redactUrl(u);
    return r === "<unparseable URL>" ? "<URL>" : r;
  });
}

/** Removes bearer tokens and the given secret strings from a message (for errors from servers and SDKs). */
export function scrubSecrets(message: string, secrets: Iterable<string> = []): string {
  let m = message.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 REDACTED");
  for (const s of secrets) if (s.length >= 8) m = m.split(s).join("REDACTED");
  return m;
}

/** The time left for one refresh, read from a monotonic clock. */
export interface Budget {
  /** Milliseconds left (may be negative). */
  remainingMs(): number;
  readonly totalMs: number;
}

/**
 * A budget of `totalMs` from now.
 * @param now - monotonic milliseconds @defaultValue `performance.now`
 */
export function createBudget(totalMs: number, now: () => number = () => performance.now()): Budget {
  const start = now();
  return { totalMs, remainingMs: () => totalMs - (now() - start) };
}

/** Options of {@link getJson}. */
export interface GetJsonOptions extends HttpOptions {
  /** Shared bound on the whole refresh @defaultValue a new budget of `totalBudgetMs` */
  readonly budget?: Budget;
  /** Waits between retries (tests pass a fast one) @defaultValue a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Caller's cancellation. */
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  /** What is being fetched, for messages ("Azure Retail Prices eastus page 2"). */
  readonly what?: string;
  /** Injected fetch @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof fetch;
}

/** Documented defaults (README "Live prices"; types.ts `HttpOptions`). */
export const httpDefaults = { timeoutMs: 30_000, maxRetries: 4, backoffMs: 500, totalBudgetMs: 300_000 } as const;

/** Longest wait honoured for one Retry-After, ms (a server asking for more fails the refresh instead). */
const maxRetryAfterMs = 120_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delay asked by a `Retry-After` header, ms: delta seconds, or an HTTP date minus the response's `Date`
 * header (the server's clock, so no local clock is read; without a `Date` header the local clock is used).
 * `undefined` when absent or unparseable.
 */
export function retryAfterMs(value: string | null, dateHeader: string | null, localNow: () => number = Date.now): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  const ref = dateHeader !== null && !Number.isNaN(Date.parse(dateHeader)) ? Date.parse(dateHeader) : localNow();
  return Math.max(0, at - ref);
}

/** Largest response body read, bytes (64 MiB). */
export const maxBodyBytes = 64 * 2 ** 20;

/** A body longer than its bound. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** The body of `res` as text, failing with {@link BodyTooLargeError} past `limit` bytes (and cancelling the rest). */
export async function readBoundedText(res: Response, limit = maxBodyBytes): Promise<string> {
  if (!res.body) return "";
  return readBounded(res.body as unknown as AsyncIterable<Uint8Array>, limit, () => new BodyTooLargeError(`response body exceeded ${limit} bytes`));
}

/**
 * A `fetch` whose response must arrive, body included, within `timeoutMs` and `limit` bytes: past either the
 * body stream fails (AbortError "timed out" / {@link BodyTooLargeError}). Given to the SDK transports
 * (gaxios `fetchImplementation`), whose own timeouts stop at the response headers.
 */
export function boundedFetch(timeoutMs: number, limit = maxBodyBytes, base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, ac.signal]) : ac.signal;
    let res: Response;
    try {
      res = await base(input, { ...init, signal });
    } catch (e) {
      clearTimeout(timer);
      // undici's "fetch failed" says nothing: name the socket error in its cause (timeouts keep their name).
      if (e instanceof TypeError && (e as { cause?: unknown }).cause !== undefined)
        throw new Error(
          `${(e as { cause?: { code?: unknown } }).cause?.code === "UND_ERR_SOCKET" ? "the connection was cut before the response was complete" : "request failed"} (${causeText(e)})`,
        );
      throw e;
    }
    if (!res.body) {
      clearTimeout(timer);
      return res;
    }
    // Read the body through a counter: past `limit` bytes, or when the timer fires, the stream fails; a
    // connection cut mid-body fails with what undici says (the cause chain), not a bare "fetch failed".
    const reader = res.body.getReader();
    let size = 0;
    const limited = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (e) {
          clearTimeout(timer);
          controller.error(ac.signal.aborted && ac.signal.reason instanceof Error ? ac.signal.reason : new Error(`response body cut short (${causeText(e)})`));
          return;
        }
        if (chunk.done) {
          clearTimeout(timer);
          controller.close();
          return;
        }
        size += chunk.value.byteLength;
        if (size > limit) {
          clearTimeout(timer);
          controller.error(new BodyTooLargeError(`response body exceeded ${limit} bytes`));
          await reader.cancel().catch(() => undefined);
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(limited, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

const isRetryableStatus = (s: number): boolean => s === 429 || (s >= 500 && s <= 599);

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : "";
}

/** Cause chain text of a fetch failure (undici puts the socket error in `cause`). */
function causeText(e: unknown): string {
  const parts: string[] = [];
  let c: unknown = e;
  for (let i = 0; i < 4 && c instanceof Error; i++) {
    const code = (c as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${c.message} (${code})` : c.message);
    c = (c as { cause?: unknown }).cause;
  }
  return parts.join(": ") || String(e);
}

/**
 * GET `url` and parse its JSON body, with timeout, retries and a total-time bound (see the file header).
 * @returns the parsed JSON value (unvalidated: the caller checks its shape)
 * @throws RefreshError naming the redacted endpoint and the status
 */
export async function getJson(url: string, opts: GetJsonOptions = {}): Promise<unknown> {
  const timeoutMs = opts.timeoutMs ?? httpDefaults.timeoutMs;
  const maxRetries = opts.maxRetries ?? httpDefaults.maxRetries;
  const backoffMs = opts.backoffMs ?? httpDefaults.backoffMs;
  const budget = opts.budget ?? createBudget(opts.totalBudgetMs ?? httpDefaults.totalBudgetMs);
  const sleep = opts.sleep ?? defaultSleep;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const endpoint = redactUrl(url);
  const what = opts.what ? `${opts.what}: ` : "";
  const fail = (msg: string, status?: number): RefreshError => new RefreshError(`${what}GET ${endpoint}: ${msg}`, endpoint, status);

  for (let attempt = 0; ; attempt++) {
    const left = budget.remainingMs();
    if (left <= 0) throw fail(`total time budget of ${budget.totalMs} ms exhausted before attempt ${attempt + 1}`);
    const perRequest = Math.max(1, Math.floor(Math.min(timeoutMs, left)));
    const signals = [AbortSignal.timeout(perRequest), ...(opts.signal ? [opts.signal] : [])];
    const signal = signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);
    let retryWait: number | undefined;
    let lastProblem: string;
    let lastStatus: number | undefined;
    try {
      const res = await doFetch(url, { method: "GET", headers: { accept: "application/json", ...(opts.headers ?? {}) }, signal, redirect: "follow" });
      if (res.ok) {
        let text: string;
        try {
          text = await readBoundedText(res, opts.maxBodyBytes ?? maxBodyBytes);
        } catch (e) {
          if (opts.signal?.aborted) throw fail("cancelled");
          if (e instanceof BodyTooLargeError) throw fail(`${e.message} (HTTP ${res.status}); nothing written`, res.status);
          if (errorName(e) === "TimeoutError" || errorName(e) === "AbortError")
            throw fail(`timed out after ${perRequest} ms while reading the body (HTTP ${res.status})`, res.status);
          throw fail(`response body cut short (HTTP ${res.status}; ${causeText(e)}): truncated JSON`, res.status);
        }
        try {
          return JSON.parse(text) as unknown;
        } catch (e) {
          throw fail(
            `invalid or truncated JSON in a ${text.length}-character body (HTTP ${res.status}; ${e instanceof Error ? e.message : String(e)})`,
            res.status,
          );
        }
      }
      // Read (and so release) the error body; keep a short, scrubbed excerpt for the message.
      const body = await res.text().catch(() => "");
      const excerpt = scrubSecrets(body.replace(/\s+/g, " ").trim().slice(0, 200));
      lastStatus = res.status;
      lastProblem = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${excerpt ? ` (${excerpt})` : ""}`;
      if (!isRetryableStatus(res.status)) throw fail(lastProblem, res.status);
      retryWait = retryAfterMs(res.headers.get("retry-after"), res.headers.get("date"));
    } catch (e) {
      if (e instanceof RefreshError) throw e;
      if (opts.signal?.aborted) throw fail("cancelled");
      if (errorName(e) === "TimeoutError" || errorName(e) === "AbortError") {
        throw fail(
          perRequest < timeoutMs
            ? `timed out after ${perRequest} ms (the rest of the ${budget.totalMs} ms total budget)`
            : `timed out after ${perRequest} ms (no response)`,
        );
      }
      lastStatus = undefined;
      const cause = scrubSecrets(causeText(e));
      // undici reports a server that closes the socket mid-response (headers or body) as UND_ERR_SOCKET.
      lastProblem = /UND_ERR_SOCKET|other side closed|terminated/.test(cause)
        ? `connection closed before the response was complete, truncated (${cause})`
        : `connection failed (${cause})`;
    }
    if (attempt >= maxRetries) throw fail(`${lastProblem}; gave up after ${attempt + 1} attempt(s)`, lastStatus);
    const wait = retryWait ?? backoffMs * 2 ** attempt;
    if (wait > maxRetryAfterMs) throw fail(`${lastProblem}; the server asks to retry after ${wait} ms, longer than ${maxRetryAfterMs} ms`, lastStatus);
    if (wait >= budget.remainingMs()) throw fail(`${lastProblem}; retrying after ${wait} ms would exceed the ${budget.totalMs} ms total budget`, lastStatus);
    opts.onProgress?.(`${what}${lastProblem}; retry ${attempt + 1}/${maxRetries} in ${wait} ms`);
    await sleep(wait);
  }
}
