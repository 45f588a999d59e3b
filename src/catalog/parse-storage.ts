/**
 * Validators for `catalogs/storage/<provider>.json` and `catalogs/fees.json` (shapes in storage-types.ts),
 * in the style of parse.ts: every rejection is one line, `catalog <file>: <JSON path>: <what was expected>`;
 * unknown fields are rejected; prices are finite and > 0, except a cluster fee, which may be an explicit
 * 0 (the AKS Free tier) because its source says so. A missing price is an absent entry, never 0.
 */
import { implausiblePrice, type PriceUnit } from "./plausible.js";
import type { FeeCatalog, StorageCatalog, StorageClassInfo, StoragePrice } from "./storage-types.js";
import type { Provider } from "./types.js";

/** Validation result: the typed value, or one line saying what is wrong and where. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

class Bad extends Error {}
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function obj(x: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObj(x)) throw new Bad(`${path}: expected an object`);
  for (const k of Object.keys(x))
    if (!allowed.includes(k)) throw new Bad(`${path === "" ? k : `${path}.${k}`}: unknown field; expected one of ${allowed.join(", ")}`);
  return x;
}
function str(o: Record<string, unknown>, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== "string" || v === "") throw new Bad(`${path}.${k}: expected a non-empty string`);
  return v;
}
function strings(o: Record<string, unknown>, k: string, path: string): void {
  const v = o[k];
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string" && s !== "")) throw new Bad(`${path}.${k}: expected an array of non-empty strings`);
}
/** A price in USD: finite and > 0, or ≥ 0 where a real $0 is allowed (cluster fees only). */
function money(v: unknown, path: string, allowZero = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new Bad(`${path}: expected a finite price ${allowZero ? "≥ 0" : "> 0"}, got ${JSON.stringify(v)}`);
  }
  return v;
}
/** A price outside its unit's plausible range is a broken file (issue 12; src/catalog/plausible.ts). */
function plausible(v: number, unit: PriceUnit, path: string): void {
  const bad = implausiblePrice(v, unit);
  if (bad) throw new Bad(`${path}: ${bad}`);
}
/** A price date: an ISO date (`2026-08-22`) or a month (`2025-01`) when the source gives no day. */
export const priceDate = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
function date(v: unknown, path: string): string {
  if (typeof v !== "string" || !priceDate.test(v)) throw new Bad(`${path}: expected a date YYYY-MM-DD (or YYYY-MM), got ${JSON.stringify(v)}`);
  return v;
}
function wrap<T>(file: string, f: () => T): ParseResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, reason: `catalog ${file}: ${e.message}` };
    throw e;
  }
}

const sourceKeys = ["contributes", "repo", "path", "commit", "date", "license", "localCopy"] as const;

function checkMeta(x: unknown, provider: Provider): void {
  const m = obj(x, "_meta", ["provider", "formatVersion", "generator", "currency", "asOf", "sources", "notes"]);
  if (m.provider !== provider) throw new Bad(`_meta.provider: expected "${provider}", got ${JSON.stringify(m.provider)}`);
  if (m.formatVersion !== 1) throw new Bad(`_meta.formatVersion: expected 1, got ${JSON.stringify(m.formatVersion)}`);
  if (m.currency !== "USD") throw new Bad(`_meta.currency: expected "USD", got ${JSON.stringify(m.currency)}`);
  str(m, "generator", "_meta");
  str(m, "asOf", "_meta");
  if (!Array.isArray(m.sources) || m.sources.length === 0) throw new Bad("_meta.sources: expected a non-empty array");
  m.sources.forEach((s, i) => {
    const so = obj(s, `_meta.sources[${i}]`, sourceKeys);
    for (const k of sourceKeys) str(so, k, `_meta.sources[${i}]`);
  });
  strings(m, "notes", "_meta");
}

function checkClass(x: unknown, path: string): StorageClassInfo {
  const c = obj(x, path, ["id", "description", "billing", "tierSizesGiB", "snapshot"]);
  str(c, "id", path);
  str(c, "description", path);
  if (c.billing !== "per-gib-month" && c.billing !== "tiered")
    throw new Bad(`${path}.billing: expected "per-gib-month" or "tiered", got ${JSON.stringify(c.billing)}`);
  if (c.snapshot !== undefined && c.snapshot !== true) throw new Bad(`${path}.snapshot: expected true or absent`);
  if (c.billing === "per-gib-month") {
    if (c.tierSizesGiB !== undefined) throw new Bad(`${path}.tierSizesGiB: only for a tiered class`);
    return c as unknown as StorageClassInfo;
  }
  if (!isObj(c.tierSizesGiB) || Object.keys(c.tierSizesGiB).length === 0) throw new Bad(`${path}.tierSizesGiB: expected tier → GiB for a tiered class`);
  let previous = 0;
  for (const [tier, gib] of Object.entries(c.tierSizesGiB)) {
    if (typeof gib !== "number" || !Number.isSafeInteger(gib) || gib <= 0)
      throw new Bad(`${path}.tierSizesGiB.${tier}: expected a whole number of GiB > 0, got ${JSON.stringify(gib)}`);
    // The look-up takes the first tier that is large enough, so the sizes must ascend.
    if (gib <= previous) throw new Bad(`${path}.tierSizesGiB.${tier}: sizes must ascend (${gib} after ${previous})`);
    previous = gib;
  }
  return c as unknown as StorageClassInfo;
}

function checkPrice(x: unknown, path: string, info: StorageClassInfo): StoragePrice {
  const o = obj(
    x,
    path,
    info.billing === "per-gib-month" ? ["usdPerGiBMonth", "source", "asOf"] : ["usdPerTierMonth", "source", "tierSources", "asOf", "tierAsOf"],
  );
  str(o, "source", path);
  if (o.asOf !== undefined) date(o.asOf, `${path}.asOf`);
  if (info.billing === "per-gib-month") {
    plausible(money(o.usdPerGiBMonth, `${path}.usdPerGiBMonth`), "GiB-month", `${path}.usdPerGiBMonth`);
    return o as unknown as StoragePrice;
  }
  if (!isObj(o.usdPerTierMonth) || Object.keys(o.usdPerTierMonth).length === 0)
    throw new Bad(`${path}.usdPerTierMonth: expected tier → USD per disk-month (omit the class when no tier has a price)`);
  const sizes = info.tierSizesGiB ?? {};
  for (const [tier, usd] of Object.entries(o.usdPerTierMonth)) {
    if (sizes[tier] === undefined) throw new Bad(`${path}.usdPerTierMonth.${tier}: not a tier of ${info.id}; expected one of ${Object.keys(sizes).join(", ")}`);
    plausible(money(usd, `${path}.usdPerTierMonth.${tier}`), "disk-month", `${path}.usdPerTierMonth.${tier}`);
  }
  if (o.tierSources !== undefined) {
    if (!isObj(o.tierSources)) throw new Bad(`${path}.tierSources: expected tier → source`);
    for (const [tier, s] of Object.entries(o.tierSources)) {
      if (typeof s !== "string" || s === "") throw new Bad(`${path}.tierSources.${tier}: expected a non-empty string`);
      if (o.usdPerTierMonth[tier] === undefined) throw new Bad(`${path}.tierSources.${tier}: no price for this tier`);
    }
  }
  if (o.tierAsOf !== undefined) {
    if (!isObj(o.tierAsOf)) throw new Bad(`${path}.tierAsOf: expected tier → date`);
    for (const [tier, d] of Object.entries(o.tierAsOf)) {
      date(d, `${path}.tierAsOf.${tier}`);
      if (o.usdPerTierMonth[tier] === undefined) throw new Bad(`${path}.tierAsOf.${tier}: no price for this tier`);
    }
  }
  return o as unknown as StoragePrice;
}

/**
 * Validate `catalogs/storage/<provider>.json`.
 * @param json - the parsed file
 * @param provider - the provider the file must be for (`_meta.provider`)
 * @param file - the file name used in messages
 * @param regions - validate the prices of these regions only (the ones a plan uses); the other regions'
 *   entries must still be objects and are kept, unvalidated, for "priced in …" hints only. Azure's file
 *   holds 54 regions × 3 classes × up to 14 tiers: validating all of it cost about 8 ms of every plan's start.
 *   Omitted: every region is validated.
 */
export function parseStorageFile(json: unknown, provider: Provider, file: string, regions?: readonly string[]): ParseResult<StorageCatalog> {
  return wrap(file, () => {
    if (!isObj(json)) throw new Bad("expected a JSON object");
    const o = obj(json, "", ["_meta", "classes", "regions"]);
    checkMeta(o._meta, provider);
    if (!Array.isArray(o.classes) || o.classes.length === 0) throw new Bad("classes: expected a non-empty array");
    const classes = new Map<string, StorageClassInfo>();
    o.classes.forEach((c, i) => {
      const info = checkClass(c, `classes[${i}]`);
      if (classes.has(info.id)) throw new Bad(`classes[${i}].id: duplicate class ${info.id}`);
      classes.set(info.id, info);
    });
    if (!isObj(o.regions)) throw new Bad("regions: expected an object of region → class → price");
    for (const [region, byClass] of Object.entries(o.regions)) {
      if (!/^[a-z0-9-]+$/.test(region)) throw new Bad(`regions.${region}: expected a region name (lower-case letters, digits, dashes)`);
      if (!isObj(byClass)) throw new Bad(`regions.${region}: expected an object of class → price`);
      if (regions !== undefined && !regions.includes(region)) continue;
      for (const [cls, p] of Object.entries(byClass)) {
        const info = classes.get(cls);
        if (!info) throw new Bad(`regions.${region}.${cls}: unknown class; expected one of ${[...classes.keys()].join(", ")}`);
        checkPrice(p, `regions.${region}.${cls}`, info);
      }
    }
    return o as unknown as StorageCatalog;
  });
}

const providers: readonly Provider[] = ["gcp", "azure", "aws"];

/**
 * Validate `catalogs/fees.json`.
 * @param json - the parsed file
 * @param file - the file name used in messages
 */
export function parseFeeFile(json: unknown, file: string): ParseResult<FeeCatalog> {
  return wrap(file, () => {
    if (!isObj(json)) throw new Bad("expected a JSON object");
    const o = obj(json, "", ["_meta", "clusterFees"]);
    const m = obj(o._meta, "_meta", ["formatVersion", "currency", "asOf", "notes"]);
    if (m.formatVersion !== 1) throw new Bad(`_meta.formatVersion: expected 1, got ${JSON.stringify(m.formatVersion)}`);
    if (m.currency !== "USD") throw new Bad(`_meta.currency: expected "USD", got ${JSON.stringify(m.currency)}`);
    str(m, "asOf", "_meta");
    strings(m, "notes", "_meta");
    if (!Array.isArray(o.clusterFees) || o.clusterFees.length === 0) throw new Bad("clusterFees: expected a non-empty array");
    const seen = new Set<string>();
    o.clusterFees.forEach((f, i) => {
      const path = `clusterFees[${i}]`;
      const fo = obj(f, path, ["id", "provider", "usdPerClusterHour", "source"]);
      const id = str(fo, "id", path);
      if (seen.has(id)) throw new Bad(`${path}.id: duplicate fee id ${id}`);
      seen.add(id);
      if (!providers.includes(fo.provider as Provider))
        throw new Bad(`${path}.provider: expected one of ${providers.join(", ")}, got ${JSON.stringify(fo.provider)}`);
      // 0 is a real price here (AKS Free tier), so it is allowed — with its source, which is required.
      money(fo.usdPerClusterHour, `${path}.usdPerClusterHour`, true);
      str(fo, "source", path);
    });
    return o as unknown as FeeCatalog;
  });
}
