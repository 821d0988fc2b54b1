/**
 * Bar figures: one value per category for each series, grouped or stacked, e.g. throughput per
 * server architecture for two workloads.
 */
import { makeFigure } from "./figure.js";
import type { FigureOptions, PlotlyFigure } from "./figure.js";

export interface BarSeries {
  name: string;
  /** One value per category, in the order of `categories`. */
  values: readonly number[];
}

export interface BarFigureOptions extends FigureOptions {
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Stack the series instead of placing them side by side. */
  stacked?: boolean;
  /** Bars run left to right with categories on the y axis (the x and y options keep their meaning as axes). */
  horizontal?: boolean;
}

/** A bar chart with one bar per category and series. */
export function barFigure(options: BarFigureOptions): PlotlyFigure {
  if (options.series.length === 0) throw new Error("a bar figure needs at least one series");
  for (const series of options.series) {
    if (series.values.length !== options.categories.length) {
      throw new Error(
        `bar series "${series.name}" has ${series.values.length} values for ${options.categories.length} categories; they must match`,
      );
    }
  }
  const traces = options.series.map((series) => ({
    type: "bar",
    name: series.name,
    ...(options.horizontal
      ? { orientation: "h", y: [...options.categories], x: [...series.values] }
      : { x: [...options.categories], y: [...series.values] }),
  }));
  return makeFigure(traces, options, { barmode: options.stacked ? "stack" : "group" });
}
