import { describe, expect, it } from "vitest";
import {
  barChart,
  compactNumber,
  escapeXml,
  groupNumber,
  histogram,
  lineChart,
  niceRange,
  niceTicks,
  thin,
} from "./svg-chart";

describe("svg charts", () => {
  it("buckets values from zero to a round maximum, the maximum in the last bin", () => {
    const bars = histogram([0, 1, 2, 5, 9, 10], 5);
    expect(bars.map((b) => b.value)).toEqual([2, 1, 1, 0, 2]);
    expect(bars.map((b) => b.label)).toEqual(["0", "2", "4", "6", "8"]);
    expect(histogram([3, 161], 4).map((b) => b.label)).toEqual(["0", "50", "100", "150"]);
    expect(histogram([], 3).map((b) => b.value)).toEqual([0, 0, 0]);
    expect(() => histogram([1], 0)).toThrow(/positive integer/);
  });

  it("puts ticks on 1, 2 or 5 × 10^k", () => {
    expect(niceTicks(161)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(9.2)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(10_000)).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceRange(1, 1_000)).toEqual([200, 400, 600, 800, 1_000]);
  });

  it("labels numbers with grouped digits, millions compactly", () => {
    expect([0, 7, 950, 1_234, 250_000, 2_500_000, 3e9, 2.5].map(compactNumber)).toEqual([
      "0",
      "7",
      "950",
      "1,234",
      "250,000",
      "2.5M",
      "3G",
      "2.5",
    ]);
    expect(groupNumber(1234567.891)).toBe("1,234,567.89");
  });

  it("escapes text that would break the markup", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("draws one bar per value against round ticks, both axes titled", () => {
    const svg = barChart(
      [
        { label: "a", value: 1 },
        { label: "b", value: 4 },
      ],
      { width: 200, height: 150, title: "T< (epoch 2)", xLabel: "day", yLabel: "n" },
    );
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('height="74.00"'); // 150 - 24 - 52 = 74: 4 is the top tick
    expect(svg).toContain("<title>T&lt; (epoch 2)</title>");
    expect(svg).toContain('class="chart-title">T&lt; (epoch 2)</text>');
    expect(svg).toContain('class="axis-title">day</text>');
    expect(svg).toContain('class="axis-title">n</text>');
  });

  it("draws a line through every point, and one per series with a legend", () => {
    const svg = lineChart(
      [
        { x: 1, y: 10 },
        { x: 2, y: 5 },
        { x: 3, y: 0 },
      ],
      { width: 200, height: 150, title: "curve", xLabel: "rank", yLabel: "reward" },
    );
    expect(svg).toMatch(/d="M72\.00,24\.00 L128\.00,61\.00 L184\.00,98\.00"/);
    expect(
      lineChart([], { width: 200, height: 150, title: "e", xLabel: "x", yLabel: "y" }),
    ).not.toContain("<path");
    const two = lineChart(
      [
        { name: "daily", points: [{ x: 0, y: 1 }] },
        { name: "weekly", points: [{ x: 0, y: 3 }] },
      ],
      { width: 200, height: 150, title: "t", xLabel: "day", yLabel: "participants" },
    );
    expect(two.match(/<path /g)).toHaveLength(2);
    expect(two).toContain('class="legend s1">weekly</text>');
  });

  it("thins a long series to evenly spaced points, keeping both ends", () => {
    const long = Array.from({ length: 1_000_001 }, (_, i) => ({ x: i, y: i }));
    const few = thin(long, 1_000);
    expect(few).toHaveLength(1_000);
    expect(few[0].x).toBe(0);
    expect(few[999].x).toBe(1_000_000);
    expect(thin([1, 2, 3], 1_000)).toEqual([1, 2, 3]);
    const svg = lineChart(long, { width: 200, height: 150, title: "t", xLabel: "x", yLabel: "y" });
    expect(svg.match(/ L/g)).toHaveLength(999);
  });
});
