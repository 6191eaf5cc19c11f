/** What the claim of an ordinal pays: its tier, that tier's dollars and the basket for them. */
import { basketAmounts, type BasketWeight } from "./basket";
import { tierIndexOf, type Tier } from "./tiers";

export interface Quote {
  /** Index of the tier in the table, from 0. */
  readonly tier: number;
  /** Whole US dollars. */
  readonly dollars: bigint;
  /** Smallest units of each basket token, in basket order. */
  readonly amounts: bigint[];
}

/** The off-chain twin of TieredMint.quote(ordinal). */
export function quote(
  ordinal: bigint,
  tiers: readonly Tier[],
  basket: readonly BasketWeight[],
): Quote {
  const tier = tierIndexOf(ordinal, tiers);
  const { dollars } = tiers[tier];
  return { tier, dollars, amounts: basketAmounts(dollars, basket) };
}
