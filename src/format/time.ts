/**
 * Time as people write and read it on the command line: unix seconds, ISO 8601 dates, "+24h" from
 * now, and durations such as "2d 3h 4m".
 */

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86_400n };

/** The unix time (seconds) `text` names, relative ones counted from `now`. */
export function parseMoment(text: string, now: bigint): bigint {
  const t = text.trim();
  const rel = /^\+([0-9]+)([smhd])$/.exec(t);
  if (rel) return now + BigInt(rel[1]) * UNITS[rel[2]];
  if (/^[0-9]+$/.test(t)) return BigInt(t);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return BigInt(Math.floor(ms / 1000));
  }
  throw new Error(
    `'${text}' is not a time (unix seconds, an ISO date such as 2026-01-31T12:00:00Z, or +30m, +24h, +2d)`,
  );
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
