/** What a CLI run may touch, injected so tests run it in-process (infracost / house style §5). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour on unless the environment says otherwise: {@link terminalStyle}). */
  readonly isTTY: boolean;
  /** Whether stderr is a terminal (progress lines rewritten in place; `cc-plan batch` shows its progress only then, and not with TERM=dumb); undefined = as stdout. */
  readonly stderrIsTTY?: boolean | undefined;
  /** Terminal width when stdout is a terminal; tables fit it (100 otherwise). */
  readonly columns?: number | undefined;
  /** Standard input, for `cc-plan batch -` (absent: `-` is a usage error); a function so that only a command reading it opens it. */
  readonly stdin?: (() => NodeJS.ReadableStream) | undefined;
  /**
   * Resolves when what was written to stdout has been taken by the reader (a pipe's buffer drained), so a
   * long stream (`cc-plan batch`) waits for a slow reader instead of buffering its whole output. Absent: no wait.
   */
  readonly stdoutDrained?: (() => Promise<void>) | undefined;
}

/**
 * What the CLI may write besides plain text (README "Usage", colour and the terminal):
 * - `color` (bold and dim in the table, on stdout), first match wins: `NO_COLOR` set and not empty → off;
 *   `FORCE_COLOR` `0`/`false` → off; `FORCE_COLOR` `1`/`2`/`3`/`true`/empty → on, even into a pipe (an
 *   explicit request beats the terminal type); `TERM=dumb` → off; else on when stdout is a terminal.
 *   Other `FORCE_COLOR` values are ignored.
 * - `cursor` (a progress line rewritten in place with `\r` and erase-line, on stderr): stderr is a terminal
 *   and `TERM` is not `dumb`. Colour settings do not turn it on: a pipe or a log file never gets it.
 */
export function terminalStyle(io: Pick<CliIo, "env" | "isTTY" | "stderrIsTTY">): { color: boolean; cursor: boolean } {
  const env = io.env;
  const dumb = env.TERM === "dumb";
  const force = env.FORCE_COLOR?.trim().toLowerCase();
  const forced = force === undefined ? undefined : ["0", "false"].includes(force) ? false : ["", "1", "2", "3", "true"].includes(force) ? true : undefined;
  const color = env.NO_COLOR !== undefined && env.NO_COLOR !== "" ? false : (forced ?? (!dumb && io.isTTY));
  return { color, cursor: (io.stderrIsTTY ?? io.isTTY) && !dumb };
}

/** A usage or input error: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The output cannot be written (a full disk, a file that cannot be renamed into place): one line, exit code 74 (sysexits EX_IOERR), as bin/cc-plan.cjs does for stdout. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

/**
 * The current time: `CC_PLAN_NOW` (for reproducible runs) as given, or the clock, as ISO 8601. Only a
 * date `YYYY-MM-DD` or a date-time with seconds and a zone (`2026-12-04T10:00:00Z`, `…+01:00`) is
 * accepted: `Date.parse` alone takes "1" for 2001-01-01, which a catalog would then carry as its date.
 */
export function nowOf(env: Readonly<Record<string, string | undefined>>): string {
  const now = env.CC_PLAN_NOW;
  if (now === undefined) return new Date().toISOString();
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.test(now);
  if (!iso || Number.isNaN(Date.parse(now))) throw new UsageError(`CC_PLAN_NOW "${now}": expected an ISO 8601 time, e.g. 2026-12-04T10:00:00Z or 2026-12-04`);
  return now;
}

/** Today's UTC date, YYYY-MM-DD: from {@link nowOf}. */
export function todayOf(env: Readonly<Record<string, string | undefined>>): string {
  return new Date(Date.parse(nowOf(env))).toISOString().slice(0, 10);
}
