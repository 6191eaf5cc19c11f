import { describe, expect, it } from "vitest";
import { groupDigits } from "../format/number";
import { formatDollars, formatOrdinalRange, formatUsd } from "./format";
import { SEASON1_TIERS } from "./season1";

describe("format", () => {
  it("groups digits and prints dollars", () => {
    expect([0n, 999n, 1_000n, 1_234_567n].map(groupDigits)).toEqual([
      "0",
      "999",
      "1,000",
      "1,234,567",
    ]);
    expect(formatDollars(10_000n)).toBe("$10,000");
    expect([300_000_000_000n, 99_950_000n, 100_000_000n].map(formatUsd)).toEqual([
      "$3,000",
      "$0.9995",
      "$1",
    ]);
  });

  it("prints tier ranges, the open tier with a plus", () => {
    expect(SEASON1_TIERS.map((_, i) => formatOrdinalRange(i, SEASON1_TIERS))).toEqual([
      "1–100",
      "101–500",
      "501–2,000",
      "2,001–10,000",
      "10,001+",
    ]);
  });
});
