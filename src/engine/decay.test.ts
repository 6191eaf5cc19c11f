import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { actionUnits, countedCompletions, cumulativeDecayTable, decayedUnits } from "./decay";

describe("decay of repeated actions", () => {
  it("earns 100%, 75%, 56.25% for k = 1, 2, 3", () => {
    // 300 points = 300,000,000 units
    expect(decayedUnits(300_000_000n, 1)).toBe(300_000_000n);
    expect(decayedUnits(300_000_000n, 2)).toBe(225_000_000n);
    expect(decayedUnits(300_000_000n, 3)).toBe(168_750_000n);
  });

  it("floors fractional base points in units: 33.333333 → 33.333333, 24.999999, 18.749999", () => {
    expect(decayedUnits(33_333_333n, 1)).toBe(33_333_333n);
    expect(decayedUnits(33_333_333n, 2)).toBe(24_999_999n); // 24,999,999.75
    expect(decayedUnits(33_333_333n, 3)).toBe(18_749_999n); // 18,749,999.8125
  });

  it("computes each term from the base, not by flooring the previous term", () => {
    // 13·9/16 = 7.3125 → 7, whereas floor(floor(13·3/4)·3/4) = floor(9·0.75) = 6
    expect(decayedUnits(13n, 2)).toBe(9n);
    expect(decayedUnits(13n, 3)).toBe(7n);
  });

  it("reaches zero: 100 points earn something 65 times, then nothing", () => {
    // 10^8 · 0.75^64 ≈ 1.008 → 1; 10^8 · 0.75^65 ≈ 0.756 → 0
    expect(decayedUnits(100_000_000n, 65)).toBe(1n);
    expect(decayedUnits(100_000_000n, 66)).toBe(0n);
    expect(countedCompletions(100_000_000n)).toBe(65);
    expect(countedCompletions(1n)).toBe(1);
    expect(countedCompletions(0n)).toBe(0);
  });

  it("stops at maxRepeats", () => {
    expect(countedCompletions(1_000_000_000n, 24)).toBe(24);
    const table = cumulativeDecayTable(1_000_000_000n, 2);
    expect(table).toEqual([0n, 1_000_000_000n, 1_750_000_000n]);
    expect(actionUnits(table, 3)).toBe(1_750_000_000n);
    expect(actionUnits(table, 100)).toBe(1_750_000_000n);
  });

  it("accumulates p_1 + … + p_c", () => {
    const table = cumulativeDecayTable(300_000_000n);
    expect(table.slice(0, 4)).toEqual([0n, 300_000_000n, 525_000_000n, 693_750_000n]);
    expect(actionUnits(table, 0)).toBe(0n);
  });

  it("refuses k < 1", () => {
    expect(() => decayedUnits(1n, 0)).toThrow(/≥ 1/);
  });

  it("never increases and never earns more than 4 × base in total", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.integer({ min: 1, max: 300 }),
        (base, k) => {
          expect(decayedUnits(base, k + 1) <= decayedUnits(base, k)).toBe(true);
          const table = cumulativeDecayTable(base);
          expect(table[table.length - 1] <= 4n * base).toBe(true);
        },
      ),
    );
  });
});
