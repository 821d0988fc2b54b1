/**
 * "Your run beside the reference run": one metric of two sweeps of the same spec in one figure, each
 * point with its 95% confidence interval as an error bar (none where n = 1). Against a numeric factor
 * (file size, data-set size, clients) it draws one line per level of `by` (one per architecture): this
 * run solid, the reference dashed in the same colour. Against a categorical one (the architecture) it
 * draws grouped bars. Without a reference it draws this run alone and says so in the title.
 */
import type { PointSummaryRow } from "../experiments/runner/summary.js";
import type { SettingValue } from "../experiments/runner/spec.js";
import { levelName } from "../experiments/results/sweep-results.js";
import { makeFigure } from "./figure.js";
import type { AxisSpec, PlotlyFigure, PlotlyTrace, ReferenceLine } from "./figure.js";

/** plotly's default colours, so that a level keeps its colour in both sweeps. */
const colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export interface RunBesideReferenceOptions {
  title: string;
  /** This run's summary rows (`result.summaryRows`). */
  yours: readonly PointSummaryRow[];
  /** The reference run's rows; null when there is none (the title says so), undefined for a figure of this run alone. */
  reference?: readonly PointSummaryRow[] | null;
  /** The factor on the x axis. */
  x: string;
  /** The factor whose levels are the series (lines), e.g. "arch"; omit for one series. */
  by?: string;
  /** The metric: reads `<metric>Mean`, `<metric>CiLow`, `<metric>CiHigh`. */
  metric: string;
  /** Only rows with these levels (e.g. { workload: "nasa-excerpt" }). */
  where?: Readonly<Record<string, SettingValue>>;
  xAxis: string | AxisSpec;
  yAxis: string | AxisSpec;
  /** Names of this run and the reference in the legend (default "this run", "reference"). */
  names?: { yours?: string; reference?: string };
  /** Labelled lines across the plot (e.g. the cache size). */
  referenceLines?: ReferenceLine[];
  height?: number;
}

interface Point {
  x: SettingValue;
  mean: number;
  low: number | null;
  high: number | null;
}

function selected(rows: readonly PointSummaryRow[], where: Readonly<Record<string, SettingValue>> | undefined): PointSummaryRow[] {
  return rows.filter((row) => Object.entries(where ?? {}).every(([name, value]) => row[name] === undefined || row[name] === value));
}

function pointsOf(rows: readonly PointSummaryRow[], options: RunBesideReferenceOptions): Map<string, Point[]> {
  const series = new Map<string, Point[]>();
  for (const row of rows) {
    const x = row[options.x];
    const mean = row[`${options.metric}Mean`];
    if (x === null || x === undefined || typeof mean !== "number") continue;
    const low = row[`${options.metric}CiLow`];
    const high = row[`${options.metric}CiHigh`];
    const name = options.by ? String(row[options.by]) : options.metric;
    const points = series.get(name) ?? [];
    points.push({ x, mean, low: typeof low === "number" ? low : null, high: typeof high === "number" ? high : null });
    series.set(name, points);
  }
  for (const points of series.values()) if (points.every((point) => typeof point.x === "number")) points.sort((a, b) => Number(a.x) - Number(b.x));
  return series;
}

/** Asymmetric error bars from the interval; none where a point has no interval. */
function errorBars(points: readonly Point[], colour: string): Record<string, unknown> {
  if (points.every((point) => point.low === null || point.high === null)) return { visible: false };
  return {
    type: "data",
    symmetric: false,
    array: points.map((point) => (point.high === null ? 0 : point.high - point.mean)),
    arrayminus: points.map((point) => (point.low === null ? 0 : point.mean - point.low)),
    color: colour,
    thickness: 1.2,
    width: 4,
  };
}

/** The figure; throws when neither sweep has a value of the metric (a wrong metric or factor name). */
export function runBesideReferenceFigure(options: RunBesideReferenceOptions): PlotlyFigure {
  const yours = pointsOf(selected(options.yours, options.where), options);
  const reference = options.reference ? pointsOf(selected(options.reference, options.where), options) : new Map<string, Point[]>();
  if (yours.size === 0 && reference.size === 0) {
    throw new Error(`this run has no "${options.metric}Mean" with a "${options.x}" level${options.where ? ` where ${JSON.stringify(options.where)}` : ""}; check the metric and factor names`);
  }
  const names = { yours: options.names?.yours ?? "this run", reference: options.names?.reference ?? "reference" };
  const seriesNames = [...new Set([...yours.keys(), ...reference.keys()])];
  const categorical = [...yours.values(), ...reference.values()].some((points) => points.some((point) => typeof point.x !== "number"));
  const traces: PlotlyTrace[] = [];
  seriesNames.forEach((name, index) => {
    const colour = colours[index % colours.length]!;
    const label = options.by ? levelName(name) : "";
    for (const [sweep, points] of [
      ["yours", yours.get(name)],
      ["reference", reference.get(name)],
    ] as const) {
      if (!points || points.length === 0) continue;
      const sweepName = sweep === "yours" ? names.yours : names.reference;
      const common = {
        name: label ? `${label} (${sweepName})` : sweepName,
        legendgroup: name,
        x: points.map((point) => (typeof point.x === "number" ? point.x : levelName(point.x))),
        y: points.map((point) => point.mean),
        error_y: errorBars(points, colour),
      };
      traces.push(
        categorical
          ? { type: "bar", ...common, marker: { color: colour, opacity: sweep === "yours" ? 1 : 0.45 } }
          : {
              type: "scatter",
              mode: "lines+markers",
              ...common,
              line: { color: colour, dash: sweep === "yours" ? "solid" : "dash", width: sweep === "yours" ? 2.5 : 1.5 },
              marker: { color: colour, symbol: sweep === "yours" ? "circle" : "circle-open", size: 8 },
            },
      );
    }
  });
  // undefined: a figure of one sweep alone; null: a reference was looked for and there is none.
  const title = options.reference === null ? `${options.title} (no reference run to compare)` : options.title;
  return makeFigure(
    traces,
    { title, x: options.xAxis, y: options.yAxis, ...(options.height ? { height: options.height } : {}), ...(options.referenceLines ? { referenceLines: options.referenceLines } : {}) },
    categorical ? { barmode: "group" } : {},
  );
}
