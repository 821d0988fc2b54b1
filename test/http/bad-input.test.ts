// Malformed and refused requests get the right status, a body saying why, and (except 403/404) a close.
import { describe, expect, it } from "vitest";
import { exchangeRaw, rawRequest } from "../../lib/loadgen/index.js";
import { useDocrootServer } from "./support/test-server.js";

const context = useDocrootServer();

const manyHeaders = (count: number) => Array.from({ length: count }, (_, i) => `X-Filler-${i}: ${i}\r\n`).join("");

const cases: Array<{ name: string; send: string | Buffer; status: number; body?: RegExp; allow?: boolean }> = [
  { name: "garbage", send: "hello there\r\n\r\n", status: 400, body: /METHOD TARGET VERSION/ },
  { name: "missing version (HTTP/0.9 style)", send: "GET /\r\n\r\n", status: 400 },
  { name: "double space in the request line", send: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", status: 400 },
  { name: "lower-case version", send: "GET / http/1.1\r\nHost: x\r\n\r\n", status: 400 },
  { name: "target not a path", send: "GET hello HTTP/1.1\r\nHost: x\r\n\r\n", status: 400 },
  { name: "raw non-ASCII byte in the target", send: Buffer.from("GET /caf\xe9 HTTP/1.1\r\nHost: x\r\n\r\n", "latin1"), status: 400 },
  { name: "header without colon", send: "GET / HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n", status: 400, body: /Name: value/ },
  { name: "space before the colon", send: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", status: 400 },
  { name: "folded header line", send: "GET / HTTP/1.1\r\nHost: x\r\n  folded\r\n\r\n", status: 400 },
  { name: "NUL in a header value", send: "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", status: 400 },
  { name: "HTTP/1.1 without Host", send: "GET / HTTP/1.1\r\n\r\n", status: 400, body: /Host/ },
  { name: "two Host headers", send: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400 },
  { name: "a body on GET", send: "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", status: 400, body: /body/ },
  { name: "chunked GET", send: "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400 },
  { name: "bad percent-escape", send: rawRequest("/hello%zz.txt"), status: 400, body: /percent-escape/ },
  { name: "POST", send: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", status: 405, allow: true },
  { name: "DELETE", send: "DELETE /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n", status: 405, allow: true },
  { name: "unknown method", send: "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", status: 501, body: /GET and HEAD/ },
  { name: "lower-case get (methods are case-sensitive)", send: "get / HTTP/1.1\r\nHost: x\r\n\r\n", status: 501 },
  { name: "HTTP/2.0", send: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", status: 505, body: /HTTP\/1\.0 and HTTP\/1\.1/ },
  { name: "HTTP/0.9 version token", send: "GET / HTTP/0.9\r\n\r\n", status: 505 },
  { name: "HTTP/1.2", send: "GET / HTTP/1.2\r\n\r\n", status: 505 },
  { name: "request line over 8 KB", send: `GET /${"a".repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`, status: 414 },
  { name: "request line over 8 KB, no line end yet", send: `GET /${"a".repeat(9000)}`, status: 414 },
  { name: "headers over 16 KB", send: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(17_000)}\r\n\r\n`, status: 431 },
  { name: "over 100 header lines", send: `GET / HTTP/1.1\r\nHost: x\r\n${manyHeaders(101)}\r\n`, status: 431 },
];

describe("bad input", () => {
  it.each(cases)("$name → $status, then close", async ({ send, status, body, allow }) => {
    const result = await exchangeRaw({ port: context.server.port, send, waitForClose: true, timeoutMs: 3_000 });
    expect(result.responses.length).toBe(1);
    const response = result.responses[0]!;
    expect(response.status).toBe(status);
    expect(response.headers["connection"]).toBe("close");
    expect(response.body.toString()).toMatch(new RegExp(`^${status} `));
    if (body) expect(response.body.toString()).toMatch(body);
    if (allow) expect(response.headers["allow"]).toBe("GET, HEAD");
    expect(result.closed).toBe(true);
  });

  it("accepts exactly 100 header lines and a request line just under 8 KB", async () => {
    const path = `/${"a".repeat(8000)}`;
    const result = await exchangeRaw({ port: context.server.port, send: `GET ${path} HTTP/1.1\r\nHost: x\r\n${manyHeaders(99)}\r\n` });
    expect(result.responses[0]!.status).toBe(404);
  });

  it("tolerates empty lines before a request and bare LF line ends", async () => {
    const result = await exchangeRaw({ port: context.server.port, send: "\r\n\r\nGET /hello.txt HTTP/1.0\nConnection: keep-alive\n\n", expect: 1 });
    expect(result.responses[0]!.status).toBe(200);
  });

  it("keeps serving other connections after every kind of bad input", async () => {
    const result = await exchangeRaw({ port: context.server.port, send: rawRequest("/hello.txt") });
    expect(result.responses[0]!.status).toBe(200);
    expect(context.server.pipeline.stats().errors).toBe(0);
  });

  it("never crashes on random bytes", async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 30; round++) {
      const noise = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      const prefix = round % 2 === 0 ? "GET /" : "";
      await exchangeRaw({ port: context.server.port, send: [Buffer.concat([Buffer.from(prefix), noise]), "\r\n\r\n"], delayMs: 1, timeoutMs: 300 });
    }
    const result = await exchangeRaw({ port: context.server.port, send: rawRequest("/hello.txt") });
    expect(result.responses[0]!.body.toString()).toBe("hello, flashlab\n");
  });
});
