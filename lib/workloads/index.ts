/**
 * workloads: the request streams and docroots that flashlab's servers are measured with: a single
 * file (kind "single"), a fixed set of sizes ("fixed"), SPECweb96 ("specweb96"), a SURGE-like synthetic
 * web ("surge"), and replay of a Common Log Format trace ("trace"); see DESIGN.md. The toy-shop order
 * streams of the simulator live here too (toy-orders.ts, exported through lib/sim). Every synthetic
 * generator is deterministic for a given seed: randomness comes from the project's seeded stream,
 * `createRng` in lib/runtime/random.ts.
 *
 * Where to read more: trace.ts (which log lines are replayed, the data-set budget, timing),
 * clf-reader.ts (split lines, skip reasons), trace-paths.ts (safe names), specweb96.ts and surge.ts
 * (the models and the sources of their parameters).
 *
 * ## On-disk format of a workload folder (version 1), written by `flashlab workload make --out DIR`
 *
 * ```
 * DIR/manifest.json   what the workload is (JSON, below)
 * DIR/docroot/…       the files to serve; a request for URL path /a/b.gif is the file docroot/a/b.gif
 * DIR/requests.txt    the request stream, one request per line, in order
 * DIR/paths.tsv       trace workloads only, when some trace targets had to be renamed
 * ```
 * - `requests.txt`: UTF-8, "\n"-separated. Each line is either `PATH` (untimed: send in order, as fast
 *   as the client's loop allows) or `OFFSET_MS<TAB>PATH` (timed replay: send at OFFSET_MS milliseconds
 *   after the start; offsets never decrease). PATH starts with "/" and uses only A–Z a–z 0–9 . _ ~ -
 *   and "/", so it needs no URL encoding and never names anything outside the docroot. Every file in the
 *   docroot is a regular file; a PATH always names one of them. Sizes in the manifest are bytes; each
 *   file holds a first line "flashlab PATH N bytes" (cut short in tiny files) and printable filler,
 *   exactly N bytes in all.
 * - `manifest.json` (`WorkloadManifest` in model.ts):
 *   `{ format: "flashlab-workload", version: 1, complete: true, kind, seed, parameters,
 *      docroot: "docroot", requests: { file: "requests.txt", count, timed }, pathMap?: "paths.tsv",
 *      stats: { fileCount, totalBytes, fileSizeQuantiles{min,p10,p25,p50,p75,p90,p99,max,mean},
 *               requestCount, requestBytes, meanRequestBytes, filesRequested,
 *               sizeClasses[{label,minBytes,maxBytes,files,fileBytes,requests,requestShare,requestBytes}] },
 *      trace?: { file, physicalLines, entries, rejoinedLines, validRequests, skipped{reason: count},
 *                distinctPaths, keptFiles, requestsOutsideBudget, requestsOverCap, reorderedTimestamps, spanS },
 *      createdAt }`.
 *   `complete` is false while the folder is being written; loaders refuse such a folder.
 * - `paths.tsv`: `STORED_PATH<TAB>TRACE_TARGET` per line, for the targets whose stored name differs
 *   from the trace (query strings, odd characters, directories, names that collide).
 *
 * `loadWorkload(manifestOrFolder)` reads a folder back: `{ docroot (absolute), requests: [{path, offsetMs?}], manifest }`.
 */
export { workloadKinds, traceSkipReasons, workloadFormatName } from "./model.js";
export type {
  GeneratedWorkload,
  SizeClassStats,
  TraceSkipReason,
  TraceSummary,
  WorkloadFile,
  WorkloadKind,
  WorkloadManifest,
  WorkloadStats,
} from "./model.js";
export { loadWorkload, readManifest, readRequestList, parseRequestListLine, WorkloadFileError } from "./loader.js";
export type { LoadedWorkload, WorkloadRequest } from "./loader.js";
export { parseByteSize, formatBytes, sizeClasses, sizeClassOf } from "./sizes.js";
export type { SizeClass } from "./sizes.js";
export {
  createDiscreteSampler,
  zipfWeights,
  truncatedPoissonWeights,
  sampleStandardNormal,
  sampleLognormal,
  sampleParetoTail,
  shuffledIndices,
  normalQuantile,
  normalCdf,
} from "./distributions.js";
export type { DiscreteSampler } from "./distributions.js";
export { computeWorkloadStats } from "./stats.js";
export { requestCountsByRank, topFilesRequestShare, zipfExponent } from "./popularity.js";
export { makeSingleFileWorkload, makeFixedSetWorkload, fixedFilePath } from "./fixed.js";
export {
  makeSpecweb96Workload,
  specweb96ClassShares,
  specweb96FilesPerClass,
  specweb96WithinClassMean,
  specweb96FileBytes,
  specweb96DirectoryBytes,
  specweb96DirectoryCount,
  specweb96FilePath,
} from "./specweb96.js";
export type { Specweb96Options } from "./specweb96.js";
export {
  makeSurgeWorkload,
  surgeSizeModel,
  surgeStackDistance,
  surgeSizeQuantile,
  sampleSurgeFileBytes,
  surgeFilePath,
  apportionRequests,
  orderWithStackDistances,
} from "./surge.js";
export type { SurgeOptions, SurgeSizeModel } from "./surge.js";
export { parseCommonLogLine } from "./clf-parse.js";
export type { CommonLogEntry, CommonLogParse, CommonLogLineProblem } from "./clf-parse.js";
export { CommonLogReader } from "./clf-reader.js";
export type { CommonLogReadStats, NumberedCommonLogEntry } from "./clf-reader.js";
export { normaliseRequestTarget, assignStoredPaths } from "./trace-paths.js";
export { makeTraceWorkload } from "./trace.js";
export type { TraceWorkloadOptions } from "./trace.js";
export { writeWorkload, checkWorkloadFolder, checkFreeSpace, prepareWorkloadFolder, docrootFileFor, WorkloadOutputError } from "./writer.js";
