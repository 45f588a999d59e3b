/**
 * All rounding for display lives here (money and quantities are never rounded in the core).
 */
/** A low/high pair where the platform is a range (flat), else a single number. */
export type MaybeRange = number | { readonly low: number; readonly high: number };

/** Millicores → "3.92" vCPU (up to 3 decimals, trailing zeros dropped). */
export const vcpu = (m: number): string => String(Math.round(m) / 1000);
/** Bytes → GiB with 2 decimals. */
export const gib = (b: number): string => (b / 1024 ** 3).toFixed(2);
/** Bytes → whole Ki, as kubectl prints memory. */
export const ki = (b: number): string => `${Math.floor(b / 1024)}Ki`;
/** USD → "$1.55" (cents); below $0.10 keep 4 decimals so small prices stay visible (infracost formatPrice). */
export const usd = (v: number | null): string => {
  if (v === null) return "n/a";
  if (!Number.isFinite(v)) throw new NotFiniteMoneyError(v);
  return v < 0.1 && v > 0 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
};
/** A value or a low–high range, formatted. */
export const ranged = (v: MaybeRange, f: (x: number) => string): string =>
  typeof v === "number" ? f(v) : f(v.low) === f(v.high) ? f(v.high) : `${f(v.low)}–${f(v.high)}`;

/** USD with cents and thousands separators, "$12,345.67" (defined with the core's messages). */
export { money } from "../core/units/money.js";

import { NotFiniteMoneyError } from "../core/units/money.js";

/** cli-table3 borders in plain ASCII (for pipes and tests). */
export const asciiChars = {
  top: "-",
  "top-mid": "+",
  "top-left": "+",
  "top-right": "+",
  bottom: "-",
  "bottom-mid": "+",
  "bottom-left": "+",
  "bottom-right": "+",
  left: "|",
  "left-mid": "+",
  mid: "-",
  "mid-mid": "+",
  right: "|",
  "right-mid": "+",
  middle: "|",
};

/**
 * The per-zone reading of a pool's total bounds: "(= per zone: …)" when the totals are the per-zone
 * bounds × zones; otherwise the zones' shares differ (a plan may put a pool's nodes in some zones only),
 * and the comment says the per-zone figures are an upper reading.
 */
export function perZoneNote(
  s: {
    readonly zones: number;
    readonly autoscaler: { readonly minNodes: number; readonly maxNodes: number; readonly perZone: { readonly min: number; readonly max: number } };
  },
  text: string,
): string {
  const a = s.autoscaler;
  return a.perZone.min * s.zones === a.minNodes && a.perZone.max * s.zones === a.maxNodes
    ? `(= per zone: ${text})`
    : `(zones differ; at most per zone: ${text})`;
}
