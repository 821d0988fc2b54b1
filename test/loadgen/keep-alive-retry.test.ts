/**
 * The keep-alive race: a server that closes a kept-alive connection without `Connection: close` while
 * the client's next request is on its way. The load generator retries such a request once on a fresh
 * connection (RFC 9112 §9.3.1), counts the retry, and still reports as errors what a retry must not
 * hide: a reset mid-response, a refused connection, a connection that never answered.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../lib/metrics/request-record.js";
import { runLoad } from "../../lib/loadgen/index.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const folder = mkdtempSync(join(tmpdir(), "flashlab-retry-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const retriesIn = (records: readonly RequestRecord[] | undefined) => (records ?? []).reduce((sum, record) => sum + (record.retries ?? 0), 0);

/** runLoad first opens one connection (sending nothing) to check that the server is reachable. */
const probe = 1;

describe("retry after a keep-alive race", () => {
  it.each([
    ["closed", 0],
    ["closed", 2],
    ["open", 1],
  ] as const)("a server closing right after each response: no errors, every request answered exactly once (%s loop, threads %i)", async (mode, threads) => {
    server = await startTestServer({ bodyBytes: 300, closeAfterResponses: 1, closeStyle: "after-response" });
    const requests = 300;
    const { summary, records } = await runLoad({
      url: server.url,
      mode,
      ...(mode === "open" ? { rate: 1500, arrival: "constant" as const } : {}),
      clients: 4,
      requests,
      threads,
      keepRecords: true,
    });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(requests);
    expect(server.answered).toBe(requests);
    // Each connection answers one request, so each answered request had a connection of its own.
    expect(summary.connections).toBe(requests);
    expect(server.connections).toBe(requests + probe);
    expect(summary.retries).toBeGreaterThan(0);
    expect(summary.retries).toBeGreaterThanOrEqual(server.unanswered);
    expect(retriesIn(records)).toBe(summary.retries);
    expect(records?.filter((record) => record.retries === 1).every((record) => record.status === 200 && record.error === undefined)).toBe(true);
  });

  it("a server resetting the connection on the request after the second: each dropped request is retried once", async () => {
    server = await startTestServer({ bodyBytes: 500, closeAfterResponses: 2, closeStyle: "on-next-request" });
    const { summary } = await runLoad({ url: server.url, clients: 3, requests: 200, threads: 0 });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(200);
    expect(server.answered).toBe(200);
    expect(server.unanswered).toBeGreaterThan(50);
    // One request in flight per connection: every request the server dropped is exactly one retry.
    expect(summary.retries).toBe(server.unanswered);
  });

  it("pipelined requests after the last answered one are retried on a fresh connection", async () => {
    // Three answers per connection, three requests in flight: the retried ones fit in the next connection's three.
    server = await startTestServer({ bodyBytes: 200, closeAfterResponses: 3, closeStyle: "on-next-request" });
    const { summary, records } = await runLoad({ url: server.url, clients: 2, pipeline: 3, requests: 240, threads: 0, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(240);
    expect(server.answered).toBe(240);
    expect(summary.retries).toBeGreaterThanOrEqual(server.unanswered);
    expect(summary.retries).toBeGreaterThan(0);
    expect(retriesIn(records)).toBe(summary.retries);
  });

  it("retries a request once: losing the race again on its retry is an error", async () => {
    // Four in flight but three answers per connection: the fourth is dropped on every connection, retried or not.
    server = await startTestServer({ bodyBytes: 200, closeAfterResponses: 3, closeStyle: "on-next-request" });
    const { summary, records } = await runLoad({ url: server.url, clients: 1, pipeline: 4, requests: 120, threads: 0, keepRecords: true });
    expect(summary.requests + summary.errorsTotal).toBe(120);
    expect(summary.requests).toBe(server.answered);
    expect(summary.errors.reset).toBeGreaterThan(0);
    expect(summary.errorsTotal).toBe(summary.errors.reset);
    expect(records?.filter((record) => record.error !== undefined).every((record) => record.retries === 1)).toBe(true);
  });

  it("counts retries in the records CSV", async () => {
    server = await startTestServer({ bodyBytes: 100, closeAfterResponses: 1, closeStyle: "after-response" });
    const file = join(folder, "records.csv");
    const { summary } = await runLoad({ url: server.url, clients: 2, requests: 100, threads: 1, recordsFile: file });
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const column = lines[0]!.split(",").indexOf("retries");
    expect(column).toBeGreaterThan(0);
    const csvRetries = lines.slice(1).reduce((sum, line) => sum + Number(line.split(",")[column]), 0);
    expect(summary.retries).toBeGreaterThan(0);
    expect(csvRetries).toBe(summary.retries);
  });
});

/** A server whose connection handler is `onConnection`; closed after each test. */
async function rawServer(onConnection: (socket: Socket, server: Server) => void): Promise<{ url: string; server: Server }> {
  const raw = createServer((socket) => {
    socket.on("error", () => {});
    onConnection(socket, raw);
  });
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}/file`, server: raw };
}

/** Calls `onRequest(n)` for the n-th request (1, 2, …) complete on `socket`. */
function onRequests(socket: Socket, onRequest: (n: number) => void): void {
  let pending = "";
  let count = 0;
  socket.on("data", (chunk) => {
    pending += chunk.toString("latin1");
    let end: number;
    while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
      pending = pending.slice(end + 4);
      onRequest(++count);
    }
  });
}

const okResponse = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe("what a retry must not hide", () => {
  let raw: Server | undefined;
  afterEach(async () => {
    const open = raw;
    raw = undefined;
    if (open?.listening) await new Promise((resolve) => open.close(resolve));
  });

  it("a reset mid-response on a reused connection is an error, not a retry", async () => {
    const started = await rawServer((socket) =>
      onRequests(socket, (n) => {
        if (n === 1) socket.write(okResponse("x".repeat(1000)));
        else socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n${"x".repeat(500)}`, () => socket.resetAndDestroy());
      }),
    );
    raw = started.server;
    const { summary } = await runLoad({ url: started.url, clients: 1, requests: 2, threads: 0 });
    expect(summary.requests).toBe(1);
    expect(summary.errors.reset + summary.errors["short-body"]).toBe(1);
    expect(summary.retries).toBe(0);
  });

  it("a refused connection on the retry is a connect error, and the retry is counted", async () => {
    const started = await rawServer((socket, listening) =>
      onRequests(socket, (n) => {
        if (n === 1) socket.write(okResponse("hello"));
        else {
          // Stop listening first, so the retry's connection is refused.
          listening.close();
          socket.destroy();
        }
      }),
    );
    raw = started.server;
    const { summary, records } = await runLoad({ url: started.url, clients: 1, requests: 2, threads: 0, keepRecords: true });
    expect(summary.requests).toBe(1);
    expect(summary.errors.connect).toBe(1);
    expect(summary.errorsTotal).toBe(1);
    expect(summary.retries).toBe(1);
    expect(records?.find((record) => record.error === "connect")?.retries).toBe(1);
  });

  it("a connection closed before its first response is an error: only a connection that answered is reused with confidence", async () => {
    server = await startTestServer({ misbehaviour: "reset" });
    const { summary } = await runLoad({ url: server.url, clients: 2, requests: 10, threads: 0 });
    expect(summary.errors.reset).toBe(10);
    expect(summary.retries).toBe(0);
  });

  it("a timeout is not retried", async () => {
    const started = await rawServer((socket) => onRequests(socket, (n) => n === 1 && socket.write(okResponse("hi"))));
    raw = started.server;
    const { summary } = await runLoad({ url: started.url, clients: 1, requests: 2, threads: 0, timeoutMs: 300 });
    expect(summary.requests).toBe(1);
    expect(summary.errors.timeout).toBe(1);
    expect(summary.retries).toBe(0);
  });
});
