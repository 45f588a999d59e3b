/** `cc-plan batch`'s header and cells → flags (src/cli/batch-input.ts), and the --out folder check. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputFolderProblem } from "../../src/adapters/atomic-file.js";
import { readHeader, rowArgs } from "../../src/cli/batch-input.js";
import { UsageError } from "../../src/cli/io.js";

const at = { row: 1, line: 2 };

describe("readHeader", () => {
  it("matches the long flag names without regard to case or surrounding spaces", () => {
    expect(readHeader([" Name", "PEAK ", "env", "Provider"], "f.csv")).toEqual(["name", "peak", "env", "provider"]);
  });

  it("refuses an unknown, an empty or a repeated name in one line", () => {
    expect(() => readHeader(["name", "envs"], "f.csv")).toThrow(UsageError);
    expect(() => readHeader(["name", "envs"], "f.csv")).toThrow(/^f\.csv: unknown column "envs" in the header; accepted: name, peak, normal, env,/);
    expect(() => readHeader(["name", "", "env"], "f.csv")).toThrow("f.csv: header column 2 has no name; accepted: name, peak,");
    expect(() => readHeader(["env", "Env"], "f.csv")).toThrow('f.csv: column "env" is in the header twice');
  });
});

describe("rowArgs", () => {
  const header = readHeader(["name", "peak", "env", "provider", "zones", "normal"], "f.csv");

  it("gives the flags yargs would: empty cells left out, list columns as arrays split on ';', cells trimmed", () => {
    const r = rowArgs(header, [" team ", "60", "4cpu16g", "gcp,azure", "us-central1-a,us-central1-b; 1,2", ""], at);
    expect(r).toEqual({
      ok: true,
      name: "team",
      args: { _: [], peak: "60", env: "4cpu16g", provider: ["gcp,azure"], zones: ["us-central1-a,us-central1-b", "1,2"] },
    });
  });

  it("a row with another number of cells than the header is that row's error", () => {
    expect(rowArgs(header, ["a", "1"], at)).toEqual({
      ok: false,
      error: "row 1 (line 2): 2 cells, but the header has 6 columns (name, peak, env, provider, zones, normal)",
    });
  });
});

describe("outputFolderProblem", () => {
  it("says when the folder is missing or the name is a folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-out-"));
    expect(outputFolderProblem(join(dir, "plans.csv"))).toBeUndefined();
    expect(outputFolderProblem(join(dir, "missing", "plans.csv"))).toBe(`the folder ${join(dir, "missing")} does not exist`);
    expect(outputFolderProblem(dir)).toBe(`${dir} is a folder; name a file in it`);
  });
});
