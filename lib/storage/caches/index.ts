/**
 * Flash's application-level caches: pathname translation, response header and data (mapped-file)
 * caches, built per execution context by `createFlashCaches` and consulted by the request pipeline.
 */
export { LruCache } from "./lru-cache.js";
export type { LruCacheLimits } from "./lru-cache.js";
export { createFlashCaches, defaultFlashCacheOptions } from "./flash-caches.js";
export type { FlashCacheOptions } from "./flash-caches.js";
