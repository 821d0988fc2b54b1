/**
 * Nothing lost: against a server that counts what it receives, every request the load generator
 * reports (completed plus failed) is one the server read, and every connection it reports is one the
 * server accepted — in the closed and the open loop, with HTTP/1.0 and with keep-alive, on worker threads.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type LoadProgress, runLoad } from "../../lib/loadgen/index.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** runLoad first opens one connection (sending nothing) to check that the server is reachable. */
const probe = 1;

async function settle(): Promise<void> {
  // The server counts a request when its bytes arrive; give the last ones a moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("load generator counts match the server's", () => {
  it("closed loop, HTTP/1.0: one connection per request, counts exact", async () => {
    server = await startTestServer({ bodyBytes: 512 });
    const { summary } = await runLoad({ url: server.url, mode: "closed", clients: 8, requests: 1500, http: "1.0", threads: 2 });
    await settle();
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(1500);
    expect(server.requests).toBe(1500);
    expect(summary.connections).toBe(1500);
    expect(server.connections).toBe(1500 + probe);
    expect(summary.bandwidthMBps).toBeGreaterThan(0);
  });

  it("closed loop, keep-alive: one connection per client", async () => {
    server = await startTestServer({ bodyBytes: 1024 });
    const { summary } = await runLoad({ url: server.url, mode: "closed", clients: 6, requests: 3000, http: "1.1", threads: 2 });
    await settle();
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(3000);
    expect(server.requests).toBe(3000);
    expect(summary.connections).toBe(6);
    expect(server.connections).toBe(6 + probe);
  });

  it("closed loop, keep-alive with pipelining depth 4", async () => {
    server = await startTestServer({ bodyBytes: 200 });
    const { summary } = await runLoad({ url: server.url, clients: 3, requests: 2000, pipeline: 4, threads: 1 });
    await settle();
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(2000);
    expect(server.requests).toBe(2000);
    expect(server.connections).toBe(3 + probe);
  });

  it("open loop, HTTP/1.0, duration-bound: counts exact", async () => {
    server = await startTestServer({ bodyBytes: 256 });
    const { summary } = await runLoad({ url: server.url, mode: "open", rate: 800, durationS: 1, clients: 16, http: "1.0", threads: 2 });
    await settle();
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(server.requests);
    expect(summary.connections + probe).toBe(server.connections);
    expect(summary.connections).toBe(summary.requests);
    // A Poisson process at 800/s over 1 s: well within ±25 %.
    expect(summary.requests).toBeGreaterThan(600);
    expect(summary.requests).toBeLessThan(1000);
  });

  it("open loop, keep-alive, count-bound: exactly N requests over at most `clients` connections", async () => {
    server = await startTestServer({ bodyBytes: 256 });
    const { summary } = await runLoad({ url: server.url, mode: "open", rate: 2000, arrival: "constant", requests: 1000, clients: 8, threads: 2 });
    await settle();
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(1000);
    expect(server.requests).toBe(1000);
    expect(summary.connections + probe).toBe(server.connections);
    expect(summary.connections).toBeLessThanOrEqual(8);
  });

  it("warm-up requests reach the server but not the summary", async () => {
    server = await startTestServer({ bodyBytes: 64 });
    const { summary } = await runLoad({ url: server.url, clients: 2, warmupS: 0.3, requests: 200, threads: 0 });
    await settle();
    expect(summary.requests).toBe(200);
    expect(summary.warmup.requests).toBeGreaterThan(0);
    expect(server.requests).toBe(summary.requests + summary.warmup.requests);
  });

  it("past the in-memory record limit, counts stay exact and the summary comes from the HDR histograms", async () => {
    server = await startTestServer({ bodyBytes: 128 });
    const { summary, records } = await runLoad({ url: server.url, clients: 4, requests: 3000, threads: 2, maxRecordsInMemory: 1000, slaMs: 1000, keepRecords: true });
    await settle();
    expect(summary.summarySource).toBe("histograms");
    expect(records).toBeUndefined();
    expect(summary.requests).toBe(3000);
    expect(server.requests).toBe(3000);
    expect(summary.responseMs?.count).toBe(3000);
    expect(summary.responseMs!.p50).toBeLessThanOrEqual(summary.responseMs!.p99);
    expect(summary.slaViolationPct).toBe(0);
    expect(summary.bandwidthMBps).toBeGreaterThan(0);
  });

  it("an abort ends a long run early, and the requests in flight still end and count", async () => {
    server = await startTestServer({ bodyBytes: 64 });
    const abort = new AbortController();
    // Abort once requests are flowing (the threads may take a while to start on a loaded machine).
    const onProgress = (progress: LoadProgress) => {
      if (progress.completed > 0) abort.abort();
    };
    const started = Date.now();
    const { summary } = await runLoad({ url: server.url, clients: 4, durationS: 30, threads: 2, signal: abort.signal, onProgress });
    await settle();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBeGreaterThan(0);
    expect(server.requests).toBe(summary.requests);
  });
});
