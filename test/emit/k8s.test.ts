/**
 * Placeholder manifests: every document parsed with `yaml` and validated by kubernetes-models (JSON Schemas
 * from the Kubernetes OpenAPI spec); then the buffer rules are checked on the validated objects.
 */
import { describe, expect, it } from "vitest";
import { emitK8s, expendablePodsPriorityCutoff, memoryQuantity } from "../../src/emit/k8s.js";
import { aksSeedSettings, eksSpotSettings, gkeSeedSettings } from "../support/settings-fixtures.js";
import { type K8sObject, parseYamlDocuments, validateK8sObject, validateK8sYaml } from "./validate.js";

type Deploy = K8sObject & { spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: Record<string, any> } } };
const deployments = (objs: K8sObject[]): Deploy[] => objs.filter((o) => o.kind === "Deployment") as Deploy[];

describe("emitK8s, zone labels known (AKS seed)", () => {
  const objs = validateK8sYaml(emitK8s(aksSeedSettings));

  it("is a PriorityClass and one Deployment per zone, all schema-valid", () => {
    expect(objs.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      "scheduling.k8s.io/v1 PriorityClass",
      "apps/v1 Deployment",
      "apps/v1 Deployment",
      "apps/v1 Deployment",
    ]);
  });

  it("priority is negative and not below the expendable cutoff -10; never preempts; not the default", () => {
    const pc = objs[0] as K8sObject & { value: number; globalDefault: boolean; preemptionPolicy: string; description: string };
    expect(pc.value).toBe(-1);
    expect(pc.value).toBeLessThan(0);
    expect(pc.value).toBeGreaterThanOrEqual(expendablePodsPriorityCutoff);
    expect(pc.globalDefault).toBe(false);
    expect(pc.preemptionPolicy).toBe("Never");
    expect(pc.description).toContain("How can I configure overprovisioning with Cluster Autoscaler?");
  });

  it("each zone's Deployment holds bufferEnvsPerZone pause pods of the env shape, pinned to its zone", () => {
    const ds = deployments(objs);
    expect(
      ds.map((d) => d.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]),
    ).toEqual(["eastus-1", "eastus-2", "eastus-3"].map((z) => ({ key: "topology.kubernetes.io/zone", operator: "In", values: [z] })));
    for (const d of ds) {
      expect(d.spec.replicas).toBe(2);
      const pod = d.spec.template.spec;
      expect(pod.priorityClassName).toBe("cc-plan-placeholder");
      expect(pod.terminationGracePeriodSeconds).toBe(0);
      expect(pod.nodeSelector).toEqual({ "cc-plan/pool": "devenv" });
      expect(pod.tolerations).toEqual([{ key: "cc-plan/devenv", operator: "Equal", value: "true", effect: "NoSchedule" }]);
      expect(pod.containers).toEqual([
        { name: "pause", image: "registry.k8s.io/pause:3.10", resources: { requests: { cpu: "4000m", memory: "16384Mi" } } }, // 17179869184 B / 2^20
      ]);
      expect(d.spec.template.spec.topologySpreadConstraints).toBeUndefined();
    }
    expect(new Set(ds.map((d) => d.metadata.name)).size).toBe(3);
  });
});

describe("emitK8s, zone labels unknown (GKE seed)", () => {
  const objs = validateK8sYaml(emitK8s(gkeSeedSettings));

  it("emits ONE Deployment of buffer × zones = 2 × 3 = 6 replicas, spread by zone", () => {
    const ds = deployments(objs);
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect(d.spec.replicas).toBe(6);
    const pod = d.spec.template.spec;
    expect(pod.affinity).toBeUndefined();
    expect(pod.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: d.spec.template.metadata.labels },
      },
    ]);
  });

  it("says so in a comment", () => {
    expect(emitK8s(gkeSeedSettings)).toMatch(/# Zone labels unknown: one Deployment of 2 x 3 zone\(s\) = 6 warm env slot\(s\)/);
  });
});

describe("emitK8s details", () => {
  it("tolerates the AKS spot taint on a spot AKS pool", () => {
    const ds = deployments(validateK8sYaml(emitK8s({ ...aksSeedSettings, spot: true })));
    expect(ds[0]!.spec.template.spec.tolerations).toContainEqual({
      key: "kubernetes.azure.com/scalesetpriority",
      operator: "Equal",
      value: "spot",
      effect: "NoSchedule",
    });
  });

  it("EKS zones become three single-zone Deployments", () => {
    expect(deployments(validateK8sYaml(emitK8s(eksSpotSettings)))).toHaveLength(3);
  });

  it.each([
    [0, /WARNING: priority 0 is not negative/],
    [-11, /WARNING: priority -11 is below the cutoff -10/],
  ])("warns in a comment (and still emits valid YAML) when the priority %d breaks the rule", (p, warning) => {
    const out = emitK8s({ ...aksSeedSettings, placeholderPriority: p });
    expect(out).toMatch(warning);
    expect(validateK8sYaml(out)).toHaveLength(4);
    expect(emitK8s(aksSeedSettings)).not.toMatch(/WARNING/);
  });

  it.each([
    [17_179_869_184, "16384Mi"],
    [1_048_576, "1Mi"],
    [1_500_000_000, "1500000000"],
  ])("memoryQuantity(%d) = %s", (b, q) => {
    expect(memoryQuantity(b)).toBe(q);
  });

  it("the schema rejects a broken document (so these tests can fail)", () => {
    const [pc, d] = parseYamlDocuments(emitK8s(aksSeedSettings)) as [Record<string, any>, Record<string, any>];
    expect(() => validateK8sObject({ ...pc, value: "-1" })).toThrow(/value must be integer/);
    const bad = structuredClone(d);
    bad.spec.template.spec.containers[0].resources.requests.cpu = "4 cores";
    expect(() => validateK8sObject(bad)).toThrow(/quantity/);
    expect(() => validateK8sObject({ ...d, apiVersion: "apps/v1beta1" })).toThrow();
  });
});
