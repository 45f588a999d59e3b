/** Plan → terminal text: demand totals, one table per provider, then notes. Pure. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import type { Plan, StrategyResult } from "../core/plan.js";
import { gib, ranged, usd, vcpu } from "./format.js";

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
  }
  const notes = [...plan.notes, ...plan.issues.filter((i) => i.code !== "node_sized_env_does_not_fit")];
  if (notes.length > 0) {
    out.push("");
    out.push(c.bold("Notes"));
    const seen = new Set<string>();
    for (const n of notes) {
      if (seen.has(n.message)) continue;
      seen.add(n.message);
      const tag = n.severity === "error" ? c.red("error") : n.severity === "warning" ? c.yellow("warning") : c.cyan("note");
      out.push(`- ${tag}: ${n.message}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Plain ASCII borders when colour is off (stable across terminals and in golden files). */
export const asciiChars = {
  top: "-", "top-mid": "+", "top-left": "+", "top-right": "+",
  bottom: "-", "bottom-mid": "+", "bottom-left": "+", "bottom-right": "+",
  left: "|", "left-mid": "+", mid: "-", "mid-mid": "+",
  right: "|", "right-mid": "+", middle: "|",
};
