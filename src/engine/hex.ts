/**
 * Hex ⇄ big-endian uint32 words, straight from and to bytes (no intermediate strings), so that
 * 20-byte addresses and 32-byte refs can be keyed, sorted and compared as numbers. Word order is
 * big-endian, so comparing words in order compares the hex strings (lowercase) in order.
 */

/** Value of each byte as a hex digit, or −1. */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[0x61 + i] = 10 + i;
  HEX_VALUE[0x41 + i] = 10 + i;
}

/** Value of each pair of bytes (first · 256 + second) as two hex digits, or −1. */
const PAIR_VALUE = new Int16Array(65536).fill(-1);
for (let a = 0; a < 256; a++) {
  for (let b = 0; b < 256; b++) {
    if (HEX_VALUE[a] >= 0 && HEX_VALUE[b] >= 0)
      PAIR_VALUE[(a << 8) | b] = (HEX_VALUE[a] << 4) | HEX_VALUE[b];
  }
}

/**
 * Decodes `words` × 8 hex digits at bytes[start …] into out[off …]; false if any is not a hex digit.
 */
export function hexToWords(
  bytes: Uint8Array,
  start: number,
  words: number,
  out: Uint32Array,
  off: number,
): boolean {
  let p = start;
  for (let w = 0; w < words; w++) {
    const b0 = PAIR_VALUE[(bytes[p] << 8) | bytes[p + 1]];
    const b1 = PAIR_VALUE[(bytes[p + 2] << 8) | bytes[p + 3]];
    const b2 = PAIR_VALUE[(bytes[p + 4] << 8) | bytes[p + 5]];
    const b3 = PAIR_VALUE[(bytes[p + 6] << 8) | bytes[p + 7]];
    if ((b0 | b1 | b2 | b3) < 0) return false;
    out[off + w] = ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
    p += 8;
  }
  return true;
}

const scratch = new Uint8Array(64);

/** Decodes a `0x`-prefixed hex string of exactly `words` × 8 digits; false if it is not one. */
export function hexStringToWords(
  hex: string,
  words: number,
  out: Uint32Array,
  off: number,
): boolean {
  if (hex.length !== 2 + 8 * words || hex[0] !== "0" || hex[1] !== "x") return false;
  const bytes = words * 8 <= scratch.length ? scratch : new Uint8Array(words * 8);
  for (let i = 0; i < words * 8; i++) {
    const c = hex.charCodeAt(2 + i);
    if (c > 0x7f) return false;
    bytes[i] = c;
  }
  return hexToWords(bytes, 0, words, out, off);
}

const DIGITS = "0123456789abcdef";

/** `0x` + lowercase hex of words[off … off + words). */
export function wordsToHex(src: Uint32Array, off: number, words: number): string {
  let s = "0x";
  for (let w = 0; w < words; w++) {
    const v = src[off + w];
    for (let shift = 28; shift >= 0; shift -= 4) s += DIGITS[(v >>> shift) & 15];
  }
  return s;
}

/** Writes the bytes of words[off … off + words) big-endian into out[at …]. */
export function wordsToBytes(
  src: Uint32Array,
  off: number,
  words: number,
  out: Uint8Array,
  at: number,
): void {
  for (let w = 0; w < words; w++) {
    const v = src[off + w];
    out[at++] = v >>> 24;
    out[at++] = (v >>> 16) & 0xff;
    out[at++] = (v >>> 8) & 0xff;
    out[at++] = v & 0xff;
  }
}
