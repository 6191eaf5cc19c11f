/** Plain-text tables for humans (task output): aligned columns, numbers right-aligned. */

export type Cell = string | number | bigint;

const NUMERIC = /^[-+]?[\d,._]+%?$/;

/** Renders rows under a header; a column whose cells all look numeric is right-aligned. */
export function formatTable(header: string[], rows: Cell[][]): string {
  const text = rows.map((row) => header.map((_, i) => String(row[i] ?? "")));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const right = header.map(
    (_, i) => text.length > 0 && text.every((r) => r[i] === "" || NUMERIC.test(r[i])),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}
