/**
 * How many disk misses each architecture overlaps, on the simulated disk (misses of different contexts
 * overlap; each context that asks blocks): MP, MT, Zeus and Apache with 4 contexts take 8 concurrent
 * misses in about two waves (or more where the kernel's hash, not idleness, picks the context), AMPED and
 * AMTED with h helpers overlap h misses, and SPED takes them one after another.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ServerOptions, ServerStats } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";

const missMs = 200;
const docroot = makeTestDocroot([1024], 8);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

/** Fetches the 8 cold files at once; resolves to the wall time and the server's stats. */
async function eightMisses(options: Omit<ServerOptions, "docroot" | "disk">): Promise<{ elapsedMs: number; stats: ServerStats }> {
  const server = servers.add(await startServer({ ...options, docroot: docroot.directory, disk: { kind: "sim", latencyMs: missMs, bandwidthMBps: 1000, cacheMB: 64 } }));
  const port = portOf(server);
  const started = performance.now();
  const results = await Promise.all(docroot.files.map((file) => timedGet(port, file.path)));
  const elapsedMs = performance.now() - started;
  for (const result of results) expect(result.response?.status).toBe(200);
  const stats = await server.stats();
  await server.stop();
  return { elapsedMs, stats };
}

describe("bounded concurrency of disk misses (8 misses of 200 ms)", () => {
  // Each context blocks for a whole miss per request, so "every context served exactly two" together
  // with "at least two misses long" is two waves; the time bound only rules out a much slower schedule.
  it("MP with 4 processes: two waves", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "mp", workers: 4 });
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(3.5 * missMs);
    const workers = stats.contexts.filter((context) => context.role === "worker");
    expect(workers.map((worker) => worker.requests)).toEqual([2, 2, 2, 2]);
    expect(workers.map((worker) => worker.disk?.misses)).toEqual([2, 2, 2, 2]);
  });

  it("MT with 4 threads: at least two waves (at most 4 misses at once), spread over the threads", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "mt", workers: 4 });
    // The kernel's SO_REUSEPORT hash, not idleness, picks the thread, so a thread may get 3 of the 8.
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(8 * missMs);
    const threads = stats.contexts.filter((context) => context.kind === "thread");
    expect(threads).toHaveLength(4);
    expect(threads.reduce((sum, thread) => sum + thread.requests, 0)).toBe(8);
    expect(threads.filter((thread) => thread.requests > 0).length).toBeGreaterThanOrEqual(2);
  });

  it("AMPED with 2 helpers: four waves, the rest queued", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "amped", helpers: 2 });
    expect(elapsedMs).toBeGreaterThanOrEqual(4 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(6 * missMs);
    expect(stats.helpers?.dispatches).toBe(8);
    const helpers = stats.contexts.filter((context) => context.role === "helper");
    expect(helpers.map((helper) => helper.disk?.misses)).toEqual([4, 4]);
    expect(stats.helpers?.maxQueueLength).toBeGreaterThanOrEqual(4);
  });

  it("AMPED with 4 helpers: two waves", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "amped", helpers: 4 });
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(3.5 * missMs);
    expect(stats.helpers?.dispatches).toBe(8);
    const helpers = stats.contexts.filter((context) => context.role === "helper");
    expect(helpers.map((helper) => helper.disk?.misses)).toEqual([2, 2, 2, 2]);
  });

  it("AMTED with 2 helper threads: four waves, the rest queued", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "amted", helpers: 2 });
    expect(elapsedMs).toBeGreaterThanOrEqual(4 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(6 * missMs);
    expect(stats.helpers?.dispatches).toBe(8);
    const helpers = stats.contexts.filter((context) => context.role === "helper");
    expect(helpers.map((helper) => helper.kind)).toEqual(["thread", "thread"]);
    expect(helpers.map((helper) => helper.disk?.misses)).toEqual([4, 4]);
  });

  it("Zeus with 4 event-loop processes: at least two waves, at most one miss per process at a time", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "zeus", workers: 4 });
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(8 * missMs);
    const loops = stats.contexts.filter((context) => context.role === "event-loop" && context.alive);
    expect(loops).toHaveLength(4);
    expect(loops.reduce((sum, loop) => sum + (loop.disk?.misses ?? 0), 0)).toBe(8);
    // A loop blocks for each of its misses in turn: the busiest loop's share sets a lower bound.
    const busiest = Math.max(...loops.map((loop) => loop.disk?.misses ?? 0));
    expect(elapsedMs).toBeGreaterThanOrEqual(busiest * missMs * 0.9);
    expect(loops.filter((loop) => loop.requests > 0).length).toBeGreaterThanOrEqual(2);
  });

  it("Apache-like with 1 process of 4 threads: at least two waves, spread over the threads", async () => {
    const { elapsedMs, stats } = await eightMisses({ arch: "apache", apache: { minProcesses: 1, maxProcesses: 1, threadsPerProcess: 4 } });
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * missMs * 0.9);
    expect(elapsedMs).toBeLessThan(8 * missMs);
    const threads = stats.contexts.filter((context) => context.kind === "thread" && context.alive);
    expect(threads).toHaveLength(4);
    expect(threads.reduce((sum, thread) => sum + (thread.disk?.misses ?? 0), 0)).toBe(8);
    const busiest = Math.max(...threads.map((thread) => thread.disk?.misses ?? 0));
    expect(elapsedMs).toBeGreaterThanOrEqual(busiest * missMs * 0.9);
  });

  it("SPED: one miss at a time", async () => {
    const { elapsedMs } = await eightMisses({ arch: "sped" });
    expect(elapsedMs).toBeGreaterThanOrEqual(8 * missMs * 0.9);
  });
});
