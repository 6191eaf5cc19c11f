/** Human-readable output of the mint tasks: aligned tables, dollar and ordinal-range text. */
import { formatDecimalShort, groupDigits } from "../format/number";
import { firstOrdinalOf, OPEN_TIER, type Tier } from "./tiers";

/** Whole dollars: 10000n -> "$10,000". */
export function formatDollars(dollars: bigint): string {
  return `$${groupDigits(dollars)}`;
}

/** A 1e8-scaled reference price: 300000000000n -> "$3,000", 99950000n -> "$0.9995". */
export function formatUsd(price: bigint): string {
  return `$${formatDecimalShort(price, 8, 8)}`;
}

/** The ordinals of tier `index`: "1–100", "10,001+" for the open tier. */
export function formatOrdinalRange(index: number, tiers: readonly Tier[]): string {
  const first = groupDigits(firstOrdinalOf(index, tiers));
  const last = tiers[index].lastOrdinal;
  return last === OPEN_TIER ? `${first}+` : `${first}–${groupDigits(last)}`;
}
