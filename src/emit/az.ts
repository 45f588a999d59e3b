/**
 * AKS node pool as an `az aks nodepool add|update` shell snippet (pure string builder).
 *
 * Flag reference: https://learn.microsoft.com/cli/azure/aks/nodepool#az-aks-nodepool-add and
 * #az-aks-nodepool-update (source: Azure/azure-cli `src/azure-cli/azure/cli/command_modules/acs/_help.py`),
 * checked 2026-09.
 */

import { perZoneNote } from "./format.js";
import { commentText, type EmitGcloudOptions, renderShellCommand } from "./gcloud.js";
import type { NodePoolSettings } from "./settings.js";

/** Options of {@link emitAz}: the same as gcloud's (`create` = `nodepool add`, `update` = `nodepool update`). */
export type EmitAzOptions = EmitGcloudOptions;

/**
 * Azure logical zones of the pool: the names given, else `1 … zones` when the pool spans several zones
 * (AKS numbers a region's availability zones 1, 2, 3), else none (a non-zonal pool).
 * @see https://learn.microsoft.com/azure/aks/availability-zones (checked 2026-09)
 */
export function azureZones(s: NodePoolSettings): readonly string[] {
  if (s.zoneNames.length > 0) return s.zoneNames;
  return s.zones > 1 ? Array.from({ length: s.zones }, (_, i) => String(i + 1)) : [];
}

/** AKS OS disk types (`--node-osdisk-type`, azurerm `os_disk_type`): Managed or Ephemeral. */
export const isAksOsDiskType = (t: string): t is "Managed" | "Ephemeral" => t === "Managed" || t === "Ephemeral";

/** The comment that says AKS bounds are pool totals, with the per-zone reading beside it. */
export function aksBoundsComment(s: NodePoolSettings): string {
  const a = s.autoscaler;
  return `# AKS --min-count/--max-count are totals for the pool across its ${s.zones} zone${s.zones === 1 ? "" : "s"}: min ${a.minNodes}, max ${a.maxNodes} ${perZoneNote(s, `min ${a.perZone.min}, max ${a.perZone.max}`)}`;
}

/**
 * Shell snippet that adds the AKS node pool (or updates its autoscaler bounds).
 *
 * Rule: AKS `--min-count`/`--max-count` bound the whole node pool (one VM scale set spanning its zones),
 * not each zone; cluster autoscaler balances zones only with `balance-similar-node-groups`.
 * @see https://learn.microsoft.com/azure/aks/cluster-autoscaler (checked 2026-09)
 * @throws Error when the settings are not for Azure (use `emitSettings` for a returned error).
 */
export function emitAz(s: NodePoolSettings, opts: EmitAzOptions): string {
  if (s.provider !== "azure") throw new Error(`az emits AKS node pools; these settings are for ${s.provider}`);
  const a = s.autoscaler;
  const where = [
    // --resource-group, --cluster-name, --name: the cluster's resource group and name, and the pool name
    // (AKS Linux pool names: lowercase alphanumerics, ≤ 12 chars).
    ["--resource-group", s.resourceGroup],
    ["--cluster-name", s.clusterName],
    ["--name", s.poolName],
  ];
  const bounds = [
    // --min-count/--max-count: "Minimum/Maximum nodes count used for autoscaler" — for the whole pool.
    ["--min-count", String(a.minNodes)],
    ["--max-count", String(a.maxNodes)],
  ];
  const header = [
    commentText(
      `# AKS node pool ${s.poolName}: ${s.machineType} (${s.vcpus} vCPU, ${s.memoryMiB} MiB), ${s.envsPerNode} env${s.envsPerNode === 1 ? "" : "s"} of ${s.env.text} per node.`,
    ),
    aksBoundsComment(s),
  ];
  if (opts.mode === "update") {
    // --update-cluster-autoscaler: "Update min-count or max-count for cluster autoscaler" (nodepool update).
    return `${header.join("\n")}\n${renderShellCommand(["az", "aks", "nodepool", "update"], [...where, ["--update-cluster-autoscaler"], ...bounds])}`;
  }
  const zones = azureZones(s);
  const flags: string[][] = [
    ...where,
    // --node-vm-size: "Size of Virtual Machines to create as Kubernetes nodes".
    ["--node-vm-size", s.machineType],
    // --enable-cluster-autoscaler: "Enable cluster autoscaler" with the bounds below.
    ["--enable-cluster-autoscaler"],
    ...bounds,
    // --node-count: the initial size; AKS requires it within [min-count, max-count].
    ["--node-count", String(a.minNodes)],
    // --zones: "Availability zones where agent nodes will be placed" (space-separated list).
    ...(zones.length > 0 ? [["--zones", ...zones]] : []),
    // --max-pods: "The maximum number of pods deployable to a node".
    ["--max-pods", String(s.maxPods)],
    // --node-osdisk-size/--node-osdisk-type: OS disk in GiB and Managed|Ephemeral; omitted = AKS default.
    ...(s.bootDisk ? [["--node-osdisk-size", String(s.bootDisk.sizeGiB)]] : []),
    ...(s.bootDisk && isAksOsDiskType(s.bootDisk.type) ? [["--node-osdisk-type", s.bootDisk.type]] : []),
    // --labels: "The node labels for the node pool" (space-separated key=value).
    ...(Object.keys(s.labels).length > 0
      ? [
          [
            "--labels",
            ...Object.keys(s.labels)
              .sort()
              .map((k) => `${k}=${s.labels[k]}`),
          ],
        ]
      : []),
    // --node-taints: "The node taints for the node pool", comma-separated key=value:Effect.
    ...(s.taints.length > 0 ? [["--node-taints", s.taints.map((t) => `${t.key}=${t.value}:${t.effect}`).join(",")]] : []),
    // --priority Spot, --eviction-policy Delete, --spot-max-price -1 ("-1 which indicates default price to be
    // up-to on-demand"). AKS adds the taint kubernetes.azure.com/scalesetpriority=spot:NoSchedule itself.
    // @see https://learn.microsoft.com/azure/aks/spot-node-pool
    ...(s.spot
      ? [
          ["--priority", "Spot"],
          ["--eviction-policy", "Delete"],
          ["--spot-max-price", "-1"],
        ]
      : []),
  ];
  return `${header.join("\n")}\n${renderShellCommand(["az", "aks", "nodepool", "add"], flags)}`;
}
