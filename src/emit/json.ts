/** Plan / node model → JSON text. Deterministic: the core builds objects in a fixed key order. */
import type { NodeModel } from "../core/node-model.js";
import type { PlanDocument } from "../core/planner/document.js";
import { ki } from "./format.js";

/**
 * The plan document (planVersion 2), as printed by `--json`. Non-integer numbers are written with at most
 * 12 significant digits, so sums of floating-point money carry no noise (8984.800000000001 → 8984.8).
 */
export function renderPlanDocumentJson(plan: PlanDocument): string {
  return `${JSON.stringify(plan, (_k, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v), 2)}\n`;
}

/** Node model as a JSON-ready object, with kubectl-style strings beside the integers. */
export function nodeModelDocument(model: NodeModel, low?: NodeModel): Record<string, unknown> {
  const { issues, ...rest } = model;
  return {
    ...rest,
    kubectl: {
      capacity: {
        cpu: `${model.capacity.cpuMillicores}m`,
        memory: ki(model.capacity.memoryBytes),
        pods: String(model.capacity.pods),
        "ephemeral-storage": quantity(model.capacity.ephemeralStorageBytes),
      },
      allocatable: {
        cpu: `${model.allocatable.cpuMillicores}m`,
        memory: ki(model.allocatable.memoryBytes),
        pods: String(model.allocatable.pods),
        "ephemeral-storage": quantity(model.allocatable.ephemeralStorageBytes),
      },
    },
    ...(low && low !== model ? { lowOverhead: { allocatable: low.allocatable, forEnvs: low.forEnvs, overhead: low.overhead } } : {}),
    issues,
  };
}

export function renderNodeJson(model: NodeModel, low?: NodeModel): string {
  return `${JSON.stringify(nodeModelDocument(model, low), null, 2)}\n`;
}

/** Bytes as the kubelet's Quantity prints them: `<n>Ki` when a whole number of KiB, else plain bytes (e.g. 47060071478). */
function quantity(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024}Ki` : String(bytes);
}
