// `cc-plan batch` on generated CSV files, as the real bin in a child process (issue 13): rows per second
// (wall and CPU time) and peak memory (the child's VmHWM from /proc, the kernel's high-water mark of its
// resident set, polled; on a system without /proc only the wall time is reported).
//
// (g) 100,000 rows drawn from a pool of typical demands: 13 team sizes × 6 env shapes × 5 provider choices ×
//     normal (= peak or half) × disk (none or 100Gi) = 1,560 requests, and 1 % bad rows (an env that is no
//     shape; 260 more): at most 1,820 distinct requests (the count is printed). Repeated requests come from
//     the batch's bounded cache, as they would in a real file.
// (h) 2,000 rows that are all different (peak 1…2,000, one provider each): the planning rate without the cache.
//
// BENCH_BATCH_ROWS changes the 100,000. The files are written to a temporary folder and removed.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const rows = Number(process.env.BENCH_BATCH_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "cc-plan-bench-batch-"));

/** A small deterministic generator (mulberry32), so every run plans the same file. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pooledFile(n) {
  const next = random(42);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const peaks = [5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200];
  const envs = ["2cpu8g", "4cpu16g", "8cpu32g", "4cpu8g", "16cpu64g", "2cpu4g"];
  const providers = ["", "gcp", "azure", "aws", '"gcp,azure"'];
  const lines = ["name,peak,normal,env,provider,disk"];
  const distinct = new Set();
  for (let i = 1; i <= n; i++) {
    const peak = pick(peaks);
    const env = next() < 0.01 ? "4cpux" : pick(envs);
    const request = `${peak},${next() < 0.5 ? "" : Math.floor(peak / 2)},${env},${pick(providers)},${next() < 0.5 ? "" : "100Gi"}`;
    distinct.add(request);
    lines.push(`team-${i},${request}`);
  }
  return { text: `${lines.join("\n")}\n`, distinct: distinct.size };
}

function distinctFile(n) {
  const providers = ["gcp", "azure", "aws"];
  const lines = ["name,peak,env,provider"];
  for (let i = 1; i <= n; i++) lines.push(`t${i},${i},4cpu16g,${providers[i % 3]}`);
  return `${lines.join("\n")}\n`;
}

/** Run `cc-plan batch <file> --out <out>`; wall time, exit code and the peak resident set (MiB). */
function runBatch(file, out) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ["bin/cc-plan.cjs", "batch", file, "--out", out], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let peakKiB = null;
    let cpuTicks = null;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peakKiB = Math.max(peakKiB ?? 0, Number(m[1]));
        // utime + stime (fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses), in clock ticks.
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpuTicks = Number(f[11]) + Number(f[12]);
      } catch {
        // no /proc, or the child has just exited
      }
    };
    const timer = setInterval(sample, 50);
    child.on("error", fail);
    child.on("exit", (code) => {
      clearInterval(timer);
      // CPU time as last sampled (up to 50 ms short), at the usual 100 ticks a second: on a shared machine it says more than the wall time.
      done({
        code,
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
        cpuSeconds: cpuTicks === null ? null : cpuTicks / 100,
        peakMiB: peakKiB === null ? null : peakKiB / 1024,
        stderr,
      });
    });
  });
}

const report = (label, n, r, out) => {
  const outRows = readFileSync(out, "utf8").split("\n").length - 2;
  const memory = r.peakMiB === null ? "peak memory n/a (no /proc)" : `peak RSS ${r.peakMiB.toFixed(0)} MiB`;
  const cpu = r.cpuSeconds === null ? "" : `; CPU ${r.cpuSeconds.toFixed(1)} s = ${Math.round(n / r.cpuSeconds).toLocaleString("en-US")} rows per CPU-second`;
  console.log(`${label}: ${n.toLocaleString("en-US")} rows → ${outRows.toLocaleString("en-US")} output rows (exit ${r.code})`);
  console.log(`    wall ${r.seconds.toFixed(1)} s = ${Math.round(n / r.seconds).toLocaleString("en-US")} rows/s${cpu}; ${memory}`);
};

try {
  const pooled = join(dir, "pooled.csv");
  const file = pooledFile(rows);
  writeFileSync(pooled, file.text);
  const a = await runBatch(pooled, join(dir, "pooled.out.csv"));
  // Exit 1 is expected: 1 % of the rows are bad on purpose.
  if (a.code !== 1) throw new Error(`batch (g) exited ${a.code}: ${a.stderr}`);
  report(
    `(g) pooled demands, ${(statSync(pooled).size / 1024 / 1024).toFixed(1)} MiB, ${file.distinct.toLocaleString("en-US")} distinct requests, 1 % bad rows`,
    rows,
    a,
    join(dir, "pooled.out.csv"),
  );

  const distinct = join(dir, "distinct.csv");
  writeFileSync(distinct, distinctFile(2000));
  const b = await runBatch(distinct, join(dir, "distinct.out.csv"));
  if (b.code !== 0) throw new Error(`batch (h) exited ${b.code}: ${b.stderr}`);
  report("(h) all different (no cache hit)", 2000, b, join(dir, "distinct.out.csv"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
