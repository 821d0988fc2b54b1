// The pipeline over real sockets: bodies, HEAD, 304, keep-alive, pipelining, directories and 404.
import { describe, expect, it } from "vitest";
import { exchangeRaw, RawHttpConnection, rawRequest } from "../../lib/loadgen/index.js";
import { createFlashCaches } from "../../lib/http/index.js";
import { useDocrootServer } from "./support/test-server.js";

const context = useDocrootServer({ caches: createFlashCaches() });

const get = (path: string, options: Parameters<typeof rawRequest>[1] = {}) => rawRequest(path, options);

describe("successful responses", () => {
  it("serves a binary file byte for byte, with the headers", async () => {
    const { responses } = await exchangeRaw({ port: context.server.port, send: get("/binary.bin") });
    const response = responses[0]!;
    expect(response.status).toBe(200);
    expect(response.body.equals(context.root.files["/binary.bin"]!)).toBe(true);
    expect(response.headers["content-length"]).toBe(String(context.root.files["/binary.bin"]!.length));
    expect(response.headers["content-type"]).toBe("application/octet-stream");
    expect(response.headers["server"]).toBe("flashlab");
    expect(response.headers["last-modified"]).toBe(new Date(context.root.mtimeSeconds * 1000).toUTCString());
    expect(Math.abs(Date.parse(response.headers["date"]!) - Date.now())).toBeLessThan(5_000);
  });

  it("chooses Content-Type by extension", async () => {
    const { responses } = await exchangeRaw({ port: context.server.port, send: get("/dir/page.css"), expect: 1 });
    expect(responses[0]!.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("serves an empty file with Content-Length 0", async () => {
    const { responses } = await exchangeRaw({ port: context.server.port, send: get("/empty.txt") });
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.headers["content-length"]).toBe("0");
    expect(responses[0]!.body.length).toBe(0);
  });

  it("answers HEAD with the GET headers and no body", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    connection.send(get("/hello.txt", { method: "HEAD" }), [true]);
    connection.send(get("/hello.txt"));
    const responses = await connection.waitForResponses(2);
    connection.destroy();
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0]!.headers["content-length"]).toBe(String(context.root.files["/hello.txt"]!.length));
    expect(responses[0]!.body.length).toBe(0);
    expect(responses[1]!.body.toString()).toBe("hello, flashlab\n");
    expect(connection.unparsed.length).toBe(0);
  });

  it("answers If-Modified-Since with 304 and no body when the file is not newer", async () => {
    const lastModified = new Date(context.root.mtimeSeconds * 1000).toUTCString();
    const earlier = new Date((context.root.mtimeSeconds - 60) * 1000).toUTCString();
    const connection = await RawHttpConnection.open(context.server.port);
    connection.send(get("/hello.txt", { headers: { "If-Modified-Since": lastModified } }));
    connection.send(get("/hello.txt", { headers: { "If-Modified-Since": earlier } }));
    connection.send(get("/hello.txt", { headers: { "If-Modified-Since": "not a date" } }));
    connection.send(get("/hello.txt", { headers: { "If-Modified-Since": new Date(Date.now() + 86_400_000).toUTCString() } }));
    const responses = await connection.waitForResponses(4);
    connection.destroy();
    expect(responses.map((r) => r.status)).toEqual([304, 200, 200, 200]); // a future date is ignored
    expect(responses[0]!.body.length).toBe(0);
    expect(responses[0]!.headers["last-modified"]).toBe(lastModified);
    expect(responses[1]!.body.toString()).toBe("hello, flashlab\n");
  });

  it("serves a directory's index.html; 404 for a directory without one and for a file named as a directory", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    for (const path of ["/", "/dir", "/dir/", "/empty-dir/", "/hello.txt/"]) connection.send(get(path));
    const responses = await connection.waitForResponses(5);
    connection.destroy();
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 404]);
    expect(responses[0]!.body.toString()).toBe("<h1>root index</h1>\n");
    expect(responses[1]!.body.toString()).toBe("<p>dir index</p>\n");
    expect(responses[2]!.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("gives 404 for a missing file, keeps the connection, and explains in the body", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    connection.send(get("/no/such/file.txt"));
    connection.send(get("/hello.txt"));
    const responses = await connection.waitForResponses(2);
    connection.destroy();
    expect(responses.map((r) => r.status)).toEqual([404, 200]);
    expect(responses[0]!.body.toString()).toMatch(/404 Not Found: no such file/);
  });

  it("decodes percent-escapes once and strips the query and fragment", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    for (const path of ["/with%20space.txt", "/caf%C3%A9.txt", "/hello.txt?x=1&y=../../secret", "/hello.txt#frag", "/%252e%252e/inside.txt", "http://127.0.0.1/hello.txt"]) {
      connection.send(get(path));
    }
    const responses = await connection.waitForResponses(6);
    connection.destroy();
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(responses[0]!.body.toString()).toBe("spaced\n");
    expect(responses[1]!.body.toString()).toBe("utf-8 name\n");
    // decoded once, "%252e%252e" is the literal folder name "%2e%2e", not a parent directory
    expect(responses[4]!.body.toString()).toBe("a folder literally named %2e%2e\n");
  });

  it("follows a symlink that stays inside the docroot", async () => {
    const { responses } = await exchangeRaw({ port: context.server.port, send: get("/inner-link.txt") });
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.body.toString()).toBe("hello, flashlab\n");
  });
});

describe("keep-alive and connection close", () => {
  it("keeps HTTP/1.1 connections open by default", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    connection.send(get("/hello.txt"));
    await connection.waitForResponses(1);
    connection.send(get("/hello.txt"));
    const responses = await connection.waitForResponses(2);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0]!.headers["connection"]).toBeUndefined();
    expect(connection.closed).toBe(false);
    connection.destroy();
  });

  it("closes HTTP/1.1 on Connection: close", async () => {
    const result = await exchangeRaw({ port: context.server.port, send: get("/hello.txt", { headers: { Connection: "close" } }), waitForClose: true });
    expect(result.responses[0]!.headers["connection"]).toBe("close");
    expect(result.closed).toBe(true);
  });

  it("closes HTTP/1.0 by default", async () => {
    const result = await exchangeRaw({ port: context.server.port, send: get("/hello.txt", { version: "1.0" }), waitForClose: true });
    expect(result.responses[0]!.status).toBe(200);
    expect(result.responses[0]!.headers["connection"]).toBe("close");
    expect(result.closed).toBe(true);
  });

  it("keeps HTTP/1.0 open with Connection: keep-alive and says so", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    const request = get("/hello.txt", { version: "1.0", headers: { Connection: "Keep-Alive" } });
    connection.send(request);
    await connection.waitForResponses(1);
    connection.send(request);
    const responses = await connection.waitForResponses(2);
    expect(responses.map((r) => r.headers["connection"])).toEqual(["keep-alive", "keep-alive"]);
    expect(connection.closed).toBe(false);
    connection.destroy();
  });

  it("finishes pipelined requests before honouring a half-close from the client", async () => {
    const connection = await RawHttpConnection.open(context.server.port);
    connection.send(get("/hello.txt") + get("/dir/page.css"));
    connection.socket.end();
    const responses = await connection.waitForResponses(2);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(await connection.waitForClose(2_000)).toBe(true);
  });
});

describe("pipelining", () => {
  const paths = ["/hello.txt", "/binary.bin", "/dir/page.css"];

  it("answers three requests sent in one write, in order", async () => {
    const result = await exchangeRaw({ port: context.server.port, send: paths.map((p) => get(p)).join(""), expect: 3 });
    expect(result.responses.map((r) => r.body.equals(context.root.files[paths[result.responses.indexOf(r)]!]!))).toEqual([true, true, true]);
  });

  it("answers requests split across writes at awkward places", async () => {
    const all = Buffer.from(paths.map((p) => get(p)).join(""));
    const cuts = [1, 5, 17, 30, 41, 60, all.length - 2];
    const pieces = cuts.map((cut, i) => all.subarray(i === 0 ? 0 : cuts[i - 1]!, cut));
    pieces.push(all.subarray(cuts[cuts.length - 1]!));
    const result = await exchangeRaw({ port: context.server.port, send: pieces, delayMs: 5, expect: 3 });
    expect(result.responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(result.responses[1]!.body.equals(context.root.files["/binary.bin"]!)).toBe(true);
  });

  it("answers a HEAD in the middle of a pipeline without a body", async () => {
    const result = await exchangeRaw({
      port: context.server.port,
      send: get("/hello.txt") + get("/binary.bin", { method: "HEAD" }) + get("/hello.txt"),
      headRequests: [false, true, false],
      expect: 3,
    });
    expect(result.responses.map((r) => r.body.length)).toEqual([16, 0, 16]);
    expect(result.unparsed.length).toBe(0);
  });

  it("stops at a Connection: close in the middle of a pipeline", async () => {
    const result = await exchangeRaw({
      port: context.server.port,
      send: get("/hello.txt") + get("/hello.txt", { headers: { Connection: "close" } }) + get("/hello.txt"),
      expect: 3,
      waitForClose: true,
    });
    expect(result.responses.length).toBe(2);
    expect(result.closed).toBe(true);
  });

  it("serves a long pipeline of large files to a client that reads slowly", async () => {
    const count = 40; // 40 × 200 KB: more than the send buffer limit, so the connection waits for drains
    const connection = await RawHttpConnection.open(context.server.port);
    connection.socket.pause();
    connection.send(Array.from({ length: count }, () => get("/binary.bin")).join(""));
    await new Promise((resolve) => setTimeout(resolve, 200));
    connection.socket.resume();
    const responses = await connection.waitForResponses(count, 15_000);
    connection.destroy();
    expect(responses.length).toBe(count);
    expect(responses.every((r) => r.status === 200 && r.body.equals(context.root.files["/binary.bin"]!))).toBe(true);
  });
});

describe("stats", () => {
  it("counts requests, statuses, bytes and step timings", async () => {
    context.server.pipeline.resetStats();
    await exchangeRaw({ port: context.server.port, send: get("/hello.txt") + get("/nope"), expect: 2 });
    const stats = context.server.pipeline.stats();
    expect(stats.requests).toBe(2);
    expect(stats.responsesByStatus).toEqual({ "200": 1, "404": 1 });
    expect(stats.bytesSent).toBeGreaterThan(16);
    expect(stats.steps["parse"].count).toBe(2);
    expect(stats.steps["translate-path"].count).toBe(2);
    expect(stats.steps["read-file"].count).toBe(1);
    expect(stats.steps["send-data"].count).toBe(1);
    expect(stats.steps["send-header"].count).toBe(0); // gather writes: head and body go out together
    expect(stats.steps["accept"].count).toBe(1);
    expect(stats.steps["read-request"].count).toBe(2);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it("stops timing when timing is switched off", async () => {
    const pipeline = context.server.pipeline;
    pipeline.resetStats();
    pipeline.setTiming(false);
    try {
      await exchangeRaw({ port: context.server.port, send: get("/hello.txt") });
    } finally {
      pipeline.setTiming(true);
    }
    const stats = pipeline.stats();
    expect(stats.requests).toBe(1);
    expect(Object.values(stats.steps).every((step) => step.count === 0)).toBe(true);
  });
});
