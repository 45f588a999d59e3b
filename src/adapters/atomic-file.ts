/**
 * A file written as a stream that appears whole or not at all (`cc-plan batch --out`): the bytes go to a
 * temporary file in the same folder (rename(2) is atomic only within one file system), which is flushed to
 * disk and renamed over the target when everything was written. On any error the temporary file is removed
 * and the target is untouched: no partial output, and an older file of that name stays as it was.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, openSync, renameSync, rmSync, statSync, type WriteStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export interface AtomicFile {
  /** Where the bytes go until {@link AtomicFile.commit}. It owns the temporary file's descriptor (closes it when it ends or is destroyed). */
  readonly stream: WriteStream;
  /** After the stream has finished: wait for it to close (its data flushed to disk), then rename the temporary file over the target. */
  commit(): Promise<void>;
  /** Destroy the stream and remove the temporary file (the target is untouched). Safe after a failed commit. */
  abort(): Promise<void>;
}

/** Why `target` cannot be written, in one line, or undefined when its folder exists. Checked before any work is done. */
export function outputFolderProblem(target: string): string | undefined {
  const folder = dirname(resolve(target));
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
  } catch {
    return `the folder ${folder} does not exist`;
  }
  let isFolder = /[\\/]$/.test(target);
  try {
    isFolder ||= statSync(target).isDirectory();
  } catch {
    // no such file yet: it will be created
  }
  return isFolder ? `${target} is a folder; name a file in it` : undefined;
}

/**
 * Open `<folder>/.<name>.<pid>.<random>.tmp` exclusively (`wx`: never an existing file).
 * @throws the file system's error (no such folder, no permission)
 */
export function openAtomicFile(target: string): AtomicFile {
  const path = resolve(target);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  // Created here, synchronously, so that it exists (and abort can remove it) whatever the stream does next.
  // The stream owns the descriptor: it closes it after 'finish' or when destroyed (closing it here too could
  // close a descriptor number another file has been given since). `flush`: fsync before that close, so the
  // data is on disk before the name points at it.
  const fd = openSync(temp, "wx", 0o666);
  const stream = createWriteStream(temp, { fd, flush: true });
  const closed = (): Promise<void> => (stream.closed ? Promise.resolve() : new Promise((done) => stream.once("close", () => done())));
  return {
    stream,
    async commit() {
      await closed();
      renameSync(temp, path);
    },
    async abort() {
      stream.destroy();
      await closed();
      rmSync(temp, { force: true });
    },
  };
}

/** Write the whole of `text` (or bytes) into an opened atomic file and commit it; on any error the file is aborted (target untouched) and the error rethrown. */
export async function writeWhole(file: AtomicFile, text: string | Uint8Array): Promise<void> {
  try {
    await new Promise<void>((done, failed) => {
      file.stream.once("error", failed);
      file.stream.end(text, () => done());
    });
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/** Write `text` to `target` atomically: appears whole or not at all ({@link openAtomicFile}, {@link writeWhole}). */
export async function writeFileAtomically(target: string, text: string | Uint8Array): Promise<void> {
  await writeWhole(openAtomicFile(target), text);
}
