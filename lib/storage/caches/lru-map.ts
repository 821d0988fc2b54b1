/**
 * The one least-recently-used store of the project: a map bounded by its number of entries and by
 * their total weight (bytes), that evicts the least recently used entries to stay within both. The
 * simulated disk's buffer cache (buffer-cache-model.ts) and Flash's application caches (LruCache) are
 * built on it.
 *
 * A JavaScript Map keeps insertion order, so "most recently used" is "last inserted": a use deletes and
 * re-inserts its key, and eviction takes the first key. Every operation runs in O(1) (amortised).
 */

/** Limits of an `LruMap`. */
export interface LruLimits {
  /** Most entries kept (≥ 1). Default: no limit. */
  maxEntries?: number;
  /** Most total weight kept (≥ 0; 0 keeps nothing of positive weight). Default: no limit. */
  maxBytes?: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
}

/** A weighted LRU map. */
export class LruMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private totalBytes = 0;
  /** The most recently used key: using it again needs no reordering. */
  private newestKey: string | undefined = undefined;
  private evictionCount = 0;

  /** Throws a RangeError naming the limit when one is out of range. */
  constructor(limits: LruLimits = {}) {
    this.maxEntries = limits.maxEntries ?? Number.POSITIVE_INFINITY;
    this.maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
    if (!(this.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1; got ${limits.maxEntries}.`);
    if (!(this.maxBytes >= 0)) throw new RangeError(`maxBytes must be 0 or more; got ${limits.maxBytes}.`);
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Total weight held. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Entries evicted to respect the limits so far (not those deleted or replaced). */
  get evictions(): number {
    return this.evictionCount;
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newestKey = key;
    }
    return entry.value;
  }

  /** The value for `key` without changing the order (as mincore() does not touch a page). */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** True when `key` is held; does not change the order. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores `value` under `key` with weight `bytes` (default 1) as the most recently used, evicting the
   * least recently used entries to stay within the limits. A value heavier than `maxBytes` is not stored
   * (and any old value of the key is dropped): returns false then.
   */
  set(key: string, value: V, bytes = 1): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.newestKey = key;
    this.totalBytes += bytes;
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) this.evictOldest();
    return true;
  }

  /** Forgets `key` if held (not counted as an eviction); returns whether it was. */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
    if (key === this.newestKey) this.newestKey = undefined;
    return true;
  }

  /** Forgets every entry (the eviction count stays). */
  clear(): void {
    this.entries.clear();
    this.newestKey = undefined;
    this.totalBytes = 0;
  }

  /** Sets the eviction count back to 0. */
  resetEvictions(): void {
    this.evictionCount = 0;
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done) return;
    this.delete(oldest.value);
    this.evictionCount++;
  }
}
