/**
 * Contexts that serve one connection at a time must not let a few keep-alive clients keep them for
 * good while others wait. MP's waiting connections sit in the master's queue, which the workers' own
 * pipelines cannot see; the master tells busy workers that connections wait, and their keep-alive
 * connections yield at a response boundary. With 2 workers and 8 keep-alive clients, every client is
 * served throughout, not two clients forever.
 */
import { afterAll, expect, it } from "vitest";
import { runLoad } from "../../lib/loadgen/index.js";
import { startServer } from "../../lib/servers/start-server.js";
import type { ServerOptions } from "../../lib/servers/types.js";
import { makeTestDocroot, ServerList } from "./support.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

const setups: Array<Pick<ServerOptions, "arch" | "acceptPolicy">> = [
  { arch: "mp", acceptPolicy: "master-handoff" },
  { arch: "mp", acceptPolicy: "reuseport" },
  { arch: "mt" },
];

it.each(setups)("%j: 8 keep-alive clients on 2 workers are all served", async (options) => {
  const server = servers.add(await startServer({ ...options, docroot: docroot.directory, workers: 2 }));
  const result = await runLoad({ url: `${server.url}/1k-0.bin`, clients: 8, durationS: 3, http: "1.1", threads: 1, keepRecords: true });
  const perClient = new Map<number, number>();
  for (const record of result.records ?? []) {
    if (record.status === 200) perClient.set(record.clientId ?? -1, (perClient.get(record.clientId ?? -1) ?? 0) + 1);
  }
  const counts = Array.from({ length: 8 }, (_, client) => perClient.get(client) ?? 0);
  const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
  expect(mean).toBeGreaterThan(50);
  // Fair enough: no client gets less than a tenth of the average (today's share is about equal).
  expect(Math.min(...counts)).toBeGreaterThan(mean / 10);
  expect(result.summary.errorsTotal).toBe(0);
  // Connections yield at response boundaries or when really idle: a retried request (the client's
  // request met a connection the server had just closed) stays rare.
  expect(result.summary.retries).toBeLessThanOrEqual(result.summary.requests / 100);
}, 60_000);
