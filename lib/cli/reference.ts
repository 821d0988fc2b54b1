/**
 * `flashlab reference`: the reference runs the notebooks draw beside a fresh run (datasets/reference).
 * `trim RUN_DIR` copies a finished sweep, trimmed to what the notebooks read, to the spec's reference
 * folder (or `--out DIR`); `list` says which built-in specs have a reference and where it came from.
 * Making the references: README, "Reference data" (a script runs each spec's full profile, then
 * trims it).
 */
import { readExperimentRun, RunFolderError } from "../experiments/runner/index.js";
import { readReferenceRun, referenceFolder, referenceNote } from "../experiments/results/reference-runs.js";
import { trimRunFolder } from "../experiments/results/trim-run-folder.js";
import { builtinSpecs } from "../experiments/specs/index.js";
import { textTable } from "../viz/text-table.js";
import { UsageError } from "./args.js";
import { type Command, type CommandGroup, defineCommand, defineGroup } from "./command.js";
import { shownPath } from "./shown-path.js";

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
}

const trimCommand = defineCommand({
  name: "trim",
  summary: "copy a finished sweep, trimmed to what the notebooks read, to its spec's reference folder",
  details: [
    "Keeps run.json, the summaries, runs.csv and each run's settings, metrics, warnings, load averages,",
    "placement and environment; drops the per-run dumps of the server's stats and the load generator's",
    "summary. The copy is still a run folder. Default destination: datasets/reference/<spec>.",
  ].join("\n"),
  options: {
    out: { type: "string", valueName: "DIR", description: "write the trimmed copy here (default: the spec's reference folder)" },
    replace: { type: "boolean", description: "replace an earlier reference in the destination" },
  },
  positional: { name: "RUN_DIR", min: 1, max: 1 },
  async run({ options, positionals }, io) {
    const source = positionals[0]!;
    try {
      const { manifest } = await readExperimentRun(source);
      const destination = options.out ?? referenceFolder(manifest.specName);
      const report = await trimRunFolder(source, destination, { replace: options.replace });
      io.stdout(
        `${shownPath(report.destination)}: ${report.runs} runs of ${manifest.specName} (${manifest.profile} profile)` +
          `${report.failed > 0 ? `, ${report.failed} failed` : ""}; ${kilobytes(report.bytesBefore)} trimmed to ${kilobytes(report.bytesAfter)}\n`,
      );
      if (report.missing > 0) io.stderr(`warning: ${report.missing} runs of the plan are missing; finish the sweep with flashlab run --resume ${shownPath(report.source)}, then trim again with --replace\n`);
      return 0;
    } catch (error) {
      if (error instanceof RunFolderError) throw new UsageError(error.message);
      throw error;
    }
  },
});

const listCommand = defineCommand({
  name: "list",
  summary: "say which built-in specs have a reference run, and where each came from",
  options: { json: { type: "boolean", description: "print one object per spec: name, folder, present, note" } },
  async run({ options }, io) {
    const rows = [];
    for (const spec of builtinSpecs) {
      const reference = await readReferenceRun(spec.name);
      rows.push({ name: spec.name, folder: referenceFolder(spec.name), present: reference !== null, note: referenceNote(spec.name, reference) });
    }
    if (options.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    else io.stdout(`${textTable(rows.map((row) => [row.name, row.present ? "yes" : "no", shownPath(row.folder)]), { header: ["spec", "reference", "folder"] })}\n`);
    return 0;
  },
});

export const referenceCommands: Array<Command<any> | CommandGroup> = [
  defineGroup({ name: "reference", summary: "reference runs for the notebooks: trim a finished sweep into datasets/reference, list them", subcommands: [trimCommand, listCommand] }),
];
