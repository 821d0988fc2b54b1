/**
 * `flashlab report` (what `npm start` runs): executes every notebook and writes an offline HTML report.
 * `flashlab notebooks`: executes notebooks through the tslab kernel and reports failing cells, without a report.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReport } from "../report/build-report.js";
import { runNotebooks } from "../report/run-notebooks.js";
import { notebookProfile } from "../viz/profile.js";
import type { NotebookProfile } from "../viz/profile.js";
import { defineCommand } from "./command.js";
import type { Command, CommandGroup, CommandIO } from "./command.js";
import { shownPath } from "./shown-path.js";

const sharedOptions = {
  profile: {
    type: "string",
    choices: ["quick", "full"],
    description: "experiment sizes in the notebooks (default: $FLASHLAB_PROFILE, else quick)",
  },
  timeout: {
    type: "integer",
    min: 1,
    valueName: "SECONDS",
    description: "seconds one cell may run before it fails (default 300 quick, 3600 full)",
  },
} as const;

const notebookArguments = { name: "NOTEBOOK|FOLDER...", min: 0, max: Number.POSITIVE_INFINITY };

function forward(io: CommandIO) {
  return (stream: "stdout" | "stderr", text: string) => (stream === "stdout" ? io.stdout(text) : io.stderr(text));
}

function chosenProfile(option: string | undefined): NotebookProfile {
  return option === "quick" || option === "full" ? option : notebookProfile();
}

const reportCommand = defineCommand({
  name: "report",
  summary: "execute the notebooks (quick profile by default) and write an offline HTML report",
  details:
    "Runs every notebook under notebooks/ (or the ones given) through the tslab kernel, renders each\n" +
    "executed notebook to HTML with its plots, and writes an index page. Exits 1 when a notebook fails\n" +
    "(the report still shows how far it got).",
  options: {
    out: { type: "string", default: "report", valueName: "DIR", description: "report folder (replaced on each run)" },
    ...sharedOptions,
  },
  positional: notebookArguments,
  async run({ options, positionals }, io) {
    const report = await buildReport({
      reportDir: options.out,
      profile: chosenProfile(options.profile),
      ...(positionals.length ? { notebooks: positionals } : {}),
      ...(options.timeout !== undefined ? { cellTimeoutSeconds: options.timeout } : {}),
      onOutput: forward(io),
    });
    const failed = report.results.filter((result) => !result.ok).length;
    io.stdout(
      `\nreport: ${shownPath(report.indexFile)}\n` +
        `        open ${pathToFileURL(resolve(report.indexFile)).href} in a browser (works offline)\n` +
        `        ${report.results.length} notebook(s), ${failed} failed\n`,
    );
    return report.ok ? 0 : 1;
  },
});

const notebooksCommand = defineCommand({
  name: "notebooks",
  summary: "execute notebooks through the tslab kernel; print the failing cell and exit 1 on failure",
  details: "Without arguments, runs every notebook under notebooks/. Stored notebooks are never modified.",
  options: {
    "output-dir": { type: "string", valueName: "DIR", description: "write the executed notebooks (with outputs) here" },
    ...sharedOptions,
  },
  positional: notebookArguments,
  async run({ options, positionals }, io) {
    const run = await runNotebooks({
      profile: chosenProfile(options.profile),
      ...(positionals.length ? { notebooks: positionals } : {}),
      ...(options["output-dir"] ? { outputDir: options["output-dir"] } : {}),
      ...(options.timeout !== undefined ? { cellTimeoutSeconds: options.timeout } : {}),
      onOutput: forward(io),
    });
    return run.exitCode === 0 ? 0 : 1;
  },
});

export const reportCommands: Array<Command<any> | CommandGroup> = [reportCommand, notebooksCommand];
