/**
 * Large files in every architecture: responses spanning many 256 KB chunks are byte-exact (from the
 * disk and from the data cache); a client that reads nothing for longer than the closing linger, then
 * everything, still gets the whole file; and a client that never reads a 256 MB file costs the server
 * a few chunks of memory, not the file (AMPED and AMTED included, whose helpers bring each chunk into
 * memory once).
 */
import { randomBytes } from "node:crypto";
import { closeSync, ftruncateSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { startServer } from "../../lib/servers/start-server.js";
import { architectureNames, type RunningServer, type ServerStats } from "../../lib/servers/types.js";
import { SlowReader } from "../support/slow-reader.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, portOf, ServerList } from "./support.js";

const MB = 1024 * 1024;
const docroot = makeTestDocroot([1024]);
const servers = new ServerList();
const medium = randomBytes(700 * 1024);
const big = randomBytes(16 * MB);
beforeAll(() => {
  writeFileSync(join(docroot.directory, "medium.bin"), medium);
  writeFileSync(join(docroot.directory, "big.bin"), big);
  const fd = openSync(join(docroot.directory, "huge.bin"), "w");
  ftruncateSync(fd, 256 * MB); // sparse: 256 MB of zeros that take no disk space
  closeSync(fd);
});
afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

/** The resident memory of every process of the server (threads live in their process's). */
function serverRss(stats: ServerStats): number {
  return stats.contexts.filter((context) => context.kind === "process").reduce((sum, context) => sum + (context.rssBytes ?? 0), 0);
}

describe.each(architectureNames)("%s", (arch) => {
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    server = servers.add(
      await startServer({ arch, docroot: docroot.directory, workers: 2, helpers: 2, apache: { minProcesses: 1, maxProcesses: 2, threadsPerProcess: 2 } }),
    );
    port = portOf(server);
  });
  afterAll(() => server.stop());

  it("serves files of many chunks byte for byte, from the disk and again from the data cache", async () => {
    const connection = await RawHttpConnection.open(port);
    try {
      connection.send(rawRequest("/medium.bin") + rawRequest("/big.bin") + rawRequest("/medium.bin") + rawRequest("/big.bin"));
      const responses = await connection.waitForResponses(4, 30_000);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      expect(responses[0]!.body.equals(medium)).toBe(true);
      expect(responses[1]!.body.equals(big)).toBe(true);
      expect(responses[2]!.body.equals(medium)).toBe(true);
      expect(responses[3]!.body.equals(big)).toBe(true);
    } finally {
      connection.destroy();
    }
  });

  it("gives the whole file to an HTTP/1.0 client that reads nothing for 2.5 s, then everything", async () => {
    const reader = await SlowReader.open(port);
    try {
      reader.send(rawRequest("/big.bin", { version: "1.0" }));
      await waitFor("the response to wait for the client", async () => (await server.stats()).connections.waitingForClient >= 1);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // longer than the 2 s closing linger
      reader.readAt(Infinity);
      await waitFor("the end of the response", () => reader.closed, 20_000);
      const [response] = reader.responses();
      expect(response?.status).toBe(200);
      expect(response?.body.equals(big)).toBe(true);
    } finally {
      reader.destroy();
    }
  });

  it("costs a few chunks of memory, not the file, for a client that never reads a 256 MB file", async () => {
    const before = serverRss(await server.stats());
    const reader = await SlowReader.open(port);
    try {
      reader.send(rawRequest("/huge.bin"));
      await waitFor("the response to wait for the client", async () => (await server.stats()).connections.waitingForClient >= 1, 20_000);
      const during = serverRss(await server.stats());
      expect(before).toBeGreaterThan(0);
      expect(during - before).toBeLessThan(64 * MB); // reading the file whole costs 256 MB (AMPED: twice)
    } finally {
      reader.destroy();
    }
  });
});
