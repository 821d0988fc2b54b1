/**
 * Where the project's Jupyter set-up is: the Python that owns Jupyter (recorded by `npm run setup`
 * in .jupyter/python), the kernels folder for JUPYTER_PATH, and the report's own Python programs
 * (lib/report/python/, which the build copies to dist/report/python/ beside this module).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../runtime/paths.js";

export interface JupyterSetup {
  /** The Python interpreter that can import nbclient and nbconvert. */
  python: string;
  /** The folder to put on JUPYTER_PATH so that the project's tslab kernel is found. */
  jupyterPath: string;
}

/** The project's Jupyter set-up; throws, saying to run `npm run setup`, when it is missing. */
export function jupyterSetup(root: string = projectRoot): JupyterSetup {
  const pythonFile = join(root, ".jupyter", "python");
  const jupyterPath = join(root, ".jupyter", "share", "jupyter");
  const kernelFile = join(jupyterPath, "kernels", "tslab", "kernel.json");
  if (!existsSync(pythonFile) || !existsSync(kernelFile)) {
    throw new Error(`the tslab kernel is not registered in ${join(root, ".jupyter")}; run \`npm run setup\` first`);
  }
  const python = readFileSync(pythonFile, "utf8").trim();
  if (!python) throw new Error(`${pythonFile} is empty; run \`npm run setup\` again`);
  return { python, jupyterPath };
}

/** The report's Python programs, run with the Python that owns Jupyter. */
export type NotebookProgram = "run-notebooks.py" | "notebook-to-html.py";

/** The path of one of the report's Python programs, beside this module (in lib/ or dist/). */
export function notebookProgram(name: NotebookProgram): string {
  const path = fileURLToPath(new URL(`./python/${name}`, import.meta.url));
  if (!existsSync(path)) throw new Error(`flashlab: ${path} is missing; build the library (npm run build copies lib/report/python/ into dist/)`);
  return path;
}

/** The environment for Jupyter child processes: the project's kernels first on JUPYTER_PATH. */
export function jupyterEnvironment(setup: JupyterSetup, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const existing = process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : [];
  return { ...process.env, JUPYTER_PATH: [setup.jupyterPath, ...existing].join(":"), ...extra };
}
