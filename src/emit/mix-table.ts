/** MixPlan → terminal text (and JSON). Pure; all rounding through format.ts. */
import { Chalk } from "chalk";
import Table from "cli-table3";
import type { MixPlan, MixPlanRow, MixProviderPlan } from "../core/mix-plan.js";
import { gib, money, usd, vcpu } from "./format.js";
import { asciiChars, renderNotes } from "./table.js";

const providerTitle = { gcp: "Google Cloud", azure: "Azure", aws: "AWS" } as const;

const rowLabel = (r: MixPlanRow): string =>
  ({
    "cheapest-mix": "cheapest mix",
    "max-pools": `at most ${r.maxPools ?? "?"} pools`,
    "one-pool": "one pool",
    "one-per-node": "one env per node",
    "greedy-baseline": "greedy autoscaler",
  })[r.variant];

const rowNote = (r: MixPlanRow): string =>
  ({
    "cheapest-mix": "any number of pools",
    "max-pools": "pool-count limit",
    "one-pool": "one machine type",
    "one-per-node": "closed form",
    "greedy-baseline": "FFD, cheapest node group",
  })[r.variant];

/** "optimal", or "within 0.65 % of the lowest possible cost", or "—" where no bound applies. */
export function proofText(r: MixPlanRow): string {
  if (r.optimal === null) return "—";
  if (r.optimal) return "optimal";
  return `within ${pct(r.gap ?? 0)} of the lowest possible cost`;
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.001 ? 3 : 2)} %`;

/** `2 × 4cpu16g + 1 × 8cpu32g` for one node's contents. */
const contents = (envs: Readonly<Record<string, number>>): string =>
  Object.entries(envs)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} × ${k}`)
    .join(" + ");

export function renderMixTable(plan: MixPlan, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  const shapes = plan.inputs.shapes;
  out.push(
    c.bold(`Mix: ${plan.demand.peak} envs at peak, ${plan.demand.normal} normal, in ${shapes.length} shapes: `) +
      shapes.map((s) => `${s.peak}${s.normal !== s.peak ? `/${s.normal}` : ""} × ${s.env.text}${s.name !== s.env.text ? ` (${s.name})` : ""}`).join(", "),
  );
  out.push(`Peak totals: ${vcpu(plan.demand.totals.cpuMillicores)} vCPU and ${gib(plan.demand.totals.memoryBytes)} GiB requested${plan.inputs.perZone ? "; each zone packed on its own nodes" : ""}`);
  for (const p of plan.providers) out.push("", ...providerSection(plan, p, c, options));
  out.push(...renderNotes(plan.issues, c));
  return `${out.join("\n")}\n`;
}

function providerSection(plan: MixPlan, p: MixProviderPlan, c: InstanceType<typeof Chalk>, options: { color: boolean }): string[] {
  const out: string[] = [];
  const asOf = plan.catalogs.find((x) => x.provider === p.provider)?.asOf ?? "?";
  out.push(
    c.bold(`${providerTitle[p.provider]} — ${p.region}, platform ${p.platform}`) +
      c.dim(` (${p.pricing} prices as of ${asOf}; ${plural(p.machinesConsidered, "machine type")}, ${p.machinesAfterPruning} left after removing dominated ones)`),
  );
  if (p.rows.length === 0) {
    out.push("  no plan: see the notes below");
    return out;
  }
  const table = new Table({
    head: ["plan", "node pools at peak", "nodes peak/normal", `$/h peak (${p.pricing})`, "$/month static / at normal", "+ disks", "lowest possible $/h", "proof"],
    style: { head: [], border: [] },
    chars: options.color ? {} : asciiChars,
  });
  const best = p.rows[0] as MixPlanRow;
  for (const r of p.rows) {
    const vs = r === best || best.usdPerHour.peak <= 0 || Math.abs(r.usdPerHour.peak - best.usdPerHour.peak) < 1e-9 * best.usdPerHour.peak ? "" : `\n${c.dim(`${r.usdPerHour.peak >= best.usdPerHour.peak ? "+" : ""}${pct((r.usdPerHour.peak - best.usdPerHour.peak) / best.usdPerHour.peak)} vs cheapest`)}`;
    table.push([
      `${rowLabel(r)}\n${c.dim(rowNote(r))}`,
      r.pools.map((x) => `${x.nodes.peak} × ${x.machineType}`).join("\n"),
      `${r.nodes.peak} / ${r.nodes.normal}`,
      `${money(r.usdPerHour.peak)}${vs}`,
      `${money(r.usdPerMonth.static)}\n${money(r.usdPerMonth.atNormal)}`,
      r.usdPerMonth.disks === null ? "n/a" : r.usdPerMonth.disks === 0 ? "—" : money(r.usdPerMonth.disks),
      r.lowerBound === null ? "—" : money(r.lowerBound.usdPerHour),
      proofText(r),
    ]);
  }
  out.push(table.toString());
  if (p.savingVsBaseline && p.savingVsBaseline.usdPerHour > 0)
    out.push(
      `Recommended: the cheapest mix. It saves ${money(p.savingVsBaseline.usdPerHour)}/h (${p.savingVsBaseline.percent.toFixed(1)} %, ${money(p.savingVsBaseline.usdPerHour * 730)} a month) against what a greedy autoscaler loop buys (FFD in cluster-autoscaler's pod order, then the cheapest node group).`,
    );
  else out.push("Recommended: the cheapest mix (a greedy autoscaler loop — FFD, then the cheapest node group — buys the same here).");
  const low = p.cheapestAtNormal === null ? undefined : p.rows[p.cheapestAtNormal];
  if (low && low !== best)
    out.push(
      `At normal demand all month (no profile) the ${rowLabel(low)} plan costs less: ${money(low.usdPerMonth.atNormal)} vs ${money(best.usdPerMonth.atNormal)} a month for the cheapest mix, which is sized for peak — weigh the peak hours against the rest.`,
    );
  out.push(c.bold("Cheapest mix, node by node") + (best.placement.length > 1 || (best.placement[0]?.zones.length ?? 0) > 0 ? " (per zone)" : ""));
  for (const g of best.placement) {
    const where = g.zones.length > 0 ? `  ${g.zones.join(", ")}:` : undefined;
    if (where) out.push(where);
    for (const n of g.nodes) {
      const pool = best.pools.find((x) => x.machineType === n.machineType);
      const used = pool ? usage(plan, n.envs, pool.forEnvs) : "";
      out.push(`${where ? "    " : "  "}${n.count} × ${n.machineType}: ${contents(n.envs)} each${used}`);
    }
  }
  for (const pool of best.pools) {
    const b = pool.lowerBoundNodes;
    out.push(
      `  ${pool.machineType}: ${plural(pool.nodes.peak, "node")} at peak, ${pool.nodes.normal} at normal (autoscaler min–max); fewest possible for its envs ${b.best} = max(L1 ${b.l1}, L2 ${b.l2}, ⌈LP⌉ ${b.lp ?? "n/a"}); ${usd(pool.nodeUsdPerHour)}/h each`,
    );
  }
  if (best.lowerBound)
    out.push(
      c.dim(
        `  No plan costs less than ${money(best.lowerBound.usdPerHour)}/h (configuration LP ${money(best.lowerBound.lpUsdPerHour)}/h)${best.optimal ? "; this plan meets it" : ""}. Solver: ${plan.solver}; ${p.solver.columns} patterns, ${p.solver.cgIterations} column-generation rounds.`,
      ),
    );
  return out;
}

/** " (cpu 97 %, memory 99 % of what a node offers to envs)" for one node's contents. */
function usage(plan: MixPlan, envs: Readonly<Record<string, number>>, f: { cpuMillicores: number; memoryBytes: number }): string {
  let cpu = 0;
  let mem = 0;
  for (const s of plan.inputs.shapes) {
    cpu += (envs[s.name] ?? 0) * s.env.cpuMillicores;
    mem += (envs[s.name] ?? 0) * s.env.memoryBytes;
  }
  return ` (cpu ${Math.round((100 * cpu) / Math.max(1, f.cpuMillicores))} %, memory ${Math.round((100 * mem) / Math.max(1, f.memoryBytes))} % of what a node offers to envs)`;
}

export function renderMixJson(plan: MixPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
