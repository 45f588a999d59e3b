/**
 * `cc-plan report --html` checked in a real browser (issue 14): Debian's headless Chromium driven by
 * playwright-core opens the file from disk (file://) and the test reads what a person would see.
 *
 * What it asserts, for the headline plan and a 1,000-env mix of four shapes (`--time-limit 0`: the heuristic
 * plan, deterministic, so the JSON run and the report run plan the same):
 * - no console error, no page error, and no request other than the report file itself (every request the
 *   page makes is recorded);
 * - per provider, the recommended machine types, nodes at peak, autoscaler min–max and the monthly bill
 *   shown equal the `cc-plan … --json` plan document of the same flags (money as cc-plan prints it);
 * - every chart is an <svg role="img"> whose aria-labelledby names a non-empty <title> and whose
 *   aria-describedby names a non-empty <desc>; there is one cost-against-peak chart and one bill chart per
 *   provider with a plan and one node chart per recommended pool (counted from the JSON);
 * - light and dark (prefers-color-scheme) give a light and a dark page, print hides the copy buttons, and a
 *   copy button answers a click;
 * - at a 375 px wide viewport nothing overflows sideways (document.scrollWidth <= 375);
 * - a screenshot of each report is written to test/artifacts/ (git-ignored); with UPDATE_SCREENSHOT=1 the
 *   headline's first screen is written to docs/report.png (the README's picture), which must exist and be a PNG.
 *
 * Chromium missing is a failure with a message saying what to install, never a skip. CHROMIUM_PATH
 * overrides /usr/bin/chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { money } from "../../src/core/units/money.js";
import { repoRoot, runChildAsync } from "../support/cli.js";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = join(repoRoot, "test", "artifacts");
const readmePng = join(repoRoot, "docs", "report.png");
const today = ["--today", "2026-12-04"];
const headline = ["--peak", "60", "--env", "4cpu16g", ...today];
// 500 + 300 + 150 + 50 = 1,000 envs at peak.
const mix1000 = ["--env", "500x2cpu8g", "--env", "300x4cpu16g", "--env", "150x8cpu32g", "--env", "50x16cpu64g", "--time-limit", "0", ...today];

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath}: the report's browser check needs it (Debian: apt-get install chromium; or set CHROMIUM_PATH)`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keep it offline and quiet.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  dir = mkdtempSync(join(tmpdir(), "cc-plan-report-"));
  mkdirSync(join(dir, "folder.html"));
  mkdirSync(artifacts, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `cc-plan <flags> --json` (the plan document) and `cc-plan report --html <file> <flags>`. */
async function jsonAndReport(flags: string[], name: string): Promise<{ doc: any; file: string; stdout: string }> {
  const json = await runChildAsync([...flags, "--json"]);
  expect(json.stderr).toBe("");
  const file = join(dir, `${name}.html`);
  const r = await runChildAsync(["report", "--html", file, ...flags]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(json.code);
  return { doc: JSON.parse(json.stdout), file, stdout: r.stdout };
}

interface Opened {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
}

/** Open `file` from disk, recording console errors, page errors and every request. */
async function open(file: string, viewport: { width: number; height: number }, colorScheme: "light" | "dark" = "light"): Promise<Opened> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
  context.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
  return { page, problems, requests };
}

/** The recommended option of each provider that has one. */
function recommendations(doc: any): { provider: string; option: any }[] {
  return doc.providers.filter((p: any) => p.recommended !== null).map((p: any) => ({ provider: p.provider, option: p.options[p.recommended] }));
}

async function checkAgainstJson(page: Page, doc: any): Promise<void> {
  const recs = recommendations(doc);
  expect(recs.length).toBeGreaterThan(0);
  for (const { provider, option } of recs) {
    const box = page.locator(`[data-field="recommendation"][data-provider="${provider}"]`);
    expect(await box.count()).toBe(1);
    const types = await box.locator('[data-field="machine-type"]').allTextContents();
    const nodes = await box.locator('[data-field="nodes-peak"]').allTextContents();
    expect(types).toEqual(option.pools.map((x: any) => x.machineType));
    expect(nodes.map(Number)).toEqual(option.pools.map((x: any) => x.nodes.peak));
    expect(await box.locator('[data-field="monthly-usd"]').textContent()).toBe(money(option.bill.autoscaled.totalUsdPerMonth));
    expect(Number(await box.locator('[data-field="nodes-min"]').textContent())).toBe(option.nodes.min);
    expect(Number(await box.locator('[data-field="nodes-max"]').textContent())).toBe(option.nodes.max);
    expect(await page.locator(`[data-field="bill-total"][data-provider="${provider}"]`).textContent()).toBe(money(option.bill.autoscaled.totalUsdPerMonth));
  }
  // The charts: one cost curve and one bill per provider with a plan, one node chart per recommended pool.
  const expected = recs.reduce((n, r) => n + 2 + r.option.pools.length, 0);
  const charts = await page.locator("svg[role=img]").evaluateAll((svgs) =>
    svgs.map((s) => {
      const byId = (attr: string): string => {
        const id = s.getAttribute(attr) ?? "";
        const el = id ? document.getElementById(id) : null;
        return el && s.contains(el) ? (el.textContent ?? "").trim() : "";
      };
      return { title: byId("aria-labelledby"), desc: byId("aria-describedby"), firstTag: s.firstElementChild?.tagName ?? "" };
    }),
  );
  expect(charts.length).toBe(expected);
  expect(await page.locator("svg").count()).toBe(expected);
  for (const c of charts) {
    expect(c.firstTag).toBe("title");
    expect(c.title.length).toBeGreaterThan(10);
    expect(c.desc.length).toBeGreaterThan(20);
  }
}

function checkClean(o: Opened, file: string): void {
  expect(o.problems).toEqual([]);
  expect(o.requests).toEqual([pathToFileURL(file).href]);
}

describe("cc-plan report --html in headless Chromium", () => {
  it("the headline plan: the JSON plan's figures, accessible charts, no request, light/dark/print, a working copy button", async () => {
    const { doc, file, stdout } = await jsonAndReport(headline, "headline");
    expect(stdout).toMatch(/^wrote .*headline\.html \(\d+ KB\): gcp 6 × n2d-standard-48; azure 6 × Standard_D48s_v3\n$/);
    const o = await open(file, { width: 1000, height: 1400 });
    await checkAgainstJson(o.page, doc);
    // The README's picture: the top of the page (clip is page-relative with fullPage), before any click.
    if (process.env.UPDATE_SCREENSHOT === "1") await o.page.screenshot({ path: readmePng, fullPage: true, clip: { x: 0, y: 0, width: 1000, height: 1400 } });
    // Light: a light background; print hides the copy buttons.
    const light = await o.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(light)).toBeGreaterThan(0.8);
    const copy = o.page.locator("button[data-copy]").first();
    await copy.click();
    // The clipboard answers asynchronously: the button says "copied", or "selected: press Ctrl+C" when denied.
    await o.page.waitForFunction(() => ["copied", "selected: press Ctrl+C"].includes(document.querySelector("button[data-copy]")?.textContent ?? ""), null, {
      timeout: 5000,
    });
    await o.page.emulateMedia({ media: "print" });
    expect(await copy.isVisible()).toBe(false);
    await o.page.emulateMedia({ media: "screen" });
    await o.page.screenshot({ path: join(artifacts, "report-headline.png"), fullPage: true });
    checkClean(o, file);
    await o.page.context().close();
    // Dark: a dark page with light text.
    const d = await open(file, { width: 1000, height: 1400 }, "dark");
    const [bg, fg] = await d.page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    expect(luminance(bg as string)).toBeLessThan(0.1);
    expect(luminance(fg as string)).toBeGreaterThan(0.7);
    await d.page.screenshot({ path: join(artifacts, "report-headline-dark.png"), fullPage: true });
    checkClean(d, file);
    await d.page.context().close();
  }, 120_000);

  it("a 1,000-env mix of four shapes: the JSON plan's figures, one node chart per pool, no request", async () => {
    const { doc, file } = await jsonAndReport(mix1000, "mix-1000");
    expect(doc.demand.peak).toBe(1000);
    // A mix: some recommended plan has several pools.
    expect(recommendations(doc).some((r) => r.option.pools.length > 1)).toBe(true);
    const o = await open(file, { width: 1000, height: 1400 });
    await checkAgainstJson(o.page, doc);
    await o.page.screenshot({ path: join(artifacts, "report-mix-1000.png"), fullPage: true });
    checkClean(o, file);
    await o.page.context().close();
  }, 180_000);

  it("a 375 px wide viewport: no horizontal overflow, for one shape and for the mix", async () => {
    for (const name of ["headline", "mix-1000"]) {
      const file = join(dir, `${name}.html`);
      expect(existsSync(file)).toBe(true);
      const o = await open(file, { width: 375, height: 800 });
      const [scroll, inner] = await o.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(inner).toBe(375);
      expect(scroll).toBeLessThanOrEqual(375);
      await o.page.screenshot({ path: join(artifacts, `report-${name}-375.png`), fullPage: true });
      checkClean(o, file);
      await o.page.context().close();
    }
  }, 60_000);

  it("the README's picture docs/report.png exists and is a PNG (UPDATE_SCREENSHOT=1 writes it from the headline report)", () => {
    expect(existsSync(readmePng)).toBe(true);
    const png = readFileSync(readmePng);
    // PNG signature, then the IHDR chunk with the width and height (big-endian), both > 0.
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
    expect(png.readUInt32BE(16)).toBeGreaterThan(0);
    expect(png.readUInt32BE(20)).toBeGreaterThan(0);
  });
});

describe("cc-plan report: bad input is exit 2, one line, and no file", () => {
  it.each([
    [["report", "--peak", "60", "--env", "4cpu16g"], /^cc-plan: report: --html FILE\.html is required/],
    [["report", "--html", "plan.txt", "--peak", "60", "--env", "4cpu16g"], /^cc-plan: report --html "plan\.txt": expected a file name ending in \.html/],
    [["report", "--html", "{dir}/folder.html", "--peak", "60", "--env", "4cpu16g"], /folder\.html is a folder; name a file in it/],
    [["report", "--html", "{dir}/no-such-folder/plan.html", "--peak", "60", "--env", "4cpu16g"], /the folder .*no-such-folder does not exist/],
    [["report", "--html", "{dir}/bad.html", "--peak", "60", "--env", "4cpu"], /--env/],
    [["report", "--html", "{dir}/json.html", "--peak", "60", "--env", "4cpu16g", "--json"], /^cc-plan: report: --json does not apply/],
  ])("%j", async (argv, message) => {
    const args = argv.map((a) => a.replace("{dir}", dir));
    const r = await runChildAsync(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    for (const f of ["bad.html", "json.html"]) expect(existsSync(join(dir, f))).toBe(false);
  });

  it("an existing report is left as it was when the new one fails", async () => {
    const file = join(dir, "kept.html");
    writeFileSync(file, "older report");
    const r = await runChildAsync(["report", "--html", file, "--peak", "sixty", "--env", "4cpu16g"]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("older report");
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour (WCAG 2 formula). */
function luminance(css: string): number {
  const m = css.match(/rgba?\((\d+), (\d+), (\d+)/);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
