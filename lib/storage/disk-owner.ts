/**
 * The server's disk, created once in the server's top process. For the simulated disk this starts the
 * owner thread that keeps the one shared buffer cache, and a private directory for the FIFOs; for the
 * real disks it only makes the handle (and, for "cold", drops the page cache first). Every context then
 * opens the handle with `openDisk`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { compiledModule } from "../runtime/paths.js";
import type { BufferCacheStats } from "./buffer-cache-model.js";
import {
  type DiskOwnerThreadData,
  type DiskOwnerThreadMessage,
  ownerState,
  ownerStatsFields,
} from "./owner-thread-contract.js";
import type { DiskHandle, SimDiskParams } from "./disk.js";
import { closeQuietly } from "./quiet-fs.js";
import { dropPageCache, type PageCacheDropResult } from "./page-cache.js";
import { type SimDiskOptions, validateSimDiskOptions } from "./sim-options.js";

/** Which disk a server runs on. */
export type DiskOptions =
  | { kind: "real" }
  | { kind: "cold"; dropPageCache?: () => PageCacheDropResult }
  | ({ kind: "sim" } & SimDiskOptions);

/** The shared buffer cache's counters as its owner sees them, plus connected client contexts. */
export type SharedBufferCacheStats = BufferCacheStats & { clients: number };

/** The top process's side of the server's disk. */
export interface DiskOwner {
  /** Pass this to every context (workerData, argv/env via encodeDiskHandle, IPC) and call `openDisk` there. */
  readonly handle: DiskHandle;
  /** One line for logs: the disk and its parameters, or why cold-cache mode was skipped. */
  readonly description: string;
  /** The shared buffer cache's counters (simulated disk only; undefined for real disks). */
  cacheStats(): SharedBufferCacheStats | undefined;
  /** Stops the owner: clients then get a clear "owner closed" error; removes the FIFO directory. */
  close(): Promise<void>;
}

/** Creates the server's disk in the top process. Throws `DiskOptionsError` for bad simulated-disk parameters. */
export function createDiskOwner(options: DiskOptions): DiskOwner {
  switch (options.kind) {
    case "real":
      return realOwner({ kind: "real" }, "real disk (the OS page cache as it is)");
    case "cold": {
      const result = (options.dropPageCache ?? dropPageCache)();
      return result.dropped
        ? realOwner({ kind: "cold", pageCacheDropped: true }, "real disk, page cache dropped before the run (cold)")
        : realOwner(
            { kind: "cold", pageCacheDropped: false, reason: result.reason },
            `cold-cache mode skipped: ${result.reason}; running on the real disk with a warm page cache`,
          );
    }
    case "sim": {
      const { kind: _kind, ...simOptions } = options;
      return startSimulatedDiskOwner(validateSimDiskOptions(simOptions));
    }
    default:
      throw new Error(`unknown disk kind ${JSON.stringify((options as { kind: unknown }).kind)}; accepted: real, cold, sim`);
  }
}

function realOwner(handle: DiskHandle, description: string): DiskOwner {
  return { handle, description, cacheStats: () => undefined, close: async () => undefined };
}

/** A human-readable summary of simulated-disk parameters. */
export function describeSimDisk(params: SimDiskParams): string {
  const overlap = params.parallelism === Infinity ? "misses overlap freely" : `at most ${params.parallelism} misses at once`;
  return (
    `simulated disk: ${params.latencyMs} ms per chunk miss + size at ${params.bandwidthMBps} MB/s, ` +
    `${params.cacheMB} MB LRU buffer cache shared by all contexts, ${overlap}`
  );
}

const fifoDirectoryPrefix = "flashlab-disk-";

/**
 * Removes FIFO directories left by owners whose process died by a signal (no exit hook ran). The owner's
 * PID is part of the name; a directory is removed only when no process has that PID any more.
 */
function removeStaleFifoDirectories(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^flashlab-disk-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processExists(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, but someone else's
  }
}

function startSimulatedDiskOwner(params: SimDiskParams): DiskOwner {
  removeStaleFifoDirectories();
  const directory = mkdtempSync(join(tmpdir(), `${fifoDirectoryPrefix}${process.pid}-`));
  const removeDirectory = (): void => rmSync(directory, { recursive: true, force: true });
  process.once("exit", removeDirectory);
  const requestFifo = join(directory, "requests");
  let requestFd: number;
  try {
    execFileSync("mkfifo", ["-m", "600", requestFifo]);
    // Read-write, so the owner never sees EOF between clients and the open never waits for a writer.
    requestFd = openSync(requestFifo, "r+");
  } catch (error) {
    removeDirectory();
    throw new Error(`simulated disk needs POSIX FIFOs (mkfifo): ${(error as Error).message}`);
  }
  const statsBuffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * ownerStatsFields.length);
  const workerData: DiskOwnerThreadData = { requestFd, params, statsBuffer };
  // No inherited flags: "--input-type" (node -e) would stop the thread from loading its file.
  const worker = new Worker(compiledModule("storage/disk-owner-thread"), { workerData, execArgv: [] });
  const sharedStats = new Float64Array(statsBuffer);
  const stateOf = (): number => sharedStats[ownerStatsFields.indexOf("state")] ?? ownerState.starting;

  // The owner opens reply FIFOs in this process and closes them itself when it stops or fails. Should
  // its thread die before it could, they are closed here, so clients see EOF instead of waiting forever.
  // A thread that never started listening leaves the request FIFO open too: close it, clients get EPIPE.
  const replyFds = new Set<number>();
  worker.on("message", (message: DiskOwnerThreadMessage) => {
    if ("opened" in message) replyFds.add(message.opened);
    else replyFds.delete(message.closed);
  });
  worker.on("error", (error) => console.error(`flashlab: the simulated disk's owner thread failed: ${error.message}`));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.unref(); // after adding listeners, which would ref it again: the owner never keeps the process alive
  void exited.then(() => {
    if (stateOf() === ownerState.starting) closeQuietly(requestFd);
    if (stateOf() !== ownerState.stopped) for (const fd of replyFds) closeQuietly(fd);
    replyFds.clear();
  });

  let closing: Promise<void> | undefined;
  return {
    handle: { kind: "sim", directory, requestFifo, params },
    description: describeSimDisk(params),
    cacheStats() {
      const slots = ownerStatsFields.map((field, index) => [field, sharedStats[index] ?? 0] as const);
      return Object.fromEntries(slots.filter(([field]) => field !== "state")) as unknown as SharedBufferCacheStats;
    },
    close() {
      closing ??= (async () => {
        worker.postMessage("close");
        const timeout = setTimeout(() => void worker.terminate(), 2000);
        await exited;
        clearTimeout(timeout);
        removeDirectory();
        process.removeListener("exit", removeDirectory);
      })();
      return closing;
    },
  };
}
