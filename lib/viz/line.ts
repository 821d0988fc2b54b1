/**
 * Line and scatter figures: one trace per series, e.g. total time against the number of orders,
 * one line per threading model.
 */
import { makeFigure } from "./figure.js";
import type { FigureOptions, PlotlyFigure } from "./figure.js";
import { checkSeries } from "./series.js";
import type { Series } from "./series.js";

export interface LineFigureOptions extends FigureOptions {
  series: readonly Series[];
  /** Draw a marker at each point as well as the line (default true). */
  markers?: boolean;
  /** Draw steps instead of straight segments between points (as for a count that changes at events). */
  steps?: boolean;
}

function requireSeries(series: readonly Series[], kind: string): void {
  if (series.length === 0) throw new Error(`a ${kind} figure needs at least one series`);
  for (const one of series) checkSeries(one);
}

/** A line chart: one line per series. */
export function lineFigure(options: LineFigureOptions): PlotlyFigure {
  requireSeries(options.series, "line");
  const mode = options.markers === false ? "lines" : "lines+markers";
  const traces = options.series.map((series) => ({
    type: "scatter",
    mode,
    name: series.name,
    x: [...series.x],
    y: [...series.y],
    ...(options.steps ? { line: { shape: "hv" } } : {}),
  }));
  return makeFigure(traces, options);
}

export interface ScatterFigureOptions extends FigureOptions {
  series: readonly Series[];
  /** Marker size in pixels (default 7). */
  markerSize?: number;
}

/** A scatter plot: one set of points per series, without connecting lines. */
export function scatterFigure(options: ScatterFigureOptions): PlotlyFigure {
  requireSeries(options.series, "scatter");
  const traces = options.series.map((series) => ({
    type: "scatter",
    mode: "markers",
    name: series.name,
    x: [...series.x],
    y: [...series.y],
    marker: { size: options.markerSize ?? 7 },
  }));
  return makeFigure(traces, options);
}
