/**
 * Terraform emitter, parsed by HashiCorp's HCL parser (@cdktf/hcl2json, hcl compiled to WASM). Attribute
 * names follow the provider docs cited in src/emit/terraform.ts.
 */
import { describe, expect, it } from "vitest";
import type { NodePoolSettings } from "../../src/emit/settings.js";
import { emitTerraform, hclString } from "../../src/emit/terraform.js";
import { aksSeedSettings, gkeSeedSettings } from "../support/settings-fixtures.js";
import { parseTerraform } from "./validate.js";

/** hcl2json turns every block into an array of bodies; take the only one. */
const only = <T>(xs: T[] | undefined): T => {
  expect(xs).toHaveLength(1);
  return xs![0]!;
};

describe("google_container_node_pool", () => {
  it("parses, with total autoscaling bounds, BALANCED location policy and the node config", async () => {
    const hcl = await parseTerraform(emitTerraform(gkeSeedSettings));
    expect(Object.keys(hcl.resource)).toEqual(["google_container_node_pool"]);
    const pool = only(hcl.resource.google_container_node_pool.devenv_n2_standard_32) as Record<string, any>;
    expect(pool).toMatchObject({
      name: "devenv-n2-standard-32",
      cluster: "CLUSTER_NAME",
      location: "us-central1",
      initial_node_count: 2,
      max_pods_per_node: 110,
    });
    const autoscaling = only(pool.autoscaling) as Record<string, unknown>;
    expect(autoscaling).toEqual({ total_min_node_count: 6, total_max_node_count: 12, location_policy: "BALANCED" });
    // total_* and per-zone *_node_count are mutually exclusive
    expect(autoscaling).not.toHaveProperty("min_node_count");
    const nodeConfig = only(pool.node_config) as Record<string, any>;
    expect(nodeConfig).toMatchObject({
      machine_type: "n2-standard-32",
      disk_size_gb: 100,
      disk_type: "pd-balanced",
      spot: false,
      labels: { "cc-plan/pool": "devenv" },
    });
    expect(nodeConfig.taint).toEqual([{ key: "cc-plan/devenv", value: "true", effect: "NO_SCHEDULE" }]);
    expect(pool).not.toHaveProperty("node_locations"); // zone names unknown
    expect(hcl.terraform[0].required_providers[0].google.source).toBe("hashicorp/google");
  });

  it("lists node_locations when the zone names are known", async () => {
    const zones = ["us-central1-a", "us-central1-b", "us-central1-c"];
    const hcl = await parseTerraform(emitTerraform({ ...gkeSeedSettings, zoneNames: zones, zoneLabels: zones }));
    expect((only(hcl.resource.google_container_node_pool.devenv_n2_standard_32) as Record<string, unknown>).node_locations).toEqual(zones);
  });
});

describe("azurerm_kubernetes_cluster_node_pool", () => {
  it("parses, with auto_scaling_enabled, pool-total min/max, zones, labels and taints", async () => {
    const hcl = await parseTerraform(emitTerraform(aksSeedSettings));
    expect(Object.keys(hcl.resource)).toEqual(["azurerm_kubernetes_cluster_node_pool"]);
    const pool = only(hcl.resource.azurerm_kubernetes_cluster_node_pool.devenv) as Record<string, any>;
    expect(pool).toMatchObject({
      name: "devenv",
      kubernetes_cluster_id: "${data.azurerm_kubernetes_cluster.cluster.id}",
      vm_size: "Standard_D64s_v3",
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      node_count: 3,
      zones: ["1", "2", "3"],
      max_pods: 250,
      node_labels: { "cc-plan/pool": "devenv" },
      node_taints: ["cc-plan/devenv=true:NoSchedule"],
    });
    expect(pool.min_count).toBeLessThanOrEqual(pool.max_count);
    expect(pool).not.toHaveProperty("priority");
    expect(only(hcl.data.azurerm_kubernetes_cluster.cluster)).toEqual({ name: "CLUSTER_NAME", resource_group_name: "RESOURCE_GROUP" });
  });

  it("spot: priority Spot, eviction policy, max price -1 and the AKS spot label and taint", async () => {
    const hcl = await parseTerraform(emitTerraform({ ...aksSeedSettings, spot: true }));
    const pool = only(hcl.resource.azurerm_kubernetes_cluster_node_pool.devenv) as Record<string, any>;
    expect(pool).toMatchObject({ priority: "Spot", eviction_policy: "Delete", spot_max_price: -1 });
    expect(pool.node_labels["kubernetes.azure.com/scalesetpriority"]).toBe("spot");
    expect(pool.node_taints).toContain("kubernetes.azure.com/scalesetpriority=spot:NoSchedule");
  });
});

describe("HCL safety", () => {
  it.each([
    ['c "x" \\ y', 'c "x" \\ y'],
    ["${var.y} and %{if x}", "$${var.y} and %%{if x}"],
    ["line\nbreak\ttab", "line\nbreak\ttab"],
    ["$${already}", "$$${already}"],
    ["plain", "plain"],
  ])("hclString(%j) parses back to the same literal (JSON form %j)", async (v, json) => {
    // In a `locals` block hcl2json answers in Terraform's JSON syntax, where a literal "${" is written "$${"
    // and "%{" as "%%{"; an unescaped "${var.y}" would come back as the template "${var.y}".
    const parsed = await parseTerraform(`locals {\n  a = ${hclString(v)}\n}\n`);
    expect(parsed.locals[0].a).toBe(json);
  });

  it("a cluster name with quotes and backslashes still parses inside the resource", async () => {
    const s: NodePoolSettings = { ...gkeSeedSettings, clusterName: 'c "x" \\ z' };
    const pool = only((await parseTerraform(emitTerraform(s))).resource.google_container_node_pool.devenv_n2_standard_32) as Record<string, any>;
    expect(pool.cluster).toBe('c "x" \\ z');
  });

  it("the parser rejects broken HCL (so these tests can fail)", async () => {
    const good = emitTerraform(gkeSeedSettings);
    await expect(parseTerraform(good.replace(/}\s*$/, ""))).rejects.toThrow(/closing brace|Unclosed/);
    await expect(parseTerraform(good.replace('location_policy      = "BALANCED"', "location_policy BALANCED"))).rejects.toThrow();
  });

  it("throws for aws settings (emitSettings returns an error instead)", () => {
    expect(() => emitTerraform({ ...gkeSeedSettings, provider: "aws" })).toThrow(/GKE and AKS/);
  });
});
