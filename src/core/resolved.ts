/** The result of resolving raw input: a value, or a usage error naming the field (exit code 2 at the CLI). */

/** A usage error: the flag (or field) and a one-line message naming the accepted forms. */
export interface InputError {
  readonly field: string;
  readonly message: string;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: InputError };
