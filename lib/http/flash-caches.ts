/**
 * Flash's application-level caches for one execution context, each switchable: the pathname
 * translation cache (normalized URL path → file), the response header cache (file → header fields) and
 * the data cache (file chunks → bytes, Flash's mapped-file cache: LRU, limited in bytes). Each context
 * builds its own set (MP's caches are per process, as in the paper); pass the result as `caches` to
 * `createPipeline`. All three are lib/storage's `LruCache`.
 */
import { LruCache } from "../storage/index.js";
import type { CachedChunk, CachedHeaderFields, CachedTranslation, PipelineCaches } from "./cache-types.js";

/** Which caches to build, and their sizes. */
export interface FlashCacheOptions {
  /** Pathname translation cache. Default true. */
  pathCache?: boolean;
  /** Response header cache. Default true. */
  headerCache?: boolean;
  /** Data (mapped-file) cache. Default true. */
  dataCache?: boolean;
  /** Capacity of the data cache in bytes. Default 64 MiB. */
  dataCacheBytes?: number;
  /** Most entries in the path and header caches. Default 10 000. */
  maxEntries?: number;
}

/** Defaults of `createFlashCaches`. */
export const defaultFlashCacheOptions: Readonly<Required<FlashCacheOptions>> = {
  pathCache: true,
  headerCache: true,
  dataCache: true,
  dataCacheBytes: 64 * 1024 * 1024,
  maxEntries: 10_000,
};

/** Builds the caches that `options` switches on (all three by default). Throws RangeError on a bad size. */
export function createFlashCaches(options: FlashCacheOptions = {}): PipelineCaches {
  const settings = { ...defaultFlashCacheOptions, ...options };
  const caches: PipelineCaches = {};
  if (settings.pathCache) caches.path = new LruCache<CachedTranslation>({ maxEntries: settings.maxEntries });
  if (settings.headerCache) caches.header = new LruCache<CachedHeaderFields>({ maxEntries: settings.maxEntries });
  if (settings.dataCache) caches.data = new LruCache<CachedChunk>({ maxBytes: settings.dataCacheBytes });
  return caches;
}
