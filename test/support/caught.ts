/** Awaits a promise that must reject with a RefreshError, and returns the error (fails the test otherwise). */
import { expect } from "vitest";
import { RefreshError } from "../../src/adapters/prices/types.js";

export async function caught(p: Promise<unknown>): Promise<RefreshError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RefreshError);
  return e as RefreshError;
}
