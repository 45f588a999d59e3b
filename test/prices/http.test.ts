import { afterEach, describe, expect, it } from "vitest";
import { createBudget, getJson, redactUrl, retryAfterMs, scrubSecrets } from "../../src/adapters/prices/http.js";
import { caught } from "../support/caught.js";
import { type ReplayServer, startReplayServer } from "../support/replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A sleep that records the waits and returns at once. */
function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe("redactUrl / scrubSecrets", () => {
  it.each([
    ["https://x.test/p?key=SECRET1&a=1", "https://x.test/p?key=REDACTED&a=1"],
    ["https://x.test/p?code=SECRET1&sig=SECRET2&token=SECRET3", "https://x.test/p?code=REDACTED&sig=REDACTED&token=REDACTED"],
    ["https://user:pw@x.test/p?Token=SECRET", "https://x.test/p?Token=REDACTED"],
    ["not a url", "<unparseable URL>"],
  ])("%s → %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it("removes bearer values and known tokens from messages", () => {
    expect(scrubSecrets("denied for Bearer eyJhbGciOi.abc-def_123 and raw tok-1234567890", ["tok-1234567890"])).toBe(
      "denied for Bearer REDACTED and raw REDACTED",
    );
  });
});

describe("retryAfterMs", () => {
  it.each([
    ["1", null, 1000], // delta-seconds (RFC 9110 §10.2.3)
    ["0", null, 0],
    ["2.5", null, 2500],
    // HTTP date, measured against the response's own Date header: 5 s later
    ["Wed, 21 Oct 2026 07:28:05 GMT", "Wed, 21 Oct 2026 07:28:00 GMT", 5000],
    ["Wed, 21 Oct 2026 07:27:00 GMT", "Wed, 21 Oct 2026 07:28:00 GMT", 0], // in the past → now
    ["soon", null, undefined],
  ])("Retry-After %s (Date %s) → %s ms", (value, date, expected) => {
    expect(retryAfterMs(value, date)).toBe(expected);
  });

  it("uses the local clock when the response has no Date header", () => {
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:10 GMT", null, () => Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(10_000);
  });
});

describe("getJson against a real HTTP server", () => {
  it("returns parsed JSON and sends accept: application/json", async () => {
    server = await startReplayServer([{ path: "/ok", respond: { body: { a: 1 } } }]);
    expect(await getJson(`${server.baseUrl}/ok`)).toEqual({ a: 1 });
    expect(server.requests[0]?.headers.accept).toBe("application/json");
  });

  it("429 with Retry-After: 1 waits 1000 ms, then succeeds", async () => {
    server = await startReplayServer([
      { path: "/p", respond: [{ status: 429, headers: { "retry-after": "1" }, body: { error: "throttled" } }, { body: { ok: true } }] },
    ]);
    const { waits, sleep } = recordingSleep();
    expect(await getJson(`${server.baseUrl}/p`, { sleep })).toEqual({ ok: true });
    expect(waits).toEqual([1000]); // Retry-After: 1 (seconds)
    expect(server.requests).toHaveLength(2);
  });

  it("500 on every attempt: maxRetries + 1 requests, deterministic backoff, RefreshError with endpoint and status", async () => {
    server = await startReplayServer([{ path: "/p", respond: { status: 500, body: { error: "boom" } } }]);
    const { waits, sleep } = recordingSleep();
    const e = await caught(getJson(`${server.baseUrl}/p?key=SECRET-KEY-42`, { sleep, maxRetries: 3, backoffMs: 100 }));
    expect(server.requests).toHaveLength(4); // 1 + 3 retries
    expect(waits).toEqual([100, 200, 400]); // 100 × 2^attempt, no jitter
    expect(e.status).toBe(500);
    expect(e.endpoint).toBe(`${server.baseUrl}/p?key=REDACTED`);
    expect(e.message).toContain("HTTP 500");
    expect(e.message).toContain("gave up after 4 attempt(s)");
    expect(e.message).not.toContain("SECRET-KEY-42");
  });

  it("a 404 is not retried", async () => {
    server = await startReplayServer([]);
    const { waits, sleep } = recordingSleep();
    const e = await caught(getJson(`${server.baseUrl}/nowhere`, { sleep }));
    expect(e.status).toBe(404);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("a hung connection times out", async () => {
    server = await startReplayServer([{ path: "/hang", respond: { hang: true } }]);
    const t0 = performance.now();
    const e = await caught(getJson(`${server.baseUrl}/hang`, { timeoutMs: 200 }));
    expect(e.message).toMatch(/timed out after 200 ms/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("a body cut short mid-JSON is a clear error", async () => {
    server = await startReplayServer([{ path: "/cut", respond: { body: { Items: [{ a: 1 }, { b: 2 }], NextPageLink: null }, truncateAt: 15 } }]);
    const e = await caught(getJson(`${server.baseUrl}/cut`, { maxRetries: 0 }));
    expect(e.message).toMatch(/truncated/i);
    expect(e.endpoint).toBe(`${server.baseUrl}/cut`);
  });

  it("a complete but invalid JSON body names the length and the parse error", async () => {
    server = await startReplayServer([{ path: "/bad", respond: { body: '{"Items": [1, 2' } }]);
    const e = await caught(getJson(`${server.baseUrl}/bad`));
    expect(e.message).toMatch(/invalid or truncated JSON in a 15-character body/);
    expect(e.status).toBe(200);
  });

  it("a Retry-After beyond the total budget fails at once instead of waiting", async () => {
    server = await startReplayServer([{ path: "/slow", respond: { status: 503, headers: { "retry-after": "60" } } }]);
    const { waits, sleep } = recordingSleep();
    const e = await caught(getJson(`${server.baseUrl}/slow`, { sleep, totalBudgetMs: 5000 }));
    expect(waits).toEqual([]);
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/would exceed the 5000 ms total budget/);
  });

  it("an exhausted shared budget stops before the request", async () => {
    server = await startReplayServer([{ path: "/ok", respond: { body: {} } }]);
    let t = 0;
    const budget = createBudget(1000, () => t);
    t = 1500;
    const e = await caught(getJson(`${server.baseUrl}/ok`, { budget }));
    expect(e.message).toMatch(/budget of 1000 ms exhausted/);
    expect(server.requests).toHaveLength(0);
  });

  it("a refused connection is retried, then reported", async () => {
    server = await startReplayServer([]);
    const url = `${server.baseUrl}/x`;
    await server.close();
    server = undefined;
    const { waits, sleep } = recordingSleep();
    const e = await caught(getJson(url, { sleep, maxRetries: 1, backoffMs: 10 }));
    expect(waits).toEqual([10]);
    expect(e.message).toMatch(/connection failed .*ECONNREFUSED/);
    expect(e.status).toBeUndefined();
  });
});
