import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sortByBytes } from "./sort-bytes";

function reference(bytes: Uint8Array, stride: number, n: number): number[] {
  const key = (i: number) => Buffer.from(bytes.subarray(stride * i, stride * i + stride));
  return Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Buffer.compare(key(a), key(b)) || a - b,
  );
}

describe("sorting byte strings", () => {
  it("orders like a byte-wise comparison, including long shared prefixes and duplicates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 12, maxLength: 12 }), { maxLength: 80 }),
        fc.nat(11),
        (items, shared) => {
          // force many items to share their first `shared` bytes (the packed-key collisions)
          const bytes = new Uint8Array(12 * items.length);
          items.forEach((it, i) => {
            bytes.set(it, 12 * i);
            if (i % 2 === 0) bytes.fill(7, 12 * i, 12 * i + shared);
          });
          if (items.length > 3) bytes.copyWithin(0, 12, 24); // a duplicate
          expect([...sortByBytes(bytes, 0, 12, 12, items.length)]).toEqual(
            reference(bytes, 12, items.length),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses keys shorter than 8 bytes", () => {
    expect(() => sortByBytes(new Uint8Array(8), 0, 4, 4, 2)).toThrow(/at least 8 bytes/);
  });
});
