/**
 * Issue 12: `--min-nodes 100000` planned 100,000 nodes for 60 envs without a word. A floor above the
 * nodes the recommended plan runs at peak (those nodes are idle even at peak and billed all week) is a
 * `min_nodes_above_peak` warning, in the plan document (schema/plan.schema.json) and on the first screen.
 * A floor at or below the peak is a choice the plan honours silently.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { repoRoot, runInProcess } from "../support/cli.js";

const schema = JSON.parse(readFileSync(`${repoRoot}/schema/plan.schema.json`, "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const headline = ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--today", "2026-12-04"];

async function json(argv: string[]): Promise<PlanDocument> {
  const r = await runInProcess([...argv, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0); // a warning, not an error
  const doc = JSON.parse(r.stdout) as PlanDocument;
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

describe("--min-nodes above what the peak needs", () => {
  it("--min-nodes 100000 for 60 envs: a warning on the first screen and in the document", async () => {
    const argv = [...headline, "--min-nodes", "100000"];
    const doc = await json(argv);
    const rec = doc.providers[0]?.options[0];
    expect(rec?.nodes.min).toBe(100_000);
    const found = doc.issues.filter((i) => i.code === "min_nodes_above_peak");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      path: "providers[0]",
      details: { provider: "gcp", minNodes: 100_000, nodesAtMinimum: 100_000, nodesAtPeak: rec?.nodes.peak },
    });
    const peak = rec?.nodes.peak ?? 0;
    expect(found[0]?.message).toBe(
      `GKE: --min-nodes 100000 keeps 100,000 nodes running while the peak needs ${peak}: ${(100_000 - peak).toLocaleString("en-US")} of them are idle even at peak, billed all week; lower --min-nodes to ${peak} or less, or leave it out`,
    );
    const text = await runInProcess(argv);
    expect(text.code).toBe(0);
    // On the first screen (without --explain), among the issue lines.
    expect(text.stdout.replace(/\n {2}/g, " ")).toContain(`warning: GKE: --min-nodes 100000 keeps 100,000 nodes running while the peak needs ${peak}:`);
  }, 60_000);

  it("warns exactly when the floor exceeds the recommended plan's nodes at peak (each provider on its own)", async () => {
    const base = await json(headline);
    const peak = base.providers[0]?.options[0]?.nodes.peak ?? 0;
    expect(peak).toBeGreaterThan(3);
    for (const floor of [0, 3, peak, peak + 1, 2 * peak]) {
      const doc = await json([...headline, "--min-nodes", String(floor)]);
      const rec = doc.providers[0]?.options[0];
      const warned = doc.issues.some((i) => i.code === "min_nodes_above_peak");
      expect(warned, `--min-nodes ${floor}, recommended peak ${rec?.nodes.peak}`).toBe(floor > (rec?.nodes.peak ?? 0));
    }
    // Two providers: one warning each, naming its service.
    const both = await json(["--peak", "60", "--env", "4cpu16g", "--provider", "gcp,azure", "--min-nodes", "5000"]);
    expect(both.issues.filter((i) => i.code === "min_nodes_above_peak").map((i) => i.message.split(":")[0])).toEqual(["GKE", "AKS"]);
  }, 60_000);
});
