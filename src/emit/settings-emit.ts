/**
 * One entry point for the node-pool settings emitters: pick the emitter by kind, and return a one-line error
 * (never throw) when the kind does not fit the settings' provider.
 */
import type { Provider } from "../catalog/types.js";
import type { PlanDocument } from "../core/planner/document.js";
import { recommendedPoolSettings } from "../core/planner/pool-settings.js";
import { emitAz } from "./az.js";
import { emitGcloud, type SettingsCommandMode } from "./gcloud.js";
import { emitK8s } from "./k8s.js";
import { emitKarpenter } from "./karpenter.js";
import type { NodePoolSettings } from "./settings.js";
import { emitTerraform, terraformRequiredProviders } from "./terraform.js";

/** What can be emitted from {@link NodePoolSettings}. */
export type SettingsKind = "gcloud" | "az" | "terraform" | "k8s" | "karpenter";

/** The kinds, in a stable order (for CLI choices and tests). */
export const settingsKinds: readonly SettingsKind[] = ["gcloud", "az", "terraform", "k8s", "karpenter"];

/** Options of {@link emitSettings}. */
export interface EmitSettingsOptions {
  /**
   * gcloud/az only: `create` a new pool, or `update` the autoscaler bounds of an existing one.
   * @defaultValue "create"
   */
  readonly mode?: SettingsCommandMode;
  /**
   * terraform only: print the `terraform { required_providers }` block and, for AKS, the cluster data
   * source (`true`); only the data source (`"data"`); or neither (`false`). Several pools in one output
   * print the requirements once for all providers (`terraformRequiredProviders`) and the data source with
   * the first AKS pool, so the blocks together form one valid configuration. @defaultValue true
   */
  readonly preamble?: boolean | "data";
}

/** Why a kind was not emitted: one line, e.g. `gcloud does not fit provider azure (AKS): use one of az, …`. */
export interface SettingsEmitError {
  readonly error: string;
}

/** The emitted text (a string), or a {@link SettingsEmitError} when the kind does not fit the provider. */
export type EmitSettingsResult = string | SettingsEmitError;

/** Which providers each kind supports: gcloud → GKE, az → AKS, terraform → GKE/AKS, karpenter → EKS/AKS NAP. */
export const settingsKindProviders: Readonly<Record<SettingsKind, readonly Provider[]>> = {
  gcloud: ["gcp"],
  az: ["azure"],
  terraform: ["gcp", "azure"],
  k8s: ["gcp", "azure", "aws"],
  karpenter: ["aws", "azure"],
};

const providerNames: Readonly<Record<Provider, string>> = { gcp: "gcp (GKE)", azure: "azure (AKS)", aws: "aws (EKS)" };

/** Whether `kind` can be emitted for `provider`. */
export const isSettingsKindFor = (kind: SettingsKind, provider: Provider): boolean => settingsKindProviders[kind].includes(provider);

/**
 * Emit `kind` for the pool: the text, or — never thrown — `{ error }` with one line such as
 * `gcloud does not fit provider azure (AKS): use one of az, terraform, k8s, karpenter`.
 */
export function emitSettings(kind: SettingsKind, s: NodePoolSettings, opts: EmitSettingsOptions = {}): EmitSettingsResult {
  if (!isSettingsKindFor(kind, s.provider)) {
    const fitting = settingsKinds.filter((k) => isSettingsKindFor(k, s.provider));
    return { error: `${kind} does not fit provider ${providerNames[s.provider]}: use one of ${fitting.join(", ")}` };
  }
  const mode = opts.mode ?? "create";
  switch (kind) {
    case "gcloud":
      return emitGcloud(s, { mode });
    case "az":
      return emitAz(s, { mode });
    case "terraform":
      return emitTerraform(s, { preamble: opts.preamble ?? true });
    case "k8s":
      return emitK8s(s);
    case "karpenter":
      return emitKarpenter(s);
  }
}

/**
 * Settings for every pool of each provider's recommended plan, one block per (kind, pool) that applies,
 * each headed by the cluster and pool it is for; or `{ error }` when no kind applies to any provider.
 * - k8s: the warm-buffer placeholders tolerate every dev-env pool, so they are emitted once per cluster
 *   (with the largest pool), not once per pool;
 * - terraform: the provider requirements once (for GKE and AKS together when both are planned) and the
 *   AKS cluster data source once, so the whole output is one valid configuration;
 * - YAML kinds form one stream, documents separated by `---`.
 */
export function emitPlanSettings(
  plan: PlanDocument,
  kinds: readonly SettingsKind[],
  opts: { readonly mode?: SettingsCommandMode } = {},
): string | { readonly error: string } {
  const blocks: string[] = [];
  const pools = plan.providers.map((pp) => ({ pp, settings: recommendedPoolSettings(plan, pp) }));
  const tfProviders = pools
    .filter((x) => x.settings.length > 0)
    .map((x) => x.pp.provider)
    .filter((x): x is "gcp" | "azure" => x === "gcp" || x === "azure");
  for (const kind of kinds) {
    const sharedRequirements = kind === "terraform" && tfProviders.length > 1;
    if (sharedRequirements) blocks.push(terraformRequiredProviders(tfProviders));
    const yamlKind = kind === "k8s" || kind === "karpenter";
    let first = true;
    for (const { pp, settings: list } of pools) {
      for (const [i, settings] of list.entries()) {
        if (kind === "k8s" && i > 0) continue;
        const r = emitSettings(kind, settings, { ...(opts.mode ? { mode: opts.mode } : {}), preamble: i > 0 ? false : sharedRequirements ? "data" : true });
        if (typeof r !== "string") continue; // a kind that does not apply to this provider (gcloud for AKS)
        const head = `# cc-plan: ${kind} for the ${pp.provider} ${pp.platform} cluster, pool ${settings.poolName} (${settings.machineType}, ${pp.region})\n`;
        blocks.push(yamlKind && !first ? `---\n${head}${r}` : `${head}${r}`);
        first = false;
      }
    }
  }
  if (blocks.length === 0)
    return { error: `--emit ${kinds.join(",")}: none of these applies to ${plan.inputs.providers.join(", ")} (gcloud: gcp; az: azure; karpenter: azure, aws)` };
  return blocks.map((b) => (b.endsWith("\n") ? b : `${b}\n`)).join("\n");
}
