/**
 * Minimal, dependency-free SVG charts for the offline season report: a bar chart (a histogram, a
 * count per day) and a line chart of one or more series (a reward curve, active participants per
 * day). Axes have round ticks (1, 2 or 5 × 10^k) and a title each; numbers are grouped as in the
 * report's text (1,000). Values are plain numbers (display only, never money math).
 */

export interface Bar {
  label: string;
  value: number;
}

export interface ChartSize {
  width: number;
  height: number;
}

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

const PAD = { left: 72, right: 16, top: 24, bottom: 52 };

/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Digits grouped in threes, at most `places` decimals: 1234.5 → "1,234.5". */
export function groupNumber(value: number, places = 2): string {
  const [whole, fraction = ""] = trimZeros(Math.abs(value).toFixed(places)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0 && (whole !== "0" || fraction) ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/**
 * An axis label: grouped digits below a million (1,000, 250,000, 2.5), then "2.5M", "3G".
 */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trimZeros((value / 1e9).toFixed(1))}G`;
  if (abs >= 1e6) return `${trimZeros((value / 1e6).toFixed(1))}M`;
  return groupNumber(value, abs < 10 && !Number.isInteger(value) ? 2 : 0);
}

/**
 * Round ticks from 0 covering `max`: a step of 1, 2 or 5 × 10^k giving at most `target` intervals
 * (at least one), the last tick at or above `max`.
 */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12)!;
  const ticks: number[] = [];
  const count = Math.ceil(max / step - 1e-9);
  for (let i = 0; i <= Math.max(1, count); i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/**
 * At most `max` points of a series, evenly spaced by position, the first and the last kept (a
 * million-account rank curve draws as a thousand points).
 */
export function thin<T>(points: readonly T[], max = 1_000): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]);
  return out;
}

/** Round ticks between `min` and `max` (for an x axis that does not start at 0). */
export function niceRange(min: number, max: number, target = 6): number[] {
  if (!(max > min)) return [min];
  const span = max - min;
  const ticks = niceTicks(span, target);
  const step = ticks[1] - ticks[0];
  const first = Math.ceil(min / step) * step;
  const out: number[] = [];
  for (let v = first; v <= max + 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function yAxis(size: ChartSize, ticks: number[], yLabel: string): string {
  const plotH = size.height - PAD.top - PAD.bottom;
  const top = ticks[ticks.length - 1];
  const lines = ticks.map((t) => {
    const y = (PAD.top + plotH * (1 - t / top)).toFixed(2);
    return (
      `<line x1="${PAD.left}" x2="${size.width - PAD.right}" y1="${y}" y2="${y}" class="grid"/>` +
      `<text x="${PAD.left - 6}" y="${Number(y) + 4}" text-anchor="end">${compactNumber(t)}</text>`
    );
  });
  const mid = PAD.top + plotH / 2;
  return (
    lines.join("") +
    `<text x="14" y="${mid}" transform="rotate(-90 14 ${mid})" text-anchor="middle" class="axis-title">${escapeXml(yLabel)}</text>`
  );
}

function xTitle(size: ChartSize, xLabel: string): string {
  const plotW = size.width - PAD.left - PAD.right;
  return `<text x="${PAD.left + plotW / 2}" y="${size.height - 8}" text-anchor="middle" class="axis-title">${escapeXml(xLabel)}</text>`;
}

function frame(size: ChartSize, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" ` +
    `viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}" class="chart">` +
    `<title>${escapeXml(title)}</title>` +
    `<text x="${PAD.left}" y="14" class="chart-title">${escapeXml(title)}</text>${body}</svg>`
  );
}

export interface ChartText {
  /** Shown above the plot (say which epoch or days it covers). */
  title: string;
  xLabel: string;
  yLabel: string;
}

/** A bar chart; bars labelled below the axis (thinned when there are many), both axes titled. */
export function barChart(bars: Bar[], options: ChartSize & ChartText): string {
  const ticks = niceTicks(Math.max(1, ...bars.map((b) => b.value)));
  const top = ticks[ticks.length - 1];
  const plotW = options.width - PAD.left - PAD.right;
  const plotH = options.height - PAD.top - PAD.bottom;
  const slot = bars.length ? plotW / bars.length : plotW;
  const every = Math.max(1, Math.ceil(bars.length / 12));
  const body = bars
    .map((bar, i) => {
      const h = (bar.value / top) * plotH;
      const x = PAD.left + i * slot;
      const label =
        i % every === 0
          ? `<text x="${(x + slot / 2).toFixed(2)}" y="${options.height - PAD.bottom + 14}" text-anchor="middle">${escapeXml(bar.label)}</text>`
          : "";
      return (
        `<rect x="${(x + slot * 0.1).toFixed(2)}" y="${(PAD.top + plotH - h).toFixed(2)}" ` +
        `width="${(slot * 0.8).toFixed(2)}" height="${h.toFixed(2)}" class="bar"><title>${escapeXml(bar.label)}: ${groupNumber(bar.value)}</title></rect>` +
        label
      );
    })
    .join("");
  return frame(
    options,
    options.title,
    yAxis(options, ticks, options.yLabel) + body + xTitle(options, options.xLabel),
  );
}

/**
 * A line chart of one or more series of (x, y) points, x ascending; round ticks on both axes
 * (or the `xTicks` labels given, e.g. dates by day number), a legend when there are several series.
 */
export function lineChart(
  series: Series[] | Series["points"],
  options: ChartSize & ChartText & { xTicks?: { x: number; label: string }[]; yMax?: number },
): string {
  const all: Series[] =
    Array.isArray(series) && series.length > 0 && "name" in series[0]
      ? (series as Series[])
      : [{ name: "", points: series as Series["points"] }];
  // Loops, not spreads: a series may hold a million points.
  let maxX = 1;
  let minX = Number.POSITIVE_INFINITY;
  let maxYValue = Math.max(options.yMax ?? 0, 1e-9);
  for (const s of all) {
    for (const p of s.points) {
      if (p.x > maxX) maxX = p.x;
      if (p.x < minX) minX = p.x;
      if (p.y > maxYValue) maxYValue = p.y;
    }
  }
  minX = Math.min(minX, maxX);
  const yTicks = niceTicks(maxYValue);
  const maxY = yTicks[yTicks.length - 1];
  const plotW = options.width - PAD.left - PAD.right;
  const plotH = options.height - PAD.top - PAD.bottom;
  const sx = (x: number) =>
    PAD.left + (maxX === minX ? plotW / 2 : ((x - minX) / (maxX - minX)) * plotW);
  const sy = (y: number) => PAD.top + plotH * (1 - y / maxY);
  const bottom = options.height - PAD.bottom;
  const xTicks =
    options.xTicks ?? niceRange(minX, maxX).map((x) => ({ x, label: compactNumber(x) }));
  const every = Math.max(1, Math.ceil(xTicks.length / 10));
  const xAxis = xTicks
    .filter((_, i) => i % every === 0)
    .map(
      (t) =>
        `<line x1="${sx(t.x).toFixed(2)}" x2="${sx(t.x).toFixed(2)}" y1="${bottom}" y2="${bottom + 4}" class="grid"/>` +
        `<text x="${sx(t.x).toFixed(2)}" y="${bottom + 16}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    )
    .join("");
  const lines = all
    .map((s, i) => {
      if (s.points.length === 0) return "";
      const d = thin(s.points)
        .map((p, k) => `${k ? "L" : "M"}${sx(p.x).toFixed(2)},${sy(p.y).toFixed(2)}`)
        .join(" ");
      return `<path d="${d}" class="line s${i % 6}"/>`;
    })
    .join("");
  const legend =
    all.length > 1
      ? all
          .map(
            (s, i) =>
              `<text x="${options.width - PAD.right}" y="${PAD.top + 14 * (i + 1)}" text-anchor="end" class="legend s${i % 6}">${escapeXml(s.name)}</text>`,
          )
          .join("")
      : "";
  return frame(
    options,
    options.title,
    yAxis(options, yTicks, options.yLabel) +
      xAxis +
      lines +
      legend +
      xTitle(options, options.xLabel),
  );
}

/**
 * Buckets values into `buckets` equal-width bins from 0 to a round maximum (the first round tick
 * at or above the largest value). Labels give each bin's lower bound.
 */
export function histogram(values: number[], buckets: number): Bar[] {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new Error(`buckets must be a positive integer, got ${buckets}`);
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  const ticks = niceTicks(max, buckets);
  const width = max > 0 ? ticks[1] - ticks[0] : 1;
  const count = max > 0 ? Math.max(1, Math.ceil(max / width - 1e-9)) : buckets;
  const n = Math.min(count, buckets * 2);
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor(v / width))]++;
  return counts.map((value, i) => ({ label: compactNumber(i * width), value }));
}
