/**
 * An insertion-ordered set of fixed-width keys made of uint32 words (addresses are 5 words, refs
 * 8), over typed arrays: no per-key object, no string, and no limit on the number of keys but
 * memory (a JS Map stops at 2^24 entries). Entry i is the i-th distinct key inserted.
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
  private hashes: Uint32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(
    readonly width: number,
    expected = 1024,
  ) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.keys = new Uint32Array(expected * width);
    this.hashes = new Uint32Array(expected);
  }

  private hash(src: Uint32Array, off: number): number {
    let h = 0x9e3779b9 ^ this.width;
    for (let j = 0; j < this.width; j++) {
      h = Math.imul(h ^ src[off + j], 0x85ebca6b);
      h ^= h >>> 13;
    }
    h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** Index of the key at src[off …], inserting it if new (`inserted` tells which). */
  add(src: Uint32Array, off: number): number {
    const h = this.hash(src, off);
    const width = this.width;
    let slot = h & this.mask;
    for (;;) {
      const e = this.slots[slot];
      if (e < 0) break;
      if (this.hashes[e] === h) {
        const base = e * width;
        let same = true;
        for (let j = 0; j < width; j++) {
          if (this.keys[base + j] !== src[off + j]) {
            same = false;
            break;
          }
        }
        if (same) {
          this.inserted = false;
          return e;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const index = this.size++;
    if (this.hashes.length < this.size) {
      this.hashes = growTo(this.hashes, this.size);
      this.keys = growTo(this.keys, this.size * width);
    }
    this.hashes[index] = h;
    for (let j = 0; j < width; j++) this.keys[index * width + j] = src[off + j];
    this.slots[slot] = index;
    this.inserted = true;
    if (this.size * 2 > this.slots.length) this.rehash();
    return index;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let slot = this.hashes[e] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
