/**
 * cc-plan public entry: the functions the CLI uses (the CLI adds no logic of its own).
 * @packageDocumentation
 */
// The one planner (issue 10): one request for 1..n env shapes → one plan document.

export type { RegionSelection } from "./adapters/catalog-fs.js";
export { CatalogError, defaultCatalogDir, loadCatalog, loadCatalogs, loadFeeCatalog, loadStorageCatalog, withSpecs } from "./adapters/catalog-fs.js";
export { highsSolver, loadHighsSolver } from "./adapters/highs-solver.js";
// Issue 14: charts of a plan (data from the plan document; SVG drawn by Observable Plot + linkedom, loaded lazily).
export type { PlanChartData } from "./adapters/plan-charts.js";
export { planChartData, planNodeModels } from "./adapters/plan-charts.js";
export type { Scenario, ScenarioResult } from "./adapters/scenario-file.js";
export { parseScenarioText, readScenarioFile } from "./adapters/scenario-file.js";
export type { Catalogs } from "./catalog/lookup.js";
export { catalogRegions, findMachine, isFlagged, offeringIn } from "./catalog/lookup.js";
export { parseMachinesFile, parsePriceFile } from "./catalog/parse.js";
export type { PricingData } from "./catalog/price-book.js";
export { catalogPriceBook } from "./catalog/price-book.js";
export { clusterFee, diskPrice, storageClassIds } from "./catalog/storage-lookup.js";
export type { ClusterFee, DiskPriceResult, FeeCatalog, StorageCatalog } from "./catalog/storage-types.js";
export type { Catalog, CatalogMachinesFile, CatalogMachineType, CatalogMeta, CatalogPriceFile, CatalogSource, Offering, Provider } from "./catalog/types.js";
export type { PlanCharts } from "./charts.js";
export { planCharts } from "./charts.js";
export type { AutoscalerBounds, AutoscalerInput } from "./core/autoscaler.js";
export { autoscalerBounds, defaultNodeStartMinutes, defaultScaleDownDelayMinutes, latencyWarmEnvsPerZone, placeholderPriority } from "./core/autoscaler.js";
export type { BillOfMaterials, PoolUsage, PricedBill } from "./core/bill/bill.js";
export { defaultBootDisk, eksDefaultBootDisk, gkeDefaultBootDisk, objectiveRate, priceBill } from "./core/bill/bill.js";
export type { PriceBook } from "./core/bill/price-book.js";
export type { CapacityEstimate, CapacityModel } from "./core/capacity.js";
export { capacityEstimate, capacityMemoryBytes, gceKernelReservedBytes } from "./core/capacity.js";
export type {
  CapacitySegment,
  CostBreakdown,
  CostBreakdownLine,
  CostCurve,
  CostCurvePoint,
  CostCurveSeries,
  NodeModelsByType,
  PoolCapacity,
} from "./core/charts/data.js";
export { costBreakdown, costCurveMachineTypes, costCurvePoint, poolCapacity, recommendedOption, scaleShapes, sweepPeaks } from "./core/charts/data.js";
export type { CostCurveOptions } from "./core/charts/sweep.js";
export { costCurves } from "./core/charts/sweep.js";
export type { ComputeCostInput, CostLine, CostSummary, PricingOption } from "./core/cost.js";
export { azureDiscounts, computeCost, pricingOptions, sudFactor, sudRates, summarize } from "./core/cost.js";
export type { DaemonSetOverhead } from "./core/daemonsets.js";
export { defaultDaemonSetOverhead } from "./core/daemonsets.js";
export type { DemandSpec, Segment, Series, Standby, Warmup, WeeklyProfile } from "./core/demand.js";
// Issue 3: demand over time, cost, autoscaler bounds, settings emitters, scenarios.
export {
  autoscaledNodes,
  compress,
  constantSeries,
  envHoursPerMonth,
  envsPerZone,
  hourlyPeaks,
  hoursPerMonth,
  instanceMinutes,
  minutesPerWeek,
  nodeHoursPerMonth,
  nodesForEnvs,
  nodesNeeded,
  weeklyDemand,
  weeklyDemandMinutes,
} from "./core/demand.js";
export type { DaySet, RawDemandAndCostInput, RawFixedLine, RawPerNodeFee, RawStandby, RawWarmup, RawWeeklyProfile } from "./core/demand-types.js";
export type { IssueCode, PlanIssue, Severity } from "./core/issues.js";
export { l1Bound, l2Bound } from "./core/mix/bounds.js";
export type { BaselineSolution, MixSolution, MixSolveOptions, MixStatus, MixVariants } from "./core/mix/engine.js";
export { greedyBaseline, nodeBounds, solveMix } from "./core/mix/engine.js";
export type { FfdKey, NodeRun } from "./core/mix/ffd.js";
export { bestFfd, ffd, ffdKeys, ffdOrder } from "./core/mix/ffd.js";
export type { PackGroup, PackInstance, PackMachine, PackShape, Vec } from "./core/mix/instance.js";
export { fitsCounts, maxFit, zoneGroups } from "./core/mix/instance.js";
export type { PlacedRun } from "./core/mix/placement.js";
export type { LinearModel, LinearSolver, LpAnswer, MipAnswer, MipOptions } from "./core/mix/solver.js";
export type { MixRequest, MixShapeRequest, RawEnvDemand, RawMixOptions } from "./core/mix-request.js";
// Issue 5: the mixed-shape packing engine (the planner uses it for several env shapes).
export { defaultTimeLimitSeconds, mixEnvForms, resolveMixRequest, splitEnvFlag } from "./core/mix-request.js";
export type { Amount, ExpressionVars, NodeModel, NodeModelOptions, NodeResources, ReservationOverrides } from "./core/node-model.js";
export { computeNodeModel } from "./core/node-model.js";
export { aksKubeReservedCpu, aksKubeReservedMemory, aksLegacyKubeReservedMemory, aksLegacyReservation, aksReservation } from "./core/overhead/aks.js";
export { eksKubeReservedCpu, eksKubeReservedMemory, eksReservation } from "./core/overhead/eks.js";
export { flatReservation } from "./core/overhead/flat.js";
export { gkeKubeReservedCpu, gkeKubeReservedMemory, gkeReservation } from "./core/overhead/gke.js";
export type { Bound, MachineFacts, PlatformId, Reservation } from "./core/overhead/types.js";
export { platformIds } from "./core/overhead/types.js";
export type { Dimension, Packing } from "./core/packing.js";
export { dimensions, nodesFor, packOneShape } from "./core/packing.js";
export type { NodeRun as PlanNodeRun, OptionKind, PlanDocument, PlanOption, Pool, PoolNode, ProviderPlan, ShapeDoc } from "./core/planner/document.js";
export { planVersion } from "./core/planner/document.js";
export type { PlannerOptions } from "./core/planner/planner.js";
export { planCluster, planExitCode, poolName } from "./core/planner/planner.js";
export { poolSettings, recommendedPoolSettings } from "./core/planner/pool-settings.js";
export type { PriceDate, PriceItem } from "./core/planner/price-age.js";
export { ageInDays, priceDatesOf, stalePriceDays } from "./core/planner/price-age.js";
export type { ClusterRequest, RawPreferenceInput, RawRequest, ShapeDemand } from "./core/planner/request.js";
export { defaultWithinPercent, resolveRequest } from "./core/planner/request.js";
export type { Platform } from "./core/platform.js";
export { defaultCapacityModel, defaultPlatform, platforms } from "./core/platform.js";
export type { ReservationField, ReservationUnit } from "./core/reservation-rules.js";
export { expressionForms, expressionFunctions, maxExpressionDepth, maxExpressionLength } from "./core/reservation-rules.js";
export type { Costing, ZoneSpec } from "./core/resolve-costing.js";
export { defaultCosting, resolveCosting } from "./core/resolve-costing.js";
export type { ExpressionCompiler, InputError, PlanRequest, RawPlanInput, Resolved } from "./core/resolve-request.js";
export { defaultProviders, defaultRegion, maxEnvs, resolveCount, resolveDaemonSets, resolvePlanRequest } from "./core/resolve-request.js";
export { InputRejectedError } from "./core/resolved.js";
export type { Bytes, MiB, Millicores } from "./core/units/brands.js";
export type { EnvShape } from "./core/units/env-shape.js";
export { envShapeForms, formatEnvShape, parseEnvShape } from "./core/units/env-shape.js";
export type { ParseResult } from "./core/units/quantity.js";
export { parseCount, parseCpu, parseMemory, quantityForms } from "./core/units/quantity.js";
export type { BillBar, BillComparison, ChartSvgOptions } from "./emit/charts/svg.js";
export { chartColors, renderBillComparisonSvg, renderCapacitySvg, renderCostBreakdownSvg, renderCostCurveSvg, segmentColors } from "./emit/charts/svg.js";
export type { MaybeRange } from "./emit/format.js";
export { renderNodeJson, renderPlanDocumentJson } from "./emit/json.js";
export type { TextOptions } from "./emit/plan-text.js";
export { renderPlanText } from "./emit/plan-text.js";
export type { NodePoolSettings } from "./emit/settings.js";
export type { SettingsKind } from "./emit/settings-emit.js";
export { emitPlanSettings, emitSettings, settingsKinds } from "./emit/settings-emit.js";
export type { PlanCallOptions } from "./plan.js";
export { PlanInputError, plan } from "./plan.js";
