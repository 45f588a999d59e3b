/** Plan → terminal text: demand totals, one table per provider, then notes. Pure. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import type { PlanIssue } from "../core/issues.js";
import type { Plan, StrategyResult } from "../core/plan.js";
import { gib, money, ranged, usd, vcpu } from "./format.js";

const providerTitle = { gcp: "Google Cloud", azure: "Azure", aws: "AWS" } as const;
const variantLabel: Record<StrategyResult["variant"], string> = {
  cheapest: "cheapest type that fits",
  "node-sized": "node-sized (seeds' reading)",
  "lowest-cost-per-env": "lowest cost per env",
  "seed-example": "seeds' example",
  named: "named (--machine)",
};

/** Render a plan as text. `color` false gives plain ASCII-safe output for tests and pipes. */
export function renderPlanTable(plan: Plan, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const t = plan.demand.totals;
  out.push(
    c.bold(`Demand: ${plan.demand.peak} envs at peak, ${plan.demand.normal} normal, each ${plan.inputs.env.text}`) +
      ` (${vcpu(plan.inputs.env.cpuMillicores)} vCPU, ${gib(plan.inputs.env.memoryBytes)} GiB)`,
  );
  out.push(`Peak totals: ${vcpu(t.cpuMillicores)} vCPU and ${gib(t.memoryBytes)} GiB requested`);
  for (const provider of plan.inputs.providers) {
    const rows = plan.strategies.filter((s) => s.provider === provider);
    out.push("");
    out.push(
      c.bold(`${providerTitle[provider]} — ${plan.inputs.regions[provider]}, platform ${plan.inputs.platforms[provider]}`) +
        c.dim(` (list prices as of ${plan.catalogs.find((x) => x.provider === provider)?.asOf ?? "?"})`),
    );
    if (rows.length === 0) {
      out.push("  no strategy: see issues below");
      continue;
    }
    const table = new Table({
      head: ["strategy", "machine type", "envs/node", "nodes peak/normal", "binds", "overhead at peak", "stranded at peak", "blast radius", "$/h peak (list)"],
      style: { head: [], border: [] },
      chars: options.color ? {} : asciiChars,
    });
    for (const s of rows) {
      const nodes = s.nodes.peak === null ? "does not fit" : `${s.nodes.peak} / ${s.nodes.normal}`;
      table.push([
        `${s.strategy}\n${c.dim(variantLabel[s.variant])}`,
        `${s.machineType}\n${c.dim(`${s.vcpus} vCPU, ${s.memoryMiB / 1024} GiB`)}`,
        s.envsThatFit === 0 ? "0" : s.strategy === "one-per-node" ? `1 (fits ${s.envsThatFit})` : String(s.envsPerNode),
        nodes,
        s.bindingConstraint,
        s.nodes.peak === null ? "n/a" : `${ranged(s.overhead.cpuMillicores, vcpu)} vCPU\n${ranged(s.overhead.memoryBytes, gib)} GiB`,
        s.stranded.cpuMillicores === null ? "n/a" : `${vcpu(s.stranded.cpuMillicores)} vCPU\n${gib(s.stranded.memoryBytes ?? 0)} GiB`,
        String(s.blastRadius),
        s.usdPerHour === null ? usd(null) : `${usd(s.usdPerHour)}\n${c.dim(`${usd(s.nodeUsdPerHour)}/node`)}`,
      ]);
    }
    out.push(table.toString());
    out.push(...costSection(plan, provider, options, c));
  }
  out.push(...renderNotes([...plan.notes, ...plan.issues.filter((i) => i.code !== "node_sized_env_does_not_fit")], c));
  return `${out.join("\n")}\n`;
}

/** Quantities to 0.1 (node-hours are sums of minutes / 60 × 730/168), without a trailing ".0". */
const qty = (v: number): string => String(Number(v.toFixed(1)));

/** Monthly cost and autoscaler bounds per strategy, the recommendation, and the cost lines explained. */
function costSection(plan: Plan, provider: Plan["inputs"]["providers"][number], options: { color: boolean }, c: InstanceType<typeof Chalk>): string[] {
  const out: string[] = [];
  const rows = plan.strategies.map((s, i) => ({ s, i })).filter((x) => x.s.provider === provider && x.s.cost !== null);
  if (rows.length === 0) return out;
  const pricing = rows[0]?.s.cost?.applied ?? "on-demand";
  out.push(c.bold(`Monthly cost (${pricing}, 730 h), autoscaled pool vs a static pool at the maximum`));
  const table = new Table({
    head: ["strategy", "machine type", "min–max nodes (per zone)", "buffer/zone", "node-hours/month", "autoscaled /month", "static /month", "per developer", "per env-hour"],
    style: { head: [], border: [] },
    chars: options.color ? {} : asciiChars,
  });
  for (const { s } of rows) {
    const a = s.autoscaler;
    const cost = s.cost;
    if (!a || !cost) continue;
    table.push([
      `${s.strategy}\n${c.dim(variantLabel[s.variant])}`,
      s.machineType,
      `${a.minNodes}–${a.maxNodes}\n${c.dim(`(${a.perZone.min}–${a.perZone.max} × ${a.zones} zones)`)}`,
      `${a.bufferEnvsPerZone} envs`,
      qty(cost.autoscaled.nodeHoursPerMonth),
      money(cost.autoscaled.totalUsdPerMonth),
      money(cost.static.totalUsdPerMonth),
      money(cost.autoscaled.perDeveloperUsdPerMonth),
      cost.autoscaled.perEnvHourUsd === null ? "n/a" : `$${cost.autoscaled.perEnvHourUsd.toFixed(3)}`,
    ]);
  }
  out.push(table.toString());
  const rec = plan.recommendations.find((r) => r.provider === provider);
  if (rec) {
    const s = plan.strategies[rec.strategy];
    out.push(`${c.bold("Recommended:")} ${s?.strategy} on ${rec.machineType}: ${rec.reason}.`);
  }
  // Every line explained for the recommended pool and for one env per node (the two strategies).
  const explain = rows.filter(({ s, i }) => i === rec?.strategy || (s.strategy === "one-per-node" && s.variant === "cheapest"));
  for (const { s } of explain) {
    const cost = s.cost;
    if (!cost) continue;
    out.push(c.dim(`  ${s.strategy} ${s.machineType}, autoscaled, per month:`));
    for (const l of cost.autoscaled.lines) {
      const price = l.unitPriceUsd === null ? "n/a" : l.unitPriceUsd < 0.1 ? `$${l.unitPriceUsd.toFixed(6)}` : `$${l.unitPriceUsd.toFixed(4)}`;
      out.push(`    ${l.label}: ${qty(l.quantity)} ${l.unit} × ${price} = ${money(l.usdPerMonth)}  ${c.dim(`[${l.source}]`)}`);
    }
    out.push(`    total ${money(cost.autoscaled.totalUsdPerMonth)}; per developer ${money(cost.autoscaled.perDeveloperUsdPerMonth)} (${plan.demand.developers} developers)`);
  }
  return out;
}

/** Plain ASCII borders when colour is off (stable across terminals and in golden files). */
export const asciiChars = {
  top: "-", "top-mid": "+", "top-left": "+", "top-right": "+",
  bottom: "-", "bottom-mid": "+", "bottom-left": "+", "bottom-right": "+",
  left: "|", "left-mid": "+", mid: "-", "mid-mid": "+",
  right: "|", "right-mid": "+", middle: "|",
};

/** The "Notes" block: each distinct message once, tagged error / warning / note. */
export function renderNotes(notes: readonly PlanIssue[], c: InstanceType<typeof Chalk>): string[] {
  if (notes.length === 0) return [];
  const out = ["", c.bold("Notes")];
  const seen = new Set<string>();
  for (const n of notes) {
    if (seen.has(n.message)) continue;
    seen.add(n.message);
    const tag = n.severity === "error" ? c.red("error") : n.severity === "warning" ? c.yellow("warning") : c.cyan("note");
    out.push(`- ${tag}: ${n.message}`);
  }
  return out;
}
