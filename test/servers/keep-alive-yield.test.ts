/**
 * MT and Apache under a keep-alive soak: more keep-alive clients than serving threads, each thinking a
 * few milliseconds between requests. Threads pass from client to client at response boundaries
 * (Connection: close) or by closing a really idle connection gracefully, so no client sees a reset or
 * loses a request, and every client is served.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { keepAliveSoak } from "../support/keep-alive-client.js";
import { makeTestDocroot, portOf, ServerList } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

it.each(["mt", "apache"] as const)("%s: 8 keep-alive clients on 2 threads, 30 requests each: no reset, no lost request", async (arch) => {
  const server = servers.add(
    await startServer({ arch, docroot: docroot.directory, workers: 2, apache: { minProcesses: 1, maxProcesses: 1, threadsPerProcess: 2 } }),
  );
  const { statuses, clients } = await keepAliveSoak(portOf(server), 8, 30, "/1k-0.bin");
  expect(statuses.filter((status) => status === 200)).toHaveLength(240);
  expect(clients.map((client) => client.resets)).toEqual(Array(8).fill(0));
  expect(clients.map((client) => client.retried)).toEqual(Array(8).fill(0));
  expect((await server.stats()).connections.yielded).toBeGreaterThan(0);
});
