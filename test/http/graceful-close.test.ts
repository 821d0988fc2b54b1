// Graceful shutdown: close() answers every request received within the grace period (in progress,
// buffered, or on a queued connection), lets a fresh connection send its first request, closes only
// connections idle between requests, refuses new ones, and destroys what is left after the grace
// period. drain() ends keep-alive but keeps serving what arrives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPipelineServer, syncRealFileSource, type FileSource } from "../../lib/http/index.js";
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { waitFor } from "../support/wait.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";

let root: TestDocroot;
beforeAll(() => {
  root = makeTestDocroot();
});
afterAll(() => root?.remove());

/** Every read takes `ms` (a deferred read, as a helper's). */
function slowSource(ms: number): FileSource {
  return {
    name: "slow",
    read: (file, offset, length) => {
      const data = syncRealFileSource.read(file, offset, length) as Buffer;
      return new Promise((resolve) => setTimeout(() => resolve(data), ms));
    },
  };
}

describe("close(graceMs)", () => {
  it("serves the request in progress, the buffered ones and the queued connections in turn, each with Connection: close", async () => {
    const server = await startPipelineServer({ docroot: root.docroot, maxConnections: 1, source: slowSource(150) });
    const clients = [await RawHttpConnection.open(server.port)];
    clients[0]!.send(rawRequest("/hello.txt") + rawRequest("/dir/page.css")); // the second waits, buffered, behind the first
    await waitFor("the first read to start", () => server.pipeline.stats().fileReads.deferred === 1);
    for (let index = 0; index < 3; index++) clients.push(await RawHttpConnection.open(server.port));
    for (const client of clients.slice(1)) client.send(rawRequest("/hello.txt"));
    await waitFor("three queued connections", () => server.pipeline.queuedConnections === 3);
    const closed = server.close(10_000);
    const late = await RawHttpConnection.open(server.port).catch(() => undefined); // the listener may already be gone
    await closed;
    const first = await clients[0]!.waitForResponses(2);
    expect(first.map((response) => response.status)).toEqual([200, 200]);
    expect(first[1]!.headers["connection"]).toBe("close");
    for (const client of clients.slice(1)) {
      const [response] = await client.waitForResponses(1);
      expect(response?.status).toBe(200);
      expect(response?.headers["connection"]).toBe("close");
      expect(await client.waitForClose()).toBe(true);
    }
    if (late !== undefined) {
      expect(await late.waitForClose()).toBe(true);
      expect(late.responses.every((response) => response.status === 503)).toBe(true);
    }
  });

  it("lets a fresh connection send its first request after close() began, and answers it", async () => {
    const server = await startPipelineServer({ docroot: root.docroot });
    const fresh = await RawHttpConnection.open(server.port);
    await waitFor("the connection to be open", () => server.pipeline.openConnections === 1);
    const closed = server.close(5_000);
    fresh.send(rawRequest("/hello.txt"));
    const [response] = await fresh.waitForResponses(1);
    expect(response?.status).toBe(200);
    expect(response?.headers["connection"]).toBe("close");
    await closed;
    expect(await fresh.waitForClose()).toBe(true);
  });

  it("closes a keep-alive connection idle between requests at once, gracefully", async () => {
    const server = await startPipelineServer({ docroot: root.docroot });
    const idle = await RawHttpConnection.open(server.port);
    idle.send(rawRequest("/hello.txt"));
    await idle.waitForResponses(1);
    const started = performance.now();
    await server.close(5_000);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(await idle.waitForClose()).toBe(true);
    expect(idle.error).toBeUndefined();
  });

  it("destroys what is left after the grace period", async () => {
    const server = await startPipelineServer({ docroot: root.docroot, source: slowSource(5_000) });
    const stuck = await RawHttpConnection.open(server.port);
    stuck.send(rawRequest("/hello.txt"));
    await waitFor("the read to start", () => server.pipeline.stats().fileReads.deferred === 1);
    const started = performance.now();
    await server.close(300);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(3_000);
    expect(await stuck.waitForClose()).toBe(true);
    expect(stuck.responses).toHaveLength(0);
  });
});

describe("drain()", () => {
  it("ends keep-alive, closes idle connections, and still serves connections handed in", async () => {
    const server = await startPipelineServer({ docroot: root.docroot });
    try {
      const idle = await RawHttpConnection.open(server.port);
      idle.send(rawRequest("/hello.txt"));
      await idle.waitForResponses(1);
      server.pipeline.drain();
      expect(await idle.waitForClose()).toBe(true);
      const after = await RawHttpConnection.open(server.port);
      after.send(rawRequest("/hello.txt") + rawRequest("/hello.txt"));
      const responses = await after.waitForResponses(2);
      expect(responses).toHaveLength(1); // answered, with Connection: close; the pipelined second is dropped
      expect(responses[0]?.status).toBe(200);
      expect(responses[0]?.headers["connection"]).toBe("close");
      expect(await after.waitForClose()).toBe(true);
    } finally {
      await server.close();
    }
  });
});
