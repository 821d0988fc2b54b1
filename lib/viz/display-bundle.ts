/**
 * Display bundles: one output carrying several representations (mimetypes) of the same thing.
 * Each front end picks the richest one it can render: JupyterLab and VS Code the plotly JSON,
 * Notebook 6 and nbconvert's HTML the `text/html`, a terminal or a log the `text/plain`.
 */
import { defaultPlotlyConfig } from "./figure.js";
import type { PlotlyFigure } from "./figure.js";
import { escapeHtml, scriptSafeJson } from "./script-embedding.js";

/** The mimetype JupyterLab's plotly renderer (and VS Code's) reads. */
export const plotlyMimetype = "application/vnd.plotly.v1+json";

/** A Jupyter display_data message's content: representations by mimetype, plus metadata. */
export interface DisplayBundle {
  data: Record<string, unknown> & { "text/plain": string };
  metadata: Record<string, unknown>;
}

export interface PlotlyBundleOptions {
  /** The id of the `<div>` the HTML draws into; must be unique in the page. */
  divId: string;
  /** JavaScript that defines `window.Plotly` (see plotly-library.ts); included before the plot when given. */
  libraryScript?: string;
}

/** A one-line description of a figure for `text/plain`: its title and what each trace holds. */
export function describeFigure(figure: PlotlyFigure): string {
  const title = figure.layout.title?.text ?? "untitled";
  const traces = figure.data.map((trace) => {
    const points = Array.isArray(trace.x) ? trace.x.length : Array.isArray(trace.y) ? trace.y.length : 0;
    return `${trace.name ?? trace.type} (${trace.type}, ${points} points)`;
  });
  return `Plotly figure "${title}": ${traces.length} trace${traces.length === 1 ? "" : "s"}${traces.length ? ": " + traces.join("; ") : ""}`;
}

function figureHtml(figure: PlotlyFigure, divId: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(divId)) throw new Error(`divId must be letters, digits, - or _, starting with a letter; got "${divId}"`);
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 420;
  const missingLibrary =
    "plotly.js is not loaded in this page. Re-run the notebook from the top, or call inlinePlotlyAgain() before show().";
  return [
    `<div id="${divId}" class="flashlab-plot" style="width: 100%; height: ${height}px;"></div>`,
    `<script type="text/javascript">`,
    `(function () {`,
    `  var target = document.getElementById(${JSON.stringify(divId)});`,
    `  if (!target) return;`,
    `  if (typeof window.Plotly === "undefined") { target.textContent = ${JSON.stringify(missingLibrary)}; return; }`,
    `  window.Plotly.newPlot(target, ${scriptSafeJson(figure.data)}, ${scriptSafeJson(figure.layout)}, ${scriptSafeJson(figure.config ?? defaultPlotlyConfig)});`,
    `})();`,
    `</script>`,
  ].join("\n");
}

/**
 * The display bundle for a plotly figure: the plotly JSON mimetype, HTML that draws the figure with
 * plotly.js (preceded by the library itself when `libraryScript` is given) and a text description.
 * Pure: the same inputs give the same bundle.
 */
export function plotlyBundle(figure: PlotlyFigure, options: PlotlyBundleOptions): DisplayBundle {
  if (!figure || !Array.isArray(figure.data) || typeof figure.layout !== "object" || figure.layout === null) {
    throw new Error("show() takes a plotly figure: an object with a `data` array and a `layout` object");
  }
  const json = JSON.parse(scriptSafeJson({ data: figure.data, layout: figure.layout, config: figure.config ?? defaultPlotlyConfig }));
  const library = options.libraryScript
    ? `<script type="text/javascript">\n${options.libraryScript}</script>\n`
    : "";
  const text = describeFigure(figure);
  return {
    data: {
      [plotlyMimetype]: json,
      "text/html": `${library}${figureHtml(figure, options.divId)}\n<noscript>${escapeHtml(text)}</noscript>`,
      "text/plain": text,
    },
    metadata: {},
  };
}
