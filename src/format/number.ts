/** Numbers for people: digits grouped in threes, fixed-point amounts in their short form. */
import { formatUnits } from "ethers";

/** Groups the digits of a non-negative integer in threes: 10000n -> "10,000". */
export function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * `amount` scaled by 10^`decimals` in its short form: whole part's digits grouped, at most
 * `places` decimals (rounded down), trailing zeros dropped: (1_999_999n, 6, 2) -> "1.99".
 */
export function formatDecimalShort(amount: bigint, decimals: number, places: number): string {
  const [whole, fraction = ""] = formatUnits(amount, decimals).split(".");
  const shown = fraction.slice(0, places).replace(/0+$/, "");
  return `${groupDigits(BigInt(whole))}${shown ? `.${shown}` : ""}`;
}

/**
 * A token amount exactly, for people: the whole part's digits grouped, every significant decimal
 * kept: (1_234_500_000_000_000_000_000n, 18) -> "1,234.5".
 */
export function formatTokenExact(units: bigint, decimals: number): string {
  const [whole, fraction = ""] = formatUnits(units, decimals).split(".");
  const kept = fraction.replace(/0+$/, "");
  return `${groupDigits(BigInt(whole))}${kept ? `.${kept}` : ""}`;
}
