/**
 * The experiment runner: specs (what varies, what is fixed, how often, where it runs, what is measured),
 * their checking, the randomized plan, the executors that run a point, the run folder, and the
 * summaries with confidence intervals. See DESIGN.md ("Experiments") and the README ("flashlab run").
 */
export { defineSpec, experimentProfiles } from "./spec.js";
export type { ExperimentProfile, ExperimentSpec, FactorLevels, SettingValue, PlacementSpec, ProfileSpec, PointSettings, ServerHostSpec, SpecOverride } from "./spec.js";
export { checkSpec, executorOf, SpecError } from "./spec-check.js";
export { loadSpec } from "./spec-source.js";
export { canonicalJson, planSweep, randomizedRunOrder, serverHostOf } from "./plan.js";
export type { PlannedRun, PlanOptions, SweepPlan } from "./plan.js";
export { describeLevels, resolvePoints } from "./points.js";
export type { PlannedPoint, ResolvedFactor, ResolvedPoints } from "./points.js";
export { PlacementError, resolvePlacement } from "./placement.js";
export type { PlacementMachine, ResolvedPlacement } from "./placement.js";
export { executors } from "./executors.js";
export type { ExecutorSession, MetricDescriptor, PointExecutor, RunContext, RunOutcome, RunTiming, SessionContext } from "./executor.js";
export type { SettingDescriptor, SettingsSchema } from "./settings.js";
export { RunFolderError, runFolderFormat } from "./run-folder.js";
export type { MergeRecord, RunFolderManifest, RunRecord, ServerHostRecord } from "./run-folder.js";
export { checkResumable, checkResumableShard, ResumeMismatchError, resultsFolderFor, runExperiment, runId } from "./run-experiment.js";
export { checkShardFits, describeShard, parseShard, runsOfShard, ShardError, shardOfRun } from "./shard.js";
export type { ShardSpec } from "./shard.js";
export { MergeError, mergeRunFolders } from "./merge.js";
export type { MergeResult } from "./merge.js";
export { mergedFolder, shardFolder, slurmSweepScript, taskTimeLimitSeconds } from "./slurm-script.js";
export type { SlurmSweepOptions } from "./slurm-script.js";
export type { ExperimentProgress, ExperimentResult, RunExperimentOptions } from "./run-experiment.js";
export { readExperimentRun } from "./stored-run.js";
export type { StoredExperimentRun } from "./stored-run.js";
export { summarizePoints, summaryConfidenceLevel } from "./summary.js";
export type { PointSummaryRow, ResultTables } from "./summary.js";
export { isTemporaryFile, writeFileAtomic } from "./atomic-file.js";
