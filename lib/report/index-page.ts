/**
 * The report's index page: one row per notebook with its title, status and run time, linking the
 * notebook's HTML page and its executed .ipynb. Plain HTML and inline CSS, no scripts.
 */
import { escapeHtml } from "../viz/script-embedding.js";

export interface ReportEntry {
  title: string;
  /** The notebook's file name, e.g. "01-toy-shop.ipynb". */
  notebook: string;
  /** Relative link to the notebook's HTML page (absent when the notebook could not be executed at all). */
  page?: string;
  /** Relative link to the executed notebook (absent likewise). */
  executed?: string;
  ok: boolean;
  seconds: number;
  /** For a failed notebook: which cell failed and why. */
  failure?: string;
}

export interface ReportIndex {
  profile: string;
  generatedAt: Date;
  /** Where the notebooks ran, e.g. "2 × Intel Xeon …, Linux 6.1, Node v24.21.0". */
  machine: string;
  entries: readonly ReportEntry[];
}

/** The HTML of the index page. Pure. */
export function reportIndexHtml(index: ReportIndex): string {
  const failed = index.entries.filter((entry) => !entry.ok).length;
  const rows = index.entries
    .map((entry) => {
      const status = entry.ok
        ? `<span class="ok">ran</span>`
        : `<span class="failed">failed</span>${entry.failure ? `<div class="why">${escapeHtml(entry.failure)}</div>` : ""}`;
      const title = entry.page ? `<a href="${escapeHtml(entry.page)}">${escapeHtml(entry.title)}</a>` : escapeHtml(entry.title);
      const executed = entry.executed ? ` · <a href="${escapeHtml(entry.executed)}">executed notebook</a>` : "";
      return (
        `<tr><td>${title}<div class="file">${escapeHtml(entry.notebook)}${executed}</div></td>` +
        `<td>${status}</td><td class="num">${entry.seconds.toFixed(1)} s</td></tr>`
      );
    })
    .join("\n");
  const count = index.entries.length;
  const summary = failed === 0 ? `${count === 1 ? "The notebook" : `All ${count} notebooks`} ran.` : `${failed} of ${count} notebooks failed.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flashlab report</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  .num { text-align: right; white-space: nowrap; }
  .file { color: #666; font-size: 0.85em; }
  .ok { color: #1a7f37; } .failed { color: #c62828; font-weight: bold; }
  .why { color: #c62828; font-size: 0.85em; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>flashlab report</h1>
<p>Every notebook executed with the <strong>${escapeHtml(index.profile)}</strong> profile on ${escapeHtml(index.machine)},
${escapeHtml(index.generatedAt.toISOString())}. ${summary} The pages share one copy of plotly.js for the plots and one of
MathJax for the maths, both in this folder: no network is needed.</p>
<table>
<thead><tr><th>notebook</th><th>status</th><th class="num">run time</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
