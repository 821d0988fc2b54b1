/**
 * The newest run folder of each spec under a results folder (datasets/results by default, where
 * `flashlab run` and the notebooks write), so that a summary can be rebuilt from the sweeps a reader
 * has already made instead of running them again. Run ids start with a UTC timestamp, so the newest is
 * the last in name order; folders that are not readable run folders are passed over.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { resultsFolderFor } from "../runner/run-experiment.js";
import { readExperimentRun, type StoredExperimentRun } from "../runner/stored-run.js";

/** The newest readable run of `specName` with at least one finished run, or null. */
export async function readLatestRun(specName: string, folder = resultsFolderFor(specName)): Promise<StoredExperimentRun | null> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.sort().reverse()) {
    const run = await readExperimentRun(join(folder, name)).catch(() => null);
    if (run !== null && run.records.length > 0) return run;
  }
  return null;
}

/** The newest run of each spec (null where there is none). */
export async function readLatestRuns(specNames: readonly string[]): Promise<Record<string, StoredExperimentRun | null>> {
  const runs: Record<string, StoredExperimentRun | null> = {};
  for (const name of specNames) runs[name] = await readLatestRun(name);
  return runs;
}
