// Executes the notebooks of notebooks/ headless (issue 14), with Debian's `jupyter nbconvert --execute`
// and the tslab TypeScript kernel (a devDependency), the way test/notebooks/notebooks.test.ts does:
//   node scripts/notebooks.mjs                 execute each notebook into a temporary folder, report times
//   node scripts/notebooks.mjs --update [name] execute and write the outputs back into notebooks/ (npm run notebooks)
// Needs the package built (dist/: the notebooks import "cc-plan", resolved through notebooks/node_modules/cc-plan,
// a link to the repository that setup() makes) and Jupyter: apt-get install jupyter-nbconvert python3-nbclient
// jupyter-client python3-ipykernel. The kernel is registered in the repository's .jupyter/ (ignored by git),
// never in the user's home, because its kernel.json holds absolute paths.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const notebooksDir = join(repoRoot, "notebooks");
const jupyterDir = join(repoRoot, ".jupyter");
/** Debian's Jupyter (the python3 on PATH may be another installation without it). */
const jupyter = existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";
const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
/** Seconds a cell may run before nbconvert gives up. */
const cellTimeoutSeconds = 300;

export class NotebookSetupError extends Error {}

/** The committed notebooks, by file name. */
export function notebookFiles() {
  return readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
}

/** Link notebooks/node_modules/cc-plan to the repository and register the tslab kernel in .jupyter/. */
export function setup() {
  if (!existsSync(join(repoRoot, "dist", "cjs", "index.js"))) throw new NotebookSetupError("dist/ is missing: run npm run build first");
  const jv = spawnSync(jupyter, ["nbconvert", "--version"], { encoding: "utf8" });
  if (jv.status !== 0)
    throw new NotebookSetupError(
      `jupyter nbconvert is not installed (${jv.error?.message ?? jv.stderr.trim()}): apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel`,
    );
  const link = join(notebooksDir, "node_modules", "cc-plan");
  if (!existsSync(join(link, "package.json"))) {
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { force: true, recursive: true });
    symlinkSync(join("..", ".."), link, "dir");
  }
  const tslab = join(repoRoot, "node_modules", ".bin", "tslab");
  if (!existsSync(tslab)) throw new NotebookSetupError("tslab is not installed: npm install (it is a devDependency)");
  const kernel = join(jupyterDir, "share", "jupyter", "kernels", "tslab", "kernel.json");
  if (!existsSync(kernel) || !readFileSync(kernel, "utf8").includes(tslab)) {
    const r = spawnSync(tslab, ["install", `--python=${python}`, `--prefix=${jupyterDir}`, `--binary=${tslab}`], { encoding: "utf8" });
    if (r.status !== 0 || !existsSync(kernel)) throw new NotebookSetupError(`tslab install failed: ${(r.stderr || r.stdout).trim().split("\n").at(-1)}`);
  }
  return { env: { ...process.env, JUPYTER_PATH: join(jupyterDir, "share", "jupyter") } };
}

/**
 * Execute one notebook (a file name in notebooks/) into `outFile` with nbconvert; the kernel runs in
 * notebooks/, so relative paths in cells are the notebook's. Returns the exit status, the seconds taken
 * and nbconvert's stderr.
 */
export function execute(name, outFile, env = setup().env) {
  const t0 = performance.now();
  const r = spawnSync(
    jupyter,
    ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.timeout=${cellTimeoutSeconds}`, "--output", outFile, name],
    { cwd: notebooksDir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: r.status, seconds: (performance.now() - t0) / 1000, stderr: r.stderr ?? "", written: existsSync(outFile) };
}

/**
 * {@link execute} without blocking the event loop (a test runner's worker must keep answering while a
 * notebook runs for half a minute).
 */
export function executeAsync(name, outFile, env) {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(
      jupyter,
      ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.timeout=${cellTimeoutSeconds}`, "--output", outFile, name],
      { cwd: notebooksDir, env, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (t) => {
      stderr += t;
    });
    child.on("error", fail);
    child.on("close", (status) => done({ status, seconds: (performance.now() - t0) / 1000, stderr, written: existsSync(outFile) }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const update = args.includes("--update");
  const names = args.filter((a) => !a.startsWith("--")).map((n) => (n.endsWith(".ipynb") ? basename(n) : `${n}.ipynb`));
  try {
    const { env } = setup();
    const tmp = mkdtempSync(join(tmpdir(), "cc-plan-notebooks-"));
    let failed = 0;
    for (const name of names.length > 0 ? names : notebookFiles()) {
      const out = join(tmp, name);
      const r = execute(name, out, env);
      if (r.status !== 0 || !r.written) {
        failed++;
        process.stderr.write(`${name}: nbconvert exited ${r.status}\n${r.stderr.split("\n").slice(-15).join("\n")}\n`);
        continue;
      }
      if (update) renameSync(out, join(notebooksDir, name));
      process.stdout.write(`${name}: executed in ${r.seconds.toFixed(1)} s${update ? ", outputs written back" : ""}\n`);
    }
    rmSync(tmp, { recursive: true, force: true });
    process.exit(failed > 0 ? 1 : 0);
  } catch (e) {
    process.stderr.write(`notebooks: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
