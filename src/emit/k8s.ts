/**
 * Warm buffer manifests: a PriorityClass for placeholders and per-zone Deployments of pause pods that each
 * reserve one env's requests, so cluster autoscaler (or Karpenter) keeps `bufferEnvsPerZone` env slots free
 * in every zone. A real env (priority 0) preempts a placeholder at once; the evicted placeholder goes Pending
 * and triggers the scale-up in the background. Pure string builder over the `yaml` package.
 *
 * @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#how-can-i-configure-overprovisioning-with-cluster-autoscaler
 * @see https://kubernetes.io/docs/tasks/administer-cluster/node-overprovisioning/ (checked 2026-09)
 */
import { Document } from "yaml";
import type { NodePoolSettings } from "./settings.js";

/** The pause image from Kubernetes' own registry (registry.k8s.io/pause, tag 3.10): does nothing, holds the requests. */
export const placeholderImage = "registry.k8s.io/pause:3.10";
/** Name of the placeholder PriorityClass. */
export const placeholderPriorityClassName = "cc-plan-placeholder";
/** cluster-autoscaler `--expendable-pods-priority-cutoff` default: pods below it never cause a scale-up. */
export const expendablePodsPriorityCutoff = -10;
/** Node label every cloud sets to the node's zone. */
export const zoneLabelKey = "topology.kubernetes.io/zone";

const bytesInMiB = 1024 * 1024;

/** Memory request: whole MiB as `"<n>Mi"` when exact, else the byte count (a plain-integer quantity). */
export function memoryQuantity(bytes: number): string {
  return bytes % bytesInMiB === 0 ? `${bytes / bytesInMiB}Mi` : String(bytes);
}

/** A DNS-1123 label (≤ `max` chars, [a-z0-9-], alphanumeric at both ends) from free text, for object names. */
export function dnsLabel(text: string, max = 63): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
  return s === "" ? "x" : s;
}

const description =
  "cc-plan placeholder pods that keep warm dev-environment slots. Negative so every real env (priority 0) " +
  "preempts a placeholder; not below cluster-autoscaler's --expendable-pods-priority-cutoff (default -10), " +
  "below which the autoscaler ignores pending pods and the buffer would never trigger a scale-up. " +
  "See cluster-autoscaler FAQ: How can I configure overprovisioning with Cluster Autoscaler?";

/** A warning line when the priority breaks the rule (emitters report, they do not throw). */
function priorityWarning(p: number): string[] {
  if (p >= 0) return [`WARNING: priority ${p} is not negative: real envs (priority 0) will not preempt these placeholders.`];
  if (p < expendablePodsPriorityCutoff)
    return [`WARNING: priority ${p} is below the cutoff ${expendablePodsPriorityCutoff}: pending placeholders will not trigger a scale-up.`];
  return [];
}

/** One YAML document with a `# …` comment block above it. */
function yamlDoc(comment: readonly string[], value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = comment.map((l) => ` ${l}`).join("\n");
  return doc.toString({ lineWidth: 0 });
}

function podTemplate(s: NodePoolSettings, labels: Record<string, string>, placement: Record<string, unknown>): Record<string, unknown> {
  const tolerations = [
    // Tolerate the pool's dedication taints so placeholders land where envs land.
    ...s.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: t.effect })),
    // AKS spot pools taint their nodes kubernetes.azure.com/scalesetpriority=spot:NoSchedule.
    // @see https://learn.microsoft.com/azure/aks/spot-node-pool
    ...(s.spot && s.provider === "azure" ? [{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }] : []),
  ];
  return {
    metadata: { labels },
    spec: {
      priorityClassName: placeholderPriorityClassName,
      // Placeholders hold nothing: give way to a preempting env without a grace period.
      terminationGracePeriodSeconds: 0,
      ...(Object.keys(s.labels).length > 0 ? { nodeSelector: sortedRecord(s.labels) } : {}),
      ...(tolerations.length > 0 ? { tolerations } : {}),
      ...placement,
      containers: [
        {
          name: "pause",
          image: placeholderImage,
          // One placeholder = one env's requests, so a freed slot fits exactly one env.
          resources: { requests: { cpu: `${s.env.cpuMillicores}m`, memory: memoryQuantity(s.env.memoryBytes) } },
        },
      ],
    },
  };
}

const sortedRecord = (m: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k] ?? ""]),
  );

/**
 * Multi-document YAML: the placeholder PriorityClass, then one Deployment per zone (required node affinity on
 * `topology.kubernetes.io/zone`), or — when zone labels are unknown — one Deployment spread over zones with
 * a `DoNotSchedule` topology spread constraint.
 *
 * Priority rule: `placeholderPriority` must be negative (envs at the default priority 0 preempt it) and
 * ≥ −10, cluster-autoscaler's default `--expendable-pods-priority-cutoff`: "Pods with priority below cutoff
 * will be expendable. They can be killed without any consideration during scale down and they don't cause
 * scale up" (cluster-autoscaler `main.go` flag help; FAQ, overprovisioning).
 */
export function emitK8s(s: NodePoolSettings): string {
  const base = dnsLabel(`${s.poolName}-placeholder`, 40);
  const commonLabels = { "app.kubernetes.io/name": "cc-plan-placeholder", "app.kubernetes.io/instance": base };
  const priorityClass = yamlDoc(
    [
      `Placeholder priority ${s.placeholderPriority}: negative so real envs (priority 0) preempt placeholders, and`,
      `not below cluster-autoscaler's --expendable-pods-priority-cutoff (default ${expendablePodsPriorityCutoff}), or pending`,
      "placeholders would never trigger a scale-up.",
      "https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md#how-can-i-configure-overprovisioning-with-cluster-autoscaler",
      ...priorityWarning(s.placeholderPriority),
    ],
    {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: placeholderPriorityClassName },
      value: s.placeholderPriority,
      globalDefault: false,
      // Placeholders never evict anything themselves.
      preemptionPolicy: "Never",
      description,
    },
  );
  const a = s.autoscaler;
  const shape = `${s.env.text} (${s.env.cpuMillicores}m CPU, ${memoryQuantity(s.env.memoryBytes)} memory)`;
  let deployments: string[];
  if (s.zoneLabels.length > 0) {
    deployments = s.zoneLabels.map((zone) => {
      const labels = { ...commonLabels, "cc-plan/placeholder-zone": dnsLabel(zone) };
      return yamlDoc([`Zone ${zone}: ${a.bufferEnvsPerZone} warm env slot(s) of ${shape}.`], {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: dnsLabel(`${base}-${zone}`, 52), labels },
        spec: {
          replicas: a.bufferEnvsPerZone,
          selector: { matchLabels: labels },
          template: podTemplate(s, labels, {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: zoneLabelKey, operator: "In", values: [zone] }] }],
                },
              },
            },
          }),
        },
      });
    });
  } else {
    const labels = { ...commonLabels };
    deployments = [
      yamlDoc(
        [
          `Zone labels unknown: one Deployment of ${a.bufferEnvsPerZone} x ${s.zones} zone(s) = ${a.bufferEnvsPerZone * s.zones} warm env slot(s)`,
          `of ${shape}, spread evenly over zones by a topologySpreadConstraint (maxSkew 1, DoNotSchedule)`,
          "instead of one Deployment pinned to each zone.",
          "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/",
        ],
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: base, labels },
          spec: {
            replicas: a.bufferEnvsPerZone * s.zones,
            selector: { matchLabels: labels },
            template: podTemplate(s, labels, {
              topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: zoneLabelKey, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } },
              ],
            }),
          },
        },
      ),
    ];
  }
  return [priorityClass, ...deployments].join("---\n");
}
