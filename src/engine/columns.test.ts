import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { columnOf, unitColumn } from "./columns";

describe("unit columns", () => {
  it.each([
    ["64-bit", 2n ** 64n - 1n],
    ["128-bit", 2n ** 128n - 1n],
    ["bigint", 2n ** 256n],
  ])("%s storage keeps values exactly", (_, bound) => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: bound / 2n }), { minLength: 1, maxLength: 20 }),
        (values) => {
          const c = unitColumn(values.length, bound);
          values.forEach((v, i) => c.set(i, v));
          values.forEach((v, i) => c.add(i, v));
          expect(values.map((_, i) => c.get(i))).toEqual(values.map((v) => 2n * v));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuses values beyond its storage", () => {
    expect(() => unitColumn(1, 10n).set(0, 2n ** 64n)).toThrow(/out of range/);
    expect(() => unitColumn(1, 2n ** 100n).set(0, 2n ** 128n)).toThrow(/out of range/);
    expect(() => unitColumn(1, 10n).set(0, -1n)).toThrow(/out of range/);
    expect(columnOf([1n, 2n ** 300n]).get(1)).toBe(2n ** 300n);
  });
});
