/**
 * cc-plan public entry: the functions the CLI uses (the CLI adds no logic of its own).
 * @packageDocumentation
 */
export { plan, planExitCode, planVersion, seedMachines } from "./core/plan.js";
export type { Plan, PlanRequest, StrategyResult, StrategyKind, StrategyVariant, MaybeRange } from "./core/plan.js";
export { resolvePlanRequest, resolveDaemonSets, resolveCount, defaultRegion, defaultProviders, maxEnvs } from "./core/resolve-request.js";
export type { RawPlanInput, InputError, Resolved, ExpressionCompiler } from "./core/resolve-request.js";
export { computeNodeModel } from "./core/node-model.js";
export type { NodeModel, NodeModelOptions, NodeResources, ReservationOverrides, Amount, ExpressionVars } from "./core/node-model.js";
export { packOneShape, nodesFor, dimensions } from "./core/packing.js";
export type { Packing, Dimension } from "./core/packing.js";
export { platforms, defaultPlatform, defaultCapacityModel } from "./core/platform.js";
export type { Platform } from "./core/platform.js";
export { platformIds } from "./core/overhead/types.js";
export type { PlatformId, Reservation, MachineFacts, Bound } from "./core/overhead/types.js";
export { gkeReservation, gkeKubeReservedCpu, gkeKubeReservedMemory } from "./core/overhead/gke.js";
export { aksReservation, aksLegacyReservation, aksKubeReservedCpu, aksKubeReservedMemory, aksLegacyKubeReservedMemory } from "./core/overhead/aks.js";
export { eksReservation, eksKubeReservedCpu, eksKubeReservedMemory } from "./core/overhead/eks.js";
export { flatReservation } from "./core/overhead/flat.js";
export { capacityMemoryBytes, gceKernelReservedBytes } from "./core/capacity.js";
export type { CapacityModel } from "./core/capacity.js";
export { defaultDaemonSetOverhead } from "./core/daemonsets.js";
export type { DaemonSetOverhead } from "./core/daemonsets.js";
export { parseCpu, parseMemory, parseCount, quantityForms } from "./core/units/quantity.js";
export type { ParseResult } from "./core/units/quantity.js";
export { parseEnvShape, formatEnvShape, envShapeForms } from "./core/units/env-shape.js";
export type { EnvShape } from "./core/units/env-shape.js";
export type { Millicores, Bytes, MiB } from "./core/units/brands.js";
export type { PlanIssue, IssueCode, Severity } from "./core/issues.js";
export { parseMachinesFile, parsePriceFile } from "./catalog/parse.js";
export { findMachine, catalogRegions, offeringIn, isFlagged } from "./catalog/lookup.js";
export type { Catalogs } from "./catalog/lookup.js";
export type { Catalog, CatalogMachineType, Offering, Provider, CatalogMeta, CatalogSource, CatalogMachinesFile, CatalogPriceFile } from "./catalog/types.js";
export { loadCatalog, loadCatalogs, withSpecs, defaultCatalogDir, CatalogError } from "./adapters/catalog-fs.js";
export type { RegionSelection } from "./adapters/catalog-fs.js";
export { renderPlanJson, renderNodeJson } from "./emit/json.js";
export { renderPlanTable } from "./emit/table.js";
