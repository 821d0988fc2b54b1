/**
 * `port: 0` right after heavy traffic: thousands of client ports in TIME_WAIT. A SO_REUSEPORT group
 * (mt, zeus, apache, mp with the reuseport policy) once took its port from bind(0) with SO_REUSEPORT
 * set, which may hand out a port that client sockets still use, and then failed with EADDRINUSE. Every
 * start must succeed, and serve.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer } from "../../lib/servers/start-server.js";
import type { ServerOptions } from "../../lib/servers/types.js";
import { leaveClientPortsInTimeWait, timeWaitSockets } from "../support/time-wait.js";
import { makeTestDocroot, timedGet } from "./support.js";

const docroot = makeTestDocroot([1024]);
const starts = 30;

beforeAll(async () => {
  await leaveClientPortsInTimeWait(20_000);
  expect(await timeWaitSockets()).toBeGreaterThan(10_000);
}, 120_000);
afterAll(() => docroot.remove());

const groups: Array<Pick<ServerOptions, "arch" | "acceptPolicy" | "apache">> = [
  { arch: "mt" },
  { arch: "zeus" },
  { arch: "apache", apache: { threadsPerProcess: 2 } },
  { arch: "mp", acceptPolicy: "reuseport" },
];

it.each(groups)("%j: 30 of 30 starts on port 0 succeed and serve after 20,000 connections", async (options) => {
  const failures: string[] = [];
  for (let attempt = 0; attempt < starts; attempt++) {
    try {
      const server = await startServer({ ...options, docroot: docroot.directory, port: 0, workers: 2 });
      try {
        const result = await timedGet(server.port, "/1k-0.bin");
        if (result.response?.status !== 200) failures.push(`start ${attempt}: GET answered ${result.response?.status ?? result.error}`);
      } finally {
        await server.stop();
      }
    } catch (error) {
      failures.push(`start ${attempt}: ${(error as Error).message}`);
    }
  }
  expect(failures).toEqual([]);
}, 180_000);
