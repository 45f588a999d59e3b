/**
 * `cc-plan sheet --apps-script --out Code.gs [--provider p] [--region r]` (issue 13): one file of Google
 * Sheets custom functions to paste into a spreadsheet's Apps Script editor (README "Google Sheets").
 *
 * The file is the prebuilt bundle dist/apps-script/core.js (scripts/bundle.mjs; the published CLI needs no
 * esbuild) between the provider's catalog with the region's prices, disk prices and fees — as the CLI loads
 * them for a plan — and the four `@customfunction` wrappers (src/apps-script/script-file.ts). Written
 * atomically (a temporary sibling renamed into place); `--out -` prints it.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Argv } from "yargs";
import { outputFolderProblem, writeFileAtomically } from "../../adapters/atomic-file.js";
import { loadFeeCatalog, loadStorageCatalog } from "../../adapters/catalog-fs.js";
import { appsScriptFile, customFunctionNames } from "../../apps-script/script-file.js";
import type { SheetData } from "../../apps-script/sheet-functions.js";
import type { Provider } from "../../catalog/types.js";
import { defaultRegion, providers } from "../../core/constants.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";

/** The `sheet` command's options for the Apps Script file. */
export function appsScriptOptions<T>(y: Argv<T>): Argv<T> {
  // --provider and --region are the plan's flags (src/cli/options.ts): with --apps-script, the provider
  // whose catalog the file embeds (default gcp) and the region whose prices it carries.
  return y
    .option("apps-script", {
      type: "boolean",
      describe: `write Google Sheets custom functions (CCPLAN_NODES, …) as one Apps Script file, for one --provider (default gcp) and --region (default: gcp ${defaultRegion.gcp}, azure ${defaultRegion.azure}, aws ${defaultRegion.aws})`,
    })
    .option("out", { type: "string", describe: "the file to write: sizing.xlsx, or Code.gs with --apps-script (- prints it)" });
}

/** dist/apps-script/core.js, found by walking up from this module (src, dist or the CLI bundle). */
function appsScriptCore(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "dist", "apps-script", "core.js");
    if (existsSync(file)) return readFileSync(file, "utf8");
    dir = dirname(dir);
  }
  throw new Error("cannot find dist/apps-script/core.js (npm run build writes it)");
}

/** One value of a flag that takes one; yargs makes a repeated flag an array. */
function single(ctx: CommandContext, flag: string): string | undefined {
  const raw = ctx.args[flag];
  const v = Array.isArray(raw) && raw.length === 1 ? String(raw[0]) : raw;
  if (Array.isArray(v)) throw new UsageError(`sheet: --${flag} given ${v.length} times (${v.join(", ")}); give it once`);
  return typeof v === "string" ? v : undefined;
}

/** Write `text` to `file` atomically (src/adapters/atomic-file.ts): the file is whole or untouched. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const problem = outputFolderProblem(file);
  if (problem) throw new UsageError(`sheet: --out ${file}: ${problem}`);
  try {
    await writeFileAtomically(file, text);
  } catch (e) {
    throw new UsageError(`sheet: cannot write ${file}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}

/** Write the file; `cliVersion` (main.ts) goes into its header. */
export async function runSheetAppsScript(ctx: CommandContext, cliVersion: string): Promise<number> {
  const out = single(ctx, "out");
  if (out === undefined || out === "") throw new UsageError("sheet: --out is required: the file to write, e.g. --out Code.gs (or --out - to print it)");
  const providerText = single(ctx, "provider") ?? "gcp";
  if (!(providers as readonly string[]).includes(providerText))
    throw new UsageError(`sheet: --provider "${providerText}": expected one of ${providers.join(", ")}`);
  const provider = providerText as Provider;
  const region = single(ctx, "region") ?? defaultRegion[provider];
  const regions = ctx.catalogs[provider]?.regions ?? [];
  if (!regions.includes(region))
    throw new UsageError(
      `sheet: --region "${region}": not a ${provider} region of the catalog; expected one from \`cc-plan catalog regions --provider ${provider}\`, e.g. ${defaultRegion[provider]}`,
    );
  const dir = ctx.io.env.CC_PLAN_CATALOG_DIR;
  const catalog = ctx.withPrices({ [provider]: [region] })[provider];
  if (!catalog) throw new UsageError(`sheet: no ${provider} catalog`);
  // Disk prices of this region only (the file carries one region).
  const storage = loadStorageCatalog(provider, { ...(dir ? { dir } : {}), regions: [region] });
  // The catalogs' provenance (_meta sources, filters, notes: upstream repositories and paths) stays in the
  // package; the file says where (its header). Every price keeps its own date and source.
  const fees = loadFeeCatalog(dir ? { dir } : {});
  const data: SheetData = {
    provider,
    region,
    catalog: { ...catalog, _meta: { ...catalog._meta, sources: [], filters: [], notes: [] } },
    storage: storage
      ? {
          ...storage,
          _meta: { ...storage._meta, sources: [], notes: [] },
          regions: storage.regions[region] ? { [region]: storage.regions[region] } : {},
        }
      : null,
    fees: { ...fees, _meta: { ...fees._meta, notes: [] } },
  };
  // The same text whatever --out says, so `--out -` and `--out Code.gs` give one file.
  const command = `cc-plan sheet --apps-script --provider ${provider} --region ${region}`;
  const text = appsScriptFile(appsScriptCore(), data, { cliVersion, command });
  if (out === "-") {
    ctx.io.stdout(text);
    return 0;
  }
  await writeAtomically(out, text);
  ctx.io.stdout(
    `wrote ${out}: ${customFunctionNames.join(", ")} for ${provider} ${region} (${Math.ceil(Buffer.byteLength(text) / 1024)} KB); paste it into Extensions > Apps Script\n`,
  );
  return 0;
}
