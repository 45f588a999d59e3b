/**
 * One entry point for the node-pool settings emitters: pick the emitter by kind, and return a one-line error
 * (never throw) when the kind does not fit the settings' provider.
 */
import type { Provider } from "../catalog/types.js";
import { emitAz } from "./az.js";
import { emitGcloud, type SettingsCommandMode } from "./gcloud.js";
import { emitK8s } from "./k8s.js";
import { emitKarpenter } from "./karpenter.js";
import type { NodePoolSettings } from "./settings.js";
import { emitTerraform } from "./terraform.js";

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
export const isSettingsKindFor = (kind: SettingsKind, provider: Provider): boolean =>
  settingsKindProviders[kind].includes(provider);

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
