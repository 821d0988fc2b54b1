/**
 * A least-recently-used cache that counts its hits, misses and evictions: an `LruMap` plus counters.
 * Flash's three application caches (lib/http/flash-caches.ts) are instances of it; the request pipeline
 * sees it through the `LookupCache` interface.
 */
import { LruMap, type LruLimits } from "./lru-map.js";

/** Hit and miss counts of one cache, plus its size. JSON-able and summable. */
export interface CacheCounters {
  hits: number;
  misses: number;
  /** Entries held now. */
  entries: number;
  /** Bytes held now (the sum of the weights given to `set`). */
  bytes: number;
  evictions: number;
}

/** A keyed cache that counts its own hits and misses. */
export interface LookupCache<V> {
  /** The value for `key` (a hit, and now most recently used) or undefined (a miss). */
  get(key: string): V | undefined;
  /** Stores `value` under `key`, weighing `bytes` against the cache's byte limit (default 1). */
  set(key: string, value: V, bytes?: number): void;
  /** Forgets `key` (used when an entry turns out to be stale). */
  delete(key: string): void;
  counters(): CacheCounters;
  /** Zeroes hits, misses and evictions, keeping the entries. */
  resetCounters(): void;
  /** Empties the cache and zeroes its counters. */
  clear(): void;
}

/** Limits of an `LruCache` (see `LruLimits`). */
export type LruCacheLimits = LruLimits;

/** An LRU cache bounded in entries and bytes, counting hits, misses and evictions. */
export class LruCache<V> implements LookupCache<V> {
  private readonly store: LruMap<V>;
  private hits = 0;
  private misses = 0;

  /** Throws a RangeError when a limit is out of range. */
  constructor(limits: LruCacheLimits = {}) {
    this.store = new LruMap<V>(limits);
  }

  /** The value for `key` (counted as a hit, and now most recently used), or undefined (a miss). */
  get(key: string): V | undefined {
    const value = this.store.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  /** Stores `value` (see `LruMap.set`: a value heavier than the byte limit is not kept). */
  set(key: string, value: V, bytes = 1): void {
    this.store.set(key, value, bytes);
  }

  delete(key: string): void {
    this.store.delete(key);
  }

  /** True when `key` is cached; does not count as a hit or miss, nor change the order. */
  has(key: string): boolean {
    return this.store.has(key);
  }

  counters(): CacheCounters {
    return { hits: this.hits, misses: this.misses, entries: this.store.size, bytes: this.store.bytes, evictions: this.store.evictions };
  }

  resetCounters(): void {
    this.hits = 0;
    this.misses = 0;
    this.store.resetEvictions();
  }

  clear(): void {
    this.store.clear();
    this.resetCounters();
  }
}
