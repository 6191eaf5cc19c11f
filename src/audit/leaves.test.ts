import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareLeaves, cumulativeDecreases, leafKey, leafMap, type Leaf } from "./leaves";

const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C = "0xcccccccccccccccccccccccccccccccccccccccc";
const T = "0x1111111111111111111111111111111111111111";
const U = "0x2222222222222222222222222222222222222222";
const leaf = (account: string, token: string, amount: bigint): Leaf => ({ account, token, amount });

describe("leafKey / leafMap", () => {
  it("keys by lowercase account and token, keeping the first of a duplicate", () => {
    expect(leafKey(A.toUpperCase().replace("0X", "0x"), T)).toBe(`${A}/${T}`);
    const m = leafMap([leaf(A, T, 1n), leaf(A, T, 2n), leaf(A, U, 3n)]);
    expect([...m.values()].map((l) => l.amount)).toEqual([1n, 3n]);
  });
});

describe("compareLeaves", () => {
  it("finds nothing between identical sets, whatever their order", () => {
    const set = [leaf(A, T, 10n), leaf(B, T, 5n), leaf(A, U, 7n)];
    expect(compareLeaves(set, [...set].reverse())).toEqual({
      amountDiffers: [],
      missing: [],
      extra: [],
      same: 3,
    });
  });

  it("names each leaf whose amount differs, that is missing, or that is extra, sorted", () => {
    const published = [leaf(C, T, 1n), leaf(B, T, 6n), leaf(A, T, 10n), leaf(A, U, 9n)];
    const recomputed = [leaf(A, T, 10n), leaf(B, T, 5n), leaf(B, U, 4n), leaf(A, U, 8n)];
    const cmp = compareLeaves(published, recomputed);
    expect(cmp.amountDiffers).toEqual([
      { account: A, token: U, published: 9n, recomputed: 8n },
      { account: B, token: T, published: 6n, recomputed: 5n },
    ]);
    expect(cmp.missing).toEqual([leaf(B, U, 4n)]);
    expect(cmp.extra).toEqual([leaf(C, T, 1n)]);
    expect(cmp.same).toBe(1);
  });
});

describe("cumulativeDecreases", () => {
  it("accepts growth, equality and new leaves", () => {
    expect(
      cumulativeDecreases(
        [leaf(A, T, 5n), leaf(B, T, 3n)],
        [leaf(A, T, 5n), leaf(B, T, 4n), leaf(C, T, 1n)],
      ),
    ).toEqual([]);
  });

  it("names a lower amount and a vanished leaf (as 0)", () => {
    expect(
      cumulativeDecreases(
        [leaf(B, T, 3n), leaf(A, T, 5n), leaf(A, U, 2n)],
        [leaf(A, T, 4n), leaf(B, T, 3n)],
      ),
    ).toEqual([
      { account: A, token: T, before: 5n, after: 4n },
      { account: A, token: U, before: 2n, after: 0n },
    ]);
  });
});

describe("the sorted fast paths", () => {
  const keyed = (l: Leaf) => `${l.account}/${l.token}`;
  const sorted = (ls: Leaf[]) => {
    const seen = new Map<string, Leaf>();
    for (const l of ls) if (!seen.has(keyed(l))) seen.set(keyed(l), l);
    return [...seen.values()].sort((a, b) =>
      keyed(a) < keyed(b) ? -1 : keyed(a) > keyed(b) ? 1 : 0,
    );
  };
  const leafArb = fc.record({
    account: fc.constantFrom(A, B, C),
    token: fc.constantFrom(T, U),
    amount: fc.bigInt({ min: 0n, max: 5n }),
  });
  it("give what the maps give on the same leaves in another order", () => {
    fc.assert(
      fc.property(fc.array(leafArb), fc.array(leafArb), fc.boolean(), (xs, ys, same) => {
        const a = sorted(xs);
        const b = same ? a.map((l, i) => ({ ...l, amount: l.amount + BigInt(i % 2) })) : sorted(ys);
        expect(compareLeaves(a, b)).toEqual(compareLeaves([...a].reverse(), [...b].reverse()));
        expect(cumulativeDecreases(a, b)).toEqual(
          cumulativeDecreases([...a].reverse(), [...b].reverse()),
        );
      }),
      { numRuns: 300 },
    );
  });
});
