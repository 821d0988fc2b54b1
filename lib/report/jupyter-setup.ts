/**
 * Where the project's Jupyter set-up is: the Python that owns Jupyter (recorded by `npm run setup`
 * in .jupyter/python), the kernels folder for JUPYTER_PATH, and the notebook scripts in scripts/.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

/** The path of one of the project's notebook scripts. */
export function notebookScript(name: "run-notebooks.py" | "notebook-to-html.py", root: string = projectRoot): string {
  return join(root, "scripts", name);
}

/** The environment for Jupyter child processes: the project's kernels first on JUPYTER_PATH. */
export function jupyterEnvironment(setup: JupyterSetup, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const existing = process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : [];
  return { ...process.env, JUPYTER_PATH: [setup.jupyterPath, ...existing].join(":"), ...extra };
}
