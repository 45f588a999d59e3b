/**
 * SVG renderers of cc-plan's charts (issue 14): Observable Plot drawing into linkedom's DOM, in Node,
 * without a browser or a native build. Both are ES modules without top-level await, so they also load from
 * CommonJS (require(esm), Node >= 20.19) and in the tslab notebook kernel. They are imported lazily, on the
 * first chart, so a plain `cc-plan --peak 60 --env 4cpu16g` never loads them.
 *
 * Every SVG is standalone (xmlns), has role="img", a <title> and a <desc> (its text alternative, which
 * states the chart's numbers) referenced by aria-labelledby / aria-describedby, and draws text in
 * `currentColor`, so it reads on a light or a dark page. Numbers are the chart data's (src/core/charts/
 * data.ts), rounded only when printed.
 */
import type { CapacitySegment, CostBreakdown, CostCurve, PoolCapacity } from "../../core/charts/data.js";
import { money } from "../../core/units/money.js";

/** Options of every renderer. */
export interface ChartSvgOptions {
  /** Prefix of the ids of <title> and <desc> (unique within a page that holds several charts). @defaultValue "chart" */
  readonly id?: string;
  /** Width in px of the SVG's coordinate system (it scales down to its container). @defaultValue 720 */
  readonly width?: number;
}

type PlotModule = typeof import("@observablehq/plot");
type PlotDocument = NonNullable<import("@observablehq/plot").PlotOptions["document"]>;
interface ChartLib {
  readonly Plot: PlotModule;
  readonly document: PlotDocument;
}
/** The few DOM members used on Plot's <svg> (no DOM lib in the build: the library runs in Node). */
interface SvgNode {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  readonly innerHTML: string;
  readonly outerHTML: string;
}
let loaded: Promise<ChartLib> | undefined;

/** Observable Plot and a linkedom document, imported on first use. */
function chartLib(): Promise<ChartLib> {
  loaded ??= import("./plot-lib.js").then(({ Plot, parseHTML }) => ({
    Plot,
    document: parseHTML("<!DOCTYPE html><html><body></body></html>").document as unknown as PlotDocument,
  }));
  return loaded;
}

/** Series colours, readable on white and on a dark grey page (contrast >= 3:1 on both). */
export const chartColors = ["#3b73d9", "#e0712b", "#2a9d5c", "#a560c8", "#c2476a"] as const;
/** Colours of the parts of a node (see CapacitySegment ids). */
export const segmentColors: Readonly<Record<CapacitySegment["id"], string>> = {
  kernel: "#8a8f98",
  reserved: "#c2476a",
  "system-reserved": "#c2476a",
  eviction: "#e0a12b",
  daemonsets: "#a560c8",
  envs: "#3b73d9",
  stranded: "#9cc4a8",
  filesystem: "#b4b8bf",
  images: "#7d5aa6",
};

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A legend item: a colour swatch and its text. */
interface LegendItem {
  readonly color: string;
  readonly text: string;
}

/**
 * Plot's <svg> as a standalone, accessible SVG: xmlns, role="img", <title> and <desc> first, and a legend
 * (one item per row) below the plot, the height grown to hold it.
 */
function finish(svg: SvgNode, title: string, desc: string, legend: readonly LegendItem[], id: string): string {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const rowHeight = 18;
  const legendHeight = legend.length === 0 ? 0 : legend.length * rowHeight + 8;
  const total = height + legendHeight;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", `${id}-title`);
  svg.setAttribute("aria-describedby", `${id}-desc`);
  svg.removeAttribute("aria-label");
  svg.removeAttribute("aria-description");
  svg.setAttribute("height", String(total));
  svg.setAttribute("viewBox", `0 0 ${width} ${total}`);
  svg.setAttribute("style", "max-width:100%;height:auto;");
  const items = legend
    .map(
      (l, i) =>
        `<g transform="translate(10,${height + 4 + i * rowHeight})"><rect width="12" height="12" y="1" fill="${l.color}"></rect><text x="18" y="11" font-size="12" fill="currentColor" text-anchor="start">${esc(l.text)}</text></g>`,
    )
    .join("");
  const inner = svg.innerHTML;
  const open = svg.outerHTML.slice(0, svg.outerHTML.indexOf(">") + 1);
  return `${open}<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>${inner}${items ? `<g class="legend">${items}</g>` : ""}</svg>`;
}

/** "48 vCPU" from millicores (3 decimals at most). */
const cpuText = (m: number): string => `${Number((m / 1000).toFixed(3))} vCPU`;
/** Bytes as GiB with 2 decimals (what `cc-plan node` prints). */
const gibText = (b: number): string => `${(b / 2 ** 30).toFixed(2)} GiB`;

/**
 * Monthly bill against total peak envs, one step line per machine type (each point a whole plan; a step up
 * is a node added), dots where the node count grows, a rule at the plan's peak and the recommended plan
 * as a ring.
 */
export async function renderCostCurveSvg(curve: CostCurve, options: ChartSvgOptions = {}): Promise<string> {
  const { Plot, document } = await chartLib();
  const id = options.id ?? "chart";
  const rows = curve.series.flatMap((s) => s.points.filter((p) => p.usdPerMonth !== null).map((p) => ({ ...p, type: s.machineType })));
  const steps = curve.series.flatMap((s) =>
    s.points.filter((p, i) => p.usdPerMonth !== null && i > 0 && p.nodes > (s.points[i - 1]?.nodes ?? 0)).map((p) => ({ ...p, type: s.machineType })),
  );
  const domain = curve.series.map((s) => s.machineType);
  const range = domain.map((_, i) => chartColors[i % chartColors.length] as string);
  const rec = curve.recommended;
  const marks = [
    Plot.ruleX([curve.peak], { stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3" }),
    Plot.line(rows, { x: "peak", y: "usdPerMonth", stroke: "type", curve: "step-after", strokeWidth: 2 }),
    Plot.dot(steps, {
      x: "peak",
      y: "usdPerMonth",
      fill: "type",
      r: 2.5,
      title: (d: (typeof steps)[number]) => `${d.type}: ${d.nodes} nodes from ${d.peak} envs, ${money(d.usdPerMonth)}/month`,
    }),
    ...(rec && rec.usdPerMonth !== null
      ? [Plot.dot([{ peak: curve.peak, usd: rec.usdPerMonth }], { x: "peak", y: "usd", r: 6, stroke: "currentColor", strokeWidth: 2 })]
      : []),
  ];
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 320,
    marginLeft: 72,
    marginBottom: 40,
    style: { background: "transparent", fontSize: "12px" },
    x: { label: "peak concurrent envs →", grid: true },
    y: { label: "↑ USD per month", grid: true, zero: true, tickFormat: (v: number) => `$${Math.round(v).toLocaleString("en-US")}` },
    color: { domain, range },
    marks,
  }) as unknown as SvgNode;
  // With several pools, a type's curve is the whole demand on that type alone, not the recommended plan.
  const tag = rec && rec.machineTypes.length > 1 ? " (a pool of the recommended plan)" : " (recommended)";
  const first = (s: CostCurve["series"][number]): string => {
    const at = s.points.find((p) => p.peak === curve.peak);
    return at ? `${at.nodes} nodes, ${money(at.usdPerMonth)}/month at ${curve.peak} envs` : `no plan at ${curve.peak} envs`;
  };
  const title = `${curve.provider}: monthly cost against peak demand (${curve.region}, ${curve.pricing})`;
  const desc =
    `Step lines of the autoscaled monthly bill for 1 to ${Math.max(...rows.map((r) => r.peak), curve.peak)} peak envs on ` +
    curve.series.map((s) => `${s.machineType}${s.recommended ? tag : ""}: ${first(s)}`).join("; ") +
    (rec ? `. The recommended plan: ${rec.machineTypes.join(" + ")}, ${rec.nodes} nodes, ${money(rec.usdPerMonth)}/month.` : ".") +
    " Each step up is a node added.";
  const legend = curve.series.map((s, i) => ({ color: range[i] as string, text: `${s.machineType}${s.recommended ? tag : ""}` }));
  const ring = rec ? [{ color: "none", text: `○ recommended plan at ${curve.peak} envs: ${rec.nodes} nodes, ${money(rec.usdPerMonth)}/month` }] : [];
  return finish(svg, title, desc, [...legend, ...ring], id);
}

/** A node's CPU and memory as two stacked bars, each segment a share of the node, with exact amounts in the legend. */
export async function renderCapacitySvg(pool: PoolCapacity, options: ChartSvgOptions = {}): Promise<string> {
  const { Plot, document } = await chartLib();
  const id = options.id ?? "chart";
  const cpuName = `CPU ${cpuText(pool.cpuMillicores)}`;
  const memName = `memory ${gibText(pool.memoryBytes)}`;
  const storage = pool.storage;
  const storageName = storage ? `ephemeral storage ${gibText(storage.bytes)}` : "";
  const rows = [
    ...pool.cpu.map((s, i) => ({ resource: cpuName, part: s.label, id: s.id, order: i, share: s.amount / pool.cpuMillicores, text: cpuText(s.amount) })),
    ...pool.memory.map((s, i) => ({ resource: memName, part: s.label, id: s.id, order: i, share: s.amount / pool.memoryBytes, text: gibText(s.amount) })),
    ...(storage?.segments ?? []).map((s, i) => ({
      resource: storageName,
      part: s.label,
      id: s.id,
      order: i,
      share: storage && storage.bytes > 0 ? s.amount / storage.bytes : 0,
      text: gibText(s.amount),
    })),
  ];
  const parts = [...new Map([...pool.memory, ...pool.cpu, ...(storage?.segments ?? [])].map((s) => [s.label, s.id])).entries()];
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height: storage ? 165 : 130,
    marginLeft: 130,
    style: { background: "transparent", fontSize: "12px" },
    x: { label: "share of the node →", percent: true, domain: [0, 100] },
    y: { label: null, domain: storage ? [cpuName, memName, storageName] : [cpuName, memName] },
    color: { domain: parts.map(([label]) => label), range: parts.map(([, sid]) => segmentColors[sid]) },
    marks: [
      Plot.barX(rows, {
        x: "share",
        y: "resource",
        fill: "part",
        order: (d: (typeof rows)[number]) => d.order,
        title: (d: (typeof rows)[number]) => `${d.part}: ${d.text}`,
        inset: 0.5,
      }),
    ],
  }) as unknown as SvgNode;
  const envText = Object.entries(pool.envs)
    .map(([k, c]) => `${c} × ${k}`)
    .join(" + ");
  const list = (segs: readonly CapacitySegment[], f: (n: number) => string): string => segs.map((s) => `${s.label} ${f(s.amount)}`).join(", ");
  const title = `${pool.machineType} (${pool.pool}): one node's ${storage ? "CPU, memory and ephemeral storage" : "CPU and memory"}`;
  const desc =
    (pool.nodesAtPeak === 0
      ? `An empty node of ${pool.machineType} (the pool has no node at peak). `
      : `One node of ${pool.machineType}${envText ? ` holding ${envText}` : ""} (${pool.nodesLikeThis} of ${pool.nodesAtPeak} nodes at peak are like it). `) +
    `CPU ${cpuText(pool.cpuMillicores)}: ${list(pool.cpu, cpuText)}. Memory ${gibText(pool.memoryBytes)}: ${list(pool.memory, gibText)}.` +
    (storage ? ` Ephemeral storage ${gibText(storage.bytes)}: ${list(storage.segments, gibText)}.` : "");
  const legend = parts.map(([label, sid]) => {
    const c = pool.cpu.find((s) => s.id === sid);
    const m = pool.memory.find((s) => s.id === sid);
    const st = storage?.segments.find((s) => s.id === sid);
    return {
      color: segmentColors[sid],
      text: `${label}: ${[c ? cpuText(c.amount) : "", m ? gibText(m.amount) : "", st ? `${gibText(st.amount)} storage` : ""].filter(Boolean).join(", ")}`,
    };
  });
  return finish(svg, title, desc, legend, id);
}

/** One bar of {@link renderBillComparisonSvg}: a plan (or a bill line) and its monthly bill; null = a price is unknown. */
export interface BillBar {
  readonly label: string;
  readonly usdPerMonth: number | null;
}

/** Several monthly bills side by side (e.g. `--max-pools 1, 2, 3`, or pricing options), for notebooks and reports. */
export interface BillComparison {
  /** The chart's title, e.g. "gcp: monthly bill against --max-pools". */
  readonly title: string;
  readonly bars: readonly BillBar[];
}

/** Horizontal bars with their amounts: each label above its bar, the amount after it ("price unknown" for null). */
async function billBarsSvg(bars: readonly BillBar[], title: string, desc: string, options: ChartSvgOptions): Promise<string> {
  const { Plot, document } = await chartLib();
  const rows = bars.map((l) => ({ label: l.label, usd: l.usdPerMonth ?? 0, text: l.usdPerMonth === null ? "price unknown" : money(l.usdPerMonth) }));
  const labels = rows.map((r) => r.label);
  // Each line's label above its bar (long labels such as "n2d-standard-48 boot disks (100 GiB pd-balanced,
  // GKE default)" fit a narrow screen), its amount after the bar.
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 44 + rows.length * 44,
    marginLeft: 12,
    marginRight: 110,
    style: { background: "transparent", fontSize: "12px" },
    x: { label: "USD per month →", grid: true, tickFormat: (v: number) => `$${Math.round(v).toLocaleString("en-US")}` },
    y: { axis: null, domain: labels, paddingInner: 0.55, paddingOuter: 0.6 },
    marks: [
      Plot.barX(rows, { x: "usd", y: "label", fill: chartColors[0], title: (d: (typeof rows)[number]) => `${d.label}: ${d.text}` }),
      Plot.text(rows, { x: 0, y: "label", text: "label", textAnchor: "start", dy: -13, fill: "currentColor" }),
      Plot.text(rows, { x: "usd", y: "label", text: "text", textAnchor: "start", dx: 4, fill: "currentColor" }),
    ],
  }) as unknown as SvgNode;
  return finish(svg, title, desc, [], options.id ?? "chart");
}

const barText = (bars: readonly BillBar[]): string =>
  bars.map((l) => `${l.label}: ${l.usdPerMonth === null ? "price unknown" : `${money(l.usdPerMonth)}/month`}`).join("; ");

/** The monthly bill's lines as horizontal bars with their amounts; a line whose price is unknown says so. */
export async function renderCostBreakdownSvg(b: CostBreakdown, options: ChartSvgOptions = {}): Promise<string> {
  const title = `${b.provider}: monthly cost breakdown of the recommended plan (${b.region}, ${b.pricing})`;
  const desc = `${barText(b.lines)}. Total ${b.totalUsdPerMonth === null ? "unknown (a price is missing)" : `${money(b.totalUsdPerMonth)}/month`}.`;
  return billBarsSvg(b.lines, title, desc, options);
}

/** Monthly bills compared as horizontal bars (the text alternative lists every bill). */
export async function renderBillComparisonSvg(c: BillComparison, options: ChartSvgOptions = {}): Promise<string> {
  return billBarsSvg(c.bars, c.title, `${barText(c.bars)}.`, options);
}
