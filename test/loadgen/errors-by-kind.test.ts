/**
 * Errors by kind: each way a server can fail a request is counted under its own kind, failed requests
 * are not counted as completed, and an unreachable URL fails up front with a clear message.
 */
import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runLoad } from "../../lib/loadgen/index.js";
import { type Misbehaviour, startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function errorsAgainst(misbehaviour: Misbehaviour, http: "1.0" | "1.1", timeoutMs = 2000) {
  server = await startTestServer({ misbehaviour, bodyBytes: 4000 });
  const { summary, records } = await runLoad({ url: server.url, clients: 2, requests: 20, http, timeoutMs, threads: 0, keepRecords: true });
  return { summary, records: records ?? [] };
}

/** A port on which nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("errors by kind", () => {
  it.each(["1.0", "1.1"] as const)("a server that resets the connection gives reset errors (HTTP/%s)", async (http) => {
    const { summary, records } = await errorsAgainst("reset", http);
    expect(summary.requests).toBe(0);
    expect(summary.errors.reset).toBe(20);
    expect(summary.errorsTotal).toBe(20);
    expect(records.every((record) => record.error === "reset" && record.status === 0)).toBe(true);
  });

  it("a body shorter than Content-Length gives short-body errors", async () => {
    const { summary, records } = await errorsAgainst("short-body", "1.1");
    expect(summary.errors["short-body"]).toBe(20);
    expect(summary.requests).toBe(0);
    expect(records[0]?.status).toBe(200);
    expect(records[0]?.firstByteMs).toBeDefined();
  });

  it("a server that never answers gives timeout errors after the per-request timeout", async () => {
    server = await startTestServer({ misbehaviour: "silent" });
    const { summary, records } = await runLoad({ url: server.url, clients: 3, requests: 6, timeoutMs: 300, threads: 0, keepRecords: true });
    expect(summary.errors.timeout).toBe(6);
    expect(summary.requests).toBe(0);
    for (const record of records ?? []) {
      expect(record.endMs - record.startMs).toBeGreaterThanOrEqual(290);
      expect(record.endMs - record.startMs).toBeLessThan(1000);
    }
  });

  it("a 503 status gives bad-status errors and keeps its status code", async () => {
    const { summary, records } = await errorsAgainst("bad-status", "1.1");
    expect(summary.errors["bad-status"]).toBe(20);
    expect(records.every((record) => record.status === 503)).toBe(true);
  });

  it("a reply that is not HTTP gives bad-status errors", async () => {
    const { summary } = await errorsAgainst("garbage", "1.0");
    expect(summary.errors["bad-status"]).toBe(20);
  });

  it("refused connections during the run give connect errors", async () => {
    // The server answers the first requests, then stops listening: later connections are refused.
    server = await startTestServer({ bodyBytes: 10 });
    const live = server;
    const run = runLoad({ url: live.url, clients: 2, durationS: 0.6, http: "1.0", thinkMs: 5, threads: 0 });
    setTimeout(() => void live.close(), 250);
    const { summary } = await run;
    server = undefined;
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.errors.connect).toBeGreaterThan(0);
    expect(summary.errors.reset + summary.errors.timeout + summary.errors["short-body"] + summary.errors["bad-status"]).toBeLessThanOrEqual(2);
  });

  it("an unreachable URL fails up front with a clear message", async () => {
    const port = await closedPort();
    await expect(runLoad({ url: `http://127.0.0.1:${port}/`, requests: 1, threads: 0 })).rejects.toThrow(/cannot connect to 127\.0\.0\.1:\d+.*ECONNREFUSED.*is the server running/);
  });

  it("bad URLs and option combinations are rejected with what is accepted", async () => {
    await expect(runLoad({ url: "ftp://example.org/" })).rejects.toThrow(/only http:\/\//);
    await expect(runLoad({ url: "not a url" })).rejects.toThrow(/is not a URL/);
    await expect(runLoad({ url: "http://127.0.0.1:1/", mode: "open" })).rejects.toThrow(/open loop needs a rate/);
    await expect(runLoad({ url: "http://127.0.0.1:1/", http: "1.0", pipeline: 4 })).rejects.toThrow(/pipelining needs keep-alive/);
    await expect(runLoad({ url: "http://127.0.0.1:1/", clients: 0 })).rejects.toThrow(/clients must be a whole number ≥ 1; got 0/);
  });
});
