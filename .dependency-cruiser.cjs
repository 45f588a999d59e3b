/**
 * Import boundaries of cc-plan, checked by `npm run lint:deps` (run by `npm test` through `pretest`).
 *
 *   src/core   pure planning: no adapters, emitters, CLI, and no Node built-in module (node:fs, …);
 *              from src/catalog only types (catalog data comes in as arguments; prices through a PriceBook)
 *   src/emit   renders plans: no adapters, no CLI
 *   src/apps-script  the Google Sheets functions, bundled into a script for Apps Script (scripts/bundle.mjs):
 *              no Node built-in module, no adapters, emitters or CLI (src/core and src/catalog only)
 *   src/       no circular imports (type-only imports count: `tsPreCompilationDeps` below)
 *
 * Paths in the rules are relative to the directory depcruise runs in, so the same file also checks the
 * fixture trees of test/unit/dependency-boundaries.test.ts, which shows that every rule can fail.
 *
 * Known violations: `.dependency-cruiser-known-violations.json` (read by `--ignore-known` in the
 * `lint:deps` script) is empty: the core circles it once listed are gone. It stays so that a future
 * circle inside src/core could be baselined while it is removed, never anything else.
 * test/unit/dependency-boundaries.test.ts fails if an entry of it is anything else (another rule, or a
 * module outside src/core). Once the core circles are gone, empty it (`[]`) or delete it and drop
 * `--ignore-known`. Regenerate it with
 *   npx depcruise src --config .dependency-cruiser.cjs --output-type baseline --output-to .dependency-cruiser-known-violations.json
 */
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-not-to-outer-layers",
      severity: "error",
      comment: "src/core is the pure planner: it must not import adapters (I/O), emitters or the CLI. Pass what it needs in as data or a function.",
      from: { path: "^src/core/" },
      to: { path: "^src/(adapters|emit|cli)/" },
    },
    {
      name: "core-no-node-builtins",
      severity: "error",
      comment: "src/core is pure: no Node built-in module (node:fs, node:process, node:path, …). I/O belongs in src/adapters, process in src/cli.",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-catalog-types-only",
      severity: "error",
      comment: "src/core takes catalog data as arguments and prices through the PriceBook interface: from src/catalog it imports types only (import type), never look-ups or parsers.",
      from: { path: "^src/core/" },
      to: { path: "^src/catalog/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "emit-not-to-adapters-or-cli",
      severity: "error",
      comment: "src/emit renders plans it is given: it must not import adapters (I/O) or the CLI.",
      from: { path: "^src/emit/" },
      to: { path: "^src/(adapters|cli)/" },
    },
    {
      name: "apps-script-no-node-builtins",
      severity: "error",
      comment:
        "src/apps-script is bundled into a Google Sheets script that runs in Apps Script, which has no Node built-in module (node:fs, …); the bundle build fails on one too (scripts/bundle.mjs).",
      from: { path: "^src/apps-script/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "apps-script-not-to-outer-layers",
      severity: "error",
      comment: "src/apps-script computes from src/core and src/catalog with the data the script embeds: no adapters (I/O), emitters or CLI.",
      from: { path: "^src/apps-script/" },
      to: { path: "^src/(adapters|emit|cli)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circles in src/ (type-only imports included). Move what both sides need into a third module.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that cannot be resolved would also hide a boundary violation; fix the specifier.",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports (`import type`) are dependencies too: a circle through types is still a circle.
    tsPreCompilationDeps: true,
    // Import attributes, dynamic import() with literal specifiers and require() are all followed.
    moduleSystems: ["es6", "cjs"],
    // `process.getBuiltinModule("fs")` counts as importing node:fs (rule core-no-node-builtins).
    detectProcessBuiltinModuleCalls: true,
    // Resolve packages through their package.json "exports" as Node does: a subpath that exists only
    // there (csv-stringify/sync, imported by src/emit/table-formats.ts) is otherwise "could not resolve".
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
