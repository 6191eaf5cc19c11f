import path from "node:path";
import { describe, expect, it } from "vitest";
import { SEASON1_TIERS } from "../mint/season1";
import { OPEN_TIER } from "../mint/tiers";
import { DEFAULT_TIER_DIVISOR, demoOptionsFromEnv, tierDivisorFor } from "./options";

/** The first ordinal of the open tier when the caps are divided by `d`. */
const openFrom = (d: number) =>
  Number(SEASON1_TIERS.filter((t) => t.lastOrdinal !== OPEN_TIER).at(-1)!.lastOrdinal) / d + 1;

describe("tierDivisorFor", () => {
  it("is the brief's 20 (5/25/100/500/open) for 1,000 participants", () => {
    expect(tierDivisorFor(1_000)).toBe(DEFAULT_TIER_DIVISOR);
    expect(openFrom(20)).toBe(501);
    expect(tierDivisorFor(501)).toBe(20);
  });

  it("reaches the open tier with fewer participants, down to about a hundred", () => {
    for (const n of [101, 150, 300, 500]) {
      const d = tierDivisorFor(n);
      expect(Math.floor(openFrom(d)), `n=${n}`).toBeLessThanOrEqual(n);
      expect(d).toBeLessThanOrEqual(100);
    }
  });

  it("keeps five distinct tiers (at least one ordinal each) when the open one is out of reach", () => {
    expect(tierDivisorFor(30)).toBe(100);
    expect(tierDivisorFor(1)).toBe(100);
  });
});

describe("demoOptionsFromEnv", () => {
  it("defaults to 1,000 participants, seed season-1, reports/demo", () => {
    const o = demoOptionsFromEnv({}, "/repo");
    expect(o.participants).toBe(1_000);
    expect(o.seed).toBe("season-1");
    expect(o.outDir).toBe(path.resolve("/repo/reports/demo"));
    expect(o.tierDivisor).toBe(20);
    expect(o.timelock).toBeGreaterThan(0);
  });

  it("reads DEMO_PARTICIPANTS, DEMO_SEED and DEMO_OUT", () => {
    const o = demoOptionsFromEnv(
      { DEMO_PARTICIPANTS: "200", DEMO_SEED: "x", DEMO_OUT: "out/d" },
      "/repo",
    );
    expect(o.participants).toBe(200);
    expect(o.seed).toBe("x");
    expect(o.outDir).toBe(path.resolve("/repo/out/d"));
    expect(o.tierDivisor).toBe(tierDivisorFor(200));
    expect(o.claimSample).toBe(20);
    expect(demoOptionsFromEnv({ DEMO_PARTICIPANTS: "3" }, "/r").claimSample).toBe(3);
  });

  it("refuses bad values with one line naming the variable", () => {
    expect(() => demoOptionsFromEnv({ DEMO_PARTICIPANTS: "many" }, "/r")).toThrow(
      /^DEMO_PARTICIPANTS='many' is not a positive integer$/,
    );
    expect(() => demoOptionsFromEnv({ DEMO_PARTICIPANTS: "0" }, "/r")).toThrow(/between 1 and/);
    expect(() => demoOptionsFromEnv({ DEMO_PARTICIPANTS: "1e3" }, "/r")).toThrow(/positive/);
    expect(() => demoOptionsFromEnv({ DEMO_PARTICIPANTS: "99999999" }, "/r")).toThrow(/between/);
    expect(() => demoOptionsFromEnv({ DEMO_OUT: "/" }, "/r")).toThrow(/root/);
    expect(() => demoOptionsFromEnv({ DEMO_SEED: "s".repeat(65) }, "/r")).toThrow(/DEMO_SEED/);
  });
});
