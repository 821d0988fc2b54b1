/**
 * What the simulated clients request: the files (their sizes) and the request stream, in lib/workloads'
 * shape (a `GeneratedWorkload` carries both). The clients walk the stream in order, together, as the
 * load generator's clients do with one thread, and start again at its end.
 *
 * Ready-made: one file of a given size; a SURGE-like set of a given size (lib/workloads' generator:
 * heavy-tailed sizes clipped at 1 MiB as the experiment specs clip them, Zipf popularity, independent
 * requests); or any `GeneratedWorkload` (a trace, SPECweb96-like), or the files of a workload folder.
 */
import { bytesPerMB } from "../../storage/index.js";
import type { GeneratedWorkload } from "../../workloads/model.js";
import { makeSurgeWorkload } from "../../workloads/surge.js";

/** The files and the request stream of a simulated run. */
export interface ServerWorkload {
  /** In words, for results. */
  description: string;
  /** Each file's size in bytes. */
  fileBytes: readonly number[];
  /** The requests in order, as indices into `fileBytes`. */
  requestFiles: readonly number[];
}

/** A cursor over a workload's request stream (and its list of distinct files, for priming). */
export class RequestStream {
  private position = 0;
  /** Every requested file once, in order of first request. */
  readonly distinctFiles: readonly number[];
  readonly totalBytes: number;

  constructor(readonly workload: ServerWorkload) {
    checkWorkload(workload);
    const seen = new Uint8Array(workload.fileBytes.length);
    const distinct: number[] = [];
    for (const file of workload.requestFiles) {
      if (seen[file] === 0) {
        seen[file] = 1;
        distinct.push(file);
      }
    }
    this.distinctFiles = distinct;
    this.totalBytes = workload.fileBytes.reduce((sum, bytes) => sum + bytes, 0);
  }

  /** The next request's file; the stream starts again after its last request. */
  next(): number {
    const file = this.workload.requestFiles[this.position]!;
    this.position = this.position + 1 === this.workload.requestFiles.length ? 0 : this.position + 1;
    return file;
  }

  /** Back to the first request (the load generator starts each load from the stream's beginning). */
  restart(): void {
    this.position = 0;
  }

  bytesOf(file: number): number {
    return this.workload.fileBytes[file]!;
  }
}

function checkWorkload(workload: ServerWorkload): void {
  if (workload.requestFiles.length === 0) throw new RangeError("a workload needs at least one request");
  const files = workload.fileBytes.length;
  workload.fileBytes.forEach((bytes, index) => {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`file ${index} has size ${bytes}; sizes are whole numbers of bytes ≥ 0`);
  });
  for (const file of workload.requestFiles) {
    if (!Number.isSafeInteger(file) || file < 0 || file >= files) throw new RangeError(`a request names file ${file}; the workload has files 0 to ${files - 1}`);
  }
}

/** One file requested over and over (the paper's single-file test). */
export function singleFileWorkload(bytes: number): ServerWorkload {
  return { description: `one file of ${bytes} bytes`, fileBytes: [bytes], requestFiles: [0] };
}

/** A workload from lib/workloads' in-memory form (files and request stream). */
export function workloadFromGenerated(generated: Pick<GeneratedWorkload, "kind" | "files" | "requestFiles">, description?: string): ServerWorkload {
  return {
    description: description ?? `${generated.kind}: ${generated.files.length} files, ${generated.requestFiles.length} requests`,
    fileBytes: generated.files.map((file) => file.bytes),
    requestFiles: generated.requestFiles,
  };
}

/** SURGE's Pareto tail is clipped at 1 MiB, as in the experiment specs' SURGE-like sets. */
const surgeMaxFileBytes = 1 << 20;

/**
 * A SURGE-like set of `datasetMB` MB with Zipf popularity (lib/workloads' generator), `requests` independent
 * requests long. O(files + requests).
 */
export function surgeLikeWorkload(options: { datasetMB: number; seed: number; requests?: number }): ServerWorkload {
  if (!(options.datasetMB > 0 && Number.isFinite(options.datasetMB))) throw new RangeError(`datasetMB must be a finite number > 0; got ${options.datasetMB}`);
  const requests = options.requests ?? 200_000;
  const generated = makeSurgeWorkload({
    targetBytes: Math.round(options.datasetMB * bytesPerMB),
    requests,
    seed: options.seed,
    maxFileBytes: surgeMaxFileBytes,
  });
  return workloadFromGenerated(generated, `SURGE-like, ${options.datasetMB} MB in ${generated.files.length} files, ${requests} independent Zipf requests (seed ${options.seed})`);
}
