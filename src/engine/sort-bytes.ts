/**
 * Sorting many fixed-length keys (32-byte leaf hashes, 20-byte addresses, 32-byte refs as words)
 * in big-endian (= lexicographic = numeric) order, fast: each item becomes one uint64 — the start
 * of its key, with its index in the low bits — sorted natively by BigUint64Array.prototype.sort
 * (no comparator callback); neighbours whose kept prefixes are equal are then put in order by a
 * full comparison. Ties between identical keys keep index order (a stable sort).
 */
import os from "node:os";

function compareAt(bytes: Uint8Array, a: number, b: number, length: number): number {
  for (let j = 0; j < length; j++) {
    const d = bytes[a + j] - bytes[b + j];
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Indices 0 … n−1 ordered by the byte strings bytes[base + stride·i, … + length).
 * `length` must be at least 8.
 */
export function sortByBytes(
  bytes: Uint8Array,
  base: number,
  stride: number,
  length: number,
  n: number,
): Uint32Array {
  if (length < 8) throw new Error("sortByBytes: keys must be at least 8 bytes");
  const fullCompare = (a: number, b: number) =>
    compareAt(bytes, base + stride * a, base + stride * b, length) || a - b;
  return sortByPrefix(n, fullCompare, (halves, lowMask) => {
    for (let i = 0; i < n; i++) {
      const p = base + stride * i;
      const hi =
        ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
      const lo =
        ((bytes[p + 4] << 24) | (bytes[p + 5] << 16) | (bytes[p + 6] << 8) | bytes[p + 7]) >>> 0;
      halves[2 * i] = ((lo & lowMask) | i) >>> 0;
      halves[2 * i + 1] = hi;
    }
  });
}

/**
 * Indices 0 … n−1 ordered by keys of `width` big-endian uint32 words (words[width·i …]); equal
 * keys keep index order. `width` must be at least 2.
 */
export function sortByWords(words: Uint32Array, width: number, n: number): Uint32Array {
  if (width < 2) throw new Error("sortByWords: keys must be at least 2 words");
  const fullCompare = (a: number, b: number) => {
    for (let j = 0; j < width; j++) {
      const x = words[width * a + j];
      const y = words[width * b + j];
      if (x !== y) return x < y ? -1 : 1;
    }
    return a - b;
  };
  return sortByPrefix(n, fullCompare, (halves, lowMask) => {
    for (let i = 0; i < n; i++) {
      halves[2 * i] = ((words[width * i + 1] & lowMask) | i) >>> 0;
      halves[2 * i + 1] = words[width * i];
    }
  });
}

/**
 * The sort shared by both: `pack(halves, lowMask)` writes item i's uint64 as two uint32 halves,
 * halves[2i + 1] = the first 32 bits of its key and halves[2i] = the next 32 bits masked by
 * `lowMask` with i in the low bits; `fullCompare` orders the items (index last) where those are
 * equal, or all of them when the uint64 trick does not apply (big-endian host, n ≥ 2^31).
 */
function sortByPrefix(
  n: number,
  fullCompare: (a: number, b: number) => number,
  pack: (halves: Uint32Array, lowMask: number) => void,
): Uint32Array {
  if (os.endianness() !== "LE" || n >= 2 ** 31) {
    return Uint32Array.from({ length: n }, (_, i) => i).sort(fullCompare);
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
  const keys = new BigUint64Array(n);
  const halves = new Uint32Array(keys.buffer);
  const lowMask = indexBits >= 32 ? 0 : (0xffffffff << indexBits) >>> 0;
  pack(halves, lowMask);
  keys.sort();
  const order = new Uint32Array(n);
  const indexMask = indexBits >= 32 ? 0xffffffff : (1 << indexBits) - 1;
  for (let i = 0; i < n; i++) order[i] = (halves[2 * i] & indexMask) >>> 0;
  // Fix runs whose kept prefix bits are equal (then the index bits decided, not the bytes).
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (
      j < n &&
      halves[2 * j + 1] === halves[2 * i + 1] &&
      (halves[2 * j] & lowMask) >>> 0 === (halves[2 * i] & lowMask) >>> 0
    ) {
      j++;
    }
    if (j - i > 1) order.subarray(i, j).sort(fullCompare);
    i = j;
  }
  return order;
}
