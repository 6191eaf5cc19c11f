import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPoints, parsePoints, UNITS_PER_POINT } from "./units";

describe("parsePoints", () => {
  it("reads whole and fractional points at 10^6 units per point", () => {
    expect(parsePoints("300")).toBe(300_000_000n);
    expect(parsePoints("33.333333")).toBe(33_333_333n);
    expect(parsePoints("0.5")).toBe(500_000n);
    expect(parsePoints(" 1000 ")).toBe(1_000_000_000n);
    expect(parsePoints("0")).toBe(0n);
  });

  it("refuses what is not a plain decimal with at most six fraction digits", () => {
    for (const bad of ["", "-1", "1.2345678", "1e3", "0x10", "01", "1.", ".5", "abc", "1,5"]) {
      expect(() => parsePoints(bad), bad).toThrow(/is not a number of points/);
    }
  });
});

describe("formatPoints", () => {
  it("prints whole values without a fraction and trims trailing zeros", () => {
    expect(formatPoints(300_000_000n)).toBe("300");
    expect(formatPoints(33_500_000n)).toBe("33.5");
    expect(formatPoints(1n)).toBe("0.000001");
    expect(formatPoints(-1_500_000n)).toBe("-1.5");
  });

  it("round-trips with parsePoints", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n * UNITS_PER_POINT }), (units) => {
        expect(parsePoints(formatPoints(units))).toBe(units);
      }),
    );
  });
});
