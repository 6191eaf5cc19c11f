import { describe, expect, it } from "vitest";
import { leafKey, type Leaf } from "./leaves";
import { claimedTotals, outstandingTotals } from "./totals";

const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const T = "0x1111111111111111111111111111111111111111";
const U = "0x2222222222222222222222222222222222222222";
const leaves: Leaf[] = [
  { account: A, token: T, amount: 100n },
  { account: B, token: T, amount: 50n },
  { account: A, token: U, amount: 7n },
];

describe("outstandingTotals", () => {
  it("fits when the balance covers cumulative − claimed, to the unit", () => {
    const claimed = new Map([[leafKey(A, T), 30n]]);
    const totals = outstandingTotals(
      leaves,
      claimed,
      new Map([
        [T, 120n],
        [U, 7n],
      ]),
    );
    expect(totals).toEqual([
      {
        token: T,
        cumulative: 150n,
        claimed: 30n,
        outstanding: 120n,
        balance: 120n,
        fits: true,
        shortfall: 0n,
      },
      {
        token: U,
        cumulative: 7n,
        claimed: 0n,
        outstanding: 7n,
        balance: 7n,
        fits: true,
        shortfall: 0n,
      },
    ]);
  });

  it("names the shortfall when the balance is one unit short, or the token unfunded", () => {
    const totals = outstandingTotals(leaves, new Map(), new Map([[T, 149n]]));
    expect(totals.map((t) => [t.token, t.fits, t.shortfall])).toEqual([
      [T, false, 1n],
      [U, false, 7n],
    ]);
  });

  it("caps a claim above a leaf at the leaf (a decrease is reported elsewhere) and lists funded tokens without leaves", () => {
    const W = "0x3333333333333333333333333333333333333333";
    const claimed = new Map([[leafKey(B, T), 80n]]);
    const totals = outstandingTotals(
      leaves,
      claimed,
      new Map([
        [T, 100n],
        [U, 7n],
        [W, 5n],
      ]),
    );
    expect(totals[0]).toMatchObject({ claimed: 50n, outstanding: 100n, fits: true });
    expect(totals[2]).toMatchObject({
      token: W,
      cumulative: 0n,
      outstanding: 0n,
      balance: 5n,
      fits: true,
    });
  });
});

describe("claimedTotals", () => {
  it("sums claim events per account and token", () => {
    const m = claimedTotals([
      { account: A, token: T, amount: 5n },
      { account: A.toUpperCase().replace("0X", "0x"), token: T, amount: 6n },
      { account: B, token: T, amount: 1n },
    ]);
    expect(m).toEqual(
      new Map([
        [leafKey(A, T), 11n],
        [leafKey(B, T), 1n],
      ]),
    );
  });
});
