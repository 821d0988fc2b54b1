/**
 * The plotly figure shape that flashlab's figure builders return, and the layout they share.
 *
 * A figure is plain data (`{ data, layout, config }`), exactly what `Plotly.newPlot` and the
 * `application/vnd.plotly.v1+json` mimetype take, so a notebook can still adjust any plotly
 * attribute by hand before calling `show`.
 */

/** One plotly trace: `type`, its data arrays and any other plotly trace attribute. */
export interface PlotlyTrace {
  type: string;
  name?: string;
  [attribute: string]: unknown;
}

/** A plotly layout; flashlab sets a title and axis titles, anything else may be added. */
export interface PlotlyLayout {
  title?: { text: string };
  xaxis?: Record<string, unknown>;
  yaxis?: Record<string, unknown>;
  shapes?: Array<Record<string, unknown>>;
  annotations?: Array<Record<string, unknown>>;
  [attribute: string]: unknown;
}

/** A complete plotly figure, as `Plotly.newPlot(div, data, layout, config)` takes it. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config?: Record<string, unknown>;
}

/** An axis: its title (with the unit, e.g. "response time (ms)"), and optionally log scale or range. */
export interface AxisSpec {
  title: string;
  log?: boolean;
  range?: [number, number];
}

/** A labelled vertical or horizontal line across the plot, e.g. the mean or the p95 of a distribution. */
export interface ReferenceLine {
  /** Where the line is, in data units of the x axis (vertical line) or y axis (horizontal line). */
  at: number;
  label: string;
  axis?: "x" | "y";
  color?: string;
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/** What every figure builder takes besides its data. */
export interface FigureOptions {
  title: string;
  /** The x axis title, or a full axis spec. */
  x: string | AxisSpec;
  /** The y axis title, or a full axis spec. */
  y: string | AxisSpec;
  referenceLines?: ReferenceLine[];
  /** Plot height in pixels (default 420); the width follows the page. */
  height?: number;
}

function axisLayout(axis: string | AxisSpec): Record<string, unknown> {
  const spec: AxisSpec = typeof axis === "string" ? { title: axis } : axis;
  const layout: Record<string, unknown> = { title: { text: spec.title }, automargin: true };
  if (spec.log) layout.type = "log";
  if (spec.range) layout.range = spec.log ? spec.range.map((value) => Math.log10(value)) : [...spec.range];
  return layout;
}

function isLog(axis: string | AxisSpec): boolean {
  return typeof axis !== "string" && axis.log === true;
}

/**
 * Shapes and labels for the reference lines. On a log axis plotly places a shape by its data value
 * but an annotation by the logarithm of it, so the label of a line at 33 ms sits at log10(33).
 */
function referenceLineShapes(lines: readonly ReferenceLine[], logAxes: { x: boolean; y: boolean }): Pick<PlotlyLayout, "shapes" | "annotations"> {
  const shapes: Array<Record<string, unknown>> = [];
  const annotations: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    if (!Number.isFinite(line.at)) throw new Error(`reference line "${line.label}" needs a finite position; got ${line.at}`);
    const axis = line.axis ?? "x";
    const vertical = axis === "x";
    if (logAxes[axis] && line.at <= 0) throw new Error(`reference line "${line.label}" is on a log axis, so it needs a position > 0; got ${line.at}`);
    const labelAt = logAxes[axis] ? Math.log10(line.at) : line.at;
    const style = { color: line.color ?? "#444", width: 1.5, dash: line.dash ?? "dash" };
    shapes.push(
      vertical
        ? { type: "line", xref: "x", yref: "paper", x0: line.at, x1: line.at, y0: 0, y1: 1, line: style }
        : { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: line.at, y1: line.at, line: style },
    );
    annotations.push(
      vertical
        ? { x: labelAt, xref: "x", y: 1, yref: "paper", text: line.label, showarrow: false, xanchor: "left", yanchor: "bottom" }
        : { x: 1, xref: "paper", y: labelAt, yref: "y", text: line.label, showarrow: false, xanchor: "right", yanchor: "bottom" },
    );
  }
  return { shapes, annotations };
}

/** The layout every flashlab figure shares: title, axis titles, height, margins, reference lines. */
export function figureLayout(options: FigureOptions): PlotlyLayout {
  if (!options.title) throw new Error("a figure needs a title (what question does it answer?)");
  return {
    title: { text: options.title },
    xaxis: axisLayout(options.x),
    yaxis: axisLayout(options.y),
    height: options.height ?? 420,
    margin: { t: 60, r: 30, b: 60, l: 70 },
    hovermode: "closest",
    ...referenceLineShapes(options.referenceLines ?? [], { x: isLog(options.x), y: isLog(options.y) }),
  };
}

/** The plotly config flashlab uses: responsive, no link to plotly's cloud. */
export const defaultPlotlyConfig: Readonly<Record<string, unknown>> = Object.freeze({
  responsive: true,
  displaylogo: false,
  showLink: false,
});

/** Assembles a figure from traces and options. */
export function makeFigure(data: PlotlyTrace[], options: FigureOptions, layoutExtras: Partial<PlotlyLayout> = {}): PlotlyFigure {
  return { data, layout: { ...figureLayout(options), ...layoutExtras }, config: { ...defaultPlotlyConfig } };
}
