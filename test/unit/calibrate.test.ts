/**
 * `cc-plan calibrate` core (issue 15) on recorded real `kubectl` output (test/fixtures/kubectl/README.md
 * has the provenance and the arithmetic). Expected numbers come from the published formulas
 * (src/core/overhead/*.ts, docs cited there) applied by hand in the comments, never from the code under test.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCalibrationText } from "../../src/adapters/calibration-file.js";
import { loadCatalogs, withSpecs } from "../../src/adapters/catalog-fs.js";
import { type CalibrationResult, calibrate } from "../../src/core/calibrate/calibrate.js";
import { calibrationDocument, parseCalibration } from "../../src/core/calibrate/calibration-file.js";
import { effectiveRequest, parseLabelSelector, readDaemonSets, readNodes, readPods } from "../../src/core/calibrate/kube-objects.js";
import { repoRoot } from "../support/cli.js";

const Ki = 1024;
const Mi = 1024 * 1024;
const dir = join(repoRoot, "test/fixtures/kubectl");
const json = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), "utf8"));
const catalogs = withSpecs(loadCatalogs(["gcp", "azure", "aws"], { regions: { gcp: [], azure: [], aws: [] } }));
const dsList = (() => {
  const r = readDaemonSets(json("aks-azuredisk-csi.daemonsets.json"), "ds.json");
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

function run(file: string, extra: { daemonSets?: boolean } = {}): CalibrationResult {
  const nodes = readNodes(json(file), file);
  if (!nodes.ok) throw new Error(nodes.error.message);
  const r = calibrate({ nodes: nodes.value, nodesSource: file, catalogs, ...(extra.daemonSets ? { daemonSets: dsList } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const errorOf = (doc: unknown, file = "nodes.json"): string => {
  const n = readNodes(doc, file);
  if (!n.ok) return n.error.message;
  const r = calibrate({ nodes: n.value, nodesSource: file, catalogs });
  return r.ok ? "" : r.error.message;
};

describe("recorded nodes: the formula variant and the difference", () => {
  it("GKE n1-standard-1 (ManagedKube): gke, 0 MiB / 0 m", () => {
    const r = run("gke-n1-standard-1.node.json");
    const p = r.pools[0];
    expect(r.provider).toBe("gcp");
    expect(p?.pool).toBe("pool-1");
    expect(p?.learned).toBe(false); // n1-standard-1 is a specs-only catalog type (catalogs/specs/gcp.json)
    // 0.25 × 3840 MiB = 960 MiB + 100 MiB eviction; 3787616 Ki − 1085440 Ki = 2702176 Ki published; CPU 1000 − 60 = 940m.
    expect(p?.variant).toBe("gke");
    expect(p?.closest).toEqual({ variant: "gke", memoryBytes: 0, cpuMillicores: 0 });
    expect(p?.memoryRatio).toBeCloseTo((3787616 * Ki) / (3840 * Mi), 12);
    expect(p?.maxPods).toBe(110);
  });

  it("AKS Standard_D2s_v3 × 3 (edgexr): aks-legacy, 0 / 0 on every node; the ≥1.29 formula would be 445 MiB off", () => {
    const r = run("aks-standard-d2s-v3.nodes.json", { daemonSets: true });
    const p = r.pools[0];
    expect(p?.pool).toBe("agentpool"); // only the legacy `agentpool` label on these nodes
    expect(p?.nodes).toHaveLength(3);
    expect(p?.variant).toBe("aks-legacy");
    expect(p?.closest).toEqual({ variant: "aks-legacy", memoryBytes: 0, cpuMillicores: 0 });
    // aks: min(20 × 110 + 50, 8192 / 4) = 2048 MiB + 100 MiB; aks-legacy: 1843 + 750 = 2593 MiB; observed − aks = 2148 − 2593 = −445 MiB.
    expect(p?.variants.find((v) => v.variant === "aks")).toEqual({ variant: "aks", memoryBytes: -445 * Mi, cpuMillicores: 0 });
    expect(p?.capacity.memoryBytes).toEqual({ min: 8152796 * Ki, max: 8152800 * Ki });
    // csi-azuredisk-node: 3 containers × 10m / 20Mi; the Windows DaemonSet (kubernetes.io/os: windows) does not reach Linux nodes.
    expect(p?.daemonSets).toEqual({ cpuMillicores: 30, memoryBytes: 60 * Mi, pods: 1, names: ["kube-system/csi-azuredisk-node"] });
    expect(r.notes.join("\n")).toContain("kube-system/csi-azuredisk-node-win");
  });

  it("AKS Standard_F2s_v2 (beta instance-type label only, 100 pods): aks-legacy, 0 / 0", () => {
    const p = run("aks-standard-f2s-v2.nodes.json").pools[0];
    // 0.25 × 4096 = 1024 MiB + 750 MiB = 1816576 Ki; 4017252 − 1816576 = 2200676 Ki published.
    expect(p?.variant).toBe("aks-legacy");
    expect(p?.closest).toEqual({ variant: "aks-legacy", memoryBytes: 0, cpuMillicores: 0 });
    // aks: min(20 × 100 + 50, 1024) + 100 = 1124 MiB; 1124 − 1774 = −650 MiB.
    expect(p?.variants.find((v) => v.variant === "aks")?.memoryBytes).toBe(-650 * Mi);
    expect(p?.maxPods).toBe(100);
  });

  it("EKS t2.large (Qovery, not in the catalog): learned, eks, 0 / 0", () => {
    const p = run("eks-t2-large.nodes.json").pools[0];
    expect(p?.learned).toBe(true);
    // 11 × 35 + 255 = 640 MiB + 100 MiB = 757760 Ki; 8166336 − 757760 = 7408576 Ki; CPU 2000 − 70 = 1930m.
    expect(p?.variant).toBe("eks");
    expect(p?.closest).toEqual({ variant: "eks", memoryBytes: 0, cpuMillicores: 0 });
    // Learned: 2 vCPUs (capacity 2), nominal inferred as the next 256 MiB step above 7975 MiB = 8192 MiB, 39 volumes from the node.
    expect(p?.machine).toMatchObject({ vcpus: 2, memoryMiB: 8192, volumeAttachLimit: 39, defaultMaxPods: 35 });
    expect(p?.nominalInferred).toBe(true);
  });
});

describe("DaemonSets and pods", () => {
  it("effective request: Σ containers vs the largest init container (k8s init-containers resource sharing)", () => {
    const spec = {
      containers: [{ resources: { requests: { cpu: "100m", memory: "64Mi" } } }, { resources: { requests: { cpu: "50m" } } }],
      initContainers: [{ resources: { requests: { cpu: "500m", memory: "10Mi" } } }, { resources: { requests: { memory: "1Gi" } } }],
    };
    // cpu: max(150, 500) = 500m; memory: max(64Mi, 1Gi) = 1Gi.
    expect(effectiveRequest(spec, () => "x")).toEqual({ cpuMillicores: 500, memoryBytes: 1024 * Mi });
    // A sidecar (restartPolicy Always) runs with the app containers and under later init containers.
    const side = {
      containers: [{ resources: { requests: { cpu: "100m" } } }],
      initContainers: [{ restartPolicy: "Always", resources: { requests: { cpu: "200m" } } }, { resources: { requests: { cpu: "250m" } } }],
    };
    // running: 100 + 200 = 300; init 2 starts after the sidecar: 250 + 200 = 450 → 450m.
    expect(effectiveRequest(side, () => "x").cpuMillicores).toBe(450);
    // Sub-millicore requests round up (apimachinery Quantity.MilliValue is a ceiling).
    expect(effectiveRequest({ containers: [{ resources: { requests: { cpu: "0.0001" } } }] }, () => "x").cpuMillicores).toBe(1);
  });

  it("a tainted node is reached only by DaemonSets that tolerate the taint", () => {
    const nodes = json("aks-standard-d2s-v3.nodes.json") as { items: { spec: Record<string, unknown> }[] };
    for (const n of nodes.items) n.spec.taints = [{ key: "dedicated", value: "envs", effect: "NoSchedule" }];
    const parsed = readNodes(nodes, "n.json");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const intolerant = dsList.map((d) => ({ ...d, tolerations: [] }));
    const r = calibrate({ nodes: parsed.value, nodesSource: "n.json", catalogs, daemonSets: intolerant });
    expect(r.ok && r.value.pools[0]?.daemonSets?.pods).toBe(0);
    const r2 = calibrate({ nodes: parsed.value, nodesSource: "n.json", catalogs, daemonSets: dsList }); // csi-azuredisk-node tolerates everything (operator Exists)
    expect(r2.ok && r2.value.pools[0]?.daemonSets?.pods).toBe(1);
  });

  it("--env-selector counts the running pods it selects on each node", () => {
    const names = ["aks-agentpool-30520393-vmss000000", "aks-agentpool-30520393-vmss000001", "aks-agentpool-30520393-vmss000002"];
    const pod = (n: string, node: string, phase: string, app: string) => ({
      kind: "Pod",
      metadata: { name: n, namespace: "envs", labels: { app } },
      spec: { nodeName: node },
      status: { phase },
    });
    const pods = readPods(
      {
        kind: "List",
        items: [
          pod("a", names[0] as string, "Running", "devenv"),
          pod("b", names[0] as string, "Running", "devenv"),
          pod("c", names[1] as string, "Running", "devenv"),
          pod("d", names[1] as string, "Pending", "devenv"),
          pod("e", names[2] as string, "Running", "other"),
        ],
      },
      "pods.json",
    );
    const sel = parseLabelSelector("app=devenv");
    const nodes = readNodes(json("aks-standard-d2s-v3.nodes.json"), "n.json");
    if (!pods.ok || !sel.ok || !nodes.ok) throw new Error("setup");
    const r = calibrate({ nodes: nodes.value, nodesSource: "n.json", catalogs, pods: pods.value, envSelector: sel.value });
    expect(r.ok && r.value.pools[0]?.envsPerNode).toEqual({ min: 0, max: 2, total: 3 });
    expect(parseLabelSelector("app==").ok).toBe(true);
    const bad = parseLabelSelector("app=dev env");
    expect(!bad.ok && bad.error.message).toContain("--env-selector");
  });
});

describe("bad input: one line naming the node and the field", () => {
  const node = (over: (n: any) => void): unknown => {
    const d = json("aks-standard-d2s-v3.nodes.json") as any;
    over(d.items[1]);
    return d;
  };
  it.each([
    [
      "a quantity with a bad suffix",
      node((n) => {
        n.status.capacity.memory = "12Kix";
      }),
      'node "aks-agentpool-30520393-vmss000001": status.capacity.memory "12Kix" is not a Kubernetes quantity',
    ],
    [
      "no instance-type label",
      node((n) => {
        delete n.metadata.labels["node.kubernetes.io/instance-type"];
        delete n.metadata.labels["beta.kubernetes.io/instance-type"];
      }),
      'node "aks-agentpool-30520393-vmss000001": metadata.labels has no node.kubernetes.io/instance-type',
    ],
    [
      "mixed providers",
      node((n) => {
        n.metadata.labels = { ...n.metadata.labels, "eks.amazonaws.com/nodegroup": "ng", "node.kubernetes.io/instance-type": "m5.large" };
        delete n.metadata.labels.agentpool;
      }),
      'node "aks-agentpool-30520393-vmss000001" is an aws node, but node "aks-agentpool-30520393-vmss000000" is azure: mixed providers',
    ],
    [
      "an unknown type that cannot be learned",
      node((n) => {
        n.metadata.labels["node.kubernetes.io/instance-type"] = "Standard_Weird";
        n.status.capacity.cpu = "1500m";
      }),
      'instance type "Standard_Weird" is in no catalog and its status.capacity.cpu (1500m) is not a whole number of vCPUs',
    ],
    [
      "a node listed twice",
      node((n) => {
        n.metadata.name = "aks-agentpool-30520393-vmss000000";
      }),
      'node "aks-agentpool-30520393-vmss000000" is listed twice',
    ],
    ["not a Node list", json("aks-azuredisk-csi.daemonsets.json"), 'items[0] "csi-azuredisk-node" is a DaemonSet, not a Node'],
    ["a JSON array", [], "expected the JSON object of `kubectl get nodes -o json`"],
    ["an empty list", { kind: "List", items: [] }, "the list has no nodes"],
  ])("%s", (_what, doc, expected) => {
    const m = errorOf(doc);
    expect(m).toContain(expected);
    expect(m.startsWith("nodes.json: ")).toBe(true);
    expect(m).not.toContain("\n");
  });
});

describe("the calibration file", () => {
  it("round-trips: the document of a calibration validates and gives the observed figures", () => {
    const r = run("aks-standard-d2s-v3.nodes.json", { daemonSets: true });
    const doc = calibrationDocument(r, { generatedBy: "test", inputs: {} });
    const c = parseCalibration(JSON.parse(JSON.stringify(doc)), "cal.yaml");
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.types.Standard_D2s_v3).toMatchObject({
      provider: "azure",
      platform: "aks-legacy",
      capacityMemoryBytes: 8152796 * Ki, // the smaller node: conservative
      maxPods: 110,
      daemonSets: { cpuMillicores: 30, memoryBytes: 60 * Mi, pods: 1 },
    });
  });
  it("a learned type carries its facts", () => {
    const doc = calibrationDocument(run("eks-t2-large.nodes.json"), { generatedBy: "test", inputs: {} });
    const c = parseCalibration(JSON.parse(JSON.stringify(doc)), "cal.yaml");
    expect(c.ok && c.value.types["t2.large"]?.learned).toMatchObject({ name: "t2.large", vcpus: 2, memoryMiB: 8192, volumeAttachLimit: 39, offerings: [] });
  });
  it.each([
    ["version: 2\nkind: cc-plan-calibration\nmachineTypes: {}\n", "cal.yaml: version: expected 1"],
    [
      "version: 1\nkind: cc-plan-calibration\nmachineTypes:\n  n2-standard-4: { provider: gcp, platform: aks, capacityMemory: 16380004Ki, maxPods: 110 }\n",
      "machineTypes.n2-standard-4.platform: expected gke, custom for gcp",
    ],
    [
      "version: 1\nkind: cc-plan-calibration\nmachineTypes:\n  n2-standard-4: { provider: gcp, platform: gke, capacityMemory: 16380004Kix, maxPods: 110 }\n",
      "machineTypes.n2-standard-4.capacityMemory: expected a memory quantity",
    ],
    [
      "version: 1\nkind: cc-plan-calibration\nmachineTypes:\n  n2-standard-4: { provider: gcp, platform: gke, capacityMemory: 16380004Ki, maxPods: many }\n",
      "machineTypes.n2-standard-4.maxPods: expected a whole number from 1 to 1000",
    ],
    [
      "version: 1\nkind: cc-plan-calibration\nmachineTypes:\n  n2-standard-4: { provider: gcp, platform: custom, capacityMemory: 16380004Ki, maxPods: 110 }\n",
      "platform custom needs reserved",
    ],
    ["version: 1\nkind: [\n", "cal.yaml: not YAML"],
  ])("rejects %#", (text, expected) => {
    const r = parseCalibrationText(text, "cal.yaml");
    expect(!r.ok && r.error.message).toContain(expected);
  });
});
