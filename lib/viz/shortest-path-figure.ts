/**
 * The figure of the shortest-path crossover experiment: median time against graph density for both
 * algorithms, with the medians' confidence intervals as error bars and the crossover marked.
 */
import { shortestPathAlgorithmNames } from "../experiments/shortest-path-crossover.js";
import type { ShortestPathAlgorithm, ShortestPathCrossoverResult } from "../experiments/shortest-path-crossover.js";
import { makeFigure } from "./figure.js";
import type { PlotlyFigure, PlotlyTrace } from "./figure.js";

/** Log–log plot of median times with asymmetric CI error bars; a dashed line at the crossover. */
export function shortestPathCrossoverFigure(result: ShortestPathCrossoverResult, title?: string): PlotlyFigure {
  const algorithms = Object.keys(shortestPathAlgorithmNames) as ShortestPathAlgorithm[];
  const traces: PlotlyTrace[] = algorithms.map((algorithm) => {
    const timings = result.timings.filter((timing) => timing.algorithm === algorithm);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: shortestPathAlgorithmNames[algorithm],
      x: timings.map((timing) => timing.density),
      y: timings.map((timing) => timing.median.median),
      error_y: {
        type: "data",
        symmetric: false,
        array: timings.map((timing) => timing.median.upper - timing.median.median),
        arrayminus: timings.map((timing) => timing.median.median - timing.median.lower),
      },
    };
  });
  if (result.crossoverDensity !== null) {
    const bounds = result.timings.flatMap((timing) => [timing.median.lower, timing.median.upper]);
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `winner changes (density ${result.crossoverDensity})`,
      x: [result.crossoverDensity, result.crossoverDensity],
      y: [Math.min(...bounds), Math.max(...bounds)],
      line: { dash: "dash", color: "#444" },
    });
  }
  return makeFigure(traces, {
    title: title ?? `All-pairs shortest paths on ${result.options.vertexCount} vertices, timed on this machine`,
    x: { title: "edge density (probability of each edge)", log: true },
    y: { title: "median time (ms)", log: true },
  });
}
