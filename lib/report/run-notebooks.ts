/**
 * Executes notebooks through the real tslab kernel with the report's Python program
 * python/run-notebooks.py (nbclient), and returns what happened to each: ok, or the failing cell
 * with its source and error output.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { projectRoot } from "../runtime/paths.js";
import { notebookProfile } from "../viz/profile.js";
import type { NotebookProfile } from "../viz/profile.js";
import { jupyterEnvironment, jupyterSetup, notebookProgram } from "./jupyter-setup.js";
import { runPythonScript } from "./python-process.js";
import type { OutputSink } from "./python-process.js";

export interface NotebookRunOptions {
  /** Notebook files or folders (default: the project's notebooks/). */
  notebooks?: readonly string[];
  /** Write the executed notebooks here (the stored ones are never written). */
  outputDir?: string;
  /** quick or full (default: FLASHLAB_PROFILE, else quick). */
  profile?: NotebookProfile;
  /** Seconds one cell may run (default: 300 quick, 3600 full). */
  cellTimeoutSeconds?: number;
  /** Receives the runner's output as it arrives. */
  onOutput?: OutputSink;
}

/** The failing cell of a notebook. */
export interface NotebookFailure {
  /** Index of the cell among all the notebook's cells, from 0; null when the notebook could not be read or its kernel failed. */
  cell: number | null;
  reason: string;
  source: string;
  /** What the cell wrote to stderr, and any error output. */
  output: string;
}

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  /** The executed copy, when an output folder was given. */
  executed: string | null;
  failure: NotebookFailure | null;
}

export interface NotebookRunSummary {
  exitCode: number;
  profile: NotebookProfile;
  results: NotebookResult[];
  /** Everything the runner printed (stdout then stderr). */
  stdout: string;
  stderr: string;
}

/** Runs the notebooks; resolves (never rejects for failing cells) with a result per notebook. */
export async function runNotebooks(options: NotebookRunOptions = {}): Promise<NotebookRunSummary> {
  const setup = jupyterSetup();
  const profile = options.profile ?? notebookProfile();
  const scratch = mkdtempSync(join(tmpdir(), "flashlab-run-"));
  const summaryFile = join(scratch, "summary.json");
  const args = ["--profile", profile, "--summary", summaryFile];
  if (options.outputDir) args.push("--output-dir", resolve(options.outputDir));
  if (options.cellTimeoutSeconds !== undefined) args.push("--timeout", String(options.cellTimeoutSeconds));
  const notebooks = options.notebooks?.length ? options.notebooks : [join(projectRoot, "notebooks")];
  args.push(...notebooks.map((path) => resolve(path)));
  try {
    const run = await runPythonScript(setup.python, notebookProgram("run-notebooks.py"), args, jupyterEnvironment(setup), options.onOutput);
    let results: NotebookResult[] = [];
    try {
      results = (JSON.parse(readFileSync(summaryFile, "utf8")) as { results: NotebookResult[] }).results;
    } catch {
      // The runner stopped before running any notebook (bad arguments, no kernel): its stderr says why.
    }
    return { exitCode: run.exitCode, profile, results, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
