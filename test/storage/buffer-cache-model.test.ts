// The buffer-cache model on its own, with an explicit clock: LRU over chunks, joins, lanes, residency.
import { describe, expect, it } from "vitest";
import { BufferCacheModel } from "../../lib/storage/buffer-cache-model.js";
import { bytesPerMB, validateSimDiskOptions } from "../../lib/storage/sim-options.js";

const KB = 1024;
const model = (options: Parameters<typeof validateSimDiskOptions>[0]) => new BufferCacheModel(validateSimDiskOptions(options));

describe("buffer-cache model", () => {
  it("misses once, then hits; a concurrent reader joins the access in flight", () => {
    const cache = model({ latencyMs: 10, bandwidthMBps: Infinity, cacheMB: 1 });
    expect(cache.lookup("/a", KB, 0)).toEqual({ outcome: "miss", waitMs: 10 });
    expect(cache.isResident("/a", KB, 4)).toBe(false);
    expect(cache.lookup("/a", KB, 4)).toEqual({ outcome: "join", waitMs: 6 });
    expect(cache.isResident("/a", KB, 10)).toBe(true);
    expect(cache.lookup("/a", KB, 11)).toEqual({ outcome: "hit", waitMs: 0 });
    expect(cache.stats()).toMatchObject({ lookups: 3, hits: 1, misses: 1, joins: 1, residentChunks: 1, residentBytes: KB });
  });

  it("evicts the least recently used files at capacity", () => {
    const cache = model({ latencyMs: 1, bandwidthMBps: Infinity, cacheMB: 1 });
    const quarter = bytesPerMB / 4;
    for (const name of ["a", "b", "c", "d"]) cache.lookup(name, quarter, 0);
    cache.lookup("a", quarter, 5); // a becomes most recently used; b is now the oldest
    cache.isResident("b", quarter, 5); // a residency test does not refresh b
    cache.lookup("e", quarter, 5);
    expect(cache.isResident("b", quarter, 10)).toBe(false);
    for (const name of ["a", "c", "d", "e"]) expect(cache.isResident(name, quarter, 10)).toBe(true);
    expect(cache.stats()).toMatchObject({ evictions: 1, residentChunks: 4, residentBytes: bytesPerMB });
  });

  it("never keeps a chunk larger than the cache, and a zero-size cache keeps nothing", () => {
    const cache = model({ latencyMs: 1, bandwidthMBps: Infinity, cacheMB: 1 });
    cache.lookup("big", 2 * bytesPerMB, 0);
    expect(cache.lookup("big", 2 * bytesPerMB, 10).outcome).toBe("miss");
    const none = model({ latencyMs: 1, cacheMB: 0 });
    none.lookup("a", KB, 0);
    expect(none.lookup("a", KB, 10).outcome).toBe("miss");
  });

  it("treats a chunk size change as a changed file", () => {
    const cache = model({ latencyMs: 1, cacheMB: 1 });
    cache.lookup("a", KB, 0);
    expect(cache.lookup("a", 2 * KB, 10).outcome).toBe("miss");
    expect(cache.stats().residentBytes).toBe(2 * KB);
  });

  it("charges the bandwidth term", () => {
    const cache = model({ latencyMs: 2, bandwidthMBps: 1, cacheMB: 8 });
    expect(cache.lookup("a", bytesPerMB / 2, 0).waitMs).toBeCloseTo(502, 6);
  });

  it("overlaps misses freely by default and queues them on finite lanes", () => {
    const free = model({ latencyMs: 10, bandwidthMBps: Infinity, cacheMB: 1 });
    const waits = ["a", "b", "c"].map((name) => free.lookup(name, KB, 0).waitMs);
    expect(waits).toEqual([10, 10, 10]);
    expect(free.stats().peakInFlight).toBe(3);
    const two = model({ latencyMs: 10, bandwidthMBps: Infinity, cacheMB: 1, parallelism: 2 });
    expect(["a", "b", "c", "d", "e"].map((name) => two.lookup(name, KB, 0).waitMs)).toEqual([10, 10, 20, 20, 30]);
    expect(two.lookup("f", KB, 100).waitMs).toBe(10); // lanes idle again
  });
});
