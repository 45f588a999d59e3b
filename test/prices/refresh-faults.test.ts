/**
 * Fault suite of `catalog refresh` (issue 12: "Nothing lost, nothing hangs"). The real CLI, the real HTTP
 * client and SDK, a replay server on 127.0.0.1, the writer's file system with failures injected where a
 * real one cannot be provoked (EBUSY on a rename, ENOSPC on a write, as a non-root tmpfs cannot be mounted).
 * Every case ends with the previous catalog intact (sha-identical files) or every concurrent update kept,
 * no temporary, staging, backup or lock file left, exit ≠ 0 where it failed, one line naming the cause, and
 * no secret printed. Expected values come from the committed catalogs (catalogs/prices/azure/*.json), read
 * before each run.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { catalogLock, realFs, recoverInterrupted, type TransactionFs, writeCatalogTransaction } from "../../src/adapters/prices/transaction.js";
import { RefreshError } from "../../src/adapters/prices/types.js";
import { readCurrentCatalog, refreshedFiles } from "../../src/adapters/prices/write.js";
import type { CatalogMachinesFile, CatalogPriceFile } from "../../src/catalog/types.js";
import { copyCatalogs, snapshot } from "../support/catalog-copy.js";
import { repoRoot, runInProcess } from "../support/cli.js";
import { type ReplayResponse, type ReplayServer, startReplayServer } from "../support/replay-server.js";
import { diskItem, pageResponses, parseFilter, vmItem } from "./fixtures/azure/retail.js";

const env = { CC_PLAN_NOW: "2026-11-22T10:00:00Z" };
const committed = (region: string): CatalogPriceFile =>
  JSON.parse(readFileSync(join(repoRoot, "catalogs", "prices", "azure", `${region}.json`), "utf8")) as CatalogPriceFile;
const eastus = committed("eastus");

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** No temporary, staging, backup or lock file anywhere under dir. */
function leftovers(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((p) => /\.tmp-|\.refresh-(staging|backup)-|\.refresh\.lock/.test(p));
}

function expectIntact(dir: string, before: Map<string, Buffer>): void {
  const after = snapshot(dir);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [p, b] of before) expect(after.get(p)?.equals(b), p).toBe(true);
}

/**
 * The Azure Retail Prices API for any region: every committed eastus VM row re-labelled with the asked
 * region, at eastus's price (or `price(name)`), and one disk tier of each class.
 */
async function azureServer(price: (name: string, region: string) => number = (n) => eastus.offerings[n]?.onDemandUsdPerHour as number): Promise<ReplayServer> {
  const s = { base: "" };
  const srv = await startReplayServer([
    {
      path: "/api/retail/prices",
      respond: (url: URL): ReplayResponse => {
        const f = parseFilter(url.searchParams.get("$filter") ?? "");
        const region = f.armRegionName ?? "eastus";
        const items =
          f.serviceName === "Virtual Machines" && f.priceType === "Consumption"
            ? Object.keys(eastus.offerings).map((n) => vmItem(region, n, price(n, region)))
            : f.serviceName === "Storage" && f.productName
              ? [
                  diskItem(region, "Premium SSD Managed Disks", "P10 LRS Disk", "P10 LRS", 19.71),
                  diskItem(region, "Standard SSD Managed Disks", "E10 LRS Disk", "E10 LRS", 9.6),
                  diskItem(region, "Standard HDD Managed Disks", "S4 LRS Disk", "S4 LRS", 1.54),
                ].filter((i) => i.productName === f.productName)
              : [];
        return pageResponses(url, s.base, items, 2);
      },
    },
  ]);
  s.base = srv.baseUrl;
  return srv;
}

const azureArgs = (dir: string, regions: string, extra: string[] = []): string[] => [
  "catalog",
  "refresh",
  "--provider",
  "azure",
  "--regions",
  regions,
  "--azure-prices-endpoint",
  `${server?.baseUrl}/api/retail/prices`,
  "--out",
  dir,
  "--retries",
  "0",
  "--backoff-ms",
  "1",
  "--timeout-ms",
  "3000",
  "--allow-partial",
  ...extra,
];

/** The built CLI in a child process, asynchronously (the replay server runs in this process). */
function child(argv: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const p = spawn(process.execPath, ["bin/cc-plan.cjs", ...argv], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), ...env, ...extraEnv },
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - t }));
  });
}

describe("data loss: a narrowed refresh merges", () => {
  it("--families dsv5 rewrites only the Dsv5 prices of eastus: every other entry byte-for-byte, all 101 types kept (before: 8 of 101)", async () => {
    server = await azureServer((n) => (eastus.offerings[n]?.onDemandUsdPerHour as number) * 1.1); // +10 %: visible
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(azureArgs(dir, "eastus", ["--families", "dsv5"]), env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "prices", "azure", "eastus.json"), "utf8")) as CatalogPriceFile;
    const machines = JSON.parse(readFileSync(join(repoRoot, "catalogs", "azure.json"), "utf8")) as CatalogMachinesFile;
    const dsv5 = new Set(machines.machineTypes.filter((m) => m.family === "dsv5").map((m) => m.name));
    expect(Object.keys(written.offerings)).toEqual(Object.keys(eastus.offerings)); // same types, same order
    expect(Object.keys(written.offerings).length).toBe(Object.keys(eastus.offerings).length);
    let refreshed = 0;
    for (const [name, o] of Object.entries(eastus.offerings)) {
      if (dsv5.has(name)) {
        refreshed++;
        expect(written.offerings[name]?.onDemandUsdPerHour, name).toBeCloseTo((o.onDemandUsdPerHour as number) * 1.1, 9);
        expect(written.offerings[name]?.onDemandAsOf, name).toBe("2026-11-22"); // its own date: the file keeps its asOf
      } else expect(JSON.stringify(written.offerings[name]), name).toBe(JSON.stringify(o));
    }
    expect(refreshed).toBeGreaterThan(0);
    expect(written._meta.asOf).toBe(eastus._meta.asOf);
    // the text of every untouched entry is the committed text, line for line
    const text = readFileSync(join(dir, "prices", "azure", "eastus.json"), "utf8");
    const old = before.get(join("prices", "azure", "eastus.json"))?.toString() ?? "";
    const untouched = Object.keys(eastus.offerings).find((n) => !dsv5.has(n)) as string;
    const block = (t: string): string => t.slice(t.indexOf(`"${untouched}": {`), t.indexOf("}", t.indexOf(`"${untouched}": {`)) + 1);
    expect(block(text)).toBe(block(old));
    // every other file is as it was (other regions, the machines index, the storage file but eastus's disk rows)
    for (const [p, b] of before)
      if (p !== join("prices", "azure", "eastus.json") && p !== join("storage", "azure.json")) expect(snapshot(dir).get(p)?.equals(b), p).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("refreshedFiles: a --families scope keeps the other families' entries and a full refresh still replaces the region", () => {
    const current = readCurrentCatalog(join(repoRoot, "catalogs"), "azure", ["eastus"]);
    const only = Object.keys(eastus.offerings).slice(0, 2);
    const fetched = {
      provider: "azure" as const,
      currency: "USD",
      api: "test",
      endpoint: "http://127.0.0.1:1",
      sdk: "test",
      filters: [],
      retrievedAt: "2026-11-22T10:00:00Z",
      regions: { eastus: Object.fromEntries(only.map((n) => [n, { onDemandUsdPerHour: 1.5 }])) },
      missing: [],
    };
    const merged = refreshedFiles(current, fetched, { allowPartial: true, scope: new Set(only) });
    const m = JSON.parse(merged.files["prices/azure/eastus.json"] ?? "{}") as CatalogPriceFile;
    expect(Object.keys(m.offerings).length).toBe(Object.keys(eastus.offerings).length);
    expect(merged.summary.removedTypes).toEqual([]);
    const full = refreshedFiles(current, fetched, { allowPartial: true });
    const f = JSON.parse(full.files["prices/azure/eastus.json"] ?? "{}") as CatalogPriceFile;
    expect(Object.keys(f.offerings)).toEqual(only); // a full refresh is the API's word on the region
    expect(full.summary.removedTypes.length).toBe(Object.keys(eastus.offerings).length - 2);
  });

  it("--regions eastus leaves every other region's file byte-for-byte and the index listing them all", async () => {
    server = await azureServer();
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(azureArgs(dir, "eastus"), env);
    expect(r.code).toBe(0);
    for (const [p, b] of before) if (p.startsWith(join("prices", "azure")) && !p.endsWith("eastus.json")) expect(snapshot(dir).get(p)?.equals(b), p).toBe(true);
    expect(
      snapshot(dir)
        .get("azure.json")
        ?.equals(before.get("azure.json") as Buffer),
    ).toBe(true);
  });
});

describe("concurrent refreshes", () => {
  it("eight processes each adding a region to one folder: all exit 0 and the index lists all eight (before: 2–3)", async () => {
    server = await azureServer();
    const dir = copyCatalogs();
    const regions = Array.from({ length: 8 }, (_, i) => `testregion${i + 1}`);
    const runs = await Promise.all(regions.map((r) => child(azureArgs(dir, r))));
    for (const [i, r] of runs.entries()) {
      expect(r.stderr, regions[i]).toBe("");
      expect(r.code, regions[i]).toBe(0);
    }
    const index = JSON.parse(readFileSync(join(dir, "azure.json"), "utf8")) as CatalogMachinesFile;
    for (const r of regions) {
      expect(index.regions, r).toContain(r);
      const file = JSON.parse(readFileSync(join(dir, "prices", "azure", `${r}.json`), "utf8")) as CatalogPriceFile;
      expect(Object.keys(file.offerings).length, r).toBe(Object.keys(eastus.offerings).length);
    }
    const storage = JSON.parse(readFileSync(join(dir, "storage", "azure.json"), "utf8")) as { regions: Record<string, unknown> };
    for (const r of regions) expect(Object.keys(storage.regions), r).toContain(r);
    expect(leftovers(dir)).toEqual([]);
  }, 120_000);

  it("a lock held by a running process: the next refresh waits, then fails with one line naming it", async () => {
    const dir = copyCatalogs();
    writeFileSync(join(dir, ".refresh.lock"), `${JSON.stringify({ pid: process.pid, since: "2026-11-22T09:59:00.000Z" })}\n`);
    await expect(catalogLock(dir, { waitMs: 200, pollMs: 20 })).rejects.toThrow(
      new RefreshError(
        `another catalog refresh is writing ${dir} (pid ${process.pid}, since 2026-11-22T09:59:00.000Z); try again when it ends, or delete ${join(dir, ".refresh.lock")} if no such process is running`,
      ),
    );
  });

  it("a lock left by a process that is gone is taken over, and released after", async () => {
    const dir = copyCatalogs();
    const dead = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ["-e", "0"]);
      p.on("close", () => resolve(p.pid as number));
    });
    writeFileSync(join(dir, ".refresh.lock"), `${JSON.stringify({ pid: dead, since: "2026-11-22T09:00:00.000Z" })}\n`);
    const lock = await catalogLock(dir, { waitMs: 200, pollMs: 20 });
    expect(JSON.parse(readFileSync(join(dir, ".refresh.lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("one transaction", () => {
  const files = { "azure.json": '{"x":1}\n', "prices/azure/eastus.json": '{"y":2}\n', "storage/azure.json": '{"z":3}\n' };

  it("a rename failing midway (EBUSY on the second switch): every file as before, no staging or backup left, one line naming the cause", () => {
    const dir = copyCatalogs();
    const before = snapshot(dir);
    let renames = 0;
    const failing: TransactionFs = {
      ...realFs,
      renameSync: (a, b) => {
        // the 1st file's two renames pass (old → backup, staged → place); the 2nd file's first rename fails
        if (++renames === 3) throw Object.assign(new Error("EBUSY: resource busy or locked, rename"), { code: "EBUSY" });
        return fs.renameSync(a, b);
      },
    };
    expect(() => writeCatalogTransaction(dir, files, failing)).toThrow(
      /^switching the new catalog files into place failed at prices\/azure\/eastus\.json \(EBUSY: resource busy or locked, rename\); the previous catalog was restored$/,
    );
    expectIntact(dir, before);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a full disk (ENOSPC after 4 KiB written): the catalog is untouched and no temporary remains", () => {
    const dir = copyCatalogs();
    const before = snapshot(dir);
    let written = 0;
    const full: TransactionFs = {
      ...realFs,
      writeSync: (fd, data) => {
        written += data.length;
        if (written > 4096) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        return fs.writeSync(fd, data);
      },
    };
    const big = { ...files, "prices/azure/eastus.json": `${"x".repeat(10_000)}\n` };
    expect(() => writeCatalogTransaction(dir, big, full)).toThrow(
      "writing the catalog failed (ENOSPC: no space left on device, write); the previous catalog is unchanged",
    );
    expectIntact(dir, before);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a refresh killed between two renames is rolled back by the next one (its journal names a dead pid)", async () => {
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const dead = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ["-e", "0"]);
      p.on("close", () => resolve(p.pid as number));
    });
    // What a refresh of pid `dead` leaves after switching azure.json and dying before eastus.json.
    const backup = join(dir, `.refresh-backup-${dead}`);
    fs.mkdirSync(join(backup), { recursive: true });
    writeFileSync(
      join(backup, "journal.json"),
      JSON.stringify({
        pid: dead,
        files: [
          { name: "azure.json", existed: true },
          { name: "prices/azure/newregion.json", existed: false },
          { name: "prices/azure/eastus.json", existed: true },
        ],
      }),
    );
    fs.renameSync(join(dir, "azure.json"), join(backup, "azure.json"));
    writeFileSync(join(dir, "azure.json"), '{"half":"written"}\n');
    writeFileSync(join(dir, "prices", "azure", "newregion.json"), '{"half":"written"}\n');
    fs.mkdirSync(join(dir, `.refresh-staging-${dead}`, "prices", "azure"), { recursive: true });
    writeFileSync(join(dir, `.refresh-staging-${dead}`, "prices", "azure", "eastus.json"), "{}\n");
    expect(recoverInterrupted(dir)).toEqual([`rolled back an interrupted refresh (pid ${dead}): 3 file(s) restored`]);
    expectIntact(dir, before);
    expect(leftovers(dir)).toEqual([]);
  });

  it("writes every file when nothing fails, and leaves nothing else", () => {
    const dir = copyCatalogs();
    writeCatalogTransaction(dir, files);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dir, name), "utf8")).toBe(text);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("runaway responses", () => {
  it("GCP: a body that never ends stops at --timeout-ms or the body bound with one line (before: 24 GB, killed)", async () => {
    server = await startReplayServer([{ path: "/v1/services/6F81-5844-456A/skus", respond: { endless: true } }]);
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await child(
      [
        "catalog",
        "refresh",
        "--provider",
        "gcp",
        "--regions",
        "us-central1",
        "--gcp-endpoint",
        server.baseUrl,
        "--out",
        dir,
        "--retries",
        "0",
        "--timeout-ms",
        "3000",
      ],
      { CC_PLAN_GCP_API_KEY: "AIza-test-key-never-printed-0123" },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cc-plan: catalog refresh gcp: GCP prices: .*(timed out after 3000 ms|response body exceeded 67108864 bytes)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain("AIza-test-key");
    expectIntact(dir, before);
  }, 60_000);

  it("Azure: a body that never ends stops the same way", async () => {
    server = await startReplayServer([{ path: "/api/retail/prices", respond: { endless: true } }]);
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await child(azureArgs(dir, "eastus"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/timed out after 3000 ms|response body exceeded 67108864 bytes/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expectIntact(dir, before);
  }, 60_000);
});

describe("secrets and endpoints", () => {
  it("credentials in an endpoint URL: exit 2, one line, neither the password nor the key printed", async () => {
    const dir = copyCatalogs();
    for (const flag of ["--azure-prices-endpoint", "--gcp-endpoint"]) {
      const provider = flag === "--gcp-endpoint" ? "gcp" : "azure";
      const r = await runInProcess(
        [
          "catalog",
          "refresh",
          "--provider",
          provider,
          "--regions",
          "eastus",
          flag,
          "http://admin:hunter2-secret@127.0.0.1:9/p?key=sk-live-0123456789&x=1",
          "--out",
          dir,
        ],
        env,
      );
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(new RegExp(`^cc-plan: ${flag}: the URL carries credentials`));
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2|sk-live-0123456789/);
    }
  });

  it("a server error quoting the key-carrying URL: the key never reaches the output", async () => {
    server = await startReplayServer([
      {
        path: "/api/retail/prices",
        respond: (url) => ({ status: 400, body: { error: `bad request for ${url.href.replace("http://127.0.0.1", server?.baseUrl ?? "")}` } }),
      },
    ]);
    const dir = copyCatalogs();
    const r = await runInProcess(
      azureArgs(dir, "eastus").map((a) => (a.endsWith("/api/retail/prices") ? `${a}?code=sig-secret-987654321` : a)),
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain("sig-secret-987654321");
  });

  it.each([
    ["--azure-prices-endpoint", "notaurl"],
    ["--azure-prices-endpoint", "ftp://127.0.0.1/x"],
    ["--gcp-endpoint", ""],
    ["--azure-arm-endpoint", "127.0.0.1:9"],
  ])("%s %j: exit 2, expected an http(s) URL", async (flag, value) => {
    const provider = flag === "--gcp-endpoint" ? "gcp" : "azure";
    const r = await runInProcess(["catalog", "refresh", "--provider", provider, flag, value], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^cc-plan: ${flag}: expected an http\\(s\\) URL such as https://`));
  });

  it("--out naming a file or a folder that does not exist: exit 2, one line (before: exit 70)", async () => {
    const dir = copyCatalogs();
    const f = await runInProcess(["catalog", "refresh", "--provider", "azure", "--out", join(dir, "azure.json")], env);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe(
      `cc-plan: --out "${join(dir, "azure.json")}": is a file; expected a catalog folder (the refreshed files go to <folder>/prices/azure/<region>.json)\n`,
    );
    const m = await runInProcess(["catalog", "refresh", "--provider", "azure", "--out", join(dir, "nope")], env);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^cc-plan: --out ".*nope": no such folder; create it first/);
  });

  it("an empty --out folder gets the package's machine list and the refreshed region", async () => {
    server = await azureServer();
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-empty-out-"));
    const r = await runInProcess(azureArgs(dir, "eastus"), env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "azure.json"), "utf8")).machineTypes.length).toBeGreaterThan(0);
    expect(Object.keys((JSON.parse(readFileSync(join(dir, "prices", "azure", "eastus.json"), "utf8")) as CatalogPriceFile).offerings).length).toBe(
      Object.keys(eastus.offerings).length,
    );
  });

  it("--regions mars: unknown region, exit 2 (before: 'partial data')", async () => {
    server = await startReplayServer([{ path: "/api/retail/prices", respond: { body: { Items: [], NextPageLink: null, Count: 0 } } }]);
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(azureArgs(dir, "mars"), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cc-plan: --regions "mars": unknown azure region \(not in the catalog, and the API has no price for it\); known: .*eastus/);
    expectIntact(dir, before);
  });

  it("GCP without a key or Application Default Credentials: one line saying what to set, no metadata-server probe or warning", async () => {
    const dir = copyCatalogs();
    const r = await child(["catalog", "refresh", "--provider", "gcp", "--regions", "us-central1", "--out", dir, "--gcp-endpoint", "http://127.0.0.1:9"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "cc-plan: catalog refresh gcp: GCP prices: no credentials: set CC_PLAN_GCP_API_KEY (an API key), or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`; on a GCE VM set METADATA_SERVER_DETECTION=assume-present to use its service account\n",
    );
  });
});

describe("implausible prices from the API", () => {
  it.each([
    [1e306, /Standard_\S+ in eastus: onDemandUsdPerHour 1e\+306 USD per hour is outside the plausible range 0\.0001 to 1000; nothing written/],
    [1e-12, /Standard_\S+ in eastus: onDemandUsdPerHour 1e-12 USD per hour is outside the plausible range 0\.0001 to 1000; nothing written/],
  ])("%s $/h: exit 1, one line with the range, previous catalog intact (before: accepted, then $Infinity.00 / $0.00)", async (price, message) => {
    server = await azureServer((n) => (n === Object.keys(eastus.offerings)[0] ? price : (eastus.offerings[n]?.onDemandUsdPerHour as number)));
    const dir = copyCatalogs();
    const before = snapshot(dir);
    const r = await runInProcess(azureArgs(dir, "eastus"), env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expectIntact(dir, before);
  });
});
