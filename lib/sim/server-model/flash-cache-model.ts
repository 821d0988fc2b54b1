/**
 * Flash's three application caches in one serving context of a simulated server, as lib/http builds them
 * for a real one (`createFlashCaches`): the pathname translation cache (valid for a while, then looked up
 * again, as the pipeline's `pathCacheValidMs`), the response header cache, and the data cache of 256 KB
 * chunks bounded in bytes. Each is the project's `LruCache`; only what a hit saves matters to the model,
 * so entries hold a time (path) or nothing. A cache that is off always misses.
 */
import { LruCache } from "../../storage/index.js";
import { chunkKey, fileKey } from "./chunk-keys.js";

export interface FlashCacheModelOptions {
  path: boolean;
  header: boolean;
  data: boolean;
  /** The data cache's capacity, bytes. */
  dataBytes: number;
  /** Most entries of the path and header caches (lib/http's default: 10,000). */
  maxEntries: number;
  /** A path translation older than this is done again, ms (lib/http's default: 1,000). */
  pathValidMs: number;
}

/** Flash's caches of one context: each lookup says whether it hit, and keeps the entry. */
export class FlashCacheModel {
  readonly pathCache: LruCache<number> | undefined;
  readonly headerCache: LruCache<true> | undefined;
  readonly dataCache: LruCache<true> | undefined;

  constructor(private readonly options: FlashCacheModelOptions) {
    this.pathCache = options.path ? new LruCache<number>({ maxEntries: options.maxEntries }) : undefined;
    this.headerCache = options.header ? new LruCache<true>({ maxEntries: options.maxEntries }) : undefined;
    this.dataCache = options.data && options.dataBytes > 0 ? new LruCache<true>({ maxBytes: options.dataBytes }) : undefined;
  }

  /** The translate-path step for `file` at `nowMs`: true when a valid cached translation was found. */
  translatePath(file: number, nowMs: number): boolean {
    const cache = this.pathCache;
    if (cache === undefined) return false;
    const key = fileKey(file);
    const checkedAt = cache.get(key);
    if (checkedAt !== undefined && nowMs - checkedAt < this.options.pathValidMs) return true;
    cache.set(key, nowMs);
    return false;
  }

  /** The compute-header step: true when the header was cached. */
  computeHeader(file: number): boolean {
    const cache = this.headerCache;
    if (cache === undefined) return false;
    const key = fileKey(file);
    if (cache.get(key) !== undefined) return true;
    cache.set(key, true);
    return false;
  }

  /** The read-file step's first look: true when the data cache holds chunk `chunk` of `file`. */
  readChunk(file: number, chunk: number): boolean {
    return this.dataCache?.get(chunkKey(file, chunk)) !== undefined;
  }

  /** Keeps a chunk just read in the data cache (when it is on). */
  keepChunk(file: number, chunk: number, bytes: number): void {
    this.dataCache?.set(chunkKey(file, chunk), true, bytes);
  }
}
