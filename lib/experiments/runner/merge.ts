/**
 * Merging run folders (the shards of a sweep, run on several machines) into one run folder of the same
 * format as an unsharded run, so that every reader (readExperimentRun, the CSV and summary files) works
 * on it. The merge refuses, saying what to do, when:
 * - the folders are not of one sweep: another spec, profile, repetition count or server host (the
 *   plan's fingerprint), or another code (flashlab's commit or version, Node's version);
 * - a run is missing (a shard not finished: resume it), is in two folders, or is in a shard's folder
 *   that does not hold it; or a runner is still working in a folder.
 * Differences between the machines (host, CPU, cores, memory, OS, load average) are reported and kept
 * in the merged run.json. Nothing is written unless the merge succeeds: the folder is built beside its
 * final name and renamed into place.
 */
import { randomBytes } from "node:crypto";
import { readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { compareEnvironments, describeDifference, type EnvironmentSource, loadAverageRange } from "../environment-comparison.js";
import { serverHostOf } from "./plan.js";
import { writeViews } from "./run-experiment.js";
import { RunFolder, RunFolderError, type RunFolderManifest, type RunRecord } from "./run-folder.js";
import { describeShard, shardOfRun } from "./shard.js";

/** A merge that cannot be made; `problems` lists every reason. */
export class MergeError extends RunFolderError {
  override name = "MergeError";
  constructor(readonly problems: readonly string[]) {
    super(`cannot merge:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

/** What a merge wrote. */
export interface MergeResult {
  directory: string;
  manifest: RunFolderManifest;
  records: RunRecord[];
  /** Reported differences between the sources' environments, and the load average's range. */
  differences: string[];
}

interface Source {
  folder: RunFolder;
  records: RunRecord[];
  label: string;
}

/** "shard 2 of 4 (DIR)" or "DIR". */
function labelOf(folder: RunFolder): string {
  return folder.manifest.shard ? `${describeShard(folder.manifest.shard)} (${folder.directory})` : folder.directory;
}

/** The sweep a folder holds, in words, for a refusal. */
function sweepOf(manifest: RunFolderManifest): string {
  const host = serverHostOf(manifest.spec)?.host;
  return `spec ${manifest.specName}, profile ${manifest.profile}, ${manifest.repetitions} repetitions${host ? `, server on ${host}` : ""}, plan ${manifest.fingerprint}`;
}

/** Refusals about the sources being one sweep and their runs covering it exactly once. */
function coverageProblems(sources: readonly Source[]): string[] {
  const problems: string[] = [];
  const first = sources[0]!.folder.manifest;
  for (const source of sources.slice(1)) {
    const manifest = source.folder.manifest;
    if (manifest.fingerprint !== first.fingerprint) {
      problems.push(`${source.label} is another sweep (${sweepOf(manifest)}) than ${sources[0]!.label} (${sweepOf(first)})`);
    }
  }
  if (problems.length > 0) return problems;
  const shardLabels = new Map<string, string>();
  for (const source of sources) {
    const shard = source.folder.manifest.shard;
    if (shard === undefined) continue;
    const name = `${shard.index}/${shard.count}`;
    const earlier = shardLabels.get(name);
    if (earlier !== undefined) problems.push(`${describeShard(shard)} is given twice: ${earlier} and ${source.label}`);
    shardLabels.set(name, source.label);
  }
  const holders = new Map<string, string[]>();
  for (const source of sources) {
    const shard = source.folder.manifest.shard;
    for (const record of source.records) {
      holders.set(record.key, [...(holders.get(record.key) ?? []), source.label]);
      if (shard !== undefined && shardOfRun(record.order, shard.count) !== shard.index) {
        problems.push(`${source.label} holds run ${record.key}, which belongs to shard ${shardOfRun(record.order, shard.count)} of ${shard.count}`);
      }
    }
  }
  for (const [key, labels] of holders) if (labels.length > 1) problems.push(`run ${key} is in ${labels.length} folders: ${labels.join(", ")}`);
  const missing = first.plan.runs.filter((run) => !holders.has(run.key));
  if (missing.length === 0) return problems;
  // Say which folder should hold each missing run, so the reader knows what to resume.
  const byOwner = new Map<string, string[]>();
  const shardCounts = [...new Set(sources.flatMap((source) => (source.folder.manifest.shard ? [source.folder.manifest.shard.count] : [])))];
  for (const run of missing) {
    const owner = sources.find((source) => {
      const shard = source.folder.manifest.shard;
      return shard === undefined || shardOfRun(run.order, shard.count) === shard.index;
    });
    const where =
      owner !== undefined
        ? `${owner.label} lacks them: resume it with flashlab run --resume ${owner.folder.directory}`
        : shardCounts.length === 1
          ? `shard ${shardOfRun(run.order, shardCounts[0]!)} of ${shardCounts[0]} was not given`
          : "no folder given holds them";
    byOwner.set(where, [...(byOwner.get(where) ?? []), run.key]);
  }
  for (const [where, keys] of byOwner) problems.push(`${keys.length} run${keys.length === 1 ? " is" : "s are"} missing (${keys.join(", ")}); ${where}`);
  return problems;
}

/** The environment of every run of the sources (the client's, and the server host's where there was one), labelled by the folder it is in. */
function environmentsOf(sources: readonly Source[]): { client: EnvironmentSource[]; server: EnvironmentSource[] } {
  const client: EnvironmentSource[] = [];
  const server: EnvironmentSource[] = [];
  for (const source of sources) {
    const label = source.folder.manifest.shard ? describeShard(source.folder.manifest.shard) : source.folder.directory;
    for (const record of source.records) {
      client.push({ label, environment: record.environment });
      if (record.serverHost) server.push({ label, environment: record.serverHost.environment });
    }
  }
  return { client, server };
}

/** Fails unless `out` is absent or an empty folder. */
async function checkOutFree(out: string): Promise<void> {
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (entries.length > 0) throw new RunFolderError(`${out} is not empty; give a new folder for the merged run`);
}

/** Merges the run folders `directories` into a new run folder `out`; see the module comment. */
export async function mergeRunFolders(directories: readonly string[], out: string): Promise<MergeResult> {
  if (directories.length === 0) throw new RunFolderError("no run folders to merge; give the shards' folders");
  const target = resolve(out);
  await checkOutFree(target);
  const sources: Source[] = [];
  for (const directory of directories) {
    const folder = await RunFolder.open(resolve(directory));
    sources.push({ folder, records: await folder.finishedRuns(), label: labelOf(folder) });
  }
  const problems: string[] = [];
  for (const source of sources) {
    const holder = await source.folder.liveHolder();
    if (holder !== undefined) problems.push(`${source.label} is still being written by a runner (pid ${holder}); wait for it to finish`);
  }
  problems.push(...coverageProblems(sources));
  const environments = environmentsOf(sources);
  const clientDifferences = compareEnvironments(environments.client);
  const serverDifferences = compareEnvironments(environments.server);
  for (const difference of [...clientDifferences, ...serverDifferences.map((item) => ({ ...item, field: `server host's ${item.field}` }))]) {
    if (difference.fatal) problems.push(`${describeDifference(difference)}: runs of different code are different experiments`);
  }
  if (problems.length > 0) throw new MergeError(problems);

  const records = sources.flatMap((source) => source.records).sort((a, b) => a.order - b.order);
  const differences = [
    ...clientDifferences.map((difference) => describeDifference(difference)),
    ...serverDifferences.map((difference) => describeDifference(difference, "server host's ")),
  ];
  const load = loadAverageRange(records.map((record) => record.loadAverage));
  if (load !== undefined) differences.push(load);
  const { shard: _shard, merged: _merged, ...base } = sources[0]!.folder.manifest;
  const manifest: RunFolderManifest = {
    ...base,
    createdAt: sources.map((source) => source.folder.manifest.createdAt).sort()[0]!,
    merged: {
      mergedAt: new Date().toISOString(),
      sources: sources.map((source) => ({ directory: source.folder.directory, shard: source.folder.manifest.shard ?? null, runs: source.records.length })),
      differences,
    },
  };
  const building = join(dirname(target), `.${basename(target)}.merging-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const folder = await RunFolder.create(building, manifest);
    for (const record of records) await folder.writeRun(record);
    await writeViews(folder, { factors: manifest.plan.factors, points: manifest.plan.points, metrics: manifest.plan.metrics }, records);
    await rmdir(target).catch(() => undefined); // an empty folder given as --out
    await rename(building, target);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
  return { directory: target, manifest, records, differences };
}
