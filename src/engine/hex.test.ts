import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hexStringToWords, hexToWords, wordsToBytes, wordsToHex } from "./hex";

describe("hex ⇄ words", () => {
  it("round-trips in either letter case and matches the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString("hex");
        const words = new Uint32Array(8);
        expect(hexStringToWords(`0x${upper ? hex.toUpperCase() : hex}`, 8, words, 0)).toBe(true);
        expect(wordsToHex(words, 0, 8)).toBe(`0x${hex}`);
        const back = new Uint8Array(32);
        wordsToBytes(words, 0, 8, back, 0);
        expect(back).toEqual(bytes);
      }),
    );
  });

  it("refuses anything that is not exactly that many hex digits", () => {
    const w = new Uint32Array(5);
    expect(hexStringToWords(`0x${"a".repeat(39)}`, 5, w, 0)).toBe(false);
    expect(hexStringToWords(`0X${"a".repeat(40)}`, 5, w, 0)).toBe(false);
    expect(hexStringToWords(`0x${"a".repeat(39)}g`, 5, w, 0)).toBe(false);
    expect(hexStringToWords(`0x${"a".repeat(39)}ａ`, 5, w, 0)).toBe(false); // a non-ASCII look-alike
    expect(hexToWords(Buffer.from("0123456:"), 0, 1, w, 0)).toBe(false);
  });
});
