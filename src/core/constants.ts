/**
 * The constants of a request, in one place (issue 10 §1): providers and their default regions, storage
 * classes, cluster tiers, zones, limits and the planner's defaults. The resolvers, the scenario schema's
 * enums (checked against these by test/scenario) and the docs name them from here.
 */
import type { Provider } from "../catalog/types.js";

export const providers: readonly Provider[] = ["gcp", "azure", "aws"];
/** Regions used when none is given (stated in --help). */
export const defaultRegion: Readonly<Record<Provider, string>> = {
  gcp: "us-central1",
  azure: "eastus",
  aws: "us-east-1",
};
/** Providers planned when neither --provider nor --platform/--machine says otherwise: GKE and AKS. */
export const defaultProviders: readonly Provider[] = ["gcp", "azure"];

/** The managed Kubernetes service of each provider, as users name their clusters. */
export const kubernetesService: Readonly<Record<Provider, string>> = { gcp: "GKE", azure: "AKS", aws: "EKS" };

/** Largest accepted --peak/--normal: far above any real team, small enough for exact integer totals. */
export const maxEnvs = 1_000_000;
/** Most env shapes in one plan. */
export const maxShapes = 12;

/** Default zones per provider: GKE regional clusters and AKS zonal pools span three zones by default. */
export const defaultZoneCount = 3;
/**
 * Default cluster tier per provider: GKE Standard's management fee, AKS Standard tier (the tier
 * Microsoft recommends for production; Free has no SLA), EKS standard support. `none` drops the line.
 */
export const defaultClusterTier: Readonly<Record<Provider, string>> = { gcp: "gke-standard", azure: "aks-standard", aws: "eks-standard" };
export const clusterTierIds = ["gke-standard", "aks-free", "aks-standard", "aks-premium", "eks-standard", "none"] as const;
/** Storage classes and the provider they belong to (mirrors catalogs/storage/*.json). */
export const storageClassProviders: Readonly<Record<string, Provider>> = {
  "pd-balanced": "gcp",
  "pd-ssd": "gcp",
  "pd-standard": "gcp",
  "pd-balanced-regional": "gcp",
  "pd-ssd-regional": "gcp",
  "pd-standard-regional": "gcp",
  Premium_LRS: "azure",
  StandardSSD_LRS: "azure",
  Standard_LRS: "azure",
  gp3: "aws",
  gp2: "aws",
};
/**
 * Default storage class per provider: the product guides' StorageClass (GKE pd-balanced; AKS skuName
 * StandardSSD_LRS); EKS gp3, the EBS CSI driver's default `type` (kubernetes-sigs/aws-ebs-csi-driver
 * docs/parameters.md). Every provider has one, so a `--disk` is always priced or named as unpriced.
 */
export const defaultStorageClass: Readonly<Record<Provider, string>> = { gcp: "pd-balanced", azure: "StandardSSD_LRS", aws: "gp3" };

/**
 * Default time limit per provider plan for several shapes, in seconds: a cap, not a duration — the
 * scenarios' plans are proven in about a second and stop there; hard mixes stop at the cap with their gap.
 */
export const defaultTimeLimitSeconds = 5;
/**
 * Default `--within`: 2 % — a decision (issue 10 §3): a plan that loses fewer envs when one node goes is
 * worth up to 2 % of the bill; `--within 0` recommends strictly the cheapest.
 */
export const defaultWithinPercent = 2;
