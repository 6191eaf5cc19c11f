/**
 * The basket rule (SPEC §1): how a tier's dollars are paid in testnet tokens, with integer math.
 * Token i pays floor(dollars · weightBps · 10^decimals · PRICE_SCALE / (BPS · price)) smallest
 * units, exactly as TieredMint computes it. Rounding down means the basket is never worth more
 * than the tier's dollars at reference prices, and falls short by less than one smallest unit per
 * token.
 */

/** Reference prices are US dollars per whole token scaled by 1e8 ($1 = 100,000,000). */
export const PRICE_SCALE = 10n ** 8n;

/** Weights are basis points of the tier's dollars and sum to this. */
export const BPS = 10_000n;

/** The largest basket the contract accepts. */
export const MAX_BASKET = 8;

/** The most decimals a basket token may have. */
export const MAX_DECIMALS = 18;

/** Values returned by `basketValue`/`unitValue` are US dollars scaled by this (exact integers). */
export const VALUE_SCALE = 10n ** BigInt(MAX_DECIMALS) * PRICE_SCALE;

/** What the rule needs of a basket token. */
export interface BasketWeight {
  readonly weightBps: number;
  readonly decimals: number;
  /** US dollars per whole token, scaled by PRICE_SCALE. */
  readonly price: bigint;
}

/**
 * Throws (one line, naming the entry) unless the basket is what the contract accepts: 1 to
 * MAX_BASKET entries, weights in 1..65,535 summing to BPS, decimals in 0..18, prices in 1..2^64-1.
 */
export function validateBasket(basket: readonly BasketWeight[]): void {
  if (basket.length === 0 || basket.length > MAX_BASKET) {
    throw new Error(`the basket needs 1 to ${MAX_BASKET} tokens, not ${basket.length}`);
  }
  let sum = 0n;
  basket.forEach((entry, i) => {
    if (!Number.isInteger(entry.weightBps) || entry.weightBps < 1 || entry.weightBps > 65_535) {
      throw new Error(`basket token ${i}: weight must be a positive number of basis points`);
    }
    if (!Number.isInteger(entry.decimals) || entry.decimals < 0 || entry.decimals > MAX_DECIMALS) {
      throw new Error(
        `basket token ${i}: decimals must be 0 to ${MAX_DECIMALS}, not ${entry.decimals}`,
      );
    }
    if (entry.price <= 0n || entry.price >= 2n ** 64n) {
      throw new Error(`basket token ${i}: price must be between 1 and 2^64-1 (scaled by 1e8)`);
    }
    sum += BigInt(entry.weightBps);
  });
  if (sum !== BPS) throw new Error(`basket weights must sum to ${BPS} basis points, not ${sum}`);
}

/** The smallest units of each token paid for `dollars`, in basket order. */
export function basketAmounts(dollars: bigint, basket: readonly BasketWeight[]): bigint[] {
  return basket.map(
    (t) =>
      (dollars * BigInt(t.weightBps) * 10n ** BigInt(t.decimals) * PRICE_SCALE) / (BPS * t.price),
  );
}

/** The value of one smallest unit of `token`, in dollars scaled by VALUE_SCALE. */
export function unitValue(token: BasketWeight): bigint {
  return token.price * 10n ** BigInt(MAX_DECIMALS - token.decimals);
}

/** The value of `amounts` at reference prices, in dollars scaled by VALUE_SCALE (exact). */
export function basketValue(amounts: readonly bigint[], basket: readonly BasketWeight[]): bigint {
  return basket.reduce((sum, token, i) => sum + amounts[i] * unitValue(token), 0n);
}
