/**
 * Reading sweeps as the lecture reads them: reference runs (kept in datasets/reference, trimmed), paired
 * ratios between points of one sweep, the lecture's §21–22 claims checked on a sweep, its summary table
 * rebuilt from sweeps, and the data-set-size crossover of the §23 quiz.
 */
export { matchesLevels, pairedRatio, type LevelSelector, type PairedRatio } from "./paired-ratios.js";
export { chosenLevel, distinctLevels, levelName, profileOf, recordsOf, specNameOf, type LevelChoice, type SweepResults } from "./sweep-results.js";
export {
  boundsText,
  checkClaim,
  checkLectureClaims,
  claimRows,
  claimsFor,
  lectureClaims,
  verdictText,
  type ClaimComparison,
  type ClaimOutcome,
  type ComparisonOutcome,
  type LectureClaim,
} from "./lecture-claims.js";
export { lectureSummaryConditions, lectureSummaryTable, rankingText, type LectureSummaryRow, type SummaryCondition } from "./lecture-summary.js";
export { readLatestRun, readLatestRuns } from "./latest-runs.js";
export { runWithReference, type RunBesideReference } from "./run-with-reference.js";
export { rowsWithSetOverCache, sizeCrossover, type SizeCrossover, type SizeCrossoverLevel, type SizeCrossoverOptions } from "./size-crossover.js";
export { readReferenceRun, referenceFolder, referenceNote, referenceRoot } from "./reference-runs.js";
export { keptDetails, trimRecord, trimRunFolder, type TrimOptions, type TrimReport } from "./trim-run-folder.js";
