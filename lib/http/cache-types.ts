/**
 * The shape of the application caches the pipeline consults (Flash's pathname translation, response
 * header and mapped-file caches). The pipeline only needs get/set and counters; lib/storage/caches
 * implements them (LRU, size-limited). A cache that is switched off is simply absent.
 */
import type { ResolvedFile } from "./resolved-file.js";

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

/** A response header computed for one version of a file (same path, size and mtime). */
export interface CachedHeaderFields {
  size: number;
  mtimeMs: number;
  /** "Content-Type: …\r\nContent-Length: …\r\nLast-Modified: …\r\n" */
  bytes: Buffer;
}

/** A file's content as read for one version of the file. */
export interface CachedFileData {
  size: number;
  mtimeMs: number;
  data: Buffer;
}

/** The caches a pipeline uses; each one is optional (absent = switched off). */
export interface PipelineCaches {
  /** URL path (query stripped, not yet decoded) → the file it names. */
  path?: LookupCache<ResolvedFile>;
  /** Real file path → its header fields. */
  header?: LookupCache<CachedHeaderFields>;
  /** Real file path → its content (the mapped-file cache). */
  data?: LookupCache<CachedFileData>;
}

/** The names of the pipeline's caches, as they appear in stats. */
export const pipelineCacheNames = ["path", "header", "data"] as const;
export type PipelineCacheName = (typeof pipelineCacheNames)[number];
