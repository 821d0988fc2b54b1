/**
 * The vocabulary of lib/servers: the architectures' names, the options a server starts with, the
 * handle it resolves to, and the statistics it reports (per server and per execution context).
 */

import type { PipelineStats, StepTraceEvent } from "../http/index.js";
import type { DiskStats, SharedBufferCacheStats, SimDiskOptions, SimDiskParams } from "../storage/index.js";

/** The seven concurrency architectures (see DESIGN.md and lecture §9–19). */
export const architectureNames = ["mp", "mt", "sped", "amped", "amted", "zeus", "apache"] as const;
export type ArchitectureName = (typeof architectureNames)[number];

/**
 * Which disk the server reads through (see lib/storage): the real file system, the real one with the
 * page cache dropped first, or the simulated disk with its parameters under lib/storage's names.
 */
export type ServerDiskOptions = { kind: "real" } | { kind: "cold" } | ({ kind: "sim" } & SimDiskOptions);

/** The disk as a server runs on it: simulated-disk parameters checked and complete. */
export type ServerDiskConfig = { kind: "real" } | { kind: "cold" } | ({ kind: "sim" } & SimDiskParams);

/**
 * How connections reach the contexts that serve them:
 * - `one-listener`: one event loop accepts every connection (SPED, AMPED, AMTED);
 * - `master-handoff`: a master accepts, and hands each connection to an idle worker (classic MP, whose
 *   idle processes all block in accept() on one socket);
 * - `reuseport`: each context accepts on its own SO_REUSEPORT listener, and the kernel picks one by a hash
 *   of the connection's addresses, blind to which contexts are busy.
 */
export const acceptPolicies = ["one-listener", "master-handoff", "reuseport"] as const;
export type AcceptPolicy = (typeof acceptPolicies)[number];

/** Flash's application-level caches, each switchable; all on by default. */
export interface ServerCacheOptions {
  path?: boolean;
  header?: boolean;
  data?: boolean;
  /** Capacity of the data (mapped-file) cache, in MB. */
  dataMB?: number;
}

/** Apache-like pool bounds (processes grow and shrink; each process has a fixed thread count). */
export interface ApachePoolOptions {
  minProcesses?: number;
  maxProcesses?: number;
  threadsPerProcess?: number;
  /** Fork a process when fewer threads than this are idle. */
  minSpareThreads?: number;
  /** Retire a process when more threads than this are idle. */
  maxSpareThreads?: number;
  /** How often the pool is adjusted, in ms. */
  maintenanceMs?: number;
}

export interface ServerOptions {
  arch: ArchitectureName;
  docroot: string;
  /** Loopback by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Processes (mp, zeus), threads (mt), or the initial processes (apache). */
  workers?: number;
  /** Helper processes (amped) or threads (amted): the concurrent disk I/O. */
  helpers?: number;
  disk?: ServerDiskOptions;
  caches?: ServerCacheOptions;
  /** Header and body in one write (writev); on by default. */
  gather?: boolean;
  /** Time every pipeline step of every request (stats.steps); on by default. */
  timing?: boolean;
  /**
   * Keep a per-request step trace in every context: the last `trace` step events of each (connection,
   * request, step, start and end on the machine's monotonic clock), reported in `stats().contexts[i].trace`; helpers
   * trace their reads under the request they read for. 0 (the default) is off. Needs `timing`. Meant
   * for small demonstrations: each context's events travel with each of its reports.
   */
  trace?: number;
  /** How long stop() waits for in-flight requests before closing everything, in ms. */
  graceMs?: number;
  /**
   * Connections one event-loop context (SPED, AMPED, AMTED, a Zeus process) serves at once; further
   * ones wait, unread, in a queue (backpressure), and beyond the queue get a 503. Contexts that serve
   * one connection at a time (MP, MT, Apache threads) ignore it.
   */
  maxConnections?: number;
  apache?: ApachePoolOptions;
  /** How connections reach the serving contexts; each architecture has a default and says which it accepts. */
  acceptPolicy?: AcceptPolicy;
  /** Pin the server (every process and thread of it) to these CPUs, a taskset list such as "0". */
  cpus?: string;
}

/** Options with every default filled in: what travels to every execution context. */
export interface ServerConfig {
  arch: ArchitectureName;
  docroot: string;
  host: string;
  port: number;
  workers: number;
  helpers: number;
  disk: ServerDiskConfig;
  caches: Required<ServerCacheOptions>;
  gather: boolean;
  timing: boolean;
  /** Step events each context keeps (0: no trace). */
  trace: number;
  graceMs: number;
  maxConnections: number;
  apache: Required<ApachePoolOptions>;
  acceptPolicy: AcceptPolicy;
  cpus?: string;
}

/** One execution context (a process or a thread) and what it used. */
export interface ContextStats {
  kind: "process" | "thread";
  /** What the context does: "master", "event-loop", "worker", "helper", … */
  role: string;
  pid: number;
  /** The kernel thread id of a worker thread (from /proc/thread-self). */
  tid?: number;
  /** Requests served (or, for a helper, reads done). */
  requests: number;
  /** Process RSS from /proc/<pid>/status (for a thread: undefined, see heapBytes). */
  rssBytes?: number;
  /** A thread's own V8 heap (total + external): the memory its isolate holds inside the process. */
  heapBytes?: number;
  /**
   * A thread: how much its process's RSS grew per thread while its group of threads started (the
   * average cost of one more thread, stacks and isolate included).
   */
  rssIncrementBytes?: number;
  voluntaryContextSwitches?: number;
  involuntaryContextSwitches?: number;
  /**
   * Disk reads this context made, how many missed the (simulated) buffer cache, how long it was blocked
   * in them, and of that how long it waited for the simulated disk itself.
   */
  disk?: { reads: number; misses: number | null; blockedMs: number; simulatedWaitMs: number };
  alive: boolean;
  /**
   * The context's step trace, oldest first, when the server keeps one (`ServerOptions.trace`): its own
   * pipeline's steps, or for a helper the reads it did, under the loop's connection and request numbers.
   */
  trace?: StepTraceEvent[];
  /**
   * Requests as of the context's last checkpoint (the counts it sends now and then, so that a context
   * that dies without answering is still accounted for up to that point).
   */
  requestsAtCheckpoint?: number;
}

/** The helpers of AMPED / AMTED. */
export interface HelperStats {
  helpers: number;
  dispatches: number;
  completed: number;
  /** Jobs waiting for an idle helper now, and the most ever. */
  queueLength: number;
  maxQueueLength: number;
  inFlight: number;
  /** Jobs sent again because their helper died. */
  redispatched: number;
  /** Helpers started to replace dead ones. */
  replaced: number;
  /** Reads the event loop served itself because the data was already in memory. */
  residentHits: number;
}

/** One sample of the Apache-like pool. */
export interface PoolSample {
  /** ms since the server started (about the origin of `ServerStats.uptimeMs`; a few ms later). */
  atMs: number;
  /** Processes serving (started). */
  processes: number;
  /** Processes being started, not serving yet (the pool grows one process at a time). */
  startingProcesses: number;
  threads: number;
  busyThreads: number;
}

/**
 * A server's stats: the pipeline counters summed over every serving context (requests, bytes, responses
 * by status, errors, time per step, cache hits and misses), plus the architecture's own.
 */
export interface ServerStats extends PipelineStats {
  arch: ArchitectureName;
  /** ms since the server's top process began starting the architecture (the origin of `pool` samples' `atMs` too). */
  uptimeMs: number;
  /** Responses with status ≥ 400, by status. */
  errorsByStatus: Record<string, number>;
  contexts: ContextStats[];
  helpers?: HelperStats;
  pool?: PoolSample[];
  /** Workers (mp/mt/apache) started to replace dead ones. */
  replacedWorkers: number;
  /** Contexts that exited (retired by a pool, or died) whose counts the totals include. */
  departedContexts: number;
  /** How connections reached the serving contexts. */
  acceptPolicy: AcceptPolicy;
  /** Flash's caches exist once per this kind of context (MT's are per thread: an isolate cannot share objects). */
  cachesPer: "process" | "thread" | "event loop";
  /** The disk the server ran on, the shared buffer cache's counters (simulated disk) and each context's disk counters. */
  disk: ServerDiskConfig & { sharedCache?: SharedBufferCacheStats; contexts: DiskStats[] };
}

/** A running server. */
export interface RunningServer {
  url: string;
  host: string;
  port: number;
  /** The server's top process (the one `stop()` ends). */
  pid: number;
  arch: ArchitectureName;
  stats(): Promise<ServerStats>;
  /** Stops accepting, lets in-flight requests finish within the grace period, ends every child. */
  stop(): Promise<void>;
  /** Resolves when the server's top process has exited (after stop(), or if it died). */
  readonly exited: Promise<void>;
  /** The disk it runs on, in words (or why cold-cache mode was skipped). */
  readonly diskDescription: string;
}
