/**
 * The vocabulary of lib/servers: the architectures' names, the options a server starts with, the
 * handle it resolves to, and the statistics it reports (per server and per execution context).
 */

import type { PipelineStats } from "../http/index.js";

/** The seven concurrency architectures (see DESIGN.md and lecture §9–19). */
export const architectureNames = ["mp", "mt", "sped", "amped", "amted", "zeus", "apache"] as const;
export type ArchitectureName = (typeof architectureNames)[number];

/** Which disk the server reads through (see lib/storage). */
export interface ServerDiskOptions {
  kind: "real" | "sim" | "cold";
  /** Simulated disk: latency of one miss, in ms. */
  latencyMs?: number;
  /** Simulated disk: transfer rate, in MB/s. */
  mbps?: number;
  /** Simulated disk: buffer-cache capacity, in MB. */
  cacheMb?: number;
}

/** Flash's application-level caches, each switchable; all on by default. */
export interface ServerCacheOptions {
  path?: boolean;
  header?: boolean;
  data?: boolean;
  /** Capacity of the data (mapped-file) cache, in MB. */
  dataMb?: number;
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
  /** How long stop() waits for in-flight requests before closing everything, in ms. */
  graceMs?: number;
  /**
   * Connections one event-loop context (SPED, AMPED, AMTED, a Zeus process) serves at once; further
   * ones wait, unread, in a queue (backpressure), and beyond the queue get a 503. Contexts that serve
   * one connection at a time (MP, MT, Apache threads) ignore it.
   */
  maxConnections?: number;
  apache?: ApachePoolOptions;
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
  disk: ServerDiskOptions;
  caches: Required<ServerCacheOptions>;
  gather: boolean;
  timing: boolean;
  graceMs: number;
  maxConnections: number;
  apache: Required<ApachePoolOptions>;
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
  /** ms since the server started. */
  atMs: number;
  processes: number;
  threads: number;
  busyThreads: number;
}

/**
 * A server's stats: the pipeline counters summed over every serving context (requests, bytes, responses
 * by status, errors, time per step, cache hits and misses), plus the architecture's own.
 */
export interface ServerStats extends PipelineStats {
  arch: ArchitectureName;
  uptimeMs: number;
  /** Responses with status ≥ 400, by status. */
  errorsByStatus: Record<string, number>;
  contexts: ContextStats[];
  helpers?: HelperStats;
  pool?: PoolSample[];
  /** Workers (mp/mt/apache) started to replace dead ones. */
  replacedWorkers: number;
  /** The disk's own statistics, as lib/storage reports them. */
  disk?: unknown;
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
