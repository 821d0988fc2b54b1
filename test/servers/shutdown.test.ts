/**
 * stop(): the server stops accepting, lets a request in flight finish within the grace period, and ends
 * its processes.
 */
import { connect } from "node:net";
import { afterAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import { makeTestDocroot, portOf, ServerList, sleep, timedGet } from "./support.js";

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
  await sleep(300); // accepted and waiting for its 1 s disk miss
  const stopped = server.stop();
  const result = await inFlight;
  await stopped;
  expect(result.response?.status).toBe(200);
  expect(result.response?.body.length).toBe(1024);
  expect(await refuses(port)).toBe(true);
  expect(() => process.kill(server.pid, 0)).toThrow();
});
