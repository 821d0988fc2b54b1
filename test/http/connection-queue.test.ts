// Connections waiting for a slot (over maxConnections): they are watched while they wait, so a client
// that leaves having sent nothing is dropped at once instead of holding the slot for a header timeout
// later; and keep-alive connections give their slot up to waiting ones without losing a request:
// at a response boundary (Connection: close), or, when really idle, gracefully (FIN, never RST).
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { syncRealFileSource, type FileSource } from "../../lib/http/index.js";
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { waitFor } from "../support/wait.js";
import { keepAliveSoak } from "../support/keep-alive-client.js";
import { useServersPerTest } from "./support/test-server.js";

const servers = useServersPerTest();

/** Opens a connection that sends nothing and half-closes at once (a client that gave up). */
function connectAndLeave(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.end();
      socket.resume();
      socket.once("close", () => resolve());
    });
  });
}

describe("queued connections", () => {
  it("a queued client that closes without sending is dropped at once, not served a header timeout later", async () => {
    const server = await servers.start({ maxConnections: 1, headerTimeoutMs: 3_000 });
    const holder = await RawHttpConnection.open(server.port);
    holder.send("GET /hello.txt HTTP/1.1\r\n"); // holds the only slot, mid-request
    await waitFor("the holder to be served", () => server.pipeline.openConnections === 1);
    await Promise.all(Array.from({ length: 20 }, () => connectAndLeave(server.port)));
    // Every one of them was noticed while the holder still held the slot.
    await waitFor("the queue to empty", () => server.pipeline.queuedConnections === 0);
    expect(server.pipeline.openConnections).toBe(1);
    expect(server.pipeline.stats().connections.abandoned).toBe(20);
    holder.send("Host: x\r\nConnection: close\r\n\r\n");
    expect((await holder.waitForResponses(1))[0]?.status).toBe(200);
    // A real request after them is served at once: no header timeout (3 s) spent on a departed client.
    const sentAt = performance.now();
    const late = await RawHttpConnection.open(server.port);
    late.send(rawRequest("/hello.txt"));
    expect((await late.waitForResponses(1, 10_000))[0]?.status).toBe(200);
    expect(performance.now() - sentAt).toBeLessThan(2_000);
    late.destroy();
  });

  it("a queued client that sent its request and then half-closed is still answered", async () => {
    const server = await servers.start({ maxConnections: 1 });
    const holder = await RawHttpConnection.open(server.port);
    holder.send("GET /hello.txt HTTP/1.1\r\n");
    await waitFor("the holder to be served", () => server.pipeline.openConnections === 1);
    const queued = await RawHttpConnection.open(server.port);
    queued.send(rawRequest("/hello.txt"));
    queued.socket.end();
    await waitFor("the second to queue", () => server.pipeline.queuedConnections === 1);
    holder.destroy();
    expect((await queued.waitForResponses(1))[0]?.status).toBe(200);
    expect(await queued.waitForClose()).toBe(true);
    expect(server.pipeline.stats().connections.abandoned).toBe(0);
  });
});

describe("keep-alive connections yielding their slot", () => {
  it("clients thinking a few ms between requests, one slot: none loses a request or sees a reset", async () => {
    const server = await servers.start({ maxConnections: 1 });
    const { statuses, clients } = await keepAliveSoak(server.port, 4, 40, "/hello.txt");
    expect(statuses.filter((status) => status === 200)).toHaveLength(160);
    expect(clients.map((client) => client.resets)).toEqual([0, 0, 0, 0]);
    // Every request got its answer the first time: the slot changed hands at response boundaries only.
    expect(clients.map((client) => client.retried)).toEqual([0, 0, 0, 0]);
    expect(server.pipeline.stats().connections.yielded).toBeGreaterThan(0);
  });

  it("a really idle keep-alive connection is closed gracefully, after idleYieldMs, for a waiting one", async () => {
    const server = await servers.start({ maxConnections: 1, idleYieldMs: 150 });
    const idle = await RawHttpConnection.open(server.port);
    idle.send(rawRequest("/hello.txt"));
    await idle.waitForResponses(1);
    const waiting = await RawHttpConnection.open(server.port);
    waiting.send(rawRequest("/hello.txt"));
    await waitFor("the second to queue", () => server.pipeline.queuedConnections === 1);
    const queuedAt = performance.now();
    expect(await idle.waitForEnd(3_000)).toBe(true); // our FIN
    expect(performance.now() - queuedAt).toBeGreaterThanOrEqual(140);
    expect((await waiting.waitForResponses(1))[0]?.status).toBe(200);
    // A request the client sends after our FIN is read and dropped, never answered with a reset.
    idle.send(rawRequest("/hello.txt"));
    idle.socket.end();
    expect(await idle.waitForClose(3_000)).toBe(true);
    expect(idle.error).toBeUndefined();
    expect(idle.responses).toHaveLength(1);
    expect(server.pipeline.stats().connections.yielded).toBe(1);
    waiting.destroy();
  });

  it("a busy keep-alive connection answers Connection: close while another waits", async () => {
    const slowBinary: FileSource = {
      name: "slow-binary",
      read: (file, offset, length) => {
        const data = syncRealFileSource.read(file, offset, length) as Buffer;
        return file.path.endsWith("binary.bin") ? new Promise((resolve) => setTimeout(() => resolve(data), 200)) : data;
      },
    };
    const server = await servers.start({ maxConnections: 1, source: slowBinary });
    const first = await RawHttpConnection.open(server.port);
    first.send(rawRequest("/binary.bin") + rawRequest("/hello.txt")); // the second is answered after the slow read
    await waitFor("the slow read to start", () => server.pipeline.stats().fileReads.deferred === 1);
    const queued = await RawHttpConnection.open(server.port);
    queued.send(rawRequest("/hello.txt"));
    const responses = await first.waitForResponses(2, 3_000);
    expect(responses.map((response) => response.headers["connection"])).toEqual([undefined, "close"]);
    expect(await first.waitForClose()).toBe(true);
    expect((await queued.waitForResponses(1, 3_000))[0]?.status).toBe(200);
    queued.destroy();
  });

  it("connections waiting elsewhere (setWaitingElsewhere) count as waiting", async () => {
    const server = await servers.start();
    const connection = await RawHttpConnection.open(server.port);
    connection.send(rawRequest("/hello.txt"));
    await connection.waitForResponses(1);
    expect(connection.responses[0]?.headers["connection"]).toBeUndefined();
    server.pipeline.setWaitingElsewhere(3);
    connection.send(rawRequest("/hello.txt"));
    const responses = await connection.waitForResponses(2);
    expect(responses[1]?.headers["connection"]).toBe("close");
    expect(await connection.waitForClose()).toBe(true);
    server.pipeline.setWaitingElsewhere(0);
    const again = await RawHttpConnection.open(server.port);
    again.send(rawRequest("/hello.txt") + rawRequest("/hello.txt"));
    expect((await again.waitForResponses(2)).map((response) => response.headers["connection"])).toEqual([undefined, undefined]);
    again.destroy();
  });
});
