/**
 * The simulated disk's state, with no I/O in it: an LRU buffer cache of file chunks, the misses in
 * flight, and (when parallelism is finite) which of the disk's lanes serves each miss. The disk owner
 * runs one of these for the whole server; a single-context disk can run one in-process.
 *
 * Model: the cache holds chunks (a key per file chunk, `fileChunkBytes` = 256 KB; a file up to that size
 * is one chunk). A chunk is resident once a read of it has completed. A read of a resident chunk is a
 * hit (wait 0). A read of a chunk whose access is still in flight joins it and waits for the rest of it,
 * as a reader of a locked page does. Otherwise it is a miss costing latency + size / bandwidth, started
 * on the lane that frees first. Capacity counts chunk bytes; the least recently used chunks go first
 * (the project's one LRU, `LruMap`).
 */
import { LruMap } from "./caches/lru-map.js";
import type { SimDiskParams } from "./disk.js";
import { bytesPerMB, missCostMs } from "./sim-options.js";

/** What a lookup found and how long the reader must wait, in ms from the lookup. */
export interface LookupOutcome {
  outcome: "hit" | "miss" | "join";
  waitMs: number;
}

/** Counters of the shared buffer cache. */
export interface BufferCacheStats {
  lookups: number;
  hits: number;
  misses: number;
  joins: number;
  residencyChecks: number;
  evictions: number;
  residentChunks: number;
  residentBytes: number;
  /** The most misses that were in flight at one time. */
  peakInFlight: number;
}

interface Entry {
  size: number;
  readyAt: number;
}

/** LRU buffer cache plus disk-lane schedule; time is passed in (ms on one monotonic clock). */
export class BufferCacheModel {
  private readonly entries: LruMap<Entry>;
  private readonly laneFreeAt: number[];
  private readonly inFlightEnds: number[] = [];
  private readonly counters = { lookups: 0, hits: 0, misses: 0, joins: 0, residencyChecks: 0, peakInFlight: 0 };

  constructor(private readonly params: SimDiskParams) {
    this.entries = new LruMap<Entry>({ maxBytes: params.cacheMB * bytesPerMB });
    this.laneFreeAt = Number.isFinite(params.parallelism) ? new Array<number>(params.parallelism).fill(0) : [];
  }

  /** A read of chunk `key` (`size` bytes) at time `now`: hit, join an in-flight access, or start a miss. */
  lookup(key: string, size: number, now: number): LookupOutcome {
    this.counters.lookups += 1;
    const entry = this.entries.get(key); // a use: now the most recently used
    if (entry && entry.size === size) {
      if (entry.readyAt <= now) {
        this.counters.hits += 1;
        return { outcome: "hit", waitMs: 0 };
      }
      this.counters.joins += 1;
      return { outcome: "join", waitMs: entry.readyAt - now };
    }
    if (entry) this.entries.delete(key); // the chunk changed size (the file changed): its cached copy is stale
    this.counters.misses += 1;
    const readyAt = this.schedule(missCostMs(this.params, size), now);
    this.entries.set(key, { size, readyAt }, size); // not kept when larger than the whole cache
    return { outcome: "miss", waitMs: readyAt - now };
  }

  /** True when a read at `now` would be a hit. Does not change LRU order, as mincore() does not. */
  isResident(key: string, size: number, now: number): boolean {
    this.counters.residencyChecks += 1;
    const entry = this.entries.peek(key);
    return entry !== undefined && entry.size === size && entry.readyAt <= now;
  }

  /** A copy of the counters. */
  stats(): BufferCacheStats {
    return { ...this.counters, evictions: this.entries.evictions, residentChunks: this.entries.size, residentBytes: this.entries.bytes };
  }

  private schedule(costMs: number, now: number): number {
    let readyAt: number;
    if (this.laneFreeAt.length === 0) {
      readyAt = now + costMs;
    } else {
      let lane = 0;
      for (let index = 1; index < this.laneFreeAt.length; index++) {
        if (this.laneFreeAt[index]! < this.laneFreeAt[lane]!) lane = index;
      }
      readyAt = Math.max(now, this.laneFreeAt[lane]!) + costMs;
      this.laneFreeAt[lane] = readyAt;
    }
    this.trackInFlight(now, readyAt);
    return readyAt;
  }

  private trackInFlight(now: number, readyAt: number): void {
    const stillRunning = this.inFlightEnds.filter((end) => end > now);
    stillRunning.push(readyAt);
    this.inFlightEnds.splice(0, this.inFlightEnds.length, ...stillRunning);
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, stillRunning.length);
  }
}
