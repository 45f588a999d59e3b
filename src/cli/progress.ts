/**
 * Progress on stderr for long work (issue 14): `catalog refresh` (pages and rows fetched, per region),
 * mixed plans that search for more than about a second, and `cc-plan batch` (rows planned). Drawn by ora
 * (sindresorhus/ora, MIT, a maintained spinner library), not by hand.
 *
 * Shown only when {@link terminalStyle}'s `cursor` holds (stderr is a terminal that understands cursor
 * control: not a pipe, not a file, not `TERM=dumb`), and never with `--json` (the caller passes
 * `enabled: false`): logs and CI output never get it. ora is loaded only when the line is shown, so a
 * piped or scripted run does not pay for it.
 *
 * ora animates with a timer, which cannot fire while a plan's search runs synchronously (HiGHS solves in
 * WebAssembly on this thread): {@link ProgressLine.update} therefore also redraws at once, at most every
 * {@link redrawMs}, so a synchronous caller that updates often (the solver's tick) keeps the line alive.
 */
import type { Ora } from "ora";
import { type CliIo, terminalStyle } from "./io.js";

/** Least time between two redraws driven by {@link ProgressLine.update} (ms): ora's own frame interval is 80 ms. */
export const redrawMs = 100;

export interface ProgressLine {
  /** Whether anything is drawn (stderr a terminal, not --json). */
  readonly enabled: boolean;
  /** Set the text (shown once `delayMs` have passed since {@link openProgress}). */
  update(text: string): void;
  /** Write a whole line to stderr above the progress line (which is redrawn after it). */
  line(text: string): void;
  /** Erase the progress line for now (ora's timer or the next update draws it again). */
  clear(): void;
  /** Erase the progress line (idempotent); the cursor is shown again. */
  stop(): void;
}

export interface ProgressOptions {
  /** False turns the line off whatever the terminal (e.g. `--json`). */
  readonly enabled?: boolean;
  /** Show nothing before this many ms (a mixed plan's search: 1000, so quick plans never flash a line). */
  readonly delayMs?: number;
  /** The clock (ms), for tests; `Date.now` by default. */
  readonly now?: () => number;
}

/** A stderr-shaped stream over {@link CliIo.stderr}, with the cursor methods of a tty.WriteStream that ora calls. */
function terminalStream(io: CliIo) {
  const write = (text: string): boolean => {
    io.stderr(text);
    return true;
  };
  return {
    isTTY: true,
    // A pseudo-terminal may report 0 columns (`script` without a size): ora would divide by it.
    columns: io.columns !== undefined && io.columns >= 20 ? io.columns : 80,
    write: (chunk: string | Uint8Array): boolean => write(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")),
    // ECMA-48: CHA (cursor horizontal absolute, 1-based), CUU/CUD, EL (erase in line: 0 right, 1 left, 2 all).
    cursorTo: (x: number): boolean => write(x === 0 ? "\r" : `\u001b[${x + 1}G`),
    moveCursor: (_dx: number, dy: number): boolean => (dy === 0 ? true : write(dy < 0 ? `\u001b[${-dy}A` : `\u001b[${dy}B`)),
    clearLine: (dir: number): boolean => write(`\u001b[${dir < 0 ? 1 : dir > 0 ? 0 : 2}K`),
    on: () => undefined,
    once: () => undefined,
    removeListener: () => undefined,
  };
}

const off: ProgressLine = {
  enabled: false,
  update: () => undefined,
  line: () => undefined,
  clear: () => undefined,
  stop: () => undefined,
};

/** A progress line on stderr, or one that draws nothing (see the module comment for when). */
export async function openProgress(io: CliIo, options: ProgressOptions = {}): Promise<ProgressLine> {
  const style = terminalStyle(io);
  if (options.enabled === false || !style.cursor) {
    return { ...off, line: (text: string) => io.stderr(text.endsWith("\n") ? text : `${text}\n`) };
  }
  const { default: ora } = await import("ora");
  const now = options.now ?? Date.now;
  const start = now();
  const delayMs = options.delayMs ?? 0;
  const stream = terminalStream(io);
  const width = Math.max(20, stream.columns - 3);
  // discardStdin: false — `cc-plan batch -` reads its rows from stdin while the line is shown.
  const spinner: Ora = ora({ stream: stream as unknown as NodeJS.WriteStream, isEnabled: true, discardStdin: false, ...(style.color ? {} : { color: false }) });
  let text = "";
  let lastDraw = Number.NEGATIVE_INFINITY;
  let stopped = false;
  // Too long for the terminal: keep the start (what is being done) and the end (the latest count or retry).
  const tail = Math.floor(width / 3);
  const clip = (t: string): string => (t.length <= width ? t : `${t.slice(0, width - tail - 1)}…${t.slice(-tail)}`);
  return {
    enabled: true,
    update(next: string): void {
      if (stopped) return;
      text = next;
      const t = now();
      if (t - start < delayMs) return;
      spinner.text = clip(text);
      if (!spinner.isSpinning) spinner.start();
      else if (t - lastDraw >= redrawMs) spinner.render();
      else return;
      lastDraw = t;
    },
    line(message: string): void {
      const wasSpinning = spinner.isSpinning;
      if (wasSpinning) spinner.clear();
      io.stderr(message.endsWith("\n") ? message : `${message}\n`);
      if (wasSpinning) spinner.render();
    },
    clear(): void {
      if (spinner.isSpinning) spinner.clear();
      lastDraw = Number.NEGATIVE_INFINITY;
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      if (spinner.isSpinning) spinner.stop();
    },
  };
}
