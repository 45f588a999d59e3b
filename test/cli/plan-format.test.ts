/**
 * `cc-plan --format csv|tsv|markdown`: one row per plan option per provider, the values those of `--json`
 * for the same flags (read from the document here, not written down).
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runInProcess, runJson } from "../support/cli.js";

const columns = [
  "name",
  "provider",
  "region",
  "option",
  "recommended",
  "pools",
  "envs-per-node",
  "min-nodes",
  "max-nodes",
  "usd-per-month",
  "usd-per-developer",
  "status",
  "error",
];

/** The rows the plan document of `cc-plan --json <flags>` stands for. */
async function expectedRows(flags: string[]): Promise<Record<string, string>[]> {
  const { doc } = await runJson(flags);
  const name = doc.inputs.shapes.map((s: any) => `${s.peak}${s.normal === s.peak ? "" : `/${s.normal}`}x${s.text}`).join(" ");
  const range = (a: { minNodes: number; maxNodes: number }): string => (a.minNodes === a.maxNodes ? `${a.maxNodes}` : `${a.minNodes}-${a.maxNodes}`);
  return doc.providers.flatMap((p: any) =>
    p.options.map((o: any, i: number) => ({
      name,
      provider: p.provider,
      region: p.region,
      option: o.kind,
      recommended: i === p.recommended ? "yes" : "no",
      pools: o.pools.map((pl: any) => `${pl.machineType} x ${range(pl.autoscaler)}`).join("; "),
      "envs-per-node": o.pools.map((pl: any) => String(Object.values(pl.node.envsPerNode)[0])).join("; "),
      "min-nodes": String(o.nodes.min),
      "max-nodes": String(o.nodes.max),
      "usd-per-month": o.bill.autoscaled.totalUsdPerMonth.toFixed(2),
      "usd-per-developer": o.bill.autoscaled.perDeveloperUsdPerMonth.toFixed(2),
      status: "ok",
      error: "",
    })),
  );
}

describe("cc-plan --format", () => {
  const flags = ["--peak", "60", "--env", "4cpu16g"];

  it("csv: every option of every provider, with the --json document's values; exit 0, nothing on stderr", async () => {
    const r = await runInProcess([...flags, "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(columns.join(","));
    const rows = parse(r.stdout, { columns: true });
    expect(rows).toEqual(await expectedRows(flags));
    // One recommended plan per provider, as the table's ▶.
    expect(rows.filter((x: any) => x.recommended === "yes").map((x: any) => x.provider)).toEqual(["gcp", "azure"]);
  });

  it("tsv: the same cells, tab-separated, no quoting", async () => {
    const csv = parse((await runInProcess([...flags, "--format", "csv"])).stdout) as string[][];
    const r = await runInProcess([...flags, "--format", "tsv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(
      r.stdout
        .slice(0, -1)
        .split("\n")
        .map((l) => l.split("\t")),
    ).toEqual(csv);
  });

  it("markdown: a GitHub table (header, alignment row, one line per option; numbers right-aligned)", async () => {
    const r = await runInProcess([...flags, "--format", "markdown"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`| ${columns.join(" | ")} |`);
    expect(lines[1]).toBe("| --- | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
    const expected = await expectedRows(flags);
    expect(lines).toHaveLength(2 + expected.length);
    expect(lines[2]).toBe(`| ${columns.map((c) => expected[0]?.[c]).join(" | ")} |`);
  });

  it("a provider without a plan gets one error row with the plan's message; exit 1 as without --format", async () => {
    const bad = ["--peak", "2", "--env", "1000cpu2000g", "--provider", "gcp"];
    const { doc } = await runJson(bad);
    const r = await runInProcess([...bad, "--format", "csv"]);
    expect(r.code).toBe(1);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "gcp", option: "", recommended: "", pools: "", status: "error" });
    const message = doc.providers[0].issues.find((i: any) => i.severity === "error").message;
    expect(rows[0]?.error).toBe(message);
  });

  it("is a usage error with --json or --emit, given twice, or with another value (exit 2, one line)", async () => {
    const json = await runInProcess([...flags, "--format", "csv", "--json"]);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe("");
    expect(json.stderr).toBe("cc-plan: --format and --json: choose one (--json prints the plan document, --format its plans as csv, tsv or markdown rows)\n");
    const emit = await runInProcess([...flags, "--format", "csv", "--emit", "gcloud"]);
    expect(emit.code).toBe(2);
    expect(emit.stderr).toMatch(/^cc-plan: --format and --emit: choose one/);
    expect((await runInProcess([...flags, "--format", "csv", "--format", "tsv"])).stderr).toBe("cc-plan: --format given 2 times (csv, tsv); give it once\n");
    expect((await runInProcess([...flags, "--format", "json"])).stderr).toBe(
      'cc-plan: --format "json": expected one of csv, tsv, markdown (the default is the text table; --json prints the plan document)\n',
    );
  });
});
