/**
 * The plan document (planVersion 2): one versioned shape for one env shape or many. Every output — the
 * table, `--json`, the settings emitters (gcloud, az, Terraform, Kubernetes YAML, Karpenter) — reads it.
 * Described by `schema/plan.schema.json`. Money is unrounded USD here; renderers round when printing.
 */

import type { Provider } from "../../catalog/types.js";
import type { AutoscalerBounds } from "../autoscaler.js";
import type { CostSummary, PricingOption } from "../cost.js";
import type { PlanIssue } from "../issues.js";
import type { PlatformId } from "../overhead/types.js";
import type { Dimension } from "../packing.js";
import type { Costing } from "../resolve-costing.js";
import type { PriceDate } from "./price-age.js";

/** Plan document version: 2 = one document for 1..n env shapes (pools, bill, recommendation). */
export const planVersion = "2";

/** One env shape of the demand. */
export interface ShapeDoc {
  readonly name: string;
  readonly text: string;
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
  readonly peak: number;
  readonly normal: number;
  /** Persistent disk per env (bytes); null when none is priced. */
  readonly diskBytes: number | null;
  /** The env's ephemeral-storage request (bytes); present only when it has one (issue 16). */
  readonly ephemeralStorageBytes?: number;
}

/** CPU, memory, pod and volume slots of a node; ephemeral storage (bytes) when an env requests some. */
export interface NodeResourcesDoc {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
  readonly pods: number;
  readonly volumes: number;
  readonly ephemeralStorageBytes?: number;
}

/** What one node of a pool offers and holds. */
export interface PoolNode {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly formulaVariant: string;
  readonly allocatable: NodeResourcesDoc;
  /** Allocatable − DaemonSets (what envs can request). */
  readonly forEnvs: NodeResourcesDoc;
  /** Boot disk and ephemeral storage of a node (issue 16); present when an env requests ephemeral storage. */
  readonly ephemeralStorage?: {
    readonly bootDisk: { readonly sizeGiB: number; readonly type: string; readonly billed: boolean; readonly label: string };
    readonly backing: "boot-disk" | "local-ssd";
    readonly capacityBytes: number;
    readonly capacitySource: "observed" | "estimated";
    readonly kubeReservedBytes: number;
    readonly evictionHardBytes: number;
    /** What images and system pods occupy (--ephemeral-reserved). */
    readonly reservedBytes: number;
    readonly rule: string;
  };
  /** Nominal − forEnvs. */
  readonly overhead: { readonly cpuMillicores: number; readonly memoryBytes: number };
  /**
   * Capacity memory (bytes, what `status.capacity.memory` says) and where it came from: `observed`
   * (--capacity-memory), `estimated` (`estimate` names the fit, described in the provider's
   * `memoryCapacity`), or `nominal` (the flat platform's rule).
   */
  readonly capacityMemory: { readonly bytes: number; readonly source: "observed" | "estimated" | "nominal"; readonly estimate: string | null };
  /** Envs of each shape one node holds alone (after --max-envs-per-node), and the dimension that binds. */
  readonly envsPerNode: Readonly<Record<string, number>>;
  readonly binds: Readonly<Record<string, Dimension | "max-envs-per-node">>;
}

/** A node pool of one machine type. */
export interface Pool {
  readonly name: string;
  readonly machineType: string;
  readonly node: PoolNode;
  /** Autoscaler bounds of this pool (total and per zone) and the warm buffer the plan sizes it with. */
  readonly autoscaler: AutoscalerBounds & { readonly zoneNames: readonly string[] };
  /**
   * Nodes of the peak placement (each level is packed from scratch; the autoscaler keeps at least the
   * minimum, which the bill counts) and at normal demand (with the warm buffer; never below the minimum).
   */
  readonly nodes: { readonly peak: number; readonly normal: number };
  /** Envs of each shape on this pool at peak, the warm buffer's placeholder envs included. */
  readonly envsAtPeak: Readonly<Record<string, number>>;
  /** Node-hours per month of the autoscaled pool. */
  readonly nodeHoursPerMonth: number;
  /** Hourly node price under the applied pricing (list price for SUD and commitments), USD. */
  readonly nodeUsdPerHour: number;
}

/** Identical nodes of one zone at peak: `count` nodes of `machineType`, each holding `envs` (and `buffer` placeholders). */
export interface NodeRun {
  readonly machineType: string;
  readonly count: number;
  readonly envs: Readonly<Record<string, number>>;
}

export type OptionKind =
  /** the cheapest plan by the monthly bill (`--within 0`) */
  | "cheapest"
  /** the cheapest plan that loses the fewest envs with one node, within `--within` of the cheapest */
  | "smaller-blast-radius"
  /** the cheapest plan on one machine type */
  | "one-pool"
  /** each shape on the cheapest type that holds one env: one env per node */
  | "one-per-node"
  /** a type named with --machine, one pool */
  | "named"
  /** the type of the product guides' worked example (n2-standard-32, Standard_D64s_v3) */
  | "guide-example"
  /** what a greedy autoscaler loop buys: FFD in cluster-autoscaler's pod order, cheapest node group */
  | "greedy-baseline";

/** One plan for a provider: pools, nodes, the monthly bill and its proof. */
export interface PlanOption {
  readonly kind: OptionKind;
  readonly pools: readonly Pool[];
  /** Nodes over all pools: autoscaler min and max, and at peak/normal demand. */
  readonly nodes: { readonly min: number; readonly max: number; readonly peak: number; readonly normal: number };
  /** Peak placement per zone group (zones named, or "zone 1"…). */
  readonly placement: readonly { readonly zones: readonly string[]; readonly nodes: readonly NodeRun[] }[];
  /** Envs lost at most when one node goes (the fullest node at peak). */
  readonly blastRadius: number;
  /**
   * The per-node cap this plan needs (`--max-envs-per-node`, or the smaller blast radius `--within`
   * chose), null when none. The settings enforce it through the pool's max pods (DaemonSet pods + cap).
   */
  readonly maxEnvsPerNode: number | null;
  /** The pricing applied (on-demand where the asked option does not apply to the provider). */
  readonly applied: PricingOption;
  /** The autoscaled bill (the objective) and the static pool at the maximum, every line with its source. */
  readonly bill: { readonly autoscaled: CostSummary; readonly static: CostSummary };
  /**
   * USD per month no plan of the searched types can beat (the provider's bound, the same for every option),
   * this option's gap to it, and whether it meets it; null when the option lies outside the search (a named
   * burstable type cheaper than the bound).
   */
  readonly lowerBoundUsdPerMonth: number | null;
  readonly gap: number | null;
  readonly optimal: boolean | null;
  readonly issues: readonly PlanIssue[];
}

/** A capacity estimate as the plan records it: the fit, how far real nodes were from it, and which types used it. */
export interface CapacityEstimateDoc {
  readonly id: string;
  readonly label: string;
  /** Observed − estimated capacity on the published nodes it was checked on, MiB; null when not checked. */
  readonly observedMinusEstimateMiB: { readonly min: number; readonly max: number } | null;
  readonly observations: number;
  readonly checkedNominalMiB: { readonly min: number; readonly max: number } | null;
  /** Machine types of this provider's plans (options) whose capacity is this estimate. */
  readonly machineTypes: readonly string[];
}

/** The plan for one provider. */
export interface ProviderPlan {
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly region: string;
  readonly pricing: PricingOption;
  /** Machine types priced and fitting at least one shape (all of them are searched). */
  readonly machinesConsidered: number;
  readonly options: readonly PlanOption[];
  /** Index into `options` of the recommended plan, and of the cheapest one (equal with `--within 0`). */
  readonly recommended: number | null;
  readonly cheapest: number | null;
  /** Why the recommendation is what it is (one sentence). */
  readonly reason: string;
  /** What preferring a smaller blast radius costs per month over the cheapest plan (0 when it is the cheapest). */
  readonly preferenceUsdPerMonth: number;
  /** Lower bound of the monthly bill over every plan (pools of any types and counts). */
  readonly lowerBoundUsdPerMonth: number | null;
  /**
   * Node memory capacity: the machine types of this provider given with --capacity-memory (observed), and
   * the estimates the plans' other types used.
   */
  readonly memoryCapacity: { readonly observed: readonly string[]; readonly estimates: readonly CapacityEstimateDoc[] };
  /** The date of every price the recommended plan's bill uses (the catalog's date when there is no plan). */
  readonly pricesAsOf: readonly PriceDate[];
  /** Age in days, on `inputs.today`, of the oldest node or disk price among them (the prices a refresh replaces; the fee's date is listed, not counted); null when no day was given. */
  readonly priceAgeDays: number | null;
  readonly issues: readonly PlanIssue[];
}

export interface PlanDocument {
  readonly planVersion: typeof planVersion;
  readonly inputs: {
    readonly shapes: readonly ShapeDoc[];
    readonly providers: readonly Provider[];
    readonly regions: Readonly<Partial<Record<Provider, string>>>;
    readonly platforms: Readonly<Partial<Record<Provider, PlatformId>>>;
    readonly machines: readonly string[];
    readonly maxPods: number | null;
    /** Observed capacity memory (bytes) by machine type, from --capacity-memory; empty when none. */
    readonly capacityMemory: Readonly<Record<string, number>>;
    /**
     * Observed capacity ephemeral storage (bytes) by machine type, from --capacity-ephemeral-storage; absent
     * when none (so plans without it are the same documents as before issue 16).
     */
    readonly capacityEphemeralStorage?: Readonly<Record<string, number>>;
    /** Among plans within this fraction of the cheapest bill, the one with the smallest blast radius is recommended. */
    readonly within: number;
    readonly maxEnvsPerNode: number | null;
    readonly maxPools: number | null;
    readonly timeLimitSeconds: number;
    /** The day the plan was made for (`--today` or the clock), which dates the prices' age; null when not given. */
    readonly today: string | null;
    readonly costing: Costing;
  };
  readonly catalogs: readonly { readonly provider: Provider; readonly asOf: string; readonly currency: string }[];
  readonly demand: {
    readonly peak: number;
    readonly normal: number;
    readonly totals: { readonly cpuMillicores: number; readonly memoryBytes: number };
    readonly source: "profile" | "flat at normal";
    readonly existingEnvs: number;
    readonly developers: number;
    readonly envHoursPerMonth: number;
    readonly hourly: { readonly weekday: readonly number[]; readonly weekend: readonly number[] };
  };
  readonly providers: readonly ProviderPlan[];
  readonly notes: readonly PlanIssue[];
  readonly issues: readonly PlanIssue[];
}
