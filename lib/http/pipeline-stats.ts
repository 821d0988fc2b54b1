/**
 * What a pipeline instance counts, as a plain JSON-able object, and how to add such objects up (one per
 * execution context: MP's processes, MT's threads) into a server-wide total.
 */
import type { CacheCounters, PipelineCacheName } from "./cache-types.js";
import { emptyStepTimings, pipelineSteps, type PipelineStep, type StepTiming } from "./steps.js";

/** Per-pipeline counters; every field is a number or a record of numbers, so objects can be summed. */
export interface PipelineStats {
  /** Responses written (any status). */
  requests: number;
  /** Bytes handed to sockets (heads and bodies). */
  bytesSent: number;
  /** Responses by status code, e.g. { "200": 10, "404": 1 }. */
  responsesByStatus: Record<string, number>;
  /** Failures: socket errors, internal errors, failed or timed-out reads, refused connections. */
  errors: number;
  connections: {
    /** Connections handed to the pipeline. */
    accepted: number;
    /** Open now (being served). */
    open: number;
    /** Waiting now for a slot under `maxConnections`. */
    queued: number;
    /** Open now with a response (or our close) waiting for the client to read: its send buffer is full. */
    waitingForClient: number;
    /** Turned away with 503 because the wait queue was full, or because the pipeline was closing. */
    refused: number;
    /** Dropped from the wait queue because the client closed having sent nothing. */
    abandoned: number;
    /** Closed by the header timeout, or by the send timeout (no progress: the client stopped reading). */
    timedOut: number;
    /** Closed after the idle keep-alive timeout. */
    idleClosed: number;
    /** Keep-alive connections that gave their slot up to waiting ones (Connection: close, or closed when idle). */
    yielded: number;
  };
  /** Chunks read from the file source (data cache misses): `inline` in the calling thread, `deferred` when it returned a Promise. */
  fileReads: { inline: number; deferred: number };
  /** Time per step (only while timing is on). */
  steps: Record<PipelineStep, StepTiming>;
  /** Hits and misses per cache (zeros for a cache that is off). */
  caches: Record<PipelineCacheName, CacheCounters>;
}

/** Counters of a cache that is off, or has seen nothing yet. */
export function emptyCacheCounters(): CacheCounters {
  return { hits: 0, misses: 0, entries: 0, bytes: 0, evictions: 0 };
}

/** All-zero stats: the identity for `sumPipelineStats`. */
export function emptyPipelineStats(): PipelineStats {
  return {
    requests: 0,
    bytesSent: 0,
    responsesByStatus: {},
    errors: 0,
    connections: { accepted: 0, open: 0, queued: 0, waitingForClient: 0, refused: 0, abandoned: 0, timedOut: 0, idleClosed: 0, yielded: 0 },
    fileReads: { inline: 0, deferred: 0 },
    steps: emptyStepTimings(),
    caches: { path: emptyCacheCounters(), header: emptyCacheCounters(), data: emptyCacheCounters() },
  };
}

/** Adds numeric fields of `from` into `into`, key by key (missing keys count as 0). */
function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/**
 * The total of several pipelines' stats (e.g. one per worker process or thread). Counts add up; each
 * step's `maxMs` is the largest of the maxima. Runs in O(n) over the inputs.
 */
export function sumPipelineStats(all: readonly PipelineStats[]): PipelineStats {
  const total = emptyPipelineStats();
  for (const stats of all) {
    total.requests += stats.requests;
    total.bytesSent += stats.bytesSent;
    total.errors += stats.errors;
    addCounts(total.responsesByStatus, stats.responsesByStatus);
    addCounts(total.connections, stats.connections);
    addCounts(total.fileReads, stats.fileReads);
    for (const name of Object.keys(total.caches) as PipelineCacheName[]) {
      addCounts(total.caches[name] as unknown as Record<string, number>, stats.caches[name] as unknown as Record<string, number>);
    }
    for (const step of pipelineSteps) {
      const into = total.steps[step];
      const from = stats.steps[step];
      into.count += from.count;
      into.totalMs += from.totalMs;
      into.maxMs = Math.max(into.maxMs, from.maxMs);
      from.histogramUs.forEach((count, bucket) => (into.histogramUs[bucket] = (into.histogramUs[bucket] ?? 0) + count));
    }
  }
  return total;
}

/** Mean time per step in milliseconds (0 for a step that never ran), e.g. to compare with the simulator. */
export function meanStepTimesMs(stats: PipelineStats): Record<PipelineStep, number> {
  const means = {} as Record<PipelineStep, number>;
  for (const step of pipelineSteps) {
    const timing = stats.steps[step];
    means[step] = timing.count === 0 ? 0 : timing.totalMs / timing.count;
  }
  return means;
}
