#!/usr/bin/env node
"use strict";
// cc-plan command: a thin shim over the bundled CLI (dist/bundle/cli.cjs, built by `npm run build`),
// loaded with its V8 code cache (see bin/load.cjs and scripts/bundle.mjs).
const { loadCli } = require("./load.cjs");

// A reader that stops early (`cc-plan … | head -1`) closes the pipe: stop quietly, as Unix tools do,
// instead of Node's unhandled 'error' event and stack trace.
// Any other write error (a full disk: ENOSPC, /dev/full; EIO) is one line and exit 74 (sysexits EX_IOERR),
// never a stack trace.
function outputFailed(error) {
  if (error && error.code === "EPIPE") process.exit(0);
  const why = error instanceof Error ? error.message : String(error);
  try {
    process.stderr.write(`cc-plan: cannot write the output: ${why}\n`);
  } finally {
    process.exit(74);
  }
}
process.stdout.on("error", outputFailed);

let cli;
try {
  cli = loadCli();
} catch (error) {
  process.stderr.write(`cc-plan: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
}
if (process.env.CC_PLAN_DEBUG_CACHE) process.stderr.write(`cc-plan: code cache ${cli.cacheRejected ? "not used" : "used"}\n`);
cli
  .run(process.argv.slice(2), {
    stdout: (text) => {
      try {
        process.stdout.write(text);
      } catch (error) {
        outputFailed(error); // a file or device written synchronously throws here
      }
    },
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    stdin: () => process.stdin,
    // Pipes are written synchronously on Linux, but not everywhere: wait for 'drain' when Node buffered the output.
    stdoutDrained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once("drain", resolve)) : Promise.resolve()),
  })
  .then((code) => {
    process.exitCode = code;
  });
