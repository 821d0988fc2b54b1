/**
 * The simulated server's disk: lib/storage's pure `BufferCacheModel` (an LRU buffer cache of 256 KB
 * chunks, misses scheduled on the disk's arms in FIFO order, a reader of a chunk in flight joining it)
 * on the simulator's clock, plus the counters the results report: reads, hits, misses, and the time the
 * arms were busy (utilization).
 */
import { BufferCacheModel, missCostMs, type SimDiskParams } from "../../storage/index.js";
import type { DiscreteEventSimulator } from "../simulator.js";
import { chunkKey } from "./chunk-keys.js";

export class ModelDisk {
  private readonly cache: BufferCacheModel;
  private reads = 0;
  private hits = 0;
  private misses = 0;
  private joins = 0;
  private busyMs = 0;
  private windowStartMs = 0;

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    readonly params: SimDiskParams,
  ) {
    this.cache = new BufferCacheModel(params);
  }

  /** A blocking read of chunk `chunk` (`bytes` long) of `file` now: how long the reader waits, ms (0 on a hit). */
  read(file: number, chunk: number, bytes: number): number {
    const outcome = this.cache.lookup(chunkKey(file, chunk), bytes, this.simulator.nowMs);
    this.reads++;
    if (outcome.outcome === "hit") this.hits++;
    else if (outcome.outcome === "join") this.joins++;
    else {
      this.misses++;
      this.busyMs += missCostMs(this.params, bytes);
    }
    return outcome.waitMs;
  }

  /** Flash's mincore(): would a read now be a hit? (Does not change the LRU order.) */
  isResident(file: number, chunk: number, bytes: number): boolean {
    return this.cache.isResident(chunkKey(file, chunk), bytes, this.simulator.nowMs);
  }

  /** Restarts the counters (warm-up removal); the cache keeps its contents. */
  resetStatistics(): void {
    this.reads = 0;
    this.hits = 0;
    this.misses = 0;
    this.joins = 0;
    this.busyMs = 0;
    this.windowStartMs = this.simulator.nowMs;
  }

  /** Counters since the start or the last reset. `utilization`: miss time over arm time (per arm; NaN with unlimited arms). */
  statistics(): { reads: number; hits: number; misses: number; joins: number; missRatio: number; utilization: number; meanMissesInFlight: number } {
    const elapsed = this.simulator.nowMs - this.windowStartMs;
    const meanMissesInFlight = elapsed > 0 ? this.busyMs / elapsed : Number.NaN;
    return {
      reads: this.reads,
      hits: this.hits,
      misses: this.misses,
      joins: this.joins,
      missRatio: this.reads === 0 ? Number.NaN : this.misses / this.reads,
      // Misses can be booked ahead of their arm's time, so a saturated disk may read slightly above 1 over a window.
      utilization: Number.isFinite(this.params.parallelism) ? meanMissesInFlight / this.params.parallelism : Number.NaN,
      meanMissesInFlight,
    };
  }
}
