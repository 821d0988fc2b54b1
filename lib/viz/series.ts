/**
 * Series: the named (x, y) data that line and scatter figures draw, and how to get them from rows.
 *
 * `seriesFromRows` turns a sweep's results (an array of records, or an arquero table) into one
 * series per group, e.g. one line per server model with the number of orders on x.
 */

/** One named line or set of points. */
export interface Series {
  name: string;
  x: ReadonlyArray<number | string>;
  y: readonly number[];
}

/** Anything with rows as objects: an array of records or an arquero table. */
export type RowSource = ReadonlyArray<Record<string, unknown>> | { objects(): object[] };

/** The rows of `source` as plain objects. */
function rowsOf(source: RowSource): Array<Record<string, unknown>> {
  if (Array.isArray(source)) return source as Array<Record<string, unknown>>;
  if (typeof (source as { objects?: unknown }).objects === "function") {
    return (source as { objects(): object[] }).objects() as Array<Record<string, unknown>>;
  }
  throw new Error("expected an array of records or an arquero table");
}

/** Throws a clear error unless the series has as many x as y values, all y finite numbers or null gaps. */
export function checkSeries(series: Series, what = "series"): void {
  if (series.x.length !== series.y.length) {
    throw new Error(`${what} "${series.name}" has ${series.x.length} x values but ${series.y.length} y values; they must match`);
  }
  series.y.forEach((value, index) => {
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw new Error(`${what} "${series.name}" has a non-numeric y value at index ${index}: ${String(value)}`);
    }
  });
}

/**
 * One series per distinct value of `by` (or a single series named `y` without `by`), with `x` and `y`
 * read from the named columns, in row order. Throws when a column is missing or a y value is not a number.
 */
export function seriesFromRows(
  source: RowSource,
  columns: { x: string; y: string; by?: string },
): Series[] {
  const rows = rowsOf(source);
  const groups = new Map<string, { x: Array<number | string>; y: number[] }>();
  rows.forEach((row, index) => {
    for (const column of [columns.x, columns.y, ...(columns.by ? [columns.by] : [])]) {
      if (!(column in row)) {
        throw new Error(`row ${index} has no column "${column}"; columns: ${Object.keys(row).join(", ")}`);
      }
    }
    const name = columns.by ? String(row[columns.by]) : columns.y;
    const y = row[columns.y];
    if (typeof y !== "number" || Number.isNaN(y)) {
      throw new Error(`row ${index}: column "${columns.y}" must hold numbers; got ${String(y)}`);
    }
    const x = row[columns.x];
    const group = groups.get(name) ?? { x: [], y: [] };
    group.x.push(typeof x === "number" ? x : String(x));
    group.y.push(y);
    groups.set(name, group);
  });
  return [...groups].map(([name, data]) => ({ name, ...data }));
}
