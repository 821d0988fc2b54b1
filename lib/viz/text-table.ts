/**
 * Plain-text tables: rows of records laid out in aligned columns, numbers right-aligned, for the
 * `text/plain` form of a displayed table (terminals, logs, front ends without HTML).
 */

/** A cell's text: numbers with at most 6 significant digits, dates in ISO form, null and undefined empty. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `rows` as aligned text under a header of `columns`; numeric columns are right-aligned. */
export function textTable(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column]).replace(/\s+/g, " ")));
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => row[column] == null || typeof row[column] === "number"));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index]!.length)));
  const pad = (text: string, index: number) => (numeric[index] ? text.padStart(widths[index]!) : text.padEnd(widths[index]!));
  const lines = [
    columns.map(pad).join("  "),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.map((line) => line.map(pad).join("  ")),
  ];
  return lines.map((line) => line.trimEnd()).join("\n");
}
