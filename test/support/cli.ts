/** Runs the CLI in-process (injected io) or as a real child process of the built bin, and reads the catalogs' prices. */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { run } from "../../src/cli/main.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface InProcessOptions {
  /** Terminal width as a TTY would report it (io.columns); undefined = not a terminal (tables fit 100). */
  readonly columns?: number;
  /** Whether stdout is a terminal (colour on unless NO_COLOR). Default false. */
  readonly isTTY?: boolean;
}

export async function runInProcess(argv: string[], env: Record<string, string | undefined> = {}, options: InProcessOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    isTTY: options.isTTY ?? false,
    ...(options.columns === undefined ? {} : { columns: options.columns }),
  });
  return { code, stdout, stderr };
}

/** The real `cc-plan` bin (built by `npm test`'s pretest step) in a child process. */
export function runChild(argv: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ["bin/cc-plan.cjs", ...argv], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * {@link runChild} without blocking the test worker while the child runs (a long file of child runs on a
 * busy machine otherwise starves vitest's worker RPC: "Timeout calling onTaskUpdate").
 */
export function runChildAsync(argv: string[], env: Record<string, string> = {}, nodeOptions: string[] = []): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, "bin/cc-plan.cjs", ...argv], { cwd: repoRoot, env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A usage error as every command gives it: exit 2, nothing on stdout, one line on stderr with `message`, no stack. */
export function expectOneLineUsageError(r: CliResult, message: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(`cc-plan: ${message}`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** `--json` run in-process: stderr must be empty; returns the exit code and the parsed document. */
export async function runJson<T = any>(argv: string[]): Promise<{ code: number; doc: T }> {
  const r = await runInProcess([...argv, "--json"]);
  if (r.stderr !== "") throw new Error(`stderr: ${r.stderr}`);
  return { code: r.code, doc: JSON.parse(r.stdout) as T };
}

const readJson = (rel: string): any => JSON.parse(readFileSync(join(repoRoot, rel), "utf8"));

/** A month is 730 hours (catalogs/fees.json notes; every price here is per hour or per month). */
export const hoursPerMonth = 730;

/** On-demand (or spot) USD per hour of a machine type, read from catalogs/prices/<provider>/<region>.json. */
export function hourlyPrice(
  provider: "gcp" | "azure" | "aws",
  region: string,
  machineType: string,
  field: "onDemandUsdPerHour" | "spotUsdPerHour" = "onDemandUsdPerHour",
): number {
  const v = readJson(`catalogs/prices/${provider}/${region}.json`).offerings?.[machineType]?.[field];
  if (typeof v !== "number" || !(v > 0)) throw new Error(`no ${field} for ${machineType} in catalogs/prices/${provider}/${region}.json`);
  return v;
}

/** USD per GiB-month of a disk class in a region, from catalogs/storage/<provider>.json. */
export function diskPricePerGiBMonth(provider: "gcp" | "azure" | "aws", region: string, storageClass: string): number {
  const v = readJson(`catalogs/storage/${provider}.json`).regions?.[region]?.[storageClass]?.usdPerGiBMonth;
  if (typeof v !== "number" || !(v > 0)) throw new Error(`no ${storageClass} price for ${region} in catalogs/storage/${provider}.json`);
  return v;
}

/** Cluster management fee per cluster-hour of a tier (gke-standard, aks-standard, eks-standard), from catalogs/fees.json. */
export function clusterFeePerHour(tier: string): number {
  const v = (readJson("catalogs/fees.json").clusterFees as { id: string; usdPerClusterHour: number }[]).find((f) => f.id === tier)?.usdPerClusterHour;
  if (typeof v !== "number") throw new Error(`no fee ${tier} in catalogs/fees.json`);
  return v;
}

/** Round to cents, as the printed bill does. */
export const cents = (v: number): number => Math.round(v * 100) / 100;

/** "$9,014.80" for a number, the way the text output prints money. */
export const dollars = (v: number): string =>
  `$${cents(v)
    .toFixed(2)
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
