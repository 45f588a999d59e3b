/**
 * The plan document → terminal text. The first screen answers (issue 10 §6): per provider the recommended
 * pools, nodes min–max, monthly and per-developer cost and what binds, in a table that fits `width`
 * columns; cost lines with their sources, the node model per pool, the placement and the notes come with
 * `explain`. Every printed cost line's quantity × printed unit price rounds to the printed amount (unit
 * prices are printed in full). Pure.
 */
import { Chalk } from "chalk";
import { kubernetesService } from "../core/constants.js";
import type { CostLine, CostSummary } from "../core/cost.js";
import type { PlanIssue } from "../core/issues.js";
import type { PlanDocument, PlanOption, ProviderPlan } from "../core/planner/document.js";
import { gib, money, vcpu } from "./format.js";

const providerTitle = kubernetesService;
const kindLabel = (o: PlanOption, within: number): string =>
  ({
    "smaller-blast-radius": `within ${+(within * 100).toFixed(2)} %`,
    cheapest: "cheapest",
    "one-pool": "one pool",
    "one-per-node": "1 env/node",
    named: "--machine",
    "guide-example": "guide example",
    "greedy-baseline": "greedy",
  })[o.kind];

export interface TextOptions {
  readonly color: boolean;
  /** Terminal columns (100 when not a terminal). */
  readonly width: number;
  /** Cost lines, sources, node models, placement and every note. */
  readonly explain: boolean;
}

/** A number as printed in a cost line: up to 12 significant digits, no float noise, no trailing zeros. */
export const exact = (n: number): string => {
  const s = Number(n.toPrecision(12)).toString();
  return s.includes("e") ? n.toFixed(6) : s;
};

/** Unit price in full (so quantity × price rounds to the printed amount), at least cents. */
const unitPrice = (v: number | null): string => {
  if (v === null) return "n/a";
  const s = exact(v);
  const [w, f = ""] = s.split(".");
  return `$${w}.${f.padEnd(2, "0")}`;
};

/** Render the plan. */
export function renderPlanText(plan: PlanDocument, options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(60, options.width);
  const out: string[] = [];
  const shapes = plan.inputs.shapes;
  const demandText =
    shapes.length === 1
      ? `${shapes[0]?.peak} envs at peak, ${shapes[0]?.normal} normal, each ${shapes[0]?.text} (${vcpu(shapes[0]?.cpuMillicores ?? 0)} vCPU, ${gib(shapes[0]?.memoryBytes ?? 0)} GiB)`
      : `${plan.demand.peak} envs at peak (${plan.demand.normal} normal): ${shapes.map((s) => `${s.peak}${s.normal !== s.peak ? `/${s.normal}` : ""}×${s.text}`).join(", ")}`;
  const [d0 = "", ...dRest] = wrap(`Demand: ${demandText}`, width, "  ");
  out.push(c.bold(d0), ...dRest);
  for (const p of plan.providers) {
    out.push("");
    out.push(...providerBlock(plan, p, c, width));
  }
  const warnings = plan.issues.filter((i) => i.severity !== "info");
  const memory = memoryLine(plan);
  const memoryLines = memory ? wrap(memory, width, "  ") : [];
  if (options.explain) {
    if (memoryLines.length > 0) out.push("", ...memoryLines);
    // Detail lines wrap to the width, except a cost line's arithmetic (Q unit × $P = $A stays whole, so it can be read and checked).
    for (const p of plan.providers) out.push("", ...explainProvider(plan, p, c).flatMap((l) => (/ × \$[\d,.]+ = /.test(l) ? [l] : wrap(l, width, "        "))));
    const all = [...plan.notes, ...plan.issues];
    if (all.length > 0) {
      out.push("", c.bold("Notes"));
      for (const i of all) out.push(...wrap(`- ${i.severity}: ${i.message}`, width, "  "));
    }
  } else {
    out.push("", ...memoryLines);
    // Which figures came from a calibration file (issue 15), and the calibrated types left unpriced.
    const calibration = plan.issues.filter((i) => i.code === "calibration_applied" || i.code === "calibration_unpriced");
    for (const i of calibration)
      out.push(...wrap(i.code === "calibration_applied" ? `${i.message.charAt(0).toUpperCase()}${i.message.slice(1)}` : i.message, width, "  "));
    for (const i of warnings) out.push(...wrap(`${i.severity}: ${i.message}`, width, "  "));
    const more = plan.issues.length - warnings.length - calibration.length + plan.notes.length;
    out.push(
      ...wrap(`--explain: costs, nodes, placement${more > 0 ? `, ${more} notes` : ""} · --json · --emit terraform|gcloud|az|k8s|karpenter`, width, "  ").map(
        (l) => c.dim(l),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

function providerBlock(plan: PlanDocument, p: ProviderPlan, c: InstanceType<typeof Chalk>, width: number): string[] {
  const out: string[] = [];
  // The dates of the prices the bill uses: the nodes', and the disks' where they differ (fees are in --explain and the JSON).
  const datesOf = (item: string): string[] => p.pricesAsOf.filter((d) => d.item === item).map((d) => d.asOf);
  const nodeDates = datesOf("nodes");
  const diskDates = datesOf("disks");
  const asOf = nodeDates.join(", ") || (plan.catalogs.find((x) => x.provider === p.provider)?.asOf ?? "?");
  const disks = diskDates.length > 0 && diskDates.join() !== nodeDates.join() ? `, disk prices of ${diskDates.join(", ")}` : "";
  const zones = plan.inputs.costing.zones[p.provider]?.count ?? 3;
  const title = `${providerTitle[p.provider]} ${p.region}`;
  const applied = p.recommended === null ? p.pricing : (p.options[p.recommended]?.applied ?? p.pricing);
  const pricing = applied === p.pricing ? `${p.pricing} prices` : `${applied} prices (--pricing ${p.pricing} does not apply here)`;
  const [first = "", ...rest] = wrap(
    `${title} (${p.platform}, ${pricing} of ${asOf}${disks}, ${zones} zones, ${p.machinesConsidered} machine types searched)`,
    width,
    "  ",
  );
  out.push(c.bold(title) + first.slice(title.length), ...rest);
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  if (!rec) {
    out.push("  no plan: see the errors below");
    return out;
  }
  out.push(
    ...wrap(
      `Recommended: ${poolsText(rec, true)}: ${c.bold(`${money(total(rec.bill.autoscaled))}/month`)}, ${money(rec.bill.autoscaled.perDeveloperUsdPerMonth)} per developer. ${p.reason}.`,
      width,
      "  ",
    ),
  );
  // The comparison table.
  const head = ["plan", "pools (max nodes)", "min–max", "lost/node", "binds", "$/month", "$/dev", "proof"];
  const rows = p.options.map((o, i) => [
    `${i === p.recommended ? "▶" : " "} ${kindLabel(o, plan.inputs.within)}`,
    poolsText(o, false),
    `${o.nodes.min}–${o.nodes.max}`,
    String(o.blastRadius),
    [
      ...new Set(
        o.pools.flatMap((pl) => Object.values(pl.node.binds).map((b) => (b === "max-envs-per-node" ? "cap" : b === "ephemeral-storage" ? "storage" : b))),
      ),
    ].join(", "),
    money(total(o.bill.autoscaled)),
    money(o.bill.autoscaled.perDeveloperUsdPerMonth),
    o.optimal ? "optimal" : o.gap === null ? "" : `+${(o.gap * 100).toFixed(1)} %`,
  ]);
  // Fit the terminal: leave out the least needed columns first (a row a line reads best), and only when
  // that is not enough wrap the pools, binds and plan columns.
  const dropOrder = ["$/dev", "binds", "proof", "min–max", "lost/node"];
  const fits = (ls: readonly string[]): boolean => Math.max(...ls.map((l) => l.length)) <= width;
  let keep = head.map((_, i) => i);
  const build = (wrapping: boolean): string[] => {
    const pick = <T>(xs: readonly T[]): T[] => keep.map((i) => xs[i] as T);
    return table(pick(head), rows.map(pick), width, wrapping ? [keep.indexOf(1), keep.indexOf(4), 0].filter((i) => i >= 0) : []);
  };
  let lines = build(false);
  for (const name of dropOrder) {
    if (fits(lines)) break;
    keep = keep.filter((i) => head[i] !== name);
    lines = build(false);
  }
  if (!fits(lines)) lines = build(true);
  out.push(...lines);
  return out;
}

const total = (s: CostSummary): number | null => s.totalUsdPerMonth;

/**
 * One line under the tables: whether the recommended pools' node memory is an estimate and, per provider,
 * how far real nodes were from it (observed − estimated capacity over the published nodes), or which types
 * use a real node's value (--capacity-memory). Nothing for the flat platform (it uses the nominal size).
 */
function memoryLine(plan: PlanDocument): string | undefined {
  const estimated: string[] = [];
  const observed = new Set<string>();
  const signed = (v: number): string => (v < 0 ? `−${-v}` : `+${v}`);
  for (const p of plan.providers) {
    const rec = p.recommended === null ? undefined : p.options[p.recommended];
    if (!rec) continue;
    for (const pl of rec.pools) if (pl.node.capacityMemory.source === "observed") observed.add(pl.machineType);
    const pools = rec.pools.filter((pl) => pl.node.capacityMemory.source === "estimated");
    if (pools.length === 0) continue;
    const used = p.memoryCapacity.estimates.filter((e) => pools.some((pl) => pl.node.capacityMemory.estimate === e.id));
    const ranges = used.map((e) => e.observedMinusEstimateMiB);
    if (ranges.length === 0 || ranges.some((r) => r === null)) {
      estimated.push(`${providerTitle[p.provider]} not checked`);
      continue;
    }
    const min = Math.min(...ranges.map((r) => r?.min ?? 0));
    const max = Math.max(...ranges.map((r) => r?.max ?? 0));
    // A pool larger than every published node its estimate was checked on: "(≤64 GiB)", the sizes checked.
    const checkedTo = Math.min(...used.map((e) => e.checkedNominalMiB?.max ?? 0));
    const beyond = pools.some((pl) => pl.node.memoryMiB > checkedTo);
    estimated.push(`${providerTitle[p.provider]} ${signed(min)}…${signed(max)} MiB${beyond ? ` (≤${checkedTo / 1024} GiB)` : ""}`);
  }
  const obs = observed.size > 0 ? `observed for ${[...observed].join(", ")}` : "";
  const how = plan.issues.some((i) => i.code === "calibration_applied") ? "--capacity-memory or --calibration" : "--capacity-memory";
  if (estimated.length === 0) return obs ? `Node memory ${obs} (${how})` : undefined;
  return `Node memory estimated: real − estimate ${estimated.join(", ")}${obs ? `; ${obs}` : ""}; --capacity-memory`;
}

/** Long: "n2d-standard-48, 3–6 nodes + n2d-standard-8, 0–3 nodes"; short: one pool a line, "6 n2d-standard-48" (max nodes). */
function poolsText(o: PlanOption, long: boolean): string {
  const range = (a: { minNodes: number; maxNodes: number }): string => (a.minNodes === a.maxNodes ? `${a.maxNodes}` : `${a.minNodes}–${a.maxNodes}`);
  if (long) return o.pools.map((pl) => `${pl.machineType} × ${range(pl.autoscaler)} node${pl.autoscaler.maxNodes === 1 ? "" : "s"}`).join(" + ");
  return o.pools.map((pl) => `${pl.autoscaler.maxNodes} ${pl.machineType}`).join("\n");
}

/** A plain table fitted to `width`: the `wrapCols` columns (in that order) wrap when the row is too wide. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], width: number, wrapCols: readonly number[]): string[] {
  const cols = head.length;
  const longest = (t: string): number => Math.max(...t.split("\n").map((l) => l.length));
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => longest(r[i] ?? ""))));
  const sep = 2;
  const fixed = natural.reduce((s, w) => s + w, 0) + sep * (cols - 1);
  const widths = [...natural];
  if (fixed > width) {
    // Shrink the wrappable columns, widest first, to no less than their longest word (names stay whole).
    let over = fixed - width;
    const longestWord = (i: number): number =>
      Math.max(
        (head[i] ?? "").split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0),
        ...rows.map((r) => (r[i] ?? "").split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0)),
      );
    const order = wrapCols; // in the caller's order of preference
    for (const i of order) {
      if (over <= 0) break;
      const can = Math.max(0, (widths[i] ?? 0) - longestWord(i));
      const cut = Math.min(can, over);
      widths[i] = (widths[i] ?? 0) - cut;
      over -= cut;
    }
  }
  const cell = (text: string, w: number): string[] => text.split("\n").flatMap((l) => wrap(l, w, ""));
  const line = (cells: readonly string[]): string[] => {
    const parts = cells.map((t, i) => cell(t, widths[i] ?? 0));
    const h = Math.max(...parts.map((p) => p.length));
    const lines: string[] = [];
    for (let r = 0; r < h; r++)
      lines.push(
        parts
          .map((p, i) => (p[r] ?? "").padEnd(widths[i] ?? 0))
          .join(" ".repeat(sep))
          .trimEnd(),
      );
    return lines;
  };
  return [...line(head), widths.map((w) => "-".repeat(w)).join(" ".repeat(sep)), ...rows.flatMap((r) => line(r))];
}

/** Columns a string takes on the terminal: colour escapes (bold, dim) take none. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts an ANSI colour sequence
const columnsOf = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, "").length;

/**
 * Word-wrap to `width` visible columns (styled text wraps where the plain text does); continuation lines
 * start with `indent`. Words longer than a line are cut.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  // Leading spaces are kept on the first line (and continuation lines are indented beyond them).
  const lead = /^ */.exec(text)?.[0] ?? "";
  if (lead.length > 0) {
    const [first = "", ...rest] = wrap(text.slice(lead.length), width - lead.length, indent);
    return [lead + first, ...rest.map((l) => lead + l)];
  }
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    let w = word;
    while (columnsOf(w) > width - indent.length && width - indent.length > 0) {
      if (cur) {
        out.push(cur);
        cur = "";
      }
      const room = width - (out.length > 0 ? indent.length : 0);
      out.push((out.length > 0 ? indent : "") + w.slice(0, room));
      w = w.slice(room);
    }
    const candidate = cur ? `${cur} ${w}` : (out.length > 0 ? indent : "") + w;
    if (columnsOf(candidate) > width && cur) {
      out.push(cur);
      cur = indent + w;
    } else cur = candidate;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

/** A cost line and, on the next line, its source (so the arithmetic stays on one line at any width). */
function costLine(l: CostLine): string[] {
  return [`    ${l.label}: ${exact(l.quantity)} ${l.unit} × ${unitPrice(l.unitPriceUsd)} = ${money(l.usdPerMonth)}`, `        [${l.source}]`];
}

function explainProvider(plan: PlanDocument, p: ProviderPlan, c: InstanceType<typeof Chalk>): string[] {
  const out: string[] = [c.bold(`${providerTitle[p.provider]} ${p.region}: the recommended plan in detail`)];
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  if (!rec) return out;
  out.push(`  Monthly bill, autoscaled (${rec.applied}, 730 h months):`);
  for (const l of rec.bill.autoscaled.lines) out.push(...costLine(l));
  out.push(
    `    total ${money(rec.bill.autoscaled.totalUsdPerMonth)}; per developer ${money(rec.bill.autoscaled.perDeveloperUsdPerMonth)} (${plan.demand.developers} developers); a static pool at the maximum: ${money(rec.bill.static.totalUsdPerMonth)}`,
  );
  out.push(
    `  Lower bound: no plan of any machine types costs less than ${money(p.lowerBoundUsdPerMonth)}/month${rec.optimal ? " — this plan meets it (proven optimal)" : `; this plan is within ${((rec.gap ?? 0) * 100).toFixed(2)} % of it`}.`,
  );
  for (const pl of rec.pools) {
    const n = pl.node;
    out.push(`  Pool ${pl.name}: ${pl.machineType} (${n.vcpus} vCPU, ${n.memoryMiB / 1024} GiB), formula ${n.formulaVariant}`);
    const memory = n.capacityMemory.source === "observed" ? "observed" : n.capacityMemory.source === "nominal" ? "nominal" : "estimated";
    out.push(
      `    capacity ${gib(n.capacityMemory.bytes)} GiB memory (${memory}); allocatable ${vcpu(n.allocatable.cpuMillicores)} vCPU, ${gib(n.allocatable.memoryBytes)} GiB, ${n.allocatable.pods} pods, ${n.allocatable.volumes} volumes; for envs after DaemonSets ${vcpu(n.forEnvs.cpuMillicores)} vCPU, ${gib(n.forEnvs.memoryBytes)} GiB, ${n.forEnvs.pods} pods`,
    );
    // Issue 16: where the env requests ephemeral storage, its derivation and where the capacity came from.
    const e = n.ephemeralStorage;
    if (e) {
      const disk = e.backing === "local-ssd" ? "local SSDs" : `${e.bootDisk.sizeGiB} GiB ${e.bootDisk.type} boot disk`;
      out.push(
        `    ephemeral storage on the ${disk}: capacity ${gib(e.capacityBytes)} GiB (${e.capacitySource === "observed" ? "observed" : "estimated; a real node's value: --capacity-ephemeral-storage"}) − kube-reserved ${gib(e.kubeReservedBytes)} − eviction ${gib(e.evictionHardBytes)} − images ${gib(e.reservedBytes)} → for envs ${gib(n.forEnvs.ephemeralStorageBytes ?? 0)} GiB`,
      );
    }
    const a = pl.autoscaler;
    out.push(
      `    autoscaler: min ${a.minNodes}, max ${a.maxNodes} nodes in ${a.zones} zones; ${a.bufferEnvsPerZone} warm envs per zone (${a.bufferReason}); scale-down after ${a.scaleDownDelayMinutes} min`,
    );
  }
  out.push("  Placement at peak (warm-buffer placeholders included):");
  for (const g of rec.placement) {
    out.push(
      `    ${g.zones.join(", ")}: ${g.nodes
        .map(
          (r) =>
            `${r.count} × ${r.machineType} [${
              Object.entries(r.envs)
                .filter(([, v]) => v > 0)
                .map(([s, v]) => `${v} × ${s}`)
                .join(", ") || "empty"
            }]`,
        )
        .join("; ")}`,
    );
  }
  for (const o of p.options) {
    if (o === rec) continue;
    out.push(`  ${kindLabel(o, plan.inputs.within)}: ${poolsText(o, true)}: ${money(o.bill.autoscaled.totalUsdPerMonth)}/month`);
  }
  return out;
}

export type { PlanIssue };
