/**
 * Kubernetes quantity notation → exact integers.
 *
 * Grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go): a signed decimal number, optionally
 * with a decimal exponent (`1e3`, `1E3`), followed by at most one suffix: binary `Ki Mi Gi Ti Pi Ei`
 * (powers of 1024), decimal `k M G T P E` (powers of 1000) or `m` (1/1000). Negative values are
 * rejected here: no resource in a plan can be negative.
 *
 * Parsing is exact (BigInt on the decimal digits), so `1.5G` is 1 500 000 000 bytes and
 * `16380004Ki` is 16 773 124 096 bytes with no float rounding. A value that is not a whole number
 * of the target unit rounds **up** (Kubernetes rounds sub-milli CPU and sub-byte memory up; requests
 * and reservations round up, "better to reserve more").
 */

import { describeValue } from "../raw-check.js";
import { type Bytes, bytes, type Millicores, millicores } from "./brands.js";

const pattern = /^([+]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/;

/** Multiplier of each suffix as a rational `num/den`. */
const suffixes: Record<string, readonly [bigint, bigint]> = {
  "": [1n, 1n],
  m: [1n, 1000n],
  k: [10n ** 3n, 1n],
  M: [10n ** 6n, 1n],
  G: [10n ** 9n, 1n],
  T: [10n ** 12n, 1n],
  P: [10n ** 15n, 1n],
  E: [10n ** 18n, 1n],
  Ki: [1n << 10n, 1n],
  Mi: [1n << 20n, 1n],
  Gi: [1n << 30n, 1n],
  Ti: [1n << 40n, 1n],
  Pi: [1n << 50n, 1n],
  Ei: [1n << 60n, 1n],
};

/** Accepted forms, shown in every error message about a quantity. */
export const quantityForms = "a Kubernetes quantity such as 500m, 2, 1.5, 16Gi, 16380004Ki, 1.5G";

/** Result of a parse: a value or a one-line reason (house style: user mistakes never throw). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The reason for a value that is not text at all (a library caller's number, list or object): parsers never throw on it. */
export const notText = (v: unknown, forms: string): { ok: false; reason: string } => ({
  ok: false,
  reason: `${describeValue(v)} is not text; expected ${forms}`,
});

/**
 * Parse a quantity and scale it to an integer number of units, rounding up.
 * @param text - the quantity text
 * @param scale - units per 1 of the quantity (1000 for millicores, 1 for bytes)
 */
function parseScaled(text: string, scale: bigint): ParseResult<number> {
  if (typeof text !== "string") return notText(text, quantityForms);
  const m = pattern.exec(text.trim());
  if (!m) return { ok: false, reason: `"${text}" is not ${quantityForms}` };
  const [, , numberText = "", expText, suffix = ""] = m;
  const [intPart = "", fracPart = ""] = numberText.split(".");
  const digits = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, "") || "0");
  const exp = BigInt(expText ?? "0") - BigInt(fracPart.length);
  if (exp > 40n || exp < -40n) return { ok: false, reason: `"${text}" is out of range` };
  const [sNum, sDen] = suffixes[suffix] ?? [1n, 1n];
  let num = digits * sNum * scale;
  let den = sDen;
  if (exp >= 0n) num *= 10n ** exp;
  else den *= 10n ** -exp;
  const value = (num + den - 1n) / den; // ceiling division (num ≥ 0)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `"${text}" is too large` };
  return { ok: true, value: Number(value) };
}

/** Parse a CPU quantity (`500m`, `2`, `1.5`) into millicores, rounding up. */
export function parseCpu(text: string): ParseResult<Millicores> {
  const r = parseScaled(text, 1000n);
  return r.ok ? { ok: true, value: millicores(r.value) } : r;
}

/** Parse a memory quantity (`16Gi`, `16380004Ki`, `1.5G`) into bytes, rounding up. */
export function parseMemory(text: string): ParseResult<Bytes> {
  const r = parseScaled(text, 1n);
  return r.ok ? { ok: true, value: bytes(r.value) } : r;
}

/** Parse a plain count (max pods, peak envs): a non-negative integer in plain decimal notation. */
export function parseCount(text: string): ParseResult<number> {
  if (typeof text !== "string") return notText(text, "a whole number");
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, reason: `"${text}" is not a whole number` };
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return { ok: false, reason: `"${text}" is too large` };
  return { ok: true, value: n };
}
