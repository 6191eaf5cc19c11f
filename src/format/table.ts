/** Plain-text tables for humans (task output): aligned columns, numbers right-aligned. */

export type Cell = string | number | bigint;

const NUMERIC = /^[-+]?[\d,._]+%?$/;

/**
 * Renders rows under a header and a rule, columns padded to their widest cell. A column is
 * right-aligned when `right[i]` says so, or, by default, when all its cells look numeric.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  right: readonly boolean[] = [],
): string {
  const text = rows.map((row) => header.map((_, i) => String(row[i] ?? "")));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const alignRight = header.map(
    (_, i) => right[i] ?? (text.length > 0 && text.every((r) => r[i] === "" || NUMERIC.test(r[i]))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (alignRight[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line([...header]), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}
