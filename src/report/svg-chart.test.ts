import { describe, expect, it } from "vitest";
import { barChart, compactNumber, escapeXml, histogram, lineChart } from "./svg-chart";

describe("svg charts", () => {
  it("buckets values from zero to the maximum, the maximum in the last bin", () => {
    const bars = histogram([0, 1, 2, 5, 9, 10], 5);
    expect(bars.map((b) => b.value)).toEqual([2, 1, 1, 0, 2]);
    expect(bars.map((b) => b.label)).toEqual(["0", "2", "4", "6", "8"]);
    expect(histogram([], 3).map((b) => b.value)).toEqual([0, 0, 0]);
    expect(() => histogram([1], 0)).toThrow(/positive integer/);
  });

  it("labels numbers compactly", () => {
    expect([0, 7, 950, 1_234, 2_500_000, 3e9].map(compactNumber)).toEqual([
      "0",
      "7",
      "950",
      "1.2k",
      "2.5M",
      "3G",
    ]);
  });

  it("escapes text that would break the markup", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("draws one bar per value with the tallest bar filling the plot", () => {
    const svg = barChart(
      [
        { label: "a", value: 1 },
        { label: "b", value: 4 },
      ],
      { width: 200, height: 150, title: "T<", yLabel: "n" },
    );
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('height="86.00"'); // 150 - 16 - 48 = 86: the maximum fills the plot
    expect(svg).toContain("<title>T&lt;</title>");
  });

  it("draws a line through every point", () => {
    const svg = lineChart(
      [
        { x: 1, y: 10 },
        { x: 2, y: 5 },
        { x: 3, y: 0 },
      ],
      { width: 200, height: 150, title: "curve", xLabel: "rank", yLabel: "reward" },
    );
    expect(svg).toMatch(/d="M64\.00,16\.00 L124\.00,59\.00 L184\.00,102\.00"/);
    expect(
      lineChart([], { width: 200, height: 150, title: "e", xLabel: "x", yLabel: "y" }),
    ).not.toContain("<path");
  });
});
