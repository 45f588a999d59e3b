/**
 * `cc-plan batch`: the CSV header and each row's cells → the flags `cc-plan` would be given. Pure.
 *
 * Decisions (README "Batch (CSV)"):
 * - Header names are the long flag names below, matched without regard to case or surrounding spaces; an
 *   unknown or repeated name, or no `env` column, is a usage error (exit 2) before anything is planned.
 * - An empty cell is a flag not given: the flag's default (e.g. `normal` = peak). A row needs what a command
 *   needs (env, and peak unless users gives it), so an empty `env` cell is that row's error.
 * - A cell holds what the flag takes. `provider`, `region` and `machine` take comma lists as the flags do
 *   (quote the cell: `"gcp,azure"`); several values of a repeatable flag are separated by ";" (`zones`:
 *   `us-central1-a,us-central1-b;1,2` = `--zones us-central1-a,us-central1-b --zones 1,2`).
 * - `name` is not a flag: it is copied to the output rows.
 */
import type { InputError } from "../core/resolve-request.js";
import type { Args } from "./context.js";
import { UsageError } from "./io.js";

/** The accepted header names: the long flags a row may set, and `name`. */
export const batchHeaders = ["name", "peak", "normal", "env", "provider", "region", "platform", "machine", "zones", "disk", "users", "pricing"] as const;
export type BatchHeader = (typeof batchHeaders)[number];

/** Columns whose flag is repeatable (an array in yargs' Args). */
const listColumns: ReadonlySet<string> = new Set(["provider", "region", "machine", "zones"]);

/** The header's column names, checked. @throws UsageError naming the bad name and the accepted ones */
export function readHeader(cells: readonly string[], source: string): BatchHeader[] {
  const accepted = `accepted: ${batchHeaders.join(", ")}`;
  const seen = new Set<string>();
  return cells.map((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === "") throw new UsageError(`${source}: header column ${i + 1} has no name; ${accepted}`);
    if (!(batchHeaders as readonly string[]).includes(name)) throw new UsageError(`${source}: unknown column "${raw.trim()}" in the header; ${accepted}`);
    if (seen.has(name)) throw new UsageError(`${source}: column "${name}" is in the header twice`);
    seen.add(name);
    return name as BatchHeader;
  });
}

/** Check that the header can describe a plan at all. @throws UsageError */
export function checkHeaderComplete(header: readonly BatchHeader[], source: string): void {
  if (!header.includes("env")) throw new UsageError(`${source}: the header has no env column; every row needs an env shape, e.g. name,peak,env`);
}

/** Where a row is: its number among the data rows (1 = the first row under the header) and the file line it starts on. */
export interface RowPlace {
  readonly row: number;
  readonly line: number;
}

/** "row 3 (line 4)". */
export const rowPlace = (at: RowPlace): string => `row ${at.row} (line ${at.line})`;

/** A row's error line: where, which column (when the message is about one), and the message. */
export function rowError(at: RowPlace, message: string, column?: string): string {
  return `${rowPlace(at)}${column ? `, column ${column}` : ""}: ${message}`;
}

/** The resolver's error about a row: its field (`--env`) is named as the column (`env`) when the header has it. */
export function inputErrorText(at: RowPlace, e: InputError, header: readonly BatchHeader[]): string {
  const column = e.field.replace(/^--/, "");
  return rowError(at, e.message, (header as readonly string[]).includes(column) ? column : undefined);
}

/** A row's cells as flags (yargs' Args), and its name; or the row's error when its cells do not match the header. */
export function rowArgs(
  header: readonly BatchHeader[],
  cells: readonly string[],
  at: RowPlace,
): { ok: true; args: Args; name: string } | { ok: false; error: string } {
  if (cells.length !== header.length)
    return {
      ok: false,
      error: rowError(at, `${cells.length} ${cells.length === 1 ? "cell" : "cells"}, but the header has ${header.length} columns (${header.join(", ")})`),
    };
  const args: Args = { _: [] };
  let name = "";
  header.forEach((column, i) => {
    const cell = (cells[i] ?? "").trim();
    if (cell === "") return;
    if (column === "name") name = cell;
    else if (listColumns.has(column))
      args[column] = cell
        .split(";")
        .map((v) => v.trim())
        .filter(Boolean);
    else args[column] = cell;
  });
  return { ok: true, args, name };
}
