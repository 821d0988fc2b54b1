/**
 * `show(figure)`: displays a plotly figure in a notebook as one bundle that renders in JupyterLab,
 * Notebook 6, VS Code and nbconvert's HTML, all offline.
 *
 * plotly.js is inlined into the HTML of the first figure shown in a kernel session only; later
 * figures in the same page reuse `window.Plotly`. Outside a kernel, `show` prints the text form.
 */
import { randomUUID } from "node:crypto";
import { plotlyBundle } from "./display-bundle.js";
import type { PlotlyFigure } from "./figure.js";
import { plotlyLibraryScript } from "./plotly-library.js";
import { sendDisplayBundle, inTslabKernel } from "./tslab-display.js";

let libraryInlined = false;

/**
 * Displays `figure` in the notebook: one output with the plotly JSON, HTML and text forms. Outside a
 * tslab kernel it prints the text form. Returns nothing, so that a cell ending in `show(…)` echoes
 * nothing more; `plotlyBundle` builds the same bundle as a value.
 */
export function show(figure: PlotlyFigure): void {
  const inKernel = inTslabKernel();
  const includeLibrary = inKernel && !libraryInlined;
  const bundle = plotlyBundle(figure, {
    divId: `flashlab-plot-${randomUUID()}`,
    ...(includeLibrary ? { libraryScript: plotlyLibraryScript() } : {}),
  });
  if (inKernel && sendDisplayBundle(bundle)) {
    if (includeLibrary) libraryInlined = true;
  } else {
    console.log(bundle.data["text/plain"]);
  }
}

/**
 * Makes the next `show` inline plotly.js again. Needed only in Notebook 6 after the page was
 * reloaded while the kernel kept running, when the output that carried the library is gone.
 */
export function inlinePlotlyAgain(): void {
  libraryInlined = false;
}
