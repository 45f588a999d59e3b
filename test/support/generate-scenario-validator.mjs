// Vitest global setup: the scenario reader imports the validator that scripts/gen-scenario-validator.mjs
// generates from schema/scenario.schema.json (git-ignored, like dist/). `npm run build` and `npm run
// typecheck` generate it too; this makes `npx vitest run` work in a fresh clone and after a schema edit.
// It rewrites nothing when the generated files are up to date.
import { generateScenarioValidator } from "../../scripts/gen-scenario-validator.mjs";

export default async function setup() {
  await generateScenarioValidator();
}
