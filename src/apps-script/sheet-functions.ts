/**
 * Google Sheets custom functions (issue 13): what the four `CCPLAN_*` functions of a `cc-plan sheet
 * --apps-script` file compute. This module is the entry of the Apps Script bundle: scripts/bundle.mjs
 * bundles it with esbuild as an ES2019 IIFE whose global is `CCPlan` (dist/apps-script/core.js), and
 * src/apps-script/script-file.ts puts that bundle, one provider's catalog for one region and the
 * top-level `@customfunction` wrappers into one file.
 *
 * Pure and self-contained: it imports src/core and src/catalog only (no Node built-in: the bundle is built
 * for `platform: "neutral"` and fails on one; .dependency-cruiser.cjs rule apps-script-pure), and reads no
 * clock, console or timer. The numbers are the library's: a request is resolved by `resolveRequest` and
 * planned by `planCluster` with `catalogPriceBook`, as `cc-plan --provider P --region R --machine T` plans
 * it (src/adapters/plan-with-files.ts; one env shape, so no solver), and envs per node are the planner's
 * (the node model's high bound, `envsPerNodeOf`).
 *
 * Cells: a value arrives as a number, string or boolean, an empty cell as "", an omitted argument as
 * undefined, a range as a 2-D array (rows of cells). Any argument may be a range; the ranges of one call
 * must have one size (a 1×1 range counts as a single cell), and the answer has that size: one answer per
 * position. An empty required argument at a position gives "" there (so the blank rows of a column stay
 * blank); an empty optional one takes its default. Bad input gives a one-line string starting "cc-plan:"
 * in that cell; nothing throws.
 */
import type { Catalogs } from "../catalog/lookup.js";
import { findMachine } from "../catalog/lookup.js";
import { catalogPriceBook } from "../catalog/price-book.js";
import type { FeeCatalog, StorageCatalog } from "../catalog/storage-types.js";
import type { Catalog, Provider } from "../catalog/types.js";
import type { PriceBook } from "../core/bill/price-book.js";
import { computeNodeModel } from "../core/node-model.js";
import type { PlanDocument, PlanOption, ProviderPlan } from "../core/planner/document.js";
import { typeModelOptions } from "../core/planner/model-options.js";
import { envsPerNodeOf } from "../core/planner/pack.js";
import { planCluster } from "../core/planner/planner.js";
import { type RawRequest, resolveRequest } from "../core/planner/request.js";
import { ofEnv, ofNode } from "../core/resources.js";

/** What a generated file embeds: one provider's catalog with one region's prices, its disk prices and the fees. */
export interface SheetData {
  readonly provider: Provider;
  readonly region: string;
  /** Machine facts of every type, with the offerings of `region` only (as `loadCatalog(provider, { regions: [region] })` reads it). */
  readonly catalog: Catalog;
  /** Disk prices of `region` only; null when the provider has no storage catalog. */
  readonly storage: StorageCatalog | null;
  readonly fees: FeeCatalog;
}

/** A cell's value as Apps Script passes it (Date for a date cell); a range is an array of rows of these. */
export type Cell = string | number | boolean | Date | null | undefined;
export type Arg = Cell | readonly (readonly Cell[])[] | readonly Cell[];
/** An answer: one value, or rows of values (a range's answers; CCPLAN_RECOMMEND's row). */
export type Answer = string | number | (string | number)[][];

/** One line a cell can show. */
class SheetError extends Error {}

/** The columns of CCPLAN_RECOMMEND's row. */
export const recommendColumns = ["machine type", "envs per node", "min nodes", "max nodes", "USD per month"] as const;

/** The four functions: name, parameters, which are optional, and what one position computes. */
interface Fn {
  readonly name: string;
  readonly params: readonly string[];
  /** Parameters that may be omitted or blank (their default applies). */
  readonly optional: readonly string[];
  /** Width of one answer (CCPLAN_RECOMMEND: a row of 5 cells). */
  readonly width: number;
  readonly one: (s: Session, v: readonly string[]) => (string | number)[];
}

/** A plan per distinct request, for the whole call (a column of peaks plans each peak once). */
class Session {
  readonly catalogs: Catalogs;
  private readonly plans = new Map<string, PlanDocument>();
  private readonly book: PriceBook;
  constructor(readonly data: SheetData) {
    this.catalogs = { [data.provider]: data.catalog };
    this.book = catalogPriceBook(this.catalogs, {
      ...(data.storage ? { storage: { [data.provider]: data.storage } } : {}),
      fees: data.fees,
    });
  }

  /** The machine type as the catalog spells it, or a one-line error. */
  machine(name: string): string {
    const found = findMachine(this.catalogs, name.trim());
    if (!found) {
      const example = this.data.catalog.machineTypes.find((m) => m.offerings.length > 0)?.name ?? this.data.catalog.machineTypes[0]?.name ?? "";
      throw new SheetError(
        `machineType "${name}": not a ${this.data.provider} machine type of this sheet's catalog; expected a name from \`cc-plan catalog list --provider ${this.data.provider}\`, e.g. ${example}`,
      );
    }
    return found.machine.name;
  }

  /** `cc-plan --provider P --region R` with these flags: the resolved request, or the resolver's message. */
  request(raw: RawRequest) {
    const r = resolveRequest({ ...raw, provider: [this.data.provider], region: [this.data.region] }, this.catalogs);
    if (!r.ok) throw new SheetError(r.error.message);
    if (r.value.shapes.length !== 1) throw new SheetError(`env: one env shape per cell, e.g. 4cpu16g`);
    return r.value;
  }

  /** The plan of this provider for the request (planned once per call). */
  plan(raw: RawRequest): ProviderPlan {
    const key = JSON.stringify(raw);
    let doc = this.plans.get(key);
    if (!doc) {
      doc = planCluster(this.request(raw), this.catalogs, { priceBook: this.book });
      this.plans.set(key, doc);
    }
    const p = doc.providers[0];
    if (!p) throw new SheetError(`no ${this.data.provider} plan`);
    return p;
  }
}

/** The plan's first error, as one line (the one about `machineType` first). */
function firstError(p: ProviderPlan, machineType?: string): string | undefined {
  const errors = p.issues.filter((i) => i.severity === "error");
  return (errors.find((i) => machineType !== undefined && i.details.machineType === machineType) ?? errors[0])?.message;
}

/** The one-pool plan on `machineType` (the plan's `named` option: what `--machine T` adds). */
function namedOption(p: ProviderPlan, machineType: string): PlanOption {
  const o = p.options.find((x) => x.kind === "named" && x.pools.length === 1 && x.pools[0]?.machineType === machineType);
  if (!o) throw new SheetError(firstError(p, machineType) ?? `no plan on ${machineType}`);
  return o;
}

function monthly(o: PlanOption): number {
  const total = o.bill.autoscaled.totalUsdPerMonth;
  if (total === null) {
    const why = o.issues.find((i) => i.severity === "error")?.message;
    throw new SheetError(`the monthly bill is incomplete${why ? `: ${why}` : " (a price is unknown)"}`);
  }
  return total;
}

/** The request fields an argument sets, when it is given ("" or omitted: the default). */
const opt = (k: keyof RawRequest, v: string | undefined): Partial<RawRequest> =>
  v === undefined || v === "" ? {} : { [k]: k === "zones" || k === "bootDisk" ? [v] : v };

export const functions: Readonly<Record<string, Fn>> = {
  CCPLAN_ENVS_PER_NODE: {
    name: "CCPLAN_ENVS_PER_NODE",
    params: ["machineType", "env", "platform", "bootDisk"],
    optional: ["platform", "bootDisk"],
    width: 1,
    one: (s, [type = "", env = "", platform, bootDisk]) => {
      const name = s.machine(type);
      // The same resolver as a plan (env, platform and boot disk checked, default platform per provider).
      const req = s.request({ peak: 1, env, machine: [name], ...opt("platform", platform), ...opt("bootDisk", bootDisk) });
      const machine = s.data.catalog.machineTypes.find((m) => m.name === name);
      const shape = req.shapes[0];
      if (!machine || !shape) throw new SheetError(`machineType "${type}": not found`);
      // The planner's node of that type (src/core/planner/model-options.ts).
      const model = computeNodeModel(machine, typeModelOptions(req, s.data.provider, name));
      return [envsPerNodeOf({ name, capacity: ofNode(model.forEnvs), costPerHour: 1 }, { name: shape.name, request: ofEnv(shape.env) })];
    },
  },
  CCPLAN_NODES: {
    name: "CCPLAN_NODES",
    params: ["peak", "env", "machineType", "platform", "bootDisk"],
    optional: ["platform", "bootDisk"],
    width: 1,
    one: (s, [peak, env, type = "", platform, bootDisk]) => {
      const name = s.machine(type);
      return [namedOption(s.plan({ peak, env, machine: [name], ...opt("platform", platform), ...opt("bootDisk", bootDisk) }), name).nodes.max];
    },
  },
  CCPLAN_MONTHLY_COST: {
    name: "CCPLAN_MONTHLY_COST",
    params: ["peak", "normal", "env", "machineType", "platform", "zones", "bootDisk"],
    optional: ["normal", "platform", "zones", "bootDisk"],
    width: 1,
    one: (s, [peak, normal, env, type = "", platform, zones, bootDisk]) => {
      const name = s.machine(type);
      const p = s.plan({
        peak,
        env,
        machine: [name],
        ...opt("normal", normal),
        ...opt("platform", platform),
        ...opt("zones", zones),
        ...opt("bootDisk", bootDisk),
      });
      return [monthly(namedOption(p, name))];
    },
  },
  CCPLAN_RECOMMEND: {
    name: "CCPLAN_RECOMMEND",
    params: ["peak", "env", "normal", "platform", "zones", "bootDisk"],
    optional: ["normal", "platform", "zones", "bootDisk"],
    width: recommendColumns.length,
    one: (s, [peak, env, normal, platform, zones, bootDisk]) => {
      const p = s.plan({ peak, env, ...opt("normal", normal), ...opt("platform", platform), ...opt("zones", zones), ...opt("bootDisk", bootDisk) });
      const o = p.recommended === null ? undefined : p.options[p.recommended];
      if (!o) throw new SheetError(firstError(p) ?? `no ${s.data.provider} plan`);
      const shape = Object.keys(o.pools[0]?.node.envsPerNode ?? {})[0] ?? "";
      const perNode = o.pools.map((x) => x.node.envsPerNode[shape] ?? 0);
      return [
        o.pools.map((x) => x.machineType).join(" + "),
        perNode.length === 1 ? (perNode[0] ?? 0) : perNode.join(" + "),
        o.nodes.min,
        o.nodes.max,
        monthly(o),
      ];
    },
  },
};

/** Flag names in the resolver's messages → the functions' argument names. */
function sheetWords(message: string): string {
  return message
    .replace(/--machine\b/g, "machineType")
    .replace(/--boot-disk\b/g, "bootDisk")
    .replace(/--(peak|normal|env|platform|zones)\b/g, "$1");
}

const oneLine = (e: unknown): string => {
  const text = e instanceof SheetError ? sheetWords(e.message) : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  return `cc-plan: ${text.split("\n")[0] ?? ""}`;
};

/** A cell's value as the text a flag would carry ("" for an empty cell). */
function text(c: Cell): string {
  if (c === undefined || c === null) return "";
  if (typeof c === "number") {
    if (!Number.isFinite(c)) throw new SheetError(`${String(c)} is not a number a cell can hold`);
    return String(c);
  }
  if (c instanceof Date)
    throw new SheetError(`a date (${Number.isNaN(c.getTime()) ? "invalid" : c.toISOString().slice(0, 10)}) is not a count, a shape or a name`);
  return String(c).trim();
}

/** Rows of cells: a range as given, a single value as 1×1 (a 1-D array, e.g. from a script, as one row). */
function grid(a: Arg): readonly (readonly Cell[])[] {
  if (!Array.isArray(a)) return [[a as Cell]];
  if (a.length > 0 && a.every((r) => Array.isArray(r))) return a as readonly (readonly Cell[])[];
  return [a as readonly Cell[]];
}

/**
 * Call function `name` with the arguments as Sheets passes them. Never throws: a missing argument or
 * ranges of different sizes give one error string for the call; bad input at a position gives an error
 * string at that position.
 */
export function callSheetFunction(data: SheetData, name: string, args: readonly Arg[]): Answer {
  try {
    const fn = functions[name];
    if (!fn) throw new SheetError(`unknown function ${name}`);
    const required = fn.params.map((p) => !fn.optional.includes(p));
    const usage = `=${fn.name}(${fn.params.map((p, i) => (required[i] ? p : `[${p}]`)).join(", ")})`;
    fn.params.forEach((p, i) => {
      if (required[i] && args[i] === undefined) throw new SheetError(`${fn.name}: ${p} is missing; expected ${usage}`);
    });
    const grids = fn.params.map((_, i) => grid(args[i]));
    const ranged = grids.filter((g) => g.length !== 1 || (g[0]?.length ?? 0) !== 1);
    const size = (g: readonly (readonly Cell[])[]): string => `${g.length}×${g[0]?.length ?? 0}`;
    const first = ranged[0];
    for (const g of ranged) {
      if (g.some((row) => row.length !== (g[0]?.length ?? 0))) throw new SheetError(`${fn.name}: a range with rows of different lengths`);
      if (first && size(g) !== size(first))
        throw new SheetError(`${fn.name}: the ranges differ in size (${size(first)} and ${size(g)}); give ranges of one size or single cells`);
    }
    const session = new Session(data);
    const at = (r: number, c: number): (string | number)[] => {
      try {
        const values = grids.map((g) => text(g.length === 1 && g[0]?.length === 1 ? g[0][0] : g[r]?.[c]));
        if (values.some((v, i) => required[i] && v === "")) return Array.from({ length: fn.width }, () => "");
        return fn.one(session, values);
      } catch (e) {
        return [oneLine(e), ...Array.from({ length: fn.width - 1 }, () => "")];
      }
    };
    if (!first) {
      const one = at(0, 0);
      return fn.width === 1 ? (one[0] ?? "") : [one];
    }
    const out: (string | number)[][] = [];
    // One row per input row; CCPLAN_RECOMMEND: one row of 5 cells per input cell, in reading order.
    for (let r = 0; r < first.length; r++) {
      if (fn.width === 1) out.push((first[r] ?? []).map((_, c) => at(r, c)[0] ?? ""));
      else for (let c = 0; c < (first[r]?.length ?? 0); c++) out.push(at(r, c));
    }
    return out;
  } catch (e) {
    return oneLine(e);
  }
}
