/** The result of resolving raw input: a value, or a usage error naming the field (exit code 2 at the CLI). */

/** A usage error: the flag (or field) and a one-line message naming the accepted forms. */
export interface InputError {
  readonly field: string;
  readonly message: string;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: InputError };

/**
 * Bad input that shows only while planning, e.g. a reservation expression that fails on one machine
 * type: thrown through the planner (it cannot return a {@link Resolved}), and caught at the boundary —
 * the CLI exits 2 with its one-line message, the library's `plan()` throws a `PlanInputError`.
 */
export class InputRejectedError extends Error {
  override readonly name = "InputRejectedError";
  constructor(
    /** The flag or field, as the message names it (e.g. `--kube-reserved-cpu`, or a scenario's key). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
