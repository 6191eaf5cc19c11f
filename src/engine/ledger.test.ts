import { describe, expect, it } from "vitest";
import { RewardLedger } from "./ledger";

const column = (c: { get(i: number): bigint }, n: number) =>
  Array.from({ length: n }, (_, i) => c.get(i));

describe("reward ledger", () => {
  it("carries a token's dust into its next pool and accumulates entitlements", () => {
    const ledger = new RewardLedger(["0xaa", "0xbb"], 3, [2000n, 50n]);
    expect(ledger.available(0, 1000n)).toBe(1000n);
    const payees1 = Uint32Array.from([2, 0]);
    ledger.begin(0, new Uint32Array(0));
    ledger.pay(0, payees1, 0, 1, 600n);
    ledger.pay(0, payees1, 1, 2, 397n);
    expect(ledger.close(0, 1000n, 997n)).toEqual({
      pool: 1000n,
      carriedIn: 0n,
      allocated: 997n,
      dust: 3n,
      cumulative: 997n,
    });
    expect(ledger.available(0, 1000n)).toBe(1003n);
    expect(ledger.available(1, 50n)).toBe(50n); // the other token has its own carry
    const payees2 = Uint32Array.from([0, 1]);
    ledger.begin(0, payees1);
    ledger.pay(0, payees2, 0, 1, 1000n);
    ledger.pay(0, payees2, 1, 2, 3n);
    expect(ledger.close(0, 1000n, 1003n)).toEqual({
      pool: 1000n,
      carriedIn: 3n,
      allocated: 1003n,
      dust: 0n,
      cumulative: 2000n,
    });
    expect(column(ledger.cumulative[0], 3)).toEqual([1397n, 3n, 600n]);
    expect(column(ledger.latest[0], 3)).toEqual([1000n, 3n, 0n]); // account 2 got nothing this time
    expect(column(ledger.cumulative[1], 3)).toEqual([0n, 0n, 0n]);
  });

  it("a token absent from an epoch still splits its carried dust", () => {
    const ledger = new RewardLedger(["0xaa"], 1, [10n]);
    ledger.pay(0, [0], 0, 1, 7n);
    ledger.close(0, 10n, 7n);
    expect(ledger.available(0, 0n)).toBe(3n);
  });

  it("refuses allocations above the pool", () => {
    const ledger = new RewardLedger(["0xaa"], 1, [10n]);
    expect(() => ledger.close(0, 10n, 11n)).toThrow(/exceed/);
  });

  it("holds amounts beyond 2^128", () => {
    const big = 2n ** 200n;
    const ledger = new RewardLedger(["0xaa"], 1, [big]);
    ledger.pay(0, [0], 0, 1, big - 1n);
    expect(ledger.cumulative[0].get(0)).toBe(big - 1n);
  });
});
