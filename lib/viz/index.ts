/**
 * viz: plotly figure builders and notebook display (plots and tables) for flashlab's notebooks.
 * Build a figure with a `*Figure` function, then `show(figure)`; show tables with `showTable`.
 */
export type { AxisSpec, FigureOptions, PlotlyFigure, PlotlyLayout, PlotlyTrace, ReferenceLine } from "./figure.js";
export { defaultPlotlyConfig, figureLayout, makeFigure } from "./figure.js";
export type { RowSource, Series } from "./series.js";
export { seriesFromRows } from "./series.js";
export type { LineFigureOptions, ScatterFigureOptions } from "./line.js";
export { lineFigure, scatterFigure } from "./line.js";
export type { BarFigureOptions, BarSeries } from "./bar.js";
export { barFigure } from "./bar.js";
export type { HistogramBins, HistogramFigureOptions, HistogramSeries } from "./histogram.js";
export { histogramBins, histogramFigure } from "./histogram.js";
export type { CdfFigureOptions, CdfPoints, CdfSeries } from "./cdf.js";
export { cdfFigure, empiricalCdf } from "./cdf.js";
export type { GanttFigureOptions, GanttTask } from "./gantt.js";
export { ganttFigure } from "./gantt.js";
export type { DisplayBundle, PlotlyBundleOptions } from "./display-bundle.js";
export { describeFigure, plotlyBundle, plotlyMimetype } from "./display-bundle.js";
export { plotlyLibraryScript, plotlyLibraryVersion } from "./plotly-library.js";
export { inTslabKernel } from "./tslab-display.js";
export { inlinePlotlyAgain, show } from "./show.js";
export type { TableDisplayOptions, TableSource } from "./table.js";
export { showTable, tableBundle } from "./table.js";
export type { NotebookProfile } from "./profile.js";
export { byProfile, notebookProfile } from "./profile.js";
export { shortestPathCrossoverFigure } from "./shortest-path-figure.js";
export { runBesideReferenceFigure, type RunBesideReferenceOptions } from "./reference-figure.js";
export { lectureFigures, specsWithFigures } from "./lecture-figures.js";
export { toyShopGanttFigure, toyShopGanttTasks } from "./toy-shop-figure.js";
export { poolTimelineFigure } from "./pool-timeline-figure.js";
export { clientWaitGroup, requestTimelineFigure, requestTimelineTasks, stepColors, type RequestTimelineFigureOptions } from "./request-timeline-figure.js";
