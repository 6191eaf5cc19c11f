/** Human-readable output of the mint tasks: aligned tables, dollar and ordinal-range text. */
import { formatPrice } from "./config";
import { firstOrdinalOf, OPEN_TIER, type Tier } from "./tiers";

/** Groups the digits of a non-negative integer in threes: 10000n -> "10,000". */
export function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Whole dollars: 10000n -> "$10,000". */
export function formatDollars(dollars: bigint): string {
  return `$${groupDigits(dollars)}`;
}

/** A 1e8-scaled reference price: 300000000000n -> "$3,000", 99950000n -> "$0.9995". */
export function formatUsd(price: bigint): string {
  const [whole, frac] = formatPrice(price).split(".");
  return `$${groupDigits(BigInt(whole))}${frac === undefined ? "" : `.${frac}`}`;
}

/** The ordinals of tier `index`: "1–100", "10,001+" for the open tier. */
export function formatOrdinalRange(index: number, tiers: readonly Tier[]): string {
  const first = groupDigits(firstOrdinalOf(index, tiers));
  const last = tiers[index].lastOrdinal;
  return last === OPEN_TIER ? `${first}+` : `${first}–${groupDigits(last)}`;
}
