/**
 * MT and Apache under a keep-alive soak: more keep-alive clients than serving threads, each thinking a
 * few milliseconds between requests. Threads pass from client to client at response boundaries
 * (Connection: close) or by closing a really idle connection gracefully, so no client sees a reset or
 * loses a request, and every client is served.
 */
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { KeepAliveClient } from "../support/keep-alive-client.js";
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
  const clients = Array.from({ length: 8 }, () => new KeepAliveClient(portOf(server)));
  const statuses: number[] = [];
  await Promise.all(
    clients.map(async (client, index) => {
      for (let request = 0; request < 30; request++) {
        statuses.push(await client.request("/1k-0.bin"));
        await new Promise((resolve) => setTimeout(resolve, (request * 7 + index * 3) % 6)); // 0–5 ms of thought
      }
    }),
  );
  for (const client of clients) client.close();
  expect(statuses.filter((status) => status === 200)).toHaveLength(240);
  expect(clients.map((client) => client.resets)).toEqual(Array(8).fill(0));
  expect(clients.map((client) => client.retried)).toEqual(Array(8).fill(0));
  expect((await server.stats()).connections.yielded).toBeGreaterThan(0);
});
