/** `cc-plan catalog list|show|regions`. */
import Table from "cli-table3";
import { catalogRegions, findMachine } from "../../catalog/lookup.js";
import type { Provider } from "../../catalog/types.js";
import { defaultRegion, providers } from "../../core/resolve-request.js";
import { asciiChars, usd } from "../../emit/format.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";

export function runCatalog(ctx: CommandContext): number {
  const a = ctx.args;
  const chosen: Provider[] = [];
  for (const p of (ctx.raw.provider ?? []).flatMap((x) => x.split(","))) {
    if (!(providers as readonly string[]).includes(p)) throw new UsageError(`--provider "${p}": expected one of ${providers.join(", ")}`);
    chosen.push(p as Provider);
  }
  let list = chosen.length ? chosen : [...providers];
  const action = String(a.action);
  if (action === "show") {
    const name = String(a["machine-type"] ?? "");
    if (name === "") throw new UsageError("catalog show: missing <machine-type>, e.g. cc-plan catalog show n2-standard-32");
    const bare = findMachine(ctx.catalogs, name);
    if (!bare) throw new UsageError(`machine type "${name}": unknown; expected a name from \`cc-plan catalog list\``);
    const f = findMachine(ctx.withPrices({ [bare.provider]: "all" }), name);
    if (!f) throw new UsageError(`machine type "${name}": unknown`);
    ctx.io.stdout(
      a.json ? `${JSON.stringify({ provider: f.provider, ...f.machine }, null, 2)}\n` : showText(f.provider, f.machine, ctx.catalogs[f.provider]?._meta.asOf),
    );
    return 0;
  }
  if (action === "regions") {
    const doc = Object.fromEntries(list.map((p) => [p, ctx.catalogs[p] ? catalogRegions(ctx.catalogs[p]) : []]));
    ctx.io.stdout(a.json ? `${JSON.stringify(doc, null, 2)}\n` : `${list.map((p) => `${p}: ${(doc[p] ?? []).join(" ")}`).join("\n")}\n`);
    return 0;
  }
  const family = typeof a.family === "string" ? a.family.toLowerCase() : undefined;
  // --region with every provider (no --provider): list the providers that have the region; none is an error
  // (issue 12: `catalog list --region bogus` printed every machine with no price and exit 0).
  if (typeof a.region === "string" && list.length > 1) {
    const region = a.region;
    const having = list.filter((p) => ctx.catalogs[p] !== undefined && catalogRegions(ctx.catalogs[p]).includes(region));
    if (having.length === 0) throw new UsageError(`--region "${region}": not a region of any catalog (${list.join(", ")}); see \`cc-plan catalog regions\``);
    list = having;
  }
  const regionOf = (p: Provider): string => (typeof a.region === "string" ? a.region : defaultRegion[p]);
  const priced = ctx.withPrices(Object.fromEntries(list.map((p) => [p, [regionOf(p)]])));
  const rows = list.flatMap((p) => {
    const c = priced[p];
    const region = regionOf(p);
    if (c && typeof a.region === "string" && list.length === 1 && !catalogRegions(c).includes(region))
      throw new UsageError(`--region "${region}": unknown region for ${p}; see \`cc-plan catalog regions --provider ${p}\``);
    return (c?.machineTypes ?? [])
      .filter((m) => family === undefined || m.family === family)
      .map((m) => ({ provider: p, region, m, price: m.offerings.find((o) => o.region === region)?.onDemandUsdPerHour ?? null }));
  });
  if (a.json) {
    ctx.io.stdout(
      `${JSON.stringify(
        rows.map((r) => ({
          provider: r.provider,
          name: r.m.name,
          family: r.m.family,
          vcpus: r.m.vcpus,
          memoryMiB: r.m.memoryMiB,
          volumeAttachLimit: r.m.volumeAttachLimit,
          sharedCore: r.m.sharedCore,
          burstable: r.m.burstable,
          region: r.region,
          onDemandUsdPerHour: r.price,
        })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const t = new Table({
    head: ["provider", "machine type", "vCPU", "GiB", "volumes", "flags", "region", "$/h on-demand"],
    style: { head: [], border: [] },
    chars: asciiChars,
  });
  for (const r of rows)
    t.push([
      r.provider,
      r.m.name,
      r.m.vcpus,
      r.m.memoryMiB / 1024,
      r.m.volumeAttachLimit,
      [r.m.burstable ? "burstable" : "", r.m.sharedCore ? "shared-core" : "", r.m.avoid ? "avoid" : ""].filter(Boolean).join(","),
      r.region,
      usd(r.price),
    ]);
  ctx.io.stdout(`${t.toString()}\n`);
  return 0;
}

function showText(p: Provider, m: NonNullable<ReturnType<typeof findMachine>>["machine"], asOf: string | undefined): string {
  const lines = [
    `${m.name} (${p}, family ${m.family}): ${m.vcpus} vCPU, ${m.memoryMiB / 1024} GiB, ${m.volumeAttachLimit} volumes`,
    `  attach limit: ${m.volumeAttachLimitSource}`,
    ...(asOf ? [`  prices as of ${asOf}, except those dated in parentheses`] : []),
  ];
  if (m.avoid) lines.push(`  avoid: ${m.avoid}`);
  for (const o of m.offerings) {
    const parts = [
      // A price of another date than the catalog's asOf carries it (an older source for the region, or spot data).
      o.onDemandUsdPerHour === undefined ? "" : `on-demand ${usd(o.onDemandUsdPerHour)}/h${o.onDemandAsOf ? ` (${o.onDemandAsOf})` : ""}`,
      o.spotUsdPerHour === undefined ? "" : `spot ${usd(o.spotUsdPerHour)}/h${o.spotAsOf ? ` (${o.spotAsOf})` : ""}`,
      o.commit1yUsdPerMonth === undefined ? "" : `1y ${usd(o.commit1yUsdPerMonth)}/mo`,
      o.commit3yUsdPerMonth === undefined ? "" : `3y ${usd(o.commit3yUsdPerMonth)}/mo`,
      o.priceSuspect ? `(suspect: ${o.priceSuspect})` : "",
    ].filter(Boolean);
    lines.push(`  ${o.region.padEnd(24)} ${parts.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}
