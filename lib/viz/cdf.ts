/**
 * Empirical cumulative distribution functions: for each value v, the share of samples ≤ v. Reading
 * a CDF at 0.95 gives the p95; comparing two CDFs shows which configuration is faster at every rank.
 */
import { makeFigure } from "./figure.js";
import type { AxisSpec, FigureOptions, PlotlyFigure } from "./figure.js";

/** Points of a step function: `share[i]` of the samples are ≤ `value[i]`. */
export interface CdfPoints {
  value: number[];
  share: number[];
}

/**
 * The empirical CDF of `values`, one point per distinct value, thinned to at most `maxPoints` points
 * (always keeping the smallest and largest value). Runs in O(n log n).
 */
export function empiricalCdf(values: readonly number[], maxPoints = 2000): CdfPoints {
  if (values.length === 0) throw new Error("the CDF of no values is undefined; pass at least one value");
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new Error(`CDF input has a non-finite value at index ${index}: ${value}`);
  });
  const sorted = [...values].sort((a, b) => a - b);
  const value: number[] = [];
  const share: number[] = [];
  for (let index = 0; index < sorted.length; index++) {
    const current = sorted[index]!;
    if (index + 1 < sorted.length && sorted[index + 1] === current) continue; // last of equal values
    value.push(current);
    share.push((index + 1) / sorted.length);
  }
  if (value.length <= maxPoints) return { value, share };
  const step = (value.length - 1) / (maxPoints - 1);
  const keep = Array.from({ length: maxPoints }, (_, index) => Math.round(index * step));
  return { value: keep.map((index) => value[index]!), share: keep.map((index) => share[index]!) };
}

export interface CdfSeries {
  name: string;
  values: readonly number[];
}

export interface CdfFigureOptions extends Omit<FigureOptions, "y"> {
  series: readonly CdfSeries[];
  /** The y axis; defaults to "share ≤ x". */
  y?: string | AxisSpec;
}

/** One empirical CDF per series, drawn as steps rising from 0 at the smallest value to 1 at the largest. */
export function cdfFigure(options: CdfFigureOptions): PlotlyFigure {
  if (options.series.length === 0) throw new Error("a CDF figure needs at least one series");
  const traces = options.series.map((series) => {
    const points = empiricalCdf(series.values);
    const x = [points.value[0]!, ...points.value];
    const y = [0, ...points.share];
    return { type: "scatter", mode: "lines", name: series.name, x, y, line: { shape: "hv" } };
  });
  const y = options.y ?? "share ≤ x";
  const yAxis = typeof y === "string" ? { title: y, range: [0, 1.02] as [number, number] } : y;
  return makeFigure(traces, { ...options, y: yAxis });
}
