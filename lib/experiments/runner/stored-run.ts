/**
 * Reads a run folder back, finished or not, into the same tables a sweep returns, so that a notebook
 * can plot a reference run (or yesterday's) beside a fresh one without running anything.
 */
import { resolve } from "node:path";
import { RunFolder, type RunFolderManifest, type RunRecord } from "./run-folder.js";
import { type ResultTables, resultTables } from "./summary.js";

/** A run folder's content. */
export interface StoredExperimentRun extends ResultTables {
  runDir: string;
  manifest: RunFolderManifest;
  /** The finished runs, in run order. */
  records: RunRecord[];
}

/** The results in `runDir` (a folder a sweep wrote); throws RunFolderError when it is not one. */
export async function readExperimentRun(runDir: string): Promise<StoredExperimentRun> {
  const folder = await RunFolder.open(resolve(runDir));
  const records = await folder.finishedRuns();
  const { factors, points, metrics } = folder.manifest.plan;
  return { ...(await resultTables({ factors, points, metrics }, records)), runDir: folder.directory, manifest: folder.manifest, records };
}
