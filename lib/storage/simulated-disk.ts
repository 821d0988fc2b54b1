/**
 * The part of the simulated disk that runs in the reading context, whoever keeps the cache state: read
 * the real file, ask the buffer cache what that read costs, and block this thread for it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { blockThreadFor } from "./block-thread.js";
import type { LookupOutcome } from "./buffer-cache-model.js";
import { cacheKeyOf } from "./disk-protocol.js";
import type { Disk, DiskStats } from "./disk.js";

/** Where the buffer-cache state lives: in this thread, or behind the disk owner's FIFOs. */
export interface BufferCacheBackend {
  lookup(key: string, size: number): LookupOutcome;
  isResident(key: string, size: number): boolean;
  close(): void;
}

/** A `Disk` whose reads cost what `backend` says, spent blocking the calling thread. */
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
  return {
    kind: "sim",
    readFileSync(path: string, size: number): Buffer {
      ensureOpen();
      const started = performance.now();
      try {
        // The real read comes first, so a missing file fails without charging (or filling) the cache.
        const bytes = readFileSync(path);
        const { outcome, waitMs } = backend.lookup(cacheKeyOf(resolve(path)), size);
        const waitStarted = performance.now();
        blockThreadFor(waitMs);
        counters.simulatedWaitMs += performance.now() - waitStarted;
        if (outcome === "hit") counters.hits! += 1;
        else if (outcome === "miss") counters.misses! += 1;
        else counters.joins! += 1;
        counters.bytesRead += bytes.length;
        return bytes;
      } finally {
        counters.reads += 1;
        counters.blockedMs += performance.now() - started;
      }
    },
    isResident(path: string, size: number): boolean {
      ensureOpen();
      counters.residencyChecks += 1;
      return backend.isResident(cacheKeyOf(resolve(path)), size);
    },
    stats: () => ({ ...counters }),
    close(): void {
      if (closed) return;
      closed = true;
      backend.close();
    },
  };
}
