/**
 * The price SDKs are optional peer dependencies (package.json), so `catalog refresh` must work out what is
 * missing and say so in one line. These tests run the real built CLI (bin/ + dist/bundle/, which bundles
 * everything but the lazily loaded packages) from a temporary copy outside the repository: there no
 * node_modules holds the SDKs, which each test first checks with Node's own resolver, so the "not
 * installed" path is the real one, not a simulation. test/package/install.test.ts shows the same in a
 * project that installed the packed tarball.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingSdkMessage, type PriceSdk, priceSdks, sdksFor } from "../../src/adapters/prices/load-sdk.js";
import { repoRoot } from "../support/cli.js";

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
const sdkNames = Object.keys(priceSdks) as PriceSdk[];

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cc-plan-no-sdk-"));
  for (const rel of ["bin", "dist/bundle", "catalogs", "package.json"]) cpSync(join(repoRoot, rel), join(dir, rel), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Throws unless `name` cannot be resolved from the copy (the precondition of every test below). */
function assertNotResolvable(name: string): void {
  let resolved: string | undefined;
  try {
    resolved = createRequire(join(dir, "dist", "bundle", "cli.cjs")).resolve(name);
  } catch (e) {
    expect((e as { code?: string }).code).toBe("MODULE_NOT_FOUND");
    return;
  }
  throw new Error(`${name} resolves from the temporary copy (${resolved}); the test would prove nothing`);
}

/** A package in the copy's node_modules with the given index.js. */
function fakePackage(name: string, index: string): () => void {
  const at = join(dir, "node_modules", ...name.split("/"));
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, "package.json"), JSON.stringify({ name, version: "0.0.0-test", main: "index.js" }));
  writeFileSync(join(at, "index.js"), index);
  return () => rmSync(join(dir, "node_modules"), { recursive: true, force: true });
}

function refresh(provider: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  // Every endpoint on a closed loopback port (9, discard): a command that fetched before checking its SDKs
  // would fail with a connection error instead of the line asserted, and never reach the internet.
  const closed = "http://127.0.0.1:9";
  const endpoints = ["--gcp-endpoint", closed, "--azure-prices-endpoint", closed, "--azure-arm-endpoint", closed];
  const r = spawnSync(
    process.execPath,
    [
      join(dir, "bin", "cc-plan.cjs"),
      "catalog",
      "refresh",
      "--provider",
      provider,
      ...endpoints,
      "--out",
      join(dir, "catalogs"),
      "--timeout-ms",
      "1000",
      "--retries",
      "0",
    ],
    {
      cwd: dir,
      encoding: "utf8",
      // No NODE_PATH: only the copy's own folders (and their parents) are searched for packages.
      env: { PATH: process.env.PATH ?? "", CC_PLAN_NOW: "2026-11-22T10:00:00Z", ...env },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("price SDKs are optional", () => {
  it("package.json: the SDKs are optional peer dependencies at the versions the message names, and installed for the tests", () => {
    for (const name of sdkNames) {
      expect(pkg.peerDependencies?.[name], name).toBe(priceSdks[name].version);
      expect(pkg.peerDependenciesMeta?.[name], name).toEqual({ optional: true });
      expect(pkg.devDependencies?.[name], name).toBe(priceSdks[name].version);
      expect(pkg.dependencies?.[name], name).toBeUndefined();
      expect(pkg.optionalDependencies?.[name], name).toBeUndefined();
      // The repository's own install has them, at that version (the refresh tests drive them).
      const installed = JSON.parse(readFileSync(createRequire(join(repoRoot, "package.json")).resolve(`${name}/package.json`), "utf8")) as { version: string };
      expect(installed.version, name).toBe(priceSdks[name].version);
    }
  });

  it("gcp without @google-cloud/billing: exit 1, one line naming the package, its version and the npm command", () => {
    assertNotResolvable("@google-cloud/billing");
    const r = refresh("gcp", { CC_PLAN_GCP_API_KEY: "test-key" });
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("cc-plan: catalog refresh --provider gcp needs @google-cloud/billing 5.1.2: npm i @google-cloud/billing@5.1.2\n");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`cc-plan: ${missingSdkMessage("gcp", sdksFor("gcp"))}\n`);
  });

  it("azure with a subscription (ResourceSkus) without the Azure SDKs: both named, before any request", () => {
    assertNotResolvable("@azure/identity");
    assertNotResolvable("@azure/arm-compute");
    const r = refresh("azure", { AZURE_SUBSCRIPTION_ID: "00000000-0000-0000-0000-000000000000" });
    expect(r.stderr).toBe(
      "cc-plan: catalog refresh --provider azure needs @azure/identity 4.13.1 and @azure/arm-compute 24.1.0: npm i @azure/identity@4.13.1 @azure/arm-compute@24.1.0\n",
    );
    expect(r.code).toBe(1);
  });

  it("azure with @azure/identity present but not @azure/arm-compute: only the missing one is named", () => {
    const cleanup = fakePackage("@azure/identity", "module.exports = {};\n");
    try {
      assertNotResolvable("@azure/arm-compute");
      const r = refresh("azure", { AZURE_SUBSCRIPTION_ID: "00000000-0000-0000-0000-000000000000" });
      expect(r.stderr).toBe("cc-plan: catalog refresh --provider azure needs @azure/arm-compute 24.1.0: npm i @azure/arm-compute@24.1.0\n");
      expect(r.code).toBe(1);
    } finally {
      cleanup();
    }
  });

  it("an installed SDK that fails to load (a dependency of it missing, or an error at load) is reported as that error (one line, exit 1), not as 'needs'", () => {
    for (const [index, expected] of [
      ['require("google-gax-not-installed-here");\n', "Cannot find module 'google-gax-not-installed-here'"],
      ['throw new Error("billing failed to initialise");\n', "billing failed to initialise"],
    ] as const) {
      const cleanup = fakePackage("@google-cloud/billing", index);
      try {
        const r = refresh("gcp", { CC_PLAN_GCP_API_KEY: "test-key" });
        expect(r.stderr).toBe(`cc-plan: catalog refresh gcp: @google-cloud/billing is installed but failed to load: ${expected}\n`);
        expect(r.code).toBe(1);
      } finally {
        cleanup();
      }
    }
  });
});
