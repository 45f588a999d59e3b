/**
 * `cc-plan calibrate --nodes nodes.json [--daemonsets ds.json] [--pods pods.json] [--env-selector k=v]
 * [--out cal.yaml] [--json]` (issue 15): real nodes against the node model, per pool; `--out` writes the
 * calibration file plans read with `--calibration`. Every input is read and checked before anything is
 * written; the file is written atomically (all of it or nothing). README "Calibrate from a real cluster".
 */
import { readFileSync, statSync } from "node:fs";
import { outputFolderProblem, writeFileAtomically } from "../../adapters/atomic-file.js";
import { readBounded } from "../../adapters/bounded-read.js";
import { calibrationYaml } from "../../adapters/calibration-file.js";
import { withSpecs } from "../../adapters/catalog-fs.js";
import { calibrate } from "../../core/calibrate/calibrate.js";
import { calibrationDocument } from "../../core/calibrate/calibration-file.js";
import { type LabelSelector, parseLabelSelector, readDaemonSets, readNodes, readPods } from "../../core/calibrate/kube-objects.js";
import type { Resolved } from "../../core/resolved.js";
import { renderCalibrationJson, renderCalibrationText } from "../../emit/calibration-text.js";
import type { CommandContext } from "../context.js";
import { OutputError, UsageError } from "../io.js";

const flagText = (ctx: CommandContext, k: string): string | undefined => {
  const v = ctx.args[k];
  if (Array.isArray(v)) throw new UsageError(`--${k} given ${v.length} times; give it once`);
  return typeof v === "string" ? v : undefined;
};

/**
 * The largest input read: 256 MiB. `kubectl get pods -A -o json` of a cluster of 10,000 pods is about 100–200 MB;
 * beyond this a file is not kubectl's output (or is better narrowed with a label selector), and reading it whole
 * would run into V8's string limit (~512 MiB) with a stack trace instead of a message.
 */
export const maxCalibrateInputBytes = 256 * 1024 * 1024;
const tooLarge = (flag: string, source: string, what: string): UsageError =>
  new UsageError(
    `--${flag} ${source}: larger than 256 MiB; expected the output of \`kubectl get ${what} -o json\` (narrow it with -l <selector> if the cluster is that large)`,
  );

/** The JSON of one input: a file, or stdin for "-". */
async function readJson(ctx: CommandContext, flag: string, path: string, what: string): Promise<{ doc: unknown; source: string }> {
  let text: string;
  const source = path === "-" ? `--${flag} - (stdin)` : path;
  if (path === "-") {
    if (!ctx.io.stdin) throw new UsageError(`--${flag} -: no standard input to read`);
    text = await readBounded(ctx.io.stdin() as AsyncIterable<Uint8Array | string>, maxCalibrateInputBytes, () => tooLarge(flag, "-", what));
  } else {
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new UsageError(`--${flag} ${path}: is not a regular file; expected the output of \`kubectl get ${what} -o json\``);
      if (st.size > maxCalibrateInputBytes) throw tooLarge(flag, path, what);
      text = readFileSync(path, "utf8");
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const code = (e as { code?: unknown } | null)?.code;
      throw new UsageError(
        `--${flag} ${path}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : "cannot be read"}; expected the output of \`kubectl get ${what} -o json\` (or - for stdin)`,
      );
    }
  }
  try {
    return { doc: JSON.parse(text), source };
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new UsageError(`${source}: not JSON (${why}); expected the output of \`kubectl get ${what} -o json\``);
  }
}

const ok = <T>(r: Resolved<T>): T => {
  if (!r.ok) throw new UsageError(r.error.message);
  return r.value;
};

export async function runCalibrate(ctx: CommandContext, version: string): Promise<number> {
  const nodesPath = flagText(ctx, "nodes");
  if (nodesPath === undefined || nodesPath === "")
    throw new UsageError(
      "calibrate: --nodes is required: the output of `kubectl get nodes -o json` (a file, or - for stdin), e.g. cc-plan calibrate --nodes nodes.json",
    );
  const dsPath = flagText(ctx, "daemonsets");
  const podsPath = flagText(ctx, "pods");
  const selText = flagText(ctx, "env-selector");
  const out = flagText(ctx, "out");
  if ([nodesPath, dsPath, podsPath].filter((p) => p === "-").length > 1)
    throw new UsageError("calibrate: only one of --nodes, --daemonsets, --pods can read stdin (-)");
  let selector: LabelSelector | undefined;
  if (selText !== undefined) {
    if (podsPath === undefined)
      throw new UsageError("--env-selector needs --pods (the output of `kubectl get pods -A -o json`) to count the envs on each node");
    selector = ok(parseLabelSelector(selText));
  }
  if (out !== undefined) {
    if (out === "" || out === "-") throw new UsageError(`--out "${out}": expected a file name for the calibration file, e.g. --out cal.yaml`);
    const problem = outputFolderProblem(out);
    if (problem) throw new UsageError(`--out ${out}: ${problem}`);
  }
  const n = await readJson(ctx, "nodes", nodesPath, "nodes");
  const nodes = ok(readNodes(n.doc, n.source));
  const ds = dsPath === undefined ? undefined : await readJson(ctx, "daemonsets", dsPath, "daemonsets -A");
  const daemonSets = ds ? ok(readDaemonSets(ds.doc, ds.source)) : undefined;
  const pd = podsPath === undefined ? undefined : await readJson(ctx, "pods", podsPath, "pods -A");
  const pods = pd ? ok(readPods(pd.doc, pd.source)) : undefined;
  const dir = ctx.io.env.CC_PLAN_CATALOG_DIR;
  const catalogs = withSpecs(ctx.catalogs, dir ? { dir } : {});
  const result = ok(
    calibrate({
      nodes,
      nodesSource: n.source,
      ...(daemonSets ? { daemonSets } : {}),
      ...(pods ? { pods } : {}),
      ...(selector ? { envSelector: selector } : {}),
      catalogs,
    }),
  );
  const inputs: Record<string, string> = { nodes: n.source, ...(ds ? { daemonsets: ds.source } : {}), ...(pd ? { pods: pd.source } : {}) };
  const doc = calibrationDocument(result, { generatedBy: `cc-plan calibrate ${version}`, inputs });
  if (out !== undefined) {
    try {
      await writeFileAtomically(out, calibrationYaml(doc));
    } catch (e) {
      throw new OutputError(`--out ${out}: not written (${(e instanceof Error ? e.message : String(e)).split("\n")[0]}); nothing was changed`);
    }
  }
  ctx.io.stdout(ctx.args.json ? renderCalibrationJson(result, doc) : renderCalibrationText(result, Object.values(inputs).join(", "), out));
  return 0;
}
