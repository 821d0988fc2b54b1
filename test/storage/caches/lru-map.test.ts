// The project's one LRU (behind the buffer-cache model and Flash's caches): order, peeking, limits by
// entries and by bytes, and the eviction count.
import { describe, expect, it } from "vitest";
import { LruMap } from "../../../lib/storage/caches/index.js";

describe("LruMap", () => {
  it("evicts the least recently used entry; get refreshes, peek does not", () => {
    const map = new LruMap<string>({ maxEntries: 2 });
    map.set("a", "A");
    map.set("b", "B");
    expect(map.peek("a")).toBe("A"); // a stays the oldest
    map.set("c", "C");
    expect([map.has("a"), map.has("b"), map.has("c")]).toEqual([false, true, true]);
    expect(map.get("b")).toBe("B"); // now c is the oldest
    map.set("d", "D");
    expect([map.has("b"), map.has("c"), map.has("d")]).toEqual([true, false, true]);
    expect(map.evictions).toBe(2);
  });

  it("keeps the total weight within maxBytes, refuses an entry heavier than it, and keeps nothing at 0", () => {
    const map = new LruMap<number>({ maxBytes: 100 });
    expect(map.set("a", 1, 60)).toBe(true);
    map.set("b", 2, 30);
    map.set("c", 3, 30); // 120 > 100: a goes
    expect(map.has("a")).toBe(false);
    expect(map.bytes).toBe(60);
    expect(map.set("heavy", 4, 101)).toBe(false);
    expect(map.bytes).toBe(60);
    const none = new LruMap<number>({ maxBytes: 0 });
    expect(none.set("x", 1, 1)).toBe(false);
    expect(none.size).toBe(0);
  });

  it("replaces a key without counting an eviction; delete and clear are not evictions either", () => {
    const map = new LruMap<string>({ maxBytes: 100 });
    map.set("a", "A", 60);
    map.set("a", "A2", 70);
    expect([map.size, map.bytes, map.evictions]).toEqual([1, 70, 0]);
    expect(map.delete("a")).toBe(true);
    expect(map.delete("a")).toBe(false);
    map.set("b", "B", 10);
    map.clear();
    expect([map.size, map.bytes, map.evictions]).toEqual([0, 0, 0]);
  });

  it("rejects limits out of range", () => {
    expect(() => new LruMap({ maxEntries: 0 })).toThrow(/maxEntries must be at least 1/);
    expect(() => new LruMap({ maxBytes: -1 })).toThrow(/maxBytes must be 0 or more/);
  });
});
