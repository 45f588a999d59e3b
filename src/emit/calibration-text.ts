/** `cc-plan calibrate` output: the table (≤ 100 columns) and the JSON document. Pure. */
import type { CalibrationResult, PoolCalibration, VariantDiff } from "../core/calibrate/calibrate.js";
import { wrap } from "./plan-text.js";

const MiB = 1024 * 1024;

/** A byte difference in MiB: exact to 2 decimals, "0" when exactly 0, sign shown (U+2212 for minus). */
export function mibDiff(bytes: number): string {
  if (bytes === 0) return "0";
  const v = Math.abs(bytes) / MiB;
  const t = Number.isInteger(v) ? String(v) : v.toFixed(2);
  return `${bytes < 0 ? "−" : "+"}${t}`;
}
const mDiff = (m: number): string => (m === 0 ? "0" : `${m < 0 ? "−" : "+"}${Math.abs(m)}`);
const mi = (b: number): string => (b % MiB === 0 ? `${b / MiB}Mi` : `${(b / MiB).toFixed(1)}Mi`);
const pad = (s: string, n: number): string => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const cut = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function dsText(p: PoolCalibration): string {
  if (!p.daemonSets) return "–";
  const d = p.daemonSets;
  return `${d.cpuMillicores}m ${mi(d.memoryBytes)} ${d.pods} pod${d.pods === 1 ? "" : "s"}`;
}

/** The table and the detail lines. */
export function renderCalibrationText(r: CalibrationResult, inputs: string, written: string | undefined): string {
  const envs = r.pools.some((p) => p.envsPerNode !== null);
  const out: string[] = [];
  out.push(
    ...wrap(
      `Calibration of ${r.nodeCount} node${r.nodeCount === 1 ? "" : "s"} in ${r.pools.length} pool${r.pools.length === 1 ? "" : "s"} (${r.provider}), from ${inputs}`,
      100,
      "  ",
    ),
  );
  out.push("");
  const head = `${pad("pool", 14)} ${pad("machine type", 18)} ${lpad("nodes", 5)}  ${pad("variant", 10)} ${lpad("Δ MiB", 9)} ${lpad("Δ m", 5)}  ${lpad("cap/nom", 7)} ${lpad("pods", 4)}  ${pad("DaemonSets/node", 18)}${envs ? " envs/node" : ""}`;
  out.push(head.trimEnd());
  for (const p of r.pools) {
    const d = p.closest;
    const variant = p.variant === "none" ? `none(${d.variant})` : p.variant;
    const ratio = `${(p.memoryRatio * 100).toFixed(2)}%${p.nominalInferred ? "*" : ""}`;
    const e = p.envsPerNode ? (p.envsPerNode.min === p.envsPerNode.max ? `${p.envsPerNode.min}` : `${p.envsPerNode.min}–${p.envsPerNode.max}`) : "";
    out.push(
      `${pad(cut(p.pool, 14), 14)} ${pad(cut(p.machineType + (p.learned ? "†" : ""), 18), 18)} ${lpad(String(p.nodes.length), 5)}  ${pad(cut(variant, 10), 10)} ${lpad(mibDiff(d.memoryBytes), 9)} ${lpad(mDiff(d.cpuMillicores), 5)}  ${lpad(ratio, 7)} ${lpad(String(p.maxPods), 4)}  ${pad(dsText(p), 18)}${envs ? ` ${lpad(e, 9)}` : ""}`.trimEnd(),
    );
  }
  out.push("");
  out.push("Δ = observed − model allocatable (memory MiB, CPU millicores); 0 and 0: the formula is exact.");
  for (const p of r.pools) {
    const others = p.variants
      .filter((v) => v.variant !== p.closest.variant)
      .map((v: VariantDiff) => `${v.variant} ${mibDiff(v.memoryBytes)} MiB ${mDiff(v.cpuMillicores)} m`);
    const cap = p.capacity.memoryBytes;
    const al = p.allocatable.memoryBytes;
    out.push(
      ...wrap(
        `${p.pool}/${p.machineType}: capacity ${p.capacity.cpuMillicores}m, ${cap.min / 1024}${cap.max !== cap.min ? `–${cap.max / 1024}` : ""}Ki; allocatable ${al.min / 1024}${al.max !== al.min ? `–${al.max / 1024}` : ""}Ki${others.length > 0 ? `; other variants: ${others.join(", ")}` : ""}`,
        100,
        "  ",
      ),
    );
    if (p.learned)
      out.push(
        ...wrap(
          `  † not in the catalogs: learned ${p.machine.vcpus} vCPUs, ${p.machine.memoryMiB} MiB${p.nominalInferred ? " (* nominal inferred: next 256 MiB step the formula fits)" : ""}, ${p.maxPods} pods, ${p.volumes.value} volumes (${p.volumes.source}); planned unpriced`,
          100,
          "    ",
        ),
      );
  }
  for (const n of r.notes) out.push(...wrap(`note: ${n}`, 100, "  "));
  if (written) out.push(...wrap(`Wrote ${written}: use it with cc-plan --calibration ${written} … or cc-plan node <type> --calibration ${written}`, 100, "  "));
  return `${out.join("\n")}\n`;
}

/** The result as JSON (bytes and millicores as integers). */
export function renderCalibrationJson(r: CalibrationResult, calibrationFile: Record<string, unknown>): string {
  const pools = r.pools.map((p) => ({
    provider: p.provider,
    pool: p.pool,
    poolLabel: p.poolLabel,
    machineType: p.machineType,
    learned: p.learned,
    nominal: { vcpus: p.machine.vcpus, memoryMiB: p.machine.memoryMiB, memoryInferred: p.nominalInferred },
    nodes: p.nodes,
    kubeletVersions: p.kubeletVersions,
    capacity: p.capacity,
    allocatable: p.allocatable,
    memoryCapacityRatio: p.memoryRatio,
    variant: p.variant,
    difference: p.closest,
    variants: p.variants,
    maxPods: p.maxPods,
    volumes: p.volumes,
    daemonSets: p.daemonSets,
    envsPerNode: p.envsPerNode,
  }));
  return `${JSON.stringify({ provider: r.provider, nodeCount: r.nodeCount, pools, notes: r.notes, calibration: calibrationFile }, null, 2)}\n`;
}
