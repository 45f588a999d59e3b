/** What the scenario reader returns, and the schema's lists other code names. */

import type { Provider } from "../../catalog/types.js";
import type { RawDemandAndCostInput } from "../../core/demand-types.js";
import type { RawMixOptions } from "../../core/mix-request.js";
import type { RawPreferenceInput } from "../../core/planner/request.js";
import type { RawPlanInput } from "../../core/resolve-request.js";
import { scenarioSchema } from "./generated/scenario-schema.js";

const props = scenarioSchema.properties;

/** What `emit:` may ask for (the CLI's `--emit` kinds), from the schema. */
export const scenarioEmitTargets = props.emit.items.enum;
export type ScenarioEmitTarget = (typeof scenarioEmitTargets)[number];

/** Storage classes a scenario may name, per provider, from the schema (a test checks them against the resolver's). */
export const scenarioStorageClasses = {
  gcp: props.storage.properties.class.properties.gcp.enum,
  azure: props.storage.properties.class.properties.azure.enum,
  aws: props.storage.properties.class.properties.aws.enum,
} as const satisfies Record<Provider, readonly string[]>;

/** Cluster tiers per provider (`none` drops the management-fee line), from the schema. */
export const scenarioClusterTiers = {
  gcp: props.cluster.properties.tier.properties.gcp.enum,
  azure: props.cluster.properties.tier.properties.azure.enum,
  aws: props.cluster.properties.tier.properties.aws.enum,
} as const satisfies Record<Provider, readonly string[]>;

/** The providers a scenario may name, in the order per-provider values are listed, from the schema. */
export const scenarioProviders: readonly Provider[] = props.providers.items.enum;

/** Everything a scenario says, as the raw input the resolver takes. */
export type ScenarioInput = RawPlanInput & RawDemandAndCostInput & RawMixOptions & RawPreferenceInput;

/** A parsed scenario file. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly input: ScenarioInput;
  /** Settings to print (`--emit`), when the file asks for any. */
  readonly emit?: readonly ScenarioEmitTarget[];
  /** A calibration file (`calibration:`), as written in the scenario (relative to it). */
  readonly calibration?: string;
}

/** Why a scenario was rejected: the YAML path (`""` for the file as a whole) and one line for the user. */
export interface ScenarioError {
  readonly path: string;
  /** `scenario <file>[ line N]: <path>: <what is wrong and what is expected>`, one line. */
  readonly message: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

export type ScenarioResult = { ok: true; value: Scenario } | { ok: false; error: ScenarioError };

/** Largest scenario file read; real ones are a few KiB. */
export const maxScenarioBytes = 1024 * 1024;
