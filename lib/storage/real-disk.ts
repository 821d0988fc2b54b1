/**
 * The real file system as a `Disk`: `readSync` is a real open + pread, so it blocks the calling thread
 * exactly as long as the OS takes (page-cache hit or a real disk access). Residency is unknown.
 */
import type { Disk, DiskStats } from "./disk.js";
import { readFileRangeSync } from "./file-range.js";

/** A real-disk `Disk` for this context; `kind` is "cold" when the page cache was dropped for the run. */
export function openRealDisk(kind: "real" | "cold" = "real"): Disk {
  let closed = false;
  const counters: DiskStats = {
    kind,
    reads: 0,
    hits: null,
    misses: null,
    joins: null,
    residencyChecks: 0,
    bytesRead: 0,
    blockedMs: 0,
    simulatedWaitMs: 0,
  };
  const ensureOpen = (): void => {
    if (closed) throw new Error(`${kind} disk: used after close()`);
  };
  return {
    kind,
    readSync(path, offset, length, options) {
      ensureOpen();
      const started = performance.now();
      try {
        const bytes = readFileRangeSync(path, offset, length, options);
        counters.bytesRead += bytes.length;
        return bytes;
      } finally {
        counters.reads += 1;
        counters.blockedMs += performance.now() - started;
      }
    },
    isResident() {
      ensureOpen();
      counters.residencyChecks += 1;
      return undefined;
    },
    stats: () => ({ ...counters }),
    close(): void {
      closed = true;
    },
  };
}
