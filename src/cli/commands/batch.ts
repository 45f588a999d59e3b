/**
 * `cc-plan batch <file|-> [--format csv|json] [--out file]`: plan every row of a CSV file (issue 13).
 *
 * One stream, so 100,000 rows run in bounded memory: the file (or stdin) → csv-parse → each row planned →
 * csv-stringify (or JSON rows) → stdout or the --out file. Nothing holds more than a row and a bounded cache.
 *
 * Decisions (README "Batch (CSV)"):
 * - A row is planned exactly as `cc-plan` with the same flags (src/cli/batch-input.ts turns its cells into the
 *   flags, src/cli/raw-input.ts those into the request, the resolver checks them), on catalogs read once for
 *   the whole file (src/adapters/plan-session.ts).
 * - One output row per provider of an input row (a row with provider `gcp,azure`, or none, has two): each
 *   provider's recommended plan. They share the input row's `row` number and `name`.
 * - A bad row (its cells do not match the header, or the resolver rejects them) gets one output row with
 *   status `error` and the message, and the other rows are still planned. A row whose plan has an error (what
 *   makes `cc-plan` exit 1, e.g. nothing fits) has status `error` too. Exit 1 when any row failed, else 0.
 *   The first 20 failed rows are also listed on stderr, then a count.
 * - What stops the whole batch is a usage error (exit 2): an unknown or repeated header name, no env column,
 *   an empty file, a file that cannot be read, a CSV syntax error that leaves the rest unreadable (a quote
 *   never closed), --out into a folder that does not exist. With --out no file is left behind (atomic).
 * - Identical rows (the same cells but the name) are planned once: the rows of the last 16,384 distinct
 *   requests are kept (a plan is deterministic for one env shape), so repeated demands cost a look-up.
 * - `--format json` prints one JSON array of the same rows (same keys as the CSV columns; numbers as numbers,
 *   empty cells as null), streamed row by row.
 */
import { createReadStream, statSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, type Info, parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { type AtomicFile, openAtomicFile, outputFolderProblem } from "../../adapters/atomic-file.js";
import { createPlanSession } from "../../adapters/plan-session.js";
import type { RawRequest } from "../../core/planner/request.js";
import type { InputError } from "../../core/resolve-request.js";
import { batchColumns, type Row, recommendedRows, sheetCell, spreadsheetSafe } from "../../emit/table-formats.js";
import { type BatchHeader, checkHeaderComplete, inputErrorText, type RowPlace, readHeader, rowArgs, rowPlace } from "../batch-input.js";
import type { CommandContext } from "../context.js";
import { type CliIo, OutputError, UsageError } from "../io.js";
import { openProgress, type ProgressLine } from "../progress.js";
import { rawPlanInput } from "../raw-input.js";

const batchFormats = ["csv", "json"] as const;
type BatchFormat = (typeof batchFormats)[number];
/** Distinct requests whose rows are kept (about 1 KB each: at most ~16 MB). */
const cacheSize = 16_384;
/** Failed rows listed on stderr before only counting them. */
const listedErrors = 20;

export async function runBatch(ctx: CommandContext): Promise<number> {
  const file = String(ctx.args.file ?? "");
  const source = file === "-" ? "stdin" : file;
  const format = batchFormat(ctx.args.format);
  const target = outTarget(ctx.args.out);
  const input = openInput(file, ctx.io);
  const progress = await openProgress(ctx.io);
  const started = Date.now();
  const planner = rowPlanner(ctx);
  const counts = { rows: 0, failed: 0 };

  /** Input rows → output rows (the planning stage of the stream). */
  async function* planAll(records: AsyncIterable<{ record: string[]; info: Info }>): AsyncGenerator<OutputRow> {
    let header: BatchHeader[] | undefined;
    for await (const { record, info } of records) {
      if (!header) {
        header = readHeader(record, source);
        checkHeaderComplete(header, source);
        continue;
      }
      counts.rows++;
      // csv-parse counts the line a record ends on; a quoted cell may hold line breaks, so go back over them.
      const at: RowPlace = { row: counts.rows, line: info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0) };
      const rows = await planner(header, record, at);
      const errors = rows.map((r) => r.result).filter((r) => r.status === "error");
      if (errors.length > 0) {
        counts.failed++;
        // An input error's message says where it is; a plan's error is the planner's, so the row and provider go before it.
        if (counts.failed <= listedErrors)
          for (const r of errors)
            progress.line(`cc-plan batch: ${r.provider === null ? String(r.error) : `${rowPlace(at)}, ${r.provider}: ${String(r.error)}`}`);
      }
      yield* rows;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0.5 ? `, ${Math.round(counts.rows / seconds).toLocaleString("en-US")}/s` : "";
      progress.update(`cc-plan batch: ${counts.rows.toLocaleString("en-US")} ${counts.rows === 1 ? "row" : "rows"} planned${rate}`);
    }
    if (!header) throw new UsageError(`${source} is empty: expected a header line naming the columns, e.g. name,peak,env`);
  }

  const parser = parse({
    bom: true, // a byte-order mark (spreadsheet exports) is not part of the first header name
    info: true, // each record with its line number, for the error messages
    relax_column_count: true, // a row with too many or too few cells is that row's error, not the file's
    relax_quotes: true, // a quote inside an unquoted cell (5"disk) is kept as a character
    skip_empty_lines: true,
    skip_records_with_empty_values: true, // ",,," lines that spreadsheets leave at the end are no rows
  });
  const outFile = target === undefined ? undefined : openOutput(target);
  const sink = outFile ? outFile.stream : stdoutSink(ctx.io, progress);
  let outputError: Error | undefined;
  sink.on("error", (e: Error) => {
    outputError = e;
  });
  let inputError: Error | undefined;
  input.on("error", (e: Error) => {
    inputError = e;
  });
  try {
    if (format === "csv") await pipeline(input, parser, planAll, toCsvRecords, stringify({ header: true, columns: [...batchColumns] }), sink);
    else await pipeline(input, parser, planAll, toJsonText, sink);
    await outFile?.commit();
  } catch (e) {
    await outFile?.abort();
    if (e instanceof UsageError) throw e;
    if (e instanceof CsvError) throw new UsageError(`${source}: ${e.message}`);
    if (inputError && e === inputError) throw new UsageError(`cannot read ${source}: ${inputError.message}`);
    if (outputError && e === outputError) throw new OutputError(`cannot write ${target ?? "the output"}: ${outputError.message}`);
    if (target !== undefined && isFileSystemError(e)) throw new OutputError(`cannot write ${target}: ${e.message}`);
    throw e;
  } finally {
    progress.stop();
  }
  if (counts.failed > 0)
    ctx.io.stderr(`cc-plan batch: ${counts.failed} of ${counts.rows} ${counts.rows === 1 ? "row" : "rows"} failed; the error column says why\n`);
  return counts.failed > 0 ? 1 : 0;
}

/**
 * An output row: the input row's number and name, and what was planned for one provider (or the row's
 * error). The `result` objects of a cached request are shared by every row that repeats it, so each is
 * rendered once (toCsvRecords, toJsonText) and only `row` and `name` are written per row.
 */
interface OutputRow {
  readonly row: number;
  readonly name: string | null;
  readonly result: Row;
}

/**
 * One input row → its output rows: its cells as flags, those as the request, planned on the session's
 * catalogs; the results of identical rows (the same cells but the name) come from a bounded cache.
 */
function rowPlanner(ctx: CommandContext): (header: readonly BatchHeader[], cells: readonly string[], at: RowPlace) => Promise<OutputRow[]> {
  const session = createPlanSession(ctx.catalogs, ctx.io.env.CC_PLAN_CATALOG_DIR);
  const cache = new Map<string, { ok: true; rows: Row[] } | { ok: false; error: InputError }>();
  return async (header, cells, at) => {
    const nameAt = header.indexOf("name");
    const args = rowArgs(header, cells, at);
    const name = args.ok ? args.name : (cells[nameAt]?.trim() ?? "");
    const out = (result: Row): OutputRow => ({ row: at.row, name: name === "" ? null : name, result });
    if (!args.ok) return [out(errorResult(args.error))];
    // The cells but the name say everything the plan depends on (the day is the same for every row).
    const key = cells.filter((_, i) => i !== nameAt).join("\u0000");
    let result = cache.get(key);
    if (result)
      cache.delete(key); // re-inserted below: the most recently used entries are kept
    else {
      // The day the prices' age is measured on is the command's (CC_PLAN_NOW or the clock), the same for every row.
      const raw: RawRequest = { ...rawPlanInput(args.args), ...(ctx.raw.today === undefined ? {} : { today: ctx.raw.today }) };
      const planned = await session.plan(raw);
      result = planned.ok ? { ok: true, rows: recommendedRows(planned.value) } : { ok: false, error: planned.error };
    }
    cache.set(key, result);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    if (!result.ok) return [out(errorResult(inputErrorText(at, result.error, header)))];
    return result.rows.map(out);
  };
}

/** What an input row that could not be planned gives: no provider, status error and the message. */
function errorResult(error: string): Row {
  return { provider: null, region: null, status: "error", error };
}

/** The columns after `row` and `name`. */
const resultColumns = batchColumns.slice(2);

/** Output rows → CSV records (cells as text, in column order) for csv-stringify. */
async function* toCsvRecords(rows: AsyncIterable<OutputRow>): AsyncGenerator<string[]> {
  const tails = new WeakMap<Row, string[]>();
  for await (const { row, name, result } of rows) {
    let tail = tails.get(result);
    if (!tail) tails.set(result, (tail = resultColumns.map((c) => sheetCell(c, result[c] ?? null))));
    yield [String(row), spreadsheetSafe(name ?? ""), ...tail];
  }
}

/** Output rows → one JSON array, a row a line, every column a key (null when empty). */
async function* toJsonText(rows: AsyncIterable<OutputRow>): AsyncGenerator<string> {
  const tails = new WeakMap<Row, string>();
  let first = true;
  yield "[";
  for await (const { row, name, result } of rows) {
    let tail = tails.get(result);
    if (!tail) tails.set(result, (tail = JSON.stringify(Object.fromEntries(resultColumns.map((c) => [c, result[c] ?? null]))).slice(1)));
    yield `${first ? "\n" : ",\n"}{"row":${row},"name":${JSON.stringify(name)},${tail}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

function batchFormat(v: unknown): BatchFormat {
  if (v === undefined) return "csv";
  if (Array.isArray(v)) throw new UsageError(`--format given ${v.length} times (${v.join(", ")}); give it once`);
  if (!(batchFormats as readonly string[]).includes(String(v))) throw new UsageError(`batch --format "${String(v)}": expected csv or json`);
  return v as BatchFormat;
}

/** The --out file, checked before anything is planned: its folder must exist. */
function outTarget(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`--out given ${v.length} times (${v.join(", ")}); give it once`);
  const target = String(v);
  if (target === "") throw new UsageError("--out: expected a file name, e.g. --out plans.csv");
  const problem = outputFolderProblem(target);
  if (problem) throw new UsageError(`--out ${target}: ${problem}`);
  return target;
}

function openOutput(target: string): AtomicFile {
  try {
    return openAtomicFile(target);
  } catch (e) {
    throw new UsageError(`--out ${target}: cannot create a file there (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The input: stdin for `-`, else the file (checked here, so a missing file is one line and exit 2). */
function openInput(file: string, io: CliIo): NodeJS.ReadableStream {
  if (file === "-") {
    if (!io.stdin) throw new UsageError("batch -: no standard input to read");
    return io.stdin();
  }
  if (file === "") throw new UsageError("batch: missing <file>; expected a CSV file or - for stdin, e.g. cc-plan batch demands.csv");
  let isFolder: boolean;
  try {
    isFolder = statSync(file).isDirectory();
  } catch {
    throw new UsageError(`batch: cannot read ${file}: no such file`);
  }
  if (isFolder) throw new UsageError(`batch: ${file} is a folder; expected a CSV file`);
  return createReadStream(file, { highWaterMark: 65536 });
}

/**
 * stdout as a stream: text is gathered into 64 KiB writes (one write a row would be 100,000 system calls),
 * the progress line erased before each, and the next chunk waits until the reader has taken the last one.
 */
function stdoutSink(io: CliIo, progress: ProgressLine): Writable {
  let pending = "";
  const flush = async (): Promise<void> => {
    if (pending === "") return;
    progress.clear();
    io.stdout(pending);
    pending = "";
    await io.stdoutDrained?.();
  };
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      if (pending.length < 65536) done();
      else flush().then(() => done(), done);
    },
    final(done) {
      flush().then(() => done(), done);
    },
  });
}

const isFileSystemError = (e: unknown): e is NodeJS.ErrnoException => e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
