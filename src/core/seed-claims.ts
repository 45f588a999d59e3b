/**
 * Notes where the seeds' rules of thumb do not hold (shared/seeds/codecanvas-*-install.txt,
 * "Choose a node allocation strategy"). The seeds' claims are data here, with their source, and are
 * checked against the computed strategies.
 */
import { issue, type PlanIssue } from "./issues.js";
import type { PlanRequest, StrategyResult } from "./plan.js";

/** The seeds' worked example: 60 envs of 4 vCPU / 16 GB on "4–6" large nodes. */
export const seedExample = {
  peak: 60,
  cpuMillicores: 4000,
  memoryBytes: 16 * 1024 ** 3,
  claimedNodes: { low: 4, high: 6 },
  /** The seeds' one-per-node claim: "a developer will get only 3.8 vCPUs and 14–15GB memory". */
  claimedDeveloperGets: "3.8 vCPU and 14–15 GB",
  sources: {
    gcp: "shared/seeds/codecanvas-gke-multi-cluster-install.txt (n2-standard-32)",
    azure: "shared/seeds/codecanvas-aks-distributed-install.txt (Standard D64s v3)",
  } as Readonly<Record<string, string>>,
} as const;

const gib = (b: number): string => (b / 1024 ** 3).toFixed(2);
const cpus = (m: number): string => String(m / 1000);
const low = (v: number | { low: number; high: number }): number => (typeof v === "number" ? v : v.low);

/** Notes on the seeds' numbers and on naive sizing, for the strategies computed. */
export function seedNotes(req: PlanRequest, strategies: readonly StrategyResult[]): PlanIssue[] {
  const notes: PlanIssue[] = [];
  const isSeedScenario =
    req.env.cpuMillicores === seedExample.cpuMillicores && req.env.memoryBytes === seedExample.memoryBytes;
  strategies.forEach((s, i) => {
    const path = `strategies[${i}]`;
    if (s.variant === "seed-example" && isSeedScenario && s.nodes.peak !== null && req.peak === seedExample.peak) {
      const claimed = seedExample.claimedNodes;
      if (s.nodes.peak > claimed.high || s.nodes.peak < claimed.low) {
        notes.push(
          issue(
            "seed_claim_does_not_hold",
            "info",
            path,
            `The seeds say 60 × 4cpu16g fit on ${claimed.low}–${claimed.high} ${s.machineType} nodes; on ${s.platform} each holds ${s.envsPerNode} (${s.bindingConstraint} binds), so ${s.nodes.peak} nodes are needed (${seedExample.sources[s.provider] ?? "seeds"}).`,
            { machineType: s.machineType, claimedLow: claimed.low, claimedHigh: claimed.high, nodes: s.nodes.peak },
          ),
        );
      }
    }
    if (s.strategy === "many-per-node" && s.nodes.peak !== null) {
      // What a spreadsheet does: total demand ÷ nominal node size, per dimension, rounded up.
      const naive = Math.max(
        Math.ceil((req.peak * req.env.cpuMillicores) / (s.vcpus * 1000)),
        Math.ceil((req.peak * req.env.memoryBytes) / (s.memoryMiB * 1024 * 1024)),
      );
      if (s.nodes.peak > naive) {
        notes.push(
          issue(
            "naive_sizing_short",
            "info",
            path,
            `Dividing the totals by the nominal size of ${s.machineType} (${s.vcpus} vCPU, ${s.memoryMiB / 1024} GiB) gives ${naive} nodes; after reservations and system pods each holds ${s.envsPerNode}, so ${s.nodes.peak} are needed.`,
            { machineType: s.machineType, naiveNodes: naive, nodes: s.nodes.peak },
          ),
        );
      }
    }
    if (s.variant === "node-sized") {
      const fe = s.perNode.forEnvs;
      const what = `${cpus(low(fe.cpuMillicores))} vCPU and ${gib(low(fe.memoryBytes))} GiB`;
      const alloc = `${cpus(s.perNode.allocatable.cpuMillicores)} vCPU and ${gib(s.perNode.allocatable.memoryBytes)} GiB allocatable`;
      const fits = s.envsThatFit >= 1;
      notes.push(
        issue(
          "node_sized_env_does_not_fit",
          fits ? "info" : "warning",
          path,
          `On a node-sized ${s.machineType} (${s.platform}) a developer really gets ${what} (${alloc}, less system pods)` +
            (isSeedScenario ? `, not the seeds' "${seedExample.claimedDeveloperGets}"` : "") +
            (fits ? "." : `; a ${req.envText} request does not fit, so size the request to the node or use a larger type.`),
          { machineType: s.machineType, fits },
        ),
      );
    }
  });
  return notes;
}
