import { describe, expect, it } from "vitest";
import { formatDecimalShort, formatTokenExact, groupDigits } from "./number";

describe("numbers for people", () => {
  it("groups digits in threes", () => {
    expect(groupDigits(0n)).toBe("0");
    expect(groupDigits(999n)).toBe("999");
    expect(groupDigits(1_000n)).toBe("1,000");
    expect(groupDigits(1_234_567n)).toBe("1,234,567");
  });

  it("shortens a fixed-point amount to a few decimals, rounding down", () => {
    expect(formatDecimalShort(1_999_999n, 6, 2)).toBe("1.99");
    expect(formatDecimalShort(12_345_000_000n, 6, 2)).toBe("12,345");
  });

  it("writes a token amount exactly, the whole part grouped, trailing zeros dropped", () => {
    expect(formatTokenExact(1_234_500_000_000_000_000_000n, 18)).toBe("1,234.5");
    expect(formatTokenExact(33_333_333_333_333_333_333_333n, 18)).toBe("33,333.333333333333333333");
    expect(formatTokenExact(5_000n * 10n ** 18n, 18)).toBe("5,000");
    expect(formatTokenExact(1n, 18)).toBe("0.000000000000000001");
    expect(formatTokenExact(0n, 6)).toBe("0");
  });
});
