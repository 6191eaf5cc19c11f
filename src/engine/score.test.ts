import { describe, expect, it } from "vitest";
import { NO_BOOST, boostEffect, combineBoosts } from "./boosts";
import { scoreParticipant } from "./score";

describe("score = max(boosted, dollars)", () => {
  it("the dollar floor wins when the points are smaller", () => {
    // 2,893.75 points × 1.25 = 3,617.1875 < $10,000
    const s = scoreParticipant(
      2_893_750_000n,
      boostEffect({ kind: "multiplier", numerator: 5, denominator: 4 }),
      10_000n,
    );
    expect(s).toEqual({
      actionUnits: 2_893_750_000n,
      boostedUnits: 3_617_187_500n,
      dollars: 10_000n,
      scoreUnits: 10_000_000_000n,
    });
  });

  it("the points win when they are larger", () => {
    // 5,863.28125 + 500 fixed = 6,363.28125 > $5,000
    const s = scoreParticipant(
      5_863_281_250n,
      boostEffect({ kind: "fixed", points: "500" }),
      5_000n,
    );
    expect(s.scoreUnits).toBe(6_363_281_250n);
  });

  it("equal points and dollars give that score", () => {
    expect(scoreParticipant(2_000_000_000n, NO_BOOST, 2_000n).scoreUnits).toBe(2_000_000_000n);
  });

  it("without a mint the score is the boosted points, and boosts on nothing give zero", () => {
    const twice = combineBoosts(
      boostEffect({ kind: "multiplier", numerator: 5, denominator: 4 }),
      boostEffect({ kind: "multiplier", numerator: 5, denominator: 4 }),
    );
    expect(scoreParticipant(0n, twice, 0n).scoreUnits).toBe(0n);
    expect(scoreParticipant(300_000_000n, NO_BOOST, 0n).scoreUnits).toBe(300_000_000n);
  });
});
