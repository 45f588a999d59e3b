// Types of scripts/gen-scenario-validator.mjs, for the tests that compile the schema file with the same options.
import type { Options } from "ajv";

/** Ajv options of the generated validator. */
export declare const ajvOptions: Options;
/** The schema with every `$ref` replaced by the `$defs` entry it names; `refSites` maps each former $ref's schemaPath to that entry. */
export declare function inlineRefs(schema: object): { schema: object; defs: Record<string, object>; refSites: Record<string, string> };
/** Writes src/adapters/scenario/generated/ unless it is up to date; true when it wrote. */
export declare function generateScenarioValidator(options?: { force?: boolean }): Promise<boolean>;
