/**
 * The Apache-like pool grows under load and shrinks when idle, between its minimum and maximum number
 * of processes, and the stats show the pool size over time.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ApachePoolOptions, ServerStats } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";
import { waitUntil } from "../support/wait.js";

const docroot = makeTestDocroot([1024], 8);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

/**
 * An Apache-like server on a simulated disk whose every read takes 60 ms (so each request holds its thread
 * that long), with `clients` closed-loop clients cycling through the files until `stop()` is awaited.
 */
async function poolUnderLoad(apache: ApachePoolOptions, clients: number) {
  const server = servers.add(
    await startServer({
      arch: "apache",
      docroot: docroot.directory,
      disk: { kind: "sim", latencyMs: 60, bandwidthMBps: 1000, cacheMB: 0 },
      caches: { data: false },
      apache,
    }),
  );
  const port = portOf(server);
  let loading = true;
  const running = Array.from({ length: clients }, async (_, client) => {
    for (let index = 0; loading; index++) await timedGet(port, docroot.files[(client + index) % 8]!.path);
  });
  const stop = async () => {
    loading = false;
    await Promise.all(running);
  };
  return { server, stop };
}

it("forks processes when threads run out and retires them when idle", async () => {
  const { server, stop } = await poolUnderLoad({ minProcesses: 1, maxProcesses: 3, threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 2, maintenanceMs: 100 }, 6);
  const peakOf = (stats: ServerStats): number => Math.max(0, ...(stats.pool ?? []).map((sample) => sample.processes));
  // Six clients on two threads: the pool grows (each new process takes a while to start on a busy machine).
  const busy = await waitUntil(() => server.stats(), (stats) => peakOf(stats) >= 2);
  await stop();
  // Idle again: the pool shrinks back to its minimum.
  // The pool's last sample says one process, and the retired ones have exited.
  const liveProcesses = (stats: ServerStats): number => stats.contexts.filter((context) => context.role === "process" && context.alive).length;
  const quiet = await waitUntil(() => server.stats(), (stats) => stats.pool?.at(-1)?.processes === 1 && liveProcesses(stats) === 1);

  expect(peakOf(quiet)).toBeLessThanOrEqual(3);
  expect(Math.max(...(busy.pool ?? []).map((sample) => sample.busyThreads))).toBeGreaterThan(0);
  // The retired processes' requests are still counted.
  expect(quiet.departedContexts).toBeGreaterThanOrEqual(1);
  expect(quiet.requests).toBeGreaterThanOrEqual(busy.requests);
});

it("samples the pool while a new process starts, and counts it apart until it serves", async () => {
  const { server, stop } = await poolUnderLoad({ minProcesses: 1, maxProcesses: 2, threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 4, maintenanceMs: 20 }, 4);
  // Starting a process (a runtime and its threads) takes far longer than the 20 ms between samples.
  const grown = await waitUntil(() => server.stats(), (stats) => (stats.pool ?? []).some((sample) => sample.processes === 2));
  await stop();
  const pool = grown.pool ?? [];
  const firstWithTwo = pool.findIndex((sample) => sample.processes === 2);
  const whileStarting = pool.slice(0, firstWithTwo).filter((sample) => sample.startingProcesses === 1);
  expect(whileStarting.length).toBeGreaterThan(0);
  // A process still starting adds no threads yet.
  for (const sample of whileStarting) expect(sample.threads).toBe(2 * sample.processes);
});
