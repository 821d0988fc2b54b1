// One buffer cache shared by worker threads and child processes, as the page cache is: misses of
// different contexts overlap, a file one context read is a hit for the others, a second reader joins a
// miss in flight, the owner answers while the top process's main thread is blocked, and finite
// parallelism queues misses.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDiskOwner, type DiskOwner } from "../../lib/storage/disk-owner.js";
import type { ProbeRead } from "../../lib/storage/disk-probe.js";
import { openDisk } from "../../lib/storage/open-disk.js";
import { makeFiles, type Probe, processProbe, stopAll, threadProbe } from "./probes.js";

const names = ["t1", "t2", "p1", "p2", "j", "r", "q1", "q2"];
const files = makeFiles(Object.fromEntries(names.map((name) => [name, 2000])));
afterAll(() => files.remove());
afterEach(stopAll);

const read = (name: string) => [{ path: files.path(name), length: 2000 }];
const duration = (entry: ProbeRead) => entry.endedAt - entry.startedAt;

describe("shared simulated disk across threads and processes", () => {
  let owner: DiskOwner;
  beforeAll(() => {
    owner = createDiskOwner({ kind: "sim", latencyMs: 300, bandwidthMBps: Infinity, cacheMB: 1 });
  });
  afterAll(() => owner.close());

  it("overlaps misses from two threads and two processes, then serves each other's files as hits", async () => {
    const probes: Probe[] = await Promise.all([
      threadProbe("t1", owner.handle),
      threadProbe("t2", owner.handle),
      processProbe("p1", owner.handle),
      processProbe("p2", owner.handle),
    ]);
    const startAt = Date.now() + 200;
    const first = (await Promise.all(probes.map((probe) => probe.run({ read: read(probe.name), startAt })))).map(
      (report) => report.reads[0]!,
    );
    for (const entry of first) {
      expect(entry.outcome).toBe("miss");
      expect(duration(entry)).toBeGreaterThanOrEqual(290);
    }
    const span = Math.max(...first.map((entry) => entry.endedAt)) - Math.min(...first.map((entry) => entry.startedAt));
    expect(span).toBeLessThan(750); // serialized, the four misses would take 1200 ms

    // Each context now reads the file the next one read: the shared cache has it.
    const second = await Promise.all(probes.map((probe, index) => probe.run({ read: read(probes[(index + 1) % 4]!.name) })));
    for (const report of second) {
      expect(report.reads[0]!.outcome).toBe("hit");
      expect(duration(report.reads[0]!)).toBeLessThan(100);
      expect(report.stats).toMatchObject({ reads: 2, hits: 1, misses: 1 });
    }
    expect(owner.cacheStats()).toMatchObject({ clients: 4, peakInFlight: 4 });
    expect(owner.cacheStats()!.hits).toBeGreaterThanOrEqual(4);
  });

  it("lets a second context join a miss in flight instead of paying it again", async () => {
    const [early, late] = await Promise.all([threadProbe("early", owner.handle), processProbe("late", owner.handle)]);
    const startAt = Date.now() + 200;
    const [first, second] = await Promise.all([
      early.run({ read: read("j"), startAt }),
      late.run({ read: read("j"), startAt: startAt + 100 }),
    ]);
    expect(first.reads[0]!.outcome).toBe("miss");
    expect(second.reads[0]!.outcome).toBe("join");
    expect(duration(second.reads[0]!)).toBeLessThan(280); // only the rest of the miss
    expect(Math.abs(first.reads[0]!.endedAt - second.reads[0]!.endedAt)).toBeLessThan(60);
  });

  it("keeps answering other contexts while the top process's main thread is blocked in a miss", async () => {
    const mainDisk = openDisk(owner.handle);
    const probe = await threadProbe("helper", owner.handle);
    mainDisk.readSync(files.path("r"), 0, 2000); // r is now resident (this blocked 300 ms)
    const report = probe.run({ read: read("r"), startAt: Date.now() + 100 });
    const blockedFrom = performance.timeOrigin + performance.now();
    mainDisk.readSync(files.path("q1"), 0, 2000); // main thread blocked 300 ms
    const blockedUntil = performance.timeOrigin + performance.now();
    const entry = (await report).reads[0]!;
    expect(entry.outcome).toBe("hit");
    expect(entry.startedAt).toBeGreaterThan(blockedFrom);
    expect(entry.endedAt).toBeLessThan(blockedUntil);
    mainDisk.close();
  });
});

describe("finite disk parallelism", () => {
  it("queues the second of two concurrent misses when the disk serves one at a time", async () => {
    const owner = createDiskOwner({ kind: "sim", latencyMs: 150, bandwidthMBps: Infinity, cacheMB: 1, parallelism: 1 });
    try {
      const probes = await Promise.all([threadProbe("a", owner.handle), threadProbe("b", owner.handle)]);
      const startAt = Date.now() + 150;
      const reads = await Promise.all(probes.map((probe, index) => probe.run({ read: read(["q1", "q2"][index]!), startAt })));
      const durations = reads.map((report) => duration(report.reads[0]!)).sort((x, y) => x - y);
      expect(durations[0]).toBeGreaterThanOrEqual(140);
      expect(durations[1]).toBeGreaterThanOrEqual(280);
    } finally {
      await stopAll();
      await owner.close();
    }
  });
});
