// Slow clients (slowloris) are cut off by the header and idle timeouts; the connection cap queues, then refuses.
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { RawHttpConnection, rawRequest, startPipelineServer, syncRealFileSource, type FileSource, type PipelineServer } from "../../lib/http/index.js";
import { makeTestDocroot, type TestDocroot } from "./support/docroot.js";
import { setTimeout as sleep } from "node:timers/promises";

let root: TestDocroot;
let server: PipelineServer | undefined;

beforeAll(() => {
  root = makeTestDocroot();
});

afterEach(async () => {
  await server?.close(500);
  server = undefined;
});

afterAll(() => root?.remove());

describe("slow clients", () => {
  it("answers 408 and closes when a head trickles in slower than the header timeout", async () => {
    server = await startPipelineServer({ docroot: root.docroot, headerTimeoutMs: 300, idleTimeoutMs: 5_000 });
    const connection = await RawHttpConnection.open(server.port);
    const started = Date.now();
    connection.send("GET /hello.txt HTTP/1.1\r\n");
    const trickle = setInterval(() => !connection.closed && connection.send("X-Slow: a\r\n"), 40);
    const closed = await connection.waitForClose(3_000);
    clearInterval(trickle);
    const elapsed = Date.now() - started;
    expect(closed).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect(connection.responses[0]?.status).toBe(408);
    expect(server.pipeline.stats().connections.timedOut).toBe(1);
  });

  it("closes a connection that never sends anything", async () => {
    server = await startPipelineServer({ docroot: root.docroot, headerTimeoutMs: 300 });
    const connection = await RawHttpConnection.open(server.port);
    expect(await connection.waitForClose(3_000)).toBe(true);
    expect(connection.responses.length).toBe(0);
  });

  it("closes an idle keep-alive connection after the idle timeout, not before", async () => {
    server = await startPipelineServer({ docroot: root.docroot, headerTimeoutMs: 5_000, idleTimeoutMs: 600 });
    const connection = await RawHttpConnection.open(server.port);
    connection.send(rawRequest("/hello.txt"));
    await connection.waitForResponses(1);
    await sleep(100);
    expect(connection.closed).toBe(false);
    connection.send(rawRequest("/hello.txt")); // activity restarts the idle clock
    await connection.waitForResponses(2);
    const afterSecond = Date.now();
    expect(await connection.waitForClose(3_000)).toBe(true);
    expect(Date.now() - afterSecond).toBeGreaterThanOrEqual(550);
    expect(server.pipeline.stats().connections.idleClosed).toBe(1);
  });

  it("keeps serving other clients while slow ones hang on", async () => {
    server = await startPipelineServer({ docroot: root.docroot, headerTimeoutMs: 2_000 });
    const slow = await Promise.all(Array.from({ length: 20 }, () => RawHttpConnection.open(server!.port)));
    slow.forEach((connection) => connection.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n"));
    const fast = await RawHttpConnection.open(server.port);
    fast.send(rawRequest("/hello.txt"));
    const responses = await fast.waitForResponses(1, 1_000);
    expect(responses[0]?.status).toBe(200);
    for (const connection of [...slow, fast]) connection.destroy();
  });
});

describe("connection cap", () => {
  it("queues connections over maxConnections (not read until a slot frees) and refuses beyond the queue", async () => {
    server = await startPipelineServer({ docroot: root.docroot, maxConnections: 2, maxQueuedConnections: 1, yieldToQueued: false });
    const first = await RawHttpConnection.open(server.port);
    const second = await RawHttpConnection.open(server.port);
    const third = await RawHttpConnection.open(server.port);
    await sleep(50);
    const fourth = await RawHttpConnection.open(server.port);
    for (const connection of [first, second, third]) connection.send(rawRequest("/hello.txt"));
    await first.waitForResponses(1);
    await second.waitForResponses(1);
    await sleep(100);
    expect(third.responses.length).toBe(0); // waiting, paused, in the queue
    expect(server.pipeline.openConnections).toBe(2);
    expect(server.pipeline.queuedConnections).toBe(1);
    expect(await fourth.waitForClose(2_000)).toBe(true);
    expect(fourth.responses[0]?.status).toBe(503);
    first.destroy(); // frees a slot: the queued connection is served
    const responses = await third.waitForResponses(1, 2_000);
    expect(responses[0]?.status).toBe(200);
    expect(server.pipeline.stats().connections.refused).toBe(1);
    second.destroy();
    third.destroy();
  });

  it("serves one connection at a time with maxConnections 1, reporting each close", async () => {
    const closes: string[] = [];
    server = await startPipelineServer({ docroot: root.docroot, maxConnections: 1, yieldToQueued: false });
    const pipeline = server.pipeline;
    server.server.removeAllListeners("connection");
    let next = 0;
    server.server.on("connection", (socket) => {
      const name = `connection ${++next}`;
      pipeline.serveConnection(socket, { onClose: () => closes.push(name) });
    });
    const a = await RawHttpConnection.open(server.port);
    a.send(rawRequest("/hello.txt")); // keep-alive: a holds the only slot after its response
    await a.waitForResponses(1);
    const b = await RawHttpConnection.open(server.port);
    b.send(rawRequest("/hello.txt"));
    await sleep(150);
    expect(b.responses.length).toBe(0);
    expect(closes).toEqual([]);
    a.destroy();
    const responses = await b.waitForResponses(1, 2_000);
    expect(responses[0]?.status).toBe(200);
    expect(closes).toEqual(["connection 1"]);
    b.destroy();
    await sleep(50);
    expect(closes).toEqual(["connection 1", "connection 2"]);
  });
});

describe("keep-alive under a connection cap", () => {
  /** A one-slot server whose /binary.bin takes 200 ms to read (a deferred read), other files none. */
  async function oneSlotServer(): Promise<PipelineServer> {
    const slowBinary: FileSource = {
      name: "slow-binary",
      read: (file) => {
        const data = syncRealFileSource.read(file) as Buffer;
        return file.path.endsWith("binary.bin") ? new Promise((resolve) => setTimeout(() => resolve(data), 200)) : data;
      },
    };
    return startPipelineServer({ docroot: root.docroot, maxConnections: 1, source: slowBinary });
  }

  /** Opens a second client that queues behind the first and checks that it is served. */
  async function expectQueuedClientServed(port: number, whileWaiting: () => Promise<void>): Promise<void> {
    const queued = await RawHttpConnection.open(port);
    queued.send(rawRequest("/hello.txt"));
    await whileWaiting();
    expect((await queued.waitForResponses(1, 2_000))[0]?.status).toBe(200);
    queued.destroy();
  }

  it("closes an idle keep-alive connection as soon as another one waits (yieldToQueued)", async () => {
    server = await oneSlotServer();
    const first = await RawHttpConnection.open(server.port);
    first.send(rawRequest("/hello.txt"));
    await first.waitForResponses(1);
    await expectQueuedClientServed(server.port, async () => expect(await first.waitForClose(1_000)).toBe(true));
  });

  it("answers Connection: close to a busy keep-alive client while another one waits", async () => {
    server = await oneSlotServer();
    const first = await RawHttpConnection.open(server.port);
    first.send(rawRequest("/binary.bin") + rawRequest("/hello.txt")); // the second is answered after the slow read
    await sleep(50);
    await expectQueuedClientServed(server.port, async () => {
      const responses = await first.waitForResponses(2, 2_000);
      expect(responses.map((r) => r.headers["connection"])).toEqual([undefined, "close"]);
      expect(await first.waitForClose(1_000)).toBe(true);
    });
  });

  it("gives the slot up when a request in flight finishes while another connection waits", async () => {
    server = await oneSlotServer();
    const first = await RawHttpConnection.open(server.port);
    first.send(rawRequest("/binary.bin"));
    await sleep(50);
    await expectQueuedClientServed(server.port, async () => {
      await first.waitForResponses(1, 2_000);
      expect(await first.waitForClose(1_000)).toBe(true); // well before the 5 s idle timeout
    });
  });

  it("closes after maxRequestsPerConnection requests", async () => {
    server = await startPipelineServer({ docroot: root.docroot, maxRequestsPerConnection: 3 });
    const connection = await RawHttpConnection.open(server.port);
    connection.send(rawRequest("/hello.txt").repeat(5));
    expect(await connection.waitForClose(1_000)).toBe(true);
    expect(connection.responses.map((r) => r.headers["connection"])).toEqual([undefined, undefined, "close"]);
  });
});

describe("graceful close", () => {
  it("closes idle connections at once and refuses new ones", async () => {
    const local = await startPipelineServer({ docroot: root.docroot });
    const idle = await RawHttpConnection.open(local.port);
    idle.send(rawRequest("/hello.txt"));
    await idle.waitForResponses(1);
    const started = Date.now();
    await local.close(2_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await idle.waitForClose(1_000)).toBe(true);
  });
});
