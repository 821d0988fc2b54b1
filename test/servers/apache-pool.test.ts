/**
 * The Apache-like pool grows under load and shrinks when idle, between its minimum and maximum number
 * of processes, and the stats show the pool size over time.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ServerStats } from "../../lib/servers/types.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";
import { waitUntil } from "../support/wait.js";

const docroot = makeTestDocroot([1024], 8);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

it("forks processes when threads run out and retires them when idle", async () => {
  const server = servers.add(
    await startServer({
      arch: "apache",
      docroot: docroot.directory,
      disk: { kind: "sim", latencyMs: 60, bandwidthMBps: 1000, cacheMB: 0 },
      caches: { data: false },
      apache: { minProcesses: 1, maxProcesses: 3, threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 2, maintenanceMs: 100 },
    }),
  );
  const port = portOf(server);
  let loading = true;
  const clients = Array.from({ length: 6 }, async (_, client) => {
    for (let index = 0; loading; index++) await timedGet(port, docroot.files[(client + index) % 8]!.path);
  });
  const peakOf = (stats: ServerStats): number => Math.max(0, ...(stats.pool ?? []).map((sample) => sample.processes));
  // Six clients on two threads: the pool grows (each new process takes a while to start on a busy machine).
  const busy = await waitUntil(() => server.stats(), (stats) => peakOf(stats) >= 2);
  loading = false;
  await Promise.all(clients);
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
