/**
 * Sweep of the one planner over every peak (issue 10 §8 at scale): `npx tsx scripts/sweep.ts`.
 *
 * For GKE, AKS and EKS (default regions us-central1, eastus, us-east-1) and every peak 1–1000 of one
 * shape (4cpu16g), first with normal = peak, then with normal = ⌊peak/2⌋, it plans
 *   1. with the default --within (2 %, or --within PCT),
 *   2. with --within 0,
 *   3. with --within 0 and every eligible type named (--machine …), to cross-check the oracle,
 * and checks:
 *   - no single machine type (every eligible type of the catalog in the region: not burstable or shared-core,
 *     priced, no priceSuspect) is cheaper than the recommendation beyond within: rec ≤ (1 + within) × single;
 *     the single-type bills come from the independent oracle in test/property/plan-checks.ts
 *     (Σ_zones ⌈(envs in zone + 2) / envs per node⌉ nodes × 730 h × the catalog's on-demand price, + boot
 *     disks on GKE, + the lines every plan pays), and the planner's own named plans must agree with it;
 *   - with --within 0 the recommendation is the cheapest option and no single type is cheaper, to the cent;
 *   - the lower bound, gap and optimal flags are consistent (L4), and the cheapest plan is proven optimal;
 *   - monotonicity: recommendations that cost more than the recommendation for some larger peak (same pass).
 * Prints a summary (counts, worst cases, time). Options: --from N --to N --provider gcp,azure,aws
 * --within PCT --no-named (skip plan 3) --json FILE (write every point).
 */
import { writeFileSync } from "node:fs";
import type { Provider } from "../src/catalog/types.js";
import type { ProviderPlan } from "../src/core/planner/document.js";
import { l1Violations, lowerBoundViolations, type OracleEntry, oracleVsNamed, singleTypeOracle } from "../test/property/plan-checks.js";
import { providers as allProviders, bill, cheapest, loadHarness, only, planOf, recommended, show, singleTypeBills } from "../test/property/planner-harness.js";

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const from = Number(flag("from") ?? 1);
const to = Number(flag("to") ?? 1000);
const withinPct = Number(flag("within") ?? 2);
const within = withinPct / 100;
const withNamed = !args.includes("--no-named");
const jsonOut = flag("json");
const providers = (flag("provider")?.split(",") ?? allProviders) as Provider[];
const env = "4cpu16g";
const passes = [
  { name: "normal = peak", normal: (p: number): number => p },
  { name: "normal = ⌊peak/2⌋", normal: (p: number): number => Math.floor(p / 2) },
] as const;

const h = loadHarness();
const cents = (n: number): number => Math.round(n * 100) / 100;
const money = (n: number): string => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (f: number): string => `${(f * 100).toFixed(3)} %`;

interface Point {
  provider: Provider;
  pass: string;
  peak: number;
  normal: number;
  rec: string;
  recUsd: number;
  rec0: string;
  rec0Usd: number;
  bestSingle: string;
  bestSingleUsd: number;
  violations: string[];
}

interface Tally {
  points: number;
  plans: number;
  l1: number;
  within0NotCheapest: number;
  within0Cents: number;
  oracle: number;
  l4: number;
  notOptimal: number;
  recNotCheapest: number;
  /** --within 0 picked a plan when another plan of the same bill has a smaller blast radius (or the same and fewer pools). */
  tieBreak: number;
  /** Recommendations (default within) with a pool that has 0 nodes at peak (used only at other levels). */
  emptyAtPeak: number;
  /** rec / best single − 1, largest (≤ within) and smallest (multi-pool savings). */
  worstOverSingle: { f: number; at: string };
  bestUnderSingle: { f: number; at: string };
  worstOver0: { usd: number; at: string };
  monotone: { default: number; within0: number; worstDefault: { usd: number; at: string }; worstWithin0: { usd: number; at: string } };
  ms: number;
}

const started = Date.now();
const all: Point[] = [];
const tallies: { provider: Provider; pass: string; t: Tally }[] = [];
const examples: string[] = [];
const perKind = new Map<string, number>();
const note = (s: string): void => {
  // At most 8 examples of each kind of violation.
  const kind = s.split(" ")[0] ?? "";
  const n = perKind.get(kind) ?? 0;
  perKind.set(kind, n + 1);
  if (n < 8) examples.push(s);
};

for (const provider of providers) {
  for (const pass of passes) {
    const t0 = Date.now();
    const t: Tally = {
      points: 0,
      plans: 0,
      l1: 0,
      within0NotCheapest: 0,
      within0Cents: 0,
      oracle: 0,
      l4: 0,
      notOptimal: 0,
      recNotCheapest: 0,
      tieBreak: 0,
      emptyAtPeak: 0,
      worstOverSingle: { f: -Infinity, at: "" },
      bestUnderSingle: { f: Infinity, at: "" },
      worstOver0: { usd: -Infinity, at: "" },
      monotone: { default: 0, within0: 0, worstDefault: { usd: 0, at: "" }, worstWithin0: { usd: 0, at: "" } },
      ms: 0,
    };
    const points: Point[] = [];
    for (let peak = from; peak <= to; peak++) {
      const normal = pass.normal(peak);
      const base = { peak, normal, env, provider: [provider] };
      const at = `${provider} peak ${peak} normal ${normal}`;
      const doc = planOf(h, { ...base, within: withinPct });
      const p = only(doc);
      const doc0 = planOf(h, { ...base, within: 0 });
      const p0 = only(doc0);
      t.plans += 2;
      const oracle: OracleEntry[] = singleTypeOracle(h, doc0, p0);
      const fitting = oracle.filter((o): o is OracleEntry & { usd: number } => o.usd !== undefined);
      const best = fitting.reduce((a, b) => (b.usd < a.usd ? b : a));
      const violations: string[] = [];
      // L1 with the default within, and with within 0.
      const v1 = [...l1Violations(p, within, fitting), ...l1Violations(p0, 0, fitting)];
      if (v1.length > 0) {
        t.l1++;
        violations.push(...v1);
        note(`L1 ${at}: ${v1[0]}`);
      }
      const rec = recommended(p);
      const rec0 = recommended(p0);
      const recUsd = bill(rec);
      const rec0Usd = bill(rec0);
      if (p0.recommended !== p0.cheapest) t.within0NotCheapest++;
      // Within 0 is the cheapest to the cent: no single type and not the default-within plan's cheapest option beats it.
      if (cents(rec0Usd) > cents(best.usd) || cents(rec0Usd) > cents(bill(cheapest(p)))) {
        t.within0Cents++;
        violations.push(`within 0 ${money(rec0Usd)} > best single ${best.type} ${money(best.usd)} or cheapest ${money(bill(cheapest(p)))}`);
        note(`cents ${at}: within 0 ${show(rec0)} vs best single ${best.type} ${money(best.usd)}`);
      }
      if (p.recommended !== p.cheapest) t.recNotCheapest++;
      if (rec.pools.some((pool) => pool.nodes.peak === 0)) t.emptyAtPeak++;
      // Tie-break (planner.ts header, item 3): equal bills prefer a smaller blast radius, then fewer pools.
      const beats = [...p.options, ...p0.options].find(
        (o) =>
          Math.abs(bill(o) - rec0Usd) <= 1e-9 * rec0Usd &&
          (o.blastRadius < rec0.blastRadius || (o.blastRadius === rec0.blastRadius && o.pools.length < rec0.pools.length)),
      );
      if (beats) {
        t.tieBreak++;
        violations.push(`within 0 tie-break: ${show(rec0)} vs ${show(beats)}`);
        note(
          `tie-break ${at}: --within 0 recommends ${show(rec0)}; same bill with a smaller blast radius, or fewer pools at the same blast radius: ${show(beats)}`,
        );
      }
      const over = recUsd / best.usd - 1;
      if (over > t.worstOverSingle.f) t.worstOverSingle = { f: over, at: `${at}: ${show(rec)} vs ${best.type} ${money(best.usd)}` };
      if (over < t.bestUnderSingle.f) t.bestUnderSingle = { f: over, at: `${at}: ${show(rec)} vs ${best.type} ${money(best.usd)}` };
      const over0 = rec0Usd - best.usd;
      if (over0 > t.worstOver0.usd) t.worstOver0 = { usd: over0, at: `${at}: ${show(rec0)} vs ${best.type} ${money(best.usd)}` };
      // L4 on both plans; one shape at flat on-demand demand: the cheapest plan is proven optimal.
      const v4 = [...lowerBoundViolations(p), ...lowerBoundViolations(p0)];
      if (v4.length > 0) {
        t.l4++;
        violations.push(...v4);
        note(`L4 ${at}: ${v4[0]}`);
      }
      if (cheapest(p0).optimal !== true) {
        t.notOptimal++;
        note(`not optimal ${at}: ${show(cheapest(p0))} gap ${cheapest(p0).gap}`);
      }
      if (withNamed) {
        const named: ProviderPlan = only(planOf(h, { ...base, within: 0, machine: oracle.map((o) => o.type) }));
        t.plans++;
        const vo = oracleVsNamed(
          oracle,
          singleTypeBills(
            named,
            oracle.map((o) => o.type),
          ),
        );
        if (vo.length > 0) {
          t.oracle++;
          violations.push(...vo);
          note(`oracle ${at}: ${vo[0]}`);
        }
      }
      points.push({
        provider,
        pass: pass.name,
        peak,
        normal,
        rec: show(rec),
        recUsd,
        rec0: show(rec0),
        rec0Usd,
        bestSingle: best.type,
        bestSingleUsd: best.usd,
        violations,
      });
      t.points++;
    }
    // Monotonicity: a recommendation dearer than the one for some larger peak (suffix minimum), to the cent.
    const scan = (key: "recUsd" | "rec0Usd"): { count: number; worst: { usd: number; at: string } } => {
      let min = Infinity;
      let minAt = 0;
      let count = 0;
      let worst = { usd: 0, at: "" };
      for (let i = points.length - 1; i >= 0; i--) {
        const pt = points[i] as Point;
        if (cents(pt[key]) > cents(min)) {
          count++;
          if (pt[key] - min > worst.usd)
            worst = { usd: pt[key] - min, at: `peak ${pt.peak} ${money(pt[key])} (${key === "recUsd" ? pt.rec : pt.rec0}) > peak ${minAt} ${money(min)}` };
        }
        if (pt[key] < min) {
          min = pt[key];
          minAt = pt.peak;
        }
      }
      return { count, worst };
    };
    const md = scan("recUsd");
    const m0 = scan("rec0Usd");
    t.monotone = { default: md.count, within0: m0.count, worstDefault: md.worst, worstWithin0: m0.worst };
    t.ms = Date.now() - t0;
    tallies.push({ provider, pass: pass.name, t });
    all.push(...points);
    process.stderr.write(`${provider} ${pass.name}: ${t.points} peaks, ${t.plans} plans in ${(t.ms / 1000).toFixed(1)} s\n`);
  }
}
const seconds = (Date.now() - started) / 1000;

const lines: string[] = [];
lines.push(
  `sweep: ${env}, peaks ${from}–${to}, providers ${providers.join(", ")}, --within ${withinPct} % (default) and 0; ${withNamed ? "named-plan cross-check on" : "no named-plan cross-check"}`,
);
lines.push("");
lines.push(
  "| provider | pass | peaks | plans | L1 fails | within 0 ≠ cheapest option | within 0 > best single (cents) | oracle ≠ named | L4 fails | cheapest not optimal | rec ≠ cheapest (within) | within-0 tie-break beaten | rec with a 0-node pool at peak | worst rec/best single − 1 | best rec/best single − 1 | worst within-0 − best single | non-monotone (within) | non-monotone (within 0) | time |",
);
lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const { provider, pass, t } of tallies)
  lines.push(
    `| ${provider} | ${pass} | ${t.points} | ${t.plans} | ${t.l1} | ${t.within0NotCheapest} | ${t.within0Cents} | ${withNamed ? t.oracle : "–"} | ${t.l4} | ${t.notOptimal} | ${t.recNotCheapest} | ${t.tieBreak} | ${t.emptyAtPeak} | ${pct(t.worstOverSingle.f)} | ${pct(t.bestUnderSingle.f)} | ${money(t.worstOver0.usd)} | ${t.monotone.default} | ${t.monotone.within0} | ${(t.ms / 1000).toFixed(1)} s |`,
  );
lines.push("");
lines.push("Worst cases:");
for (const { provider, pass, t } of tallies) {
  lines.push(`- ${provider}, ${pass}:`);
  lines.push(`  - recommendation furthest above the best single type (must be ≤ ${withinPct} %): ${pct(t.worstOverSingle.f)} at ${t.worstOverSingle.at}`);
  lines.push(`  - recommendation furthest below the best single type (several pools save): ${pct(t.bestUnderSingle.f)} at ${t.bestUnderSingle.at}`);
  if (t.monotone.default > 0)
    lines.push(`  - largest drop with a larger peak (--within ${withinPct}): ${money(t.monotone.worstDefault.usd)}: ${t.monotone.worstDefault.at}`);
  if (t.monotone.within0 > 0)
    lines.push(`  - largest drop with a larger peak (--within 0): ${money(t.monotone.worstWithin0.usd)}: ${t.monotone.worstWithin0.at}`);
}
if (examples.length > 0) {
  lines.push("");
  lines.push(`Violations and notes (at most 8 of each kind; totals: ${[...perKind].map(([k, n]) => `${k} ${n}`).join(", ")}):`);
  for (const e of examples) lines.push(`- ${e}`);
}
lines.push("");
lines.push(
  `${all.length} points, ${tallies.reduce((s, x) => s + x.t.plans, 0)} plans in ${seconds.toFixed(1)} s (${(
    (seconds * 1000) /
      Math.max(
        1,
        tallies.reduce((s, x) => s + x.t.plans, 0),
      )
  ).toFixed(1)} ms per plan).`,
);
console.log(lines.join("\n"));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(all, null, 1));
const failed = tallies.some(({ t }) => t.l1 + t.within0Cents + t.within0NotCheapest + t.oracle + t.l4 > 0 || t.monotone.within0 > 0);
process.exitCode = failed ? 1 : 0;
