/**
 * What every serving execution context runs: one instance of the shared request pipeline (lib/http)
 * with this context's own Flash caches, over the server's disk (lib/storage), with a file source
 * chosen by the architecture. The pipeline never knows which architecture it runs in; the file source
 * and the connection cap are the only differences it sees:
 * - a blocking source (a Buffer): the read-file step blocks this thread on a miss (MP, MT, SPED, Zeus,
 *   Apache);
 * - a helped source (a Promise): the architecture decides who blocks (AMPED, AMTED);
 * - `oneConnectionAtATime`: MP processes and MT/Apache threads serve one connection at a time, and
 *   connections that reach a busy context wait, paused and unread, in the pipeline's queue.
 */
import type { Server, Socket } from "node:net";
import { createFlashCaches, createPipeline, type FileSource, type PipelineCaches, type PipelineStats, type RequestPipeline } from "../http/index.js";
import type { Disk } from "../storage/index.js";
import { describeThisContext, type ContextReport } from "./context-report.js";
import { stopListening } from "./listen.js";
import type { ServerConfig } from "./types.js";

export type { FileSource };

/** The pipeline as one context runs it. */
export interface ServingContext {
  readonly pipeline: RequestPipeline;
  /**
   * Serves one connection (or queues it behind the current one); resolves when it has closed.
   * `acceptedAt` (performance.now() of this thread) is when it was accepted, if earlier than now.
   */
  serve(socket: Socket, acceptedAt?: number): Promise<void>;
  /** Serves one connection, without waiting for it (the event loop's accept path). */
  accept(socket: Socket): void;
  /** True while a connection is being served or waits. */
  isBusy(): boolean;
  /** Requests answered so far. */
  requests(): number;
  stats(): PipelineStats;
  /** How many connections wait for this context elsewhere (MP's master queue): keep-alive ones then yield. */
  setWaitingElsewhere(count: number): void;
  /** Shutdown is coming: no more keep-alive; what arrives is still served. */
  drain(): void;
  /** Refuses new connections, closes idle ones, lets busy ones finish within `graceMs`, then destroys the rest. */
  close(graceMs: number): Promise<void>;
}

/** This context's Flash caches, as the config switches them on. */
function createContextCaches(config: ServerConfig): PipelineCaches {
  return createFlashCaches({
    pathCache: config.caches.path,
    headerCache: config.caches.header,
    dataCache: config.caches.data && config.caches.dataMB > 0,
    dataCacheBytes: Math.round(config.caches.dataMB * 1024 * 1024),
  });
}

/** Creates this context's pipeline. */
export function createServingContext(
  config: ServerConfig,
  source: FileSource,
  options: { oneConnectionAtATime?: boolean } = {},
): ServingContext {
  const pipeline = createPipeline({
    docroot: config.docroot,
    source,
    caches: createContextCaches(config),
    gatherWrites: config.gather,
    timing: config.timing,
    trace: config.trace,
    maxConnections: options.oneConnectionAtATime ? 1 : config.maxConnections,
  });
  return {
    pipeline,
    serve: (socket, acceptedAt) => new Promise((resolve) => pipeline.serveConnection(socket, { onClose: resolve, acceptedAt })),
    accept: (socket) => pipeline.serveConnection(socket),
    isBusy: () => pipeline.openConnections + pipeline.queuedConnections > 0,
    requests: () => pipeline.counters.requests,
    stats: () => pipeline.stats(),
    setWaitingElsewhere: (count) => pipeline.setWaitingElsewhere(count),
    drain: () => pipeline.drain(),
    close: (graceMs) => pipeline.close(graceMs),
  };
}

/** A serving context's report: who it is (process or thread), its pipeline counters, its disk counters, its trace. */
export function servingReport(role: string, context: ServingContext, disk: Disk): ContextReport {
  const diskStats = disk.stats();
  const described = describeThisContext(role, context.requests(), diskStats);
  const trace = context.pipeline.traceEvents();
  if (trace !== undefined) described.trace = trace;
  return { contexts: [described], counters: context.stats(), disks: [diskStats] };
}

/** Stops a serving context: its listener closes, its connections drain within `graceMs`, its disk closes. */
export async function stopServing(server: Server | undefined, context: ServingContext, disk: Disk, graceMs: number): Promise<void> {
  await stopListening(server);
  await context.close(graceMs);
  disk.close();
}
