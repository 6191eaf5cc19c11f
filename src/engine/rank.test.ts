import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rankParticipants } from "./rank";

describe("competition ranking", () => {
  it("ranks 1, 2, 2, 4 and leaves zero scores unranked", () => {
    // ids 0..4; address order given by tieOrder: 3, 1, 0, 4, 2
    const scores = [50n, 70n, 0n, 50n, 10n];
    const { order, ranks } = rankParticipants(scores, Uint32Array.from([3, 1, 0, 4, 2]));
    expect([...order]).toEqual([1, 3, 0, 4]); // 70; 50 (id 3 before id 0: address order); 10
    expect([...ranks]).toEqual([1, 2, 2, 4]);
  });

  it("shares rank 1 when everyone ties, in address order", () => {
    const { order, ranks } = rankParticipants([5n, 5n, 5n], Uint32Array.from([2, 0, 1]));
    expect([...order]).toEqual([2, 0, 1]);
    expect([...ranks]).toEqual([1, 1, 1]);
  });

  it("ranks nobody when every score is zero", () => {
    const r = rankParticipants([0n, 0n], Uint32Array.from([0, 1]));
    expect(r.order.length).toBe(0);
  });

  it("handles scores beyond 2^53 exactly", () => {
    const big = 2n ** 60n;
    const { order, ranks } = rankParticipants([big, big + 1n, big], Uint32Array.from([0, 1, 2]));
    expect([...order]).toEqual([1, 0, 2]);
    expect([...ranks]).toEqual([1, 2, 2]);
  });

  it("the fast path and the bigint path agree", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 20n }), { maxLength: 60 }), (scores) => {
        const tie = Uint32Array.from(scores.map((_, i) => i).reverse());
        const a = rankParticipants(scores, tie);
        const b = rankParticipants(scores, tie, true);
        expect([...a.order]).toEqual([...b.order]);
        expect([...a.ranks]).toEqual([...b.ranks]);
        // rank = 1 + number of strictly higher scores
        a.order.forEach((id, i) => {
          expect(a.ranks[i]).toBe(1 + scores.filter((s) => s > scores[id]).length);
        });
      }),
    );
  });
});
