/**
 * The charts' data and renderers (issue 14), against the plan document and the node model the CLI prints:
 * - one node's parts (poolCapacity) add up to the node's nominal vCPUs and memory, each part being the
 *   kubelet rule's difference of the document's figures, and the reservations split as `cc-plan node TYPE
 *   --json` prints them;
 * - the cost curve's point at the plan's peak on the recommended type is the recommended plan (the headline's
 *   recommended plans are one pool each at the type's natural envs per node, so the one-pool plan on that type,
 *   which `--machine TYPE` plans, is the same plan), and a bigger peak never needs fewer nodes or a smaller bill;
 * - the SVGs are standalone, role="img", with <title> and <desc>;
 * - the built package draws them from CommonJS (dist/cjs) and ES modules (dist), and the CLI loads the chart
 *   library for `report` only (a plain plan never does).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "../../src/adapters/scenario-file.js";
import { poolCapacity, scaleShapes, sweepPeaks } from "../../src/core/charts/data.js";
import type { PlanDocument } from "../../src/core/planner/document.js";
import { planCharts, renderCapacitySvg, renderCostBreakdownSvg, renderCostCurveSvg, renderPlanDocumentJson } from "../../src/index.js";
import { repoRoot, runInProcess } from "../support/cli.js";

const input = { peak: 60, env: "4cpu16g", today: "2026-12-04" } as const;
const charts = planCharts(input);

async function nodeModelJson(type: string, platform: string): Promise<any> {
  const r = await runInProcess(["node", type, "--platform", platform, "--json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("chart data of the headline plan (--peak 60 --env 4cpu16g)", () => {
  it("the plan is the --json plan document of the same flags", async () => {
    const c = await charts;
    const r = await runInProcess(["--peak", "60", "--env", "4cpu16g", "--today", "2026-12-04", "--json"]);
    // --json prints the document through renderPlanDocumentJson (numbers to 12 significant digits).
    expect(renderPlanDocumentJson(c.plan)).toBe(r.stdout);
  });

  it("one node's parts: kubelet differences of the document's figures, split as `cc-plan node` prints them", async () => {
    const c = await charts;
    const doc = c.plan;
    expect(c.capacity.length).toBe(doc.providers.reduce((n, p) => n + (p.recommended === null ? 0 : (p.options[p.recommended]?.pools.length ?? 0)), 0));
    for (const cap of c.capacity) {
      const p = doc.providers.find((x) => x.provider === cap.provider);
      const pool = p?.options[p.recommended as number]?.pools.find((x) => x.name === cap.pool);
      if (!p || !pool) throw new Error(`no pool ${cap.pool}`);
      const n = pool.node;
      const seg = (list: typeof cap.cpu, id: string): number | undefined => list.find((s) => s.id === id)?.amount;
      // CPU: nominal = vcpus × 1000 = reserved + DaemonSets + envs + stranded.
      expect(cap.cpuMillicores).toBe(n.vcpus * 1000);
      expect(cap.cpu.reduce((a, s) => a + s.amount, 0)).toBe(n.vcpus * 1000);
      expect(seg(cap.cpu, "daemonsets")).toBe(n.allocatable.cpuMillicores - n.forEnvs.cpuMillicores);
      // One shape: the node holds envsPerNode envs of 4 vCPU / 16 GiB (the pool's nodes are all alike here).
      const per = n.envsPerNode["4cpu16g"] as number;
      expect(cap.envs).toEqual({ "4cpu16g": per });
      expect(seg(cap.cpu, "envs")).toBe(per * 4000);
      expect(seg(cap.cpu, "stranded")).toBe(n.forEnvs.cpuMillicores - per * 4000);
      // Memory: nominal MiB = kernel + reserved + eviction + DaemonSets + envs + stranded.
      expect(cap.memoryBytes).toBe(n.memoryMiB * 2 ** 20);
      expect(cap.memory.reduce((a, s) => a + s.amount, 0)).toBe(n.memoryMiB * 2 ** 20);
      expect(seg(cap.memory, "kernel")).toBe(n.memoryMiB * 2 ** 20 - n.capacityMemory.bytes);
      expect(seg(cap.memory, "envs")).toBe(per * 16 * 2 ** 30);
      expect((seg(cap.memory, "system-reserved") ?? 0) + (seg(cap.memory, "eviction") ?? 0)).toBe(n.capacityMemory.bytes - n.allocatable.memoryBytes);
      // The split is the node model's (the CLI's `node` command, same platform and defaults).
      const model = await nodeModelJson(cap.machineType, p.platform);
      expect(cap.reservedSplit).toBe(true);
      expect(seg(cap.cpu, "system-reserved")).toBe(model.kubeReserved.cpuMillicores + model.systemReserved.cpuMillicores);
      expect(seg(cap.memory, "system-reserved")).toBe(model.kubeReserved.memoryBytes + model.systemReserved.memoryBytes);
      expect(seg(cap.memory, "eviction")).toBe(model.evictionHard.memoryBytes);
      for (const s of [...cap.cpu, ...cap.memory]) expect(Number.isSafeInteger(s.amount) && s.amount >= 0).toBe(true);
    }
  });

  it("ephemeral storage (issue 16): a third bar only where an env requests some; its parts are the document's and sum to the boot disk", async () => {
    expect((await charts).capacity.every((cap) => cap.storage === undefined)).toBe(true);
    const c = await planCharts({ peak: 30, env: "4cpu16g@eph=20Gi", provider: ["gcp"], today: "2026-12-04" });
    const cap = c.capacity[0];
    const p = c.plan.providers[0];
    const n = p?.options[p.recommended as number]?.pools.find((x) => x.name === cap?.pool)?.node;
    if (!cap?.storage || !n?.ephemeralStorage) throw new Error("no ephemeral storage in the chart or the plan");
    const seg = (id: string): number | undefined => cap.storage?.segments.find((s) => s.id === id)?.amount;
    const e = n.ephemeralStorage;
    // GKE's default 100 GiB pd-balanced disk: filesystem = disk − capacity (98831908Ki) = 6025692 KiB; then
    // kube-reserved 41 GiB, eviction ⌊capacity × float32(0.1)⌋, images 0, envs 20 GiB each, stranded the rest.
    expect(seg("filesystem")).toBe(6025692 * 1024);
    expect(seg("system-reserved")).toBe(e.kubeReservedBytes);
    expect(seg("system-reserved")).toBe(41 * 2 ** 30);
    expect(seg("eviction")).toBe(e.evictionHardBytes);
    const per = n.envsPerNode["4cpu16g@eph=20Gi"] as number;
    expect(seg("envs")).toBe(per * 20 * 2 ** 30);
    expect(seg("stranded")).toBe((n.forEnvs.ephemeralStorageBytes ?? 0) - per * 20 * 2 ** 30);
    expect(cap.storage.bytes).toBe(100 * 2 ** 30);
    expect(cap.storage.segments.reduce((a, s) => a + s.amount, 0)).toBe(100 * 2 ** 30);
    const svg = await renderCapacitySvg(cap, { id: "eph" });
    expect(svg).toMatch(/one node(&#39;|')s CPU, memory and ephemeral storage/);
    expect(svg).toContain("Ephemeral storage 100.00 GiB: filesystem and OS 5.75 GiB, kube + system reserved 41.00 GiB");
    // The HTML report: the node's table gains an ephemeral-storage column.
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-eph-report-"));
    try {
      const file = join(dir, "r.html");
      const r = await runInProcess(["report", "--html", file, "--peak", "30", "--env", "4cpu16g@eph=20Gi", "--provider", "gcp", "--today", "2026-12-04"]);
      expect(r.code).toBe(0);
      const html = readFileSync(file, "utf8");
      expect(html).toContain('<th class="n">ephemeral storage</th>');
      expect(html).toContain("Ephemeral storage 100.00 GiB");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without node models, reserved is one part (capacity − allocatable); a model of other options is refused", async () => {
    const c = await charts;
    const doc: PlanDocument = c.plan;
    const plain = poolCapacity(doc);
    const gcp = doc.providers[0];
    const n = gcp?.options[gcp.recommended as number]?.pools[0]?.node;
    expect(plain[0]?.reservedSplit).toBe(false);
    expect(plain[0]?.memory.find((s) => s.id === "reserved")?.amount).toBe((n?.capacityMemory.bytes ?? 0) - (n?.allocatable.memoryBytes ?? 0));
    const model = await nodeModelJson(plain[0]?.machineType as string, "gke");
    const other = { ...model, allocatable: { ...model.allocatable, cpuMillicores: model.allocatable.cpuMillicores - 1 } };
    expect(() => poolCapacity(doc, (p, t) => (p === "gcp" && t === plain[0]?.machineType ? other : undefined))).toThrow(/does not match the plan document/);
  });

  it("cost against peak: at the plan's peak the recommended type's point is the recommended plan; more envs never cost less", async () => {
    const c = await charts;
    expect(c.costCurves.map((x) => x.provider)).toEqual(c.plan.providers.map((p) => p.provider));
    for (const curve of c.costCurves) {
      const p = c.plan.providers.find((x) => x.provider === curve.provider);
      const rec = p?.options[p.recommended as number];
      if (!rec) throw new Error("no recommendation");
      expect(rec.pools).toHaveLength(1);
      const s = curve.series.find((x) => x.recommended);
      expect(s?.machineType).toBe(rec.pools[0]?.machineType);
      const at = s?.points.find((x) => x.peak === 60);
      expect(at?.nodes).toBe(rec.nodes.peak);
      expect(at?.usdPerMonth).toBeCloseTo(rec.bill.autoscaled.totalUsdPerMonth as number, 6);
      expect(curve.series.length).toBe(3);
      for (const series of curve.series) {
        expect(series.points.map((x) => x.peak)).toEqual(sweepPeaks(60, 40));
        for (let i = 1; i < series.points.length; i++) {
          const [a, b] = [series.points[i - 1], series.points[i]] as const;
          expect(b?.nodes).toBeGreaterThanOrEqual(a?.nodes as number);
          expect(b?.usdPerMonth as number).toBeGreaterThanOrEqual((a?.usdPerMonth as number) - 1e-9);
        }
      }
    }
  });

  it("renders standalone, accessible SVG", async () => {
    const c = await charts;
    const svgs = [
      await renderCostCurveSvg(c.costCurves[0] as never, { id: "a" }),
      await renderCapacitySvg(c.capacity[0] as never, { id: "b" }),
      await renderCostBreakdownSvg(c.costBreakdown[0] as never, { id: "c" }),
    ];
    for (const [i, svg] of svgs.entries()) {
      const id = ["a", "b", "c"][i];
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*>/);
      expect(svg).toMatch(new RegExp(`^<svg [^>]*aria-labelledby="${id}-title"`));
      expect(svg).toMatch(new RegExp(`^<svg [^>]*>\\s*<title id="${id}-title">[^<]{10,}</title><desc id="${id}-desc">[^<]{20,}</desc>`));
      expect(svg.endsWith("</svg>")).toBe(true);
    }
    // The cost curve's text alternative states the recommended plan's figures.
    expect(svgs[0]).toContain("6 nodes, $9,014.80/month");
  });
});

describe("chart data of a scenario with fixed lines priced by machine type (scenarios/codecanvas-60-envs.yaml)", () => {
  it("every curve point is priced, and where the plan has a one-pool option on a type, its point at the plan's peak is that option", async () => {
    const sc = readScenarioFile(join(repoRoot, "scenarios", "codecanvas-60-envs.yaml"));
    if (!sc.ok) throw new Error(sc.error.message);
    const c = await planCharts({ ...sc.value.input, today: "2026-12-04" });
    let compared = 0;
    for (const curve of c.costCurves) {
      const p = c.plan.providers.find((x) => x.provider === curve.provider);
      for (const s of curve.series) {
        // The fixed "application cluster" line is priced by its own machine type: a curve point's plan
        // searches one type but prices with every type's price (a null here was a bug).
        for (const pt of s.points) expect(pt.usdPerMonth).not.toBeNull();
        const one = p?.options.find((o) => o.pools.length === 1 && o.pools[0]?.machineType === s.machineType);
        if (!one) continue;
        const at = s.points.find((x) => x.peak === c.plan.demand.peak);
        expect(at?.nodes).toBe(one.nodes.peak);
        expect(at?.usdPerMonth).toBeCloseTo(one.bill.autoscaled.totalUsdPerMonth as number, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  }, 60_000);
});

describe("pure helpers", () => {
  it("sweepPeaks: sorted, from 1, holds the peak, at most points + 2 values", () => {
    for (const peak of [1, 7, 60, 1000, 12345]) {
      const s = sweepPeaks(peak, 40);
      expect(s[0]).toBe(1);
      expect(s).toContain(peak);
      expect([...s].sort((a, b) => a - b)).toEqual(s);
      expect(new Set(s).size).toBe(s.length);
      expect(s.length).toBeLessThanOrEqual(42);
      expect(s.at(-1)).toBe(Math.max(2, Math.ceil(peak * 1.5)));
    }
  });

  it("scaleShapes: the counts sum to the total, by largest remainder", () => {
    const shape = (name: string, peak: number, normal: number) => ({ name, envText: name, env: {} as never, peak, normal });
    const shapes = [shape("a", 500, 250), shape("b", 300, 300), shape("c", 150, 0), shape("d", 50, 50)];
    for (const total of [1, 3, 10, 99, 1000, 1500]) {
      const s = scaleShapes(shapes, total);
      expect(s.reduce((a, x) => a + x.peak, 0)).toBe(total);
      for (const x of s) expect(x.normal).toBeLessThanOrEqual(x.peak);
    }
    // 10 × (500, 300, 150, 50) / 1000 = 5, 3, 1.5, 0.5: c and d tie on the remainder, the earlier (c) gets
    // the last env, and d, with none, is left out.
    expect(scaleShapes(shapes, 10).map((x) => [x.name, x.peak])).toEqual([
      ["a", 5],
      ["b", 3],
      ["c", 2],
    ]);
    expect(scaleShapes(shapes, 1000).map((x) => [x.name, x.peak, x.normal])).toEqual([
      ["a", 500, 250],
      ["b", 300, 300],
      ["c", 150, 0],
      ["d", 50, 50],
    ]);
  });
});

describe("the built package", () => {
  const script = (load: string) => `${load}
(async () => {
  const c = await m.planCharts({ peak: 60, env: "4cpu16g", provider: "gcp", today: "2026-12-04" });
  const out = [await m.renderCostCurveSvg(c.costCurves[0]), await m.renderCapacitySvg(c.capacity[0]), await m.renderCostBreakdownSvg(c.costBreakdown[0])];
  console.log(JSON.stringify(out.map((s) => /^<svg [^>]*role="img"[^>]*><title id="chart-title">/.test(s))));
})().catch((e) => { console.error(e); process.exit(1); });`;

  it("draws the charts from CommonJS (dist/cjs, require) and ES modules (dist)", () => {
    const cjs = spawnSync(process.execPath, ["-e", script('const m = require("./dist/cjs/index.js");')], { cwd: repoRoot, encoding: "utf8" });
    expect(cjs.stderr).toBe("");
    expect(JSON.parse(cjs.stdout)).toEqual([true, true, true]);
    const esm = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", script('const m = await import("./dist/index.js");').replace("(async", "await (async")],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(esm.stderr).toBe("");
    expect(JSON.parse(esm.stdout)).toEqual([true, true, true]);
  });

  it("the CLI loads the chart library for `report` only", () => {
    // A preload that records every require of the chart packages (the CLI bundle requires them: scripts/bundle.mjs).
    const hook = join(repoRoot, "test", "report", "fixtures", "record-requires.cjs");
    const run = (argv: string[]) =>
      spawnSync(process.execPath, ["--require", hook, "bin/cc-plan.cjs", ...argv], { cwd: repoRoot, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    const plain = run(["--peak", "60", "--env", "4cpu16g", "--today", "2026-12-04"]);
    expect(plain.status).toBe(0);
    expect(plain.stderr).not.toContain("required: ");
    // Its own folder: this test must not depend on another test file having made test/artifacts first.
    const dir = mkdtempSync(join(tmpdir(), "cc-plan-loads-"));
    const report = run(["report", "--html", join(dir, "loads.html"), "--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--today", "2026-12-04"]);
    expect(report.status).toBe(0);
    expect(report.stderr).toContain("required: @observablehq/plot");
    expect(report.stderr).toContain("required: linkedom");
    rmSync(dir, { recursive: true, force: true });
  });
});
