import { describe, expect, it } from "vitest";
import { formatTokenAmount, fundingNeeds, parseTokenAmount } from "./funding";

const T = `0x${"aa".repeat(20)}`;
const U = `0x${"bb".repeat(20)}`;

describe("funding", () => {
  it("asks for Σ cumulative − Σ claimed − balance, never less than zero", () => {
    const state: Record<string, { claimed: bigint; balance: bigint }> = {
      [T]: { claimed: 300n, balance: 200n },
      [U]: { claimed: 0n, balance: 80n },
    };
    expect(
      fundingNeeds({ [T]: { cumulative: "1000" }, [U]: { cumulative: "50" } }, (t) => state[t]),
    ).toEqual([
      { token: T, cumulative: 1000n, claimed: 300n, balance: 200n, shortfall: 500n },
      { token: U, cumulative: 50n, claimed: 0n, balance: 80n, shortfall: 0n },
    ]);
  });

  it("parses whole-token amounts exactly and refuses anything else", () => {
    expect(parseTokenAmount("1500", 18)).toBe(1500n * 10n ** 18n);
    expect(parseTokenAmount("0.25", 6)).toBe(250_000n);
    expect(parseTokenAmount("7", 0)).toBe(7n);
    for (const bad of ["", "-1", "1e3", "1,5", " 1", "01", "abc", "0x10"])
      expect(() => parseTokenAmount(bad, 18), bad).toThrow(/not an amount of whole tokens/);
    expect(() => parseTokenAmount("0.0000001", 6)).toThrow(/more than the token's 6 decimals/);
    expect(() => parseTokenAmount("0.000", 6)).toThrow(/is zero/);
  });

  it("formats amounts in whole tokens", () => {
    expect(formatTokenAmount(1500n * 10n ** 18n, 18)).toBe("1500");
    expect(formatTokenAmount(250_000n, 6)).toBe("0.25");
    expect(formatTokenAmount(3n, 18)).toBe("0.000000000000000003");
  });
});
