/** The built package (dist/, via its exports map) imports as `cc-plan` and plans without the CLI. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";

/** A resolve hook that makes the CLI-only packages unloadable: importing them throws. */
const forbidCliPackages = `data:text/javascript,${encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (/^(yargs|mathjs)(\\/|$)/.test(specifier)) throw new Error("library loaded CLI-only package " + specifier);
    return next(specifier, context);
  }`)}`;
const register = `import { register } from "node:module"; register(${JSON.stringify(forbidCliPackages)});`;

function runModule(script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", script], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("package entry", () => {
  it("`import { plan } from 'cc-plan'` works from the built package without loading yargs (CLI) or mathjs (lazy)", () => {
    const r = runModule(`
      const lib = await import("cc-plan");
      const c = lib.loadCatalogs(["gcp"], { regions: { gcp: ["us-central1"] } });
      const r = lib.resolvePlanRequest({ peak: 60, env: "4cpu16g", provider: ["gcp"] }, c);
      const p = lib.plan(r.value, c);
      console.log(JSON.stringify({ nodes: p.strategies.find((s) => s.variant === "seed-example").nodes.peak, exports: Object.keys(lib).length }));
    `);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.nodes).toBe(9); // 60 × 4cpu16g on n2-standard-32 under gke: 7 per node
    expect(out.exports).toBeGreaterThan(20);
  });

  it("the library plans a month's cost and emits settings from a scenario, still without yargs or mathjs", () => {
    const r = runModule(`
      const lib = await import("cc-plan");
      const sc = lib.readScenarioFile("scenarios/seeds-60-envs.yaml");
      const c = lib.loadCatalogs(["gcp", "azure"], { regions: { gcp: ["us-central1"], azure: ["eastus"] } });
      const r = lib.resolvePlanRequest(sc.value.input, c);
      const p = lib.plan(r.value, c, { storage: { gcp: lib.loadStorageCatalog("gcp"), azure: lib.loadStorageCatalog("azure") }, fees: lib.loadFeeCatalog() });
      const s = p.strategies.find((x) => x.variant === "seed-example" && x.provider === "gcp");
      const gcloud = lib.emitSettings("gcloud", lib.nodePoolSettings(p, s));
      console.log(JSON.stringify({ min: s.autoscaler.minNodes, max: s.autoscaler.maxNodes, total: s.cost.autoscaled.totalUsdPerMonth > 0, gcloud: gcloud.includes("--total-max-nodes 12") }));
    `);
    expect(r.stderr).toBe("");
    // seed scenario on n2-standard-32: per zone ⌈10/7⌉ = 2 and ⌈(20+2)/7⌉ = 4 over 3 zones (see test/cli/cost-cli.test.ts)
    expect(JSON.parse(r.stdout)).toEqual({ min: 6, max: 12, total: true, gcloud: true });
  });

  it("has teeth: the hook does stop an import of yargs", () => {
    const r = runModule(`await import("yargs");`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("library loaded CLI-only package yargs");
  });
});
