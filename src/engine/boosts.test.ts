import { describe, expect, it } from "vitest";
import { NO_BOOST, applyBoosts, boostEffect, combineBoosts } from "./boosts";

const x125 = boostEffect({ kind: "multiplier", numerator: 5, denominator: 4 });

describe("boosts", () => {
  it("a fixed boost adds its points", () => {
    const fixed = boostEffect({ kind: "fixed", points: "250.5" });
    expect(applyBoosts(1_000_000n, fixed)).toBe(251_500_000n);
  });

  it("multipliers compound and are floored once", () => {
    const both = combineBoosts(x125, x125);
    expect(both).toEqual({ numerator: 25n, denominator: 16n, fixedUnits: 0n });
    // 1025 points × 25/16 = 1601.5625
    expect(applyBoosts(1_025_000_000n, both)).toBe(1_601_562_500n);
    // 3 units × 25/16 = 4.6875 → 4 (flooring after each would give floor(3.75) = 3, then 3)
    expect(applyBoosts(3n, both)).toBe(4n);
  });

  it("fixed points are added after the multipliers", () => {
    const all = combineBoosts(
      combineBoosts(x125, boostEffect({ kind: "fixed", points: "500" })),
      x125,
    );
    expect(applyBoosts(1_000_000n, all)).toBe(1_562_500n + 500_000_000n);
  });

  it("no boost leaves the points alone", () => {
    expect(applyBoosts(123n, NO_BOOST)).toBe(123n);
  });
});
