/**
 * A simulated disk for one execution context only: the buffer-cache state lives in the calling thread,
 * with no IPC. Right for a single-threaded process (SPED) or a notebook; servers with several contexts
 * share one cache through `createDiskOwner` instead.
 */
import { BufferCacheModel, type BufferCacheStats } from "./buffer-cache-model.js";
import type { Disk } from "./disk.js";
import { type SimDiskOptions, validateSimDiskOptions } from "./sim-options.js";
import { makeSimulatedDisk } from "./simulated-disk.js";

/** A `Disk` plus the statistics of its private buffer cache. */
export interface LocalSimulatedDisk extends Disk {
  cacheStats(): BufferCacheStats;
}

/** A simulated disk whose buffer cache is private to the calling context. Validates `options`. */
export function createLocalSimulatedDisk(options: SimDiskOptions = {}): LocalSimulatedDisk {
  const model = new BufferCacheModel(validateSimDiskOptions(options));
  const disk = makeSimulatedDisk({
    lookup: (key, size) => model.lookup(key, size, performance.now()),
    isResident: (key, size) => model.isResident(key, size, performance.now()),
    close: () => undefined,
  });
  return Object.assign(disk, { cacheStats: () => model.stats() });
}
