/**
 * From finished runs to what a reader looks at: per point, the number of successful runs n and, for
 * each metric, the mean with its 95% confidence interval (Student's t, from lib/metrics; none for
 * n = 1), as rows and arquero tables, plus the per-run table. arquero is loaded on first use: it takes
 * a few hundred ms to load, which `flashlab run --list`, `--dry-run` and a usage error need not pay.
 */
import type { ColumnTable } from "arquero";
import { meanConfidenceInterval } from "../../metrics/mean-confidence-interval.js";
import type { PlannedPoint, ResolvedFactor } from "./points.js";
import type { RunRecord } from "./run-folder.js";
import type { SettingValue } from "./spec.js";

/** One point's summary: its levels by factor name, n, failed, and `<metric>Mean`, `<metric>CiLow`, `<metric>CiHigh`. */
export type PointSummaryRow = Record<string, SettingValue | null>;

/** The confidence level of the summaries' intervals. */
export const summaryConfidenceLevel = 0.95;

/** Mean and interval of `values` (interval null below two values; everything null for none). */
function meanWithInterval(values: readonly number[]): { mean: number | null; low: number | null; high: number | null } {
  if (values.length === 0) return { mean: null, low: null, high: null };
  if (values.length === 1) return { mean: values[0]!, low: null, high: null };
  const interval = meanConfidenceInterval(values, summaryConfidenceLevel);
  return { mean: interval.mean, low: interval.lower, high: interval.upper };
}

/** One row per point (in the plan's point order), over the runs that finished ok. */
export function summarizePoints(points: readonly PlannedPoint[], metrics: readonly string[], records: readonly RunRecord[]): PointSummaryRow[] {
  return points.map((point) => {
    const runs = records.filter((record) => record.point === point.id);
    const ok = runs.filter((record) => record.status === "ok");
    const row: PointSummaryRow = { ...point.levels, n: ok.length, failed: runs.length - ok.length };
    for (const metric of metrics) {
      const values = ok.flatMap((record) => {
        const value = record.metrics[metric];
        return typeof value === "number" && Number.isFinite(value) ? [value] : [];
      });
      const { mean, low, high } = meanWithInterval(values);
      row[`${metric}Mean`] = mean;
      row[`${metric}CiLow`] = low;
      row[`${metric}CiHigh`] = high;
    }
    return row;
  });
}

/** One row per finished run: order, key, rep, the levels, status, every metric, warnings, error. */
export function runRows(factors: readonly ResolvedFactor[], metrics: readonly string[], records: readonly RunRecord[]): Array<Record<string, SettingValue | null>> {
  return records.map((record) => {
    const row: Record<string, SettingValue | null> = { order: record.order, key: record.key, point: record.point, rep: record.rep };
    for (const factor of factors) row[factor.name] = record.levels[factor.name] ?? null;
    row.status = record.status;
    for (const metric of metrics) row[metric] = record.metrics[metric] ?? null;
    row.warnings = record.warnings.join("; ");
    row.error = record.error;
    row.startedAt = record.startedAt;
    row.wallS = record.wallS;
    row.loadAverageBefore = record.loadAverage.before?.[0] ?? null;
    row.loadAverageAfter = record.loadAverage.after?.[0] ?? null;
    return row;
  });
}

/** Rows as an arquero table; with no rows, a table with the given columns and none. */
async function tableOf(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): Promise<ColumnTable> {
  const { from, table } = await import("arquero");
  if (rows.length > 0) return from(rows as Array<Record<string, unknown>>);
  return table(Object.fromEntries(columns.map((column) => [column, []])));
}

/** What a sweep's design says about its results' columns. */
export interface ResultDesign {
  factors: readonly ResolvedFactor[];
  points: readonly PlannedPoint[];
  /** The metrics the spec summarizes. */
  metrics: readonly string[];
}

/** The results of a sweep as tables. */
export interface ResultTables {
  /** One row per finished run: order, key, point, rep, levels, status, every metric, warnings, error. */
  runs: ColumnTable;
  /** One row per point: levels, n, failed, and each summarized metric's mean and 95% confidence interval. */
  summary: ColumnTable;
  summaryRows: PointSummaryRow[];
}

/** The spec's metrics first, then any other metric the runs recorded. */
export function recordedMetrics(specMetrics: readonly string[], records: readonly RunRecord[]): string[] {
  const names = new Set(specMetrics);
  for (const record of records) for (const name of Object.keys(record.metrics)) names.add(name);
  return [...names];
}

/** Tables of `records` under `design`. */
export async function resultTables(design: ResultDesign, records: readonly RunRecord[]): Promise<ResultTables> {
  const metricNames = recordedMetrics(design.metrics, records);
  const summaryRows = summarizePoints(design.points, design.metrics, records);
  const runColumns = ["order", "key", "point", "rep", ...design.factors.map((factor) => factor.name), "status", ...metricNames];
  return {
    runs: await tableOf(runRows(design.factors, metricNames, records), runColumns),
    summary: await tableOf(summaryRows, [...design.factors.map((factor) => factor.name), "n", "failed"]),
    summaryRows,
  };
}
