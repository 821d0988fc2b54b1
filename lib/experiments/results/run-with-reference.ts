/**
 * What the results notebooks do for each spec: run it (the profile of the notebook, FLASHLAB_PROFILE),
 * read its reference run if there is one, and say where the reference came from (or that there is none).
 */
import { type ExperimentResult, runExperiment, type RunExperimentOptions } from "../runner/run-experiment.js";
import type { StoredExperimentRun } from "../runner/stored-run.js";
import { readReferenceRun, referenceNote, referenceRoot } from "./reference-runs.js";

export interface RunBesideReference {
  yours: ExperimentResult;
  reference: StoredExperimentRun | null;
  /** referenceNote: where the reference came from, or that there is none. */
  note: string;
}

/** Runs the built-in spec `name` and reads its reference from `root` (default: datasets/reference). */
export async function runWithReference(name: string, options: RunExperimentOptions = {}, root = referenceRoot()): Promise<RunBesideReference> {
  const reference = await readReferenceRun(name, root);
  const yours = await runExperiment(name, options);
  return { yours, reference, note: referenceNote(name, reference, root) };
}
