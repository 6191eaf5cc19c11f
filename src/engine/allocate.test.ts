import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { splitPool } from "./allocate";

describe("splitting a pool", () => {
  it("rank-linear weighs N − rank + 1 and rounds down", () => {
    // ranks 1, 2, 2, 4 (N = 4): weights 4, 3, 3, 1 = 11; 1000 · w / 11
    const s = splitPool(1000n, "rank-linear", [1, 2, 2, 4], () => 0n);
    expect(s.amounts).toEqual([363n, 272n, 272n, 90n]);
    expect(s.allocated).toBe(997n);
    expect(s.dust).toBe(3n);
  });

  it("participants sharing a rank share an amount", () => {
    const s = splitPool(10n ** 21n, "rank-linear", [1, 1, 1], () => 0n);
    expect(s.amounts).toEqual([
      333333333333333333333n,
      333333333333333333333n,
      333333333333333333333n,
    ]);
    expect(s.dust).toBe(1n);
  });

  it("score is pro rata", () => {
    const scores = [6n, 3n, 1n];
    const s = splitPool(100n, "score", [1, 2, 3], (i) => scores[i]);
    expect(s.amounts).toEqual([60n, 30n, 10n]);
    expect(s.dust).toBe(0n);
    const t = splitPool(10n, "score", [1, 2, 2], (i) => [5n, 1n, 1n][i]);
    expect(t.amounts).toEqual([7n, 1n, 1n]); // 50/7, 10/7, 10/7
    expect(t.dust).toBe(1n);
  });

  it("with nobody ranked, the whole pool is dust", () => {
    expect(splitPool(500n, "rank-linear", [], () => 0n)).toEqual({
      amounts: [],
      allocated: 0n,
      dust: 500n,
    });
  });

  it("never allocates more than the pool, and the dust is below the number of participants", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 9n }), { minLength: 1, maxLength: 50 }),
        fc.constantFrom("rank-linear" as const, "score" as const),
        (pool, raw, curve) => {
          const scores = [...raw].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
          const ranks = scores.map((s) => 1 + scores.filter((x) => x > s).length);
          const split = splitPool(pool, curve, ranks, (i) => scores[i]);
          const sum = split.amounts.reduce((a, b) => a + b, 0n);
          expect(sum).toBe(split.allocated);
          expect(sum <= pool).toBe(true);
          expect(split.dust).toBe(pool - sum);
          expect(split.dust < BigInt(scores.length)).toBe(true);
          // better ranks never get less
          for (let i = 1; i < scores.length; i++)
            expect(split.amounts[i] <= split.amounts[i - 1]).toBe(true);
        },
      ),
    );
  });
});
