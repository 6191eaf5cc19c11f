/**
 * The packed batch format of PointsRegistry.recordPacked: consecutive 56-byte records, each the
 * account (20 bytes), the action id (4 bytes, big-endian) and the ref (32 bytes). The registry
 * emits one `Recorded(account, action, ref)` event per record, in batch order.
 */
import { getAddress } from "ethers";
import { ADDRESS_PATTERN, BYTES32_PATTERN, ZERO_ADDRESS } from "../engine/validation";

/** Bytes per packed record. */
export const PACKED_RECORD_SIZE = 56;

/** The largest action id (uint32). */
export const MAX_ACTION_ID = 0xffff_ffff;

/** One record of a batch. */
export interface PointsRecord {
  /** The participant (checksummed when produced by this module). */
  readonly account: string;
  /** The catalog id of the action. */
  readonly action: number;
  /** The 32-byte source reference, 0x-prefixed lowercase hex. */
  readonly ref: string;
}

const ZERO_REF = `0x${"0".repeat(64)}`;

/** Throws, naming the record's index and field, unless the record is one the registry accepts. */
export function checkRecord(record: PointsRecord, index = 0): void {
  if (!ADDRESS_PATTERN.test(record.account) || record.account.toLowerCase() === ZERO_ADDRESS) {
    throw new Error(`record ${index}: account '${record.account}' is not a non-zero address`);
  }
  if (!Number.isInteger(record.action) || record.action < 1 || record.action > MAX_ACTION_ID) {
    throw new Error(
      `record ${index}: action ${record.action} is not an id from 1 to ${MAX_ACTION_ID}`,
    );
  }
  if (!BYTES32_PATTERN.test(record.ref) || record.ref.toLowerCase() === ZERO_REF) {
    throw new Error(`record ${index}: ref '${record.ref}' is not a non-zero 32-byte hex value`);
  }
}

/** The `recordPacked` calldata argument for `records` (0x-prefixed hex). */
export function packRecords(records: readonly PointsRecord[]): string {
  if (records.length === 0) throw new Error("a batch needs at least one record");
  const parts: string[] = ["0x"];
  records.forEach((r, i) => {
    checkRecord(r, i);
    parts.push(
      r.account.slice(2).toLowerCase(),
      r.action.toString(16).padStart(8, "0"),
      r.ref.slice(2).toLowerCase(),
    );
  });
  return parts.join("");
}

/** The records of a packed batch, in order (the inverse of `packRecords`). */
export function unpackRecords(packed: string): PointsRecord[] {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(packed))
    throw new Error("a packed batch must be 0x-prefixed hex bytes");
  const hex = packed.slice(2).toLowerCase();
  const size = PACKED_RECORD_SIZE * 2;
  if (hex.length === 0 || hex.length % size !== 0) {
    throw new Error(
      `a packed batch is a non-empty multiple of ${PACKED_RECORD_SIZE} bytes, got ${hex.length / 2}`,
    );
  }
  const out: PointsRecord[] = [];
  for (let o = 0; o < hex.length; o += size) {
    out.push({
      account: getAddress(`0x${hex.slice(o, o + 40)}`),
      action: Number.parseInt(hex.slice(o + 40, o + 48), 16),
      ref: `0x${hex.slice(o + 48, o + size)}`,
    });
  }
  return out;
}

/** `items` in consecutive chunks of at most `size` (the last one may be shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`chunk size ${size} is not a positive integer`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
