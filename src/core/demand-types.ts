/**
 * Raw (unvalidated-semantics) demand-over-time and cost inputs added by issue 3, shared by the CLI
 * flags, the library and scenario files (`scenarios/*.yaml`, parsed by src/adapters/scenario-file.ts).
 * Numbers may arrive as strings (flags) or numbers (YAML, library); quantities as Kubernetes strings.
 * The resolver (src/core/resolve-request.ts) turns them into exact, validated values.
 */

/** Which days a recurring item applies to. */
export type DaySet = "weekdays" | "weekends" | "all";

/** Concurrent envs per hour of the day, index 0 = 00:00–01:00 (24 values, whole numbers ≥ 0), local time. */
export interface RawWeeklyProfile {
  readonly weekday: readonly number[];
  readonly weekend: readonly number[];
}

/** A standby pool: a fixed number of running envs kept ready between two times of day. */
export interface RawStandby {
  readonly name?: string;
  readonly envs: number | string;
  /** "HH:MM", 24-hour clock. `to` < `from` wraps past midnight. */
  readonly from: string;
  readonly to: string;
  readonly days?: DaySet;
}

/** A scheduled warm-up run (CodeCanvas warm-ups): envs started at a time of day for a duration. */
export interface RawWarmup {
  readonly name?: string;
  readonly envs: number | string;
  /** "HH:MM". */
  readonly at: string;
  readonly durationMinutes: number | string;
  readonly days?: DaySet;
  /** Instance type of the warm-up env; must equal the plan's env shape in this version (mixed shapes: issue 5). */
  readonly env?: string;
  /** Size of the snapshot each warm-up keeps (Kubernetes quantity, e.g. "20Gi"); billed as snapshot storage. */
  readonly snapshot?: string;
}

/** A fixed cost line the user lists: the application cluster, a database, a load balancer, … */
export interface RawFixedLine {
  readonly name: string;
  /** Either a monthly price … */
  readonly usdPerMonth?: number | string;
  /** … or a machine type priced from the catalog (on-demand, 730 h) times a count. */
  readonly machineType?: string;
  readonly count?: number | string;
  /** Where the number comes from (required with usdPerMonth). */
  readonly source?: string;
  /** With machineType: the machines' boot disk, priced per machine-month (`[<type>:]<size>`, e.g. "pd-ssd:100Gi"); none when absent. */
  readonly bootDisk?: string;
}

/** A per-node add-on fee (agents, licences). */
export interface RawPerNodeFee {
  readonly name: string;
  readonly usdPerNodeMonth: number | string;
  readonly source: string;
}

/** Issue-3 fields of the raw plan input. */
export interface RawDemandAndCostInput {
  /** Users (developers) and envs each: existing envs = users × envsPerUser (disks are billed for all of them). */
  readonly users?: string | number;
  readonly envsPerUser?: string | number;
  /** Share of existing envs running at peak, 0 < r ≤ 1 (peak = ⌈users × envsPerUser × r⌉ when --peak is absent). */
  readonly concurrency?: string | number;
  readonly profile?: RawWeeklyProfile;
  readonly standby?: readonly RawStandby[];
  readonly warmups?: readonly RawWarmup[];
  /** Persistent disk per env (Kubernetes quantity, e.g. "100Gi"). */
  readonly disk?: string;
  /** Storage class per provider, e.g. ["pd-balanced", "StandardSSD_LRS"] (provider inferred from the name). */
  readonly storageClass?: readonly string[];
  /** on-demand | spot | sud | cud-1y | cud-3y | ri-1y | ri-3y | savings-1y | savings-3y */
  readonly pricing?: string;
  /** A zone count ("3") or comma-separated zone names ("us-central1-a,us-central1-b"; Azure "1,2,3"). */
  readonly zones?: readonly string[];
  /** Autoscaler floor (total nodes). */
  readonly minNodes?: string | number;
  readonly scaleDownDelayMinutes?: string | number;
  readonly nodeStartMinutes?: string | number;
  /** Warm target: envs kept free per zone (the buffer is at least 2 × the largest env per zone). */
  readonly warmEnvsPerZone?: string | number;
  /** Start-latency goal in seconds and morning-peak arrivals per minute, for warm capacity. */
  readonly startLatencyGoalSeconds?: string | number;
  readonly arrivalsPerMinute?: string | number;
  /** Cluster tier per provider: gke-standard | aks-free | aks-standard | aks-premium | eks-standard | none. */
  readonly clusterTier?: readonly string[];
  readonly fixed?: readonly RawFixedLine[];
  readonly perNodeFees?: readonly RawPerNodeFee[];
  /** Boot disk of every planned pool (issue 16): `[<type>:]<size>` or `<type>`, one per provider at most (provider by type; a size alone applies to all), e.g. ["pd-ssd:512Gi"]. */
  readonly bootDisk?: readonly string[];
  /** What images and system pods occupy on each node's ephemeral storage (Kubernetes quantity, e.g. "20Gi"). @defaultValue 0 */
  readonly ephemeralReserved?: string;
  /** GKE: use the machine's local SSDs (c3 `-lssd`) as ephemeral storage, as `--ephemeral-storage-local-ssd` does. */
  readonly ephemeralLocalSsd?: boolean;
}
