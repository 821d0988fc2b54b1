/**
 * The peer runners against a real nginx started by flashlab's nginx runner: wrk, ab and autocannon run
 * for real and their results land in the summary schema with plausible, mutually consistent figures.
 * The nginx runner serves the docroot on loopback, on a port of its own, and stops by PID.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "../../lib/loadgen/index.js";
import { runAb, runAutocannon, runWrk, startNginx, type RunningNginx } from "../../lib/peers/index.js";
import { haveTools } from "../support/tools.js";

const toolsPresent = haveTools("nginx", "wrk", "ab");
const docroot = mkdtempSync(join(tmpdir(), "flashlab-peers-"));
writeFileSync(join(docroot, "1k.bin"), Buffer.alloc(1024, 7));
let nginx: RunningNginx | undefined;

beforeAll(async () => {
  if (toolsPresent) nginx = await startNginx({ docroot });
});
afterAll(async () => {
  await nginx?.stop();
  rmSync(docroot, { recursive: true, force: true });
});

describe.skipIf(!toolsPresent)("peers against nginx", () => {
  it("nginx serves the docroot on loopback from its own folder, and stops by PID", async () => {
    const server = nginx as RunningNginx;
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.baseUrl}/1k.bin`);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(1024);
    expect(existsSync(join(server.prefix, "nginx.pid"))).toBe(true);
    expect((await fetch(`${server.baseUrl}/missing`)).status).toBe(404);
  });

  it("wrk's results arrive with exact percentiles and no errors", async () => {
    const summary = await runWrk({ url: `${nginx!.baseUrl}/1k.bin`, connections: 4, durationS: 1 });
    expect(summary.tool).toBe("wrk");
    expect(summary.requests).toBeGreaterThan(100);
    expect(summary.errorsTotal).toBe(0);
    expect(summary.durationS).toBeGreaterThan(0.9);
    const latency = summary.responseMs!;
    expect(latency.min!).toBeLessThanOrEqual(latency.p50!);
    expect(latency.p50!).toBeLessThanOrEqual(latency.p95!);
    expect(latency.p95!).toBeLessThanOrEqual(latency.p99!);
    expect(latency.p99!).toBeLessThanOrEqual(latency.max!);
    // 1024-byte bodies plus headers: bytes per request between 1 KB and 2 KB.
    const bytesPerRequest = (summary.bandwidthMBps! * 1e6) / summary.throughputRps;
    expect(bytesPerRequest).toBeGreaterThan(1024);
    expect(bytesPerRequest).toBeLessThan(2048);
    expect(summary.clientCpuPct).not.toBeNull();
  });

  it("ab's results arrive, one connection per request without keep-alive", async () => {
    const summary = await runAb({ url: `${nginx!.baseUrl}/1k.bin`, requests: 500, concurrency: 4 });
    expect(summary.requests).toBe(500);
    expect(summary.connections).toBe(500);
    expect(summary.errorsTotal).toBe(0);
    const keepAlive = await runAb({ url: `${nginx!.baseUrl}/1k.bin`, requests: 500, concurrency: 4, keepAlive: true });
    expect(keepAlive.requests).toBe(500);
    expect(keepAlive.connections).toBeNull();
  });

  it("ab and flashlab agree on what a 404 is", async () => {
    const ab = await runAb({ url: `${nginx!.baseUrl}/missing`, requests: 50, concurrency: 2 });
    const flashlab = await runLoad({ url: `${nginx!.baseUrl}/missing`, requests: 50, clients: 2, threads: 0 });
    expect(ab.errors["bad-status"]).toBe(50);
    expect(flashlab.summary.errors["bad-status"]).toBe(50);
    expect(ab.requests).toBe(0);
    expect(flashlab.summary.requests).toBe(0);
  });

  it("autocannon's results arrive", async () => {
    const summary = await runAutocannon({ url: `${nginx!.baseUrl}/1k.bin`, connections: 4, durationS: 1 });
    expect(summary.tool).toBe("autocannon");
    expect(summary.requests).toBeGreaterThan(100);
    expect(summary.errorsTotal).toBe(0);
    expect(summary.responseMs?.p95).toBeNull();
  });

  it("flashlab's load generator, against nginx: bytes and statuses as nginx sends them", async () => {
    const { summary, records } = await runLoad({ url: `${nginx!.baseUrl}/1k.bin`, requests: 300, clients: 4, http: "1.0", threads: 0, keepRecords: true });
    expect(summary.requests).toBe(300);
    expect(summary.connections).toBe(300);
    for (const record of records!) {
      expect(record.status).toBe(200);
      expect(record.bytes).toBeGreaterThan(1024);
      expect(record.connectMs).toBeDefined();
    }
  });
});
