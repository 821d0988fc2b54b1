/**
 * `runExperiment(spec, options)`: runs a sweep and returns its results as arquero tables. It checks the
 * spec, plans the runs in their randomized order, opens a run folder (a new one, or the one to resume:
 * then only the runs not yet on disk are run, and a folder made by another spec, profile or repetition
 * count is refused), captures the environment, and runs each point once per repetition through the
 * spec's executor. Each finished run is written at once; a run that fails is recorded as failed with
 * its error and the sweep goes on (a resume runs it again); an interrupt (the signal) abandons only the
 * run under way. With a shard (shard.ts), only that slice of the runs is run, into a folder of its own.
 *
 *   const result = await runExperiment("single-file", { profile: "quick", onProgress: (p) => … });
 *   showTable(result.summary);   // per point: n, <metric>Mean, <metric>CiLow, <metric>CiHigh
 */
import { stat } from "node:fs/promises";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { projectRoot } from "../../runtime/paths.js";
import { findTaskset } from "../../runtime/executables.js";
import { notebookProfile } from "../../viz/profile.js";
import { captureEnvironment, type EnvironmentRecord } from "../environment.js";
import type { ExecutorSession, PointExecutor } from "./executor.js";
import { type PlannedRun, planSweep, serverHostOf, type SweepPlan } from "./plan.js";
import { resolvePlacement, type ResolvedPlacement } from "./placement.js";
import { manifestFor, RunFolder, RunFolderError, type RunFolderManifest, type RunRecord } from "./run-folder.js";
import { checkShardFits, describeShard, runsOfShard, type ShardSpec } from "./shard.js";
import { checkSpec, executorOf } from "./spec-check.js";
import { loadSpec } from "./spec-source.js";
import type { ExperimentProfile, ExperimentSpec } from "./spec.js";
import { type ResultDesign, type ResultTables, resultTables } from "./summary.js";

/** Where the sweep stands; sent before each run and after it. */
export interface ExperimentProgress {
  /** Runs in the plan (in the shard, for a shard). */
  total: number;
  /** Runs finished (ok or failed), counting those a resumed folder already held. */
  finished: number;
  failed: number;
  /** The run starting now (absent once the sweep is over). */
  current?: PlannedRun;
  /** The run just finished. */
  last?: RunRecord;
  /** Seconds since this invocation started. */
  elapsedS: number;
  /** Seconds the remaining runs should take (the plan's estimates, scaled by how this sweep has gone so far). */
  etaS: number;
}

export interface RunExperimentOptions {
  /** Default: FLASHLAB_PROFILE, else quick. */
  profile?: ExperimentProfile;
  /** Replaces the profile's repetitions. */
  repetitions?: number;
  /** The run folder to write (new or empty); default `datasets/results/<spec>/<run-id>`. */
  out?: string;
  /** A run folder to continue (a shard's folder continues that shard). */
  resume?: string;
  /** Run only this slice of the runs (shard.ts); a folder of its own holds it. */
  shard?: ShardSpec;
  onProgress?: (progress: ExperimentProgress) => void;
  /** Lines about slow preparation steps. */
  onLog?: (line: string) => void;
  /** Aborting stops the sweep after cleaning up the run under way (which is not recorded). */
  signal?: AbortSignal;
  /** The executors a spec may name (default: the built-in ones); a new kind of point plugs in here. */
  executors?: Readonly<Record<string, PointExecutor>>;
}

/** What a sweep left: its tables (see ResultTables) and what they came from. */
export interface ExperimentResult extends ResultTables {
  runDir: string;
  plan: SweepPlan;
  placement: ResolvedPlacement;
  environment: EnvironmentRecord;
  /** Every finished run, in run order (those of earlier invocations too). */
  records: RunRecord[];
  /** The slice of the runs this folder holds, when it is a shard. */
  shard?: ShardSpec;
  /** The runs this folder is to hold: the plan's, or the shard's. */
  runCount: number;
  /** True when the signal stopped the sweep before every run finished. */
  interrupted: boolean;
  /** 1-minute load average when this invocation started and when it ended. */
  loadAverage: { before: number | null; after: number | null };
}

/** A resume of a folder that another spec, profile or repetition count made. */
export class ResumeMismatchError extends RunFolderError {
  override name = "ResumeMismatchError";
}

/** The default results folder for a spec: datasets/results/<spec>. */
export function resultsFolderFor(specName: string): string {
  return join(projectRoot, "datasets", "results", specName);
}

/** "20261129-143501-quick": the run id of a sweep started now. */
export function runId(profile: ExperimentProfile, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "").replace(/[-:]/g, "").replace("T", "-");
  return `${stamp}-${profile}`;
}

function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function loadAverageNow(): number[] | null {
  return process.platform === "win32" ? null : loadavg().map((value) => Math.round(value * 100) / 100);
}

/** Throws ResumeMismatchError unless the folder `manifest` describes was made by this plan's spec, profile and repetitions. */
export function checkResumable(directory: string, manifest: RunFolderManifest, plan: SweepPlan): void {
  if (manifest.fingerprint === plan.fingerprint) return;
  const storedHost = serverHostOf(manifest.spec)?.host;
  const where = (host: string | undefined) => (host === undefined ? "" : `, server on ${host}`);
  const was = `spec ${manifest.specName}, profile ${manifest.profile}, ${manifest.repetitions} repetitions${where(storedHost)}`;
  const now = `spec ${plan.specName}, profile ${plan.profile}, ${plan.repetitions} repetitions${where(plan.serverHost?.host)}`;
  throw new ResumeMismatchError(
    `${directory} was made by ${was}${was === now ? " (with different settings)" : ""}; this sweep is ${now}. Refusing to mix their results: resume it with the spec it was made by, or start a new folder.`,
  );
}

/** Throws ResumeMismatchError unless the folder holds the shard asked for (undefined: the whole sweep, or whatever shard the folder holds). */
export function checkResumableShard(directory: string, manifest: RunFolderManifest, shard: ShardSpec | undefined): void {
  if (shard === undefined) return;
  const held = manifest.shard;
  if (held?.index === shard.index && held.count === shard.count) return;
  throw new ResumeMismatchError(`${directory} holds ${held ? describeShard(held) : "the whole sweep, not a shard"}; this sweep is ${describeShard(shard)}. Resume each shard in its own folder.`);
}

/** Opens the run folder: the one to resume (checked against the plan and the shard), or a new one. */
async function openFolder(spec: ExperimentSpec, plan: SweepPlan, options: RunExperimentOptions): Promise<RunFolder> {
  if (options.resume !== undefined) {
    const folder = await RunFolder.open(resolve(options.resume));
    checkResumable(folder.directory, folder.manifest, plan);
    checkResumableShard(folder.directory, folder.manifest, options.shard);
    return folder;
  }
  let directory = options.out === undefined ? join(resultsFolderFor(spec.name), runId(plan.profile)) : resolve(options.out);
  if (options.out === undefined) {
    const base = directory;
    for (let suffix = 2; await pathExists(directory); suffix++) directory = `${base}-${suffix}`;
  }
  return RunFolder.create(directory, manifestFor(spec, plan, options.shard));
}

/** Rewrites the folder's CSV and summary views from its records; returns the tables. */
export async function writeViews(folder: RunFolder, design: ResultDesign, records: readonly RunRecord[]): Promise<ResultTables> {
  const tables = await resultTables(design, records);
  await folder.writeView("runs.csv", `${tables.runs.toCSV()}\n`);
  await folder.writeView("summary.csv", `${tables.summary.toCSV()}\n`);
  await folder.writeView("summary.json", `${JSON.stringify(tables.summaryRows, null, 2)}\n`);
  return tables;
}

/** Runs (or continues) a sweep of a spec, or of the built-in spec or spec file that a string names; see the module comment. */
export async function runExperiment<S>(spec: ExperimentSpec<S> | string, options: RunExperimentOptions = {}): Promise<ExperimentResult> {
  const checked =
    typeof spec === "string" ? await loadSpec(spec) : checkSpec(spec, typeof spec.name === "string" ? `spec ${spec.name}` : "the spec", options.executors);
  const executor = executorOf(checked, options.executors);
  const plan = planSweep(checked, { profile: options.profile ?? notebookProfile(), repetitions: options.repetitions }, executor);
  if (options.shard) checkShardFits(options.shard, plan.runs.length);
  const signal = options.signal ?? new AbortController().signal;
  const folder = await openFolder(checked, plan, options);
  const shard = options.shard ?? folder.manifest.shard;
  const folderRuns = runsOfShard(plan.runs, shard);
  await folder.lock();
  const startedAt = performance.now();
  const loadBefore = loadAverageNow();
  let session: ExecutorSession | undefined;
  let interrupted = false;
  try {
    await folder.removeLeftovers();
    const environment = captureEnvironment();
    const placement = resolvePlacement(plan.placement, { taskset: findTaskset(), allowedCpus: environment.cpuAffinity?.cpus ?? null });
    const sessionId = `${new Date().toISOString()} pid ${process.pid}`;
    const records = await folder.finishedRuns();
    // A run that failed has no measurement: a resume runs it again (and its new record replaces the old).
    const done = new Set(records.filter((record) => record.status === "ok").map((record) => record.key));
    const todo = folderRuns.filter((run) => !done.has(run.key));
    const estimate = (run: PlannedRun) => executor.estimateSeconds(run.point.settings, plan.timing);
    let estimatedSoFar = 0;
    let ranSoFar = 0;
    const progress = (current: PlannedRun | undefined, last: RunRecord | undefined): void => {
      const elapsedS = (performance.now() - startedAt) / 1000;
      const remaining = todo.filter((run) => !done.has(run.key)).reduce((sum, run) => sum + estimate(run), 0);
      const pace = estimatedSoFar > 0 ? ranSoFar / estimatedSoFar : 1;
      options.onProgress?.({
        total: folderRuns.length,
        finished: records.length,
        failed: records.filter((record) => record.status === "failed").length,
        ...(current ? { current } : {}),
        ...(last ? { last } : {}),
        elapsedS,
        etaS: remaining * pace,
      });
    };
    if (todo.length > 0) {
      const distinct = [...new Map(todo.map((run) => [run.point.id, run.point.settings])).values()];
      session = await executor.open(distinct, {
        placement,
        seed: plan.seed,
        signal,
        log: (line) => options.onLog?.(line),
        ...(plan.serverHost ? { serverHost: plan.serverHost } : {}),
      });
    }
    let stoppedEarly = false;
    for (const run of todo) {
      if (signal.aborted) {
        stoppedEarly = true;
        break;
      }
      progress(run, undefined);
      const started = new Date();
      const before = loadAverageNow();
      const clock = performance.now();
      let outcome: Pick<RunRecord, "status" | "error" | "metrics" | "warnings" | "details">;
      try {
        const result = await session!.run(run.point.settings, { timing: plan.timing, rep: run.rep, seed: plan.seed + run.rep, signal });
        outcome = { status: "ok", error: null, ...result };
      } catch (error) {
        if (signal.aborted) {
          stoppedEarly = true;
          break;
        }
        outcome = { status: "failed", error: error instanceof Error ? error.message : String(error), metrics: {}, warnings: [], details: {} };
      }
      const record: RunRecord = {
        key: run.key,
        order: run.order,
        rep: run.rep,
        point: run.point.id,
        levels: run.point.levels,
        settings: run.point.settings,
        ...outcome,
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        wallS: (performance.now() - clock) / 1000,
        loadAverage: { before, after: loadAverageNow() },
        spec: { name: plan.specName, profile: plan.profile, fingerprint: plan.fingerprint },
        placement,
        environment,
        ...(session?.serverHost ? { serverHost: session.serverHost } : {}),
        session: sessionId,
      };
      await folder.writeRun(record);
      const replaced = records.findIndex((earlier) => earlier.key === record.key);
      if (replaced >= 0) records.splice(replaced, 1);
      records.push(record);
      records.sort((a, b) => a.order - b.order);
      done.add(record.key);
      estimatedSoFar += estimate(run);
      ranSoFar += record.wallS;
      await writeViews(folder, plan, records);
      progress(undefined, record);
    }
    const onDisk = new Set(records.map((record) => record.key));
    interrupted = stoppedEarly || folderRuns.some((run) => !onDisk.has(run.key));
    return {
      ...(await writeViews(folder, plan, records)),
      runDir: folder.directory,
      plan,
      placement,
      environment,
      records,
      ...(shard ? { shard } : {}),
      runCount: folderRuns.length,
      interrupted,
      loadAverage: { before: loadBefore?.[0] ?? null, after: loadAverageNow()?.[0] ?? null },
    };
  } finally {
    await session?.close().catch(() => undefined);
    await folder.unlock();
  }
}
