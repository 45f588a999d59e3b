/** What a CLI run may touch, injected so tests run it in-process (infracost / house style §5). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour on unless NO_COLOR). */
  readonly isTTY: boolean;
  /** Terminal width when stdout is a terminal; tables fit it (100 otherwise). */
  readonly columns?: number | undefined;
}

/** A usage or input error: one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
