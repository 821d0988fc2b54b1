/**
 * The shapes shared by every workload generator: a workload in memory (files plus a request stream)
 * and the manifest that describes it on disk. See index.ts for the on-disk layout.
 */

/** The workload kinds that `flashlab workload make` writes. */
export const workloadKinds = ["single", "fixed", "specweb96", "surge", "trace"] as const;
export type WorkloadKind = (typeof workloadKinds)[number];

/** One file of a workload's docroot. */
export interface WorkloadFile {
  /** The URL path, starting with "/"; only the characters A–Z a–z 0–9 . _ ~ - and "/". */
  path: string;
  bytes: number;
}

/** A workload in memory, before it is written to disk. */
export interface GeneratedWorkload {
  kind: WorkloadKind;
  /** The seed of a synthetic workload; null for a trace (which has no randomness). */
  seed: number | null;
  /** Every parameter that, with the seed, fully describes the workload. */
  parameters: Record<string, unknown>;
  files: WorkloadFile[];
  /** The request stream, in order: each entry is an index into `files`. */
  requestFiles: number[];
  /** When the stream is timed: each request's send time in ms from the start, same length as `requestFiles`. */
  requestOffsetsMs?: number[];
  /** For a trace: how its lines were read and filtered. */
  trace?: TraceSummary;
  /** For a trace: the request target the trace used for each file, when the stored name differs. */
  renamedPaths?: Array<{ path: string; traceTarget: string }>;
}

/** Why a trace line was not replayed. */
export const traceSkipReasons = [
  "blank",
  "malformed",
  "truncated",
  "bad-request",
  "non-GET",
  "bad-status",
  "bad-path",
  "no-size",
] as const;
export type TraceSkipReason = (typeof traceSkipReasons)[number];

/** How a Common Log Format trace was read, filtered and truncated. */
export interface TraceSummary {
  /** The trace file as given. */
  file: string;
  /** Physical lines in the file (a line broken in two counts twice). */
  physicalLines: number;
  /** Log entries parsed, after rejoining broken lines. */
  entries: number;
  /** Entries rebuilt by joining a line with the next (a stray line break split them). */
  rejoinedLines: number;
  /** Entries that are valid requests for replay (before truncation). */
  validRequests: number;
  /** Lines or entries not replayed, by reason; every reason is present (0 when none). */
  skipped: Record<TraceSkipReason, number>;
  /** Distinct request targets among the valid requests. */
  distinctPaths: number;
  /** Files kept after the data-set budget (all of them when there is no budget). */
  keptFiles: number;
  /** Valid requests dropped because their file fell outside the data-set budget. */
  requestsOutsideBudget: number;
  /** Valid requests dropped by a cap on the number of requests. */
  requestsOverCap: number;
  /** Timed replay: requests whose timestamp was earlier than the previous one (their offset was raised to it). */
  reorderedTimestamps: number;
  /** The time span of the replayed requests in the trace, in seconds. */
  spanS: number;
}

/** One size class of the summary (the SPECweb96 classes plus one above 1 MiB). */
export interface SizeClassStats {
  label: string;
  minBytes: number;
  /** Exclusive upper bound; null for the open top class. */
  maxBytes: number | null;
  files: number;
  fileBytes: number;
  requests: number;
  /** Share of all requests (0–1). */
  requestShare: number;
  /** Bytes those requests transfer. */
  requestBytes: number;
}

/** The statistics a manifest records about its workload. */
export interface WorkloadStats {
  fileCount: number;
  totalBytes: number;
  /** File-size quantiles in bytes, over files (not requests). */
  fileSizeQuantiles: { min: number; p10: number; p25: number; p50: number; p75: number; p90: number; p99: number; max: number; mean: number };
  requestCount: number;
  /** Bytes transferred if every request is served in full. */
  requestBytes: number;
  /** Mean response body size over the request stream. */
  meanRequestBytes: number;
  /** Distinct files the request stream touches. */
  filesRequested: number;
  sizeClasses: SizeClassStats[];
}

/** manifest.json of a workload folder. */
export interface WorkloadManifest {
  format: "flashlab-workload";
  version: 1;
  /** False while the folder is being written; a loader refuses an incomplete workload. */
  complete: boolean;
  kind: WorkloadKind;
  seed: number | null;
  parameters: Record<string, unknown>;
  /** The docroot folder, relative to the manifest's folder. */
  docroot: string;
  /** The request list, relative to the manifest's folder. */
  requests: { file: string; count: number; timed: boolean };
  /** For a trace with renamed targets: a TSV of stored path → trace target, relative to the manifest. */
  pathMap?: string;
  stats: WorkloadStats;
  trace?: TraceSummary;
  createdAt: string;
}

/** The constant that marks a folder as a flashlab workload. */
export const workloadFormatName = "flashlab-workload";
