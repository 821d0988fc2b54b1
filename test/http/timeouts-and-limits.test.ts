// Slow clients (slowloris) are cut off by the header and idle timeouts; the connection cap queues, then
// refuses. Each claim waits for the event or the counter that proves it, never for a fixed time.
import { describe, expect, it } from "vitest";
import { RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { waitFor } from "../support/wait.js";
import { useServersPerTest } from "./support/test-server.js";

const servers = useServersPerTest();

describe("slow clients", () => {
  it("answers 408 and closes when a head trickles in slower than the header timeout", async () => {
    const server = await servers.start({ headerTimeoutMs: 300, idleTimeoutMs: 5_000 });
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
    const server = await servers.start({ headerTimeoutMs: 300 });
    const connection = await RawHttpConnection.open(server.port);
    expect(await connection.waitForClose(3_000)).toBe(true);
    expect(connection.responses.length).toBe(0);
    expect(server.pipeline.stats().connections.timedOut).toBe(1);
  });

  it("closes an idle keep-alive connection after the idle timeout counted from its last request", async () => {
    const server = await servers.start({ headerTimeoutMs: 5_000, idleTimeoutMs: 600 });
    const connection = await RawHttpConnection.open(server.port);
    connection.send(rawRequest("/hello.txt"));
    await connection.waitForResponses(1);
    await new Promise((resolve) => setTimeout(resolve, 350)); // within the idle timeout
    connection.send(rawRequest("/hello.txt")); // activity restarts the idle clock
    expect(await connection.waitForResponses(2)).toHaveLength(2);
    const afterSecond = Date.now();
    expect(await connection.waitForClose(3_000)).toBe(true);
    // Counted from the first request, the close would come about 250 ms after the second.
    expect(Date.now() - afterSecond).toBeGreaterThanOrEqual(550);
    expect(server.pipeline.stats().connections.idleClosed).toBe(1);
  });

  it("keeps serving other clients while slow ones hang on", async () => {
    const server = await servers.start({ headerTimeoutMs: 2_000 });
    const slow = await Promise.all(Array.from({ length: 20 }, () => RawHttpConnection.open(server.port)));
    slow.forEach((connection) => connection.send("GET /hello.txt HTTP/1.1\r\nHost: x\r\n"));
    const fast = await RawHttpConnection.open(server.port);
    fast.send(rawRequest("/hello.txt"));
    const responses = await fast.waitForResponses(1, 1_000);
    expect(responses[0]?.status).toBe(200);
    for (const connection of [...slow, fast]) connection.destroy();
  });
});

describe("connection cap", () => {
  it("queues connections over maxConnections (answered only once a slot frees) and refuses beyond the queue", async () => {
    const server = await servers.start({ maxConnections: 2, maxQueuedConnections: 1, yieldToQueued: false });
    const pipeline = server.pipeline;
    const events: string[] = [];
    const first = await RawHttpConnection.open(server.port);
    const second = await RawHttpConnection.open(server.port);
    await waitFor("two open connections", () => pipeline.openConnections === 2);
    const third = await RawHttpConnection.open(server.port);
    await waitFor("the third to queue", () => pipeline.queuedConnections === 1);
    const fourth = await RawHttpConnection.open(server.port);
    for (const connection of [first, second, third]) connection.send(rawRequest("/hello.txt"));
    expect((await first.waitForResponses(1))[0]?.status).toBe(200);
    expect((await second.waitForResponses(1))[0]?.status).toBe(200);
    expect(await fourth.waitForClose(2_000)).toBe(true);
    expect(fourth.responses[0]?.status).toBe(503);
    expect(pipeline.stats().connections.refused).toBe(1);
    expect(pipeline.queuedConnections).toBe(1); // still waiting, its request unanswered
    third.socket.once("data", () => events.push("third answered"));
    events.push("first closed");
    first.destroy(); // frees a slot: the queued connection is served
    await waitFor("the third's response", () => third.responses.length === 1, 5_000);
    expect(third.responses[0]?.status).toBe(200);
    expect(events).toEqual(["first closed", "third answered"]);
    second.destroy();
    third.destroy();
  });

  it("serves one connection at a time with maxConnections 1, reporting each close", async () => {
    const closes: string[] = [];
    const server = await servers.start({ maxConnections: 1, yieldToQueued: false });
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
    await waitFor("b to queue", () => pipeline.queuedConnections === 1);
    expect(closes).toEqual([]);
    a.destroy();
    const responses = await b.waitForResponses(1, 2_000);
    expect(responses[0]?.status).toBe(200);
    expect(closes).toEqual(["connection 1"]); // b was answered only after a had closed
    b.destroy();
    await waitFor("b's close to be reported", () => closes.length === 2);
    expect(closes).toEqual(["connection 1", "connection 2"]);
  });

  it("closes after maxRequestsPerConnection requests", async () => {
    const server = await servers.start({ maxRequestsPerConnection: 3 });
    const connection = await RawHttpConnection.open(server.port);
    connection.send(rawRequest("/hello.txt").repeat(5));
    expect(await connection.waitForClose(1_000)).toBe(true);
    expect(connection.responses.map((r) => r.headers["connection"])).toEqual([undefined, undefined, "close"]);
  });
});
