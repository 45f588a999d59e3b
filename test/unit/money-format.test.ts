/**
 * Money is rounded only when printed (src/core/units/money.ts, src/emit/format.ts), and a non-finite
 * amount is never printed as "$Infinity" or "$NaN" (issue 12's leftover): it is a bug, so it throws.
 */
import { describe, expect, it } from "vitest";
import { money, NotFiniteMoneyError } from "../../src/core/units/money.js";
import { usd } from "../../src/emit/format.js";

describe("money and usd", () => {
  it("round to cents as Number#toFixed does, with thousands separators", () => {
    // 12345.675 is stored as 12345.674999… (IEEE 754 double), so toFixed(2) gives .67
    expect(money(12345.675)).toBe("$12,345.67");
    expect(money(1234567.891)).toBe("$1,234,567.89");
    expect(money(0)).toBe("$0.00");
    expect(money(-1234.5)).toBe("-$1,234.50");
    expect(money(null)).toBe("n/a");
    expect(usd(0.0123)).toBe("$0.0123"); // below $0.10: 4 decimals (infracost formatPrice)
    expect(usd(1.5)).toBe("$1.50");
  });

  for (const v of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])
    it(`refuses ${String(v)}`, () => {
      expect(() => money(v)).toThrow(NotFiniteMoneyError);
      expect(() => usd(v)).toThrow(NotFiniteMoneyError);
    });
});
