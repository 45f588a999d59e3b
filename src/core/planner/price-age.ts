/**
 * How old a plan's prices are (issue 11): the date of every price the recommended plan's bill uses, and
 * its age on a given day. Pure: the caller passes today's date in (the CLI reads the clock or
 * `--today`); the core reads no clock.
 */
import type { CostLine } from "../cost.js";

/** Prices older than this many days get a warning (a catalog refresh is due). */
export const stalePriceDays = 90;

/** What a price is for, as the plan reports its date. */
export type PriceItem = "nodes" | "disks" | "fees";

export interface PriceDate {
  readonly item: PriceItem;
  /** ISO date, or `YYYY-MM` where the source gives no day. */
  readonly asOf: string;
}

const itemOf = (l: CostLine): PriceItem | undefined =>
  l.id.startsWith("compute") || l.id.startsWith("fixed:")
    ? "nodes"
    : l.id === "env-disks" || l.id === "boot-disks" || l.id.startsWith("fixed-boot-disks:") || l.id.startsWith("snapshots:")
      ? "disks"
      : l.id === "cluster-fee"
        ? "fees"
        : undefined;

const order: readonly PriceItem[] = ["nodes", "disks", "fees"];

/** Distinct (item, date) pairs of the lines that carry a date, sorted by item then date. */
export function priceDatesOf(lines: readonly CostLine[]): PriceDate[] {
  const seen = new Map<string, PriceDate>();
  for (const l of lines) {
    const item = itemOf(l);
    if (item === undefined || l.asOf === undefined) continue;
    seen.set(`${item}|${l.asOf}`, { item, asOf: l.asOf });
  }
  return [...seen.values()].sort((a, b) => order.indexOf(a.item) - order.indexOf(b.item) || (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
}

const ymd = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
/** Days since 1970-01-01 of `YYYY-MM-DD`, or of the first day of `YYYY-MM`; undefined for anything else. */
function dayNumber(date: string): number | undefined {
  const m = ymd.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** True for a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayNumber(s) !== undefined;
}

/**
 * Age in whole days, on `today`, of the oldest of `dates` (a month without a day counts from its first
 * day); undefined when there is no date or one cannot be read.
 */
export function ageInDays(dates: readonly string[], today: string): number | undefined {
  const t = dayNumber(today);
  const days = dates.map(dayNumber);
  if (t === undefined || days.length === 0 || days.some((d) => d === undefined)) return undefined;
  return t - Math.min(...(days as number[]));
}
