/**
 * The `Disk` contract shared by every execution context of every server architecture, its statistics,
 * and the serializable handle that lets a thread or a process open the server's one disk.
 */

/** The kinds of disk a server can run on. */
export type DiskKind = "real" | "cold" | "sim";

/** What one context has done with its disk since it opened it. */
export interface DiskStats {
  kind: DiskKind;
  /** Calls to `readFileSync`. */
  reads: number;
  /** Reads served from the simulated buffer cache; null on a real disk (unknown there). */
  hits: number | null;
  /** Reads that started a simulated disk access; null on a real disk. */
  misses: number | null;
  /** Reads that waited for another context's in-flight access to the same file; null on a real disk. */
  joins: number | null;
  /** Calls to `isResident`. */
  residencyChecks: number;
  /** Bytes returned by `readFileSync`. */
  bytesRead: number;
  /** Wall time this context spent blocked inside `readFileSync` (simulated wait, IPC and the real read). */
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
   * The bytes of the file at `path` (always the real file's contents). Blocks the calling thread for as
   * long as the disk takes: a real `fs.readFileSync`, or on the simulated disk the miss time
   * (latency + size / bandwidth) when the file is not in the shared buffer cache. `size` is the size the
   * caller found with stat; the simulated disk charges and caches by it.
   */
  readFileSync(path: string, size: number): Buffer;
  /**
   * A residency test that never waits for the disk: true when the file is in the (simulated) buffer
   * cache, false when a read would miss or wait, undefined when the disk cannot tell (real disks).
   */
  isResident(path: string, size: number): boolean | undefined;
  /** This context's counters (a copy). */
  stats(): DiskStats;
  /** Releases this context's resources. Further calls throw. */
  close(): void;
}

/** Parameters of the simulated disk, validated (see sim-options.ts). */
export interface SimDiskParams {
  /** Fixed cost of every miss, in milliseconds. */
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
