// The LRU cache behind Flash's caches: order, limits and counters.
import { describe, expect, it } from "vitest";
import { LruCache } from "../../../lib/storage/caches/index.js";

describe("LruCache", () => {
  it("counts hits and misses", () => {
    const cache = new LruCache<number>();
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", 1);
    expect(cache.get("a")).toBe(1);
    expect(cache.counters()).toEqual({ hits: 1, misses: 1, entries: 1, bytes: 1, evictions: 0 });
  });

  it("evicts the least recently used entry beyond maxEntries", () => {
    const cache = new LruCache<string>({ maxEntries: 2 });
    cache.set("a", "A");
    cache.set("b", "B");
    cache.get("a"); // b is now least recently used
    cache.set("c", "C");
    expect(cache.has("a")).toBe(true);
    expect(cache.has("b")).toBe(false);
    expect(cache.has("c")).toBe(true);
    expect(cache.counters().evictions).toBe(1);
  });

  it("keeps the total weight under maxBytes and refuses an entry heavier than the cache", () => {
    const cache = new LruCache<string>({ maxBytes: 100 });
    cache.set("a", "A", 60);
    cache.set("b", "B", 30);
    cache.set("c", "C", 30); // 120 > 100: evicts a
    expect(cache.has("a")).toBe(false);
    expect(cache.counters().bytes).toBe(60);
    cache.set("huge", "H", 101);
    expect(cache.has("huge")).toBe(false);
    expect(cache.counters().bytes).toBe(60);
  });

  it("replaces a key without double-counting its weight", () => {
    const cache = new LruCache<string>({ maxBytes: 100 });
    cache.set("a", "A", 60);
    cache.set("a", "A2", 70);
    expect(cache.counters()).toMatchObject({ entries: 1, bytes: 70, evictions: 0 });
    cache.delete("a");
    expect(cache.counters()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("resets counters but keeps entries; clear empties both", () => {
    const cache = new LruCache<number>();
    cache.set("a", 1);
    cache.get("a");
    cache.resetCounters();
    expect(cache.counters()).toMatchObject({ hits: 0, entries: 1 });
    cache.clear();
    expect(cache.counters()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("rejects nonsense limits", () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => new LruCache({ maxBytes: -1 })).toThrow(/maxBytes/);
  });
});
