/**
 * The server-load executor's translations: a point's settings into startServer options, its workload
 * into a reusable folder, and the server's stats into disk counts and reported facts.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverOptionsOf } from "../../../lib/experiments/server-load/executor.js";
import { diskCounts, serverFacts } from "../../../lib/experiments/server-load/server-readings.js";
import { cacheSwitches } from "../../../lib/experiments/server-load/settings.js";
import { prepareWorkload, workloadFolderName, workloadRecipe } from "../../../lib/experiments/server-load/workloads.js";
import type { ServerStats } from "../../../lib/servers/types.js";

describe("serverOptionsOf", () => {
  it("maps a point onto the server's options", () => {
    expect(
      serverOptionsOf(
        { arch: "mp", workers: "clients", clients: 8, caches: "path+data", gather: true, stepTiming: false, disk: "sim", diskLatencyMs: 10, diskMBps: 20, cacheMB: 8, diskParallelism: 1 },
        "/srv",
        "0",
      ),
    ).toEqual({
      arch: "mp",
      docroot: "/srv",
      workers: 8,
      disk: { kind: "sim", latencyMs: 10, bandwidthMBps: 20, cacheMB: 8, parallelism: 1 },
      caches: { path: true, header: false, data: true },
      gather: true,
      timing: false,
      cpus: "0",
    });
  });

  it("leaves unlimited parallelism, absent pools and an unpinned server to the server's defaults", () => {
    const options = serverOptionsOf({ arch: "amped", helpers: 2, caches: "all", disk: "sim", diskLatencyMs: 1, diskMBps: 20, cacheMB: 64, diskParallelism: "unlimited" }, "/srv", null);
    expect(options.disk).toEqual({ kind: "sim", latencyMs: 1, bandwidthMBps: 20, cacheMB: 64 });
    expect(options).toMatchObject({ helpers: 2 });
    expect(options).not.toHaveProperty("workers");
    expect(options).not.toHaveProperty("cpus");
    expect(serverOptionsOf({ arch: "sped", caches: "none", disk: "cold" }, "/srv", null)).toMatchObject({ disk: { kind: "cold" }, caches: { path: false, header: false, data: false } });
  });

  it("knows Fig. 11's cache sets", () => {
    expect(cacheSwitches("all")).toEqual({ path: true, header: true, data: true });
    expect(cacheSwitches("none")).toEqual({ path: false, header: false, data: false });
    expect(cacheSwitches("path")).toEqual({ path: true, header: false, data: false });
  });
});

describe("workloads", () => {
  const root = mkdtempSync(join(tmpdir(), "flashlab-workloads-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("builds a workload folder once, named by its recipe, and reuses it", async () => {
    const recipe = workloadRecipe({ workload: "specweb96", datasetMB: 1, workloadRequests: 500 }, 9);
    expect(recipe).toEqual({ kind: "specweb96", targetBytes: 1 << 20, requests: 500, seed: 9 });
    const first = await prepareWorkload(recipe, root);
    expect(first.manifest).toMatchObject({ complete: true, kind: "specweb96", seed: 9 });
    expect(first.folder).toBe(join(root, workloadFolderName(recipe)));
    const again = await prepareWorkload(recipe, root);
    expect(again.manifest.createdAt).toBe(first.manifest.createdAt);
    expect(readdirSync(root)).toEqual([workloadFolderName(recipe)]); // nothing half-built left beside it
    expect(workloadFolderName(workloadRecipe({ workload: "specweb96", datasetMB: 1, workloadRequests: 500 }, 10))).not.toBe(workloadFolderName(recipe));
    expect(workloadRecipe({ workload: "single", fileSizeKB: 0.5 }, 9)).toEqual({ kind: "single", fileBytes: 512 });
  });
});

describe("server readings", () => {
  const stats = (disk: unknown, contexts: ServerStats["contexts"] = []) => ({ disk, contexts }) as Pick<ServerStats, "disk" | "contexts"> as ServerStats;

  it("counts disk reads and misses from the shared buffer cache, else from the contexts, else not at all", () => {
    expect(diskCounts(stats({ kind: "sim", sharedCache: { lookups: 40, misses: 3 } }))).toEqual({ reads: 40, misses: 3 });
    const contexts = [
      { disk: { reads: 10, misses: 2, blockedMs: 0, simulatedWaitMs: 0 } },
      { disk: { reads: 5, misses: 1, blockedMs: 0, simulatedWaitMs: 0 } },
    ] as ServerStats["contexts"];
    expect(diskCounts(stats({ kind: "sim" }, contexts))).toEqual({ reads: 15, misses: 3 });
    expect(diskCounts(stats({ kind: "real", contexts: [] }, [{ disk: { reads: 10, misses: null, blockedMs: 0, simulatedWaitMs: 0 } }] as ServerStats["contexts"]))).toBeUndefined();
  });

  it("reads the disk parallelism, accept policy and cache scope the server reports", () => {
    const reported = (disk: unknown, more: Partial<ServerStats>) => serverFacts({ ...stats(disk), ...more });
    expect(reported({ kind: "sim", parallelism: 1 }, { acceptPolicy: "reuseport", cachesPer: "thread" })).toEqual({
      diskParallelism: 1,
      acceptPolicy: "reuseport",
      perThreadCaches: true,
    });
    expect(reported({ kind: "sim", parallelism: Infinity }, { acceptPolicy: "master-handoff", cachesPer: "process" }).diskParallelism).toBe(Infinity);
    expect(reported({ kind: "real" }, { acceptPolicy: "one-listener", cachesPer: "event loop" })).toEqual({
      diskParallelism: undefined,
      acceptPolicy: "one-listener",
      perThreadCaches: false,
    });
  });
});
