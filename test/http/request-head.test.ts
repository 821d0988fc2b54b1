// The request-head scanner (framing) and parser, byte by byte.
import { describe, expect, it } from "vitest";
import { defaultRequestLimits, RequestHeadScan, scanRequestHead } from "../../lib/http/request-framing.js";
import { parseRequestHead, RequestHead } from "../../lib/http/request-parser.js";
import { RequestRejection } from "../../lib/http/status.js";

function parse(text: string): RequestHead | RequestRejection | number {
  const buffer = Buffer.from(text, "latin1");
  const scan = new RequestHeadScan();
  const end = scanRequestHead(buffer, scan, defaultRequestLimits);
  if (typeof end !== "number" || end === 0) return end;
  const head = new RequestHead();
  return parseRequestHead(buffer, scan, head) ?? head;
}

describe("scanRequestHead", () => {
  it("finds the end of a head fed one byte at a time, scanning each byte once", () => {
    const text = Buffer.from("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b");
    const scan = new RequestHeadScan();
    let end: number | RequestRejection = 0;
    for (let length = 1; length <= text.length && end === 0; length++) end = scanRequestHead(text.subarray(0, length), scan, defaultRequestLimits);
    expect(end).toBe(text.indexOf("GET /b"));
  });

  it("rejects a request line over the limit before it ends", () => {
    const result = scanRequestHead(Buffer.from(`GET /${"x".repeat(100)}`), new RequestHeadScan(), { ...defaultRequestLimits, requestLineBytes: 50 });
    expect((result as RequestRejection).status).toBe(414);
  });

  it("counts header lines and bytes", () => {
    const limits = { requestLineBytes: 100, headerBytes: 40, headerLines: 2 };
    const lines = scanRequestHead(Buffer.from("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"), new RequestHeadScan(), limits);
    expect((lines as RequestRejection).status).toBe(431);
    const bytes = scanRequestHead(Buffer.from(`GET / HTTP/1.1\r\nA: ${"v".repeat(50)}`), new RequestHeadScan(), limits);
    expect((bytes as RequestRejection).status).toBe(431);
  });
});

describe("parseRequestHead", () => {
  it("reads method, path, version and keep-alive", () => {
    const head = parse("HEAD /x/y.html?q=1 HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, Close\r\n\r\n") as RequestHead;
    expect(head).toMatchObject({ method: "HEAD", isHead: true, path: "/x/y.html", minorVersion: 1, keepAlive: false });
  });

  it("applies the keep-alive defaults of each version", () => {
    expect((parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n") as RequestHead).keepAlive).toBe(true);
    expect((parse("GET / HTTP/1.0\r\n\r\n") as RequestHead).keepAlive).toBe(false);
    expect((parse("GET / HTTP/1.0\r\nconnection: keep-alive\r\n\r\n") as RequestHead).keepAlive).toBe(true);
    expect((parse("GET / HTTP/1.0\r\nConnection: not-keep-alive-really\r\n\r\n") as RequestHead).keepAlive).toBe(false);
  });

  it("keeps If-Modified-Since, case-insensitively", () => {
    const head = parse("GET / HTTP/1.0\r\nIF-MODIFIED-SINCE:  Tue, 14 Nov 2023 22:13:20 GMT \r\n\r\n") as RequestHead;
    expect(head.ifModifiedSince).toBe("Tue, 14 Nov 2023 22:13:20 GMT");
  });

  it("rejects with the right statuses", () => {
    const status = (text: string) => (parse(text) as RequestRejection).status;
    expect(status("PUT / HTTP/1.1\r\nHost: h\r\n\r\n")).toBe(405);
    expect(status("FROB / HTTP/1.1\r\nHost: h\r\n\r\n")).toBe(501);
    expect(status("GET / HTTP/3.0\r\n\r\n")).toBe(505);
    expect(status("GET / HTTX/1.1\r\n\r\n")).toBe(400);
    expect(status("G(T / HTTP/1.1\r\nHost: h\r\n\r\n")).toBe(400);
    expect(status("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")).toBe(400);
  });
});
