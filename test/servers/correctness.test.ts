/**
 * Every architecture serves the same HTTP correctly: byte-exact bodies, HEAD, 304, keep-alive,
 * pipelining and 404, with our raw client and with the real clients curl and ab; and none of them
 * leaks a file outside the docroot or falls over on malformed input.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeRaw, RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { startServer } from "../../lib/servers/start-server.js";
import { architectureNames, type RunningServer } from "../../lib/servers/types.js";
import { haveTools } from "../support/tools.js";
import { makeTestDocroot, portOf, ServerList } from "./support.js";

const run = promisify(execFile);
const docroot = makeTestDocroot([1024, 100 * 1024]);
const servers = new ServerList();
const small = "/1k-0.bin";
const large = "/100k-0.bin";
const smallBytes = readFileSync(join(docroot.directory, small));
const largeBytes = readFileSync(join(docroot.directory, large));
const haveClients = haveTools("curl", "ab");

afterAll(async () => {
  await servers.stopAll();
  docroot.remove();
});

describe.each(architectureNames)("%s", (arch) => {
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    server = servers.add(
      await startServer({ arch, docroot: docroot.directory, workers: 2, helpers: 2, apache: { minProcesses: 1, maxProcesses: 2, threadsPerProcess: 2 } }),
    );
    port = portOf(server);
  });

  it("serves byte-exact bodies, HEAD without a body, and 404", async () => {
    const get = await exchangeRaw({ port, send: rawRequest(large, { headers: { Connection: "close" } }), waitForClose: true });
    expect(get.responses[0]?.status).toBe(200);
    expect(Buffer.compare(get.responses[0]!.body, largeBytes)).toBe(0);
    expect(get.responses[0]?.headers["content-length"]).toBe(String(largeBytes.length));

    const head = await exchangeRaw({ port, send: rawRequest(small, { method: "HEAD", headers: { Connection: "close" } }), headRequests: [true], waitForClose: true });
    expect(head.responses[0]?.status).toBe(200);
    expect(head.responses[0]?.headers["content-length"]).toBe(String(smallBytes.length));
    expect(head.responses[0]?.body.length).toBe(0);
    expect(head.unparsed.length).toBe(0);

    const missing = await exchangeRaw({ port, send: rawRequest("/no-such-file.bin", { headers: { Connection: "close" } }) });
    expect(missing.responses[0]?.status).toBe(404);
  });

  it("answers If-Modified-Since with 304", async () => {
    const first = await exchangeRaw({ port, send: rawRequest(small, { headers: { Connection: "close" } }) });
    const lastModified = first.responses[0]?.headers["last-modified"];
    expect(lastModified).toBeDefined();
    const again = await exchangeRaw({ port, send: rawRequest(small, { headers: { Connection: "close", "If-Modified-Since": lastModified! } }) });
    expect(again.responses[0]?.status).toBe(304);
    expect(again.responses[0]?.body.length).toBe(0);
  });

  it("keeps a 1.1 connection alive and answers pipelined requests in order", async () => {
    const connection = await RawHttpConnection.open(port);
    try {
      connection.send(rawRequest(small), [false]);
      await connection.waitForResponses(1);
      connection.send(rawRequest(large), [false]);
      await connection.waitForResponses(2);
      expect(connection.closed).toBe(false);
      connection.send(rawRequest(large) + rawRequest(small, { method: "HEAD" }) + rawRequest(small, { headers: { Connection: "close" } }), [false, true, false]);
      const responses = await connection.waitForResponses(5);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(Buffer.compare(responses[2]!.body, largeBytes)).toBe(0);
      expect(responses[3]!.body.length).toBe(0);
      expect(Buffer.compare(responses[4]!.body, smallBytes)).toBe(0);
      expect(await connection.waitForClose()).toBe(true);
    } finally {
      connection.destroy();
    }
  });

  it("closes an HTTP/1.0 connection after the response", async () => {
    const result = await exchangeRaw({ port, send: rawRequest(small, { version: "1.0" }), waitForClose: true });
    expect(result.responses[0]?.status).toBe(200);
    expect(result.closed).toBe(true);
  });

  it("never serves a file outside the docroot and survives malformed input", async () => {
    const attempts = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/%252e%252e/etc/passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/1k-0.bin%00.html"];
    for (const path of attempts) {
      const result = await exchangeRaw({ port, send: rawRequest(path, { headers: { Connection: "close" } }) });
      expect([400, 403, 404]).toContain(result.responses[0]?.status);
      expect(result.responses[0]?.body.toString("latin1")).not.toContain("root:");
    }
    const garbage = await exchangeRaw({ port, send: "BLAH\r\n\r\n", waitForClose: true });
    expect(garbage.responses[0]?.status).toBe(400);
    const tooLong = await exchangeRaw({ port, send: `GET /${"a".repeat(9000)} HTTP/1.1\r\n\r\n`, waitForClose: true });
    expect(tooLong.responses[0]?.status).toBe(414);
    const after = await exchangeRaw({ port, send: rawRequest(small, { headers: { Connection: "close" } }) });
    expect(after.responses[0]?.status).toBe(200);
  });

  it.skipIf(!haveClients)("serves curl and ab", async () => {
    const curl = await run("curl", ["-s", "--fail", "--max-time", "10", `${server.url}${large}`], { encoding: "buffer", maxBuffer: 1 << 22 });
    expect(Buffer.compare(curl.stdout, largeBytes)).toBe(0);
    const curlHead = await run("curl", ["-s", "-I", "--max-time", "10", `${server.url}${small}`]);
    expect(curlHead.stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(curlHead.stdout).toMatch(new RegExp(`content-length: ${smallBytes.length}`, "i"));
    const ab = await run("ab", ["-q", "-n", "200", "-c", "4", "-s", "10", `${server.url}${small}`]);
    expect(ab.stdout).toMatch(/Complete requests:\s+200/);
    expect(ab.stdout).toMatch(/Failed requests:\s+0/);
    expect(ab.stdout).toMatch(/Document Length:\s+1024 bytes/);
    const stats = await server.stats();
    expect(stats.responsesByStatus["200"]).toBeGreaterThanOrEqual(200);
  });
});
