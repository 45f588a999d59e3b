/**
 * Where the product guides' rules of thumb do not hold. JetBrains CodeCanvas's installation guides
 * ("Multi-Cluster Installation to Google GKE" and "Distributed Installation to Azure AKS", section
 * "Choose a node allocation strategy") size 60 envs of 4 vCPU / 16 GB on "4–6" n2-standard-32 or
 * Standard D64s v3 nodes, and say a node-sized VM leaves a developer "3.8 vCPUs and 14–15GB memory".
 * These claims are data here, checked against the node model. Pure.
 */
import type { Catalogs } from "../../catalog/lookup.js";
import type { Provider } from "../../catalog/types.js";
import { issue, type PlanIssue } from "../issues.js";
import { computeNodeModel } from "../node-model.js";
import { packOneShape } from "../packing.js";
import type { EnvShape } from "../units/env-shape.js";
import type { ProviderPlan } from "./document.js";
import { typeModelOptions } from "./model-options.js";
import type { ClusterRequest } from "./request.js";

/** The guides' worked example. */
export const guideClaims = {
  peak: 60,
  cpuMillicores: 4000,
  memoryBytes: 16 * 1024 ** 3,
  claimedNodes: { low: 4, high: 6 },
  claimedDeveloperGets: "3.8 vCPU and 14–15 GB",
  machines: { gcp: "n2-standard-32", azure: "Standard_D64s_v3" } as Readonly<Partial<Record<Provider, string>>>,
  /** Node-sized families of the guides' one-node-one-env reading. */
  nodeSized: { gcp: /^n2-standard-\d+$/, azure: /^Standard_D\d+s_v3$/ } as Readonly<Partial<Record<Provider, RegExp>>>,
  source: {
    gcp: 'CodeCanvas guide "Multi-Cluster Installation to Google GKE", "Choose a node allocation strategy"',
    azure: 'CodeCanvas guide "Distributed Installation to Azure AKS", "Choose a node allocation strategy"',
  } as Readonly<Partial<Record<Provider, string>>>,
} as const;

/** The guide's example machine type for a provider (one env shape only). */
export function guideExample(provider: Provider, env: EnvShape | undefined): string | undefined {
  return env ? guideClaims.machines[provider] : undefined;
}

const gib = (b: number): string => (b / 1024 ** 3).toFixed(2);

/** Notes on the guides' numbers for this plan (one env shape). */
export function guideNotes(req: ClusterRequest, providers: readonly ProviderPlan[], catalogs: Catalogs): PlanIssue[] {
  const notes: PlanIssue[] = [];
  const shape = req.shapes.length === 1 ? req.shapes[0] : undefined;
  if (!shape) return notes;
  const isGuideShape = shape.env.cpuMillicores === guideClaims.cpuMillicores && shape.env.memoryBytes === guideClaims.memoryBytes;
  providers.forEach((p, i) => {
    const path = `providers[${i}]`;
    const source = guideClaims.source[p.provider];
    const example = p.options.find((o) => o.kind === "guide-example");
    const pool = example?.pools[0];
    if (isGuideShape && pool && shape.peak === guideClaims.peak && source) {
      const k = pool.node.envsPerNode[shape.name] ?? 0;
      const nodes = Math.ceil(shape.peak / Math.max(1, k));
      const c = guideClaims.claimedNodes;
      if (nodes > c.high || nodes < c.low)
        notes.push(
          issue(
            "guide_claim_does_not_hold",
            "info",
            path,
            `The ${source} says 60 × 4cpu16g fit on ${c.low}–${c.high} ${pool.machineType} nodes; on ${p.platform} each holds ${k} (${pool.node.binds[shape.name]} binds), so ${nodes} nodes are needed.`,
            {
              machineType: pool.machineType,
              claimedLow: c.low,
              claimedHigh: c.high,
              nodes,
            },
          ),
        );
    }
    // A node-sized VM (the guides' one-node-one-env reading): what a developer really gets there.
    const family = guideClaims.nodeSized[p.provider];
    const catalog = catalogs[p.provider];
    if (!family || !catalog) return;
    const m = catalog.machineTypes
      .filter((x) => family.test(x.name) && x.vcpus * 1000 >= shape.env.cpuMillicores && x.memoryMiB * 1048576 >= shape.env.memoryBytes)
      .sort((a, b) => a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB)[0];
    if (!m) return;
    // The planner's node of that type (./model-options.ts), at the low end of a ranged platform.
    const model = computeNodeModel(m, { ...typeModelOptions(req, p.provider, m.name), bound: "low" });
    const fits = packOneShape(model.forEnvs, shape.env).envsPerNode >= 1;
    const fe = model.forEnvs;
    notes.push(
      issue(
        "node_sized_env_does_not_fit",
        fits ? "info" : "warning",
        path,
        `On a node-sized ${m.name} (${p.platform}) a developer really gets ${fe.cpuMillicores / 1000} vCPU and ${gib(fe.memoryBytes)} GiB (${model.allocatable.cpuMillicores / 1000} vCPU and ${gib(model.allocatable.memoryBytes)} GiB allocatable, less system pods)` +
          (isGuideShape && source ? `, not the guide's "${guideClaims.claimedDeveloperGets}"` : "") +
          (fits ? "." : `; a ${shape.envText} request does not fit, so size the request to the node or use a larger type.`),
        { machineType: m.name, fits },
      ),
    );
  });
  return notes;
}
