// Builds the core of the Google Sheets custom functions (`cc-plan sheet --apps-script`, issue 13):
// src/apps-script/sheet-functions.ts with the planner it calls, as one ES2019 script whose only top-level
// statement is `var CCPlan = (() => { … })()` (an IIFE), for Apps Script's V8 runtime. scripts/bundle.mjs
// writes it to dist/apps-script/core.js; `cc-plan sheet` reads that file at run time and puts it between the
// catalog data and the custom functions (src/apps-script/script-file.ts), so the published CLI needs
// neither esbuild nor acorn (both devDependencies).
//
// Two guards make a core that could not run in Apps Script fail the build instead of producing a script:
// - `platform: "neutral"` gives Node built-ins no special treatment, and the plugin below rejects every one
//   (`node:fs`, `fs`, …) by name; .dependency-cruiser.cjs forbids them in src/core and src/apps-script too.
// - the output must parse as an ECMAScript 2019 script (acorn).
// test/sheet/apps-script.test.ts shows the first guard failing on an entry that imports node:fs.

import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { parse as parseScript } from "acorn";
import { build } from "esbuild";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

const noNodeBuiltins = {
  name: "no-node-builtins",
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) =>
      args.path.startsWith("node:") || builtins.has(args.path)
        ? { errors: [{ text: `the Apps Script bundle cannot import the Node built-in "${args.path}" (from ${args.importer})` }] }
        : undefined,
    );
  },
};

/**
 * BigInt literals (`1n`, ES2020; exact integer arithmetic in src/core/units/quantity.ts, capacity.ts and
 * mix/bounds.ts) are the one newer syntax esbuild cannot lower to ES2019: they become `BigInt("1")` calls,
 * found by parsing the output with acorn. Same value; the BigInt function is a built-in of Apps Script's V8
 * runtime. The result must then parse as an ES2019 script, or this throws.
 */
export function withoutBigIntLiterals(code) {
  const literals = [];
  const walk = (node) => {
    if (node.type === "Literal" && typeof node.bigint === "string") literals.push(node);
    for (const v of Object.values(node))
      for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child === "object" && typeof child.type === "string") walk(child);
  };
  walk(parseScript(code, { ecmaVersion: 2020, sourceType: "script" }));
  let out = code;
  for (const n of literals.sort((a, b) => b.start - a.start)) out = `${out.slice(0, n.start)}BigInt("${n.bigint}")${out.slice(n.end)}`;
  parseScript(out, { ecmaVersion: 2019, sourceType: "script" });
  return out;
}

/**
 * The core's text. `stdin` (esbuild's: contents, resolveDir, loader) replaces the entry, for the test that
 * shows the build refusing a Node built-in. Rejects (esbuild's error) when the build fails.
 */
export async function buildAppsScriptCore(options = {}) {
  const result = await build({
    ...(options.stdin ? { stdin: options.stdin } : { entryPoints: ["src/apps-script/sheet-functions.ts"] }),
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    format: "iife",
    globalName: "CCPlan",
    platform: "neutral",
    target: "es2019",
    supported: { bigint: true },
    minify: true,
    legalComments: "none",
    logLevel: options.logLevel ?? "warning",
    plugins: [noNodeBuiltins],
  });
  return withoutBigIntLiterals(result.outputFiles[0].text);
}
