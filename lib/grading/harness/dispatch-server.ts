/**
 * The server assignment's harness: a real event-loop server (flashlab's pipeline on a net listener, in
 * this thread) whose read-file step is the student's `HelperDispatch`, with real helper processes
 * (harness-helpers.ts) on the simulated disk, whose misses really block whoever reads. Students start
 * it from the notebook to try their dispatch; the grader starts it beside the submission.
 *
 *   const server = await startDispatchServer(createHelperDispatch, { docroot, missMs: 100, helpers: 2 });
 *   // … requests to server.url …
 *   const report = await server.stop();
 *
 * Flash's own data cache is off, so every read reaches the dispatch, and the only memory is the
 * simulated buffer cache that `disk.isResident` asks. The harness counts what the dispatch did: reads
 * it made in the loop that missed (each one stalled every connection), reads given to helpers, reads
 * refused because a helper was busy.
 */
import { performance } from "node:perf_hooks";
import { startPipelineServer, type FileSource } from "../../http/index.js";
import { createDiskOwner, fileChunkBytes, openDisk, type Disk } from "../../storage/index.js";
import type { DiskHelper, HelperDispatch, HelperDispatchFactory, LoopDisk } from "./amped-seam.js";
import { startHarnessHelpers, type HelperCounters } from "./harness-helpers.js";

export interface DispatchServerOptions {
  /** The folder of files to serve. */
  docroot: string;
  /** Time of one simulated disk miss, in ms (default 100). */
  missMs?: number;
  /** Helper processes (default 2). */
  helpers?: number;
  /** Buffer-cache size in MB (default 64). */
  cacheMB?: number;
  /** Files (absolute paths with their sizes) to bring into memory, whole, before serving. */
  warm?: Array<{ path: string; size: number }>;
  /** Hears of every read the server asks the dispatch for. */
  onRead?: (path: string) => void;
  /** Hears of every read handed to a helper. */
  onHelperRead?: (path: string, helper: number) => void;
  /** How long a response may wait for a read before the connection is closed (default 30 000 ms). */
  readTimeoutMs?: number;
}

export interface DispatchCounters extends HelperCounters {
  /** Reads the dispatch asked of the server's disk in the loop. */
  loopReads: number;
  /** Of those, reads of data not in memory: each one blocked the whole loop for a miss. */
  loopMisses: number;
}

export interface DispatchServerReport {
  counters: DispatchCounters;
  /** How long stop took, in ms. */
  stopMs: number;
}

export interface DispatchServer {
  readonly url: string;
  readonly port: number;
  counters(): DispatchCounters;
  /**
   * Shuts down as a server should: stops accepting, lets requests in progress finish (up to
   * `graceMs`, default 10 s) while the dispatch closes, then stops the helpers and the disk.
   */
  stop(graceMs?: number): Promise<DispatchServerReport>;
}

/** The loop's view of the disk, counting reads that block the loop. */
function countingLoopDisk(disk: Disk, counters: DispatchCounters): LoopDisk {
  return {
    isResident: (path, offset, length) => disk.isResident(path, offset, length) === true,
    readSync: (path, offset, length) => {
      counters.loopReads++;
      if (disk.isResident(path, offset, length) !== true) counters.loopMisses++;
      return disk.readSync(path, offset, length);
    },
  };
}

function checkDispatch(value: unknown): HelperDispatch {
  const dispatch = value as Partial<HelperDispatch> | null;
  if (dispatch === null || typeof dispatch !== "object" || typeof dispatch.read !== "function" || typeof dispatch.close !== "function") {
    throw new Error("the dispatch factory must return an object with read(file) and close() methods");
  }
  return dispatch as HelperDispatch;
}

/** Starts the harness server around the dispatch the factory builds. */
export async function startDispatchServer(factory: HelperDispatchFactory, options: DispatchServerOptions): Promise<DispatchServer> {
  const owner = createDiskOwner({ kind: "sim", latencyMs: options.missMs ?? 100, bandwidthMBps: 1000, cacheMB: options.cacheMB ?? 64 });
  const disk = openDisk(owner.handle);
  const counters: DispatchCounters = { loopReads: 0, loopMisses: 0, reads: 0, refusedBusy: 0, maxBusy: 0 };
  let helpers: Awaited<ReturnType<typeof startHarnessHelpers>> | undefined;
  const cleanUp = async () => {
    await helpers?.stop();
    disk.close();
    await owner.close();
  };
  try {
    for (const file of options.warm ?? []) {
      for (let offset = 0; offset < file.size; offset += fileChunkBytes) disk.readSync(file.path, offset, Math.min(fileChunkBytes, file.size - offset));
    }
    helpers = await startHarnessHelpers(options.helpers ?? 2, owner.handle, options.onHelperRead);
    const dispatch = checkDispatch(factory(countingLoopDisk(disk, counters), helpers.helpers as readonly DiskHelper[]));
    const source: FileSource = {
      name: "student-helper-dispatch",
      read(file, offset, length) {
        options.onRead?.(file.path);
        return dispatch.read({ path: file.path, size: file.size, offset, length });
      },
    };
    const server = await startPipelineServer({ docroot: options.docroot, source, timing: false, readTimeoutMs: options.readTimeoutMs ?? 30_000 });
    const running = helpers;
    const allCounters = (): DispatchCounters => ({ ...counters, ...running.counters });
    return {
      url: server.url,
      port: server.port,
      counters: allCounters,
      async stop(graceMs = 10_000) {
        const started = performance.now();
        const stopped = new Promise<void>((resolve) => server.server.close(() => resolve()));
        const [, closed] = await Promise.allSettled([server.pipeline.close(graceMs), Promise.resolve().then(() => dispatch.close())]);
        await stopped;
        await cleanUp();
        if (closed.status === "rejected") {
          const reason = closed.reason instanceof Error ? closed.reason.message : String(closed.reason);
          throw new Error(`the dispatch's close() failed: ${reason}`);
        }
        return { counters: allCounters(), stopMs: performance.now() - started };
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
