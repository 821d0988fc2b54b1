/**
 * The asymmetric event-driven server (Flash's AMPED, and AMTED): one event loop runs every step of the
 * pipeline for every connection, except the disk reads that would block. Before reading, the loop
 * asks whether the data is already in memory (the pipeline's data cache first, then the disk's
 * non-blocking residency test, Flash's mincore()). A hit is read at once; a miss, or a disk that cannot
 * tell (the real disk), goes to a helper, which blocks in its place and brings the data into the
 * buffer cache; the loop then reads it without waiting. AMPED's helpers are processes, AMTED's threads;
 * only `startHelper` differs.
 *
 * As with Flash's mincore() test, residency can change between the helper's read and the loop's: on a
 * simulated buffer cache too small to keep the file (0 MB, or a file larger than the cache), the loop's
 * own read misses again and blocks the loop. The per-context disk stats show it (the loop's misses).
 */
import type { Disk, DiskHandle } from "../storage/index.js";
import type { ArchitectureReport, RunningArchitecture } from "./architecture.js";
import { startEventLoopServer } from "./event-loop-server.js";
import { HelperPool } from "./helper-pool.js";
import type { FileSource } from "./serving-context.js";
import type { ServerConfig } from "./types.js";

/** The file source of the asymmetric loop: resident data is read in the loop, misses go to helpers. */
function helpedSource(disk: Disk, helpers: HelperPool): FileSource {
  return {
    name: `${disk.kind}-disk-helped`,
    read(file) {
      if (disk.isResident(file.path, file.size) === true) {
        helpers.countResidentHit();
        return disk.readFileSync(file.path, file.size);
      }
      // The helper blocks on the miss; afterwards the data is resident and this read does not wait
      // (unless it was evicted in between, as a page could be after Flash's mincore()).
      return helpers.read(file.path, file.size).then(() => disk.readFileSync(file.path, file.size));
    },
  };
}

/** Starts the loop in this process with `config.helpers` helpers, processes (AMPED) or threads (AMTED). */
export async function startAsymmetricServer(config: ServerConfig, diskHandle: DiskHandle, helperKind: "process" | "thread"): Promise<RunningArchitecture> {
  const helpers = new HelperPool(helperKind, config, diskHandle);
  let loop;
  try {
    await helpers.start(config.helpers);
    loop = await startEventLoopServer(config, diskHandle, {
      port: config.port,
      reusePort: false,
      source: (disk) => helpedSource(disk, helpers),
    });
  } catch (error) {
    await helpers.stop();
    throw error;
  }
  const running = loop;
  return {
    port: running.port,
    async report(): Promise<ArchitectureReport> {
      const own = running.report("event-loop");
      const helperReport = await helpers.report();
      return {
        contexts: [...own.contexts, ...helperReport.contexts],
        counters: own.counters,
        disks: [...own.disks, ...helperReport.disks],
        helpers: helpers.stats(),
        replacedWorkers: 0,
        departedContexts: 0,
      };
    },
    async stop(graceMs) {
      await running.stop(graceMs);
      await helpers.stop();
    },
  };
}
