/**
 * Plain-text tables: the one formatter for every aligned table flashlab prints, from a notebook
 * table's `text/plain` form to the CLI's results, its --help lists and the benchmarks' summaries.
 *
 * Rows are arrays of cells. A cell is shown by `formatCell` (numbers to at most 6 significant digits).
 * Columns are padded to their widest cell, two spaces apart; a column whose cells are all numbers, or
 * text that reads as one ("12.5", "80%", "1.05×", "-3"), is right-aligned, any other left-aligned,
 * unless `align` says otherwise. With a header, a rule of dashes goes under it. Trailing spaces are
 * trimmed. O(total characters).
 */

export type TextAlignment = "left" | "right";

export interface TextTableOptions {
  /** Column titles; none for a bare list (such as --help's options). */
  header?: readonly string[];
  /** Per column, where undefined leaves the automatic choice. */
  align?: ReadonlyArray<TextAlignment | undefined>;
  /** A line of dashes under the header (default: true when there is a header). */
  rule?: boolean;
  /** Put before every line (default ""). */
  indent?: string;
}

/** A cell's text: numbers with at most 6 significant digits, dates in ISO form, null and undefined empty. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const numberLike = /^[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?\s?[%×]?$/i;

function isNumeric(value: unknown, text: string): boolean {
  return typeof value === "number" || numberLike.test(text);
}

/** `rows` as aligned text, under `options.header` when given. */
export function textTable(rows: ReadonlyArray<ReadonlyArray<unknown>>, options: TextTableOptions = {}): string {
  const header = options.header;
  const columnCount = Math.max(0, header?.length ?? 0, ...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: columnCount }, (_, column) => formatCell(row[column]).replace(/[\r\n\t]+/g, " ")));
  const alignments = Array.from({ length: columnCount }, (_, column): TextAlignment => {
    const given = options.align?.[column];
    if (given !== undefined) return given;
    const filled = rows.filter((row, index) => cells[index]![column] !== "");
    return filled.length > 0 && filled.every((row) => isNumeric(row[column], formatCell(row[column]))) ? "right" : "left";
  });
  const widths = Array.from({ length: columnCount }, (_, column) =>
    Math.max(header?.[column]?.length ?? 0, ...cells.map((line) => line[column]!.length)),
  );
  const indent = options.indent ?? "";
  const layout = (line: readonly string[]): string =>
    indent +
    line
      .map((text, column) => (alignments[column] === "right" ? text.padStart(widths[column]!) : text.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  const lines: string[] = [];
  if (header !== undefined) {
    lines.push(layout(Array.from({ length: columnCount }, (_, column) => header[column] ?? "")));
    if (options.rule ?? true) lines.push(layout(widths.map((width) => "-".repeat(width))));
  }
  for (const line of cells) lines.push(layout(line));
  return lines.join("\n");
}

/** Records (one object per row) as a text table of the given columns, titled by the column names. */
export function recordsTable(columns: readonly string[], records: ReadonlyArray<Record<string, unknown>>, options: TextTableOptions = {}): string {
  return textTable(
    records.map((record) => columns.map((column) => record[column])),
    { ...options, header: options.header ?? columns },
  );
}
