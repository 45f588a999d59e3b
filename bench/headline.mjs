// Wall time of the headline command as a ratio to `node -e 0`, measured in the same run
// (interleaved, median of N), so the number does not depend on the machine's speed.
// Target (issue 10): ratio ≤ 2.0, although the planner now searches every machine type.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 25);
const commands = {
  "node -e 0": ["-e", "0"],
  "cc-plan --peak 60 --env 4cpu16g": ["bin/cc-plan.cjs", "--peak", "60", "--env", "4cpu16g"],
  "cc-plan --peak 60 --env 4cpu16g --json": ["bin/cc-plan.cjs", "--peak", "60", "--env", "4cpu16g", "--json"],
  "cc-plan node n2-standard-4 --json": ["bin/cc-plan.cjs", "node", "n2-standard-4", "--json"],
};
const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    if (i >= 2) times[name].push(ms); // two warm-up rounds (disk cache)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times["node -e 0"]);
console.log(`runs: ${runs} each, interleaved; medians`);
for (const name of Object.keys(commands)) {
  const m = median(times[name]);
  console.log(`${name.padEnd(42)} ${m.toFixed(1).padStart(7)} ms   ratio ${(m / base).toFixed(2)}`);
}
const ratio = median(times["cc-plan --peak 60 --env 4cpu16g"]) / base;
console.log(`headline ratio: ${ratio.toFixed(2)} (target ≤ 2.0) ${ratio <= 2.0 ? "ok" : "OVER TARGET"}`);
