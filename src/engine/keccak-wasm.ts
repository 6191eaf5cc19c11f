/**
 * Keccak-256 kernels in WebAssembly, generated from this file (see wasm.ts for the encoder).
 *
 * The engine hashes a lot: a 1,000,000-leaf tree is 3,000,000 Keccak permutations and its dump is
 * hundreds of megabytes to hash again. Pure-JavaScript Keccak costs 3–11 µs per 64-byte hash on the
 * reference machine; these kernels work on WebAssembly's native 64-bit lanes, in batches, with no
 * per-hash call or allocation. They are checked against @noble/hashes (via ethers) in
 * keccak.test.ts; nothing here is trusted without that oracle.
 *
 * Memory layout: bytes [0, 192) hold the 24 round constants, [192, 208) the hex digits;
 * callers use memory from HEAP_BASE on.
 */
import { Body, I32, I64, assembleModule, type FunctionDef, type ValType } from "./wasm";

/** First byte of memory free for callers. */
export const HEAP_BASE = 256;
const RC_OFFSET = 0;
const HEX_OFFSET = 192;

/** Keccak-f[1600] round constants (FIPS 202, section 3.2.5). */
const ROUND_CONSTANTS: readonly bigint[] = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];

/** ρ offsets by lane index x + 5y, derived as in FIPS 202 algorithm 2. */
const RHO: readonly number[] = (() => {
  const r = new Array<number>(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    r[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return r;
})();

/** Keccak's rate for a 256-bit output: 136 bytes = 17 lanes. */
export const RATE = 136;
const PAD_FIRST = 0x01n;
const PAD_LAST = BigInt.asIntN(64, 0x8000000000000000n);

interface Locals {
  p: number[];
  a: number[];
  b: number[];
  c: number[];
  d: number;
  round: number;
  t: number[];
}

function kernel(
  name: string,
  params: number,
  temps: number,
  results: ValType[],
  build: (body: Body, l: Locals) => void,
): FunctionDef {
  const p = Array.from({ length: params }, (_, i) => i);
  const a = Array.from({ length: 25 }, (_, i) => params + i);
  const b = Array.from({ length: 25 }, (_, i) => params + 25 + i);
  const c = Array.from({ length: 5 }, (_, i) => params + 50 + i);
  const d = params + 55;
  const round = params + 56;
  const t = Array.from({ length: temps }, (_, i) => params + 57 + i);
  const body = new Body();
  build(body, { p, a, b, c, d, round, t });
  return {
    name,
    params: p.map(() => I32),
    results,
    locals: [
      [56, I64],
      [1 + temps, I32],
    ],
    body,
  };
}

/** The 24 rounds of Keccak-f[1600] over the lanes held in locals `a` (state) with `b`, `c`, `d` as scratch. */
function permute(w: Body, l: Locals): void {
  const { a, b, c, d, round } = l;
  w.i32(0).set(round);
  w.loop();
  // θ
  for (let x = 0; x < 5; x++) {
    w.get(a[x])
      .get(a[x + 5])
      .op("i64.xor")
      .get(a[x + 10])
      .op("i64.xor");
    w.get(a[x + 15])
      .op("i64.xor")
      .get(a[x + 20])
      .op("i64.xor")
      .set(c[x]);
  }
  for (let x = 0; x < 5; x++) {
    w.get(c[(x + 4) % 5])
      .get(c[(x + 1) % 5])
      .i64(1n)
      .op("i64.rotl")
      .op("i64.xor")
      .set(d);
    for (let y = 0; y < 5; y++)
      w.get(a[x + 5 * y])
        .get(d)
        .op("i64.xor")
        .set(a[x + 5 * y]);
  }
  // ρ and π
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      w.get(a[x + 5 * y]);
      if (RHO[x + 5 * y] !== 0) w.i64(BigInt(RHO[x + 5 * y])).op("i64.rotl");
      w.set(b[y + 5 * ((2 * x + 3 * y) % 5)]);
    }
  }
  // χ
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      w.get(b[((x + 1) % 5) + 5 * y])
        .i64(-1n)
        .op("i64.xor");
      w.get(b[((x + 2) % 5) + 5 * y]).op("i64.and");
      w.get(b[x + 5 * y])
        .op("i64.xor")
        .set(a[x + 5 * y]);
    }
  }
  // ι
  w.get(a[0]).get(round).i32(3).op("i32.shl").load64(RC_OFFSET).op("i64.xor").set(a[0]);
  w.get(round).i32(1).op("i32.add").tee(round).i32(24).op("i32.ne").brIf(0);
  w.end();
}

/** Sets lanes [from, 25) for a single-block message whose last data lane is `from - 1`. */
function padSingleBlock(w: Body, l: Locals, from: number): void {
  for (let j = from; j < 25; j++) {
    if (j === from) w.i64(PAD_FIRST);
    else if (j === RATE / 8 - 1) w.i64(PAD_LAST);
    else w.i64(0n);
    w.set(l.a[j]);
  }
}

/** `absorb(state, src, blocks)`: XORs `blocks` full 136-byte blocks into the 200-byte state at `state`, permuting after each. */
const absorb = kernel("absorb", 3, 0, [], (w, l) => {
  const [state, src, blocks] = l.p;
  for (let j = 0; j < 25; j++)
    w.get(state)
      .load64(8 * j)
      .set(l.a[j]);
  w.block().loop();
  w.get(blocks).op("i32.eqz").brIf(1);
  for (let j = 0; j < RATE / 8; j++)
    w.get(l.a[j])
      .get(src)
      .load64(8 * j)
      .op("i64.xor")
      .set(l.a[j]);
  permute(w, l);
  w.get(src).i32(RATE).op("i32.add").set(src);
  w.get(blocks).i32(1).op("i32.sub").set(blocks);
  w.br(0).end().end();
  for (let j = 0; j < 25; j++)
    w.get(state)
      .get(l.a[j])
      .store64(8 * j);
});

/**
 * `leafHashes(src, count, dst)`: for each 96-byte input at `src`, writes keccak256(keccak256(input))
 * (OpenZeppelin's double-hashed standard leaf of an ABI-encoded `(address, address, uint256)`) to `dst`.
 */
const leafHashes = kernel("leafHashes", 3, 0, [], (w, l) => {
  const [src, count, dst] = l.p;
  w.block().loop();
  w.get(count).op("i32.eqz").brIf(1);
  for (let j = 0; j < 12; j++)
    w.get(src)
      .load64(8 * j)
      .set(l.a[j]);
  padSingleBlock(w, l, 12);
  permute(w, l);
  padSingleBlock(w, l, 4);
  permute(w, l);
  for (let j = 0; j < 4; j++)
    w.get(dst)
      .get(l.a[j])
      .store64(8 * j);
  w.get(src).i32(96).op("i32.add").set(src);
  w.get(dst).i32(32).op("i32.add").set(dst);
  w.get(count).i32(1).op("i32.sub").set(count);
  w.br(0).end().end();
});

/**
 * `nodeHashes(tree, hi, lo)`: in a heap-ordered tree of 32-byte nodes at `tree` (children of node i
 * at 2i+1 and 2i+2), computes nodes hi, hi−1, …, lo as keccak256 of the two children, smaller first.
 */
const nodeHashes = kernel("nodeHashes", 3, 4, [], (w, l) => {
  const [tree, hi, lo] = l.p;
  const [left, right, k, swap] = l.t;
  w.block().loop();
  w.get(hi).get(lo).op("i32.lt_s").brIf(1);
  // left = tree + 32(2i+1), right = left + 32
  w.get(tree).get(hi).i32(6).op("i32.shl").op("i32.add").i32(32).op("i32.add").tee(left);
  w.i32(32).op("i32.add").set(right);
  // swap = left > right, comparing bytes big-endian; equal nodes keep their order
  w.i32(0).set(swap).i32(0).set(k);
  w.block().loop();
  w.get(left).get(k).op("i32.add").load8().get(right).get(k).op("i32.add").load8().op("i32.ne");
  w.if();
  w.get(left).get(k).op("i32.add").load8().get(right).get(k).op("i32.add").load8().op("i32.gt_u");
  w.set(swap).br(2);
  w.end();
  w.get(k).i32(1).op("i32.add").tee(k).i32(32).op("i32.ne").brIf(0);
  w.end().end();
  w.get(swap).if();
  w.get(left).get(right).set(left).set(right);
  w.end();
  for (let j = 0; j < 4; j++)
    w.get(left)
      .load64(8 * j)
      .set(l.a[j]);
  for (let j = 0; j < 4; j++)
    w.get(right)
      .load64(8 * j)
      .set(l.a[4 + j]);
  padSingleBlock(w, l, 8);
  permute(w, l);
  for (let j = 0; j < 4; j++)
    w.get(tree)
      .get(hi)
      .i32(5)
      .op("i32.shl")
      .op("i32.add")
      .get(l.a[j])
      .store64(8 * j);
  w.get(hi).i32(1).op("i32.sub").set(hi);
  w.br(0).end().end();
});

/** `toHex(src, count, dst)`: writes the 2·count lowercase hex digits of `count` bytes at `src` to `dst`. */
const toHex = kernel("toHex", 3, 1, [], (w, l) => {
  const [src, count, dst] = l.p;
  const [byte] = l.t;
  w.block().loop();
  w.get(count).op("i32.eqz").brIf(1);
  w.get(src).load8().set(byte);
  w.get(dst).get(byte).i32(4).op("i32.shr_u").load8(HEX_OFFSET).store8(0);
  w.get(dst).get(byte).i32(15).op("i32.and").load8(HEX_OFFSET).store8(1);
  w.get(src).i32(1).op("i32.add").set(src);
  w.get(dst).i32(2).op("i32.add").set(dst);
  w.get(count).i32(1).op("i32.sub").set(count);
  w.br(0).end().end();
});

/**
 * Writes `"0x<64 hex digits>",` (69 bytes) at `out`, the digits of node `node` read at
 * `hex + 64·node`, and advances `out` past it (`hex`, `node`, `out`: locals).
 */
function writeQuotedNode(w: Body, hex: number, node: number, out: number): void {
  const QUOTE = 0x22;
  const COMMA = 0x2c;
  w.get(out).i32(QUOTE).store8(0);
  w.get(out).i32(0x30).store8(1);
  w.get(out).i32(0x78).store8(2);
  for (let j = 0; j < 8; j++) {
    w.get(out)
      .get(hex)
      .get(node)
      .i32(6)
      .op("i32.shl")
      .op("i32.add")
      .load64(8 * j)
      .store64(3 + 8 * j);
  }
  w.get(out).i32(QUOTE).store8(67);
  w.get(out).i32(COMMA).store8(68);
  w.get(out).i32(69).op("i32.add").set(out);
}

/**
 * `writeProof(hex, index, out) → end`: writes the JSON array items `"0x…","0x…"` of the proof of
 * node `index` (its siblings up to the root) to `out`, reading each node's 64 hex digits from
 * `hex + 64·node`, and returns the end of what it wrote.
 */
const writeProof = kernel("writeProof", 3, 2, [I32], (w, l) => {
  const [hex, index, out] = l.p;
  const [sibling, start] = l.t;
  w.get(out).set(start);
  w.block().loop();
  w.get(index).op("i32.eqz").brIf(1);
  // sibling = odd index ? index + 1 : index − 1
  w.get(index).i32(1).op("i32.add").get(index).i32(1).op("i32.sub");
  w.get(index).i32(1).op("i32.and").select().set(sibling);
  writeQuotedNode(w, hex, sibling, out);
  // index = (index − 1) / 2
  w.get(index).i32(1).op("i32.sub").i32(1).op("i32.shr_u").set(index);
  w.br(0).end().end();
  // drop the trailing comma, if anything was written
  w.get(out).i32(1).op("i32.sub").get(out).get(out).get(start).op("i32.ne").select();
});

/**
 * `writeNodes(hex, first, count, out) → end`: writes `"0x…",` for nodes first … first+count−1
 * (64 hex digits each at `hex + 64·node`) to `out` and returns the end of what it wrote (after the
 * last comma).
 */
const writeNodes = kernel("writeNodes", 4, 0, [I32], (w, l) => {
  const [hex, first, count, out] = l.p;
  w.block().loop();
  w.get(count).op("i32.eqz").brIf(1);
  writeQuotedNode(w, hex, first, out);
  w.get(first).i32(1).op("i32.add").set(first);
  w.get(count).i32(1).op("i32.sub").set(count);
  w.br(0).end().end();
  w.get(out);
});

function staticData(): Uint8Array {
  const bytes = new Uint8Array(HEX_OFFSET + 16);
  const view = new DataView(bytes.buffer);
  ROUND_CONSTANTS.forEach((rc, i) => view.setBigUint64(RC_OFFSET + 8 * i, rc, true));
  bytes.set(Buffer.from("0123456789abcdef", "latin1"), HEX_OFFSET);
  return bytes;
}

/** The part of WebAssembly's API used here (the project's TypeScript lib has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The exported kernels of an instance. */
export interface KeccakKernels {
  memory: WasmMemory;
  absorb(state: number, src: number, blocks: number): void;
  leafHashes(src: number, count: number, dst: number): void;
  nodeHashes(tree: number, hi: number, lo: number): void;
  toHex(src: number, count: number, dst: number): void;
  writeProof(hex: number, index: number, out: number): number;
  writeNodes(hex: number, first: number, count: number, out: number): number;
}

let compiled: object | undefined;

/** A fresh instance (its own memory) of the kernels; the module is compiled once per process. */
export function instantiateKeccak(): KeccakKernels {
  compiled ??= new wasm.Module(
    assembleModule({
      memoryPages: 1,
      data: { offset: 0, bytes: staticData() },
      functions: [absorb, leafHashes, nodeHashes, toHex, writeProof, writeNodes],
    }),
  );
  return new wasm.Instance(compiled, {}).exports as KeccakKernels;
}
