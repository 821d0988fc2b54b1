/**
 * Flash's residency test, pass by pass (lecture §18). Before reading a chunk, Flash asked the kernel
 * whether its pages were in memory (mincore()): if so the event loop read it itself, if not a helper
 * did. flashlab's AMPED and AMTED ask twice: first Flash's own data cache (a hit needs no read at all),
 * then the simulated disk's non-blocking residency check (`isResident`, the buffer cache's answer); only
 * a chunk in neither goes to a helper.
 *
 * Each pass requests every file once, one after the other, on a fresh connection, and reports what the
 * server's counters say happened in that pass: data-cache hits and misses, reads the loop served itself
 * because the disk said the chunk was in memory (`residentHits`), reads sent to a helper (`dispatches`),
 * and misses of the disk's buffer cache. On a fresh server the first pass finds nothing in memory.
 */
import { startServer } from "../servers/start-server.js";
import type { ServerOptions, ServerStats } from "../servers/types.js";
import { timedRequest } from "./timed-request.js";

export interface ResidencyPassesOptions {
  /** An AMPED or AMTED server on the simulated disk. */
  server: Omit<ServerOptions, "cpus">;
  /** The files to request, each once per pass. */
  paths: readonly string[];
  /** How many passes. Default 2. */
  passes?: number;
}

/** What one pass did (differences of the server's counters over the pass). */
export interface ResidencyPass {
  pass: number;
  requests: number;
  dataCacheHits: number;
  dataCacheMisses: number;
  /** Reads the loop served itself: the disk said the chunk was in memory. */
  residentHits: number;
  /** Reads sent to a helper. */
  helperDispatches: number;
  /** Misses of the simulated disk's buffer cache (the helpers' reads that really waited). */
  diskMisses: number;
  /** Mean time from connecting to the last byte, ms. */
  meanResponseMs: number;
}

function counters(stats: ServerStats) {
  return {
    dataCacheHits: stats.caches.data.hits,
    dataCacheMisses: stats.caches.data.misses,
    residentHits: stats.helpers?.residentHits ?? 0,
    helperDispatches: stats.helpers?.dispatches ?? 0,
    diskMisses: stats.disk.sharedCache?.misses ?? 0,
  };
}

/**
 * Starts the server, runs the passes, stops it. Throws unless the server is AMPED or AMTED on the
 * simulated disk (the only ones with a residency test whose answer can be counted), for a bad option,
 * or when a request does not get a 200.
 */
export async function measureResidencyPasses(options: ResidencyPassesOptions): Promise<ResidencyPass[]> {
  const { arch, disk } = options.server;
  if (arch !== "amped" && arch !== "amted") throw new Error(`the residency test is AMPED's and AMTED's; got ${arch}`);
  if (disk?.kind !== "sim") throw new Error("the residency test needs the simulated disk (disk: { kind: \"sim\", … }): the real disk cannot say what is in memory");
  const passes = options.passes ?? 2;
  if (!Number.isInteger(passes) || passes < 1) throw new RangeError(`passes must be a whole number ≥ 1; got ${passes}`);
  if (options.paths.length === 0) throw new RangeError("paths needs at least one file");
  const server = await startServer(options.server);
  try {
    const results: ResidencyPass[] = [];
    for (let pass = 1; pass <= passes; pass++) {
      const before = counters(await server.stats());
      let totalMs = 0;
      for (const path of options.paths) {
        const response = await timedRequest(server.port, { path });
        if (response.status !== 200) throw new Error(`pass ${pass}: ${path} got status ${response.status}`);
        totalMs += response.doneMs - response.startMs;
      }
      const after = counters(await server.stats());
      results.push({
        pass,
        requests: options.paths.length,
        dataCacheHits: after.dataCacheHits - before.dataCacheHits,
        dataCacheMisses: after.dataCacheMisses - before.dataCacheMisses,
        residentHits: after.residentHits - before.residentHits,
        helperDispatches: after.helperDispatches - before.helperDispatches,
        diskMisses: after.diskMisses - before.diskMisses,
        meanResponseMs: totalMs / options.paths.length,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}
