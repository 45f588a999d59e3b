/**
 * Scenario files (`cc-plan --scenario file.yaml`): YAML → {@link Scenario}.
 *
 * schema/scenario.schema.json is the format (version 1). A file is read in four steps: YAML with line
 * numbers (yaml-tree.ts), the schema through the validator generated from it at build time
 * (schema-check.ts), the checks a schema cannot express (semantic.ts), and the conversion to the raw
 * input the CLI flags produce (to-input.ts). A mistake gives exactly one line naming the file, the line
 * and the YAML path, e.g. `scenario team.yaml line 7: demand.peak: expected a whole number from 1 to
 * 1000000, got -1`; never a partial result, never a stack trace. `parseScenarioText` is pure;
 * `readScenarioFile` reads.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { reservationFields } from "../../core/reservation-rules.js";
import { checkSchema } from "./schema-check.js";
import { checkSemantics } from "./semantic.js";
import { toScenario } from "./to-input.js";
import { maxScenarioBytes, type Scenario, type ScenarioError, type ScenarioResult } from "./types.js";
import { formatPath, type Lines, type Problem, parseYamlTree, treeLines } from "./yaml-tree.js";

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

function failure(fileName: string, p: Problem): { ok: false; error: ScenarioError } {
  const where = p.line === undefined ? "" : ` line ${p.line}`;
  const shown = formatPath(p.shownPath ?? p.path);
  const message = oneLine(`scenario ${fileName}${where}: ${shown === "" ? "" : `${shown}: `}${p.text}`);
  return { ok: false, error: { path: formatPath(p.path), message, ...(p.line === undefined ? {} : { line: p.line }) } };
}

/** Parse and validate a scenario's YAML text. Pure; `fileName` is only used in messages. */
export function parseScenarioText(text: string, fileName: string): ScenarioResult {
  const parsed = parseYamlTree(text);
  if (!parsed.ok) return failure(fileName, parsed.problem);
  const tree = parsed.tree;
  if (tree.kind === "scalar" && tree.value === null)
    return failure(fileName, { path: [], text: "the file is empty; expected a mapping with version: 1, name, env and demand" });
  const checked = checkSchema(tree);
  if (!checked.ok) return failure(fileName, checked.problem);
  const lines = treeLines(tree);
  const problem = checkSemantics(checked.doc, lines);
  if (problem) return failure(fileName, problem);
  return { ok: true, value: withFieldNames(toScenario(checked.doc), lines, fileName) };
}

/**
 * The reservations are checked by the resolver (an expression needs mathjs and, for its value, the
 * machine type): the input names their keys, file and line, so its messages point into the file.
 */
function withFieldNames(scenario: Scenario, lines: Lines, fileName: string): Scenario {
  const names: Record<string, string> = {};
  for (const { key, scenarioPath } of reservationFields) {
    if (scenario.input[key] === undefined) continue;
    const line = lines.line(scenarioPath);
    names[key] = oneLine(`scenario ${fileName}${line === undefined ? "" : ` line ${line}`}: ${formatPath(scenarioPath)}`);
  }
  return Object.keys(names).length === 0 ? scenario : { ...scenario, input: { ...scenario.input, fieldNames: names } };
}

/** Read and parse a scenario file; an unreadable file is an error result too. */
export function readScenarioFile(path: string): ScenarioResult {
  let text: string;
  try {
    // A device, FIFO or socket (/dev/zero, /dev/urandom, a named pipe) would be read forever or block:
    // only a regular file is read, and never more than the size limit (stat first: opening a FIFO blocks).
    const st = statSync(path);
    if (st.isDirectory()) return failure(path, { path: [], text: "is a directory, not a file" });
    if (!st.isFile()) return failure(path, { path: [], text: "is not a regular file (a device, pipe or socket); pass a YAML file" });
    const tooBig = { path: [], text: `the file is larger than ${maxScenarioBytes / 1024 / 1024} MiB; a scenario is a small YAML file` };
    if (st.size > maxScenarioBytes) return failure(path, tooBig);
    const fd = openSync(path, "r");
    let buf: Buffer;
    try {
      // Read at most limit + 1 bytes, in case the file grew after the stat.
      buf = Buffer.alloc(maxScenarioBytes + 1);
      let n = 0;
      for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
      buf = buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
    if (buf.length > maxScenarioBytes) return failure(path, tooBig);
    text = buf.toString("utf8");
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : `cannot be read${typeof code === "string" ? ` (${code})` : ""}`;
    return failure(path, { path: [], text: why });
  }
  return parseScenarioText(text, path);
}
