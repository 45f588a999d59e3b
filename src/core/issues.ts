/**
 * Plan issues: coded data with a rendered one-line message. User mistakes and impossible plans become
 * issues, never exceptions (house style §5 "Errors"). Codes are snake_case and stable.
 */
export type Severity = "error" | "warning" | "info";

export type IssueCode =
  | "env_does_not_fit"
  | "no_machine_fits"
  | "price_not_found"
  | "machine_flagged"
  | "flagged_types_excluded"
  | "no_multi_env_machine"
  | "guide_claim_does_not_hold"
  | "naive_sizing_short"
  | "node_sized_env_does_not_fit"
  | "allocatable_exhausted"
  | "max_pods_assumed"
  | "peak_raised"
  | "pricing_not_applicable"
  | "discount_estimated"
  | "disk_not_priced"
  | "demand_assumed"
  | "env_fits_no_machine"
  | "no_single_pool"
  | "optimum_not_proven"
  | "spot_preemption"
  | "capacity_estimated"
  | "prices_old"
  | "os_disk_not_priced"
  | "min_nodes_above_peak"
  | "calibration_applied"
  | "calibration_unpriced";

export interface PlanIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Where in the plan it applies, e.g. `strategies[2]` or `inputs.machines[0]`. */
  readonly path: string;
  readonly message: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** Build an issue. */
export function issue(code: IssueCode, severity: Severity, path: string, message: string, details: PlanIssue["details"] = {}): PlanIssue {
  return { code, severity, path, message, details };
}

/** True when any issue has error severity (the CLI then exits 1). */
export function hasErrors(issues: readonly PlanIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
