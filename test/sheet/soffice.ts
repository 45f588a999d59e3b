/**
 * Headless LibreOffice Calc as the tests' spreadsheet: recalculates .xlsx workbooks and exports every
 * sheet as CSV. A missing LibreOffice is a failure, not a skip (.ci/run installs libreoffice-calc-nogui).
 *
 * Traps, each handled here:
 * - headless Calc does not recalculate an .xlsx on load by default: a throw-away profile whose
 *   registrymodifications.xcu sets OOXMLRecalcMode (and ODFRecalcMode) to 0 = always;
 * - two soffice processes on one profile collide: one fresh profile per call;
 * - the locale leaks into the CSV (decimal commas): LC_ALL=C.UTF-8;
 * - soffice exits 0 even when a conversion failed: every expected CSV file must exist;
 * - the CSV holds 15 significant digits: callers compare whole numbers and cents exactly;
 * - an error cell comes out as text (#N/A, #NAME?, Err:502, #VALUE!): {@link isErrorText}.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const recalcAlways =
  '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>' +
  '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>';

/** CSV export of every sheet: comma, double quote, UTF-8, values (not as shown), all sheets (-1), one file each. */
const csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/** The soffice binary, or a failure saying how to install it. */
export function sofficePath(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const p = join(dir, "soffice");
    if (dir && existsSync(p)) return p;
  }
  throw new Error(
    "LibreOffice (soffice) is not installed: the workbook tests need it; apt-get install -y --no-install-recommends libreoffice-calc-nogui (.ci/run does)",
  );
}

/** Sheet name → rows of cells (strings as exported). */
export type SheetCsv = Record<string, string[][]>;

/**
 * Recalculates every workbook in one soffice run and returns, per workbook path, its sheets as CSV rows.
 * `sheets` names the sheets each workbook must have (their CSV files must exist).
 */
export function recalculate(books: readonly { readonly file: string; readonly sheets: readonly string[] }[]): Map<string, SheetCsv> {
  const soffice = sofficePath();
  const dir = mkdtempSync(join(tmpdir(), "cc-plan-soffice-"));
  try {
    const profile = join(dir, "profile");
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), recalcAlways);
    const out = join(dir, "out");
    mkdirSync(out);
    const r = spawnSync(
      soffice,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--convert-to",
        csvFilter,
        "--outdir",
        out,
        ...books.map((b) => b.file),
      ],
      { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" }, timeout: 300_000 },
    );
    const result = new Map<string, SheetCsv>();
    for (const { file: book, sheets } of books) {
      const stem = basename(book).replace(/\.xlsx$/i, "");
      const csv: SheetCsv = {};
      for (const sheet of sheets) {
        const file = join(out, `${stem}-${sheet}.csv`);
        if (!existsSync(file))
          throw new Error(
            `soffice did not write ${basename(file)} (exit ${r.status}; files: ${readdirSync(out).join(", ") || "none"}; stderr: ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" | ")})`,
          );
        csv[sheet] = parseCsv(readFileSync(file, "utf8"));
      }
      result.set(book, csv);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A spreadsheet error as exported: #N/A, #NAME?, #VALUE!, #DIV/0!, #REF!, Err:5xx. */
export const isErrorText = (s: string | undefined): boolean => s !== undefined && /^(#[A-Z/0!?]+|Err:\d+)/.test(s);

/** The cell at an A1 address in CSV rows (undefined when outside). */
export function cellAt(rows: readonly (readonly string[])[], address: string): string | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m) throw new Error(`not an A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return rows[Number(m[2]) - 1]?.[col - 1];
}
