/** yargs option definitions shared by the commands. All values are strings: the core validates them. */
import type { Argv } from "yargs";
import { defaultRegion } from "../core/resolve-request.js";
import { platformIds } from "../core/overhead/types.js";

export function reservationOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option("platform", { type: "string", describe: `reservation model: ${platformIds.join(", ")} (default per provider: gcp→gke, azure→aks, aws→eks)` })
    .option("max-pods", { type: "string", describe: "pods per node (default: gke 110, aks 250 = Azure CNI Overlay, aks-legacy 110, eks per-type ENI formula)" })
    .option("daemonset-overhead", { type: "string", describe: "system pods per node, e.g. cpu=400m,memory=700Mi,pods=9, or none (default: documented per-platform profile)" })
    .option("kube-reserved-cpu", { type: "string", describe: "override kube-reserved CPU: a quantity (140m) or a mathjs expression of vcpus, memoryMiB, maxPods giving millicores" })
    .option("kube-reserved-memory", { type: "string", describe: "override kube-reserved memory: a quantity (2Gi) or an expression giving MiB, e.g. \"11 * maxPods + 255\"" })
    .option("system-reserved-cpu", { type: "string", describe: "system-reserved CPU (quantity or expression in millicores)" })
    .option("system-reserved-memory", { type: "string", describe: "system-reserved memory (quantity or expression in MiB)" })
    .option("eviction-hard-memory", { type: "string", describe: "hard eviction memory.available threshold, e.g. 100Mi" });
}

export function planOptions<T>(y: Argv<T>): Argv<T> {
  return reservationOptions(
    y
      .option("peak", { type: "string", describe: "peak concurrent environments (required)" })
      .option("normal", { type: "string", describe: "normal concurrent environments (default: = --peak)" })
      .option("env", { type: "string", describe: "environment shape: 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB) or cpu=4,memory=16Gi (required)" })
      .option("provider", { type: "string", array: true, describe: "gcp, azure, aws (default: gcp and azure; implied by --platform or --machine)" })
      .option("machine", { type: "string", array: true, describe: "also plan many-per-node on this machine type (repeatable)" })
      .option("region", {
        type: "string",
        array: true,
        describe: `region per provider (default: gcp ${defaultRegion.gcp}, azure ${defaultRegion.azure}, aws ${defaultRegion.aws})`,
      }),
  ).option("json", { type: "boolean", describe: "print the plan document as JSON (nothing else on stdout)" });
}
