/**
 * The `Disk` contract shared by every execution context of every server architecture, its statistics,
 * and the serializable handle that lets a thread or a process open the server's one disk.
 */
import type { RangeReadOptions } from "./file-range.js";

/** The kinds of disk a server can run on. */
export type DiskKind = "real" | "cold" | "sim";

/** What one context has done with its disk since it opened it. */
export interface DiskStats {
  kind: DiskKind;
  /** Calls to `readSync`. */
  reads: number;
  /** Chunks read from the simulated buffer cache; null on a real disk (unknown there). */
  hits: number | null;
  /** Chunks whose read started a simulated disk access; null on a real disk. */
  misses: number | null;
  /** Chunks whose read waited for another context's in-flight access to them; null on a real disk. */
  joins: number | null;
  /** Calls to `isResident`. */
  residencyChecks: number;
  /** Bytes returned by `readSync`. */
  bytesRead: number;
  /** Wall time this context spent blocked inside `readSync` (simulated wait, IPC and the real read). */
  blockedMs: number;
  /** Of `blockedMs`, the time spent waiting for the simulated disk (0 on a real disk). */
  simulatedWaitMs: number;
}

/**
 * A disk as one execution context (a process's main thread, a worker thread, a helper) sees it.
 * Every method is synchronous and may block the calling thread; that is the point.
 */
export interface Disk {
  readonly kind: DiskKind;
  /**
   * Up to `length` bytes at `offset` of the file at `path` (always the real file's contents; fewer at
   * its end), in `options.into` when given. Blocks the calling thread for as long as the disk takes: a
   * real read, or on the simulated disk the miss time of every chunk of the range that is not in the
   * shared buffer cache (latency + chunk bytes / bandwidth each, one after the other). With
   * `options.expected`, fails with `FileChangedError` (code ESTALE) unless the opened file is that version.
   */
  readSync(path: string, offset: number, length: number, options?: RangeReadOptions): Buffer;
  /**
   * A residency test that never waits for the disk: true when every chunk of the range is in the
   * (simulated) buffer cache, false when a read would miss or wait, undefined when the disk cannot tell
   * (real disks). Ranges are counted in whole chunks, as `readSync` charges them.
   */
  isResident(path: string, offset: number, length: number): boolean | undefined;
  /** This context's counters (a copy). */
  stats(): DiskStats;
  /** Releases this context's resources. Further calls throw. */
  close(): void;
}

/** Parameters of the simulated disk, validated (see sim-options.ts). */
export interface SimDiskParams {
  /** Fixed cost of every chunk miss, in milliseconds. */
  latencyMs: number;
  /** Transfer rate in MB/s (1 MB = 2^20 bytes); Infinity means no transfer cost. */
  bandwidthMBps: number;
  /** Buffer-cache capacity in MB (1 MB = 2^20 bytes); 0 caches nothing. */
  cacheMB: number;
  /** How many misses the disk serves at once; Infinity (the default) overlaps them all. */
  parallelism: number;
}

/**
 * A plain-data description of the server's disk that any context can pass on (workerData, argv, env,
 * an IPC message) and turn into a `Disk` with `openDisk`.
 */
export type DiskHandle =
  | { kind: "real" }
  | { kind: "cold"; pageCacheDropped: boolean; reason?: string }
  | { kind: "sim"; directory: string; requestFifo: string; params: SimDiskParams };
