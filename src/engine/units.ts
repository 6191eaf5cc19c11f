/**
 * Points are exact: every points value is an integer number of units, 10^6 units per point
 * (SPEC §2). Configuration writes points as decimals with at most six fraction digits; outputs
 * write them with exactly six.
 */

export const UNITS_PER_POINT = 1_000_000n;
export const POINT_DECIMALS = 6;

/** A points decimal as the season file writes it: `"300"`, `"33.333333"`. */
export const POINTS_PATTERN = /^(0|[1-9][0-9]*)(\.[0-9]{1,6})?$/;

/** Units of a points decimal (`"33.333333"` → 33333333n); throws on anything else. */
export function pointsToUnits(points: string): bigint {
  if (!POINTS_PATTERN.test(points)) {
    throw new Error(`'${points}' is not a points decimal with at most 6 fraction digits`);
  }
  const [whole, fraction = ""] = points.split(".");
  return BigInt(whole) * UNITS_PER_POINT + BigInt(fraction.padEnd(POINT_DECIMALS, "0"));
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const ZEROS = "0".repeat(POINT_DECIMALS);

/** A units amount as a points decimal with exactly six fraction digits (33333333n → "33.333333"). */
export function unitsToPoints(units: bigint): string {
  if (units < 0n) throw new Error(`negative points ${units}`);
  if (units <= SAFE) {
    // exact in doubles, and much faster than bigint division for a million rows
    const u = Number(units);
    const whole = Math.floor(u / 1e6);
    const fraction = String(u - whole * 1e6);
    return `${whole}.${ZEROS.slice(fraction.length)}${fraction}`;
  }
  const fraction = (units % UNITS_PER_POINT).toString();
  return `${units / UNITS_PER_POINT}.${ZEROS.slice(fraction.length)}${fraction}`;
}

/**
 * A units amount in its shortest decimal form, for messages and for files people write
 * (300000000n → "300", 33500000n → "33.5"); `pointsToUnits` reads it back.
 */
export function formatPoints(units: bigint): string {
  return unitsToPoints(units).replace(/\.?0+$/, "");
}

/** Units of a whole-dollar amount ($1 = 1 point). */
export function dollarsToUnits(dollars: bigint): bigint {
  return dollars * UNITS_PER_POINT;
}
