/**
 * A progress line on stderr for long commands (`cc-plan batch`): shown only when stderr is a terminal that
 * understands a carriage return and erase-line (not when stderr is piped or a file, not with TERM=dumb), so
 * logs and CI output never get it. Redrawn at most every 250 ms; erased at the end, and before any other line
 * written to stderr through {@link Progress.line}, so the two never mix.
 */
import type { CliIo } from "./io.js";

const everyMs = 250;
const erase = "\r\u001b[K";

export class Progress {
  private readonly on: boolean;
  private shown = false;
  private last = 0;
  private readonly start = Date.now();

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {
    this.on = io.stderrIsTTY === true && io.env.TERM !== "dumb";
  }

  /** `count` items done so far (drawn on the first call, then at most every 250 ms). */
  tick(count: number): void {
    if (!this.on) return;
    const now = Date.now();
    if (this.shown && now - this.last < everyMs) return;
    this.last = now;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0.5 ? `, ${Math.round(count / seconds).toLocaleString("en-US")}/s` : "";
    this.io.stderr(`${erase}${this.label}: ${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"}${rate}`);
    this.shown = true;
  }

  /** Write a whole line to stderr (the progress line is erased first and redrawn on the next tick). */
  line(text: string): void {
    this.clear();
    this.io.stderr(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** Erase the progress line. */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr(erase);
    this.shown = false;
  }
}
