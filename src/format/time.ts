/**
 * Time as people write and read it on the command line: unix seconds, ISO 8601 dates, "+24h" from
 * now, and durations such as "2d 3h 4m".
 */

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n };

/** The forms every time parameter of the tasks accepts (for error messages and help texts). */
export const MOMENT_FORMS =
  "unix seconds, an ISO date such as 2027-01-31T12:00:00Z or 2027-01-31, 'now', or +90s, +30m, +24h, +2d, +1w from the chain's time";

/** The forms every duration parameter accepts. */
export const DURATION_FORMS = "seconds, or 90s, 30m, 24h, 2d, 1w";

/** Seconds as a bigint, when `text` is a whole number of at most 15 digits (no sign, no point). */
function wholeSeconds(text: string): bigint | undefined {
  return /^[0-9]{1,15}$/.test(text) ? BigInt(text) : undefined;
}

/** True when the calendar has that day (Date.parse would roll 2027-02-30 over to March). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The one time parser of the tasks: the unix time (seconds) `text` names, relative ones counted
 * from `now` (the chain's latest block). Accepts unix seconds, ISO 8601 dates with a time and a zone
 * (`2027-01-31T12:00:00Z`, `…+02:00`) or a date alone (midnight UTC), `now`, and `+<n><unit>` with
 * s, m, h, d or w. A date without a zone is refused rather than read in the machine's zone.
 */
export function parseMoment(text: string, now: bigint): bigint {
  const t = text.trim();
  if (t === "now") return now;
  const rel = /^\+([0-9]{1,12})([smhdw])$/.exec(t);
  if (rel) return now + BigInt(rel[1]) * UNITS[rel[2]];
  const whole = wholeSeconds(t);
  if (whole !== undefined) return whole;
  const date = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(
    t,
  );
  if (date && isCalendarDay(Number(date[1]), Number(date[2]), Number(date[3]))) {
    const ms = Date.parse(date[4] === undefined ? `${t}T00:00:00Z` : t);
    if (!Number.isNaN(ms)) return BigInt(Math.floor(ms / 1000));
  }
  throw new Error(`'${text}' is not a time (${MOMENT_FORMS})`);
}

/** A duration in seconds: whole seconds, or a number with a unit (`90s`, `30m`, `24h`, `2d`, `1w`). */
export function parseDuration(text: string): bigint {
  const t = text.trim();
  const whole = wholeSeconds(t);
  if (whole !== undefined) return whole;
  const unit = /^([0-9]{1,12})([smhdw])$/.exec(t);
  if (unit) return BigInt(unit[1]) * UNITS[unit[2]];
  throw new Error(`'${text}' is not a duration (${DURATION_FORMS})`);
}

/** Unix seconds as an ISO 8601 UTC date. */
export function isoTime(seconds: number | bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A number of seconds for humans: "2d 3h 4m 5s", "45s". */
export function duration(seconds: number | bigint): string {
  let s = Math.max(0, Number(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join(" ");
}
