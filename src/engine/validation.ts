/**
 * Field formats shared by the season file and the events file, and the one way their validation
 * errors are worded: `<field path>: <why>`.
 */
import { z } from "zod";

export const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;
export const BYTES32_PATTERN = /^0x[0-9a-fA-F]{64}$/;
/** A non-negative integer in decimal, without sign, exponent or leading zeros. */
export const INTEGER_PATTERN = /^(0|[1-9][0-9]*)$/;
export const UINT256_MAX = (1n << 256n) - 1n;
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/** A 20-byte address in any letter case, normalised to lowercase; the zero address is refused. */
export const addressSchema = z
  .string()
  .regex(ADDRESS_PATTERN, "must be a 0x-prefixed 20-byte hex address")
  .transform((a) => a.toLowerCase())
  .refine((a) => a !== ZERO_ADDRESS, "must not be the zero address");

/** A 32-byte value in hex, normalised to lowercase. */
export const bytes32Schema = z
  .string()
  .regex(BYTES32_PATTERN, "must be 0x followed by 64 hex digits (32 bytes)")
  .transform((a) => a.toLowerCase());

/** A uint256 written as a decimal string (token amounts in their smallest unit). */
export const uint256StringSchema = z
  .string()
  .regex(INTEGER_PATTERN, "must be a non-negative integer written as a decimal string")
  .refine((v) => !INTEGER_PATTERN.test(v) || BigInt(v) <= UINT256_MAX, "must fit in a uint256");

/** An integer from 1 to 2^53 − 1. */
export const positiveIntSchema = z
  .number()
  .int("must be an integer")
  .min(1, "must be at least 1")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

/** A unix time in seconds. */
export const unixTimeSchema = z
  .number()
  .int("must be an integer number of unix seconds")
  .min(0, "must not be negative")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line naming the field and why it is wrong, for the first issue of a failed parse. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = formatPath(issue.path);
  const at = (p: string) => (p === "" ? "" : `${p}: `);
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `'${k}'`).join(", ");
      return `${at(where)}unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}`;
    }
    case "invalid_key": {
      const inner = issue.issues[0]?.message ?? issue.message;
      return `${at(where)}invalid key: ${inner}`;
    }
    case "invalid_type":
      if (issue.input === undefined) return `${at(where)}is required`;
      return `${at(where)}${issue.message.replace(/^Invalid input: /, "")}`;
    default:
      return `${at(where)}${issue.message.replace(/^Invalid input: /, "")}`;
  }
}
