/**
 * Scenario files (`cc-plan --scenario file.yaml`), validated by schema/scenario.schema.json. The reader
 * lives in src/adapters/scenario/ (read.ts says how); this module is its public face, imported by the
 * CLI (lazily, only for --scenario) and by the library's index.
 */
export { parseScenarioText, readScenarioFile } from "./scenario/read.js";
export {
  maxScenarioBytes,
  type Scenario,
  type ScenarioEmitTarget,
  type ScenarioError,
  type ScenarioInput,
  type ScenarioResult,
  scenarioClusterTiers,
  scenarioEmitTargets,
  scenarioStorageClasses,
} from "./scenario/types.js";
