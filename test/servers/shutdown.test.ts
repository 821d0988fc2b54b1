/**
 * stop(): the server stops accepting, lets a request in flight finish within the grace period, and ends
 * its processes.
 */
import { connect } from "node:net";
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { makeTestDocroot, portOf, ServerList, timedGet } from "./support.js";
import { waitUntil } from "../support/wait.js";

const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

it.each(["sped", "mp", "amted"] as const)("%s: a request in flight during stop() completes, then the port is closed", async (arch) => {
  const server = servers.add(
    await startServer({ arch, docroot: docroot.directory, workers: 2, helpers: 2, disk: { kind: "sim", latencyMs: 1000, bandwidthMBps: 1000 } }),
  );
  const port = portOf(server);
  const inFlight = timedGet(port, "/1k-0.bin");
  await waitUntil(() => server.stats(), (stats) => stats.connections.accepted >= 1, 10_000, 20); // waiting for its 1 s miss
  const stopped = server.stop();
  const result = await inFlight;
  await stopped;
  expect(result.response?.status).toBe(200);
  expect(result.response?.body.length).toBe(1024);
  expect(await refuses(port)).toBe(true);
  expect(() => process.kill(server.pid, 0)).toThrow();
});

const everyArchitecture = ["sped", "amped", "amted", "mp", "mt", "zeus", "apache"] as const;

it.each(everyArchitecture)("%s: every request received before stop() is answered within the grace period", async (arch) => {
  const server = servers.add(
    await startServer({
      arch,
      docroot: docroot.directory,
      workers: 1,
      helpers: 1,
      graceMs: 15_000,
      apache: { minProcesses: 1, maxProcesses: 1, threadsPerProcess: 1 },
      // Every read misses and takes 200 ms, so the eight requests queue behind one another.
      disk: { kind: "sim", latencyMs: 200, bandwidthMBps: 1000, cacheMB: 0 },
      caches: { data: false },
    }),
  );
  const port = portOf(server);
  const inFlight = Array.from({ length: 8 }, () => timedGet(port, "/1k-0.bin", 30_000));
  // Stop once all eight are with the server (accepted, queued, or being served).
  await waitUntil(() => server.stats(), (stats) => stats.connections.accepted >= 8 || stats.requests >= 8, 10_000, 20);
  await server.stop();
  const results = await Promise.all(inFlight);
  expect(results.map((result) => result.response?.status ?? result.error)).toEqual(Array(8).fill(200));
  for (const result of results) expect(result.response?.body.length).toBe(1024);
}, 60_000);
