/**
 * Issue 10 §6 at the CLI: the first screen fits a terminal (≤ 25 lines, ≤ 100 columns when not a TTY, the
 * table within io.columns), `--explain` cost lines add up as printed, and no output names the project's
 * internal notes or paths.
 */
import { describe, expect, it } from "vitest";
import { runInProcess } from "../support/cli.js";

const headline = ["--peak", "60", "--env", "4cpu16g"];
const mix = ["--env", "40x4cpu16g", "--env", "15x8cpu32g"];
/** Display width: code points (the output is plain text: ×, –, ▶ and · are one column each). */
const cols = (line: string): number => [...line].length;
const lines = (text: string): string[] => text.replace(/\n$/, "").split("\n");

/** The comparison tables: from each header line ("plan  pools …") up to the next blank line. */
function tableLines(text: string): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const l of lines(text)) {
    if (/^plan {2,}/.test(l)) inTable = true;
    else if (l.trim() === "") inTable = false;
    if (inTable) out.push(l);
  }
  return out;
}

describe("the first screen", () => {
  it("the headline (not a TTY) is at most 25 lines, every line at most 100 columns", async () => {
    const r = await runInProcess(headline);
    expect(r.code).toBe(0);
    const all = lines(r.stdout);
    expect(all.length).toBeLessThanOrEqual(25);
    expect(tableLines(r.stdout).length).toBeGreaterThanOrEqual(2 * 4); // two providers' tables: header, rule, ≥ 2 plans
    for (const l of all) expect(cols(l), l).toBeLessThanOrEqual(100);
  });

  it("a mix (not a TTY): every line at most 100 columns", async () => {
    const r = await runInProcess(mix);
    expect(r.code).toBe(0);
    for (const l of lines(r.stdout)) expect(cols(l), l).toBeLessThanOrEqual(100);
  });

  for (const [name, argv] of [
    ["headline", headline],
    ["mix", mix],
  ] as const) {
    it(`${name} at io.columns = 80: every table line at most 80 columns`, async () => {
      const r = await runInProcess([...argv], {}, { columns: 80 });
      expect(r.code).toBe(0);
      const table = tableLines(r.stdout);
      expect(table.length).toBeGreaterThan(0);
      for (const l of table) expect(cols(l), l).toBeLessThanOrEqual(80);
    });
  }

  it("at io.columns = 80 the recommendation sentences wrap within 80 columns too", async () => {
    const r = await runInProcess(headline, {}, { columns: 80 });
    const text = lines(r.stdout);
    const start = text.findIndex((l) => l.startsWith("Recommended: "));
    expect(start).toBeGreaterThan(0);
    for (let i = start; i < text.length && (i === start || text[i]?.startsWith("  ")); i++) expect(cols(text[i] ?? ""), text[i]).toBeLessThanOrEqual(80);
  });

  it("a narrow table wraps between words: every machine type of every plan is printed whole", async () => {
    const r = await runInProcess(headline, {}, { columns: 80 });
    const { stdout: json } = await runInProcess([...headline, "--json"]);
    const types = new Set<string>(
      JSON.parse(json).providers.flatMap((p: { options: { pools: { machineType: string }[] }[] }) =>
        p.options.flatMap((o) => o.pools.map((x) => x.machineType)),
      ),
    );
    const table = tableLines(r.stdout).join("\n");
    for (const t of types) expect(table, t).toMatch(new RegExp(`(^|\\s)${t.replace(/[.]/g, "\\.")}(\\s|$)`, "m"));
  });

  it("a TTY with colour: the visible text fits io.columns and the tables are the plain ones", async () => {
    const plain = await runInProcess(headline, {}, { columns: 100 });
    const tty = await runInProcess(headline, {}, { columns: 100, isTTY: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts an ANSI colour sequence
    expect(tty.stdout).toMatch(/\u001b\[/); // colour is on
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts an ANSI colour sequence
    const visible = tty.stdout.replace(/\u001b\[[0-9;]*m/g, "");
    for (const l of lines(visible).filter((x) => !x.startsWith("--explain"))) expect(cols(l), l).toBeLessThanOrEqual(100);
    expect(tableLines(visible)).toEqual(tableLines(plain.stdout));
  });
});

describe("--explain: every printed cost line adds up as printed", () => {
  /** `label: Q unit[ (note)] × $P = $A  [source]` */
  const costLine = /: ([\d.]+) ([a-z-]+)(?: \([^)]*\))? × \$([\d,.]+) = \$([\d,]+\.\d\d)(?: {2}\[|$)/;
  for (const argv of [
    headline,
    ["--scenario", "scenarios/codecanvas-60-envs.yaml"],
    ["--scenario", "scenarios/follow-the-sun.yaml"], // fractional node-hours and a snapshot line
    [...mix, "--provider", "gcp,azure,aws", "--disk", "100Gi"],
    ["--peak", "60", "--normal", "20", "--env", "4cpu16g", "--provider", "gcp", "--pricing", "sud"],
    ["--peak", "60", "--env", "4cpu16g", "--provider", "gcp", "--pricing", "cud-1y", "--disk", "100Gi"],
    ["--peak", "60", "--env", "4cpu16g", "--provider", "azure", "--pricing", "ri-3y", "--disk", "100Gi", "--storage-class", "Premium_LRS"],
  ]) {
    it(argv.join(" "), async () => {
      const r = await runInProcess([...argv, "--explain"]);
      expect(r.code).toBe(0);
      // Every line that prints a product must be a cost line this test can read.
      const candidates = lines(r.stdout).filter((l) => / × \$[\d,.]+ = \$/.test(l));
      expect(candidates.length).toBeGreaterThanOrEqual(2);
      for (const l of candidates) {
        const m = l.match(costLine);
        expect(m, l).not.toBeNull();
        const q = Number(m?.[1]);
        const p = Number(m?.[3]?.replace(/,/g, ""));
        const a = Number(m?.[4]?.replace(/,/g, ""));
        // Q × P rounded to cents is the printed amount.
        expect(Math.round(q * p * 100) / 100, l).toBeCloseTo(a, 9);
      }
      // And the printed lines add up to the printed total of each provider (to the cent per line).
      for (const block of r.stdout.split(/\n(?=\S.*: the recommended plan in detail)/).slice(1)) {
        const items = lines(block)
          .filter((l) => costLine.test(l))
          .map((l) => Number(l.match(costLine)?.[4]?.replace(/,/g, "")));
        const total = Number(block.match(/ {4}total \$([\d,]+\.\d\d);/)?.[1]?.replace(/,/g, ""));
        expect(Math.abs(items.reduce((s, v) => s + v, 0) - total), block.split("\n")[0]).toBeLessThanOrEqual(0.005 * items.length + 1e-9);
      }
    });
  }
});

describe("no user output names the project's internal notes or paths", () => {
  // The project's own notes call the vendor guides "seeds"; users know them by their titles. A path that
  // leaves the repository ("../") would point at files a person who cloned only this repository lacks.
  const forbidden = ["seeds'", "../", "seed-claims", "seed_", "flat-seeds", "seeds-"];
  it("--help names no internal file or word", async () => {
    const r = await runInProcess(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--scenario");
    expect((r.stdout + r.stderr).match(/seed|\.\.\//i)).toBeNull();
  });
  const inputs: [string, string[]][] = [
    ["headline", headline],
    ["seed scenario", ["--scenario", "scenarios/codecanvas-60-envs.yaml"]],
    ["mix", [...mix, "--provider", "gcp,azure,aws"]],
    ["azure disks", ["--peak", "20", "--env", "2cpu8g", "--provider", "azure", "--disk", "100Gi"]],
    ["azure premium disks", ["--peak", "20", "--env", "2cpu8g", "--provider", "azure", "--disk", "100Gi", "--storage-class", "Premium_LRS"]],
    ["flat", ["--peak", "60", "--env", "4cpu16g", "--platform", "flat", "--provider", "gcp"]],
  ];
  const modes: [string, string[]][] = [
    ["plain", []],
    ["--explain", ["--explain"]],
    ["--json", ["--json"]],
    ...(["gcloud", "az", "terraform", "k8s", "karpenter"] as const).map((k): [string, string[]] => [`--emit ${k}`, ["--emit", k]]),
  ];
  for (const [name, argv] of inputs)
    for (const [mode, extra] of modes)
      it(`${name}, ${mode}`, async () => {
        const r = await runInProcess([...argv, ...extra]);
        expect([0, 2]).toContain(r.code); // 2: an --emit kind that applies to none of the providers
        const out = r.stdout + r.stderr;
        if (r.code === 0) expect(r.stdout.length).toBeGreaterThan(0);
        for (const f of forbidden) expect(out.includes(f) ? out.split("\n").find((l) => l.includes(f)) : undefined, f).toBeUndefined();
      });

  it("--help", async () => {
    for (const argv of [["--help"], ["emit", "--help"], ["node", "--help"], ["catalog", "--help"]]) {
      const r = await runInProcess(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/cc-plan/);
      for (const f of forbidden) expect(r.stdout).not.toContain(f);
    }
  });
});
