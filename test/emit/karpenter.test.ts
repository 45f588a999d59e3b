/**
 * Karpenter NodePool, parsed with `yaml` and validated by @kubernetes-models/karpenter (karpenter.sh/v1
 * schema generated from Karpenter's API types).
 */
import { describe, expect, it } from "vitest";
import { emitKarpenter } from "../../src/emit/karpenter.js";
import { aksSeedSettings, eksSpotSettings, gkeSeedSettings } from "../support/settings-fixtures.js";
import { type K8sObject, parseYamlDocuments, validateK8sObject, validateK8sYaml } from "./validate.js";

type Pool = K8sObject & { spec: Record<string, any> };
const nodePool = (text: string): Pool => {
  const objs = validateK8sYaml(text);
  expect(objs).toHaveLength(1);
  return objs[0] as Pool;
};

describe("emitKarpenter (AKS node auto-provisioning)", () => {
  const np = nodePool(emitKarpenter(aksSeedSettings));

  it("is a schema-valid karpenter.sh/v1 NodePool on an AKSNodeClass", () => {
    expect([np.apiVersion, np.kind, np.metadata.name]).toEqual(["karpenter.sh/v1", "NodePool", "devenv"]);
    expect(np.spec.template.spec.nodeClassRef).toEqual({ group: "karpenter.azure.com", kind: "AKSNodeClass", name: "default" });
  });

  it("requires the planned type, on-demand capacity and the known zones", () => {
    expect(np.spec.template.spec.requirements).toEqual([
      { key: "node.kubernetes.io/instance-type", operator: "In", values: ["Standard_D64s_v3"] },
      { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
      { key: "topology.kubernetes.io/zone", operator: "In", values: ["eastus-1", "eastus-2", "eastus-3"] },
    ]);
    expect(np.spec.template.metadata.labels).toEqual({ "cc-plan/pool": "devenv" });
    expect(np.spec.template.spec.taints).toEqual([{ key: "cc-plan/devenv", value: "true", effect: "NoSchedule" }]);
  });

  it("limits = maxNodes × node size: 6 × 64 vCPU = 384, 6 × 262144 MiB = 1572864Mi", () => {
    expect(np.spec.limits).toEqual({ cpu: 384, memory: "1572864Mi" });
  });

  it("consolidates empty or underutilized nodes after scaleDownDelayMinutes", () => {
    expect(np.spec.disruption).toEqual({ consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "10m" });
  });
});

describe("emitKarpenter (EKS)", () => {
  const np = nodePool(emitKarpenter(eksSpotSettings));

  it("uses an EC2NodeClass and spot capacity", () => {
    expect(np.spec.template.spec.nodeClassRef).toEqual({ group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" });
    expect(np.spec.template.spec.requirements[1]).toEqual({ key: "karpenter.sh/capacity-type", operator: "In", values: ["spot"] });
    expect(np.spec.disruption.consolidateAfter).toBe("15m");
  });

  it("omits the zone requirement when zone labels are unknown", () => {
    const open = nodePool(emitKarpenter({ ...eksSpotSettings, zoneNames: [], zoneLabels: [] }));
    expect(open.spec.template.spec.requirements.map((r: { key: string }) => r.key)).not.toContain("topology.kubernetes.io/zone");
  });
});

describe("emitKarpenter checks", () => {
  it("throws for GKE settings (emitSettings returns an error instead)", () => {
    expect(() => emitKarpenter(gkeSeedSettings)).toThrow(/gcp/);
  });

  it("the schema rejects a broken NodePool (so these tests can fail)", () => {
    const [np] = parseYamlDocuments(emitKarpenter(aksSeedSettings)) as [Record<string, any>];
    const bad = structuredClone(np);
    bad.spec.disruption.consolidateAfter = "10 minutes";
    expect(() => validateK8sObject(bad)).toThrow(/consolidateAfter/);
    const noClass = structuredClone(np);
    delete noClass.spec.template.spec.nodeClassRef;
    expect(() => validateK8sObject(noClass)).toThrow(/nodeClassRef/);
  });
});
