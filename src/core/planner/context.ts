/** Shared types and constants of the planner's modules (no logic). */
import type { CatalogMachineType, Provider } from "../../catalog/types.js";
import type { AutoscalerBounds } from "../autoscaler.js";
import type { PriceBook } from "../bill/price-book.js";
import type { CostSummary, PricingOption } from "../cost.js";
import type { Series } from "../demand.js";
import type { PlanIssue } from "../issues.js";
import type { Budget } from "../mix/budget.js";
import type { PackShape } from "../mix/instance.js";
import type { LinearSolver } from "../mix/solver.js";
import type { NodeModel } from "../node-model.js";
import type { PlatformId } from "../overhead/types.js";
import type { Resources } from "../resources.js";
import type { PlanOption, Pool } from "./document.js";
import type { LevelPacking, PackContext } from "./pack.js";
import type { ClusterRequest } from "./request.js";

export interface PlannerOptions {
  readonly priceBook: PriceBook;
  /** LP/MIP solver for several env shapes (one shape needs none). */
  readonly solver?: LinearSolver;
  /**
   * Called as each provider's plan begins (`index` from 0, of `count` planned), so a caller can say what a
   * long search is working on (the CLI's progress line, issue 14). The core reads no clock: how long the
   * search has run is the solver adapter's to tell.
   */
  readonly onProvider?: (provider: Provider, index: number, count: number) => void;
}

export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Relative tolerance when comparing bills (float sums of the same lines in another order). */
export const tolerance = 1e-9;

export { isFlagged } from "../machines.js";

/** The demand shared by every provider's plan. */
export interface Demand {
  readonly shapes: readonly PackShape[];
  readonly peaks: readonly number[];
  readonly normals: readonly number[];
  readonly weekly: Series;
  readonly levels: readonly { readonly value: number; readonly minutes: number }[];
  readonly peak: number;
  readonly normal: number;
  readonly existingPerShape: readonly number[];
  readonly developers: number;
  readonly envHours: number;
  /** Shape the warm buffer reserves: the largest (memory, then CPU). */
  readonly bufferShape: number;
}

/** A machine type the planner may use. */
export interface Candidate {
  readonly machine: CatalogMachineType;
  readonly model: NodeModel;
  /** forEnvs as a vector, before any cap. */
  readonly capacity: Resources;
  readonly costPerHour: number;
  readonly named: boolean;
  readonly eligible: boolean;
}

/** A plan evaluated against the bill. */
export interface Evaluated {
  readonly machines: readonly string[];
  readonly cap: number | undefined;
  readonly pools: readonly Pool[];
  readonly placement: PlanOption["placement"];
  readonly autoscaled: CostSummary;
  readonly static: CostSummary;
  readonly applied: PricingOption;
  readonly total: number;
  readonly blastRadius: number;
  readonly nodes: PlanOption["nodes"];
  readonly issues: readonly PlanIssue[];
  readonly optimalPacking: boolean;
}

export interface ProviderContext {
  readonly req: ClusterRequest;
  readonly demand: Demand;
  readonly provider: Provider;
  readonly platform: PlatformId;
  readonly region: string;
  readonly zones: number;
  readonly zoneNames: readonly string[];
  readonly bounds: AutoscalerBounds;
  readonly candidates: ReadonlyMap<string, Candidate>;
  readonly options: PlannerOptions;
  readonly pack: PackContext;
  readonly path: string;
  readonly cache: Map<string, LevelPacking | undefined>;
  /** Several shapes: the provider's time budget; every engine call takes a share of what is left. */
  readonly budget?: Budget;
}
