/** yargs option definitions shared by the commands. All values are strings: the core validates them. */
import type { Argv } from "yargs";
import { platformIds } from "../core/overhead/types.js";
import { defaultRegion } from "../core/resolve-request.js";

export function reservationOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option("platform", { type: "string", describe: `reservation model: ${platformIds.join(", ")} (default per provider: gcp→gke, azure→aks, aws→eks)` })
    .option("max-pods", { type: "string", describe: "pods per node (default: gke 110, aks 250 = Azure CNI Overlay, aks-legacy 110, eks per-type ENI formula)" })
    .option("daemonset-overhead", {
      type: "string",
      describe: "system pods per node, e.g. cpu=400m,memory=700Mi,pods=9, or none (default: documented per-platform profile)",
    })
    .option("kube-reserved-cpu", {
      type: "string",
      describe: "override kube-reserved CPU: a quantity (140m) or a mathjs expression of vcpus, memoryMiB, maxPods giving millicores",
    })
    .option("kube-reserved-memory", {
      type: "string",
      describe: 'override kube-reserved memory: a quantity (2Gi) or an expression giving MiB, e.g. "11 * maxPods + 255"',
    })
    .option("system-reserved-cpu", { type: "string", describe: "system-reserved CPU (quantity or expression in millicores)" })
    .option("system-reserved-memory", { type: "string", describe: "system-reserved memory (quantity or expression in MiB)" })
    .option("eviction-hard-memory", { type: "string", describe: "hard eviction memory.available threshold, e.g. 100Mi" })
    .option("boot-disk", {
      type: "string",
      array: true,
      describe:
        "node boot disk, [<type>:]<size>, e.g. 512Gi or pd-ssd:512Gi (one per provider; default GKE 100 GiB pd-balanced, EKS 20 GiB gp3, AKS ephemeral OS disk where the size allows, else a managed one)",
    })
    .option("ephemeral-reserved", { type: "string", describe: "ephemeral storage images and system pods occupy on each node, e.g. 20Gi (default 0)" })
    .option("ephemeral-local-ssd", { type: "boolean", describe: "GKE: local SSDs (c3 -lssd) back ephemeral storage, as --ephemeral-storage-local-ssd does" });
}

export function planOptions<T>(y: Argv<T>): Argv<T> {
  return reservationOptions(
    y
      .option("peak", { type: "string", describe: "peak concurrent environments (required unless --users or a scenario profile gives it)" })
      .option("normal", {
        type: "string",
        describe: "normal (average) concurrent environments: the autoscaler minimum and the flat demand when no profile is given (default: = --peak)",
      })
      .option("env", {
        type: "string",
        describe:
          "environment shape: 4cpu16g, 4c16g, 0.5cpu2g, 2cpu8gi (g = GiB) or cpu=4,memory=16Gi (required); repeat with counts for a mix: --env 40x4cpu16g --env 15/5x8cpu32g@200Gi (peak/normal x shape @ disk)",
      })
      .option("within", {
        type: "string",
        describe: "percent of the cheapest monthly bill that a plan losing fewer envs with one node may cost; 0 = strictly the cheapest (default 2)",
      })
      .option("max-envs-per-node", { type: "string", describe: "hard cap on envs per node (blast radius)" })
      .option("today", {
        type: "string",
        describe: "the date the prices' age is measured on, YYYY-MM-DD (default: CC_PLAN_NOW, else the clock); prices older than 90 days get a warning",
      })
      .option("explain", { type: "boolean", describe: "also print cost lines with sources, node models, placement and all notes" })
      .option("max-pools", { type: "string", describe: "at most this many node pools per provider (one shape or several; default: no limit)" })
      .option("per-zone", {
        type: "boolean",
        describe: "accepted for compatibility: every plan packs each zone's share of the envs on that zone's nodes (PVCs are zonal)",
      })
      .option("time-limit", {
        type: "string",
        describe:
          "several shapes: at most this many seconds of search for the whole plan (shared by the providers), then the best plan found with its gap (default 5)",
      })
      .option("users", {
        type: "string",
        describe: "developers; with --envs-per-user: existing envs (billed disks), per-developer cost, and peak when --peak is absent",
      })
      .option("envs-per-user", { type: "string", describe: "envs each developer keeps (default 1)" })
      .option("concurrency", { type: "string", describe: "share of existing envs running at peak, 0 < r ≤ 1 (default 1; used when --peak is absent)" })
      .option("disk", { type: "string", describe: "persistent disk per env, e.g. 100Gi (default: disks not priced)" })
      .option("storage-class", {
        type: "string",
        array: true,
        describe:
          "pd-balanced, pd-ssd, pd-standard (GCP; default pd-balanced), StandardSSD_LRS, Premium_LRS, Standard_LRS (Azure; default StandardSSD_LRS), gp3, gp2 (AWS; default gp3)",
      })
      .option("pricing", { type: "string", describe: "on-demand (default), spot, sud, cud-1y, cud-3y (GCP), ri-1y, ri-3y, savings-1y, savings-3y (Azure)" })
      .option("zones", {
        type: "string",
        array: true,
        describe: "zones per pool: a count (default 3) or names, e.g. us-central1-a,us-central1-b,us-central1-c or Azure 1,2,3",
      })
      .option("min-nodes", { type: "string", describe: "autoscaler floor, total nodes (default: enough for --normal)" })
      .option("scenario", { type: "string", describe: "a scenario YAML file (scenarios/*.yaml); flags given too override it" })
      .option("update", {
        type: "boolean",
        describe: "with --emit gcloud/az: commands that update an existing pool's autoscaler bounds instead of creating it",
      })
      .option("emit", {
        type: "string",
        array: true,
        describe: "print settings for every pool of the recommended plan instead of the table: gcloud, az, terraform, k8s, karpenter",
      })
      .option("provider", { type: "string", array: true, describe: "gcp, azure, aws (default: gcp and azure; implied by --platform or --machine)" })
      .option("machine", {
        type: "string",
        array: true,
        describe: "also show the one-pool plan on this machine type (repeatable; every type is searched anyway)",
      })
      .option("capacity-memory", {
        type: "string",
        array: true,
        describe:
          "a real node's status.capacity.memory for its machine type, TYPE=QUANTITY, e.g. n2-standard-16=65851908Ki (repeatable); other types use the estimate",
      })
      .option("capacity-ephemeral-storage", {
        type: "string",
        array: true,
        describe:
          "a real node's status.capacity.ephemeral-storage for its machine type, TYPE=QUANTITY, e.g. n2-standard-8=98831908Ki (repeatable); other types use the estimate from the boot disk",
      })
      .option("region", {
        type: "string",
        array: true,
        describe: `region per provider (default: gcp ${defaultRegion.gcp}, azure ${defaultRegion.azure}, aws ${defaultRegion.aws})`,
      }),
  ).option("json", { type: "boolean", describe: "print the plan document as JSON (nothing else on stdout)" });
}

/** `--calibration FILE` (plan, emit, report, node): a file written by `cc-plan calibrate --out`. */
export function calibrationOption<T>(y: Argv<T>): Argv<T> {
  return y.option("calibration", {
    type: "string",
    describe:
      "a calibration file from `cc-plan calibrate --out`: its machine types use the cluster's capacity memory, formula variant, max pods and DaemonSets",
  });
}
