/**
 * The Apache-like pool grows under load and shrinks when idle, between its minimum and maximum number
 * of processes, and the stats show the pool size over time.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { makeTestDocroot, portOf, ServerList, sleep, timedGet } from "./support.js";

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
      disk: { kind: "sim", latencyMs: 60, mbps: 1000, cacheMb: 0 },
      caches: { data: false },
      apache: { minProcesses: 1, maxProcesses: 3, threadsPerProcess: 2, minSpareThreads: 1, maxSpareThreads: 2, maintenanceMs: 100 },
    }),
  );
  const port = portOf(server);
  let loading = true;
  const clients = Array.from({ length: 6 }, async (_, client) => {
    for (let index = 0; loading; index++) await timedGet(port, docroot.files[(client + index) % 8]!.path);
  });
  await sleep(1500);
  const busy = await server.stats();
  loading = false;
  await Promise.all(clients);
  await sleep(1500);
  const quiet = await server.stats();

  const peak = Math.max(...(busy.pool ?? []).map((sample) => sample.processes));
  expect(peak).toBeGreaterThanOrEqual(2);
  expect(peak).toBeLessThanOrEqual(3);
  expect(Math.max(...(busy.pool ?? []).map((sample) => sample.busyThreads))).toBeGreaterThan(0);
  const last = quiet.pool?.at(-1);
  expect(last?.processes).toBe(1);
  expect(quiet.contexts.filter((context) => context.role === "process")).toHaveLength(1);
});
