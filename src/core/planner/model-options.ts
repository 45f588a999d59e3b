/**
 * The node-model options the planner uses (src/core/planner/planner.ts), in one place for every consumer
 * that must compute the same node as the plan: the charts' node models (src/adapters/plan-charts.ts), the
 * sizing workbook's cached values (src/emit/xlsx/data.ts) and the Google Sheets functions.
 *
 * - {@link providerModelOptions}: what holds for every type of a provider — platform, max pods, DaemonSets,
 *   reservation overrides, the boot disk given, images on ephemeral storage, local SSDs;
 * - {@link typeModelOptions}: plus what a calibration file and `--capacity-memory` / `--capacity-ephemeral-storage`
 *   say about that one type (calibration first, the flags win), at the planner's high bound.
 */
import type { Provider } from "../../catalog/types.js";
import type { NodeModelOptions } from "../node-model.js";
import { observedOptions } from "../resolve-request.js";
import type { ClusterRequest } from "./request.js";

/** The options every node of `provider` is modelled with. */
function providerModelOptions(req: ClusterRequest, provider: Provider): NodeModelOptions {
  const costing = req.costing;
  const givenBoot = costing.bootDisks?.[provider];
  return {
    provider,
    platform: req.platforms[provider] ?? "gke",
    ...(req.maxPods === undefined ? {} : { maxPods: req.maxPods }),
    ...(req.daemonSets === undefined ? {} : { daemonSets: req.daemonSets }),
    ...(req.overrides === undefined ? {} : { overrides: req.overrides }),
    ...(givenBoot === undefined ? {} : { bootDisk: givenBoot }),
    ...(costing.ephemeralReservedBytes === undefined ? {} : { ephemeralReservedBytes: costing.ephemeralReservedBytes }),
    ...(costing.ephemeralLocalSsd ? { ephemeralLocalSsd: true } : {}),
  };
}

/** A calibration file's figures for one type (issue 15): platform variant, max pods, capacity, DaemonSets, overrides. */
export function calibratedOptions(req: ClusterRequest, provider: Provider, name: string): Partial<NodeModelOptions> {
  const c = req.calibration?.types[name];
  if (!c || c.provider !== provider) return {};
  return {
    ...(c.platform === undefined ? {} : { platform: c.platform }),
    ...(c.maxPods === undefined ? {} : { maxPods: c.maxPods }),
    ...(c.capacityMemoryBytes === undefined ? {} : { capacityMemoryBytes: c.capacityMemoryBytes }),
    ...(c.daemonSets === undefined ? {} : { daemonSets: c.daemonSets }),
    ...(c.overrides === undefined ? {} : { overrides: c.overrides }),
    givenSource: { capacityMemory: `observed (${req.calibration?.source})`, maxPods: `calibrated (${req.calibration?.source})` },
  };
}

/** The options of one machine type's node, as the planner computes it (high bound). */
export function typeModelOptions(req: ClusterRequest, provider: Provider, machineType: string): NodeModelOptions {
  return {
    ...providerModelOptions(req, provider),
    ...calibratedOptions(req, provider, machineType),
    ...observedOptions(req, machineType),
    bound: "high",
  };
}
