/**
 * Raw issue-3 input (demand over time, disks, pricing, zones, autoscaler knobs, fees; see
 * demand-types.ts) → validated {@link Costing}. Pure; every rejection is one line naming the field and
 * the accepted forms.
 */
import type { Catalogs } from "../catalog/lookup.js";
import type { Provider } from "../catalog/types.js";
import { defaultNodeStartMinutes, defaultScaleDownDelayMinutes } from "./autoscaler.js";
import { providers as allProviders, clusterTierIds, defaultClusterTier, defaultStorageClass, defaultZoneCount, storageClassProviders } from "./constants.js";
import { type PricingOption, pricingOptions } from "./cost.js";
import type { Standby, Warmup, WeeklyProfile } from "./demand.js";
import type { DaySet, RawDemandAndCostInput } from "./demand-types.js";
import { type BootDisk, type BootDiskInput, bootDiskProvider, bootDiskTypes, parseBootDisk, resolveBootDisk } from "./ephemeral.js";
import { checkRawInput } from "./raw-check.js";
import type { Resolved } from "./resolved.js";
import type { EnvShape } from "./units/env-shape.js";
import { parseEnvShape } from "./units/env-shape.js";
import { parseMemory, quantityForms } from "./units/quantity.js";

export { clusterTierIds, defaultClusterTier, defaultStorageClass, defaultZoneCount, storageClassProviders };

export interface ZoneSpec {
  readonly count: number;
  /** Zone names when given (GCP `us-central1-a`; Azure logical `1`, `2`, `3`). */
  readonly names: readonly string[];
}

export interface FixedLine {
  readonly name: string;
  readonly usdPerMonth?: number;
  readonly machineType?: string;
  readonly provider?: Provider;
  readonly count?: number;
  readonly source?: string;
  /** The machines' boot disk (issue 16), priced per machine-month; absent: no boot disk line (a fixed line is what it says). */
  readonly bootDisk?: BootDisk;
}

export interface PerNodeFee {
  readonly name: string;
  readonly usdPerNodeMonth: number;
  readonly source: string;
}

/** Validated issue-3 inputs carried on the plan request. */
export interface Costing {
  readonly profile?: WeeklyProfile;
  readonly standby: readonly Standby[];
  readonly warmups: readonly Warmup[];
  /** Users (developers); envs that exist (billed disks) = users × envsPerUser. */
  readonly users?: number;
  readonly envsPerUser?: number;
  readonly diskBytes?: number;
  readonly storageClasses: Readonly<Partial<Record<Provider, string>>>;
  readonly pricing: PricingOption;
  readonly zones: Readonly<Partial<Record<Provider, ZoneSpec>>>;
  readonly minNodesFloor?: number;
  readonly scaleDownDelayMinutes: number;
  readonly nodeStartMinutes: number;
  readonly warmEnvsPerZone?: number;
  readonly startLatencyGoalSeconds?: number;
  readonly arrivalsPerMinute?: number;
  readonly clusterTiers: Readonly<Partial<Record<Provider, string>>>;
  readonly fixed: readonly FixedLine[];
  readonly perNodeFees: readonly PerNodeFee[];
  /** Boot disk of every planned pool per provider, when given (--boot-disk; issue 16). Absent: each provider's default. */
  readonly bootDisks?: Readonly<Partial<Record<Provider, BootDiskInput>>>;
  /** What images and system pods occupy on each node's ephemeral storage, bytes (--ephemeral-reserved). Absent: 0. */
  readonly ephemeralReservedBytes?: number;
  /** GKE: local SSDs (c3 `-lssd`) back ephemeral storage (--ephemeral-local-ssd). Absent: the boot disk does. */
  readonly ephemeralLocalSsd?: boolean;
}

const fail = <T>(field: string, message: string): Resolved<T> => ({ ok: false, error: { field, message } });

function num(
  field: string,
  raw: string | number,
  opts: { min: number; max: number; integer?: boolean; exclusiveMin?: boolean },
  example: string,
): Resolved<number> {
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  const value = typeof raw === "number" ? raw : /^[+]?(\d+(\.\d+)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  const kind = opts.integer ? "a whole number" : "a number";
  const range = opts.exclusiveMin ? `greater than ${opts.min} and at most ${opts.max}` : `from ${opts.min} to ${opts.max}`;
  const ok =
    Number.isFinite(value) &&
    (opts.integer ? Number.isSafeInteger(value) : true) &&
    (opts.exclusiveMin ? value > opts.min : value >= opts.min) &&
    value <= opts.max;
  return ok ? { ok: true, value } : fail(field, `${field} "${text}": expected ${kind} ${range}, e.g. ${field} ${example}`);
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/;
function minuteOfDay(field: string, raw: string): Resolved<number> {
  const m = hhmm.exec(raw.trim());
  if (!m) return fail(field, `${field} "${raw}": expected a time of day HH:MM (00:00–23:59), e.g. 08:00`);
  return { ok: true, value: Number(m[1]) * 60 + Number(m[2]) };
}
function days(field: string, raw: DaySet | undefined): Resolved<DaySet> {
  if (raw === undefined) return { ok: true, value: "all" };
  if (raw === "weekdays" || raw === "weekends" || raw === "all") return { ok: true, value: raw };
  return fail(field, `${field} "${String(raw)}": expected weekdays, weekends or all`);
}

/** Validate issue-3 inputs. `env` is the plan's env shape (warm-ups must use it in this version). */
export function resolveCosting(input: RawDemandAndCostInput, providers: readonly Provider[], catalogs: Catalogs, env: EnvShape): Resolved<Costing> {
  const checked = checkRawInput(input);
  if (!checked.ok) return checked;
  const raw = checked.value;
  let profile: WeeklyProfile | undefined;
  if (raw.profile) {
    for (const key of ["weekday", "weekend"] as const) {
      const v = raw.profile[key];
      if (!Array.isArray(v) || v.length !== 24 || !v.every((x) => Number.isSafeInteger(x) && x >= 0 && x <= 1_000_000))
        return fail("profile", `profile.${key}: expected 24 whole numbers ≥ 0 (concurrent envs for hours 00–23)`);
    }
    profile = { weekday: [...raw.profile.weekday], weekend: [...raw.profile.weekend] };
  }
  const standby: Standby[] = [];
  for (const [i, s] of (raw.standby ?? []).entries()) {
    const f = `standby[${i}]`;
    const envs = num(`${f}.envs`, s.envs, { min: 1, max: 1_000_000, integer: true }, "5");
    if (!envs.ok) return envs;
    const from = minuteOfDay(`${f}.from`, s.from);
    if (!from.ok) return from;
    const to = minuteOfDay(`${f}.to`, s.to);
    if (!to.ok) return to;
    if (from.value === to.value) return fail(`${f}.to`, `${f}: from and to are equal (${s.from}); give a window such as 08:00–18:00`);
    const d = days(`${f}.days`, s.days);
    if (!d.ok) return d;
    standby.push({ name: s.name ?? `standby ${i + 1}`, envs: envs.value, fromMinute: from.value, toMinute: to.value, days: d.value });
  }
  const warmups: Warmup[] = [];
  for (const [i, w] of (raw.warmups ?? []).entries()) {
    const f = `warmups[${i}]`;
    const envs = num(`${f}.envs`, w.envs, { min: 1, max: 1_000_000, integer: true }, "10");
    if (!envs.ok) return envs;
    const at = minuteOfDay(`${f}.at`, w.at);
    if (!at.ok) return at;
    const dur = num(`${f}.durationMinutes`, w.durationMinutes, { min: 1, max: 1440, integer: true }, "30");
    if (!dur.ok) return dur;
    const d = days(`${f}.days`, w.days);
    if (!d.ok) return d;
    if (w.env !== undefined) {
      const shape = parseEnvShape(w.env);
      if (!shape.ok) return fail(`${f}.env`, `${f}.env ${shape.reason}`);
      if (shape.value.cpuMillicores !== env.cpuMillicores || shape.value.memoryBytes !== env.memoryBytes)
        return fail(`${f}.env`, `${f}.env "${w.env}": warm-ups must use the plan's env shape in this version (mixed shapes come with the mixed-shape planner)`);
    }
    let snapshotBytes = 0;
    if (w.snapshot !== undefined) {
      const r = parseMemory(w.snapshot);
      if (!r.ok) return fail(`${f}.snapshot`, `${f}.snapshot ${r.reason}`);
      snapshotBytes = r.value;
    }
    warmups.push({ name: w.name ?? `warm-up ${i + 1}`, envs: envs.value, atMinute: at.value, durationMinutes: dur.value, days: d.value, snapshotBytes });
  }
  let users: number | undefined;
  if (raw.users !== undefined) {
    const r = num("--users", raw.users, { min: 1, max: 1_000_000, integer: true }, "20");
    if (!r.ok) return r;
    users = r.value;
  }
  let envsPerUser: number | undefined;
  if (raw.envsPerUser !== undefined) {
    const r = num("--envs-per-user", raw.envsPerUser, { min: 1, max: 1000, integer: true }, "3");
    if (!r.ok) return r;
    envsPerUser = r.value;
  }
  let diskBytes: number | undefined;
  if (raw.disk !== undefined) {
    const r = parseMemory(raw.disk);
    if (!r.ok || r.value === 0) return fail("--disk", `--disk ${r.ok ? `"${raw.disk}" must be > 0` : r.reason}; e.g. --disk 100Gi`);
    diskBytes = r.value;
  }
  const storageClasses: Partial<Record<Provider, string>> = {};
  for (const c of (raw.storageClass ?? [])
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter(Boolean)) {
    const owner = storageClassProviders[c];
    if (!owner) return fail("--storage-class", `--storage-class "${c}": expected one of ${Object.keys(storageClassProviders).join(", ")}`);
    if (storageClasses[owner] !== undefined) return fail("--storage-class", `--storage-class: two classes given for ${owner} (${storageClasses[owner]}, ${c})`);
    storageClasses[owner] = c;
  }
  for (const p of providers) {
    const d = defaultStorageClass[p];
    if (storageClasses[p] === undefined && d !== undefined) storageClasses[p] = d;
  }
  let pricing: PricingOption = "on-demand";
  if (raw.pricing !== undefined) {
    if (!(pricingOptions as readonly string[]).includes(raw.pricing))
      return fail("--pricing", `--pricing "${raw.pricing}": expected one of ${pricingOptions.join(", ")}`);
    pricing = raw.pricing as PricingOption;
  }
  const zones: Partial<Record<Provider, ZoneSpec>> = {};
  for (const z of (raw.zones ?? []).map((x) => x.trim()).filter(Boolean)) {
    if (/^\d+$/.test(z)) {
      const n = num("--zones", z, { min: 1, max: 10, integer: true }, "3");
      if (!n.ok) return n;
      for (const p of providers) {
        // Azure availability zones are logical numbers 1–3 in every region that has them.
        if (p === "azure" && n.value > 3) return fail("--zones", `--zones ${n.value}: Azure regions have at most 3 availability zones (1, 2, 3)`);
        zones[p] ??= { count: n.value, names: p === "azure" ? Array.from({ length: n.value }, (_, i) => String(i + 1)) : [] };
      }
      continue;
    }
    const names = z
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
    const expected = `expected a zone count (3) or zone names: GCP us-central1-a,us-central1-b; Azure 1,2,3`;
    let owner: Provider | undefined;
    if (names.every((n) => /^[1-9]$/.test(n))) owner = "azure";
    else {
      const gcpRegions = catalogs.gcp?.regions ?? [];
      if (names.every((n) => gcpRegions.some((r) => n.startsWith(`${r}-`) && /^[a-z]$/.test(n.slice(r.length + 1))))) owner = "gcp";
    }
    if (!owner || !providers.includes(owner)) return fail("--zones", `--zones "${z}": ${expected}`);
    if (new Set(names).size !== names.length) return fail("--zones", `--zones "${z}": a zone is listed twice`);
    zones[owner] = { count: names.length, names };
  }
  for (const p of providers) zones[p] ??= { count: p === "azure" ? defaultZoneCount : defaultZoneCount, names: p === "azure" ? ["1", "2", "3"] : [] };

  const opt = (field: string, v: string | number | undefined, o: Parameters<typeof num>[2], ex: string): Resolved<number | undefined> =>
    v === undefined ? { ok: true, value: undefined } : num(field, v, o, ex);
  const minNodes = opt("--min-nodes", raw.minNodes, { min: 0, max: 100_000, integer: true }, "3");
  if (!minNodes.ok) return minNodes;
  const delay = opt("scaleDownDelayMinutes", raw.scaleDownDelayMinutes, { min: 0, max: 1440, integer: true }, "10");
  if (!delay.ok) return delay;
  const start = opt("nodeStartMinutes", raw.nodeStartMinutes, { min: 0, max: 60 }, "3");
  if (!start.ok) return start;
  const warm = opt("warmEnvsPerZone", raw.warmEnvsPerZone, { min: 0, max: 100_000, integer: true }, "4");
  if (!warm.ok) return warm;
  const goal = opt("startLatencyGoalSeconds", raw.startLatencyGoalSeconds, { min: 0, max: 3600 }, "30");
  if (!goal.ok) return goal;
  const rate = opt("arrivalsPerMinute", raw.arrivalsPerMinute, { min: 0, max: 100_000 }, "2");
  if (!rate.ok) return rate;

  const clusterTiers: Partial<Record<Provider, string>> = {};
  let noneGiven = false;
  for (const t of (raw.clusterTier ?? [])
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(clusterTierIds as readonly string[]).includes(t)) return fail("clusterTier", `cluster tier "${t}": expected one of ${clusterTierIds.join(", ")}`);
    const owner: Provider | undefined = t.startsWith("gke") ? "gcp" : t.startsWith("aks") ? "azure" : t.startsWith("eks") ? "aws" : undefined;
    if (owner) clusterTiers[owner] = t;
    else noneGiven = true;
  }
  // `none` (no management fee line) applies to every provider not given a tier by name, in any order.
  for (const p of providers) clusterTiers[p] ??= noneGiven ? "none" : defaultClusterTier[p];

  const fixed: FixedLine[] = [];
  for (const [i, f] of (raw.fixed ?? []).entries()) {
    const field = `fixed[${i}]`;
    if (f.usdPerMonth !== undefined) {
      const v = num(`${field}.usdPerMonth`, f.usdPerMonth, { min: 0, max: 1e9 }, "120");
      if (!v.ok) return v;
      if (!f.source) return fail(`${field}.source`, `${field}: usdPerMonth needs a source (where the number comes from)`);
      fixed.push({ name: f.name, usdPerMonth: v.value, source: f.source });
    } else if (f.machineType !== undefined) {
      const found = allProviders.find((p) => catalogs[p]?.machineTypes.some((m) => m.name === f.machineType));
      if (!found)
        return fail(`${field}.machineType`, `${field}.machineType "${f.machineType}": unknown machine type; expected a name from \`cc-plan catalog list\``);
      const c = num(`${field}.count`, f.count ?? 1, { min: 1, max: 100_000, integer: true }, "4");
      if (!c.ok) return c;
      let bootDisk: BootDisk | undefined;
      if (f.bootDisk !== undefined) {
        const b = parseBootDisk(f.bootDisk);
        if (!b.ok) return fail(`${field}.bootDisk`, `${field}.bootDisk ${b.reason}`);
        const owner = bootDiskProvider(b.value);
        if (owner !== undefined && owner !== found)
          return fail(
            `${field}.bootDisk`,
            `${field}.bootDisk "${f.bootDisk}" is a disk type of ${owner} but ${f.machineType} is a machine of ${found}; expected one of ${bootDiskTypes[found].join(", ")}`,
          );
        const machine = catalogs[found]?.machineTypes.find((m) => m.name === f.machineType);
        if (machine) bootDisk = resolveBootDisk(found, machine, b.value);
      }
      fixed.push({
        name: f.name,
        machineType: f.machineType,
        provider: found,
        count: c.value,
        ...(f.source ? { source: f.source } : {}),
        ...(bootDisk ? { bootDisk } : {}),
      });
    } else return fail(field, `${field} "${f.name}": give usdPerMonth with a source, or machineType and count`);
  }
  const bootDisks: Partial<Record<Provider, BootDiskInput>> = {};
  let firstDisk: { text: string; type: string; owner: Provider } | undefined;
  for (const t of (raw.bootDisk ?? []).map((x) => x.trim()).filter(Boolean)) {
    const b = parseBootDisk(t);
    if (!b.ok) return fail("--boot-disk", `--boot-disk ${b.reason}`);
    const owner = bootDiskProvider(b.value);
    if (owner !== undefined && b.value.type !== undefined) firstDisk ??= { text: t, type: b.value.type, owner };
    for (const p of owner === undefined ? allProviders : [owner]) {
      const had = bootDisks[p];
      if (had !== undefined && owner !== undefined && had.type !== undefined)
        return fail("--boot-disk", `--boot-disk "${t}": a boot disk for ${p} is given twice; give one per provider`);
      bootDisks[p] = { ...(had ?? {}), ...b.value };
    }
  }
  // A list may hold one disk per provider (a scenario for several); a list none of which reaches a planned
  // provider (only other providers' types) is a mistake, not something to drop without a word.
  if (firstDisk !== undefined && !providers.some((p) => bootDisks[p] !== undefined))
    return fail(
      "--boot-disk",
      `--boot-disk "${firstDisk.text}": ${firstDisk.type} is a disk type of ${firstDisk.owner}, but this plan is for ${providers.join(", ")}; expected [<type>:]<size> with a type of ${providers.map((p) => `${p} (${bootDiskTypes[p].join(", ")})`).join(" or ")}, or a size alone`,
    );
  let ephemeralReservedBytes: number | undefined;
  if (raw.ephemeralReserved !== undefined) {
    const r = parseMemory(raw.ephemeralReserved);
    if (!r.ok) return fail("--ephemeral-reserved", `--ephemeral-reserved "${raw.ephemeralReserved}": expected a size such as 20Gi (${quantityForms})`);
    ephemeralReservedBytes = r.value;
  }
  const perNodeFees: PerNodeFee[] = [];
  for (const [i, f] of (raw.perNodeFees ?? []).entries()) {
    const v = num(`perNodeFees[${i}].usdPerNodeMonth`, f.usdPerNodeMonth, { min: 0, max: 1e6 }, "15");
    if (!v.ok) return v;
    if (!f.source) return fail(`perNodeFees[${i}].source`, `perNodeFees[${i}]: usdPerNodeMonth needs a source`);
    perNodeFees.push({ name: f.name, usdPerNodeMonth: v.value, source: f.source });
  }
  return {
    ok: true,
    value: {
      ...(profile ? { profile } : {}),
      standby,
      warmups,
      ...(users === undefined ? {} : { users }),
      ...(envsPerUser === undefined ? {} : { envsPerUser }),
      ...(diskBytes === undefined ? {} : { diskBytes }),
      storageClasses,
      pricing,
      zones,
      ...(minNodes.value === undefined ? {} : { minNodesFloor: minNodes.value }),
      scaleDownDelayMinutes: delay.value ?? defaultScaleDownDelayMinutes,
      nodeStartMinutes: start.value ?? defaultNodeStartMinutes,
      ...(warm.value === undefined ? {} : { warmEnvsPerZone: warm.value }),
      ...(goal.value === undefined ? {} : { startLatencyGoalSeconds: goal.value }),
      ...(rate.value === undefined ? {} : { arrivalsPerMinute: rate.value }),
      clusterTiers,
      fixed,
      perNodeFees,
      ...(Object.keys(bootDisks).length === 0 ? {} : { bootDisks }),
      ...(ephemeralReservedBytes === undefined ? {} : { ephemeralReservedBytes }),
      ...(raw.ephemeralLocalSsd === true ? { ephemeralLocalSsd: true } : {}),
    },
  };
}

/** Costing when the caller gives none (library use): the defaults of {@link resolveCosting} with no extra input. */
export function defaultCosting(providers: readonly Provider[]): Costing {
  const zones: Partial<Record<Provider, ZoneSpec>> = {};
  const storageClasses: Partial<Record<Provider, string>> = {};
  const clusterTiers: Partial<Record<Provider, string>> = {};
  for (const p of providers) {
    zones[p] = { count: defaultZoneCount, names: p === "azure" ? ["1", "2", "3"] : [] };
    const d = defaultStorageClass[p];
    if (d !== undefined) storageClasses[p] = d;
    clusterTiers[p] = defaultClusterTier[p];
  }
  return {
    standby: [],
    warmups: [],
    storageClasses,
    pricing: "on-demand",
    zones,
    scaleDownDelayMinutes: defaultScaleDownDelayMinutes,
    nodeStartMinutes: defaultNodeStartMinutes,
    clusterTiers,
    fixed: [],
    perNodeFees: [],
  };
}
