import { describe, expect, it } from "vitest";
import { RewardLedger } from "./ledger";

describe("reward ledger", () => {
  it("carries a token's dust into its next pool and accumulates entitlements", () => {
    const ledger = new RewardLedger(["0xaa", "0xbb"], 3);
    expect(ledger.available(0, 1000n)).toBe(1000n);
    const e1 = ledger.record(0, 1000n, Uint32Array.from([2, 0]), [600n, 397n]);
    expect(e1).toEqual({ pool: 1000n, carriedIn: 0n, allocated: 997n, dust: 3n, cumulative: 997n });
    expect(ledger.available(0, 1000n)).toBe(1003n);
    expect(ledger.available(1, 50n)).toBe(50n); // the other token has its own carry
    const e2 = ledger.record(0, 1000n, Uint32Array.from([0, 1]), [1000n, 3n]);
    expect(e2).toEqual({
      pool: 1000n,
      carriedIn: 3n,
      allocated: 1003n,
      dust: 0n,
      cumulative: 2000n,
    });
    expect(ledger.cumulative[0]).toEqual([1397n, 3n, 600n]);
    expect(ledger.cumulative[1]).toEqual([0n, 0n, 0n]);
  });

  it("a token absent from an epoch still splits its carried dust", () => {
    const ledger = new RewardLedger(["0xaa"], 1);
    ledger.record(0, 10n, Uint32Array.from([0]), [7n]);
    expect(ledger.available(0, 0n)).toBe(3n);
  });

  it("refuses allocations above the pool", () => {
    const ledger = new RewardLedger(["0xaa"], 1);
    expect(() => ledger.record(0, 10n, Uint32Array.from([0]), [11n])).toThrow(/exceed/);
  });
});
