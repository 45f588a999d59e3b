"use strict";
// Loads the bundled CLI (dist/bundle/cli.cjs) through vm.Script with the V8 code cache written by
// scripts/bundle.mjs. Shared by bin/cc-plan.cjs and the bundler so that both compile exactly the
// same wrapped source (a code cache is only accepted for identical source text).
// A missing, stale or foreign cache (other Node/V8 version) is rejected by V8, which then compiles
// normally: slower, never wrong.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

const file = path.join(__dirname, "..", "dist", "bundle", "cli.cjs");
const cacheFile = `${file}.v8cache`;

function loadCli() {
  let source;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`cc-plan is not built: ${file} is missing; run \`npm run build\``);
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return { run: mod.exports.run, script, cacheFile, cacheRejected: cachedData === undefined || script.cachedDataRejected === true };
}

const chunks = new Map();

/**
 * Loads a CommonJS file bundled beside the CLI (dist/bundle/<name>, required lazily by the bundle, e.g.
 * the scenario validator) with its own V8 code cache (<name>.v8cache, written by scripts/bundle.mjs),
 * once per process. As for the CLI, a missing or rejected cache only costs compile time.
 */
function loadChunk(name) {
  const known = chunks.get(name);
  if (known) return known;
  const chunk = path.join(path.dirname(file), name);
  const source = fs.readFileSync(chunk, "utf8");
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${chunk}.v8cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: chunk, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(chunk), mod, chunk, path.dirname(chunk));
  const loaded = { exports: mod.exports, script, cacheFile: `${chunk}.v8cache`, cacheRejected: cachedData === undefined || script.cachedDataRejected === true };
  chunks.set(name, loaded);
  return loaded;
}

module.exports = { loadCli, loadChunk };
