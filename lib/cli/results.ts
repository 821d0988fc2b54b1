/**
 * `flashlab results merge DIR… --out DIR`: merges run folders (the shards of a sweep, e.g. from a SLURM
 * job array) into one run folder of the same format as an unsharded run. It refuses, with every reason,
 * when a run is missing or repeated or the folders are not of one sweep and one code (exit 1), and
 * reports how the machines differed. Folders that are not run folders, or a non-empty --out, exit 2.
 */
import { relative } from "node:path";
import { MergeError, mergeRunFolders, RunFolderError } from "../experiments/runner/index.js";
import { UsageError } from "./args.js";
import { type Command, type CommandGroup, defineCommand, defineGroup } from "./command.js";

function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}

const mergeCommand = defineCommand({
  name: "merge",
  summary: "merge the run folders of a sweep's shards into one run folder (every run exactly once)",
  details: [
    "Each DIR is a run folder written by `flashlab run … --shard I/N` (or by a whole run). The merged folder has",
    "run.json, runs/, runs.csv and the summary, as an unsharded run's. Refused: a missing or repeated run, another",
    "spec, profile, repetition count or server host, or another flashlab commit, version or Node. Reported: the",
    "machines' differences (host, CPU, cores, memory, OS) and the load average's range, also kept in run.json.",
  ].join("\n"),
  options: {
    out: { type: "string", valueName: "DIR", description: "the merged run folder to write (new or empty)" },
    json: { type: "boolean", description: "print one JSON object: directory, runs, ok, failed, differences" },
  },
  positional: { name: "DIR…", min: 1, max: 10_000 },
  async run({ options, positionals }, io) {
    if (options.out === undefined) throw new UsageError("--out DIR is required: the folder to write the merged run to");
    let result;
    try {
      result = await mergeRunFolders(positionals, options.out);
    } catch (error) {
      if (error instanceof MergeError) {
        io.stderr(`flashlab results merge: ${error.message}\n`);
        return 1;
      }
      if (error instanceof RunFolderError) throw new UsageError(error.message);
      throw error;
    }
    const ok = result.records.filter((record) => record.status === "ok").length;
    const failed = result.records.length - ok;
    if (options.json) {
      io.stdout(`${JSON.stringify({ directory: result.directory, runs: result.records.length, ok, failed, differences: result.differences }, null, 2)}\n`);
      return 0;
    }
    const sources = result.manifest.merged!.sources;
    io.stdout(
      [
        `merged ${sources.length} folders: ${result.records.length} runs (${ok} ok, ${failed} failed) of spec ${result.manifest.specName}, profile ${result.manifest.profile}, plan ${result.manifest.fingerprint}`,
        `into ${shownPath(result.directory)}`,
        ...result.differences.map((difference) => `note: ${difference}`),
        "",
      ].join("\n"),
    );
    return 0;
  },
});

export const resultsCommands: Array<Command<any> | CommandGroup> = [
  defineGroup({ name: "results", summary: "work with run folders: merge the shards of a sweep", subcommands: [mergeCommand] }),
];
