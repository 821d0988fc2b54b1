/**
 * The notebook profile: `quick` (seconds per experiment, for CI, `npm start` and laptops) or `full`
 * (the sizes the lecture's and the paper's figures use). Notebooks read it from FLASHLAB_PROFILE;
 * the notebook runner sets it, and `npm run lab` passes it through.
 */

export type NotebookProfile = "quick" | "full";

/** The profile named by FLASHLAB_PROFILE (quick when unset); throws on any other value. */
export function notebookProfile(environment: NodeJS.ProcessEnv = process.env): NotebookProfile {
  const value = environment.FLASHLAB_PROFILE?.trim() || "quick";
  if (value !== "quick" && value !== "full") {
    throw new Error(`FLASHLAB_PROFILE must be "quick" or "full"; got "${value}"`);
  }
  return value;
}

/** Picks the value for the current profile, e.g. `byProfile({ quick: 1_000, full: 100_000 })` requests. */
export function byProfile<T>(choices: { quick: T; full: T }, environment: NodeJS.ProcessEnv = process.env): T {
  return choices[notebookProfile(environment)];
}
