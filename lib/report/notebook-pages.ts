/**
 * Renders executed notebooks to offline HTML pages with the report's Python program
 * python/notebook-to-html.py (nbconvert's lab template without its CDN scripts).
 */
import { jupyterEnvironment, jupyterSetup, notebookProgram } from "./jupyter-setup.js";
import { runPythonScript } from "./python-process.js";
import type { OutputSink } from "./python-process.js";

/** Writes `<outputDir>/<name>.html` for each executed notebook; throws with nbconvert's message on failure. */
export async function renderNotebookPages(
  executedNotebooks: readonly string[],
  outputDir: string,
  options: { indexLink?: string; onOutput?: OutputSink } = {},
): Promise<void> {
  if (executedNotebooks.length === 0) return;
  const setup = jupyterSetup();
  const args = ["--output-dir", outputDir, ...(options.indexLink ? ["--index-link", options.indexLink] : []), ...executedNotebooks];
  const run = await runPythonScript(setup.python, notebookProgram("notebook-to-html.py"), args, jupyterEnvironment(setup), options.onOutput);
  if (run.exitCode !== 0) throw new Error(`rendering notebooks to HTML failed (exit ${run.exitCode}):\n${run.stderr}`);
}
