/**
 * Progressive "tax bracket" schedules, the shape every provider uses for reservations
 * (after Azure/karpenter-provider-azure `TaxBrackets.Calculate`, pkg/providers/instancetype/instancetype.go @352646f).
 */

/** One bracket: `rate` applies to the part of the input in [from, to). `to` undefined = no upper end. */
export interface Bracket {
  readonly from: number;
  readonly to?: number;
  readonly rate: number;
}

/**
 * Σ rate × (portion of `value` inside each bracket). The caller chooses the rounding.
 * Rates are applied with exact integer arithmetic where `rate × 10000` is an integer
 * (all published rates are whole hundredths of a percent), so no float artefacts reach floor().
 */
export function applyBrackets(value: number, brackets: readonly Bracket[]): number {
  let scaled = 0; // Σ portion × rate × 10000, an integer for integer inputs
  for (const b of brackets) {
    const top = b.to === undefined ? value : Math.min(value, b.to);
    if (top > b.from) scaled += (top - b.from) * Math.round(b.rate * 10000);
  }
  return scaled / 10000;
}
