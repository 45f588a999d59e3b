/** Runs the CLI in-process (injected io) or as a real child process of the built bin. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export async function runInProcess(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** The real `cc-plan` bin (built by `npm test`'s pretest step) in a child process. */
export function runChild(argv: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, ["bin/cc-plan.cjs", ...argv], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
