/**
 * Node pool as Terraform HCL: `google_container_node_pool` (GKE) or `azurerm_kubernetes_cluster_node_pool`
 * (AKS). Pure string builder.
 *
 * Attribute names checked against the provider docs (2026-09):
 * - https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool
 *   (hashicorp/terraform-provider-google `website/docs/r/container_node_pool.html.markdown`: `autoscaling`
 *   block with `total_min_node_count`, `total_max_node_count`, `location_policy`; `initial_node_count`,
 *   `max_pods_per_node`, `node_locations`; `node_config` per google_container_cluster: `machine_type`,
 *   `disk_size_gb`, `disk_type`, `spot`, `labels`, `taint { key value effect }` with effect
 *   NO_SCHEDULE | PREFER_NO_SCHEDULE | NO_EXECUTE)
 * - https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool
 *   (hashicorp/terraform-provider-azurerm `website/docs/r/kubernetes_cluster_node_pool.html.markdown`:
 *   `vm_size`, `auto_scaling_enabled` (azurerm ≥ 4.0; 3.x called it `enable_auto_scaling`), `min_count`,
 *   `max_count`, `node_count`, `zones`, `max_pods`, `node_labels`, `node_taints`, `priority`,
 *   `eviction_policy`, `spot_max_price`, `os_disk_size_gb`, `os_disk_type`)
 */
import { azureZones, isAksOsDiskType } from "./az.js";
import { perZoneNote } from "./format.js";
import type { NodePoolSettings } from "./settings.js";

/**
 * An HCL quoted string: `\` and `"` escaped, control characters as `\n`/`\r`/`\t`/`\uNNNN`, and the template
 * openers `${` and `%{` doubled to `$${`/`%%{` so they stay literal.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences (checked 2026-09)
 */
export function hclString(v: string): string {
  const escaped = v
    // biome-ignore lint/suspicious/noControlCharactersInRegex: HCL strings must escape the control characters U+0000–U+001F
    .replace(/[\\"\u0000-\u001f]/g, (c) => {
      if (c === "\\") return "\\\\";
      if (c === '"') return '\\"';
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    })
    // split/join, not replaceAll: "$$" in a replacement string means one "$".
    .split("${")
    .join("$${")
    .split("%{")
    .join("%%{");
  return `"${escaped}"`;
}

/** A resource's local name: HCL identifiers are letters, digits, `_` and `-`, starting with a letter or `_`. */
export function hclIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/** `key = value` lines aligned on `=` the way `terraform fmt` aligns consecutive attributes. */
function attrs(indent: string, pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${indent}${k.padEnd(width)} = ${v}`);
}

/** `{ "k" = "v", … }` over several lines, keys sorted. */
function hclMap(indent: string, m: Readonly<Record<string, string>>): string {
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return "{}";
  return [
    "{",
    ...attrs(
      `${indent}  `,
      keys.map((k) => [hclString(k), hclString(m[k] ?? "")] as const),
    ),
    `${indent}}`,
  ].join("\n");
}

const hclList = (xs: readonly string[]): string => `[${xs.map(hclString).join(", ")}]`;

/** GKE taint effects are the API's enum names (node_config.taint.effect). */
const gkeTaintEffect = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" } as const;

type Preamble = "full" | "data" | "none";

function googleNodePool(s: NodePoolSettings, preamble: Preamble): string {
  const a = s.autoscaler;
  const top: [string, string][] = [
    ["name", hclString(s.poolName)],
    // cluster: "The cluster to create the node pool for" (a name, or projects/…/clusters/… id).
    ["cluster", hclString(s.clusterName)],
    // location: "The location (region or zone) of the cluster" — a region makes the pool regional.
    ["location", hclString(s.region)],
  ];
  const sizing: [string, string][] = [
    // initial_node_count: "In regional or multi-zonal clusters, this is the number of nodes per zone."
    ["initial_node_count", String(a.perZone.min)],
    // max_pods_per_node: "The maximum number of pods per node in this node pool."
    ["max_pods_per_node", String(s.maxPods)],
    // node_locations: "The list of zones in which the node pool's nodes should be located" — only when known.
    ...(s.zoneNames.length > 0 ? [["node_locations", hclList(s.zoneNames)] as [string, string]] : []),
  ];
  const nodeConfig: [string, string][] = [
    ["machine_type", hclString(s.machineType)],
    // disk_size_gb / disk_type: the boot disk (google_container_cluster node_config).
    ...(s.bootDisk
      ? ([
          ["disk_size_gb", String(s.bootDisk.sizeGiB)],
          ["disk_type", hclString(s.bootDisk.type)],
        ] as [string, string][])
      : []),
    // spot: "A boolean that represents whether the underlying node VMs are spot."
    ["spot", String(s.spot)],
  ];
  const lines = [
    `resource "google_container_node_pool" ${hclString(hclIdentifier(s.poolName))} {`,
    ...attrs("  ", top),
    "",
    ...attrs("  ", sizing),
    "",
    "  # Total limits bound the whole pool and are mutually exclusive with the per-zone",
    "  # min_node_count/max_node_count (GKE >= 1.24.1); location_policy BALANCED spreads nodes over the zones.",
    `  # total over ${s.zones} zone${s.zones === 1 ? "" : "s"}: min ${a.minNodes}, max ${a.maxNodes} ${perZoneNote(s, `min_node_count ${a.perZone.min}, max_node_count ${a.perZone.max}`)}`,
    "  autoscaling {",
    ...attrs("    ", [
      ["total_min_node_count", String(a.minNodes)],
      ["total_max_node_count", String(a.maxNodes)],
      ["location_policy", hclString("BALANCED")],
    ]),
    "  }",
    "",
    "  node_config {",
    ...attrs("    ", nodeConfig),
    ...(Object.keys(s.labels).length > 0 ? [`    labels = ${hclMap("    ", s.labels)}`] : []),
    ...s.taints.flatMap((t) => [
      "    taint {",
      ...attrs("      ", [
        ["key", hclString(t.key)],
        ["value", hclString(t.value)],
        ["effect", hclString(gkeTaintEffect[t.effect])],
      ]),
      "    }",
    ]),
    "  }",
    "",
    "  # The autoscaler changes the size; keep Terraform from recreating the pool over initial_node_count",
    "  # (provider docs: use a lifecycle block to ignore subsequent changes to this field).",
    "  lifecycle {",
    "    ignore_changes = [initial_node_count]",
    "  }",
    "}",
  ];
  return `${[
    "# GKE node pool for cc-plan dev environments.",
    "# Attributes: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool",
    ...(preamble === "full"
      ? ["terraform {", "  required_providers {", "    google = {", '      source  = "hashicorp/google"', '      version = ">= 5.0"', "    }", "  }", "}", ""]
      : []),
    ...lines,
  ].join("\n")}\n`;
}

/** AKS spot pools carry this label and taint; the azurerm docs ask to declare them (else Terraform sees drift). */
const aksSpotLabel = { "kubernetes.azure.com/scalesetpriority": "spot" } as const;
const aksSpotTaint = "kubernetes.azure.com/scalesetpriority=spot:NoSchedule";

function azurermNodePool(s: NodePoolSettings, preamble: Preamble): string {
  const a = s.autoscaler;
  const zones = azureZones(s);
  const labels = s.spot ? { ...s.labels, ...aksSpotLabel } : s.labels;
  const taints = [...s.taints.map((t) => `${t.key}=${t.value}:${t.effect}`), ...(s.spot ? [aksSpotTaint] : [])];
  const lines = [
    `resource "azurerm_kubernetes_cluster_node_pool" ${hclString(hclIdentifier(s.poolName))} {`,
    ...attrs("  ", [
      ["name", hclString(s.poolName)],
      ["kubernetes_cluster_id", "data.azurerm_kubernetes_cluster.cluster.id"],
      // vm_size: "The SKU which should be used for the Virtual Machines used in this Node Pool."
      ["vm_size", hclString(s.machineType)],
      // max_pods: "The maximum number of pods that can run on each agent."
      ["max_pods", String(s.maxPods)],
      // zones: "a list of Availability Zones in which this Kubernetes Cluster Node Pool should be located".
      ...(zones.length > 0 ? [["zones", hclList(zones)] as [string, string]] : []),
      ...(s.bootDisk ? [["os_disk_size_gb", String(s.bootDisk.sizeGiB)] as [string, string]] : []),
      ...(s.bootDisk && isAksOsDiskType(s.bootDisk.type) ? [["os_disk_type", hclString(s.bootDisk.type)] as [string, string]] : []),
    ]),
    "",
    // min_count/max_count: "The minimum/maximum number of nodes which should exist within this Node Pool" —
    // the whole pool, across its zones; node_count is the initial size within [min_count, max_count].
    `  # AKS min_count/max_count are totals for the pool across its ${s.zones} zone${s.zones === 1 ? "" : "s"}: min ${a.minNodes}, max ${a.maxNodes} ${perZoneNote(s, `min ${a.perZone.min}, max ${a.perZone.max}`)}`,
    ...attrs("  ", [
      ["auto_scaling_enabled", "true"],
      ["min_count", String(a.minNodes)],
      ["max_count", String(a.maxNodes)],
      ["node_count", String(a.minNodes)],
    ]),
    "",
    ...(Object.keys(labels).length > 0 ? [`  node_labels = ${hclMap("  ", labels)}`] : []),
    // node_taints: "A list of Kubernetes taints … (e.g key=value:NoSchedule)".
    ...(taints.length > 0 ? [`  node_taints = ${hclList(taints)}`] : []),
    // priority Spot needs eviction_policy, spot_max_price (-1 = up to the on-demand price) and the spot
    // label/taint above (azurerm docs, after `proximity_placement_group_id`).
    ...(s.spot
      ? [
          "",
          ...attrs("  ", [
            ["priority", hclString("Spot")],
            ["eviction_policy", hclString("Delete")],
            ["spot_max_price", "-1"],
          ]),
        ]
      : []),
    "}",
  ];
  return `${[
    "# AKS node pool for cc-plan dev environments.",
    "# Attributes: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool",
    ...(preamble === "full"
      ? ["terraform {", "  required_providers {", "    azurerm = {", '      source  = "hashicorp/azurerm"', '      version = ">= 4.0"', "    }", "  }", "}", ""]
      : []),
    ...(preamble !== "none"
      ? [
          'data "azurerm_kubernetes_cluster" "cluster" {',
          ...attrs("  ", [
            ["name", hclString(s.clusterName)],
            ["resource_group_name", hclString(s.resourceGroup)],
          ]),
          "}",
          "",
        ]
      : []),
    ...lines,
  ].join("\n")}\n`;
}

/**
 * HCL for the node pool: `google_container_node_pool` for GKE, `azurerm_kubernetes_cluster_node_pool` for AKS.
 * @throws Error for other providers (use `emitSettings` for a returned error).
 */
export function emitTerraform(s: NodePoolSettings, options: { readonly preamble?: boolean | "data" } = {}): string {
  const p = options.preamble ?? true;
  const preamble: Preamble = p === "data" ? "data" : p ? "full" : "none";
  if (s.provider === "gcp") return googleNodePool(s, preamble);
  if (s.provider === "azure") return azurermNodePool(s, preamble);
  throw new Error(`terraform emits GKE and AKS node pools; these settings are for ${s.provider}`);
}

/**
 * One `terraform { required_providers }` block for several providers' pools in one configuration (a
 * module may declare each provider's requirements once: Terraform rejects a second block naming the same
 * provider). Used when one output holds GKE and AKS pools; each pool is then emitted without its own.
 */
export function terraformRequiredProviders(providers: readonly ("gcp" | "azure" | "aws")[]): string {
  const entries: string[] = [];
  if (providers.includes("gcp")) entries.push("    google = {", '      source  = "hashicorp/google"', '      version = ">= 5.0"', "    }");
  if (providers.includes("azure")) entries.push("    azurerm = {", '      source  = "hashicorp/azurerm"', '      version = ">= 4.0"', "    }");
  return [
    "# Provider requirements of every pool below (one block per configuration).",
    "terraform {",
    "  required_providers {",
    ...entries,
    "  }",
    "}",
    "",
  ].join("\n");
}
