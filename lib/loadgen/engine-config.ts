/**
 * What one load-generating thread is told to do, and what it reports back. The main thread builds one
 * `EngineConfig` per worker thread (its share of the clients, the rate and the request count) and
 * receives one `EngineReport` from each when it finishes.
 */
import type { LoadErrorCounts } from "./error-kinds.js";
import type { LoadHttpVersion } from "./request-bytes.js";
import type { ArrivalProcess, ThinkDistribution } from "./timing.js";

/** How a thread chooses request paths and, for a replay, when each request is due. */
export interface EngineRequestPlan {
  /** The distinct paths; records name them by index. */
  paths: string[];
  /** Path indexes in request order, cycled; absent means paths are used round-robin. */
  sequence?: Uint32Array;
  /** For a timed replay (open loop): each sequence entry's due time in ms from the run's start. */
  dueMs?: Float64Array;
}

/** One thread's share of a load run. */
export interface EngineConfig {
  threadIndex: number;
  threadCount: number;
  /** Client ids of this thread start here, so that ids are unique across threads. */
  clientIdOffset: number;
  address: string;
  port: number;
  hostHeader: string;
  mode: "closed" | "open";
  /** Clients (closed loop) or connection slots (open loop) on this thread. */
  clients: number;
  http: LoadHttpVersion;
  /** Requests in flight per keep-alive connection (1 = no pipelining). */
  pipeline: number;
  thinkDistribution: ThinkDistribution;
  thinkMs: number;
  arrival: ArrivalProcess;
  /** This thread's share of the open-loop rate, requests per second (0 for a replay or closed loop). */
  ratePerS: number;
  plan: EngineRequestPlan;
  /** Requests due before this time (ms from the start) are warm-up: sent, but not recorded. */
  warmupMs: number;
  /** Length of the measured phase in ms (Infinity when only a request count bounds the run). */
  durationMs: number;
  /** Measured requests this thread issues at most (Infinity when only the duration bounds it). */
  requestLimit: number;
  timeoutMs: number;
  /** Emulated slow or distant clients: added round-trip time (ms) and receive bandwidth per connection (kbit/s); 0 = off. */
  clientDelayMs: number;
  clientKbps: number;
  seed: number;
  /** The run's start as epoch ms (performance.timeOrigin + performance.now() on the main thread). */
  startAtEpochMs: number;
  /** Records per block handed to the main thread. */
  rowsPerBlock: number;
}

/** Counts for one phase of a run (warm-up or measured). */
export interface EnginePhaseCounts {
  completed: number;
  errors: LoadErrorCounts;
  /** TCP connections opened by requests of this phase. */
  connections: number;
  /** Requests sent again after a keep-alive race (each at most once). */
  retries: number;
}

/** What a thread reports when it finishes (its records went out in blocks). */
export interface EngineReport {
  threadIndex: number;
  measured: EnginePhaseCounts;
  warmup: EnginePhaseCounts;
}

/** Progress a thread posts while it runs (measured requests only). */
export interface EngineProgress {
  completed: number;
  failed: number;
}
