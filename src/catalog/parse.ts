/**
 * Catalog files (machines file and per-region price files) → typed data, validated field by field. Every rejection names the file,
 * the JSON path and what was expected, in one line (bad catalogs are bad input, not bugs).
 */
import { implausiblePrice } from "./plausible.js";
import type { CatalogMachinesFile, CatalogMachineType, CatalogMeta, CatalogPriceFile, Offering, Provider } from "./types.js";

class Bad extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function str(o: Record<string, unknown>, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== "string" || v === "") throw new Bad(`${path}.${k}: expected a non-empty string`);
  return v;
}
function num(o: Record<string, unknown>, k: string, path: string, opts: { integer?: boolean; positive?: boolean } = {}): number {
  const v = o[k];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Bad(`${path}.${k}: expected a finite number`);
  if (opts.integer && !Number.isSafeInteger(v)) throw new Bad(`${path}.${k}: expected an integer, got ${v}`);
  if (opts.positive && v <= 0) throw new Bad(`${path}.${k}: expected a number > 0, got ${v}`);
  return v;
}
function optPrice(o: Record<string, unknown>, k: string, path: string): number | undefined {
  if (o[k] === undefined) return undefined;
  // A price of 0 would mean "free", which no VM is: upstream gaps must be absent fields, never 0.
  const v = num(o, k, path, { positive: true });
  // Issue 12: 1e306 $/h printed $Infinity.00 and 1e-12 $/h $0.00 lines: a price outside its unit's
  // plausible range is a broken catalog (src/catalog/plausible.ts).
  const bad = implausiblePrice(v, k.endsWith("PerHour") ? "hour" : "month");
  if (bad) throw new Bad(`${path}.${k}: ${bad}`);
  return v;
}

const priceKeys = ["onDemandUsdPerHour", "spotUsdPerHour", "sustainedUseUsdPerMonth", "commit1yUsdPerMonth", "commit3yUsdPerMonth"] as const;
/** Price dates and the price each dates. */
const dateKeys = [
  ["onDemandAsOf", "onDemandUsdPerHour"],
  ["spotAsOf", "spotUsdPerHour"],
] as const;
const offeringKeys = new Set<string>([...priceKeys, "region", "priceSuspect", ...dateKeys.map(([k]) => k)]);
const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks an offering in place (no copy: catalogs hold thousands and are read on every run). */
function checkOffering(v: unknown, path: string): Offering {
  if (!isObj(v)) throw new Bad(`${path}: expected an object`);
  str(v, "region", path);
  for (const k of priceKeys) optPrice(v, k, path);
  if (v.priceSuspect !== undefined) str(v, "priceSuspect", path);
  for (const [k, priced] of dateKeys) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== "string" || !isoDate.test(v[k])) throw new Bad(`${path}.${k}: expected a date YYYY-MM-DD, got ${JSON.stringify(v[k])}`);
    if (v[priced] === undefined) throw new Bad(`${path}.${k}: dates ${priced}, which is absent`);
  }
  for (const k in v) if (!offeringKeys.has(k)) throw new Bad(`${path}.${k}: unknown field; expected one of ${[...offeringKeys].join(", ")}`);
  return v as unknown as Offering;
}

type MachineFacts = Omit<CatalogMachineType, "offerings">;

function parseMachine(v: unknown, path: string): MachineFacts {
  if (!isObj(v)) throw new Bad(`${path}: expected an object`);
  for (const k of ["sharedCore", "burstable"]) if (typeof v[k] !== "boolean") throw new Bad(`${path}.${k}: expected true or false`);
  return {
    name: str(v, "name", path),
    family: str(v, "family", path),
    vcpus: num(v, "vcpus", path, { integer: true, positive: true }),
    memoryMiB: num(v, "memoryMiB", path, { integer: true, positive: true }),
    sharedCore: v.sharedCore as boolean,
    burstable: v.burstable as boolean,
    ...(v.avoid === undefined ? {} : { avoid: str(v, "avoid", path) }),
    volumeAttachLimit: num(v, "volumeAttachLimit", path, { integer: true, positive: true }),
    volumeAttachLimitSource: str(v, "volumeAttachLimitSource", path),
    ...(v.defaultMaxPods === undefined ? {} : { defaultMaxPods: num(v, "defaultMaxPods", path, { integer: true, positive: true }) }),
  };
}

function wrap<T>(file: string, f: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, reason: `catalog ${file}: ${e.message}` };
    throw e;
  }
}

/** Validate `catalogs/<provider>.json` (machine facts and region list). */
export function parseMachinesFile(json: unknown, expected: Provider, file: string): { ok: true; value: CatalogMachinesFile } | { ok: false; reason: string } {
  return wrap(file, () => {
    if (!isObj(json)) throw new Bad("expected a JSON object");
    const meta = json._meta;
    if (!isObj(meta)) throw new Bad("_meta: expected an object with provenance");
    if (meta.provider !== expected) throw new Bad(`_meta.provider: expected "${expected}", got ${JSON.stringify(meta.provider)}`);
    if (meta.formatVersion !== 1) throw new Bad(`_meta.formatVersion: expected 1, got ${JSON.stringify(meta.formatVersion)}`);
    if (meta.currency !== "USD") throw new Bad(`_meta.currency: expected "USD", got ${JSON.stringify(meta.currency)}`);
    str(meta, "asOf", "_meta");
    if (!Array.isArray(meta.sources) || meta.sources.length === 0) throw new Bad("_meta.sources: expected a non-empty array");
    const regions = json.regions;
    if (!Array.isArray(regions) || !regions.every((r) => typeof r === "string" && /^[a-z0-9-]+$/.test(r)))
      throw new Bad("regions: expected an array of region names (lower-case letters, digits, dashes)");
    const mts = json.machineTypes;
    if (!Array.isArray(mts)) throw new Bad("machineTypes: expected an array");
    const machineTypes = mts.map((m, i) => parseMachine(m, `machineTypes[${i}]`));
    const seen = new Set<string>();
    for (const m of machineTypes) {
      if (seen.has(m.name)) throw new Bad(`machineTypes: duplicate name ${m.name}`);
      seen.add(m.name);
    }
    return { _meta: meta as unknown as CatalogMeta, regions: regions as string[], machineTypes };
  });
}

/** Validate `catalogs/prices/<provider>/<region>.json` against the machine types it prices. */
export function parsePriceFile(
  json: unknown,
  expected: { provider: Provider; region: string; machineNames: ReadonlySet<string> },
  file: string,
): { ok: true; value: CatalogPriceFile } | { ok: false; reason: string } {
  return wrap(file, () => {
    if (!isObj(json)) throw new Bad("expected a JSON object");
    const meta = json._meta;
    if (!isObj(meta)) throw new Bad("_meta: expected an object");
    if (meta.provider !== expected.provider) throw new Bad(`_meta.provider: expected "${expected.provider}"`);
    if (meta.region !== expected.region) throw new Bad(`_meta.region: expected "${expected.region}", got ${JSON.stringify(meta.region)}`);
    if (meta.currency !== "USD") throw new Bad(`_meta.currency: expected "USD", got ${JSON.stringify(meta.currency)}`);
    if (typeof meta.asOf !== "string" || !isoDate.test(meta.asOf)) throw new Bad(`_meta.asOf: expected a date YYYY-MM-DD, got ${JSON.stringify(meta.asOf)}`);
    const offerings = json.offerings;
    if (!isObj(offerings)) throw new Bad("offerings: expected an object keyed by machine type");
    for (const [name, o] of Object.entries(offerings)) {
      if (!expected.machineNames.has(name)) throw new Bad(`offerings.${name}: not a machine type of the ${expected.provider} catalog`);
      checkOffering({ ...(o as object), region: expected.region }, `offerings.${name}`);
    }
    return json as unknown as CatalogPriceFile;
  });
}
