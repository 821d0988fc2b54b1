/**
 * plotly.js for inlining into notebook outputs: read once from the installed plotly.js-dist-min
 * package and wrapped so that it always defines `window.Plotly`.
 *
 * Notebook 6 and some nbconvert templates load require.js; a UMD bundle that sees `define` or
 * `module` registers itself there instead of on `window`. Running the bundle inside a function whose
 * `define`, `module` and `exports` parameters are undefined shadows them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { scriptSafeSource } from "./script-embedding.js";

const require = createRequire(import.meta.url);
let cachedScript: string | undefined;

/** The path of plotly.min.js in the installed plotly.js-dist-min package. */
function plotlyLibraryPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** The version of the inlined plotly.js, as its package states it. */
export function plotlyLibraryVersion(): string {
  const manifest = require("plotly.js-dist-min/package.json") as { version: string };
  return manifest.version;
}

/**
 * JavaScript (for the inside of a `<script>` element) that defines `window.Plotly` from the
 * installed plotly.js, unless the page already has it. About 5 MB; read from disk once per process.
 */
export function plotlyLibraryScript(): string {
  if (cachedScript === undefined) {
    const source = scriptSafeSource(readFileSync(plotlyLibraryPath(), "utf8"));
    cachedScript =
      "if (typeof window.Plotly === 'undefined') {\n" +
      "(function (define, module, exports) {\n" +
      source +
      "\n}).call(window, undefined, undefined, undefined);\n}\n";
  }
  return cachedScript;
}
