/**
 * The mint's tier table (SPEC §1): which dollar amount an ordinal receives. Mirrors TieredMint's
 * validation and lookup exactly; the contract is the source of truth, this is its off-chain twin.
 */

/** The last ordinal of the final, open tier (`type(uint64).max` on-chain). */
export const OPEN_TIER = 2n ** 64n - 1n;

/** The largest tier table the contract accepts. */
export const MAX_TIERS = 16;

/** One row: ordinals up to `lastOrdinal` (inclusive) that are past the previous row get `dollars`. */
export interface Tier {
  readonly lastOrdinal: bigint;
  /** Whole US dollars. */
  readonly dollars: bigint;
}

/**
 * Throws (one line, naming the row) unless the table is what the contract accepts: 1 to MAX_TIERS
 * rows, strictly increasing last ordinals starting at >= 1, non-zero dollars below 2^64, the final
 * row open.
 */
export function validateTiers(tiers: readonly Tier[]): void {
  if (tiers.length === 0 || tiers.length > MAX_TIERS) {
    throw new Error(`the tier table needs 1 to ${MAX_TIERS} rows, not ${tiers.length}`);
  }
  let previous = 0n;
  tiers.forEach((tier, i) => {
    if (tier.lastOrdinal <= previous || tier.lastOrdinal > OPEN_TIER) {
      throw new Error(
        `tier ${i}: last ordinal ${tier.lastOrdinal} must exceed the previous tier's (${previous}) and fit in 64 bits`,
      );
    }
    if (tier.dollars <= 0n || tier.dollars > OPEN_TIER) {
      throw new Error(`tier ${i}: dollars must be between 1 and 2^64-1, not ${tier.dollars}`);
    }
    previous = tier.lastOrdinal;
  });
  if (previous !== OPEN_TIER) {
    throw new Error(`the final tier must be open (it ends at ordinal ${previous})`);
  }
}

/** The index of the tier holding `ordinal` (from 1) in a valid table. */
export function tierIndexOf(ordinal: bigint, tiers: readonly Tier[]): number {
  if (ordinal < 1n) throw new Error(`ordinals start at 1, not ${ordinal}`);
  const index = tiers.findIndex((tier) => ordinal <= tier.lastOrdinal);
  if (index < 0)
    throw new Error(`ordinal ${ordinal} is past the tier table (its final tier is not open)`);
  return index;
}

/** The first ordinal of tier `index`. */
export function firstOrdinalOf(index: number, tiers: readonly Tier[]): bigint {
  return index === 0 ? 1n : tiers[index - 1].lastOrdinal + 1n;
}
