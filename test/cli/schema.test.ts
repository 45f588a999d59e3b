/** The --json output validates against schema/plan.schema.json (ajv, strict mode) for varied inputs. */
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoRoot, runInProcess } from "../support/cli.js";

const schema = JSON.parse(readFileSync(`${repoRoot}/schema/plan.schema.json`, "utf8"));
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

describe("plan JSON schema", () => {
  it.each([
    ["--peak", "60", "--env", "4cpu16g"],
    ["--peak", "60", "--env", "4cpu16g", "--platform", "flat"],
    ["--peak", "20", "--normal", "5", "--env", "0.5cpu2g", "--provider", "aws"],
    ["--peak", "9", "--env", "2cpu8gi", "--provider", "azure", "--platform", "aks-legacy", "--machine", "Standard_B8ms", "--max-pods", "30"],
    ["--peak", "3", "--env", "500cpu4000g"],
    ["--scenario", "scenarios/seeds-60-envs.yaml"],
    ["--scenario", "scenarios/follow-the-sun.yaml"],
    ["--scenario", "scenarios/gitpod-reference.yaml", "--pricing", "cud-1y"],
    ["--scenario", "scenarios/team-20x3.yaml", "--pricing", "sud", "--zones", "2"],
    ["--users", "20", "--envs-per-user", "3", "--env", "4cpu16g", "--provider", "azure", "--pricing", "ri-3y", "--disk", "100Gi"],
    ["--peak", "10", "--env", "4cpu16g", "--provider", "azure", "--pricing", "spot"],
  ])("%j validates", async (...argv) => {
    const r = await runInProcess([...argv, "--json"]);
    const doc = JSON.parse(r.stdout);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("has teeth: a price of 0 per node or a missing field is rejected", async () => {
    const doc = JSON.parse((await runInProcess(["--peak", "60", "--env", "4cpu16g", "--json"])).stdout);
    doc.strategies[0].nodeUsdPerHour = 0;
    expect(validate(doc)).toBe(false);
    delete doc.strategies[0].bindingConstraint;
    expect(validate(doc)).toBe(false);
  });
});
