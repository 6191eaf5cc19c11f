import { describe, expect, it } from "vitest";
import { SEASON1_TIERS } from "./season1";
import {
  firstOrdinalOf,
  MAX_TIERS,
  OPEN_TIER,
  tierIndexOf,
  validateTiers,
  type Tier,
} from "./tiers";

const compact: Tier[] = [
  { lastOrdinal: 2n, dollars: 300n },
  { lastOrdinal: 5n, dollars: 200n },
  { lastOrdinal: OPEN_TIER, dollars: 100n },
];

describe("validateTiers", () => {
  it("accepts the Season 1 table and a compact one", () => {
    expect(() => validateTiers(SEASON1_TIERS)).not.toThrow();
    expect(() => validateTiers(compact)).not.toThrow();
    expect(() => validateTiers([{ lastOrdinal: OPEN_TIER, dollars: 1n }])).not.toThrow();
  });

  it("refuses an empty or oversized table", () => {
    expect(() => validateTiers([])).toThrow("1 to 16 rows, not 0");
    const big = Array.from({ length: MAX_TIERS + 1 }, (_, i) => ({
      lastOrdinal: i === MAX_TIERS ? OPEN_TIER : BigInt(i + 1),
      dollars: 1n,
    }));
    expect(() => validateTiers(big)).toThrow("not 17");
  });

  it("refuses caps that do not strictly increase from 1", () => {
    expect(() => validateTiers([{ lastOrdinal: 0n, dollars: 1n }, ...compact])).toThrow(
      "tier 0: last ordinal 0 must exceed the previous tier's (0)",
    );
    expect(() => validateTiers([compact[0], compact[0], compact[2]])).toThrow(
      "tier 1: last ordinal 2 must exceed",
    );
    expect(() => validateTiers([compact[1], compact[0], compact[2]])).toThrow("tier 1");
  });

  it("refuses a zero or too large dollar amount", () => {
    expect(() => validateTiers([compact[0], { lastOrdinal: 5n, dollars: 0n }, compact[2]])).toThrow(
      "tier 1: dollars must be between 1 and 2^64-1, not 0",
    );
    expect(() => validateTiers([{ lastOrdinal: OPEN_TIER, dollars: 2n ** 64n }])).toThrow("tier 0");
  });

  it("refuses a table whose final tier is not open, or past 64 bits", () => {
    expect(() => validateTiers(compact.slice(0, 2))).toThrow(
      "the final tier must be open (it ends at ordinal 5)",
    );
    expect(() => validateTiers([{ lastOrdinal: 2n ** 64n, dollars: 1n }])).toThrow(
      "fit in 64 bits",
    );
  });
});

describe("tierIndexOf", () => {
  it("walks every boundary of the compact table", () => {
    expect([1n, 2n, 3n, 5n, 6n, 1_000_000n, OPEN_TIER].map((o) => tierIndexOf(o, compact))).toEqual(
      [0, 0, 1, 1, 2, 2, 2],
    );
  });

  it("follows the proposal's table", () => {
    const cases: [bigint, bigint][] = [
      [1n, 10_000n],
      [100n, 10_000n],
      [101n, 5_000n],
      [500n, 5_000n],
      [501n, 2_000n],
      [2_000n, 2_000n],
      [2_001n, 500n],
      [10_000n, 500n],
      [10_001n, 200n],
      [5_000_000n, 200n],
    ];
    for (const [ordinal, dollars] of cases) {
      expect(SEASON1_TIERS[tierIndexOf(ordinal, SEASON1_TIERS)].dollars).toBe(dollars);
    }
  });

  it("refuses ordinal 0 and ordinals past a closed table", () => {
    expect(() => tierIndexOf(0n, compact)).toThrow("ordinals start at 1");
    expect(() => tierIndexOf(6n, compact.slice(0, 2))).toThrow("past the tier table");
  });

  it("gives each tier's first ordinal", () => {
    expect(compact.map((_, i) => firstOrdinalOf(i, compact))).toEqual([1n, 3n, 6n]);
  });
});
