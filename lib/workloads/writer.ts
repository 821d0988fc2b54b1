/**
 * Writes a workload to a folder in the format described in index.ts: the docroot's files, the request
 * list, the path map of a trace, and the manifest with its statistics.
 *
 * The folder is guarded so that a slip of `--out` cannot clobber a user's files: it must be new,
 * empty, or hold a previous flashlab workload and nothing else (which is then replaced).
 */
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, statfs, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { once } from "node:events";
import { workloadFormatName } from "./model.js";
import type { GeneratedWorkload, WorkloadManifest } from "./model.js";
import { computeWorkloadStats } from "./stats.js";
import { formatBytes } from "./sizes.js";

/** The output folder cannot be used; the message says why and what would be accepted. */
export class WorkloadOutputError extends Error {
  override name = "WorkloadOutputError";
}

const ownEntries = ["manifest.json", "requests.txt", "paths.tsv", "docroot"] as const;

/**
 * Checks that `outDir` may receive a workload, without changing anything. Returns "absent" (it will be
 * created), "empty", or "workload" (it holds a previous flashlab workload and nothing else, which will
 * be replaced). Throws `WorkloadOutputError` when it is a file, a non-empty folder that is not a
 * flashlab workload, or a workload folder that also holds other entries.
 */
export async function checkWorkloadFolder(outDir: string): Promise<"absent" | "empty" | "workload"> {
  const info = await stat(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new WorkloadOutputError(`cannot use --out ${outDir}: ${error.message}`);
  });
  if (info === undefined) return "absent";
  if (!info.isDirectory()) {
    throw new WorkloadOutputError(`--out ${outDir} is a file; give a new or empty folder (or one that holds a previous workload)`);
  }
  const entries = await readdir(outDir);
  if (entries.length === 0) return "empty";
  const isWorkload = await readFile(join(outDir, "manifest.json"), "utf8")
    .then((text) => (JSON.parse(text) as { format?: unknown }).format === workloadFormatName)
    .catch(() => false);
  if (!isWorkload) {
    throw new WorkloadOutputError(
      `--out ${outDir} is not empty and holds no flashlab workload (no manifest.json of format "${workloadFormatName}"); refusing to write into it. Give a new or empty folder.`,
    );
  }
  const foreign = entries.filter((entry) => !(ownEntries as readonly string[]).includes(entry));
  if (foreign.length > 0) {
    throw new WorkloadOutputError(
      `--out ${outDir} holds a workload but also ${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}; refusing to replace it. Move those away or give another folder.`,
    );
  }
  return "workload";
}

/**
 * Makes `outDir` ready for a new workload (after `checkWorkloadFolder` accepts it): creates it, or
 * removes a previous workload's entries (only those).
 */
export async function prepareWorkloadFolder(outDir: string): Promise<void> {
  const state = await checkWorkloadFolder(outDir);
  if (state === "absent") await mkdir(outDir, { recursive: true });
  if (state === "workload") for (const entry of ownEntries) await rm(join(outDir, entry), { recursive: true, force: true });
}

/**
 * Throws `WorkloadOutputError` when the file system that would hold `outDir` (or its nearest existing
 * parent) has less than `bytes` free. Use it before generating a large data set, as well as before writing.
 */
export async function checkFreeSpace(outDir: string, bytes: number): Promise<void> {
  let folder = resolve(outDir);
  while (!(await stat(folder).then(() => true, () => false)) && dirname(folder) !== folder) folder = dirname(folder);
  const free = await statfs(folder).then((info) => info.bavail * info.bsize, () => Number.POSITIVE_INFINITY);
  if (bytes > free) {
    throw new WorkloadOutputError(
      `the docroot needs ${formatBytes(bytes)} but only ${formatBytes(free)} is free under ${folder}; choose a smaller data set or another folder`,
    );
  }
}

/** The absolute file for URL path `path` under `docroot`; throws if it would not lie inside it. */
export function docrootFileFor(docroot: string, path: string): string {
  const root = resolve(docroot);
  const file = resolve(root, `.${path}`);
  if (!path.startsWith("/") || !file.startsWith(root + sep)) {
    throw new RangeError(`refusing to write ${JSON.stringify(path)}: it does not name a file inside the docroot`);
  }
  return file;
}

const fillerLine = "flashlab workload filler: 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
const filler = Buffer.from(fillerLine.repeat(Math.ceil((1 << 16) / fillerLine.length)).slice(0, 1 << 16));

/** Writes one docroot file of exactly `bytes` bytes: a line naming it, then printable filler. */
async function writeDocrootFile(file: string, path: string, bytes: number): Promise<void> {
  const head = Buffer.from(`flashlab ${path} ${bytes} bytes\n`);
  if (bytes <= filler.length) {
    const content = Buffer.alloc(bytes);
    const headLength = head.copy(content, 0, 0, Math.min(head.length, bytes));
    filler.copy(content, headLength, 0, bytes - headLength);
    await writeFile(file, content);
    return;
  }
  const handle = await open(file, "w");
  try {
    await handle.write(head);
    let written = head.length;
    while (written < bytes) {
      const chunk = Math.min(filler.length, bytes - written);
      await handle.write(filler, 0, chunk);
      written += chunk;
    }
  } finally {
    await handle.close();
  }
}

async function writeDocroot(docroot: string, workload: GeneratedWorkload): Promise<void> {
  await mkdir(docroot, { recursive: true });
  const made = new Set<string>([resolve(docroot)]);
  const targets = workload.files.map((file) => ({ ...file, absolute: docrootFileFor(docroot, file.path) }));
  for (const target of targets) {
    const folder = dirname(target.absolute);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
  }
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < targets.length) {
      const target = targets[nextIndex++]!;
      await writeDocrootFile(target.absolute, target.path, target.bytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, targets.length) }, worker));
}

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const output = createWriteStream(file, { encoding: "utf8" });
  const failed = once(output, "error").then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let batch = "";
  for (const line of lines) {
    batch += line + "\n";
    if (batch.length >= 1 << 16) {
      if (!output.write(batch)) await Promise.race([once(output, "drain"), failed]);
      batch = "";
    }
  }
  output.end(batch);
  await Promise.race([once(output, "finish"), failed]);
}

function* requestLines(workload: GeneratedWorkload): Generator<string> {
  const offsets = workload.requestOffsetsMs;
  for (let index = 0; index < workload.requestFiles.length; index++) {
    const path = workload.files[workload.requestFiles[index]!]!.path;
    yield offsets ? `${Number(offsets[index]!.toFixed(3))}\t${path}` : path;
  }
}

/**
 * Writes `workload` into `outDir` (after `prepareWorkloadFolder`) and returns its manifest. The
 * manifest is written first with `complete: false` and rewritten last with `complete: true`, so an
 * interrupted write leaves a folder that loaders refuse and the next `make` may replace.
 */
export async function writeWorkload(workload: GeneratedWorkload, outDir: string): Promise<WorkloadManifest> {
  await prepareWorkloadFolder(outDir);
  if (workload.requestOffsetsMs && workload.requestOffsetsMs.length !== workload.requestFiles.length) {
    throw new RangeError("a timed workload needs one offset per request");
  }
  const manifest: WorkloadManifest = {
    format: workloadFormatName,
    version: 1,
    complete: false,
    kind: workload.kind,
    seed: workload.seed,
    parameters: workload.parameters,
    docroot: "docroot",
    requests: { file: "requests.txt", count: workload.requestFiles.length, timed: workload.requestOffsetsMs !== undefined },
    ...(workload.renamedPaths && workload.renamedPaths.length > 0 ? { pathMap: "paths.tsv" } : {}),
    stats: computeWorkloadStats(workload.files, workload.requestFiles),
    ...(workload.trace ? { trace: workload.trace } : {}),
    createdAt: new Date().toISOString(),
  };
  await checkFreeSpace(outDir, manifest.stats.totalBytes);
  const manifestFile = join(outDir, "manifest.json");
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  await writeDocroot(join(outDir, "docroot"), workload);
  await writeLines(join(outDir, "requests.txt"), requestLines(workload));
  if (manifest.pathMap) {
    await writeLines(
      join(outDir, manifest.pathMap),
      (workload.renamedPaths ?? []).map((entry) => `${entry.path}\t${entry.traceTarget.replace(/[\t\n\r]/g, " ")}`),
    );
  }
  manifest.complete = true;
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
