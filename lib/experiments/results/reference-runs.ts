/**
 * Reference runs: one full-profile sweep of each built-in spec, made once on a quiet machine and kept in
 * the repository under `datasets/reference/<spec>/`, so that a notebook can draw "your run" beside it and
 * a reader can see how far another machine's results lie from it. A reference folder is a run folder
 * (the runner's format, `readExperimentRun` reads it) trimmed to what the notebooks read: the manifest,
 * every run's settings, metrics, warnings, load averages, placement and environment, and the summaries;
 * without the per-run server and load-generator dumps (trim-run-folder.ts).
 *
 * Producing them: README, "Reference data".
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../../runtime/paths.js";
import { readExperimentRun, type StoredExperimentRun } from "../runner/stored-run.js";

/** Where the reference runs live: FLASHLAB_REFERENCE_DIR, else datasets/reference in the project. */
export function referenceRoot(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.FLASHLAB_REFERENCE_DIR?.trim() || join(projectRoot, "datasets", "reference");
}

/** The reference folder of a spec. */
export function referenceFolder(specName: string, root = referenceRoot()): string {
  return join(root, specName);
}

/**
 * The reference run of a spec, or null when there is none (no `run.json` in its folder). A folder that
 * exists but is not a readable run folder throws RunFolderError, saying what is wrong.
 */
export async function readReferenceRun(specName: string, root = referenceRoot()): Promise<StoredExperimentRun | null> {
  const folder = referenceFolder(specName, root);
  const present = await access(join(folder, "run.json")).then(
    () => true,
    () => false,
  );
  return present ? readExperimentRun(folder) : null;
}

function range(values: readonly number[]): string {
  if (values.length === 0) return "unknown";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? low.toFixed(1) : `${low.toFixed(1)}–${high.toFixed(1)}`;
}

/**
 * One paragraph about a spec's reference run for a notebook: where it came from (profile, repetitions,
 * machine, commit, date, the load average during its runs), or, when there is none, that the figures
 * show this run alone and how the reference is made.
 */
export function referenceNote(specName: string, reference: StoredExperimentRun | null, root = referenceRoot()): string {
  if (reference === null) {
    return (
      `No reference run for ${specName}: ${referenceFolder(specName, root)} holds none, so the figures show this run alone. ` +
      "The reference runs are made once, with the full profile on a quiet machine (README, \"Reference data\")."
    );
  }
  const { manifest, records } = reference;
  const first = records[0];
  const environment = first?.environment;
  const machine = environment ? `${environment.cpuModel ?? "unknown CPU"} (${environment.logicalCores} cores), Node ${environment.nodeVersion}` : "an unknown machine";
  const commit = environment?.gitCommit ? `, commit ${environment.gitCommit.slice(0, 7)}${environment.gitDirty ? " (modified)" : ""}` : "";
  const loads = records.flatMap((record) => (record.loadAverage.before ? [record.loadAverage.before[0]!] : []));
  const failed = records.filter((record) => record.status === "failed").length;
  const missing = manifest.plan.runs.length - records.length;
  return (
    `Reference for ${specName}: the ${manifest.profile} profile, ${manifest.repetitions} repetitions of ${manifest.plan.points.length} points, ` +
    `made ${manifest.createdAt.slice(0, 10)} on ${machine}${commit}; load average ${range(loads)} during its runs` +
    (failed > 0 ? `; ${failed} runs failed` : "") +
    (missing > 0 ? `; ${missing} runs missing (the sweep was not finished)` : "") +
    "."
  );
}
