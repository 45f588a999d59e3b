#!/usr/bin/env node
// cc-plan command: a thin shim over the bundled CLI (dist/bundle/cli.js, built by `npm run build`).
import { run } from "../dist/bundle/cli.js";

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
