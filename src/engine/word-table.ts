/**
 * An insertion-ordered set of fixed-width keys made of uint32 words (an address is 5 words), over
 * typed arrays: no per-key object, no string, and no limit on the number of keys but memory (a JS
 * Map stops at 2^24 entries). Entry i is the i-th distinct key inserted. Each slot holds the key's
 * hash, its index and a copy of the key, so a lookup touches a single place in memory (random
 * access into a large table is what costs: a cache and TLB miss each).
 */

/** Grows a typed array to at least `min` elements (doubling), keeping its contents. */
export function growTo<
  T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array,
>(array: T, min: number): T {
  if (array.length >= min) return array;
  let size = Math.max(16, array.length);
  while (size < min) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

export class WordTable {
  /** Number of distinct keys. */
  size = 0;
  /** Whether the last `add` inserted a new key. */
  inserted = false;
  /** keys[i·width … (i+1)·width) is key i. */
  keys: Uint32Array;
  /** Slots of `stride` words: hash, entry + 1 (0: empty), the key. */
  private slots: Uint32Array;
  private mask: number;
  private readonly stride: number;

  constructor(
    readonly width: number,
    expected = 1024,
  ) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.stride = width + 2;
    this.slots = new Uint32Array(this.stride * slots);
    this.mask = slots - 1;
    this.keys = new Uint32Array(expected * width);
  }

  private hash(src: Uint32Array, off: number): number {
    const width = this.width;
    let h = 0x9e3779b9 ^ width;
    for (let j = 0; j < width; j++) {
      h = Math.imul(h ^ src[off + j], 0x85ebca6b);
      h ^= h >>> 13;
    }
    h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** Index of the key at src[off …], inserting it if new (`inserted` tells which). */
  add(src: Uint32Array, off: number): number {
    const index = this.addHashed(src, off, this.hash(src, off));
    if (this.size * 2 > this.mask + 1) this.rehash();
    return index;
  }

  private partitionHashes = new Uint32Array(0);
  private partitionIndex = new Uint32Array(0);
  private partitionKeys = new Uint32Array(0);
  private batchHashes = new Uint32Array(0);

  /**
   * Indices of `count` keys at src[0 …] into out[0 …], inserting the new ones. The batch is first
   * laid out in order of slot (a radix partition: sequential reads, scattered writes), so that the
   * lookups sweep the table instead of jumping around it: the cost of a lookup falls from a memory
   * round trip to a cache hit. New keys are numbered in that order (deterministic for a batch).
   */
  addMany(src: Uint32Array, count: number, out: Uint32Array): void {
    const width = this.width;
    while ((this.size + count) * 4 > 3 * (this.mask + 1)) this.rehash();
    if (this.partitionHashes.length < count) {
      this.partitionHashes = new Uint32Array(count);
      this.partitionIndex = new Uint32Array(count);
      this.partitionKeys = new Uint32Array(count * width);
      this.batchHashes = new Uint32Array(count);
    }
    const batchHashes = this.batchHashes;
    const hashes = this.partitionHashes;
    const index = this.partitionIndex;
    const keys = this.partitionKeys;
    const mask = this.mask;
    const parts = Math.min(1 << 10, mask + 1);
    const shift = Math.log2(mask + 1) - Math.log2(parts);
    const starts = new Uint32Array(parts + 1);
    for (let i = 0; i < count; i++) {
      const h = this.hash(src, i * width);
      batchHashes[i] = h;
      starts[((h & mask) >>> shift) + 1]++;
    }
    for (let p = 0; p < parts; p++) starts[p + 1] += starts[p];
    for (let i = 0; i < count; i++) {
      const h = batchHashes[i];
      const k = starts[(h & mask) >>> shift]++;
      hashes[k] = h;
      index[k] = i;
      for (let j = 0; j < width; j++) keys[k * width + j] = src[i * width + j];
    }
    for (let k = 0; k < count; k++) out[index[k]] = this.addHashed(keys, k * width, hashes[k]);
  }

  /** `add` with the hash already computed; the caller keeps the table at most half full. */
  private addHashed(src: Uint32Array, off: number, h: number): number {
    const width = this.width;
    const slots = this.slots;
    const stride = this.stride;
    let slot = h & this.mask;
    for (;;) {
      const at = slot * stride;
      const e = slots[at + 1];
      if (e === 0) {
        const index = this.size++;
        if (this.keys.length < this.size * width) this.keys = growTo(this.keys, this.size * width);
        const keys = this.keys;
        slots[at] = h;
        slots[at + 1] = index + 1;
        for (let j = 0; j < width; j++) {
          slots[at + 2 + j] = src[off + j];
          keys[index * width + j] = src[off + j];
        }
        this.inserted = true;
        return index;
      }
      if (slots[at] === h) {
        let j = 0;
        while (j < width && slots[at + 2 + j] === src[off + j]) j++;
        if (j === width) {
          this.inserted = false;
          return e - 1;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private rehash(): void {
    const stride = this.stride;
    const size = 2 * (this.mask + 1);
    const slots = new Uint32Array(stride * size);
    const mask = size - 1;
    const old = this.slots;
    for (let s = 0; s < old.length; s += stride) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & mask;
      while (slots[slot * stride + 1] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(s, s + stride), slot * stride);
    }
    this.slots = slots;
    this.mask = mask;
  }
}
