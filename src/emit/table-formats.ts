/**
 * The plan as rows for spreadsheets and documents: `cc-plan --format csv|tsv|markdown` (one row per plan
 * option per provider) and `cc-plan batch` (one row per provider of each input row, its recommended plan).
 * Pure; the batch command streams the same rows (src/cli/commands/batch.ts).
 *
 * Decisions (README "Batch (CSV)"):
 * - Column names are kebab-case like the flags; the same names are the keys of `cc-plan batch --format json`.
 * - Money is USD per month rounded to cents here, when printed, exactly as the text table rounds it
 *   (`toFixed(2)`, core/units/money.ts), without "$" or thousands separators so a spreadsheet reads a number.
 *   The unrounded amounts are in `cc-plan --json`. Unknown (a price missing) is an empty cell, JSON null.
 * - `pools` lists each pool as `<machine type> x <min>-<max>` (its autoscaler bounds; one number when they
 *   are equal), `envs-per-node` what one node of each pool holds (`<shape>:<n>` per shape when there are
 *   several), both in the same order and separated by "; ". ASCII only, so any tool reads it.
 * - `min-nodes` and `max-nodes` are totals over the pools (the autoscaler's floor and ceiling).
 * - `status` is `ok` or `error`; `error` holds the error-severity messages (the ones that make `cc-plan`
 *   exit 1), joined by "; ". Warnings and notes stay in the text output and `--json`.
 */
import { stringify } from "csv-stringify/sync";
import type { OptionKind, PlanDocument, PlanOption, ProviderPlan } from "../core/planner/document.js";

/** `cc-plan --format` values (the default stays the text table; `--json` prints the plan document). */
export const planTableFormats = ["csv", "tsv", "markdown"] as const;
export type PlanTableFormat = (typeof planTableFormats)[number];

export type Cell = string | number | boolean | null;
/** One output row, keyed by column name. */
export type Row = Readonly<Record<string, Cell>>;

/** Columns of what a plan gives, shared by both outputs. */
const resultColumns = ["pools", "envs-per-node", "min-nodes", "max-nodes", "usd-per-month", "usd-per-developer", "status", "error"] as const;
/** `cc-plan batch`: `row` is the input row's number (1 = the first row under the header), so several providers' rows of one input row share it. */
export const batchColumns = ["row", "name", "provider", "region", ...resultColumns] as const;
/** `cc-plan --format`: `option` is the plan's kind (as in --json), `recommended` yes on the plan the table marks ▶. */
export const planColumns = ["name", "provider", "region", "option", "recommended", ...resultColumns] as const;

const moneyColumns = new Set(["usd-per-month", "usd-per-developer"]);

/** Cents, as the text table prints them (`toFixed(2)`, no rounding before). */
// Cents of the value as the JSON prints it (12 significant digits: float noise such as 207.14500000000004
// dropped), so a row and `--json` round a half cent the same way.
const cents = (v: number | null): number | null => (v === null ? null : Number(Number(v.toPrecision(12)).toFixed(2)));

/** A cell as text: empty for unknown, money with two decimals, yes/no for flags. */
export function cellText(column: string, v: Cell): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") return moneyColumns.has(column) ? v.toFixed(2) : String(v);
  return v;
}

const errorsOf = (issues: ProviderPlan["issues"]): string[] => [...new Set(issues.filter((i) => i.severity === "error").map((i) => i.message))];

/** The pools and what a plan gives, or empty cells when there is no plan. */
function resultCells(plan: PlanDocument, o: PlanOption | undefined, errors: readonly string[]): Record<(typeof resultColumns)[number], Cell> {
  const many = plan.inputs.shapes.length > 1;
  const range = (min: number, max: number): string => (min === max ? `${max}` : `${min}-${max}`);
  const status = errors.length > 0 ? "error" : "ok";
  const error = errors.length > 0 ? errors.join("; ") : null;
  if (!o) return { pools: null, "envs-per-node": null, "min-nodes": null, "max-nodes": null, "usd-per-month": null, "usd-per-developer": null, status, error };
  return {
    pools: o.pools.map((p) => `${p.machineType} x ${range(p.autoscaler.minNodes, p.autoscaler.maxNodes)}`).join("; "),
    "envs-per-node": o.pools
      .map((p) =>
        many
          ? Object.entries(p.node.envsPerNode)
              .map(([shape, n]) => `${shape}:${n}`)
              .join(" ")
          : String(Object.values(p.node.envsPerNode)[0] ?? 0),
      )
      .join("; "),
    "min-nodes": o.nodes.min,
    "max-nodes": o.nodes.max,
    "usd-per-month": cents(o.bill.autoscaled.totalUsdPerMonth),
    "usd-per-developer": cents(o.bill.autoscaled.perDeveloperUsdPerMonth),
    status,
    error,
  };
}

/**
 * One row per provider: its recommended plan. `status` is `error` when the provider's plan has an error
 * (what makes `cc-plan` exit 1: nothing fits, a named machine has no price), the recommended plan's cells
 * still filled in when there is one. Without `row` and `name`, which the batch command adds.
 */
export function recommendedRows(plan: PlanDocument): Row[] {
  return plan.providers.map((p) => ({
    provider: p.provider,
    region: p.region,
    ...resultCells(plan, p.recommended === null ? undefined : p.options[p.recommended], errorsOf(p.issues)),
  }));
}

/**
 * `cc-plan --format`: one row per plan option per provider, each with its own errors; a provider's errors
 * that belong to no option (no plan at all, or a named machine without a price) get one more row of theirs,
 * with an empty `option`.
 */
export function optionRows(plan: PlanDocument): Row[] {
  const name = plan.inputs.shapes.map((s) => `${s.peak}${s.normal === s.peak ? "" : `/${s.normal}`}x${s.text}`).join(" ");
  return plan.providers.flatMap((p) => {
    const head = { name, provider: p.provider, region: p.region };
    const rows: Row[] = p.options.map((o, i) => ({
      ...head,
      option: o.kind as OptionKind,
      recommended: i === p.recommended,
      ...resultCells(plan, o, errorsOf(o.issues)),
    }));
    const onOptions = new Set(p.options.flatMap((o) => errorsOf(o.issues)));
    const rest = errorsOf(p.issues).filter((m) => !onOptions.has(m));
    if (rest.length > 0 || p.options.length === 0) rows.push({ ...head, option: null, recommended: null, ...resultCells(plan, undefined, rest) });
    return rows;
  });
}

/**
 * A text cell a spreadsheet will not run: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel, LibreOffice and Google Sheets when the CSV is opened (CSV injection; OWASP
 * "CSV Injection": prefix such cells with a single quote). Names and error messages come from the user's
 * file, so they are guarded; numbers are written as numbers and never start with one of these.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell for CSV or TSV: {@link cellText}, guarded when it is text ({@link spreadsheetSafe}). */
export const sheetCell = (column: string, v: Cell): string => (typeof v === "string" ? spreadsheetSafe(v) : cellText(column, v));

/** Rows as CSV (RFC 4180: quoted where needed, CRLF-free "\n" records), with the header line. */
export function renderCsv(columns: readonly string[], rows: readonly Row[]): string {
  return stringify(
    rows.map((r) => columns.map((c) => sheetCell(c, r[c] ?? null))),
    { header: true, columns: [...columns] },
  );
}

/**
 * Rows as TSV (IANA text/tab-separated-values): no quoting, so a tab or line break inside a cell becomes a
 * space (a cell never needs one: machine names, numbers and one-line messages).
 */
export function renderTsv(columns: readonly string[], rows: readonly Row[]): string {
  const clean = (t: string): string => t.replace(/[\t\r\n]+/g, " ");
  return `${[columns.join("\t"), ...rows.map((r) => columns.map((c) => clean(sheetCell(c, r[c] ?? null))).join("\t"))].join("\n")}\n`;
}

/** Rows as a GitHub table: numbers right-aligned; "|" escaped and line breaks made spaces so a cell stays in its column. */
export function renderMarkdown(columns: readonly string[], rows: readonly Row[]): string {
  const numeric = new Set(["row", "min-nodes", "max-nodes", ...moneyColumns]);
  const cell = (t: string): string => t.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return `${[
    line(columns),
    line(columns.map((c) => (numeric.has(c) ? "---:" : "---"))),
    ...rows.map((r) => line(columns.map((c) => cell(cellText(c, r[c] ?? null))))),
  ].join("\n")}\n`;
}

/** `cc-plan --format csv|tsv|markdown`: every plan option of every provider. */
export function renderPlanTable(plan: PlanDocument, format: PlanTableFormat): string {
  const rows = optionRows(plan);
  if (format === "csv") return renderCsv(planColumns, rows);
  if (format === "tsv") return renderTsv(planColumns, rows);
  return renderMarkdown(planColumns, rows);
}
