/**
 * Errors and the tiny CSV reader of the catalog build: every input file is read through
 * {@link readTable} or {@link readLines}, and every cell through the typed getters below, so that a
 * malformed or inconsistent input throws a {@link CatalogBuildError} naming the file, the line and the field.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";

/** Bad or inconsistent input. The message is one line: `<file> line <n> field <f>: <problem>`. */
export class CatalogBuildError extends Error {
  override readonly name = "CatalogBuildError";
}

export function fail(file: string, line: number | undefined, field: string | undefined, problem: string): never {
  const where = [basename(file), line === undefined ? undefined : `line ${line}`, field === undefined ? undefined : `field ${field}`]
    .filter((x) => x !== undefined)
    .join(" ");
  throw new CatalogBuildError(`${where}: ${problem}`.replace(/\s*\n\s*/g, " "));
}

export interface Row {
  readonly file: string;
  readonly line: number;
  /** Raw cell (never undefined: unknown fields throw). */
  get(field: string): string;
}

/** Reads a text file as lines (CRLF tolerated, one trailing newline dropped). */
export function readLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    fail(path, undefined, undefined, "cannot be read");
  }
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Reads a delimiter-separated file with a header line. The reference files have no quoting (checked:
 * a `"` anywhere is rejected), may use CRLF, and end with one newline.
 */
export function readTable(path: string, sep: string, expectedHeader: readonly string[]): Row[] {
  const lines = readLines(path);
  const header = (lines[0] ?? "").split(sep);
  if (header.join("|") !== expectedHeader.join("|")) {
    fail(path, 1, undefined, `unexpected header "${lines[0] ?? ""}", expected "${expectedHeader.join(sep)}"`);
  }
  const index = new Map(header.map((h, i) => [h, i] as const));
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] ?? "";
    if (raw.includes('"')) fail(path, line, undefined, "quoted cells are not supported (found a double quote)");
    const cells = raw.split(sep);
    if (cells.length !== header.length) fail(path, line, undefined, `expected ${header.length} cells, got ${cells.length}`);
    rows.push({
      file: path,
      line,
      get(field: string): string {
        const k = index.get(field);
        if (k === undefined) fail(path, line, field, "no such column");
        return cells[k] ?? "";
      },
    });
  }
  if (rows.length === 0) fail(path, undefined, undefined, "has no data rows");
  return rows;
}

export const DECIMAL = /^\d+(?:\.\d+)?$/;
export const INTEGER = /^\d+$/;

export function nonEmpty(row: Row, field: string): string {
  const v = row.get(field);
  if (v === "") fail(row.file, row.line, field, "empty cell");
  if (v !== v.trim()) fail(row.file, row.line, field, `surrounding whitespace in "${v}"`);
  return v;
}

export function decimal(row: Row, field: string): number {
  const v = nonEmpty(row, field);
  if (!DECIMAL.test(v)) fail(row.file, row.line, field, `"${v}" is not a decimal number`);
  const n = Number(v);
  if (!Number.isFinite(n)) fail(row.file, row.line, field, `"${v}" is not a finite number`);
  return n;
}

export function integer(row: Row, field: string): number {
  const v = nonEmpty(row, field);
  if (!INTEGER.test(v)) fail(row.file, row.line, field, `"${v}" is not a non-negative integer`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) fail(row.file, row.line, field, `"${v}" is not a safe integer`);
  return n;
}

/** A price: a decimal > 0. An empty cell is `undefined` only when `optional` (absent, never 0). */
export function price(row: Row, field: string, optional: boolean): number | undefined {
  const v = row.get(field);
  if (v === "") {
    if (optional) return undefined;
    fail(row.file, row.line, field, "empty price");
  }
  const n = decimal(row, field);
  if (n <= 0) fail(row.file, row.line, field, `price ${v} is not > 0 (a missing price must be an empty cell)`);
  return n;
}

export function positiveInt(row: Row, field: string): number {
  const n = integer(row, field);
  if (n <= 0) fail(row.file, row.line, field, `expected an integer > 0, got ${n}`);
  return n;
}
