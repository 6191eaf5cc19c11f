/**
 * Point values on chain and in the season file: 10^6 units per point. Points are written as
 * decimal strings with at most six fraction digits ("300", "33.333333"); units are bigints.
 */

/** Units per point. */
export const UNITS_PER_POINT = 1_000_000n;

const POINTS = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,6}))?$/;

/** "33.5" → 33_500_000n. Throws, naming the input, unless it is a plain decimal with ≤ 6 fraction digits. */
export function parsePoints(text: string): bigint {
  const m = POINTS.exec(text.trim());
  if (!m) {
    throw new Error(
      `'${text}' is not a number of points (a decimal such as 300 or 33.333333, at most 6 fraction digits)`,
    );
  }
  return BigInt(m[1]) * UNITS_PER_POINT + BigInt((m[2] ?? "").padEnd(6, "0"));
}

/** 33_500_000n → "33.5"; whole values print without a fraction ("300"). */
export function formatPoints(units: bigint): string {
  const sign = units < 0n ? "-" : "";
  const abs = units < 0n ? -units : units;
  const whole = abs / UNITS_PER_POINT;
  const frac = (abs % UNITS_PER_POINT).toString().padStart(6, "0").replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}
