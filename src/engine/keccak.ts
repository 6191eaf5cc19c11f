/**
 * Keccak-256 over the WebAssembly kernels (keccak-wasm.ts): a sponge that hashes data already in
 * a kernel instance's memory (the engine writes tree.json there and hashes it on the way out),
 * and a one-shot `keccak256` for everything else.
 */
import { HEAP_BASE, RATE, instantiateKeccak, type KeccakKernels } from "./keccak-wasm";

const PAGE = 65536;

/** Grows a kernel instance's memory so that [0, bytes) is addressable. */
export function ensureMemory(k: KeccakKernels, bytes: number): void {
  if (bytes > 2 ** 32)
    throw new Error(`needs ${bytes} bytes of WebAssembly memory (the limit is 4 GiB)`);
  const missing = Math.ceil((bytes - k.memory.buffer.byteLength) / PAGE);
  if (missing > 0) k.memory.grow(missing);
}

/** An incremental Keccak-256 whose 336 bytes of state live at `at` in the kernels' memory. */
export class MemorySponge {
  private pending = 0;

  constructor(
    private readonly k: KeccakKernels,
    private readonly at: number,
  ) {
    new Uint8Array(k.memory.buffer, at, 200 + RATE).fill(0);
  }

  private get block(): number {
    return this.at + 200;
  }

  /** Absorbs memory[ptr, ptr + length). */
  update(ptr: number, length: number): void {
    const mem = new Uint8Array(this.k.memory.buffer);
    if (this.pending > 0) {
      const take = Math.min(RATE - this.pending, length);
      mem.copyWithin(this.block + this.pending, ptr, ptr + take);
      this.pending += take;
      ptr += take;
      length -= take;
      if (this.pending < RATE) return;
      this.k.absorb(this.at, this.block, 1);
      this.pending = 0;
    }
    const blocks = Math.floor(length / RATE);
    // many small calls let the engine tier the kernel up early
    for (let b = 0; b < blocks; b += 4096) {
      this.k.absorb(this.at, ptr + b * RATE, Math.min(4096, blocks - b));
    }
    ptr += blocks * RATE;
    length -= blocks * RATE;
    mem.copyWithin(this.block, ptr, ptr + length);
    this.pending = length;
  }

  /** The hash of everything absorbed; the sponge must not be used afterwards. */
  digest(): Uint8Array {
    const mem = new Uint8Array(this.k.memory.buffer);
    mem.fill(0, this.block + this.pending, this.block + RATE);
    mem[this.block + this.pending] ^= 0x01;
    mem[this.block + RATE - 1] ^= 0x80;
    this.k.absorb(this.at, this.block, 1);
    return mem.slice(this.at, this.at + 32);
  }
}

let shared: KeccakKernels | undefined;

/** keccak256 of `data`, as 0x-prefixed hex. */
export function keccak256(data: Uint8Array): string {
  shared ??= instantiateKeccak();
  const spongeAt = HEAP_BASE;
  const dataAt = HEAP_BASE + 512;
  ensureMemory(shared, dataAt + data.length);
  new Uint8Array(shared.memory.buffer).set(data, dataAt);
  const sponge = new MemorySponge(shared, spongeAt);
  sponge.update(dataAt, data.length);
  return `0x${Buffer.from(sponge.digest()).toString("hex")}`;
}
