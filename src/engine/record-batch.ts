/**
 * A batch of decoded event lines in columns, the unit of work between reading (line-decoder.ts,
 * possibly in worker threads) and the event log (event-reader.ts applies batches in line order).
 * A record is either decoded (kind mint/action/boost with its fields) or a line left for the
 * reference path (kind SLOW, with its text).
 */

export const SLOW = 0;
export const MINT = 1;
export const ACTION = 2;
export const BOOST = 3;

/** Large batches let the account lookups of a batch sweep the table in order (word-table.ts). */
export const BATCH_RECORDS = 1 << 18;

export class RecordBatch {
  count = 0;
  /** File offset just after the last line of the batch (progress). */
  bytesEnd = 0;
  readonly kind: Uint8Array;
  /** Action or boost id. */
  readonly key: Uint16Array;
  /** Line number, relative to the start of the range that was read (1-based). */
  readonly line: Uint32Array;
  /** 5 words per record. */
  readonly account: Uint32Array;
  /** 8 words per record (actions). */
  readonly ref: Uint32Array;
  readonly time: Float64Array;
  readonly ordinal: Float64Array;
  /** Dollars of mints decoded by the fast path (at most 15 digits, exact). */
  readonly dollars: Float64Array;
  /** Text of the SLOW records, by record index. */
  readonly slow: Map<number, string>;

  constructor(capacity = BATCH_RECORDS, parts?: RecordBatchParts) {
    this.kind = parts?.kind ?? new Uint8Array(capacity);
    this.key = parts?.key ?? new Uint16Array(capacity);
    this.line = parts?.line ?? new Uint32Array(capacity);
    this.account = parts?.account ?? new Uint32Array(5 * capacity);
    this.ref = parts?.ref ?? new Uint32Array(8 * capacity);
    this.time = parts?.time ?? new Float64Array(capacity);
    this.ordinal = parts?.ordinal ?? new Float64Array(capacity);
    this.dollars = parts?.dollars ?? new Float64Array(capacity);
    this.slow = new Map(parts?.slow ?? []);
    this.count = parts?.count ?? 0;
    this.bytesEnd = parts?.bytesEnd ?? 0;
  }

  get capacity(): number {
    return this.kind.length;
  }

  get full(): boolean {
    return this.count === this.kind.length;
  }

  /** Adds a line for the reference path. */
  addSlow(text: string, line: number): void {
    const i = this.count++;
    this.kind[i] = SLOW;
    this.line[i] = line;
    this.slow.set(i, text);
  }

  /** The batch as a structured-clone message and its transferable buffers. */
  toMessage(): { parts: RecordBatchParts; transfer: ArrayBuffer[] } {
    const parts: RecordBatchParts = {
      count: this.count,
      bytesEnd: this.bytesEnd,
      kind: this.kind,
      key: this.key,
      line: this.line,
      account: this.account,
      ref: this.ref,
      time: this.time,
      ordinal: this.ordinal,
      dollars: this.dollars,
      slow: [...this.slow],
    };
    const transfer = [
      this.kind,
      this.key,
      this.line,
      this.account,
      this.ref,
      this.time,
      this.ordinal,
      this.dollars,
    ].map((a) => a.buffer as ArrayBuffer);
    return { parts, transfer };
  }
}

export interface RecordBatchParts {
  count: number;
  bytesEnd: number;
  kind: Uint8Array;
  key: Uint16Array;
  line: Uint32Array;
  account: Uint32Array;
  ref: Uint32Array;
  time: Float64Array;
  ordinal: Float64Array;
  dollars: Float64Array;
  slow: [number, string][];
}
