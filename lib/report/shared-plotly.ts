/**
 * Keeps the report small: each executed notebook inlines plotly.js (about 5 MB) in its first plot so
 * that the notebook stands alone. In the report, the pages share one copy instead: the inlined
 * library is written once to `plotly.js` beside the pages, and each page loads it from there (a
 * relative, parser-blocking script, so the plots after it still find `window.Plotly`, offline).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { plotlyLibraryScript } from "../viz/plotly-library.js";

/** The file name of the shared copy, relative to the report's pages. */
export const sharedPlotlyFile = "plotly.js";

/**
 * Replaces the inlined library in each page with a reference to one shared file; returns how many
 * pages were changed. Pages without an inlined library are left alone.
 */
export function sharePlotlyLibrary(reportDir: string, pages: readonly string[]): number {
  const inlined = `<script type="text/javascript">\n${plotlyLibraryScript()}</script>`;
  const reference = `<script type="text/javascript" src="${sharedPlotlyFile}"></script>`;
  let changed = 0;
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    if (!html.includes(inlined)) continue;
    writeFileSync(page, html.split(inlined).join(reference));
    changed++;
  }
  if (changed > 0) writeFileSync(join(reportDir, sharedPlotlyFile), plotlyLibraryScript());
  return changed;
}
