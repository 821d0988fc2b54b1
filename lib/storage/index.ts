/**
 * storage: file access (real disk, simulated disk with a shared buffer cache, cold-cache mode), range
 * reads checked against a file's version, and the project's LRU.
 *
 * How a server uses its disk
 * --------------------------
 * 1. In the server's top process, once:
 *      const owner = createDiskOwner({ kind: "sim", latencyMs: 10, bandwidthMBps: 20, cacheMB: 64 });
 *      // or { kind: "real" } or { kind: "cold" } (page cache dropped first; skipped with owner.description
 *      // saying why when not Linux+root). Bad parameters throw DiskOptionsError.
 *      console.log(owner.description);
 * 2. Pass `owner.handle` (plain data) to every context: workerData for threads; for processes
 *    encodeDiskHandle(handle) in argv/env and decodeDiskHandle(text) there, or send the object over IPC
 *    (plain JSON turns Infinity into null; openDisk/checkDiskHandle read that back as Infinity).
 * 3. In each context (main thread, worker thread, child process, helper), once:
 *      const disk = openDisk(handle);
 *      disk.readSync(path, offset, length, { expected, into })  // bytes of the real file; blocks THIS thread
 *      disk.isResident(path, offset, length)  // never waits for the disk: true/false (sim), undefined (real)
 *      disk.stats()                   // this context's reads, chunk hits, misses, joins, bytes, blocked ms
 *      disk.close()
 * 4. owner.cacheStats() (top process) gives the shared buffer cache's counters; await owner.close() last.
 *
 * Chunks and versions
 * -------------------
 * Files are read, cached and charged in chunks of `fileChunkBytes` (256 KB; a file up to that size is
 * one chunk). `expected` (a `FileVersion`: dev, ino, size, mtimeMs, as a path translation found them)
 * makes a read fail with `FileChangedError` (code ESTALE) when the opened file is another file or
 * another version: a name swapped for a symlink is never read through. `readFileRangeSync` and
 * `readFileRange` (libuv's thread pool) do the same on the real file system without a `Disk`.
 *
 * Which contexts block, and how (simulated disk)
 * ----------------------------------------------
 * The buffer-cache state lives in one owner worker thread of the top process, so it is shared by all
 * threads AND processes, as the OS page cache is, and keeps answering while the top process's main
 * thread is blocked. A context's `readSync` reads the real file, then, for each chunk of the range,
 * makes a synchronous round trip to the owner over FIFOs (blocking write + blocking read(2); 12–17 µs
 * measured idle) and blocks its own thread with `Atomics.wait` for that chunk's miss time. Every context
 * blocks for real, by the same mechanism: a SPED loop, an AMPED/AMTED main loop that reads, an MT worker
 * thread, an MP/Zeus/Apache process and an AMPED/AMTED helper all stall for the whole miss. (For a
 * context that serves one request at a time an asynchronous wait would be equivalent; blocking is the
 * stricter, uniform choice.) Only the thread that asked stalls, so misses from different contexts
 * overlap (up to `parallelism`). A second reader of a chunk whose miss is in flight waits for the rest of
 * that miss ("join"). `isResident` is one round trip per chunk and never waits for the disk. On the real
 * disk, `readSync` is open + fstat + pread. `createLocalSimulatedDisk` keeps the cache in the calling
 * thread (one context only, no IPC).
 *
 * Clean-up: the FIFOs live in a private temp directory, removed by `owner.close()` or at process exit;
 * one left by a process killed by a signal is removed by the next `createDiskOwner` on the machine. If the owner closes or its process dies, clients get an error naming the owner
 * (EOF on the reply FIFO, EPIPE or ENXIO on the request FIFO), never a hang. The owner thread is
 * unref'd and never keeps the process alive.
 *
 * Cache model: LRU over chunks, capacity in chunk bytes (1 MB = 2^20 bytes); a chunk miss costs
 * latencyMs + chunk bytes / bandwidthMBps, so a file of n chunks read cold costs n latencies plus its
 * size over the bandwidth (a seek per chunk; no read-ahead).
 */
export * from "./caches/index.js";
export type { Disk, DiskHandle, DiskKind, DiskStats, SimDiskParams } from "./disk.js";
export { fileChunkBytes, FileChangedError, readFileRange, readFileRangeSync, sameVersion, versionOf } from "./file-range.js";
export type { FileVersion, RangeReadOptions } from "./file-range.js";
export { createDiskOwner, describeSimDisk } from "./disk-owner.js";
export type { DiskOptions, DiskOwner, SharedBufferCacheStats } from "./disk-owner.js";
export { openDisk, encodeDiskHandle, decodeDiskHandle, checkDiskHandle } from "./open-disk.js";
export { openRealDisk } from "./real-disk.js";
export { createLocalSimulatedDisk } from "./local-sim-disk.js";
export type { LocalSimulatedDisk } from "./local-sim-disk.js";
export { dropPageCache } from "./page-cache.js";
export type { PageCacheDropEnvironment, PageCacheDropResult } from "./page-cache.js";
export { DiskOptionsError, defaultSimDiskParams, validateSimDiskOptions, missCostMs, bytesPerMB } from "./sim-options.js";
export type { SimDiskOptions } from "./sim-options.js";
export { BufferCacheModel } from "./buffer-cache-model.js";
export type { BufferCacheStats, LookupOutcome } from "./buffer-cache-model.js";
export { blockThreadFor } from "./block-thread.js";
