/**
 * Histograms of samples, e.g. a response-time distribution with its mean and p95 marked.
 *
 * The bins are computed here, not by plotly, so that the figure carries only the counts (small,
 * deterministic) rather than every sample.
 */
import { makeFigure } from "./figure.js";
import type { AxisSpec, FigureOptions, PlotlyFigure } from "./figure.js";

/** Equal-width bins: `edges` has one more entry than `counts`. */
export interface HistogramBins {
  edges: number[];
  counts: number[];
}

function finiteValues(values: readonly number[], what: string): number[] {
  if (values.length === 0) throw new Error(`${what} has no values; a histogram needs at least one`);
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new Error(`${what} has a non-finite value at index ${index}: ${value}`);
  });
  return [...values];
}

/**
 * Counts `values` into `binCount` equal-width bins from `low` to `high` (default: the data's min and max).
 * A value equal to `high` falls in the last bin; values outside [low, high] are not counted. Runs in O(n).
 */
export function histogramBins(values: readonly number[], binCount: number, low?: number, high?: number): HistogramBins {
  if (!Number.isInteger(binCount) || binCount < 1) throw new Error(`binCount must be a whole number ≥ 1; got ${binCount}`);
  const checked = finiteValues(values, "the sample");
  const from = low ?? Math.min(...checked);
  let to = high ?? Math.max(...checked);
  if (to < from) throw new Error(`the bin range must not be reversed; got ${from} to ${to}`);
  if (to === from) to = from + 1; // all values equal: one unit-wide range keeps the bins visible
  const width = (to - from) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (const value of checked) {
    if (value < from || value > to) continue;
    const index = Math.min(binCount - 1, Math.floor((value - from) / width));
    counts[index]! += 1;
  }
  const edges = Array.from({ length: binCount + 1 }, (_, index) => from + index * width);
  return { edges, counts };
}

export interface HistogramSeries {
  name: string;
  values: readonly number[];
}

export interface HistogramFigureOptions extends Omit<FigureOptions, "y"> {
  series: readonly HistogramSeries[];
  /** Number of bins over the range of all series together (default 40). */
  bins?: number;
  /** Show each bin's share of its series in percent instead of counts (compares series of different sizes). */
  percent?: boolean;
  /** The y axis; defaults to "count" or "share (%)". */
  y?: string | AxisSpec;
}

/** A histogram per series on shared bins, overlaid. */
export function histogramFigure(options: HistogramFigureOptions): PlotlyFigure {
  if (options.series.length === 0) throw new Error("a histogram figure needs at least one series");
  const all = options.series.flatMap((series) => finiteValues(series.values, `series "${series.name}"`));
  let low = Infinity;
  let high = -Infinity;
  for (const value of all) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const binCount = options.bins ?? 40;
  const traces = options.series.map((series) => {
    const { edges, counts } = histogramBins(series.values, binCount, low, high);
    const width = (edges[1] ?? 1) - (edges[0] ?? 0);
    const heights = options.percent ? counts.map((count) => (100 * count) / series.values.length) : counts;
    return {
      type: "bar",
      name: series.name,
      x: edges.slice(0, -1).map((edge) => edge + width / 2),
      y: heights,
      width: Array(counts.length).fill(width),
      opacity: options.series.length > 1 ? 0.6 : 0.85,
    };
  });
  const y = options.y ?? (options.percent ? "share (%)" : "count");
  return makeFigure(traces, { ...options, y }, { barmode: "overlay", bargap: 0 });
}
