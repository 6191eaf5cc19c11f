/** Moments given on the command line: unix seconds, an ISO 8601 date, or "+<n><s|m|h|d>" from now. */

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
export function isoTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}
