/**
 * GKE node pool as a `gcloud container node-pools create|update` shell snippet (pure string builder).
 *
 * Flag reference: https://cloud.google.com/sdk/gcloud/reference/container/node-pools/create and
 * https://cloud.google.com/sdk/gcloud/reference/container/node-pools/update (checked 2026-09).
 * Also home of the POSIX shell quoting the az emitter shares (the emit folder's file list is fixed).
 */

import { perZoneNote } from "./format.js";
import type { NodePoolSettings } from "./settings.js";

/** Which gcloud/az verb to emit. */
export type SettingsCommandMode = "create" | "update";

/** Options of {@link emitGcloud} (and, as `EmitAzOptions`, of `emitAz`). */
export interface EmitGcloudOptions {
  /** `create` adds the pool with every node setting; `update` only changes the autoscaler bounds of an existing pool. */
  readonly mode: SettingsCommandMode;
}

/** Characters that need no quoting in a POSIX sh word (no globbing, expansion, splitting or redirection). */
const shellSafe = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for POSIX sh: unchanged when it holds only safe characters, otherwise in single quotes, with
 * each `'` written as `'\''` (sh has no escapes inside single quotes).
 * @see https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_02 (checked 2026-09)
 */
export function quoteShellWord(word: string): string {
  return word !== "" && shellSafe.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Free text for a `#` comment line: line breaks become spaces so the comment cannot end early. */
export const commentText = (text: string): string => text.replace(/[\r\n]+/g, " ");

/**
 * `head` then one flag (with its values) per line, joined by backslash–newline continuations.
 * Every word is quoted with {@link quoteShellWord}.
 */
export function renderShellCommand(head: readonly string[], flags: readonly (readonly string[])[]): string {
  const lines = [head.map(quoteShellWord).join(" "), ...flags.map((f) => `  ${f.map(quoteShellWord).join(" ")}`)];
  return `${lines.join(" \\\n")}\n`;
}

/** `k=v,k2=v2` for `--node-labels` (gcloud's `[NODE_LABEL,...]`), keys in a stable order. */
const labelList = (labels: Readonly<Record<string, string>>): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");

/** `k=v:Effect,…` for `--node-taints` (gcloud's `key1=val1:NoSchedule` form). */
const taintList = (taints: NodePoolSettings["taints"]): string => taints.map((t) => `${t.key}=${t.value}:${t.effect}`).join(",");

/**
 * The line that states both readings of the bounds, e.g.
 * `# total over 3 zones: min 6, max 12 (= per zone: --min-nodes 2 --max-nodes 4)`.
 */
export function gkeBoundsComment(s: NodePoolSettings): string {
  const a = s.autoscaler;
  return `# total over ${s.zones} zone${s.zones === 1 ? "" : "s"}: min ${a.minNodes}, max ${a.maxNodes} ${perZoneNote(s, `--min-nodes ${a.perZone.min} --max-nodes ${a.perZone.max}`)}`;
}

/**
 * Shell snippet that creates (or updates the autoscaler of) the GKE node pool.
 *
 * Regional rule: in a regional cluster `--num-nodes`, `--min-nodes` and `--max-nodes` count nodes PER ZONE,
 * while `--total-min-nodes`/`--total-max-nodes` bound the whole pool (GKE ≥ 1.24.1); the two pairs are
 * mutually exclusive. We emit the totals and state the per-zone reading in a comment.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/cluster-autoscaler#minimum_and_maximum_node_pool_size
 * @see https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools#NodePoolAutoscaling
 *   ("The total_*_node_count fields are mutually exclusive with the *_node_count fields", checked 2026-09)
 * @throws Error when the settings are not for GKE (use `emitSettings` for a returned error).
 */
export function emitGcloud(s: NodePoolSettings, opts: EmitGcloudOptions): string {
  if (s.provider !== "gcp") throw new Error(`gcloud emits GKE node pools; these settings are for ${s.provider}`);
  const a = s.autoscaler;
  const where = [
    // --cluster: "The cluster to add the node pool to" (node-pools create/update reference).
    ["--cluster", s.clusterName],
    // --region: the cluster's region; a regional cluster replicates the pool into each of its zones.
    ["--region", s.region],
  ];
  const autoscaling = [
    // --enable-autoscaling: cluster autoscaler manages the pool between the bounds below (create/update reference).
    ["--enable-autoscaling"],
    // --total-min-nodes/--total-max-nodes: bounds for the whole pool over all zones (GKE ≥ 1.24.1);
    // mutually exclusive with --min-nodes/--max-nodes, which are per zone (NodePoolAutoscaling REST reference).
    ["--total-min-nodes", String(a.minNodes)],
    ["--total-max-nodes", String(a.maxNodes)],
    // --location-policy BALANCED: "a best effort policy that aims to balance the sizes of available zones"
    // (NodePoolAutoscaling.LocationPolicy), so each zone keeps room for its placeholders.
    ["--location-policy", "BALANCED"],
  ];
  const header = [
    commentText(
      `# GKE node pool ${s.poolName}: ${s.machineType} (${s.vcpus} vCPU, ${s.memoryMiB} MiB), ${s.envsPerNode} env${s.envsPerNode === 1 ? "" : "s"} of ${s.env.text} per node.`,
    ),
    "# In a regional cluster --num-nodes/--min-nodes/--max-nodes count nodes per zone; --total-min-nodes and",
    "# --total-max-nodes bound the whole pool (GKE >= 1.24; the two pairs are mutually exclusive).",
    gkeBoundsComment(s),
  ];
  if (opts.mode === "update") {
    // `node-pools update` takes exactly one flag group per call; the autoscaling group is
    // --enable-autoscaling --location-policy --max-nodes --min-nodes --total-max-nodes --total-min-nodes
    // (node-pools update reference, synopsis). Labels, taints and machine type are other groups.
    return `${header.join("\n")}\n${renderShellCommand(["gcloud", "container", "node-pools", "update", s.poolName], [...where, ...autoscaling])}`;
  }
  const flags: string[][] = [
    ...where,
    // --node-locations: "The set of zones in which the node pool's nodes should be located"; only when the
    // zone names are known (otherwise the pool takes the cluster's zones).
    ...(s.zoneNames.length > 0 ? [["--node-locations", s.zoneNames.join(",")]] : []),
    // --machine-type: "The type of machine to use for nodes" (create reference).
    ["--machine-type", s.machineType],
    // --num-nodes: "The number of nodes in the node pool in each of the cluster's zones" — the initial size,
    // per zone, so perZone.min × zones = the total minimum.
    ["--num-nodes", String(a.perZone.min)],
    ...autoscaling,
    // --max-pods-per-node: "The max number of pods per node for this node pool" (VPC-native clusters).
    ["--max-pods-per-node", String(s.maxPods)],
    // --disk-type/--disk-size: "Type of the node VM boot disk", "Size for node VM boot disks in GB".
    ...(s.bootDisk
      ? [
          ["--disk-type", s.bootDisk.type],
          ["--disk-size", String(s.bootDisk.sizeGiB)],
        ]
      : []),
    // --spot: "Create nodes using spot VM instances in the new node pool".
    ...(s.spot ? [["--spot"]] : []),
    // --node-labels: "Applies the given Kubernetes labels on all nodes in the new node pool".
    ...(Object.keys(s.labels).length > 0 ? [["--node-labels", labelList(s.labels)]] : []),
    // --node-taints: "Applies the given kubernetes taints on all nodes", form key=value:Effect.
    ...(s.taints.length > 0 ? [["--node-taints", taintList(s.taints)]] : []),
  ];
  return `${header.join("\n")}\n${renderShellCommand(["gcloud", "container", "node-pools", "create", s.poolName], flags)}`;
}
