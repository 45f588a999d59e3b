/**
 * Read a stream whole, up to a bound: an input past it is refused with the caller's error instead of being
 * held in memory (and V8's ~512 MiB string limit turning into a crash). Works for Node streams (stdin) and
 * web streams (fetch bodies): both are async iterables, and leaving the loop early cancels the source.
 */
export async function readBounded(source: AsyncIterable<Uint8Array | string>, limit: number, tooLarge: () => Error): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of source) {
    const b = typeof c === "string" ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    size += b.length;
    if (size > limit) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}
