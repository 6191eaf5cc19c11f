/**
 * Minimal, dependency-free SVG charts for the offline season report: a bar chart (a histogram)
 * and a line chart (a reward curve). Values are plain numbers (display only, never money math).
 */

export interface Bar {
  label: string;
  value: number;
}

export interface ChartSize {
  width: number;
  height: number;
}

const PAD = { left: 64, right: 16, top: 16, bottom: 48 };

/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** A compact label for an axis value: 1234 → "1.2k", 2500000 → "2.5M". */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${trimZeros((value / size).toFixed(1))}${suffix}`;
  }
  return trimZeros(value.toFixed(abs < 10 && !Number.isInteger(value) ? 2 : 0));
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function axes(size: ChartSize, maxValue: number, yLabel: string): string {
  const plotH = size.height - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + plotH * (1 - f);
    return (
      `<line x1="${PAD.left}" x2="${size.width - PAD.right}" y1="${y}" y2="${y}" class="grid"/>` +
      `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${compactNumber(maxValue * f)}</text>`
    );
  });
  return (
    ticks.join("") +
    `<text x="14" y="${PAD.top + plotH / 2}" transform="rotate(-90 14 ${PAD.top + plotH / 2})" text-anchor="middle">${escapeXml(yLabel)}</text>`
  );
}

function frame(size: ChartSize, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" ` +
    `viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}" class="chart">` +
    `<title>${escapeXml(title)}</title>${body}</svg>`
  );
}

/** A bar chart; every bar is labelled below the axis (thinned when there are many). */
export function barChart(
  bars: Bar[],
  options: ChartSize & { title: string; yLabel: string },
): string {
  const maxValue = Math.max(1, ...bars.map((b) => b.value));
  const plotW = options.width - PAD.left - PAD.right;
  const plotH = options.height - PAD.top - PAD.bottom;
  const slot = bars.length ? plotW / bars.length : plotW;
  const every = Math.max(1, Math.ceil(bars.length / 12));
  const body = bars
    .map((bar, i) => {
      const h = (bar.value / maxValue) * plotH;
      const x = PAD.left + i * slot;
      const label =
        i % every === 0
          ? `<text x="${x + slot / 2}" y="${options.height - PAD.bottom + 14}" text-anchor="middle">${escapeXml(bar.label)}</text>`
          : "";
      return (
        `<rect x="${(x + slot * 0.1).toFixed(2)}" y="${(PAD.top + plotH - h).toFixed(2)}" ` +
        `width="${(slot * 0.8).toFixed(2)}" height="${h.toFixed(2)}" class="bar"><title>${escapeXml(bar.label)}: ${bar.value}</title></rect>` +
        label
      );
    })
    .join("");
  return frame(options, options.title, axes(options, maxValue, options.yLabel) + body);
}

/** A line chart of (x, y) points, x ascending; x axis labelled at its ends. */
export function lineChart(
  points: { x: number; y: number }[],
  options: ChartSize & { title: string; xLabel: string; yLabel: string },
): string {
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const minX = Math.min(maxX, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const plotW = options.width - PAD.left - PAD.right;
  const plotH = options.height - PAD.top - PAD.bottom;
  const sx = (x: number) =>
    PAD.left + (maxX === minX ? plotW / 2 : ((x - minX) / (maxX - minX)) * plotW);
  const sy = (y: number) => PAD.top + plotH * (1 - y / maxY);
  const path = points
    .map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(2)},${sy(p.y).toFixed(2)}`)
    .join(" ");
  const bottom = options.height - PAD.bottom;
  const xAxis =
    `<text x="${PAD.left}" y="${bottom + 14}" text-anchor="start">${compactNumber(minX)}</text>` +
    `<text x="${options.width - PAD.right}" y="${bottom + 14}" text-anchor="end">${compactNumber(maxX)}</text>` +
    `<text x="${PAD.left + plotW / 2}" y="${bottom + 34}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`;
  const line = points.length ? `<path d="${path}" class="line"/>` : "";
  return frame(options, options.title, axes(options, maxY, options.yLabel) + xAxis + line);
}

/**
 * Buckets values into `buckets` equal-width bins from 0 to the maximum (inclusive). Labels give
 * each bin's lower bound.
 */
export function histogram(values: number[], buckets: number): Bar[] {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new Error(`buckets must be a positive integer, got ${buckets}`);
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  const width = max / buckets || 1;
  const counts = new Array<number>(buckets).fill(0);
  for (const v of values) counts[Math.min(buckets - 1, Math.floor(v / width))]++;
  return counts.map((value, i) => ({ label: compactNumber(i * width), value }));
}
