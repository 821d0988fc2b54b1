/**
 * A least-recently-used cache with a limit on entries and on total weight (bytes), that counts its
 * hits, misses and evictions. Flash's three application caches are instances of it.
 *
 * A JavaScript Map keeps insertion order, so "most recently used" is "last inserted": a hit deletes and
 * re-inserts its key, and eviction takes the first key. Every operation runs in O(1) (amortised).
 */
import type { CacheCounters, LookupCache } from "../../http/cache-types.js";

/** Limits of an `LruCache`. */
export interface LruCacheLimits {
  /** Most entries kept. Default: no limit. */
  maxEntries?: number;
  /** Most total weight kept (the `bytes` given to `set`). Default: no limit. */
  maxBytes?: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
}

/** An LRU cache bounded in entries and bytes. */
export class LruCache<V> implements LookupCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private totalBytes = 0;
  /** The most recently used key: a hit on it needs no reordering. */
  private newestKey: string | undefined = undefined;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  /** Throws a RangeError when a limit is not a positive number. */
  constructor(limits: LruCacheLimits = {}) {
    this.maxEntries = limits.maxEntries ?? Number.POSITIVE_INFINITY;
    this.maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
    if (!(this.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1; got ${limits.maxEntries}.`);
    if (!(this.maxBytes > 0)) throw new RangeError(`maxBytes must be above 0; got ${limits.maxBytes}.`);
  }

  /** The value for `key` (counted as a hit, and now most recently used), or undefined (a miss). */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newestKey = key;
    }
    return entry.value;
  }

  /**
   * Stores `value` under `key` with weight `bytes` (default 1), evicting least recently used entries to
   * stay within the limits. A value heavier than `maxBytes` is not stored (and any old value is dropped).
   */
  set(key: string, value: V, bytes = 1): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.newestKey = key;
    this.totalBytes += bytes;
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) this.evictOldest();
  }

  /** Forgets `key` if present (not counted as an eviction). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    if (key === this.newestKey) this.newestKey = undefined;
  }

  /** True when `key` is cached; does not count as a hit or miss, nor change the order. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  counters(): CacheCounters {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.totalBytes, evictions: this.evictions };
  }

  resetCounters(): void {
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
  }

  clear(): void {
    this.entries.clear();
    this.newestKey = undefined;
    this.totalBytes = 0;
    this.resetCounters();
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done) return;
    this.delete(oldest.value);
    this.evictions++;
  }
}
