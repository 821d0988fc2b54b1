// The simulated disk in one process: a miss really blocks the thread (a SPED-like loop stalls), LRU
// eviction and the bandwidth term through the real owner, and the same for the in-process variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiskOwner, type DiskOwner } from "../../lib/storage/disk-owner.js";
import type { Disk } from "../../lib/storage/disk.js";
import { createLocalSimulatedDisk } from "../../lib/storage/local-sim-disk.js";
import { openDisk } from "../../lib/storage/open-disk.js";
import { makeFiles } from "./probes.js";

const KB = 1024;
const files = makeFiles({ a: 400 * KB, b: 400 * KB, c: 400 * KB, half: 512 * KB, tiny: 8 * KB, x: 1000, y: 1000 });
afterAll(() => files.remove());

/** Runs a read with a timer and an immediate scheduled just before it; returns when each fired. */
async function loopStallDuring(read: () => void): Promise<{ timeoutAfter: number; immediateAfter: number; readMs: number }> {
  const started = performance.now();
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(performance.now() - started), 0));
  const immediate = new Promise<number>((resolve) => setImmediate(() => resolve(performance.now() - started)));
  read();
  const readMs = performance.now() - started;
  return { timeoutAfter: await timeout, immediateAfter: await immediate, readMs };
}

describe("simulated disk behind the owner thread", () => {
  let owner: DiskOwner;
  let disk: Disk;
  beforeAll(() => {
    owner = createDiskOwner({ kind: "sim", latencyMs: 50, bandwidthMBps: Infinity, cacheMB: 1 });
    disk = openDisk(owner.handle);
  });
  afterAll(async () => {
    disk.close();
    await owner.close();
  });

  it("stalls this thread's event loop for a 50 ms miss (SPED), not for a hit", async () => {
    const miss = await loopStallDuring(() => disk.readSync(files.path("x"), 0, 1000));
    expect(miss.readMs).toBeGreaterThanOrEqual(45);
    expect(miss.timeoutAfter).toBeGreaterThanOrEqual(45);
    expect(miss.immediateAfter).toBeGreaterThanOrEqual(45);
    const hit = await loopStallDuring(() => disk.readSync(files.path("x"), 0, 1000));
    expect(hit.readMs).toBeLessThan(25);
    expect(disk.stats()).toMatchObject({ reads: 2, hits: 1, misses: 1, bytesRead: 2000 });
    expect(disk.stats().simulatedWaitMs).toBeGreaterThanOrEqual(45);
  });

  it("answers residency without waiting for the disk", () => {
    const started = performance.now();
    expect(disk.isResident(files.path("y"), 0, 1000)).toBe(false);
    expect(disk.isResident(files.path("x"), 0, 1000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(25);
  });

  it("returns the real bytes, and a missing file fails without touching the cache", () => {
    expect(disk.readSync(files.path("y"), 0, 1000).every((byte) => byte === "y".charCodeAt(0))).toBe(true);
    const before = owner.cacheStats()!.lookups;
    expect(() => disk.readSync(files.path("absent"), 0, 10)).toThrow(/ENOENT/);
    expect(owner.cacheStats()!.lookups).toBe(before);
  });
});

describe("LRU eviction and bandwidth through the owner", () => {
  it("evicts the least recently used chunks when the 1 MB cache is full", async () => {
    const owner = createDiskOwner({ kind: "sim", latencyMs: 1, bandwidthMBps: Infinity, cacheMB: 1 });
    const disk = openDisk(owner.handle);
    try {
      // 400 KB files are two chunks each: 256 KB and 144 KB.
      for (const name of ["a", "b"]) disk.readSync(files.path(name), 0, 400 * KB);
      disk.readSync(files.path("a"), 0, 400 * KB); // a's chunks are now the most recently used
      disk.readSync(files.path("c"), 0, 400 * KB); // c's first chunk makes 1056 KB > 1 MB: b's first chunk goes
      expect(disk.isResident(files.path("b"), 0, 400 * KB)).toBe(false);
      expect(disk.isResident(files.path("b"), 256 * KB, 144 * KB)).toBe(true); // b's second chunk stayed
      expect(disk.isResident(files.path("a"), 0, 400 * KB)).toBe(true);
      expect(disk.isResident(files.path("c"), 0, 400 * KB)).toBe(true);
      expect(owner.cacheStats()).toMatchObject({ evictions: 1, residentChunks: 5, residentBytes: 944 * KB, misses: 6, hits: 2 });
    } finally {
      disk.close();
      await owner.close();
    }
  });

  it("charges a cold read chunk by chunk: a latency per chunk, and only the missing chunks", async () => {
    const owner = createDiskOwner({ kind: "sim", latencyMs: 40, bandwidthMBps: Infinity, cacheMB: 4 });
    const disk = openDisk(owner.handle);
    try {
      let started = performance.now();
      disk.readSync(files.path("b"), 256 * KB, 144 * KB); // the second chunk alone: one miss
      expect(performance.now() - started).toBeGreaterThanOrEqual(38);
      started = performance.now();
      disk.readSync(files.path("b"), 0, 400 * KB); // the first chunk misses, the second hits
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(38);
      expect(disk.stats()).toMatchObject({ reads: 2, misses: 2, hits: 1, bytesRead: 544 * KB });
      started = performance.now();
      disk.readSync(files.path("a"), 0, 400 * KB); // two cold chunks: two latencies, one after the other
      expect(performance.now() - started).toBeGreaterThanOrEqual(78);
    } finally {
      disk.close();
      await owner.close();
    }
  });

  it("charges size / bandwidth: 512 KB at 8 MB/s blocks ~62 ms, 8 KB ~1 ms", async () => {
    const owner = createDiskOwner({ kind: "sim", latencyMs: 0, bandwidthMBps: 8, cacheMB: 4 });
    const disk = openDisk(owner.handle);
    try {
      let started = performance.now();
      disk.readSync(files.path("half"), 0, 512 * KB);
      expect(performance.now() - started).toBeGreaterThanOrEqual(58);
      started = performance.now();
      disk.readSync(files.path("tiny"), 0, 8 * KB);
      expect(performance.now() - started).toBeLessThan(30);
    } finally {
      disk.close();
      await owner.close();
    }
  });
});

describe("in-process simulated disk", () => {
  it("stalls the loop on a miss, hits afterwards, and keeps its own cache statistics", async () => {
    const disk = createLocalSimulatedDisk({ latencyMs: 50, bandwidthMBps: Infinity, cacheMB: 1 });
    const miss = await loopStallDuring(() => disk.readSync(files.path("x"), 0, 1000));
    expect(miss.timeoutAfter).toBeGreaterThanOrEqual(45);
    expect(disk.isResident(files.path("x"), 0, 1000)).toBe(true);
    const hit = await loopStallDuring(() => disk.readSync(files.path("x"), 0, 1000));
    expect(hit.readMs).toBeLessThan(25);
    expect(disk.cacheStats()).toMatchObject({ hits: 1, misses: 1, residentChunks: 1 });
    disk.close();
    expect(() => disk.readSync(files.path("x"), 0, 1000)).toThrow(/after close/);
  });
});
