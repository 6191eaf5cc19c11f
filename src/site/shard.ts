/** Where an account's data lives in the site: shards by the hex prefix of its address. */
import { SHARD_LIMIT } from "./types";

/** The shard of `account` (any case) at `digits` hex digits: "" when digits is 0. */
export function shardOf(account: string, digits: number): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new Error(`'${account}' is not an address`);
  return account.slice(2, 2 + digits).toLowerCase();
}

/** Every shard name at `digits` hex digits, in order. */
export function shardNames(digits: number): string[] {
  const n = 16 ** digits;
  return Array.from({ length: n }, (_, i) =>
    digits === 0 ? "" : i.toString(16).padStart(digits, "0"),
  );
}

/**
 * The fewest hex digits that keep the expected shard at or under a quarter of SHARD_LIMIT, for
 * `bytes` of account data spread evenly by address (addresses are hashes: a shard four times the
 * mean does not happen at these counts; the build still checks every shard it writes).
 */
export function shardDigitsFor(bytes: number, limit = SHARD_LIMIT): number {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error(`bytes must be >= 0, got ${bytes}`);
  let digits = 0;
  while (bytes / 16 ** digits > limit / 4 && digits < 8) digits++;
  return digits;
}

/** The file name of a shard (the empty prefix is "all"). */
export function shardFile(prefix: string): string {
  return `${prefix === "" ? "all" : prefix}.json`;
}
