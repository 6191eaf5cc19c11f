/**
 * A minimal WebAssembly binary writer: just enough to emit the engine's Keccak kernels
 * (keccak-wasm.ts) as readable TypeScript instead of an opaque binary blob. Integers are LEB128
 * encoded as the WebAssembly core specification (section 5.2.2) requires.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export type ValType = typeof I32 | typeof I64;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new Error(`uleb: ${value} is not a uint`);
  const out: number[] = [];
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 64-bit two's-complement value (bigint, any sign). */
function sleb(value: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, "utf8")];
  return [...uleb(bytes.length), ...bytes];
}

/** Instruction stream of one function body, with the few opcodes the kernels use. */
export class Body {
  readonly bytes: number[] = [];

  private emit(...b: number[]): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }

  get(local: number): this {
    return this.emit(0x20, ...uleb(local));
  }
  set(local: number): this {
    return this.emit(0x21, ...uleb(local));
  }
  tee(local: number): this {
    return this.emit(0x22, ...uleb(local));
  }
  i32(value: number): this {
    return this.emit(0x41, ...sleb(BigInt(value)));
  }
  i64(value: bigint): this {
    return this.emit(0x42, ...sleb(value));
  }
  /** i64.load with the natural 8-byte alignment hint. */
  load64(offset = 0): this {
    return this.emit(0x29, 3, ...uleb(offset));
  }
  store64(offset = 0): this {
    return this.emit(0x37, 3, ...uleb(offset));
  }
  load8(offset = 0): this {
    return this.emit(0x2d, 0, ...uleb(offset));
  }
  store8(offset = 0): this {
    return this.emit(0x3a, 0, ...uleb(offset));
  }
  /** Structured control: `block`/`loop`/`if` with no result, closed by `end`. */
  block(): this {
    return this.emit(0x02, 0x40);
  }
  loop(): this {
    return this.emit(0x03, 0x40);
  }
  if(): this {
    return this.emit(0x04, 0x40);
  }
  end(): this {
    return this.emit(0x0b);
  }
  br(depth: number): this {
    return this.emit(0x0c, ...uleb(depth));
  }
  brIf(depth: number): this {
    return this.emit(0x0d, ...uleb(depth));
  }
  select(): this {
    return this.emit(0x1b);
  }
  op(opcode: keyof typeof OPS): this {
    return this.emit(OPS[opcode]);
  }
}

const OPS = {
  "i32.eqz": 0x45,
  "i32.ne": 0x47,
  "i32.lt_s": 0x48,
  "i32.gt_u": 0x4b,
  "i32.add": 0x6a,
  "i32.sub": 0x6b,
  "i32.and": 0x71,
  "i32.shl": 0x74,
  "i32.shr_u": 0x76,
  "i64.and": 0x83,
  "i64.xor": 0x85,
  "i64.rotl": 0x89,
} as const;

export interface FunctionDef {
  name: string;
  params: ValType[];
  results: ValType[];
  /** Declared locals after the parameters, as (count, type) runs. */
  locals: [number, ValType][];
  body: Body;
}

/** A module with one exported, growable memory (`memory`), one data segment and the functions. */
export function assembleModule(opts: {
  memoryPages: number;
  data: { offset: number; bytes: Uint8Array };
  functions: FunctionDef[];
}): Uint8Array {
  const types: number[][] = [];
  const typeIndex: number[] = [];
  for (const f of opts.functions) {
    const sig = [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))];
    let i = types.findIndex((t) => t.length === sig.length && t.every((b, j) => b === sig[j]));
    if (i < 0) i = types.push(sig) - 1;
    typeIndex.push(i);
  }
  const exports = [
    [...name("memory"), 0x02, 0x00],
    ...opts.functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
  ];
  const code = opts.functions.map((f) => {
    const body = [
      ...vec(f.locals.map(([count, type]) => [...uleb(count), type])),
      ...f.body.bytes,
      0x0b,
    ];
    return [...uleb(body.length), ...body];
  });
  const data = [
    0x00,
    0x41,
    ...sleb(BigInt(opts.data.offset)),
    0x0b,
    ...uleb(opts.data.bytes.length),
  ];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(typeIndex.map((i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(opts.memoryPages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(code)),
    ...section(11, [...uleb(1), ...data, ...opts.data.bytes]),
  ];
  return Uint8Array.from(bytes);
}
