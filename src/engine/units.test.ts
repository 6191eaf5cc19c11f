import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPoints, pointsToUnits, unitsToPoints } from "./units";

describe("points ⇄ units (10^6 per point)", () => {
  it("parses decimals with up to six fraction digits", () => {
    expect(pointsToUnits("300")).toBe(300_000_000n);
    expect(pointsToUnits("33.333333")).toBe(33_333_333n);
    expect(pointsToUnits("0.5")).toBe(500_000n);
    expect(pointsToUnits("0")).toBe(0n);
  });

  it("refuses signs, exponents, leading zeros and a seventh fraction digit", () => {
    for (const bad of ["-1", "1e3", "01", "1.", ".5", "1.0000001", " 1", "1,5"]) {
      expect(() => pointsToUnits(bad)).toThrow(/not a points decimal/);
    }
  });

  it("writes exactly six fraction digits, also beyond 2^53 units", () => {
    expect(unitsToPoints(0n)).toBe("0.000000");
    expect(unitsToPoints(1n)).toBe("0.000001");
    expect(unitsToPoints(3_617_187_500n)).toBe("3617.187500");
    expect(unitsToPoints(123_456_789_012_345_678_901n)).toBe("123456789012345.678901");
  });

  it("round-trips", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (u) => {
        expect(pointsToUnits(unitsToPoints(u))).toBe(u);
      }),
    );
  });

  it("writes the shortest decimal for people, which reads back", () => {
    expect(formatPoints(300_000_000n)).toBe("300");
    expect(formatPoints(33_500_000n)).toBe("33.5");
    expect(formatPoints(1n)).toBe("0.000001");
    expect(formatPoints(0n)).toBe("0");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (u) => {
        expect(pointsToUnits(formatPoints(u))).toBe(u);
      }),
    );
  });
});
