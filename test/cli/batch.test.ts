/**
 * `cc-plan batch`: CSV in, CSV (or JSON) out. Every expected value is taken from `cc-plan --json` (or the
 * error `cc-plan` prints) for the same flags, never written down here, so the test checks that a row plans
 * exactly as the command does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { type CliResult, repoRoot, runInProcess, runJson } from "../support/cli.js";

const env = { CC_PLAN_NOW: "2026-12-04" };
const dir = mkdtempSync(join(tmpdir(), "cc-plan-batch-"));
let files = 0;
/** Write `text` to a new file in the test's folder; its path. */
const csvFile = (text: string): string => {
  const f = join(dir, `in-${++files}.csv`);
  writeFileSync(f, text);
  return f;
};

interface RunOptions {
  readonly stdin?: string;
  readonly stderrIsTTY?: boolean;
  readonly env?: Record<string, string>;
}

/** `cc-plan <argv>` in-process, with a standard input and stderr's terminal flag as given. */
async function cli(argv: string[], o: RunOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { ...env, ...o.env },
    isTTY: false,
    ...(o.stdin === undefined ? {} : { stdin: () => Readable.from([o.stdin as string]) }),
    ...(o.stderrIsTTY === undefined ? {} : { stderrIsTTY: o.stderrIsTTY }),
  });
  return { code, stdout, stderr };
}

const records = (csv: string): Record<string, string>[] => parse(csv, { columns: true }) as Record<string, string>[];

const listColumns = new Set(["provider", "region", "machine", "zones"]);
/** The flags a row's cells stand for (a list cell's ";" parts are repeated flags). */
function flagsOf(header: readonly string[], cells: readonly string[]): string[] {
  return header.flatMap((h, i) => {
    const cell = (cells[i] ?? "").trim();
    if (h === "name" || cell === "") return [];
    const values = listColumns.has(h) ? cell.split(";") : [cell];
    return values.flatMap((v) => [`--${h}`, v]);
  });
}

/** The output rows `cc-plan --json` with these flags gives: each provider's recommended plan. */
async function expectedRows(flags: string[], row: number, name: string): Promise<Record<string, string>[]> {
  const { doc } = await runJson([...flags, "--today", "2026-12-04"]);
  return doc.providers.map((p: any) => {
    const o = p.options[p.recommended];
    const range = (a: { minNodes: number; maxNodes: number }): string => (a.minNodes === a.maxNodes ? `${a.maxNodes}` : `${a.minNodes}-${a.maxNodes}`);
    const errors = p.issues.filter((i: any) => i.severity === "error").map((i: any) => i.message);
    return {
      row: String(row),
      name,
      provider: p.provider,
      region: p.region,
      pools: o.pools.map((pl: any) => `${pl.machineType} x ${range(pl.autoscaler)}`).join("; "),
      "envs-per-node": o.pools.map((pl: any) => String(Object.values(pl.node.envsPerNode)[0])).join("; "),
      "min-nodes": String(o.nodes.min),
      "max-nodes": String(o.nodes.max),
      "usd-per-month": o.bill.autoscaled.totalUsdPerMonth.toFixed(2),
      "usd-per-developer": o.bill.autoscaled.perDeveloperUsdPerMonth.toFixed(2),
      status: errors.length > 0 ? "error" : "ok",
      error: errors.join("; "),
    };
  });
}

/** The one-line message `cc-plan` prints for these flags (exit 2). */
async function commandError(flags: string[]): Promise<string> {
  const r = await runInProcess(flags, env);
  expect(r.code).toBe(2);
  return r.stderr.replace(/^cc-plan: /, "").trimEnd();
}

const header = ["name", "peak", "normal", "env", "provider", "region", "platform", "machine", "zones", "disk", "users", "pricing"];
const good = [
  ["team-a", "60", "", "4cpu16g", "", "", "", "", "", "", "", ""],
  ["team-b", "20", "10", "2cpu8g", "gcp", "europe-west1", "", "", "2", "100Gi", "25", "spot"],
  ["team-c", "12", "", "8cpu32g", "azure", "westeurope", "aks-legacy", "", "", "", "", "ri-1y"],
  ["team-d", "30", "", "4cpu16g", "aws", "", "", "m5.4xlarge", "", "", "", ""],
  // Two providers in one quoted cell, their regions likewise, and a zones cell with two values (";").
  ["team-e", "40", "", "4cpu16g", "gcp,azure", "europe-west4,westeurope", "", "", "europe-west4-a,europe-west4-b;1,2", "", "", ""],
];
const csvLine = (cells: readonly string[]): string => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

describe("cc-plan batch: a good file", () => {
  const text = `${[header, ...good].map(csvLine).join("\n")}\n`;

  it("gives one row per provider of each input row, with the values cc-plan --json gives for the same flags; exit 0", async () => {
    const r = await cli(["batch", csvFile(text)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("row,name,provider,region,pools,envs-per-node,min-nodes,max-nodes,usd-per-month,usd-per-developer,status,error");
    const expected = (await Promise.all(good.map((cells, i) => expectedRows(flagsOf(header, cells), i + 1, cells[0] ?? "")))).flat();
    expect(records(r.stdout)).toEqual(expected);
    // Rows without a provider plan on the default providers (GKE and AKS), a row with two providers has two rows.
    expect(expected.map((x) => `${x.row} ${x.provider}`)).toEqual(["1 gcp", "1 azure", "2 gcp", "3 azure", "4 aws", "5 gcp", "5 azure"]);
  });

  it("a name or message a spreadsheet would run as a formula is written behind a quote (CSV injection, OWASP); JSON keeps it as given", async () => {
    const f = csvFile('name,peak,env,provider\n=HYPERLINK("http://x"),10,4cpu16g,gcp\n@SUM(1),10,4cpu16g,gcp\n-2+3,10,4cpu16g,gcp\nplain,10,4cpu16g,gcp\n');
    const r = await cli(["batch", f]);
    expect(r.code).toBe(0);
    expect(records(r.stdout).map((x) => x.name)).toEqual(['\'=HYPERLINK("http://x")', "'@SUM(1)", "'-2+3", "plain"]);
    const j = await cli(["batch", f, "--format", "json"]);
    expect((JSON.parse(j.stdout) as { name: string }[]).map((x) => x.name)).toEqual(['=HYPERLINK("http://x")', "@SUM(1)", "-2+3", "plain"]);
  });

  it("--format json: the same rows as one JSON array (numbers as numbers, empty cells null)", async () => {
    const f = csvFile(text);
    const csv = records((await cli(["batch", f])).stdout);
    const r = await cli(["batch", f, "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(csv.length);
    rows.forEach((row: any, i: number) => {
      const c = csv[i] as Record<string, string>;
      expect(Object.keys(row)).toEqual(Object.keys(c));
      expect(row.row).toBe(Number(c.row));
      expect(row["min-nodes"]).toBe(Number(c["min-nodes"]));
      expect(row["usd-per-month"].toFixed(2)).toBe(c["usd-per-month"]);
      expect(row.pools).toBe(c.pools);
      expect(row.error).toBeNull();
    });
  });

  it("reads stdin for -, and --out writes the file (nothing on stdout, no temporary file left)", async () => {
    const fromFile = await cli(["batch", csvFile(text)]);
    const fromStdin = await cli(["batch", "-"], { stdin: text });
    expect(fromStdin).toEqual(fromFile);
    const outDir = mkdtempSync(join(tmpdir(), "cc-plan-batch-out-"));
    const out = join(outDir, "plans.csv");
    const r = await cli(["batch", "-", "--out", out], { stdin: text });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(out, "utf8")).toBe(fromFile.stdout);
    expect(readdirSync(outDir)).toEqual(["plans.csv"]);
  });

  it("runs as the real bin with stdin piped in: the same output", async () => {
    const inproc = await cli(["batch", csvFile(text)]);
    const r = spawnSync(process.execPath, ["bin/cc-plan.cjs", "batch", "-"], {
      cwd: repoRoot,
      input: text,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(inproc.stdout);
  });
});

describe("cc-plan batch: bad rows are reported and the others are still planned", () => {
  const head = ["name", "peak", "normal", "env", "provider", "machine"];
  const rows = [
    ["ok-1", "10", "", "4cpu16g", "gcp", ""],
    ["bad-env", "10", "", "4cpux", "gcp", ""],
    ["bad-provider", "10", "", "4cpu16g", "gce", ""],
    ["peak-0", "0", "", "4cpu16g", "gcp", ""],
    ["normal-over-peak", "10", "20", "4cpu16g", "gcp", ""],
    ["bad-machine", "10", "", "4cpu16g", "gcp", "n9-standard-4"],
    ["empty-env", "10", "", "", "gcp", ""],
    ["extra-cell", "10", "", "4cpu16g", "gcp", "", "surplus"],
    ["quoted, name", "10", "", "4cpu16g", "gcp,azure", ""],
    ["two\nlines", "0", "", "4cpu16g", "gcp", ""],
    ["ok-2", "5", "", "2cpu8g", "azure", ""],
  ];
  // A spreadsheet export: byte-order mark, CRLF line ends, a trailing row of empty cells.
  const text = `\ufeff${[head, ...rows].map(csvLine).join("\r\n")}\r\n,,,,,\r\n`;

  it("each bad row gets the message cc-plan prints for the same flags, with its row, line and column; exit 1", async () => {
    const r = await cli(["batch", csvFile(text)]);
    expect(r.code).toBe(1);
    const out = records(r.stdout);
    const at = (row: number, line: number, column?: string): string => `row ${row} (line ${line})${column ? `, column ${column}` : ""}: `;
    const errorOf = (row: number): string | undefined => out.find((x) => x.row === String(row))?.error;
    expect(errorOf(2)).toBe(at(2, 3, "env") + (await commandError(["--peak", "10", "--env", "4cpux", "--provider", "gcp"])));
    expect(errorOf(3)).toBe(at(3, 4, "provider") + (await commandError(["--peak", "10", "--env", "4cpu16g", "--provider", "gce"])));
    expect(errorOf(4)).toBe(at(4, 5, "peak") + (await commandError(["--peak", "0", "--env", "4cpu16g", "--provider", "gcp"])));
    expect(errorOf(5)).toBe(at(5, 6, "normal") + (await commandError(["--peak", "10", "--normal", "20", "--env", "4cpu16g", "--provider", "gcp"])));
    expect(errorOf(6)).toBe(
      at(6, 7, "machine") + (await commandError(["--peak", "10", "--env", "4cpu16g", "--provider", "gcp", "--machine", "n9-standard-4"])),
    );
    expect(errorOf(7)).toBe(at(7, 8, "env") + (await commandError(["--peak", "10", "--provider", "gcp"])));
    expect(errorOf(8)).toBe(`${at(8, 9)}7 cells, but the header has 6 columns (name, peak, normal, env, provider, machine)`);
    // A quoted cell with a line break: the row starts on line 11 and ends on 12.
    expect(errorOf(10)).toBe(at(10, 11, "peak") + (await commandError(["--peak", "0", "--env", "4cpu16g", "--provider", "gcp"])));
    // The accepted forms are in the messages (they are the resolver's own).
    expect(errorOf(2)).toMatch(/such as 4cpu16g/);
    expect(errorOf(3)).toMatch(/expected one of gcp, azure, aws/);
    // The good rows, the quoted two-provider row among them, are planned as cc-plan --json plans them.
    const good = out.filter((x) => x.status === "ok");
    expect(good).toEqual([
      ...(await expectedRows(["--peak", "10", "--env", "4cpu16g", "--provider", "gcp"], 1, "ok-1")),
      ...(await expectedRows(["--peak", "10", "--env", "4cpu16g", "--provider", "gcp,azure"], 9, "quoted, name")),
      ...(await expectedRows(["--peak", "5", "--env", "2cpu8g", "--provider", "azure"], 11, "ok-2")),
    ]);
    // Every input row is in the output (the empty trailing row is no row); a bad row has one output row, named.
    expect([...new Set(out.map((x) => x.row))]).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    expect(out.find((x) => x.row === "10")?.name).toBe("two\nlines");
    // stderr lists the failed rows, then counts them.
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`cc-plan batch: ${errorOf(2)}`);
    expect(lines.at(-1)).toBe("cc-plan batch: 8 of 11 rows failed; the error column says why");
  });

  it("a row whose plan has an error (nothing fits) is status error with the plan's message, as cc-plan exits 1", async () => {
    const r = await cli(["batch", csvFile("name,peak,env,provider\nhuge,2,1000cpu2000g,gcp\nfine,2,2cpu8g,gcp\n")]);
    expect(r.code).toBe(1);
    const [huge, fine] = records(r.stdout);
    const { code, doc } = await runJson(["--peak", "2", "--env", "1000cpu2000g", "--provider", "gcp"]);
    expect(code).toBe(1);
    expect(huge).toMatchObject({
      row: "1",
      provider: "gcp",
      pools: "",
      status: "error",
      error: doc.providers[0].issues.find((i: any) => i.severity === "error").message,
    });
    expect(fine?.status).toBe("ok");
    expect(r.stderr).toContain(`cc-plan batch: row 1 (line 2), gcp: ${huge?.error}`);
  });
});

describe("cc-plan batch: what stops the whole file (exit 2, one line)", () => {
  it("an unknown header name: named, with the accepted names; nothing on stdout", async () => {
    const r = await cli(["batch", csvFile("name,peak,env,colour\na,1,2cpu8g,red\n")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^cc-plan: .*in-\d+\.csv: unknown column "colour" in the header; accepted: name, peak, normal, env, provider, region, platform, machine, zones, disk, users, pricing\n$/,
    );
  });

  it("a repeated header name, and a header without env", async () => {
    const twice = await cli(["batch", csvFile("name,peak,PEAK,env\n")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/column "peak" is in the header twice\n$/);
    const noEnv = await cli(["batch", csvFile("name,peak\na,1\n")]);
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toMatch(/the header has no env column/);
  });

  it("an empty file is an error; a header alone gives the header (csv) or [] (json), exit 0", async () => {
    const empty = await cli(["batch", csvFile("")]);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toMatch(/is empty: expected a header line naming the columns, e.g. name,peak,env\n$/);
    const f = csvFile("name,peak,env\n");
    expect(await cli(["batch", f])).toEqual({
      code: 0,
      stdout: "row,name,provider,region,pools,envs-per-node,min-nodes,max-nodes,usd-per-month,usd-per-developer,status,error\n",
      stderr: "",
    });
    expect(await cli(["batch", f, "--format", "json"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("no file, a missing file, a folder, stdin that is not there, a bad --format", async () => {
    expect(await cli(["batch"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "cc-plan: batch: missing <file>; expected a CSV file or - for stdin, e.g. cc-plan batch demands.csv\n",
    });
    expect((await cli(["batch", join(dir, "nope.csv")])).stderr).toMatch(/cannot read .*nope\.csv: no such file\n$/);
    expect((await cli(["batch", dir])).code).toBe(2);
    expect((await cli(["batch", csvFile("name,peak,env\n"), "--format", "xml"])).stderr).toBe('cc-plan: batch --format "xml": expected csv or json\n');
    const noStdin = await run(["batch", "-"], { stdout: () => {}, stderr: () => {}, env, isTTY: false });
    expect(noStdin).toBe(2);
  });

  it("--out into a folder that does not exist: exit 2 before planning, nothing created", async () => {
    const missing = join(dir, "no-such-folder", "plans.csv");
    const r = await cli(["batch", csvFile("name,peak,env\na,1,2cpu8g\n"), "--out", missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`cc-plan: --out ${missing}: the folder ${join(dir, "no-such-folder")} does not exist\n`);
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
  });

  it("a quote never closed: exit 2 naming the line; with --out no partial file, and an older file stays as it was", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "cc-plan-batch-out-"));
    const out = join(outDir, "plans.csv");
    writeFileSync(out, "older\n");
    const text = `name,peak,env\n${Array.from({ length: 50 }, (_, i) => `t${i},${i + 1},2cpu8g`).join("\n")}\n"open,3,2cpu8g\n`;
    const r = await cli(["batch", csvFile(text), "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cc-plan: .*in-\d+\.csv: Quote Not Closed: .* at line 52\n$/);
    expect(readFileSync(out, "utf8")).toBe("older\n");
    expect(readdirSync(outDir)).toEqual(["plans.csv"]);
  });
});

describe("cc-plan batch: the progress line", () => {
  const text = "name,peak,env,provider\na,3,2cpu8g,gcp\nb,4,2cpu8g,gcp\n";

  it("is drawn on stderr when it is a terminal, then erased; the output is unchanged", async () => {
    const f = csvFile(text);
    const plain = await cli(["batch", f]);
    const r = await cli(["batch", f], { stderrIsTTY: true, env: { TERM: "xterm-256color" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    // ora (src/cli/progress.ts): the cursor is hidden, the line drawn after a carriage return, then erased
    // (carriage return + erase to the end of the line) and the cursor shown again; never a new line.
    expect(r.stderr.startsWith("\u001b[?25l")).toBe(true);
    expect(r.stderr).toMatch(/\r[^\r]*cc-plan batch: 1 row planned/);
    const afterLast = r.stderr.slice(r.stderr.lastIndexOf("planned"));
    expect(afterLast).toContain("\r\u001b[0K");
    expect(r.stderr.endsWith("\u001b[?25h")).toBe(true);
    expect(r.stderr).not.toContain("\n");
  });

  it("is not drawn when stderr is piped or TERM=dumb", async () => {
    const f = csvFile(text);
    expect((await cli(["batch", f], { stderrIsTTY: false })).stderr).toBe("");
    expect((await cli(["batch", f], { stderrIsTTY: true, env: { TERM: "dumb" } })).stderr).toBe("");
  });
});

describe("README: Batch (CSV)", () => {
  it("the example output is what cc-plan batch prints for the example input (CC_PLAN_NOW=2026-12-04), exit 1", async () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Batch (CSV)"), readme.indexOf("## As a library"));
    const [input, output] = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);
    const r = await cli(["batch", csvFile(input ?? "")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(output);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("cc-plan batch: 1 of 4 rows failed; the error column says why");
  });
});
