/**
 * The project's LRU: `LruMap` (bounded by entries and by bytes) and `LruCache` (the same, counting hits
 * and misses). The simulated disk's buffer cache and Flash's application caches (lib/http) use them.
 */
export { LruMap } from "./lru-map.js";
export type { LruLimits } from "./lru-map.js";
export { LruCache } from "./lru-cache.js";
export type { LruCacheLimits, CacheCounters, LookupCache } from "./lru-cache.js";
