/**
 * Validators for `catalogs/storage/<provider>.json` and `catalogs/fees.json` (shapes in storage-types.ts).
 * One-line messages naming the file and the field; unknown fields rejected; prices finite and > 0,
 * except a cluster fee, which may be an explicit 0 (the AKS Free tier) with its source.
 */
import type { ClusterFee, FeeCatalog, StorageCatalog, StorageClassInfo, StoragePrice } from "./storage-types.js";

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };
class Invalid extends Error {}
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function obj(x: unknown, where: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObj(x)) throw new Invalid(`${where}: expected an object`);
  for (const k of Object.keys(x)) if (!allowed.includes(k)) throw new Invalid(`${where}.${k}: unknown field; expected one of ${allowed.join(", ")}`);
  return x;
}
function str(o: Record<string, unknown>, k: string, where: string): string {
  const v = o[k];
  if (typeof v !== "string" || v === "") throw new Invalid(`${where}.${k}: expected a non-empty string`);
  return v;
}
function money(v: unknown, where: string, allowZero = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) throw new Invalid(`${where}: expected a finite price ${allowZero ? "≥ 0" : "> 0"}`);
  return v;
}

function storagePrice(x: unknown, where: string, billing: StorageClassInfo["billing"]): StoragePrice {
  const o = obj(x, where, ["usdPerGiBMonth", "usdPerTierMonth", "source", "tierSources"]);
  const source = str(o, "source", where);
  if (billing === "per-gib-month") {
    if (o.usdPerTierMonth !== undefined) throw new Invalid(`${where}.usdPerTierMonth: not allowed for a per-gib-month class`);
    return { usdPerGiBMonth: money(o.usdPerGiBMonth, `${where}.usdPerGiBMonth`), source };
  }
  if (o.usdPerGiBMonth !== undefined) throw new Invalid(`${where}.usdPerGiBMonth: not allowed for a tiered class`);
  if (!isObj(o.usdPerTierMonth)) throw new Invalid(`${where}.usdPerTierMonth: expected an object of tier → USD per month`);
  const tiers: Record<string, number> = {};
  for (const [t, v] of Object.entries(o.usdPerTierMonth)) tiers[t] = money(v, `${where}.usdPerTierMonth.${t}`);
  if (o.tierSources !== undefined) {
    if (!isObj(o.tierSources)) throw new Invalid(`${where}.tierSources: expected an object of tier → source`);
    for (const [t, v] of Object.entries(o.tierSources)) {
      if (typeof v !== "string" || v === "") throw new Invalid(`${where}.tierSources.${t}: expected a non-empty string`);
      if (tiers[t] === undefined) throw new Invalid(`${where}.tierSources.${t}: no price for this tier`);
    }
  }
  return { usdPerTierMonth: tiers, source, ...(o.tierSources ? { tierSources: o.tierSources as Record<string, string> } : {}) };
}

/** Validate a storage catalog file. */
export function parseStorageFile(x: unknown, provider: string, file: string): Result<StorageCatalog> {
  try {
    const o = obj(x, file, ["_meta", "classes", "regions"]);
    const m = obj(o._meta, `${file} _meta`, ["provider", "formatVersion", "generator", "currency", "asOf", "sources", "notes"]);
    if (m.provider !== provider) throw new Invalid(`${file} _meta.provider: expected "${provider}"`);
    if (m.formatVersion !== 1) throw new Invalid(`${file} _meta.formatVersion: expected 1`);
    if (m.currency !== "USD") throw new Invalid(`${file} _meta.currency: expected "USD"`);
    if (!Array.isArray(o.classes)) throw new Invalid(`${file} classes: expected an array`);
    const classes = new Map<string, StorageClassInfo>();
    for (const [i, c] of o.classes.entries()) {
      const w = `${file} classes[${i}]`;
      const co = obj(c, w, ["id", "description", "billing", "tierSizesGiB", "snapshot"]);
      const billing = co.billing;
      if (billing !== "per-gib-month" && billing !== "tiered") throw new Invalid(`${w}.billing: expected per-gib-month or tiered`);
      if (billing === "tiered" && !isObj(co.tierSizesGiB)) throw new Invalid(`${w}.tierSizesGiB: expected tier → GiB for a tiered class`);
      classes.set(str(co, "id", w), co as unknown as StorageClassInfo);
    }
    if (!isObj(o.regions)) throw new Invalid(`${file} regions: expected an object`);
    for (const [region, byClass] of Object.entries(o.regions)) {
      if (!isObj(byClass)) throw new Invalid(`${file} regions.${region}: expected an object`);
      for (const [cls, p] of Object.entries(byClass)) {
        const info = classes.get(cls);
        if (!info) throw new Invalid(`${file} regions.${region}.${cls}: unknown class; expected one of ${[...classes.keys()].join(", ")}`);
        storagePrice(p, `${file} regions.${region}.${cls}`, info.billing);
      }
    }
    return { ok: true, value: o as unknown as StorageCatalog };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: `catalog ${e.message}` };
    throw e;
  }
}

/** Validate `catalogs/fees.json`. */
export function parseFeeFile(x: unknown, file: string): Result<FeeCatalog> {
  try {
    const o = obj(x, file, ["_meta", "clusterFees"]);
    obj(o._meta, `${file} _meta`, ["formatVersion", "currency", "asOf", "notes"]);
    if (!Array.isArray(o.clusterFees)) throw new Invalid(`${file} clusterFees: expected an array`);
    const fees: ClusterFee[] = o.clusterFees.map((f, i) => {
      const w = `${file} clusterFees[${i}]`;
      const fo = obj(f, w, ["id", "provider", "usdPerClusterHour", "source"]);
      const provider = fo.provider;
      if (provider !== "gcp" && provider !== "azure" && provider !== "aws") throw new Invalid(`${w}.provider: expected gcp, azure or aws`);
      return { id: str(fo, "id", w), provider, usdPerClusterHour: money(fo.usdPerClusterHour, `${w}.usdPerClusterHour`, true), source: str(fo, "source", w) };
    });
    return { ok: true, value: { ...(o as unknown as FeeCatalog), clusterFees: fees } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: `catalog ${e.message}` };
    throw e;
  }
}
