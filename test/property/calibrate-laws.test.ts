/**
 * Calibration law (issue 15): a node list built from the node model itself calibrates to a zero
 * difference, for every machine type of the package's catalogs and every formula variant of its provider
 * (gke; aks and aks-legacy; eks). Max pods and the pool size vary (fast-check, fixed seed; FC_SEED
 * overrides, FC_RUNS_SCALE multiplies the runs). The synthetic nodes print capacity and allocatable as
 * kubelet does: whole Ki of memory, millicores of CPU.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalogs } from "../../src/adapters/catalog-fs.js";
import type { Provider } from "../../src/catalog/types.js";
import { calibrate, variantsOf } from "../../src/core/calibrate/calibrate.js";
import { readNodes } from "../../src/core/calibrate/kube-objects.js";
import { computeNodeModel } from "../../src/core/node-model.js";

const seed = Number(process.env.FC_SEED ?? 42);
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
const catalogs = loadCatalogs(["gcp", "azure", "aws"], { regions: { gcp: [], azure: [], aws: [] } });
const poolLabel: Record<Provider, string> = {
  gcp: "cloud.google.com/gke-nodepool",
  azure: "kubernetes.azure.com/agentpool",
  aws: "eks.amazonaws.com/nodegroup",
};
const cases = (["gcp", "azure", "aws"] as const).flatMap((provider) =>
  (catalogs[provider]?.machineTypes ?? []).flatMap((machine) => variantsOf[provider].map((variant) => ({ provider, machine, variant }))),
);

describe("a node list built from the model calibrates to 0 MiB / 0 m", () => {
  it("covers every catalog type", () => {
    expect(cases.length).toBe(
      ["gcp", "azure", "aws"].reduce((s, p) => s + (catalogs[p as Provider]?.machineTypes.length ?? 0) * variantsOf[p as Provider].length, 0),
    );
    expect(cases.length).toBeGreaterThan(200);
  });

  it("for every machine type and variant, at any max pods", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 250 }), fc.integer({ min: 1, max: 3 }), (maxPods, count) => {
        for (const { provider, machine, variant } of cases) {
          const model = computeNodeModel(machine, { provider, platform: variant, maxPods });
          const figures = (r: { cpuMillicores: number; memoryBytes: number }) => ({
            cpu: `${r.cpuMillicores}m`,
            memory: `${r.memoryBytes / 1024}Ki`,
            pods: String(maxPods),
          });
          const items = Array.from({ length: count }, (_, i) => ({
            kind: "Node",
            metadata: {
              name: `${machine.name.toLowerCase()}-${i}`,
              labels: { [poolLabel[provider]]: "pool", "node.kubernetes.io/instance-type": machine.name },
            },
            status: { capacity: figures(model.capacity), allocatable: figures(model.allocatable) },
          }));
          const nodes = readNodes({ kind: "List", items }, "synthetic");
          if (!nodes.ok) throw new Error(nodes.error.message);
          const r = calibrate({ nodes: nodes.value, nodesSource: "synthetic", catalogs });
          if (!r.ok) throw new Error(r.error.message);
          const p = r.value.pools[0];
          const used = p?.variants.find((v) => v.variant === variant);
          if (used?.memoryBytes !== 0 || used.cpuMillicores !== 0 || p?.variant === "none" || p?.learned)
            throw new Error(`${machine.name} ${variant} maxPods ${maxPods}: ${JSON.stringify({ used, variant: p?.variant, learned: p?.learned })}`);
        }
      }),
      { seed, numRuns: Math.max(1, Math.round(20 * scale)) },
    );
  });
});
