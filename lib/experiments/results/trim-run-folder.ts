/**
 * Trims a run folder to what the notebooks read, for a reference run kept in the repository: run.json,
 * the summaries and runs.csv as they are, and each run's record without the bulky parts of the
 * executor's record (the server's stats and options, the load generator's full summary). Kept of that
 * record: the server's facts (disk parallelism, accept policy, per-thread caches), the measured window
 * (seconds, disk reads and misses, server CPU), the workload's size, and the time of each phase. The
 * result is still a run folder: `readExperimentRun` and `readReferenceRun` read it.
 */
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "../runner/atomic-file.js";
import { RunFolder, RunFolderError, type RunRecord } from "../runner/run-folder.js";

/** The parts of a run's executor record a trimmed folder keeps. */
export const keptDetails = ["facts", "window", "workload", "phasesS", "prime", "warmup"] as const;

export interface TrimOptions {
  /** Replace the destination if it holds an earlier trimmed run (default: refuse a non-empty destination). */
  replace?: boolean;
}

/** What a trim did. */
export interface TrimReport {
  source: string;
  destination: string;
  /** Finished runs copied (ok and failed). */
  runs: number;
  failed: number;
  /** Runs in the plan that the source did not finish. */
  missing: number;
  bytesBefore: number;
  bytesAfter: number;
}

/** A run's record with only the kept details. */
export function trimRecord(record: RunRecord): RunRecord {
  const details = Object.fromEntries(keptDetails.filter((name) => name in record.details).map((name) => [name, record.details[name]]));
  return { ...record, details };
}

async function folderBytes(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
  }
  return total;
}

async function isEmptyOrMissing(directory: string): Promise<boolean> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    if (error.code === "ENOTDIR") throw new RunFolderError(`${directory} is a file; give a folder`);
    throw error;
  });
  return entries.length === 0;
}

/**
 * Writes the trimmed copy of the run folder `source` to `destination` (built beside it and renamed into
 * place, so a reader never sees half of it). Refuses a source a runner is still working in, and a
 * non-empty destination unless `replace` is set and the destination is a run folder.
 */
export async function trimRunFolder(source: string, destination: string, options: TrimOptions = {}): Promise<TrimReport> {
  const from = resolve(source);
  const to = resolve(destination);
  if (from === to) throw new RunFolderError(`the trimmed copy must go to another folder than ${from}`);
  const folder = await RunFolder.open(from);
  const lock = await readFile(join(from, "run.lock"), "utf8").catch(() => null);
  if (lock !== null) throw new RunFolderError(`${from} has a run.lock (pid ${lock.trim()}): a sweep is working there or was killed; finish it (flashlab run --resume ${from}) first`);
  if (!(await isEmptyOrMissing(to))) {
    if (!options.replace) throw new RunFolderError(`${to} is not empty; give a new folder, or ask to replace the earlier reference there (--replace)`);
    await RunFolder.open(to); // only ever replace a run folder, never anything else
  }
  const records = await folder.finishedRuns();
  const building = join(dirname(to), `.${basename(to)}.trimming-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  try {
    const copy = await RunFolder.create(building, folder.manifest);
    // One line per run: a reference of a few hundred runs stays a few hundred KB.
    for (const record of records) await writeFileAtomic(join(building, "runs", `${record.key}.json`), `${JSON.stringify(trimRecord(record))}\n`);
    for (const view of ["runs.csv", "summary.csv", "summary.json"]) {
      const content = await readFile(join(from, view), "utf8").catch(() => null);
      if (content !== null) await copy.writeView(view, content);
    }
    await rm(to, { recursive: true, force: true });
    await rename(building, to);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return {
    source: from,
    destination: to,
    runs: records.length,
    failed: records.filter((record) => record.status === "failed").length,
    missing: folder.manifest.plan.runs.length - records.length,
    bytesBefore: await folderBytes(from),
    bytesAfter: await folderBytes(to),
  };
}
