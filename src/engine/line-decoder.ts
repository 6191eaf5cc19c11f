/**
 * Decoding one events line from bytes, fast, into a RecordBatch: no string, no JSON.parse, no
 * object per line. First the canonical layout the exporter writes (events.ts formatEvent),
 * recognised by fixed segments; then any flat object of string and integer values, any key order,
 * any JSON whitespace. Anything else — escapes, fractions, exponents, duplicate or unknown keys, bad
 * values, an action or boost not in the catalog — is left to the reference path (events.ts:
 * JSON.parse + zod), which decides and words the error. So the fast paths only ever accept what
 * the reference path accepts, with the same values (checked by a property test). Pure: it runs in
 * worker threads too.
 */
import { ACTION, BOOST, MINT, type RecordBatch } from "./record-batch";
import { hexToWords } from "./hex";

const F_KIND = 1;
const F_ACCOUNT = 2;
const F_ORDINAL = 4;
const F_DOLLARS = 8;
const F_TIME = 16;
const F_ACTION = 32;
const F_REF = 64;
const F_BOOST = 128;
const MINT_FIELDS = F_KIND | F_ACCOUNT | F_ORDINAL | F_DOLLARS | F_TIME;
const ACTION_FIELDS = F_KIND | F_ACCOUNT | F_ACTION | F_REF | F_TIME;
const BOOST_FIELDS = F_KIND | F_ACCOUNT | F_BOOST | F_TIME;

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const KEYS: [Uint8Array, number][] = [
  [ascii("kind"), F_KIND],
  [ascii("account"), F_ACCOUNT],
  [ascii("ordinal"), F_ORDINAL],
  [ascii("dollars"), F_DOLLARS],
  [ascii("time"), F_TIME],
  [ascii("action"), F_ACTION],
  [ascii("ref"), F_REF],
  [ascii("boost"), F_BOOST],
];
const KIND_MINT = ascii("mint");
const KIND_ACTION = ascii("action");
const KIND_BOOST = ascii("boost");

// The canonical layout (events.ts formatEvent), recognised by fixed segments.
const CANON_ACTION = ascii('{"kind":"action","account":"');
const CANON_MINT = ascii('{"kind":"mint","account":"');
const CANON_BOOST = ascii('{"kind":"boost","account":"');
const CANON_AFTER_ACCOUNT_ACTION = ascii('","action":"');
const CANON_AFTER_ACCOUNT_MINT = ascii('","ordinal":');
const CANON_AFTER_ACCOUNT_BOOST = ascii('","boost":"');
const CANON_REF = ascii('","ref":"');
const CANON_DOLLARS = ascii(',"dollars":"');
const CANON_TIME = ascii('","time":');

/** Whether buf[at …] starts with `lit`. */
function startsWith(buf: Uint8Array, at: number, end: number, lit: Uint8Array): boolean {
  if (end - at < lit.length) return false;
  for (let i = 0; i < lit.length; i++) if (buf[at + i] !== lit[i]) return false;
  return true;
}

function same(buf: Uint8Array, start: number, end: number, lit: Uint8Array): boolean {
  if (end - start !== lit.length) return false;
  for (let i = 0; i < lit.length; i++) if (buf[start + i] !== lit[i]) return false;
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Exact byte-string → id lookup for the catalog's keys. */
class KeyIndex {
  private readonly table: Int32Array;
  private readonly keys: Uint8Array[];

  constructor(keys: readonly string[]) {
    this.keys = keys.map(ascii);
    let size = 16;
    while (size < keys.length * 4) size *= 2;
    this.table = new Int32Array(size).fill(-1);
    this.keys.forEach((k, id) => {
      let slot = KeyIndex.hash(k, 0, k.length) & (size - 1);
      while (this.table[slot] >= 0) slot = (slot + 1) & (size - 1);
      this.table[slot] = id;
    });
  }

  static hash(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return h >>> 0;
  }

  find(buf: Uint8Array, start: number, end: number): number {
    const mask = this.table.length - 1;
    let slot = KeyIndex.hash(buf, start, end) & mask;
    for (;;) {
      const id = this.table[slot];
      if (id < 0) return -1;
      if (same(buf, start, end, this.keys[id])) return id;
      slot = (slot + 1) & mask;
    }
  }
}

/** Decodes lines into batches; see the file comment. */
export class LineDecoder {
  private readonly actions: KeyIndex;
  private readonly boosts: KeyIndex;
  private batch: RecordBatch | undefined;
  // the fields of the line being scanned
  private seen = 0;
  private kindStart = 0;
  private kindEnd = 0;
  private accountStart = 0;
  private accountEnd = 0;
  private keyStart = 0;
  private keyEnd = 0;
  private refStart = 0;
  private refEnd = 0;
  private dollarsStart = 0;
  private dollarsEnd = 0;
  private ordinal = 0;
  private time = 0;
  /** Lines left to the reference path. */
  slowLines = 0;

  constructor(
    actionKeys: readonly string[],
    boostKeys: readonly string[],
    private readonly forceReferencePath = false,
  ) {
    this.actions = new KeyIndex(actionKeys);
    this.boosts = new KeyIndex(boostKeys);
  }

  /**
   * Adds the line buf[start, end) (no newline), numbered `line`, to `batch` (which must not be
   * full); blank lines are skipped.
   */
  decode(batch: RecordBatch, buf: Uint8Array, start: number, end: number, line: number): void {
    this.batch = batch;
    if (!this.forceReferencePath) {
      if (this.canonical(buf, start, end, line)) return;
      if (this.fast(buf, start, end, line)) return;
    }
    let blank = true;
    for (let i = start; i < end && blank; i++) blank = isSpace(buf[i]);
    if (blank) return;
    this.slowLines++;
    batch.addSlow(
      Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("utf8"),
      line,
    );
  }

  /**
   * End of a plain integer at buf[i …]: 1–15 digits (exact as a double), no leading zero; its value
   * goes to `this.number`. −1 when there is none.
   */
  private number = 0;
  private integer(buf: Uint8Array, i: number, end: number): number {
    const ns = i;
    let v = 0;
    while (i < end && buf[i] >= 0x30 && buf[i] <= 0x39) v = v * 10 + (buf[i++] - 0x30);
    const digits = i - ns;
    if (digits === 0 || digits > 15 || (digits > 1 && buf[ns] === 0x30)) return -1;
    this.number = v;
    return i;
  }

  /** End of a string's content starting at buf[i] (its closing quote), or −1 on anything unusual. */
  private static stringEnd(buf: Uint8Array, i: number, end: number): number {
    while (i < end && buf[i] !== 0x22) {
      if (buf[i] === 0x5c || buf[i] < 0x20 || buf[i] > 0x7e) return -1;
      i++;
    }
    return i < end ? i : -1;
  }

  /** Recognises a line in exactly the canonical layout and adds it; false when it is not one. */
  private canonical(buf: Uint8Array, start: number, end: number, line: number): boolean {
    while (end > start && isSpace(buf[end - 1])) end--;
    if (end - start < 60 || buf[end - 1] !== 0x7d /* } */) return false;
    let p = start;
    switch (buf[start + 9]) {
      case 0x61: {
        // {"kind":"action","account":"0x…","action":"key","ref":"0x…","time":123}
        if (!startsWith(buf, p, end, CANON_ACTION)) return false;
        p += CANON_ACTION.length;
        this.accountStart = p;
        this.accountEnd = p += 42;
        if (!startsWith(buf, p, end, CANON_AFTER_ACCOUNT_ACTION)) return false;
        this.keyStart = p += CANON_AFTER_ACCOUNT_ACTION.length;
        this.keyEnd = p = LineDecoder.stringEnd(buf, p, end);
        if (p < 0 || !startsWith(buf, p, end, CANON_REF)) return false;
        this.refStart = p += CANON_REF.length;
        this.refEnd = p += 66;
        this.seen = ACTION_FIELDS;
        this.kindStart = start + 9;
        this.kindEnd = start + 15;
        break;
      }
      case 0x6d: {
        // {"kind":"mint","account":"0x…","ordinal":17,"dollars":"10000","time":123}
        if (!startsWith(buf, p, end, CANON_MINT)) return false;
        p += CANON_MINT.length;
        this.accountStart = p;
        this.accountEnd = p += 42;
        if (!startsWith(buf, p, end, CANON_AFTER_ACCOUNT_MINT)) return false;
        p = this.integer(buf, p + CANON_AFTER_ACCOUNT_MINT.length, end);
        if (p < 0 || !startsWith(buf, p, end, CANON_DOLLARS)) return false;
        this.ordinal = this.number;
        this.dollarsStart = p += CANON_DOLLARS.length;
        this.dollarsEnd = p = LineDecoder.stringEnd(buf, p, end);
        if (p < 0) return false;
        this.seen = MINT_FIELDS;
        this.kindStart = start + 9;
        this.kindEnd = start + 13;
        break;
      }
      case 0x62: {
        // {"kind":"boost","account":"0x…","boost":"key","time":123}
        if (!startsWith(buf, p, end, CANON_BOOST)) return false;
        p += CANON_BOOST.length;
        this.accountStart = p;
        this.accountEnd = p += 42;
        if (!startsWith(buf, p, end, CANON_AFTER_ACCOUNT_BOOST)) return false;
        this.keyStart = p += CANON_AFTER_ACCOUNT_BOOST.length;
        this.keyEnd = p = LineDecoder.stringEnd(buf, p, end);
        if (p < 0) return false;
        this.seen = BOOST_FIELDS;
        this.kindStart = start + 9;
        this.kindEnd = start + 14;
        break;
      }
      default:
        return false;
    }
    if (!startsWith(buf, p, end, CANON_TIME)) return false;
    p = this.integer(buf, p + CANON_TIME.length, end);
    if (p !== end - 1) return false;
    this.time = this.number;
    return this.accept(buf, line);
  }

  /** Scans a plain line and adds it; false (and nothing added) when the reference path must decide. */
  private fast(buf: Uint8Array, start: number, end: number, line: number): boolean {
    let i = start;
    while (i < end && isSpace(buf[i])) i++;
    if (buf[i] !== 0x7b /* { */ || i >= end) return false;
    i++;
    this.seen = 0;
    for (;;) {
      while (i < end && isSpace(buf[i])) i++;
      if (i >= end || buf[i] !== 0x22) return false;
      const ks = ++i;
      i = LineDecoder.stringEnd(buf, i, end);
      if (i < 0) return false;
      const ke = i++;
      let field = 0;
      for (const [lit, f] of KEYS) {
        if (same(buf, ks, ke, lit)) {
          field = f;
          break;
        }
      }
      if (field === 0 || (this.seen & field) !== 0) return false;
      this.seen |= field;
      while (i < end && isSpace(buf[i])) i++;
      if (i >= end || buf[i] !== 0x3a /* : */) return false;
      i++;
      while (i < end && isSpace(buf[i])) i++;
      if (i >= end) return false;
      if (buf[i] === 0x22) {
        const vs = ++i;
        i = LineDecoder.stringEnd(buf, i, end);
        if (i < 0) return false;
        const ve = i++;
        switch (field) {
          case F_KIND:
            this.kindStart = vs;
            this.kindEnd = ve;
            break;
          case F_ACCOUNT:
            this.accountStart = vs;
            this.accountEnd = ve;
            break;
          case F_ACTION:
          case F_BOOST:
            this.keyStart = vs;
            this.keyEnd = ve;
            break;
          case F_REF:
            this.refStart = vs;
            this.refEnd = ve;
            break;
          case F_DOLLARS:
            this.dollarsStart = vs;
            this.dollarsEnd = ve;
            break;
          default:
            return false;
        }
      } else {
        i = this.integer(buf, i, end);
        if (i < 0) return false;
        if (i < end && (buf[i] === 0x2e || buf[i] === 0x65 || buf[i] === 0x45)) return false;
        if (field === F_TIME) this.time = this.number;
        else if (field === F_ORDINAL) this.ordinal = this.number;
        else return false;
      }
      while (i < end && isSpace(buf[i])) i++;
      if (i >= end) return false;
      if (buf[i] === 0x2c /* , */) {
        i++;
        continue;
      }
      if (buf[i] !== 0x7d /* } */) return false;
      i++;
      break;
    }
    while (i < end && isSpace(buf[i])) i++;
    if (i !== end) return false;
    return this.accept(buf, line);
  }

  private accept(buf: Uint8Array, line: number): boolean {
    const batch = this.batch as RecordBatch;
    const i = batch.count;
    const w = batch.account;
    // account: 0x + 40 hex digits, not zero
    if (this.accountEnd - this.accountStart !== 42) return false;
    if (buf[this.accountStart] !== 0x30 || buf[this.accountStart + 1] !== 0x78) return false;
    if (!hexToWords(buf, this.accountStart + 2, 5, w, 5 * i)) return false;
    if ((w[5 * i] | w[5 * i + 1] | w[5 * i + 2] | w[5 * i + 3] | w[5 * i + 4]) === 0) return false;
    if (same(buf, this.kindStart, this.kindEnd, KIND_ACTION)) {
      if (this.seen !== ACTION_FIELDS) return false;
      const action = this.actions.find(buf, this.keyStart, this.keyEnd);
      if (action < 0) return false;
      if (this.refEnd - this.refStart !== 66) return false;
      if (buf[this.refStart] !== 0x30 || buf[this.refStart + 1] !== 0x78) return false;
      if (!hexToWords(buf, this.refStart + 2, 8, batch.ref, 8 * i)) return false;
      batch.kind[i] = ACTION;
      batch.key[i] = action;
    } else if (same(buf, this.kindStart, this.kindEnd, KIND_MINT)) {
      if (this.seen !== MINT_FIELDS || this.ordinal < 1) return false;
      // the whole string is the integer
      if (this.integer(buf, this.dollarsStart, this.dollarsEnd) !== this.dollarsEnd) return false;
      batch.kind[i] = MINT;
      batch.ordinal[i] = this.ordinal;
      batch.dollars[i] = this.number;
    } else if (same(buf, this.kindStart, this.kindEnd, KIND_BOOST)) {
      if (this.seen !== BOOST_FIELDS) return false;
      const boost = this.boosts.find(buf, this.keyStart, this.keyEnd);
      if (boost < 0) return false;
      batch.kind[i] = BOOST;
      batch.key[i] = boost;
    } else {
      return false;
    }
    batch.time[i] = this.time;
    batch.line[i] = line;
    batch.count = i + 1;
    return true;
  }
}
