/**
 * A run folder: everything one sweep produced, written so that nothing finished is ever lost.
 *
 *   run.json            what the folder holds: the full spec, the profile, the plan (points and the
 *                       randomized run order) and its fingerprint; written once, when the sweep starts
 *   runs/<key>.json     one file per finished run (a point and a repetition, e.g. p03-r2.json): its
 *                       settings, status (ok or failed, with the error), every metric, warnings, the
 *                       load average before and after, the placement, the environment, the executor's record
 *   runs.csv            every finished run, one row each (rewritten after each run)
 *   summary.csv, .json  per point: n, and each metric's mean with its 95% confidence interval
 *   run.lock            present while a runner works in the folder (holds its pid)
 *
 * Every file is replaced atomically (atomic-file.ts). The runs/*.json files are the record; the CSV and
 * summary files are views of them, rebuilt from them at any time.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnvironmentRecord } from "../environment.js";
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from "./atomic-file.js";
import type { PlannedPoint, ResolvedFactor } from "./points.js";
import type { ResolvedPlacement } from "./placement.js";
import type { SweepPlan } from "./plan.js";
import type { ShardSpec } from "./shard.js";
import type { ExperimentProfile, ExperimentSpec, PointSettings } from "./spec.js";

export const runFolderFormat = "flashlab-experiment-run";

/** run.json. */
export interface RunFolderManifest {
  format: typeof runFolderFormat;
  version: 1;
  specName: string;
  profile: ExperimentProfile;
  repetitions: number;
  fingerprint: string;
  /** The spec exactly as given. */
  spec: ExperimentSpec;
  plan: {
    executor: string;
    timing: SweepPlan["timing"];
    seed: number;
    metrics: string[];
    factors: ResolvedFactor[];
    points: PlannedPoint[];
    /** The run order: [key, point id, rep]. */
    runs: Array<{ order: number; key: string; point: string; rep: number }>;
    estimatedSeconds: number;
  };
  /** Present when the folder holds one shard of the plan's runs (see shard.ts); the plan above is still the whole sweep's. */
  shard?: ShardSpec;
  /** Present when the folder was merged from shards (see merge.ts). */
  merged?: MergeRecord;
  createdAt: string;
}

/** Where a merged folder's runs came from, and how the environments of its sources differed. */
export interface MergeRecord {
  mergedAt: string;
  sources: Array<{ directory: string; shard: ShardSpec | null; runs: number }>;
  /** Differences that were reported, not refused: the machines, their load (see environment-comparison.ts). */
  differences: string[];
}

/** The host a run's server ran on, when it was not this one: how it was reached and its environment. */
export interface ServerHostRecord {
  /** The SSH destination, [user@]host. */
  target: string;
  environment: EnvironmentRecord;
}

/** runs/<key>.json: one finished run. */
export interface RunRecord {
  key: string;
  order: number;
  rep: number;
  point: string;
  levels: PointSettings;
  settings: PointSettings;
  status: "ok" | "failed";
  error: string | null;
  metrics: Record<string, number | null>;
  warnings: string[];
  startedAt: string;
  finishedAt: string;
  wallS: number;
  /** 1-, 5- and 15-minute load averages just before and just after the run (null where unknown). */
  loadAverage: { before: number[] | null; after: number[] | null };
  /** The spec and profile it belongs to (run.json holds the full spec under the same fingerprint). */
  spec: { name: string; profile: ExperimentProfile; fingerprint: string };
  placement: ResolvedPlacement;
  /** The machine and commit, captured when this sweep (or this resumption of it) started (the client's, when the server ran elsewhere). */
  environment: EnvironmentRecord;
  /** The server's host, when it was another one (a spec's or the command line's server host). */
  serverHost?: ServerHostRecord;
  /** Which invocation of the runner made it (a resumed sweep has several). */
  session: string;
  details: Record<string, unknown>;
}

/** A folder that cannot be used as asked; the message says why and what to do. */
export class RunFolderError extends Error {
  override name = "RunFolderError";
}

/** run.json for a plan. */
export function manifestFor(spec: ExperimentSpec, plan: SweepPlan, shard?: ShardSpec): RunFolderManifest {
  return {
    format: runFolderFormat,
    version: 1,
    specName: plan.specName,
    profile: plan.profile,
    repetitions: plan.repetitions,
    fingerprint: plan.fingerprint,
    spec,
    plan: {
      executor: plan.executor,
      timing: plan.timing,
      seed: plan.seed,
      metrics: plan.metrics,
      factors: plan.factors,
      points: plan.points,
      runs: plan.runs.map((run) => ({ order: run.order, key: run.key, point: run.point.id, rep: run.rep })),
      estimatedSeconds: plan.estimatedSeconds,
    },
    ...(shard ? { shard: { index: shard.index, count: shard.count } } : {}),
    createdAt: new Date().toISOString(),
  };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An open run folder. */
export class RunFolder {
  private locked = false;

  private constructor(
    readonly directory: string,
    readonly manifest: RunFolderManifest,
  ) {}

  private get runsDirectory(): string {
    return join(this.directory, "runs");
  }

  /** Makes a new run folder at `directory`, which must not exist or be empty. */
  static async create(directory: string, manifest: RunFolderManifest): Promise<RunFolder> {
    const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      if (error.code === "ENOTDIR") throw new RunFolderError(`${directory} is a file; give a new or empty folder`);
      throw error;
    });
    if (entries.length > 0) {
      throw new RunFolderError(`${directory} is not empty; continue a sweep there with --resume ${directory}, or give a new folder`);
    }
    await mkdir(join(directory, "runs"), { recursive: true });
    await writeFileAtomic(join(directory, "run.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return new RunFolder(directory, manifest);
  }

  /** Opens an existing run folder (for a resume, or to read its results). */
  static async open(directory: string): Promise<RunFolder> {
    const text = await readFile(join(directory, "run.json"), "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new RunFolderError(
        error.code === "ENOENT" ? `${directory} is not a run folder (it has no run.json); give the folder a sweep wrote, e.g. datasets/results/<spec>/<run-id>` : `cannot read ${join(directory, "run.json")}: ${error.message}`,
      );
    });
    let manifest: RunFolderManifest;
    try {
      manifest = JSON.parse(text) as RunFolderManifest;
    } catch (error) {
      throw new RunFolderError(`${join(directory, "run.json")} is not JSON (${(error as Error).message})`);
    }
    if (manifest.format !== runFolderFormat || manifest.version !== 1) {
      throw new RunFolderError(`${join(directory, "run.json")} is not a flashlab run folder manifest (format "${runFolderFormat}", version 1)`);
    }
    return new RunFolder(directory, manifest);
  }

  /** Claims the folder for this process; refuses while another live runner holds it. */
  async lock(): Promise<void> {
    const lockFile = join(this.directory, "run.lock");
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(lockFile, `${process.pid}\n`, { flag: "wx" });
        this.locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = await this.liveHolder();
        if (holder !== undefined && holder !== process.pid) {
          throw new RunFolderError(`another runner (pid ${holder}) is working in ${this.directory}; wait for it or stop it first`);
        }
        await rm(lockFile, { force: true }); // left by a runner that was killed
      }
    }
    throw new RunFolderError(`cannot lock ${this.directory}`);
  }

  /** The pid of a live runner that holds the folder's lock, if any (a lock left by a killed runner does not count). */
  async liveHolder(): Promise<number | undefined> {
    const holder = Number((await readFile(join(this.directory, "run.lock"), "utf8").catch(() => "")).trim());
    return Number.isInteger(holder) && holder > 0 && isProcessAlive(holder) ? holder : undefined;
  }

  async unlock(): Promise<void> {
    if (this.locked) await rm(join(this.directory, "run.lock"), { force: true });
    this.locked = false;
  }

  /** Removes temporary files a killed writer left; returns how many. */
  async removeLeftovers(): Promise<number> {
    await mkdir(this.runsDirectory, { recursive: true });
    return (await removeTemporaryFiles(this.directory)).length + (await removeTemporaryFiles(this.runsDirectory)).length;
  }

  /** Every finished run on disk, in run order. */
  async finishedRuns(): Promise<RunRecord[]> {
    const entries = await readdir(this.runsDirectory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const names = entries.filter((name) => name.endsWith(".json") && !isTemporaryFile(name));
    const records = await Promise.all(
      names.map(async (name) => {
        const file = join(this.runsDirectory, name);
        try {
          return JSON.parse(await readFile(file, "utf8")) as RunRecord;
        } catch (error) {
          throw new RunFolderError(`${file} is not a run record (${(error as Error).message}); move it away and resume to run it again`);
        }
      }),
    );
    return records.sort((a, b) => a.order - b.order);
  }

  /** Writes one finished run. */
  async writeRun(record: RunRecord): Promise<void> {
    await mkdir(this.runsDirectory, { recursive: true });
    await writeFileAtomic(join(this.runsDirectory, `${record.key}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Replaces a file of the folder's top level (runs.csv, summary.csv, summary.json). */
  async writeView(name: string, content: string): Promise<void> {
    await writeFileAtomic(join(this.directory, name), content);
  }
}
