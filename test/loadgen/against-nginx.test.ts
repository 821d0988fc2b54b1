/**
 * Against a real server: nginx (started by flashlab's runner, access log on, keepalive_requests 10)
 * logs every request it answers, so the load generator's counts can be checked line by line. nginx
 * also ends each keep-alive connection after 10 requests with "Connection: close": the generator must
 * reconnect and re-send what it had pipelined behind, losing nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoad } from "../../lib/loadgen/index.js";
import { startNginx, type RunningNginx } from "../../lib/peers/nginx.js";
import { haveTools } from "../support/tools.js";

const present = haveTools("nginx");
const docroot = mkdtempSync(join(tmpdir(), "flashlab-against-nginx-"));
writeFileSync(join(docroot, "a.txt"), "a".repeat(700));
let nginx: RunningNginx | undefined;

beforeAll(async () => {
  if (present) nginx = await startNginx({ docroot, keepaliveRequests: 10, accessLog: true });
});
afterAll(async () => {
  await nginx?.stop();
  rmSync(docroot, { recursive: true, force: true });
});

/** Lines nginx has logged so far. */
function loggedRequests(): number {
  const text = readFileSync(nginx!.accessLogFile!, "utf8");
  return text === "" ? 0 : text.trimEnd().split("\n").length;
}

describe.skipIf(!present)("against nginx", () => {
  it("pipelined keep-alive: reconnects after Connection: close, re-sends, and nginx logs exactly what was counted", async () => {
    const before = loggedRequests();
    const { summary } = await runLoad({ url: `${nginx!.baseUrl}/a.txt`, clients: 3, pipeline: 4, requests: 600, threads: 1 });
    expect(summary.errorsTotal).toBe(0);
    expect(summary.requests).toBe(600);
    expect(loggedRequests() - before).toBe(600);
    // At most 10 requests per connection: at least 60 connections.
    expect(summary.connections).toBeGreaterThanOrEqual(60);
  });

  it("open loop over HTTP/1.0 on two threads: nginx logs exactly the requests counted", async () => {
    const before = loggedRequests();
    const { summary, records } = await runLoad({ url: `${nginx!.baseUrl}/a.txt`, mode: "open", rate: 1000, durationS: 0.8, http: "1.0", clients: 8, threads: 2, keepRecords: true });
    expect(summary.errorsTotal).toBe(0);
    expect(loggedRequests() - before).toBe(summary.requests);
    expect(summary.connections).toBe(summary.requests);
    for (const record of records!) expect(record.bytes).toBe((records![0] as { bytes: number }).bytes);
  });
});
