/**
 * USD as people read it in a sentence: cents and thousands separators, "$12,345.67" (no Intl, so the
 * output is the same everywhere). Used where the core writes a message (the recommendation's reason);
 * renderers use it through src/emit/format.ts. Money is rounded only here, when printed.
 */
export const money = (v: number | null): string => {
  if (v === null) return "n/a";
  if (!Number.isFinite(v)) throw new NotFiniteMoneyError(v);
  const [whole = "0", cents = "00"] = Math.abs(v).toFixed(2).split(".");
  return `${v < 0 ? "-" : ""}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
};

/**
 * A bill that is not a finite number is a bug upstream (prices are range-checked where they enter:
 * src/catalog/plausible.ts). It is never printed as "$Infinity" or "$NaN": the CLI reports an internal error.
 */
export class NotFiniteMoneyError extends Error {
  constructor(v: number) {
    super(`an amount of money is not a finite number (${String(v)})`);
  }
}
