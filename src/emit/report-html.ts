/**
 * The plan document → one self-contained HTML file (`cc-plan report --html FILE`, issue 14): inline CSS and
 * SVG, one tiny inline script (the copy buttons), no network, no external script, no web font. It opens
 * from disk, reads on light and dark screens (prefers-color-scheme) and prints (@media print).
 *
 * Every number comes from the plan document (the same as `--json` for the same flags) or from the chart
 * data derived from it (src/core/charts/data.ts); this file only formats them (money rounded to cents
 * here, when printed). Elements that carry a plan figure have `data-field` (and `data-provider`) so a
 * browser check can find them.
 */
import type { CapacitySegment, CostBreakdown, PoolCapacity } from "../core/charts/data.js";
import { kubernetesService } from "../core/constants.js";
import type { PlanIssue } from "../core/issues.js";
import type { PlanDocument, PlanOption, ProviderPlan } from "../core/planner/document.js";
import { money } from "../core/units/money.js";
import { renderCapacitySvg, renderCostBreakdownSvg, renderCostCurveSvg } from "./charts/svg.js";
import { emitPlanSettings, type SettingsKind, settingsKinds } from "./settings-emit.js";

/** What the report shows besides the plan document. */
export interface ReportInput {
  readonly plan: PlanDocument;
  readonly charts: {
    readonly costCurves: readonly import("../core/charts/data.js").CostCurve[];
    readonly capacity: readonly PoolCapacity[];
    readonly costBreakdown: readonly CostBreakdown[];
  };
  /** The command line that made it, shown at the top (e.g. `cc-plan report --html plan.html --peak 60 --env 4cpu16g`). */
  readonly command: string;
  readonly version: string;
}

/** HTML-escape text. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const e = escapeHtml;

const kindLabel: Readonly<Record<PlanOption["kind"], string>> = {
  cheapest: "cheapest",
  "smaller-blast-radius": "smaller blast radius",
  "one-pool": "one pool",
  "one-per-node": "one env per node",
  named: "named (--machine)",
  "guide-example": "product guide's example type",
  "greedy-baseline": "greedy autoscaler baseline",
};

/** Public sources of the model, by what they back (vendor and upstream pages, by title). */
const sources: readonly { readonly title: string; readonly url: string; readonly what: string }[] = [
  {
    title: "Kubernetes: Reserve Compute Resources for System Daemons",
    url: "https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/",
    what: "allocatable = capacity − kube-reserved − system-reserved − eviction threshold",
  },
  {
    title: "Kubernetes: Node-pressure Eviction",
    url: "https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/",
    what: "the hard eviction threshold (memory.available)",
  },
  {
    title: "Google Cloud: Plan GKE Standard node sizes",
    url: "https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes",
    what: "GKE kube-reserved CPU and memory brackets",
  },
  {
    title: "Microsoft Learn: Node resource reservations in AKS",
    url: "https://learn.microsoft.com/azure/aks/node-resource-reservations",
    what: "AKS kube-reserved and eviction threshold",
  },
  { title: "awslabs/amazon-eks-ami", url: "https://github.com/awslabs/amazon-eks-ami", what: "EKS reservations and max pods per ENI" },
  {
    title: "Cluster Autoscaler FAQ",
    url: "https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/FAQ.md",
    what: "over-provisioning placeholders, scale-down delay, per-zone node groups",
  },
  { title: "Google Cloud: Sustained use discounts", url: "https://cloud.google.com/compute/docs/sustained-use-discounts", what: "GCP discounts" },
  { title: "Google Cloud: VM instance pricing", url: "https://cloud.google.com/compute/vm-instance-pricing", what: "GCP machine prices" },
  {
    title: "Azure Retail Prices API",
    url: "https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices",
    what: "Azure machine and disk prices",
  },
];

const css = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1d2330;--muted:#5b6472;--line:#d9dde3;--panel:#f5f7fa;--accent:#2c5fc0;--bad:#b3261e;--warn:#8a5a00}
@media (prefers-color-scheme:dark){:root{--bg:#15181e;--fg:#e6e9ee;--muted:#a3abb8;--line:#343a45;--panel:#1e232b;--accent:#8fb3ff;--bad:#ff8a80;--warn:#f0c060}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;overflow-wrap:anywhere}
main{max-width:980px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.25rem;margin:1.6em 0 .4em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.05rem;margin:1.2em 0 .3em}
a{color:var(--accent)}
.muted{color:var(--muted)}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85em}
.cmd{background:var(--panel);padding:6px 8px;border-radius:4px;display:block;overflow-x:auto;white-space:pre}
.answer{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:.6em 0}
.answer .big{font-size:1.25rem;font-weight:600}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4em 0;font-size:.9rem;overflow-wrap:normal}
th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top;min-width:4.5em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.rec td{font-weight:600}
figure{margin:.8em 0}figure svg{display:block;max-width:100%;height:auto;color:var(--fg)}
figcaption{color:var(--muted);font-size:.85rem}
.settings{position:relative;margin:.6em 0}
.settings pre{background:var(--panel);border:1px solid var(--line);border-radius:4px;padding:8px;overflow-x:auto;max-height:28em;margin:0}
.settings button{position:absolute;top:4px;right:4px;font:inherit;font-size:.8rem;padding:2px 8px;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg);cursor:pointer}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff;--accent:#000}body{font-size:11pt}main{max-width:none;padding:0}.settings button{display:none}.settings pre{max-height:none;white-space:pre-wrap}figure,table,.answer{break-inside:avoid}h2{break-after:avoid}a{text-decoration:none}}
`;

// The copy buttons: the block's text to the clipboard, else selected for Ctrl+C (file:// may deny the clipboard).
const script = `document.querySelectorAll("button[data-copy]").forEach(function(b){b.addEventListener("click",function(){var p=document.getElementById(b.getAttribute("data-copy"));if(!p)return;var t=p.textContent||"";function sel(){var r=document.createRange();r.selectNodeContents(p);var s=window.getSelection();if(s){s.removeAllRanges();s.addRange(r);}b.textContent="selected: press Ctrl+C";}try{if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(function(){b.textContent="copied";},sel);}else{sel();}}catch(x){sel();}});});document.body.setAttribute("data-ready","1");`;

const cpuText = (m: number): string => `${m} m`;
const mibText = (b: number): string => `${Number((b / 2 ** 20).toFixed(1)).toLocaleString("en-US")} MiB`;
const shapeList = (doc: PlanDocument): string =>
  doc.inputs.shapes.map((s) => `${s.peak} × ${s.text}${s.normal !== s.peak ? ` (normal ${s.normal})` : ""}`).join(" + ");

function issueList(issues: readonly PlanIssue[]): string {
  if (issues.length === 0) return "";
  return `<ul class="issues">${issues.map((i) => `<li class="sev-${e(i.severity)}"><strong>${e(i.severity)}</strong> <code>${e(i.code)}</code> ${e(i.message)}</li>`).join("")}</ul>`;
}

function optionsTable(p: ProviderPlan): string {
  const rows = p.options
    .map((o, i) => {
      const rec = i === p.recommended;
      const pools = o.pools.map((x) => `${x.nodes.peak} × ${x.machineType}`).join(" + ");
      return `<tr${rec ? ' class="rec"' : ""}><td>${e(kindLabel[o.kind])}${rec ? " (recommended)" : ""}</td><td>${e(pools)}</td><td class="n">${o.nodes.min}–${o.nodes.max}</td><td class="n">${
        o.blastRadius
      }</td><td class="n">${e(money(o.bill.autoscaled.totalUsdPerMonth))}</td><td class="n">${e(money(o.bill.static.totalUsdPerMonth))}</td></tr>`;
    })
    .join("");
  return `<div class="scroll"><table><thead><tr><th>plan</th><th>nodes at peak</th><th class="n">min–max</th><th class="n">envs lost with one node</th><th class="n">USD/month autoscaled</th><th class="n">static at max</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The table under a node's bar: CPU and memory, and ephemeral storage when an env requests some (issue 16). */
function segmentRows(cpu: readonly CapacitySegment[], memory: readonly CapacitySegment[], storage?: readonly CapacitySegment[]): string {
  const ids = [...new Map([...memory, ...cpu, ...(storage ?? [])].map((s) => [s.id, s.label])).entries()];
  return ids
    .map(([id, label]) => {
      const c = cpu.find((s) => s.id === id);
      const m = memory.find((s) => s.id === id);
      const st = storage?.find((s) => s.id === id);
      return `<tr><td>${e(label)}</td><td class="n">${c ? cpuText(c.amount) : "—"}</td><td class="n">${m ? mibText(m.amount) : "—"}</td>${
        storage ? `<td class="n">${st ? mibText(st.amount) : "—"}</td>` : ""
      }</tr>`;
    })
    .join("");
}

function billTable(b: CostBreakdown): string {
  const rows = b.lines
    .map(
      (l) =>
        `<tr><td>${e(l.label)}</td><td class="n">${e(Number(l.quantity.toPrecision(12)).toLocaleString("en-US"))} ${e(l.unit)}</td><td class="n">${
          l.usdPerMonth === null ? "price unknown" : e(money(l.usdPerMonth))
        }</td><td class="muted">${e(l.source)}</td></tr>`,
    )
    .join("");
  return `<div class="scroll"><table><thead><tr><th>line</th><th class="n">quantity</th><th class="n">USD/month</th><th>source</th></tr></thead><tbody>${rows}<tr class="rec"><td>total</td><td></td><td class="n" data-field="bill-total" data-provider="${e(
    b.provider,
  )}">${e(money(b.totalUsdPerMonth))}</td><td></td></tr></tbody></table></div>`;
}

async function providerSection(input: ReportInput, p: ProviderPlan, index: number): Promise<string> {
  const doc = input.plan;
  const title = `${kubernetesService[p.provider]} (${p.provider}, ${p.region}, ${p.platform}, ${p.pricing})`;
  const rec = p.recommended === null ? undefined : p.options[p.recommended];
  const parts: string[] = [`<section data-provider="${e(p.provider)}"><h2>${e(title)}</h2>`];
  if (!rec) {
    parts.push(`<div class="answer"><p class="big">No plan</p><p>${e(p.reason)}</p></div>`, issueList(p.issues), "</section>");
    return parts.join("");
  }
  const pools = rec.pools
    .map(
      (x) =>
        `<span data-field="pool" data-provider="${e(p.provider)}"><span data-field="nodes-peak">${x.nodes.peak}</span> × <span data-field="machine-type">${e(x.machineType)}</span></span>`,
    )
    .join(" + ");
  const a = rec.bill.autoscaled;
  parts.push(
    `<div class="answer" data-field="recommendation" data-provider="${e(p.provider)}"><p class="big">${pools} · <span data-field="monthly-usd" data-provider="${e(
      p.provider,
    )}">${e(money(a.totalUsdPerMonth))}</span>/month</p>`,
    `<p>Autoscaler: <span data-field="nodes-min" data-provider="${e(p.provider)}">${rec.nodes.min}</span>–<span data-field="nodes-max" data-provider="${e(p.provider)}">${
      rec.nodes.max
    }</span> nodes (${rec.nodes.normal} at normal demand); ${a.perDeveloperUsdPerMonth === null ? "" : `${e(money(a.perDeveloperUsdPerMonth))} per developer per month; `}at most ${
      rec.blastRadius
    } envs lost with one node.</p>`,
    `<p><strong>Why:</strong> ${e(p.reason)}${p.reason.endsWith(".") ? "" : "."}</p>`,
    p.lowerBoundUsdPerMonth === null
      ? ""
      : `<p class="muted">No plan of the ${p.machinesConsidered} machine types searched costs less than ${e(money(p.lowerBoundUsdPerMonth))}/month${
          rec.optimal ? "; this one meets that bound (proven optimal)" : rec.gap === null ? "" : `; this one is within ${(rec.gap * 100).toFixed(2)} % of it`
        }.</p>`,
    "</div>",
  );
  parts.push("<h3>Plans compared</h3>", optionsTable(p));
  const curve = input.charts.costCurves.find((c) => c.provider === p.provider);
  if (curve && curve.series.length > 0) {
    parts.push(
      "<h3>Monthly cost against peak demand</h3>",
      `<figure>${await renderCostCurveSvg(curve, { id: `cost-${index}` })}<figcaption>Each point is a whole plan of the demand${
        doc.inputs.shapes.length > 1 ? " (the mix scaled, keeping its proportions; the heuristic plan of each point, as --time-limit 0 plans it)" : ""
      } on one machine type; a step up is a node added. The dashed line is this plan's peak, ${curve.peak} envs.</figcaption></figure>`,
    );
  }
  const pools2 = input.charts.capacity.filter((c) => c.provider === p.provider);
  for (const [i, c] of pools2.entries()) {
    const envs = Object.entries(c.envs)
      .map(([k, n]) => `${n} × ${k}`)
      .join(" + ");
    const pool = rec.pools.find((x) => x.name === c.pool);
    const binds = pool ? Object.entries(pool.node.binds).map(([k, v]) => `${k}: ${v}`) : [];
    parts.push(
      `<h3>Pool ${e(c.pool)}: one node of ${e(c.machineType)}</h3>`,
      `<figure>${await renderCapacitySvg(c, { id: `node-${index}-${i}` })}<figcaption>${
        c.nodesAtPeak === 0
          ? "This pool has no node at peak (the plan uses it at other demand levels): the bar is an empty node"
          : `The pool's most common node at peak (${c.nodesLikeThis} of ${c.nodesAtPeak} nodes)${envs ? ` holds ${e(envs)}` : ""}`
      }${binds.length > 0 ? `; what binds alone: ${e(binds.join(", "))}` : ""}.</figcaption></figure>`,
      `<div class="scroll"><table><thead><tr><th>part of the node</th><th class="n">CPU (millicores)</th><th class="n">memory</th>${
        c.storage ? '<th class="n">ephemeral storage</th>' : ""
      }</tr></thead><tbody>${segmentRows(c.cpu, c.memory, c.storage?.segments)}<tr class="rec"><td>node</td><td class="n">${cpuText(c.cpuMillicores)}</td><td class="n">${mibText(
        c.memoryBytes,
      )}</td>${c.storage ? `<td class="n">${mibText(c.storage.bytes)}</td>` : ""}</tr></tbody></table></div>`,
    );
  }
  const bill = input.charts.costBreakdown.find((b) => b.provider === p.provider);
  if (bill) {
    parts.push(
      "<h3>Cost breakdown (autoscaled, per month)</h3>",
      `<figure>${await renderCostBreakdownSvg(bill, { id: `bill-${index}` })}</figure>`,
      billTable(bill),
    );
  }
  if (p.issues.length > 0) parts.push("<h3>Notes</h3>", issueList(p.issues));
  parts.push("</section>");
  return parts.join("");
}

function settingsSection(doc: PlanDocument): string {
  const blocks: string[] = [];
  for (const kind of settingsKinds as readonly SettingsKind[]) {
    const text = emitPlanSettings(doc, [kind]);
    if (typeof text !== "string") continue;
    const id = `settings-${kind}`;
    blocks.push(
      `<h3>${e(kind)}</h3><div class="settings"><button type="button" data-copy="${id}" aria-label="copy the ${e(kind)} settings">copy</button><pre id="${id}"><code>${e(text)}</code></pre></div>`,
    );
  }
  if (blocks.length === 0) return "";
  return `<section><h2>Autoscaler settings for the recommended pools</h2><p class="muted">The same text as <code>cc-plan emit &lt;kind&gt;</code> with these flags.</p>${blocks.join("")}</section>`;
}

function assumptions(doc: PlanDocument): string {
  const c = doc.inputs.costing;
  const items: string[] = [
    `Demand: ${e(shapeList(doc))}; peak ${doc.demand.peak}, normal ${doc.demand.normal} concurrent envs (${e(doc.demand.source)}), ${Number(
      doc.demand.envHoursPerMonth.toFixed(1),
    ).toLocaleString("en-US")} env-hours per month.`,
    `Pricing: ${e(c.pricing)}; nodes start in ${c.nodeStartMinutes} min, scale down after ${c.scaleDownDelayMinutes} min.`,
    `Recommendation: among plans within ${+(doc.inputs.within * 100).toFixed(2)} % of the cheapest bill, the one that loses the fewest envs with one node${
      doc.inputs.maxEnvsPerNode === null ? "" : `; at most ${doc.inputs.maxEnvsPerNode} envs per node`
    }${doc.inputs.maxPools === null ? "" : `; at most ${doc.inputs.maxPools} pools`}.`,
  ];
  for (const p of doc.providers) {
    const rec = p.recommended === null ? undefined : p.options[p.recommended];
    const variants = [...new Set((rec?.pools ?? []).map((x) => x.node.formulaVariant))];
    const est = p.memoryCapacity.estimates.map((x) => x.label);
    items.push(
      `${e(kubernetesService[p.provider])}: reservations ${e(variants.join(", ") || p.platform)}; node memory capacity ${
        est.length > 0 ? `estimated (${e(est.join("; "))})` : "as given"
      }${p.memoryCapacity.observed.length > 0 ? `, observed for ${e(p.memoryCapacity.observed.join(", "))}` : ""}; prices as of ${e(
        [...new Set(p.pricesAsOf.map((d) => d.asOf))].join(", "),
      )}${p.priceAgeDays === null ? "" : ` (${p.priceAgeDays} days old on ${e(doc.inputs.today ?? "")})`}.`,
    );
  }
  for (const cat of doc.catalogs) items.push(`Catalog ${e(cat.provider)}: as of ${e(cat.asOf)}, ${e(cat.currency)}.`);
  const links = sources.map((s) => `<li><a href="${e(s.url)}">${e(s.title)}</a>: ${e(s.what)}</li>`).join("");
  return `<section><h2>Assumptions and sources</h2><ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>${issueList([...doc.notes, ...doc.issues])}<h3>Sources</h3><ul>${links}</ul><p class="muted">Each cost line above names the price file and the upstream source it came from.</p></section>`;
}

/** The report as one HTML document (a string). Loads the chart library on first use (see src/emit/charts/svg.ts). */
export async function renderReportHtml(input: ReportInput): Promise<string> {
  const doc = input.plan;
  const sections: string[] = [];
  for (const [i, p] of doc.providers.entries()) sections.push(await providerSection(input, p, i));
  const title = `cc-plan: ${shapeList(doc)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="cc-plan ${e(input.version)}">
<title>${e(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<h1>Node pools for ${e(shapeList(doc))}</h1>
<p class="muted">cc-plan ${e(input.version)}, plan document version ${e(doc.planVersion)}${doc.inputs.today ? `, made for ${e(doc.inputs.today)}` : ""}. The same plan as:</p>
<code class="cmd">${e(input.command)}</code>
${sections.join("\n")}
${settingsSection(doc)}
${assumptions(doc)}
</main>
<script>${script}</script>
</body>
</html>
`;
}
