/**
 * The chart library, in a module of its own that src/emit/charts/svg.ts imports dynamically: the first
 * chart loads it, and nothing else does. Static imports here, so that the CommonJS bundles (the CLI's
 * dist/bundle/cli.cjs and the library's dist/cjs, built by esbuild with these packages external) turn them
 * into `require` calls run when this module is first imported: the CLI runs in a vm.Script, where a real
 * `import()` of a package fails. Both packages are ES modules without top-level await, so require(esm)
 * loads them (Node >= 20.19).
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export { Plot, parseHTML };
