/**
 * The part of the simulated disk that runs in the reading context, whoever keeps the cache state: read
 * the real file, ask the buffer cache what each chunk of that read costs, and block this thread for it.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { blockThreadFor } from "./block-thread.js";
import type { LookupOutcome } from "./buffer-cache-model.js";
import { cacheKeyOf } from "./disk-protocol.js";
import type { Disk, DiskStats } from "./disk.js";
import { chunksOf, fileChunkBytes, readFileRangeSync } from "./file-range.js";

/** Where the buffer-cache state lives: in this thread, or behind the disk owner's FIFOs. */
export interface BufferCacheBackend {
  lookup(key: string, size: number): LookupOutcome;
  isResident(key: string, size: number): boolean;
  close(): void;
}

/** The buffer-cache key of chunk `index` of the file at `path`. */
function chunkKey(fileKey: string, index: number): string {
  return `${index}:${fileKey}`;
}

/** A `Disk` whose reads cost what `backend` says, chunk by chunk, spent blocking the calling thread. */
export function makeSimulatedDisk(backend: BufferCacheBackend): Disk {
  let closed = false;
  const counters: DiskStats = {
    kind: "sim",
    reads: 0,
    hits: 0,
    misses: 0,
    joins: 0,
    residencyChecks: 0,
    bytesRead: 0,
    blockedMs: 0,
    simulatedWaitMs: 0,
  };
  const ensureOpen = (): void => {
    if (closed) throw new Error("simulated disk: used after close()");
  };
  /** Charges the chunks of [offset, offset + count) of a file of `fileSize` bytes, in order. */
  const charge = (fileKey: string, fileSize: number, offset: number, count: number): void => {
    const { first, last } = chunksOf(offset, count);
    for (let index = first; index <= last; index++) {
      const size = Math.min(fileChunkBytes, fileSize - index * fileChunkBytes);
      const { outcome, waitMs } = backend.lookup(chunkKey(fileKey, index), size);
      const waitStarted = performance.now();
      blockThreadFor(waitMs); // chunk after chunk: a sequential read pays each miss in turn
      counters.simulatedWaitMs += performance.now() - waitStarted;
      if (outcome === "hit") counters.hits! += 1;
      else if (outcome === "miss") counters.misses! += 1;
      else counters.joins! += 1;
    }
  };
  return {
    kind: "sim",
    readSync(path, offset, length, options) {
      ensureOpen();
      const started = performance.now();
      try {
        // The real read comes first, so a missing or changed file fails without charging (or filling) the cache.
        const bytes = readFileRangeSync(path, offset, length, options);
        const fileSize = options?.expected?.size ?? statSync(path).size;
        charge(cacheKeyOf(resolve(path)), fileSize, offset, bytes.length);
        counters.bytesRead += bytes.length;
        return bytes;
      } finally {
        counters.reads += 1;
        counters.blockedMs += performance.now() - started;
      }
    },
    isResident(path, offset, length) {
      ensureOpen();
      counters.residencyChecks += 1;
      const fileKey = cacheKeyOf(resolve(path));
      const { first, last } = chunksOf(offset, length);
      for (let index = first; index <= last; index++) {
        const size = Math.min(fileChunkBytes, offset + length - index * fileChunkBytes);
        if (!backend.isResident(chunkKey(fileKey, index), size)) return false;
      }
      return true;
    },
    stats: () => ({ ...counters }),
    close(): void {
      if (closed) return;
      closed = true;
      backend.close();
    },
  };
}
