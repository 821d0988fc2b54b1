/**
 * Emulated slow and distant clients (`clientKbps`, `clientDelayMs`): a slow client takes at least a
 * response's size ÷ its bandwidth and really is a slow reader (the server's writes wait on it), an
 * added round trip shows in the connect, first-byte and response times as the model says, in the
 * closed and the open loop, with HTTP/1.0 and keep-alive; bad values are rejected.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../lib/metrics/request-record.js";
import { runLoad } from "../../lib/loadgen/index.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const responseMs = (record: RequestRecord) => record.endMs - (record.intendedMs ?? record.startMs);
/** Slack for a loaded, shared machine: the server's own time and late timers. */
const slackMs = 150;

describe("receive bandwidth per connection (clientKbps)", () => {
  const mebibyte = 1024 * 1024;

  it.each([
    ["closed", "1.1"],
    ["closed", "1.0"],
    ["open", "1.1"],
    ["open", "1.0"],
  ] as const)("a 1 MB response takes at least its size ÷ the rate (%s loop, HTTP/%s)", async (mode, http) => {
    server = await startTestServer({ bodyBytes: mebibyte });
    const clientKbps = 8000; // 1,000,000 bytes per second
    const { summary, records } = await runLoad({
      url: server.url,
      mode,
      ...(mode === "open" ? { rate: 5 } : {}),
      http,
      clients: 1,
      requests: 1,
      threads: 0,
      clientKbps,
      timeoutMs: 20_000,
      keepRecords: true,
    });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.clientKbps).toBe(clientKbps);
    const record = records![0]!;
    const transferMs = (record.bytes * 8) / clientKbps;
    expect(record.bytes).toBeGreaterThan(mebibyte);
    expect(record.endMs - record.startMs).toBeGreaterThanOrEqual(0.97 * transferMs);
    // Paced, not stalled: well under three times the transfer time.
    expect(record.endMs - record.startMs).toBeLessThan(3 * transferMs);
    // The first byte arrives long before the last.
    expect(record.firstByteMs! - record.startMs).toBeLessThan(transferMs / 2);
  });

  it("is a slow reader: the server's writes wait for it, well past what the kernel's buffers absorb", async () => {
    // 16 MiB at 8 MB/s; the socket buffers on loopback absorb a few MB of it at most.
    const bodyBytes = 16 * mebibyte;
    server = await startTestServer({ bodyBytes, streamChunkBytes: 64 * 1024 });
    const clientKbps = 64_000;
    const { summary, records } = await runLoad({ url: server.url, clients: 1, requests: 1, threads: 0, clientKbps, timeoutMs: 30_000, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    const transferMs = (bodyBytes * 8) / clientKbps;
    expect(records![0]!.endMs - records![0]!.startMs).toBeGreaterThanOrEqual(0.97 * transferMs);
    expect(server.sendDurationsMs).toHaveLength(1);
    // Had the client read at full speed, the server would have handed 16 MiB over in milliseconds.
    expect(server.sendDurationsMs[0]).toBeGreaterThan(0.75 * 1000);
  });
});

describe("added round-trip time (clientDelayMs)", () => {
  const delayMs = 200;

  it("keep-alive, closed loop: a new connection costs one round trip to connect and one for the request; a reused one, one", async () => {
    server = await startTestServer({ bodyBytes: 1000 });
    const { summary, records } = await runLoad({ url: server.url, clients: 2, requests: 8, threads: 0, clientDelayMs: delayMs, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.clientDelayMs).toBe(delayMs);
    const fresh = records!.filter((record) => record.connectMs !== undefined);
    const reused = records!.filter((record) => record.connectMs === undefined);
    expect(fresh).toHaveLength(2);
    expect(reused).toHaveLength(6);
    for (const record of fresh) {
      expect(record.connectMs! - record.startMs).toBeGreaterThanOrEqual(delayMs);
      expect(record.connectMs! - record.startMs).toBeLessThan(delayMs + slackMs);
      expect(record.firstByteMs! - record.startMs).toBeGreaterThanOrEqual(2 * delayMs);
      expect(responseMs(record)).toBeLessThan(2 * delayMs + slackMs);
    }
    for (const record of reused) {
      expect(responseMs(record)).toBeGreaterThanOrEqual(delayMs);
      expect(responseMs(record)).toBeLessThan(delayMs + slackMs);
    }
  });

  it("the server accepts each connection and reads its request together, as over a real path", async () => {
    server = await startTestServer({ bodyBytes: 100 });
    const { summary } = await runLoad({ url: server.url, http: "1.0", clients: 3, requests: 6, threads: 0, clientDelayMs: delayMs });
    expect(summary.errorsTotal).toBe(0);
    // Six connections sent a request (the reachability probe sends none); each one's came with it, not a
    // round trip later.
    expect(server.acceptToRequestMs).toHaveLength(6);
    for (const wait of server.acceptToRequestMs) expect(wait).toBeLessThan(delayMs / 2);
    expect(summary.responseMs!.min).toBeGreaterThanOrEqual(2 * delayMs);
  });

  it("HTTP/1.0, open loop: every response takes two round trips from its intended time", async () => {
    server = await startTestServer({ bodyBytes: 500 });
    const { summary, records } = await runLoad({ url: server.url, mode: "open", rate: 20, durationS: 0.5, clients: 20, http: "1.0", threads: 1, clientDelayMs: delayMs, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBeGreaterThan(3);
    for (const record of records!) {
      expect(responseMs(record)).toBeGreaterThanOrEqual(2 * delayMs);
      expect(responseMs(record)).toBeLessThan(2 * delayMs + slackMs);
    }
    expect(summary.responseMs!.min).toBeGreaterThanOrEqual(2 * delayMs);
  });

  it("adds to the bandwidth's transfer time when both are set", async () => {
    server = await startTestServer({ bodyBytes: 100_000 });
    const clientKbps = 800; // 100,000 bytes per second
    const { summary, records } = await runLoad({ url: server.url, http: "1.0", clients: 1, requests: 2, threads: 0, clientDelayMs: delayMs, clientKbps, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    for (const record of records!) {
      const transferMs = (record.bytes * 8) / clientKbps;
      expect(responseMs(record)).toBeGreaterThanOrEqual(2 * delayMs + 0.97 * transferMs);
      expect(responseMs(record)).toBeLessThan(2 * delayMs + 2 * transferMs + slackMs);
    }
  });
});

describe("bad emulation values", () => {
  const url = "http://127.0.0.1:1/";

  it("are rejected with what is accepted", async () => {
    await expect(runLoad({ url, clientDelayMs: -1 })).rejects.toThrow(/clientDelayMs must be a number of ms from 0 to 60000; got -1/);
    await expect(runLoad({ url, clientDelayMs: Number.NaN })).rejects.toThrow(/clientDelayMs must be/);
    await expect(runLoad({ url, clientDelayMs: 90_000 })).rejects.toThrow(/from 0 to 60000; got 90000/);
    await expect(runLoad({ url, clientKbps: 0 })).rejects.toThrow(/clientKbps must be a number of kbit\/s > 0 and ≤ 1000000 \(1 Gbit\/s\); got 0/);
    await expect(runLoad({ url, clientKbps: -56 })).rejects.toThrow(/clientKbps must be/);
    await expect(runLoad({ url, clientKbps: Infinity })).rejects.toThrow(/clientKbps must be/);
    await expect(runLoad({ url, clientKbps: "56" as unknown as number })).rejects.toThrow(/clientKbps must be/);
  });

  it("reject a delay that leaves no time within the timeout", async () => {
    await expect(runLoad({ url, clientDelayMs: 3000 })).rejects.toThrow(/clientDelayMs 3000 leaves no time within timeoutMs 5000: .*two round trips \(6000 ms\)/);
    await expect(runLoad({ url, clientDelayMs: 3000, timeoutMs: 4000 })).rejects.toThrow(/raise timeoutMs/);
  });
});
