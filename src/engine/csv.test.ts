import { describe, expect, it } from "vitest";
import { ALLOCATIONS_HEADER, SCORES_HEADER, formatAllocationRow, formatScoreRow } from "./csv";

describe("CSV rows", () => {
  it("writes scores in points with six fraction digits, dollars whole, no rank when unranked", () => {
    expect(SCORES_HEADER).toBe("rank,account,score,actionPoints,boosted,dollars");
    const row = {
      rank: 3,
      account: "0xab",
      scoreUnits: 2_000_000_000n,
      actionUnits: 500_000_000n,
      boostedUnits: 500_000_001n,
      dollars: 2000n,
    };
    expect(formatScoreRow(row)).toBe("3,0xab,2000.000000,500.000000,500.000001,2000");
    expect(formatScoreRow({ ...row, rank: 0, scoreUnits: 0n })).toBe(
      ",0xab,0.000000,500.000000,500.000001,2000",
    );
  });

  it("writes allocations in the token's smallest unit", () => {
    expect(ALLOCATIONS_HEADER).toBe("account,token,allocation,cumulative");
    const row = {
      account: "0xa",
      token: "0xt",
      allocation: 10n ** 21n,
      cumulative: 2n * 10n ** 21n,
    };
    expect(formatAllocationRow(row)).toBe("0xa,0xt,1000000000000000000000,2000000000000000000000");
    expect(formatAllocationRow({ ...row, cumulativeText: "7" })).toBe(
      "0xa,0xt,1000000000000000000000,7",
    );
  });
});
