/**
 * Reads a published tree dump (OpenZeppelin's standard-v1 JSON) straight from its bytes, field by
 * field, into flat arrays: the nodes as 32-byte rows, the values' accounts, tokens and amounts as
 * bytes beside their text. A million-leaf dump is hundreds of megabytes: `JSON.parse` of it costs
 * seconds, gigabytes of small objects, and stops at V8's longest string (about 512 MiB). The
 * grammar is JSON's (any whitespace, any key order, escapes, unknown keys skipped); only the shape
 * the checks need is kept, and what does not fit that shape is recorded for the checker to name
 * in the words `verifyTreeDump` uses. Strings with escapes or non-ASCII bytes are decoded with
 * `JSON.parse` of their own few bytes, so the values seen are exactly `JSON.parse`'s.
 */

/** A syntax error: the dump is not JSON. */
export class DumpSyntaxError extends Error {}

/** Why a value entry is not usable, in `verifyTreeDump`'s words. */
export type ValueProblem = "shape" | "address" | "amount";

export interface ParsedDump {
  /** The top-level value is an object. */
  readonly isObject: boolean;
  readonly format: unknown;
  readonly leafEncoding: unknown;
  /** `tree` and `values` are both arrays. */
  readonly arrays: boolean;
  readonly nodeCount: number;
  /** Node i's 32 bytes at 32·i (zeros where the node is not a hash). */
  readonly nodes: Uint8Array;
  /** Indices of the nodes that are not 0x + 64 lowercase hex digits. */
  readonly badNodes: number[];
  readonly valueCount: number;
  /** Per value: undefined when well formed, else why not. */
  readonly problems: (ValueProblem | undefined)[];
  /** The raw text of a malformed amount (for its message). */
  readonly badAmounts: Map<number, unknown>;
  /** Per value: 20 bytes at 20·v, 20 bytes at 20·v, 32 big-endian bytes at 32·v. */
  readonly accounts: Uint8Array;
  readonly tokens: Uint8Array;
  readonly amounts: Uint8Array;
  readonly accountHex: string[];
  readonly tokenHex: string[];
  readonly amountValue: bigint[];
  /** The tree index, NaN when it is not an integer. */
  readonly treeIndex: Float64Array;
}

const Q = 0x22; // "
const BACKSLASH = 0x5c;

/** The value of a hex digit byte (lowercase only), or -1. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x61 + i] = 10 + i;

const MAX_UINT = (1n << 256n) - 1n;

class Grow {
  data: Uint8Array;
  constructor(
    readonly width: number,
    capacity: number,
  ) {
    this.data = new Uint8Array(width * Math.max(16, capacity));
  }
  ensure(count: number): void {
    if (count * this.width <= this.data.length) return;
    const next = new Uint8Array(Math.max(count * this.width, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  done(count: number): Uint8Array {
    return this.data.subarray(0, count * this.width);
  }
}

/** A string token: its content's bytes [start, end), and whether it needs decoding. */
interface Str {
  start: number;
  end: number;
  plain: boolean;
}

class Scanner {
  at = 0;
  readonly buf: Buffer;
  constructor(readonly b: Uint8Array) {
    this.buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  }

  fail(what: string): never {
    throw new DumpSyntaxError(`${what} at byte ${this.at}`);
  }

  ws(): void {
    const b = this.b;
    let i = this.at;
    while (i < b.length) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.at = i;
  }

  peek(): number {
    this.ws();
    return this.at < this.b.length ? this.b[this.at] : -1;
  }

  expect(c: number): void {
    if (this.peek() !== c) this.fail(`expected '${String.fromCharCode(c)}'`);
    this.at++;
  }

  /** The string token at the cursor. */
  str(): Str {
    this.expect(Q);
    const b = this.b;
    const start = this.at;
    let i = start;
    let plain = true;
    for (;;) {
      if (i >= b.length) this.fail("unterminated string");
      const c = b[i];
      if (c === Q) break;
      if (c === BACKSLASH) {
        plain = false;
        i += 2;
        continue;
      }
      if (c < 0x20) this.fail("control character in a string");
      if (c >= 0x80) plain = false;
      i++;
    }
    this.at = i + 1;
    return { start, end: i, plain };
  }

  text(s: Str): string {
    if (s.plain) return this.buf.toString("latin1", s.start, s.end);
    const raw = this.buf.toString("utf8", s.start - 1, s.end + 1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      this.at = s.start;
      return this.fail("bad string escape");
    }
  }

  /** Skips any JSON value; returns its bytes' range. */
  skip(): [number, number] {
    const c = this.peek();
    const start = this.at;
    if (c === Q) this.str();
    else if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      this.at++;
      if (this.peek() === close) this.at++;
      else {
        for (;;) {
          if (c === 0x7b) {
            this.str();
            this.expect(0x3a);
          }
          this.skip();
          const n = this.peek();
          this.at++;
          if (n === close) break;
          if (n !== 0x2c) {
            this.at--;
            this.fail("expected ',' or a closing bracket");
          }
        }
      }
    } else this.literal();
    return [start, this.at];
  }

  /** A number, true, false or null: its text (validated as JSON). */
  literal(): string {
    const b = this.b;
    const start = this.at;
    let i = start;
    while (i < b.length) {
      const c = b[i];
      if (
        c === 0x2c ||
        c === 0x5d ||
        c === 0x7d ||
        c === 0x20 ||
        c === 0x0a ||
        c === 0x0d ||
        c === 0x09
      )
        break;
      i++;
    }
    const t = this.buf.toString("latin1", start, i);
    if (
      t !== "true" &&
      t !== "false" &&
      t !== "null" &&
      !/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(t)
    ) {
      this.fail(t.length ? `unexpected ${JSON.stringify(t.slice(0, 20))}` : "unexpected end");
    }
    this.at = i;
    return t;
  }

  /** Iterates an array's elements: `each` reads one element at the cursor. */
  array(each: (index: number) => void): void {
    this.expect(0x5b);
    if (this.peek() === 0x5d) {
      this.at++;
      return;
    }
    for (let i = 0; ; i++) {
      each(i);
      const n = this.peek();
      this.at++;
      if (n === 0x5d) return;
      if (n !== 0x2c) {
        this.at--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  /** Iterates an object's members: `each` reads the value of `key` at the cursor. */
  object(each: (key: string) => void): void {
    this.expect(0x7b);
    if (this.peek() === 0x7d) {
      this.at++;
      return;
    }
    for (;;) {
      const key = this.text(this.str());
      this.expect(0x3a);
      each(key);
      const n = this.peek();
      this.at++;
      if (n === 0x7d) return;
      if (n !== 0x2c) {
        this.at--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}

/** Decodes `hexDigits` lowercase hex digits of `b` from `at` into `out` at `outAt`; false if not hex. */
function decodeHex(
  b: Uint8Array,
  at: number,
  hexDigits: number,
  out: Uint8Array,
  outAt: number,
): boolean {
  for (let i = 0; i < hexDigits; i += 2) {
    const hi = HEX[b[at + i]];
    const lo = HEX[b[at + i + 1]];
    if (hi < 0 || lo < 0) return false;
    out[outAt + (i >> 1)] = (hi << 4) | lo;
  }
  return true;
}

/** Whether the string token is "0x" followed by exactly `bytes` bytes of lowercase hex (decoded). */
function hexToken(b: Uint8Array, s: Str, bytes: number, out: Uint8Array, outAt: number): boolean {
  return (
    s.plain &&
    s.end - s.start === 2 + 2 * bytes &&
    b[s.start] === 0x30 &&
    b[s.start + 1] === 0x78 &&
    decodeHex(b, s.start + 2, 2 * bytes, out, outAt)
  );
}

const ADDRESS = /^0x[0-9a-f]{40}$/;
const AMOUNT = /^(0|[1-9][0-9]*)$/;

/**
 * Parses a dump. Throws `DumpSyntaxError` (one line, with the byte offset) when the bytes are not
 * JSON; anything else is recorded, not thrown.
 */
export function parseDump(bytes: Uint8Array, onProgress?: (fraction: number) => void): ParsedDump {
  const sc = new Scanner(bytes);
  const guess = Math.floor(bytes.length / 220);
  const nodes = new Grow(32, 2 * guess);
  const accounts = new Grow(20, guess);
  const tokens = new Grow(20, guess);
  const amounts = new Grow(32, guess);
  let isObject = false;
  let format: unknown;
  let leafEncoding: unknown;
  let treeArray = false;
  let valuesArray = false;
  let nodeCount = 0;
  let badNodes: number[] = [];
  let valueCount = 0;
  let problems: (ValueProblem | undefined)[] = [];
  let badAmounts = new Map<number, unknown>();
  let accountHex: string[] = [];
  let tokenHex: string[] = [];
  let amountValue: bigint[] = [];
  let treeIndex: number[] = [];
  const internedTokens = new Map<string, string>();
  let nextProgress = 1 << 26;
  const progress = () => {
    if (onProgress && sc.at >= nextProgress) {
      nextProgress = sc.at + (1 << 26);
      onProgress(sc.at / bytes.length);
    }
  };

  const readSmall = (): unknown => {
    const [start, end] = sc.skip();
    return JSON.parse(sc.buf.toString("utf8", start, end));
  };

  const readTree = () => {
    nodeCount = 0;
    badNodes = [];
    treeArray = true;
    sc.array((i) => {
      nodes.ensure(i + 1);
      nodeCount = i + 1;
      if (sc.peek() !== Q) {
        sc.skip();
        badNodes.push(i);
        return;
      }
      const s = sc.str();
      if (!hexToken(bytes, s, 32, nodes.data, 32 * i)) {
        let ok = false;
        if (!s.plain) {
          const t = sc.text(s);
          ok = /^0x[0-9a-f]{64}$/.test(t);
          if (ok) nodes.data.set(Buffer.from(t.slice(2), "hex"), 32 * i);
        }
        if (!ok) {
          nodes.data.fill(0, 32 * i, 32 * i + 32);
          badNodes.push(i);
        }
      }
      if ((i & 0xffff) === 0) progress();
    });
  };

  /** One element of a value array: an address (decoded into `out`) or undefined. */
  const readAddress = (out: Grow, v: number): string | undefined => {
    if (sc.peek() !== Q) {
      sc.skip();
      return undefined;
    }
    const s = sc.str();
    if (hexToken(bytes, s, 20, out.data, 20 * v)) return sc.text(s);
    const t = sc.text(s);
    if (!ADDRESS.test(t)) return undefined;
    out.data.set(Buffer.from(t.slice(2), "hex"), 20 * v);
    return t;
  };

  const readValue = (v: number) => {
    accounts.ensure(v + 1);
    tokens.ensure(v + 1);
    amounts.ensure(v + 1);
    let shape = false;
    let account: string | undefined;
    let token: string | undefined;
    let amount: unknown;
    let amountOk = false;
    let index = NaN;
    let indexSeen = false;
    let valueSeen = false;
    if (sc.peek() !== 0x7b) {
      sc.skip();
      problems[v] = "shape";
      return;
    }
    sc.object((key) => {
      if (key === "value") {
        valueSeen = true;
        if (sc.peek() !== 0x5b) {
          sc.skip();
          shape = false;
          return;
        }
        let n = 0;
        account = token = undefined;
        amount = undefined;
        amountOk = false;
        sc.array((k) => {
          n = k + 1;
          if (k === 0) account = readAddress(accounts, v);
          else if (k === 1) {
            token = readAddress(tokens, v);
            if (token !== undefined) {
              const interned = internedTokens.get(token);
              if (interned === undefined) internedTokens.set(token, token);
              else token = interned;
            }
          } else if (k === 2 && sc.peek() === Q) {
            const t = sc.text(sc.str());
            amount = t;
            if (AMOUNT.test(t) && t.length <= 78) {
              const x = BigInt(t);
              if (x <= MAX_UINT) {
                amountOk = true;
                amountValue[v] = x;
                let rest = x;
                for (let j = 31; j >= 0 && rest > 0n; j--) {
                  amounts.data[32 * v + j] = Number(rest & 0xffn);
                  rest >>= 8n;
                }
              }
            }
          } else if (k === 2) amount = readSmall();
          else sc.skip();
        });
        shape = n === 3;
      } else if (key === "treeIndex") {
        indexSeen = true;
        if (sc.peek() === Q || sc.peek() === 0x7b || sc.peek() === 0x5b) {
          sc.skip();
          index = NaN;
        } else {
          const t = sc.literal();
          const x = t === "true" || t === "false" || t === "null" ? NaN : Number(t);
          index = Number.isInteger(x) ? x : NaN;
        }
      } else sc.skip();
    });
    treeIndex[v] = index;
    if (!valueSeen || !shape || !indexSeen || Number.isNaN(index)) problems[v] = "shape";
    else if (account === undefined || token === undefined) problems[v] = "address";
    else if (!amountOk) {
      problems[v] = "amount";
      badAmounts.set(v, amount);
    } else {
      accountHex[v] = account;
      tokenHex[v] = token;
    }
    if (problems[v] !== undefined) {
      accounts.data.fill(0, 20 * v, 20 * v + 20);
      tokens.data.fill(0, 20 * v, 20 * v + 20);
    }
  };

  const readValues = () => {
    valuesArray = true;
    valueCount = 0;
    problems = [];
    badAmounts = new Map();
    accountHex = [];
    tokenHex = [];
    amountValue = [];
    treeIndex = [];
    sc.array((v) => {
      valueCount = v + 1;
      problems.push(undefined);
      readValue(v);
      if ((v & 0xffff) === 0) progress();
    });
  };

  if (sc.peek() === 0x7b) {
    isObject = true;
    sc.object((key) => {
      if (key === "format") format = readSmall();
      else if (key === "leafEncoding") leafEncoding = readSmall();
      else if (key === "tree" && sc.peek() === 0x5b) readTree();
      else if (key === "tree") {
        treeArray = false;
        sc.skip();
      } else if (key === "values" && sc.peek() === 0x5b) readValues();
      else if (key === "values") {
        valuesArray = false;
        sc.skip();
      } else sc.skip();
    });
  } else sc.skip();
  if (sc.peek() !== -1) sc.fail("unexpected data after the JSON value");
  onProgress?.(1);
  return {
    isObject,
    format,
    leafEncoding,
    arrays: treeArray && valuesArray,
    nodeCount,
    nodes: nodes.done(nodeCount),
    badNodes,
    valueCount,
    problems,
    badAmounts,
    accounts: accounts.done(valueCount),
    tokens: tokens.done(valueCount),
    amounts: amounts.done(valueCount),
    accountHex,
    tokenHex,
    amountValue,
    treeIndex: Float64Array.from(treeIndex),
  };
}
