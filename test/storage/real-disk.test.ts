// The real disk, cold-cache mode (dropped when Linux+root, skipped with a reason otherwise) and handles.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createDiskOwner } from "../../lib/storage/disk-owner.js";
import { checkDiskHandle, decodeDiskHandle, encodeDiskHandle, openDisk } from "../../lib/storage/open-disk.js";
import { dropPageCache } from "../../lib/storage/page-cache.js";
import { makeFiles } from "./probes.js";

const files = makeFiles({ small: 3000 });
afterAll(() => files.remove());

describe("real disk", () => {
  it("reads the real bytes, cannot tell residency, and counts", async () => {
    const owner = createDiskOwner({ kind: "real" });
    const disk = openDisk(owner.handle);
    expect(disk.readSync(files.path("small"), 0, 3000).equals(readFileSync(files.path("small")))).toBe(true);
    expect(disk.isResident(files.path("small"), 0, 3000)).toBeUndefined();
    expect(() => disk.readSync(files.path("absent"), 0, 1)).toThrow(/ENOENT/);
    expect(disk.stats()).toMatchObject({ kind: "real", reads: 2, bytesRead: 3000, hits: null, residencyChecks: 1 });
    expect(owner.cacheStats()).toBeUndefined();
    disk.close();
    expect(() => disk.readSync(files.path("small"), 0, 3000)).toThrow(/after close/);
    await owner.close();
  });
});

describe("cold-cache mode", () => {
  it("skips with a clear reason when not root, and still gives a working real disk", async () => {
    expect(dropPageCache({ platform: "linux", isRoot: () => false })).toEqual({
      dropped: false,
      reason: expect.stringMatching(/needs root/),
    });
    expect(dropPageCache({ platform: "darwin" })).toEqual({ dropped: false, reason: expect.stringMatching(/needs Linux; this is darwin/) });
    const owner = createDiskOwner({ kind: "cold", dropPageCache: () => dropPageCache({ platform: "linux", isRoot: () => false }) });
    expect(owner.handle).toMatchObject({ kind: "cold", pageCacheDropped: false, reason: expect.stringMatching(/needs root/) });
    expect(owner.description).toMatch(/cold-cache mode skipped: .*needs root.*warm page cache/);
    const disk = openDisk(owner.handle);
    expect(disk.kind).toBe("cold");
    expect(disk.readSync(files.path("small"), 0, 3000)).toHaveLength(3000);
    await owner.close();
  });

  it("reports a kernel refusal instead of throwing", () => {
    const result = dropPageCache({ platform: "linux", isRoot: () => true, dropCachesFile: "/nonexistent-dir/drop_caches" });
    expect(result).toMatchObject({ dropped: false, reason: expect.stringMatching(/refused.*ENOENT/) });
  });

  const canDrop = process.platform === "linux" && process.getuid?.() === 0;
  it.skipIf(!canDrop)("drops the page cache for real as root on Linux", async () => {
    writeFileSync(files.path("fresh"), Buffer.alloc(1 << 20, 7));
    const owner = createDiskOwner({ kind: "cold" });
    expect(owner.handle).toEqual({ kind: "cold", pageCacheDropped: true });
    expect(owner.description).toMatch(/page cache dropped/);
    expect(openDisk(owner.handle).readSync(files.path("fresh"), 0, 1 << 20)).toHaveLength(1 << 20);
    await owner.close();
  });
});

describe("disk handles", () => {
  it("survive a trip through text (argv/env), Infinity included", () => {
    const handle = {
      kind: "sim" as const,
      directory: "/tmp/x",
      requestFifo: "/tmp/x/requests",
      params: { latencyMs: 1, bandwidthMBps: Infinity, cacheMB: 2, parallelism: Infinity },
    };
    expect(decodeDiskHandle(encodeDiskHandle(handle))).toEqual(handle);
    expect(decodeDiskHandle(encodeDiskHandle({ kind: "real" }))).toEqual({ kind: "real" });
    expect(checkDiskHandle(JSON.parse(JSON.stringify(handle)))).toEqual(handle); // child.send's plain JSON
  });

  it("are checked", () => {
    expect(() => decodeDiskHandle("nonsense")).toThrow(/not a disk handle/);
    expect(() => checkDiskHandle({ kind: "floppy" })).toThrow(/unknown disk handle kind "floppy"/);
    expect(() => checkDiskHandle({ kind: "sim", directory: "/tmp" })).toThrow(/needs directory, requestFifo and params/);
    expect(() =>
      checkDiskHandle({ kind: "sim", directory: "/d", requestFifo: "/d/r", params: { latencyMs: -2 } }),
    ).toThrow(/latency/);
  });
});
