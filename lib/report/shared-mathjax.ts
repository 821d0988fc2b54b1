/**
 * Maths in the report, offline. nbconvert leaves the TeX of Markdown cells in the pages (`$…$`,
 * `$$…$$`, `\(…\)`, `\[…\]`, with `\$` for a literal dollar), as Jupyter does, for MathJax to typeset
 * in the browser. The report ships MathJax itself: one copy of its self-contained TeX-to-SVG
 * component (from the installed `mathjax` package: fonts included, no extension loaded later) is
 * written to `mathjax.js` beside the pages, and each page configures it and loads it from there, so
 * that no page asks the network for anything.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/** The file name of the shared copy, relative to the report's pages. */
export const sharedMathJaxFile = "mathjax.js";

/**
 * MathJax 3's configuration, as nbconvert's own (TeX delimiters, `\$` escapes, environments), with
 * code outputs left alone: only Markdown is maths, as in a notebook, so that a table or a log line
 * holding two dollar signs is shown as written.
 */
const mathJaxConfiguration = {
  tex: {
    inlineMath: [["$", "$"], ["\\(", "\\)"]],
    displayMath: [["$$", "$$"], ["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: { ignoreHtmlClass: "tex2jax_ignore|jp-OutputArea" },
  svg: { fontCache: "global" },
};

/** The path of MathJax's combined TeX-input, SVG-output component in the installed package. */
export function mathJaxComponentPath(): string {
  return require.resolve("mathjax/es5/tex-svg-full.js");
}

/** The `<script>` elements a page needs: the configuration, then the shared component. */
export function mathJaxScripts(): string {
  return (
    `<script type="text/javascript">window.MathJax = ${JSON.stringify(mathJaxConfiguration)};</script>\n` +
    `<script type="text/javascript" src="${sharedMathJaxFile}" defer></script>\n`
  );
}

/**
 * Adds MathJax to each page (before `</head>`) and writes the shared copy once; returns how many
 * pages were changed. A page without a head is left alone.
 */
export function shareMathJax(reportDir: string, pages: readonly string[]): number {
  let changed = 0;
  for (const page of pages) {
    const html = readFileSync(page, "utf8");
    const headEnd = html.indexOf("</head>");
    if (headEnd < 0) continue;
    writeFileSync(page, html.slice(0, headEnd) + mathJaxScripts() + html.slice(headEnd));
    changed++;
  }
  if (changed > 0) copyFileSync(mathJaxComponentPath(), join(reportDir, sharedMathJaxFile));
  return changed;
}
