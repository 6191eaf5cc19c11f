/** fast-check generators shared by the mint's property tests (vitest and hardhat). */
import fc from "fast-check";
import { MAX_BASKET, type BasketWeight } from "../../src/mint/basket";
import { MAX_TIERS, OPEN_TIER, type Tier } from "../../src/mint/tiers";

/** Any valid basket: 1..8 tokens, weights summing to 10,000, decimals 0..18, prices 1..2^64-1. */
export const arbitraryBasket: fc.Arbitrary<BasketWeight[]> = fc
  .integer({ min: 1, max: MAX_BASKET })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: n - 1, maxLength: n - 1 }),
      fc.array(
        fc.record({
          decimals: fc.integer({ min: 0, max: 18 }),
          price: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        }),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([cuts, tokens]) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return tokens.map((t, i) => ({ ...t, weightBps: points[i + 1] - points[i] }));
  });

/** Any valid tier table: 1..MAX_TIERS rows, increasing caps, the last open, dollars 1..2^64-1. */
export const arbitraryTiers: fc.Arbitrary<Tier[]> = fc
  .uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 0, maxLength: MAX_TIERS - 1 })
  .chain((caps) =>
    fc
      .array(fc.bigInt({ min: 1n, max: OPEN_TIER }), {
        minLength: caps.length + 1,
        maxLength: caps.length + 1,
      })
      .map((dollars) =>
        [...caps.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), OPEN_TIER].map((lastOrdinal, i) => ({
          lastOrdinal,
          dollars: dollars[i],
        })),
      ),
  );
