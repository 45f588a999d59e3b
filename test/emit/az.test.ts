/**
 * az emitter: argv from a POSIX-quote-aware splitter, checked against the settings and the rules of
 * `az aks nodepool add|update` (https://learn.microsoft.com/cli/azure/aks/nodepool).
 */
import { describe, expect, it } from "vitest";
import { emitAz } from "../../src/emit/az.js";
import type { NodePoolSettings } from "../../src/emit/settings.js";
import { aksSeedSettings } from "../support/settings-fixtures.js";
import { parseFlags, singleCommand } from "./shell-words.js";

const argvOf = (s: NodePoolSettings, mode: "create" | "update") => parseFlags(singleCommand(emitAz(s, { mode })));
const one = (flags: Map<string, string[]>, f: string): string => {
  const v = flags.get(f);
  if (v?.length !== 1) throw new Error(`${f}: expected one value, got ${JSON.stringify(v)}`);
  return v[0]!;
};

describe("emitAz add", () => {
  const { positionals, flags } = argvOf(aksSeedSettings, "create");

  it("is `az aks nodepool add` for the pool in the cluster and resource group", () => {
    expect(positionals).toEqual(["az", "aks", "nodepool", "add"]);
    expect(one(flags, "--resource-group")).toBe("RESOURCE_GROUP");
    expect(one(flags, "--cluster-name")).toBe("CLUSTER_NAME");
    expect(one(flags, "--name")).toBe("devenv");
  });

  it("enables the autoscaler with pool totals: min 3 ≤ max 6, initial count = min", () => {
    expect(flags.get("--enable-cluster-autoscaler")).toEqual([]);
    const min = Number(one(flags, "--min-count"));
    const max = Number(one(flags, "--max-count"));
    expect([min, max]).toEqual([3, 6]);
    expect(min).toBeLessThanOrEqual(max);
    expect(Number(one(flags, "--node-count"))).toBe(min);
  });

  it("says in a comment that AKS min/max are totals across the zones", () => {
    expect(emitAz(aksSeedSettings, { mode: "create" })).toContain(
      "# AKS --min-count/--max-count are totals for the pool across its 3 zones: min 3, max 6 (= per zone: min 1, max 2)",
    );
  });

  it("places the pool in zones 1 2 3 and carries size, pods, labels and taints", () => {
    expect(flags.get("--zones")).toEqual(["1", "2", "3"]);
    expect(one(flags, "--node-vm-size")).toBe("Standard_D64s_v3");
    expect(one(flags, "--max-pods")).toBe("250");
    expect(flags.get("--labels")).toEqual(["cc-plan/pool=devenv"]);
    expect(one(flags, "--node-taints")).toBe("cc-plan/devenv=true:NoSchedule");
    expect(flags.has("--priority")).toBe(false);
    expect(flags.has("--node-osdisk-size")).toBe(false); // no boot disk: AKS default OS disk
  });

  it("adds --priority Spot --eviction-policy Delete --spot-max-price -1 for spot", () => {
    const f = argvOf({ ...aksSeedSettings, spot: true }, "create").flags;
    expect([one(f, "--priority"), one(f, "--eviction-policy"), one(f, "--spot-max-price")]).toEqual(["Spot", "Delete", "-1"]);
  });

  it("derives logical zones 1…n when only the count is known", () => {
    const f = argvOf({ ...aksSeedSettings, zoneNames: [], zoneLabels: [] }, "create").flags;
    expect(f.get("--zones")).toEqual(["1", "2", "3"]);
  });
});

describe("emitAz update", () => {
  const allowed = new Set(["--resource-group", "--cluster-name", "--name", "--update-cluster-autoscaler", "--min-count", "--max-count"]);
  const { positionals, flags } = argvOf(aksSeedSettings, "update");

  it("is `az aks nodepool update --update-cluster-autoscaler` with only the bounds", () => {
    expect(positionals).toEqual(["az", "aks", "nodepool", "update"]);
    for (const f of flags.keys()) expect(allowed, f).toContain(f);
    expect(flags.get("--update-cluster-autoscaler")).toEqual([]);
    expect([one(flags, "--min-count"), one(flags, "--max-count")]).toEqual(["3", "6"]);
  });
});

describe("emitAz input checks", () => {
  it("throws for settings of another provider (emitSettings returns an error instead)", () => {
    expect(() => emitAz({ ...aksSeedSettings, provider: "gcp" }, { mode: "create" })).toThrow(/AKS/);
  });
});
