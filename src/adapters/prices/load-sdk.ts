/**
 * Loads a price SDK lazily with `require` (createRequire), not `import()`: the CLI runs from a CommonJS
 * bundle compiled through vm.Script (bin/load.cjs, for its V8 code cache), where a dynamic `import()`
 * needs an experimental vm flag, while `require` works there and in ESM alike. The SDKs are CommonJS
 * packages (and Node ≥ 20.19 can require ES modules too). Only `catalog refresh` calls this.
 */
import { createRequire } from "node:module";

export function loadSdk<T>(name: string): T {
  return createRequire(import.meta.url)(name) as T;
}
