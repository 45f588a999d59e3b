/**
 * Writing a refreshed catalog as one transaction, and one writer at a time (issue 12).
 *
 * Before: each file went to a `.tmp-PID` sibling and was renamed into place; a rename failing midway
 * (EBUSY) left one price file new and the storage file old plus a temporary behind, a full disk left an
 * empty temporary, and eight concurrent refreshes each adding a region all exited 0 while the provider
 * index kept only 2–3 of the new regions (each read the index before another wrote it).
 *
 * Now:
 * - **Lock.** `catalogLock` creates `<dir>/.refresh.lock` exclusively (O_EXCL) holding the pid and the
 *   start time. A refresh holds it only while it reads the current catalog, merges and writes (never
 *   while it fetches), so concurrent refreshes fetch in parallel and then merge one after the other:
 *   every update is kept. A waiting refresh polls for up to `waitMs` (default 60 s), then fails with one
 *   line naming the holder. A lock whose pid is not running (a killed refresh) is taken over.
 * - **Staging.** `writeCatalogTransaction` writes every file under `<dir>/.refresh-staging-<pid>/`
 *   (same filesystem, so renames are atomic), each flushed with fsync. Any failure there removes the
 *   staging folder: the catalog was never touched.
 * - **Switch with a journal.** It then writes `<dir>/.refresh-backup-<pid>/journal.json` (the files it
 *   will replace, and whether each existed), moves each old file into the backup folder and the staged
 *   file into place. If a step fails, it moves every old file back (and removes files that did not exist
 *   before), removes both folders and reports the cause: the catalog is as before. If the process dies
 *   midway (SIGKILL, power), the next refresh of that folder finds the journal of a dead pid and rolls
 *   it back before it starts (`recoverInterrupted`).
 * No `.tmp-*`, staging or backup file is left behind on success or on a handled failure.
 */
import * as nodeFs from "node:fs";
import { dirname, join } from "node:path";
import { RefreshError } from "./types.js";

/** The file-system calls the transaction makes (tests inject failures: EBUSY on a rename, ENOSPC on a write). */
export interface TransactionFs {
  readonly openSync: typeof nodeFs.openSync;
  readonly writeSync: (fd: number, data: string) => number;
  readonly fsyncSync: typeof nodeFs.fsyncSync;
  readonly closeSync: typeof nodeFs.closeSync;
  readonly renameSync: typeof nodeFs.renameSync;
  readonly mkdirSync: typeof nodeFs.mkdirSync;
  readonly rmSync: typeof nodeFs.rmSync;
  readonly existsSync: typeof nodeFs.existsSync;
  readonly readFileSync: typeof nodeFs.readFileSync;
  readonly readdirSync: typeof nodeFs.readdirSync;
  readonly unlinkSync: typeof nodeFs.unlinkSync;
}

export const realFs: TransactionFs = {
  openSync: nodeFs.openSync,
  writeSync: (fd, data) => nodeFs.writeSync(fd, data),
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  renameSync: nodeFs.renameSync,
  mkdirSync: nodeFs.mkdirSync,
  rmSync: nodeFs.rmSync,
  existsSync: nodeFs.existsSync,
  readFileSync: nodeFs.readFileSync,
  readdirSync: nodeFs.readdirSync,
  unlinkSync: nodeFs.unlinkSync,
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Whether a process with this pid is running (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** Write `data` to `path` and flush it to the disk before closing (a full disk fails here, not later). */
function writeDurably(fs: TransactionFs, path: string, data: string): void {
  const fd = fs.openSync(path, "w");
  try {
    let off = 0;
    while (off < data.length) {
      const chunk = data.slice(off, off + 65536);
      fs.writeSync(fd, chunk);
      off += chunk.length;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

interface Journal {
  readonly pid: number;
  readonly files: readonly { readonly name: string; readonly existed: boolean }[];
}

/**
 * Write `files` (path relative to `dir` → content) into `dir` all or nothing. Throws a RefreshError with
 * one line naming the cause; the catalog is then as before and no temporary file remains.
 */
export function writeCatalogTransaction(dir: string, files: Readonly<Record<string, string>>, fs: TransactionFs = realFs): void {
  const names = Object.keys(files).sort(cmp);
  if (names.length === 0) return;
  const staging = join(dir, `.refresh-staging-${process.pid}`);
  const backup = join(dir, `.refresh-backup-${process.pid}`);
  try {
    for (const name of names) {
      const path = join(staging, name);
      fs.mkdirSync(dirname(path), { recursive: true });
      writeDurably(fs, path, files[name] ?? "");
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new RefreshError(`writing the catalog failed (${why(e)}); the previous catalog is unchanged`);
  }
  const done: { name: string; existed: boolean }[] = [];
  let current = names[0] as string;
  try {
    const journal: Journal = { pid: process.pid, files: names.map((name) => ({ name, existed: fs.existsSync(join(dir, name)) })) };
    fs.mkdirSync(backup, { recursive: true });
    writeDurably(fs, join(backup, "journal.json"), `${JSON.stringify(journal)}\n`);
    for (const f of journal.files) {
      current = f.name;
      const target = join(dir, f.name);
      if (f.existed) {
        fs.mkdirSync(dirname(join(backup, f.name)), { recursive: true });
        fs.renameSync(target, join(backup, f.name));
      } else fs.mkdirSync(dirname(target), { recursive: true });
      done.push(f);
      fs.renameSync(join(staging, f.name), target);
    }
  } catch (e) {
    const failed = current;
    const restored = rollBack(dir, backup, done, fs);
    fs.rmSync(staging, { recursive: true, force: true });
    if (restored) {
      fs.rmSync(backup, { recursive: true, force: true });
      throw new RefreshError(`switching the new catalog files into place failed at ${failed} (${why(e)}); the previous catalog was restored`);
    }
    throw new RefreshError(
      `switching the new catalog files into place failed at ${failed} (${why(e)}) and restoring failed too: the previous files are in ${backup} (journal.json lists them)`,
    );
  }
  fs.rmSync(backup, { recursive: true, force: true });
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Undo the switched files (newest first). True when every old file is back. */
function rollBack(dir: string, backup: string, done: readonly { name: string; existed: boolean }[], fs: TransactionFs): boolean {
  let ok = true;
  for (const f of [...done].reverse()) {
    const target = join(dir, f.name);
    try {
      if (f.existed) {
        // The old file is in the backup unless its own move failed (then it never left its place).
        if (fs.existsSync(join(backup, f.name))) fs.renameSync(join(backup, f.name), target);
      } else fs.rmSync(target, { force: true });
    } catch {
      ok = false;
    }
  }
  return ok;
}

/**
 * Roll back what a refresh that died midway left in `dir` (its journal names a pid that is not running),
 * and remove staging folders of dead refreshes. Returns a sentence per recovery for the summary.
 */
export function recoverInterrupted(dir: string, fs: TransactionFs = realFs): string[] {
  const notes: string[] = [];
  if (!fs.existsSync(dir)) return notes;
  for (const entry of fs.readdirSync(dir).map(String).sort(cmp)) {
    const m = /^\.refresh-(staging|backup)-(\d+)$/.exec(entry);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    const path = join(dir, entry);
    if (m[1] === "backup") {
      const journalPath = join(path, "journal.json");
      if (fs.existsSync(journalPath)) {
        const journal = JSON.parse(String(fs.readFileSync(journalPath, "utf8"))) as Journal;
        if (!rollBack(dir, path, journal.files, fs))
          throw new RefreshError(
            `an interrupted refresh (pid ${pid}) left ${path} and it could not be rolled back; restore the files listed in its journal.json`,
          );
        notes.push(`rolled back an interrupted refresh (pid ${pid}): ${journal.files.length} file(s) restored`);
      }
    }
    fs.rmSync(path, { recursive: true, force: true });
  }
  return notes;
}

/** A held lock: release it when done (also on failure). */
export interface CatalogLock {
  release(): void;
}

/**
 * Take `<dir>/.refresh.lock`, waiting up to `waitMs` for another refresh to release it (polling every
 * `pollMs`). A lock left by a process that is no longer running is taken over.
 */
export async function catalogLock(
  dir: string,
  options: { readonly waitMs?: number; readonly pollMs?: number; readonly now?: () => number } = {},
  fs: TransactionFs = realFs,
): Promise<CatalogLock> {
  const path = join(dir, ".refresh.lock");
  const waitMs = options.waitMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const now = options.now ?? Date.now;
  const start = now();
  for (;;) {
    try {
      const fd = fs.openSync(path, "wx");
      try {
        fs.writeSync(fd, `${JSON.stringify({ pid: process.pid, since: new Date(now()).toISOString() })}\n`);
      } finally {
        fs.closeSync(fd);
      }
      let held = true;
      return {
        release: () => {
          if (held) fs.rmSync(path, { force: true });
          held = false;
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new RefreshError(`cannot create the lock file ${path} (${why(e)})`);
    }
    let holder: { pid?: number; since?: string } = {};
    try {
      holder = JSON.parse(String(fs.readFileSync(path, "utf8"))) as typeof holder;
    } catch {
      // being written or just removed: look again
    }
    if (typeof holder.pid === "number" && !alive(holder.pid)) {
      fs.rmSync(path, { force: true }); // its owner is gone
      continue;
    }
    if (now() - start >= waitMs)
      throw new RefreshError(
        `another catalog refresh is writing ${dir} (pid ${holder.pid ?? "unknown"}, since ${holder.since ?? "unknown"}); try again when it ends, or delete ${path} if no such process is running`,
      );
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
