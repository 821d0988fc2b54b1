/**
 * report: executing notebooks through the tslab kernel and turning them into an offline HTML report.
 */
export type { JupyterSetup } from "./jupyter-setup.js";
export { jupyterEnvironment, jupyterSetup } from "./jupyter-setup.js";
export type { NotebookFailure, NotebookResult, NotebookRunOptions, NotebookRunSummary } from "./run-notebooks.js";
export { runNotebooks } from "./run-notebooks.js";
export { renderNotebookPages } from "./notebook-pages.js";
export { notebookTitle } from "./notebook-title.js";
export type { ReportEntry, ReportIndex } from "./index-page.js";
export { reportIndexHtml } from "./index-page.js";
export type { Report, ReportOptions } from "./build-report.js";
export { buildReport, reportMarkerFile } from "./build-report.js";
