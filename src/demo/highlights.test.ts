import { describe, expect, it } from "vitest";
import {
  activityOf,
  dollarFloorCount,
  percentiles,
  renderHighlightsHtml,
  renderHighlightsText,
  scoreDistribution,
  textHistogram,
  type DemoHighlights,
} from "./highlights";
import type { ScoreLine } from "../season/epoch-files";

const line = (rank: number, score: bigint, boosted: bigint, dollars: bigint): ScoreLine => ({
  rank,
  account: `0x${rank}`,
  scoreUnits: score * 1_000_000n,
  actionUnits: boosted * 1_000_000n,
  boostedUnits: boosted * 1_000_000n,
  dollars,
});

describe("percentiles", () => {
  it("takes nearest ranks of the sorted values", () => {
    const values = [5n, 1n, 4n, 2n, 3n, 10n, 9n, 8n, 7n, 6n];
    expect(percentiles(values, [0, 10, 50, 90, 100])).toEqual([1n, 1n, 5n, 9n, 10n]);
    expect(percentiles([7n], [0, 50, 100])).toEqual([7n, 7n, 7n]);
    expect(() => percentiles([], [50])).toThrow(/empty/);
    expect(() => percentiles([1n], [101])).toThrow(/between 0 and 100/);
  });
});

describe("score statistics", () => {
  const scores = [
    line(1, 10_000n, 2_000n, 10_000n), // floor
    line(2, 3_000n, 3_000n, 200n),
    line(3, 500n, 500n, 200n),
    line(0, 0n, 0n, 0n), // unranked: left out
  ];

  it("describes ranked participants only", () => {
    const rows = scoreDistribution(scores);
    expect(rows.find((r) => r.statistic === "minimum")!.points).toBe("500");
    expect(rows.find((r) => r.statistic === "median")!.points).toBe("3,000");
    expect(rows.find((r) => r.statistic === "maximum")!.points).toBe("10,000");
    expect(rows.find((r) => r.statistic.startsWith("mean"))!.points).toBe("4,500");
    expect(scoreDistribution([line(0, 0n, 0n, 0n)])).toEqual([]);
  });

  it("counts the participants whose dollars replaced their points", () => {
    expect(dollarFloorCount(scores)).toBe(1);
  });
});

describe("activityOf", () => {
  it("counts action records per key once per ref, with distinct participants", () => {
    const ev = (account: string, action: string, ref: string) =>
      JSON.stringify({ kind: "action", account, action, ref, time: 1 });
    const text = [
      JSON.stringify({ kind: "mint", account: "0xa", ordinal: 1, dollars: "200", time: 1 }),
      ev("0xa", "netswap.swap", "0x01"),
      ev("0xA", "netswap.swap", "0x02"),
      ev("0xa", "netswap.swap", "0x02"), // the same ref relayed and read directly: once
      ev("0xb", "hummus.swap", "0x03"),
      JSON.stringify({ kind: "boost", account: "0xa", boost: "riddle-01", time: 1 }),
      "",
    ].join("\n");
    expect(activityOf(text)).toEqual([
      { action: "hummus.swap", records: 1, participants: 1 },
      { action: "netswap.swap", records: 2, participants: 1 },
    ]);
  });
});

describe("rendering", () => {
  const h: DemoHighlights = {
    glance: [{ label: "transactions", value: "21,000" }],
    distribution: [{ statistic: "median", points: "3,000" }],
    scores: [1, 2, 3, 100],
    activity: [{ action: "netswap.swap", records: 2, participants: 1 }],
    riddles: [
      { key: "riddle-01", boost: "+500 points", committed: 3, right: 2, wrong: 1, earned: 2 },
    ],
    timings: [{ phase: "simulate <epoch 1>", seconds: 12.34 }],
  };

  it("prints every section", () => {
    const text = renderHighlightsText(h);
    for (const s of ["At a glance", "Points distribution", "Time per phase"])
      expect(text).toContain(`== ${s}`);
    // The report has its own activity and riddles sections (from the chain).
    expect(text).not.toContain("== Riddles");
    // At a glance: label: value lines, no empty header row above them.
    const glance = text.split("== At a glance ==\n")[1].split("\n");
    expect(glance[0]).toMatch(/^\S.*:\s+\S/);
    expect(text).toContain("12.3");
  });

  it("draws a text histogram whose longest bar is the fullest bucket", () => {
    const lines = textHistogram([1, 1, 1, 9], 2, 10).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/\| #{10} 3$/);
    expect(lines[1]).toMatch(/\| #{3} {7} 1$/);
  });

  it("renders escaped sections for the report page", () => {
    const out = renderHighlightsHtml(h);
    expect(out).toContain("<h2>Score statistics</h2>");
    expect(out).not.toContain("<thead><tr><th></th>");
    expect(out).toContain("simulate &lt;epoch 1&gt;");
    expect(out).not.toContain("<epoch 1>");
  });
});
