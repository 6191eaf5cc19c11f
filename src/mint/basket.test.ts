import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basketAmounts,
  basketValue,
  BPS,
  PRICE_SCALE,
  unitValue,
  validateBasket,
  VALUE_SCALE,
  type BasketWeight,
} from "./basket";
import { SEASON1_BASKET } from "./season1";
import { arbitraryBasket } from "../../test/mint/arbitraries";

describe("basketAmounts", () => {
  it("pays the Season 1 basket of $10,000 and $200", () => {
    expect(basketAmounts(10_000n, SEASON1_BASKET)).toEqual([
      3_000n * 10n ** 6n, // $3,000 of tUSDC
      2_000n * 10n ** 6n, // $2,000 of tUSDT
      666_666_666_666_666_666n, // $2,000 of tWETH at $3,000, rounded down
      2_500_000n, // $1,500 of tWBTC at $60,000 = 0.025 BTC
      375n * 10n ** 17n, // $1,500 of tMETIS at $40 = 37.5 METIS
    ]);
    expect(basketAmounts(200n, SEASON1_BASKET)).toEqual([
      60_000_000n,
      40_000_000n,
      13_333_333_333_333_333n,
      50_000n,
      750_000_000_000_000_000n,
    ]);
  });

  it("is worth the tier's dollars to within one smallest unit per token, never more", () => {
    fc.assert(
      fc.property(
        arbitraryBasket,
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        (basket, dollars) => {
          validateBasket(basket);
          const amounts = basketAmounts(dollars, basket);
          const target = dollars * VALUE_SCALE;
          const value = basketValue(amounts, basket);
          const tolerance = basket.reduce((sum, t) => sum + unitValue(t), 0n);
          expect(value <= target).toBe(true);
          expect(target - value < tolerance).toBe(true);
          // and per token: each share is short by less than one of its units
          basket.forEach((t, i) => {
            const share = (dollars * VALUE_SCALE * BigInt(t.weightBps)) / BPS;
            const worth = amounts[i] * unitValue(t);
            expect(worth <= share && share - worth < unitValue(t)).toBe(true);
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("values one unit at its reference price", () => {
    // one tUSDC unit = $0.000001 = 1e-6 * VALUE_SCALE
    expect(unitValue(SEASON1_BASKET[0])).toBe(VALUE_SCALE / 10n ** 6n);
    expect(unitValue({ weightBps: 1, decimals: 0, price: 5n * PRICE_SCALE })).toBe(
      5n * VALUE_SCALE,
    );
  });
});

describe("validateBasket", () => {
  const good: BasketWeight = { weightBps: 10_000, decimals: 18, price: PRICE_SCALE };
  it("accepts the Season 1 basket", () => {
    expect(() => validateBasket(SEASON1_BASKET)).not.toThrow();
  });
  it("refuses each broken rule, naming it", () => {
    expect(() => validateBasket([])).toThrow("1 to 8 tokens, not 0");
    expect(() => validateBasket(Array(9).fill({ ...good, weightBps: 1 }))).toThrow("not 9");
    expect(() => validateBasket([{ ...good, weightBps: 0 }])).toThrow("basket token 0: weight");
    expect(() => validateBasket([{ ...good, weightBps: 1.5 }])).toThrow("weight");
    expect(() => validateBasket([{ ...good, weightBps: 65_536 }])).toThrow("weight");
    expect(() => validateBasket([{ ...good, decimals: 19 }])).toThrow(
      "decimals must be 0 to 18, not 19",
    );
    expect(() => validateBasket([{ ...good, price: 0n }])).toThrow("price");
    expect(() => validateBasket([{ ...good, price: 2n ** 64n }])).toThrow("price");
    expect(() => validateBasket([{ ...good, weightBps: 9_999 }])).toThrow(
      "sum to 10000 basis points, not 9999",
    );
  });
});
