/**
 * gcloud emitter: the snippet is split into argv by a POSIX-quote-aware splitter and its flags are checked
 * against the settings and the rules of `gcloud container node-pools create|update`
 * (https://cloud.google.com/sdk/gcloud/reference/container/node-pools/create, …/update).
 */
import { describe, expect, it } from "vitest";
import { emitGcloud, quoteShellWord } from "../../src/emit/gcloud.js";
import type { NodePoolSettings } from "../../src/emit/settings.js";
import { gkeSeedSettings } from "../support/settings-fixtures.js";
import { parseFlags, singleCommand, splitShellCommands } from "./shell-words.js";

const create = (s: NodePoolSettings) => parseFlags(singleCommand(emitGcloud(s, { mode: "create" })));
const update = (s: NodePoolSettings) => parseFlags(singleCommand(emitGcloud(s, { mode: "update" })));
const one = (flags: Map<string, string[]>, f: string): string => {
  const v = flags.get(f);
  if (v?.length !== 1) throw new Error(`${f}: expected one value, got ${JSON.stringify(v)}`);
  return v[0]!;
};

describe("emitGcloud create", () => {
  const { positionals, flags } = create(gkeSeedSettings);

  it("is `gcloud container node-pools create POOL` with cluster and region", () => {
    expect(positionals).toEqual(["gcloud", "container", "node-pools", "create", "devenv-n2-standard-32"]);
    expect(one(flags, "--cluster")).toBe("CLUSTER_NAME");
    expect(one(flags, "--region")).toBe("us-central1");
  });

  it("uses the total bounds, never the per-zone ones (mutually exclusive, GKE ≥ 1.24)", () => {
    expect(flags.has("--min-nodes") || flags.has("--max-nodes")).toBe(false);
    expect(flags.get("--enable-autoscaling")).toEqual([]);
    expect(Number(one(flags, "--total-min-nodes"))).toBe(6);
    expect(Number(one(flags, "--total-max-nodes"))).toBe(12);
    expect(Number(one(flags, "--total-min-nodes"))).toBeLessThanOrEqual(Number(one(flags, "--total-max-nodes")));
    expect(one(flags, "--location-policy")).toBe("BALANCED");
  });

  it("starts each zone at its per-zone minimum: --num-nodes 2 × 3 zones = 6 = --total-min-nodes", () => {
    expect(Number(one(flags, "--num-nodes")) * gkeSeedSettings.zones).toBe(Number(one(flags, "--total-min-nodes")));
  });

  it("carries machine, pods, boot disk, labels and taints from the settings", () => {
    expect(one(flags, "--machine-type")).toBe("n2-standard-32");
    expect(one(flags, "--max-pods-per-node")).toBe("110");
    expect(one(flags, "--disk-type")).toBe("pd-balanced");
    expect(one(flags, "--disk-size")).toBe("100");
    expect(one(flags, "--node-labels")).toBe("cc-plan/pool=devenv");
    expect(one(flags, "--node-taints")).toBe("cc-plan/devenv=true:NoSchedule");
    expect(flags.has("--spot")).toBe(false);
    expect(flags.has("--node-locations")).toBe(false); // zone names unknown
  });

  it("states both readings of the bounds in a comment above the command", () => {
    const text = emitGcloud(gkeSeedSettings, { mode: "create" });
    const lines = text.split("\n");
    const commentAt = lines.indexOf("# total over 3 zones: min 6, max 12 (= per zone: --min-nodes 2 --max-nodes 4)");
    expect(commentAt).toBeGreaterThanOrEqual(0);
    expect(commentAt).toBeLessThan(lines.findIndex((l) => l.startsWith("gcloud ")));
  });

  it("adds --node-locations when zone names are known, --spot when spot, and no disk flags without a boot disk", () => {
    const { bootDisk: _, ...rest } = gkeSeedSettings;
    const s: NodePoolSettings = {
      ...rest,
      spot: true,
      zoneNames: ["us-central1-a", "us-central1-b", "us-central1-f"],
      zoneLabels: ["us-central1-a", "us-central1-b", "us-central1-f"],
    };
    const f = create(s).flags;
    expect(one(f, "--node-locations")).toBe("us-central1-a,us-central1-b,us-central1-f");
    expect(f.get("--spot")).toEqual([]);
    expect(f.has("--disk-type") || f.has("--disk-size")).toBe(false);
  });

  it("quotes values safely for POSIX sh: the splitter gets the exact strings back", () => {
    const s: NodePoolSettings = {
      ...gkeSeedSettings,
      clusterName: "it's a $HOME `cluster`; rm -rf /",
      labels: { team: "a b", "cc-plan/pool": "devenv" },
      taints: [{ key: "k", value: "v'\"w", effect: "PreferNoSchedule" }],
    };
    const f = create(s).flags;
    expect(one(f, "--cluster")).toBe("it's a $HOME `cluster`; rm -rf /");
    expect(one(f, "--node-labels")).toBe("cc-plan/pool=devenv,team=a b");
    expect(one(f, "--node-taints")).toBe("k=v'\"w:PreferNoSchedule");
  });
});

describe("emitGcloud update", () => {
  // node-pools update takes exactly one flag group per call; the autoscaling group (synopsis) plus the
  // location flags --cluster/--region.
  const updateFlags = new Set([
    "--cluster",
    "--region",
    "--enable-autoscaling",
    "--location-policy",
    "--total-min-nodes",
    "--total-max-nodes",
    "--min-nodes",
    "--max-nodes",
    "--enable-autoprovisioning",
  ]);
  const { positionals, flags } = update(gkeSeedSettings);

  it("is `gcloud container node-pools update POOL` with only flags that update accepts", () => {
    expect(positionals).toEqual(["gcloud", "container", "node-pools", "update", "devenv-n2-standard-32"]);
    for (const f of flags.keys()) expect(updateFlags, f).toContain(f);
  });

  it("sets the total bounds, not the per-zone ones", () => {
    expect(flags.has("--min-nodes") || flags.has("--max-nodes")).toBe(false);
    expect(Number(one(flags, "--total-min-nodes"))).toBe(6);
    expect(Number(one(flags, "--total-max-nodes"))).toBe(12);
  });
});

describe("emitGcloud input checks", () => {
  it("throws for settings of another provider (emitSettings returns an error instead)", () => {
    expect(() => emitGcloud({ ...gkeSeedSettings, provider: "azure" }, { mode: "create" })).toThrow(/GKE/);
  });
});

describe("quoteShellWord and the splitter", () => {
  it.each([["plain"], ["a b"], ["it's"], ["$x `y` \\z"], [""], ['"q"'], ["a\nb"]])("round-trips %j", (w) => {
    expect(splitShellCommands(`echo ${quoteShellWord(w)}\n`)).toEqual([["echo", w]]);
  });

  it("rejects an unquoted metacharacter, so an emitter that forgets to quote fails the tests", () => {
    expect(() => splitShellCommands("echo a|b\n")).toThrow(/metacharacter/);
  });
});
