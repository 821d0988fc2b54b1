/**
 * What the pipeline keeps in Flash's three application caches (pathname translation, response header,
 * mapped-file data), and the shape it sees them through: get/set/delete and counters (`LookupCache`,
 * implemented by lib/storage's `LruCache`). A cache that is switched off is simply absent.
 */
import type { CacheCounters, FileVersion, LookupCache } from "../storage/index.js";
import type { ResolvedFile } from "./resolved-file.js";

export type { CacheCounters, LookupCache };

/** A cached translation, and when (performance.now() of this context) the file was last looked up. */
export interface CachedTranslation {
  readonly file: ResolvedFile;
  readonly checkedAt: number;
}

/** A response header computed for one version of a file (same path, size and mtime). */
export interface CachedHeaderFields {
  size: number;
  mtimeMs: number;
  /** "Content-Type: …\r\nContent-Length: …\r\nLast-Modified: …\r\n" */
  bytes: Buffer;
}

/** One chunk of a file's content, as read for one version of the file. */
export interface CachedChunk {
  readonly version: FileVersion;
  readonly data: Buffer;
}

/** The caches a pipeline uses; each one is optional (absent = switched off). */
export interface PipelineCaches {
  /** Decoded, normalized URL path ("/a/b.html") → the file it names (Flash's pathname translation cache). */
  path?: LookupCache<CachedTranslation>;
  /** Real file path → its header fields (the response header cache). */
  header?: LookupCache<CachedHeaderFields>;
  /** Chunk of a real file (`dataCacheKey`) → its bytes (the mapped-file cache, holding 256 KB chunks). */
  data?: LookupCache<CachedChunk>;
}

/** The data cache's key of chunk `index` of the file at `path` (chunk 0 is the path itself; no path holds a NUL). */
export function dataCacheKey(path: string, index: number): string {
  return index === 0 ? path : `${path}\0${index}`;
}

/** The names of the pipeline's caches, as they appear in stats. */
export const pipelineCacheNames = ["path", "header", "data"] as const;
export type PipelineCacheName = (typeof pipelineCacheNames)[number];
