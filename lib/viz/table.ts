/**
 * `showTable(table)`: displays an arquero table (or an array of records) in a notebook as an HTML
 * table plus an aligned text table, both self-contained and offline.
 */
import { from } from "arquero";
import type { ColumnTable } from "arquero";
import type { DisplayBundle } from "./display-bundle.js";
import { escapeHtml } from "./script-embedding.js";
import { recordsTable } from "./text-table.js";
import { sendDisplayBundle } from "./tslab-display.js";

export interface TableDisplayOptions {
  /** The most rows to show (default 20; Infinity shows all); a note says how many were left out. */
  limit?: number;
  /** A caption shown above the table. */
  caption?: string;
}

/** What `showTable` takes: an arquero table, or records (plain objects, of any interface type). */
export type TableSource = ColumnTable | ReadonlyArray<object>;

function asTable(source: TableSource): ColumnTable {
  if (Array.isArray(source)) return from(source as Array<Record<string, unknown>>);
  const candidate = source as ColumnTable;
  if (typeof candidate.toHTML !== "function" || typeof candidate.objects !== "function") {
    throw new Error("showTable() takes an arquero table or an array of records");
  }
  return candidate;
}

/** The display bundle for a table: HTML (arquero's table markup) and aligned text. Pure. */
export function tableBundle(source: TableSource, options: TableDisplayOptions = {}): DisplayBundle {
  const limit = options.limit ?? 20;
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 1)) {
    throw new Error(`limit must be a whole number ≥ 1 or Infinity; got ${limit}`);
  }
  const table = asTable(source);
  const total = table.numRows();
  const columns = table.columnNames();
  const rows = table.objects({ limit }) as Array<Record<string, unknown>>;
  const note = total > limit ? `showing ${limit} of ${total} rows` : `${total} row${total === 1 ? "" : "s"}`;
  const caption = options.caption ? `${options.caption} (${note})` : note;
  const html =
    `<div class="flashlab-table">` +
    `<p style="margin: 0 0 4px 0; font-style: italic;">${escapeHtml(caption)}</p>` +
    table.toHTML({ limit }) +
    `</div>`;
  return {
    data: { "text/html": html, "text/plain": `${caption}\n${recordsTable(columns, rows)}` },
    metadata: {},
  };
}

/**
 * Displays a table in the notebook (HTML and text forms); outside a tslab kernel it prints the text
 * form. Returns nothing, so that the cell echoes nothing more; `tableBundle` gives the bundle as a value.
 */
export function showTable(source: TableSource, options: TableDisplayOptions = {}): void {
  const bundle = tableBundle(source, options);
  if (!sendDisplayBundle(bundle)) console.log(bundle.data["text/plain"]);
}
