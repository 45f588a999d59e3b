/**
 * Issue 12: FORCE_COLOR, NO_COLOR and TERM=dumb decide what the CLI writes besides plain text (README
 * "Usage", colour and the terminal; src/cli/io.ts terminalStyle). The table's styling (bold, dim) is the
 * only colour; `catalog refresh` rewrites its progress line with `\r` and erase-line on a terminal only.
 * First match wins: NO_COLOR (not empty) → none; FORCE_COLOR 0/false → none; FORCE_COLOR 1/2/3/true/"" →
 * colour even into a pipe; TERM=dumb → none; else colour on a terminal. TERM=dumb (or stderr not a
 * terminal) → no cursor control at all. The visible text never changes, so a pipe gets the first screen.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { repoRoot, runInProcess } from "../support/cli.js";
import { type ReplayServer, startReplayServer } from "../support/replay-server.js";

const headline = ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--today", "2026-12-04"];
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts every ANSI sequence
const ansi = /\u001b\[/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts every ANSI sequence
const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");

describe("colour of the plan table", () => {
  const cases: [what: string, env: Record<string, string>, tty: boolean, colour: boolean][] = [
    ["piped, nothing set: plain (the first screen as before)", {}, false, false],
    ["a terminal, nothing set: colour", { TERM: "xterm-256color" }, true, true],
    ["piped, FORCE_COLOR=1: colour", { FORCE_COLOR: "1" }, false, true],
    ["piped, FORCE_COLOR=2: colour", { FORCE_COLOR: "2" }, false, true],
    ["piped, FORCE_COLOR=3: colour", { FORCE_COLOR: "3" }, false, true],
    ["piped, FORCE_COLOR=true: colour", { FORCE_COLOR: "true" }, false, true],
    ["piped, FORCE_COLOR empty: colour (as Node and chalk read it)", { FORCE_COLOR: "" }, false, true],
    ["a terminal, FORCE_COLOR=0: plain", { FORCE_COLOR: "0" }, true, false],
    ["a terminal, FORCE_COLOR=false: plain", { FORCE_COLOR: "false" }, true, false],
    ["piped, FORCE_COLOR=yes (not a known value): ignored, plain", { FORCE_COLOR: "yes" }, false, false],
    ["a terminal, NO_COLOR=1: plain", { NO_COLOR: "1" }, true, false],
    ["a terminal, NO_COLOR empty: ignored (no-color.org), colour", { NO_COLOR: "" }, true, true],
    ["piped, NO_COLOR=1 and FORCE_COLOR=1: NO_COLOR wins, plain", { NO_COLOR: "1", FORCE_COLOR: "1" }, false, false],
    ["a terminal, TERM=dumb: plain", { TERM: "dumb" }, true, false],
    ["a terminal, TERM=dumb and FORCE_COLOR=1: the explicit request wins, colour", { TERM: "dumb", FORCE_COLOR: "1" }, true, true],
  ];
  for (const [what, env, tty, colour] of cases)
    it(what, async () => {
      const plain = await runInProcess(headline, {}, { columns: 100 });
      const r = await runInProcess(headline, env, { columns: 100, isTTY: tty });
      expect(r.code).toBe(0);
      expect(ansi.test(r.stdout)).toBe(colour);
      expect(strip(r.stdout)).toBe(plain.stdout); // the same text, styled or not
    });

  it("through the real bin into a pipe: plain, and coloured with FORCE_COLOR=1", () => {
    const piped = spawnSync(process.execPath, ["bin/cc-plan.cjs", ...headline], { cwd: repoRoot, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    expect(piped.status).toBe(0);
    expect(ansi.test(piped.stdout)).toBe(false);
    const forced = spawnSync(process.execPath, ["bin/cc-plan.cjs", ...headline], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", FORCE_COLOR: "1" },
    });
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(ansi);
    expect(strip(forced.stdout)).toBe(piped.stdout);
  });

  it("through the real bin on a pseudo-terminal (script): colour, and none with TERM=dumb", () => {
    const onTty = (term: string): string => {
      const cmd = `${process.execPath} bin/cc-plan.cjs ${headline.join(" ")}`;
      const r = spawnSync("script", ["-qec", cmd, "/dev/null"], { cwd: repoRoot, encoding: "utf8", env: { PATH: process.env.PATH ?? "", TERM: term } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(onTty("xterm")).toMatch(ansi);
    const dumb = onTty("dumb");
    expect(dumb).toContain("Recommended:");
    expect(ansi.test(dumb)).toBe(false);
  });
});

describe("catalog refresh progress: cursor control only on a terminal that is not dumb", () => {
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A refresh whose API answers 500: one retry, so one progress line, then exit 1. */
  async function refresh(env: Record<string, string>, tty: { stdout: boolean; stderr?: boolean }): Promise<{ code: number; stderr: string }> {
    server = await startReplayServer([{ path: "/api/retail/prices", respond: { status: 500, body: { error: "boom" } } }]);
    const out = mkdtempSync(join(tmpdir(), "cc-plan-terminal-"));
    let stderr = "";
    const code = await run(
      [
        ...["catalog", "refresh", "--provider", "azure", "--regions", "eastus", "--out", out],
        ...["--azure-prices-endpoint", `${server.baseUrl}/api/retail/prices`, "--retries", "1", "--backoff-ms", "400", "--timeout-ms", "2000"],
      ],
      {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: { CC_PLAN_NOW: "2026-12-04T10:00:00Z", ...env },
        isTTY: tty.stdout,
        ...(tty.stderr === undefined ? {} : { stderrIsTTY: tty.stderr }),
      },
    );
    return { code, stderr };
  }

  it("a terminal: the progress line is rewritten in place", async () => {
    const r = await refresh({ TERM: "xterm" }, { stdout: true, stderr: true });
    expect(r.code).toBe(1);
    // drawn by ora (src/cli/progress.ts): carriage return and erase-line, the provider named, then erased
    expect(r.stderr).toContain("\r\u001b[0K");
    expect(r.stderr).toMatch(/\r[^\r\n]*catalog refresh azure: .*retry 1\/1/);
    expect(r.stderr).toMatch(new RegExp(`${String.fromCharCode(27)}\\[\\?25h\n?cc-plan: catalog refresh azure: `));
  });

  it("TERM=dumb on a terminal: no \\r and no escape sequence", async () => {
    const r = await refresh({ TERM: "dumb" }, { stdout: true, stderr: true });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(ansi);
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr.trim().split("\n")).toHaveLength(1); // the error line only
  });

  it("stderr into a file while stdout is a terminal: no cursor control in the file", async () => {
    const r = await refresh({ TERM: "xterm" }, { stdout: true, stderr: false });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(ansi);
    expect(r.stderr).not.toContain("\r");
  });

  it("FORCE_COLOR does not bring cursor control into a pipe", async () => {
    const r = await refresh({ FORCE_COLOR: "1" }, { stdout: false, stderr: false });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("\r");
  });
});
