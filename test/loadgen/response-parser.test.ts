/**
 * The incremental response parser: where a response ends (Content-Length, chunked, end of stream),
 * split and pipelined input, interim 1xx responses, and the malformed cases it must flag.
 */
import { describe, expect, it } from "vitest";
import { ResponseParser } from "../../lib/loadgen/index.js";

/** Feeds `pieces` in order and returns each completed response's [status, bytes, closeAfter]. */
function parseAll(pieces: string[]): { responses: [number, number, boolean][]; parser: ResponseParser } {
  const parser = new ResponseParser();
  const responses: [number, number, boolean][] = [];
  for (const piece of pieces) {
    const chunk = Buffer.from(piece, "latin1");
    let offset = 0;
    while (offset < chunk.length) {
      offset = parser.feed(chunk, offset);
      if (parser.state === "complete") {
        responses.push([parser.status, parser.bytes, parser.closeAfter]);
        parser.reset();
      } else if (parser.state === "malformed") {
        return { responses, parser };
      }
    }
  }
  return { responses, parser };
}

const ok = (body: string, extra = "") => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

describe("ResponseParser", () => {
  it("ends a response at Content-Length and counts header and body bytes", () => {
    const text = ok("hello");
    expect(parseAll([text]).responses).toEqual([[200, text.length, false]]);
  });

  it("handles a response split at every byte", () => {
    const text = ok("0123456789");
    expect(parseAll(text.split("")).responses).toEqual([[200, text.length, false]]);
  });

  it("finds pipelined responses in one chunk", () => {
    const one = ok("a");
    const two = "HTTP/1.1 404 Not Found\r\ncontent-length: 3\r\n\r\nnop";
    expect(parseAll([one + two + one]).responses).toEqual([
      [200, one.length, false],
      [404, two.length, false],
      [200, one.length, false],
    ]);
  });

  it("reads chunked bodies, with extensions and trailers", () => {
    const text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
    expect(parseAll([text.slice(0, 50), text.slice(50)]).responses).toEqual([[200, text.length, false]]);
  });

  it("treats HTTP/1.0 and Connection: close as closing, keep-alive as not", () => {
    expect(parseAll(["HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"]).responses[0]?.[2]).toBe(true);
    expect(parseAll(["HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"]).responses[0]?.[2]).toBe(false);
    expect(parseAll([ok("x", "Connection: close\r\n")]).responses[0]?.[2]).toBe(true);
  });

  it("skips interim 100 Continue responses", () => {
    const text = `HTTP/1.1 100 Continue\r\n\r\n${ok("hi")}`;
    expect(parseAll([text]).responses).toEqual([[200, text.length, false]]);
  });

  it("knows 204 and 304 have no body", () => {
    const notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n";
    expect(parseAll([notModified]).responses).toEqual([[304, notModified.length, false]]);
  });

  it("reads a body without length until the stream ends, and spots a short body", () => {
    const { parser } = parseAll(["HTTP/1.1 200 OK\r\n\r\nsome bytes"]);
    expect(parser.state).toBe("until-close");
    expect(parser.endOfStream()).toBe("complete");
    expect(parser.bytes).toBe(29);
    const short = parseAll([`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this`]).parser;
    expect(short.endOfStream()).toBe("short-body");
    expect(new ResponseParser().endOfStream()).toBe("nothing");
  });

  it("matches Connection tokens in any case, and close wins over keep-alive", () => {
    expect(parseAll([ok("x", "connection: CLOSE\r\n")]).responses[0]?.[2]).toBe(true);
    expect(parseAll(["HTTP/1.0 200 OK\r\nCONNECTION:Keep-Alive\r\nContent-Length: 0\r\n\r\n"]).responses[0]?.[2]).toBe(false);
    expect(parseAll([ok("x", "Connection: keep-alive, Close\r\n")]).responses[0]?.[2]).toBe(true);
    expect(parseAll([ok("x", "Connection: upgrade\r\n")]).responses[0]?.[2]).toBe(false);
    expect(parseAll(["HTTP/1.0 200 OK\r\nConnection: keep\r\nContent-Length: 0\r\n\r\n"]).responses[0]?.[2]).toBe(true);
  });

  it("reads only chunk[offset, end) of a shared buffer, whatever stale bytes follow", () => {
    // A reused read buffer: the bytes past `end` are left over from an earlier, longer read.
    const text = ok("0123456789");
    const shared = Buffer.alloc(4096, 0);
    shared.write(`${ok("stale")}\r\n\r\n${"z".repeat(100)}`, 0, "latin1");
    const parser = new ResponseParser();
    const cut = 20; // inside the header
    shared.write(text.slice(0, cut), 0, "latin1");
    expect(parser.feed(shared, 0, cut)).toBe(cut);
    expect(parser.state).toBe("header");
    shared.write(text.slice(cut, cut + 25), 0, "latin1");
    expect(parser.feed(shared, 0, 25)).toBe(25);
    const rest = text.length - cut - 25;
    shared.write(text.slice(cut + 25), 0, "latin1");
    expect(parser.feed(shared, 0, rest)).toBe(rest);
    expect([parser.state, parser.status, parser.bytes]).toEqual(["complete", 200, text.length]);
    // A body that continues past `end` is not finished by the stale bytes there.
    parser.reset();
    const long = ok("x".repeat(50));
    shared.write(long, 0, "latin1");
    const headerAndTen = long.length - 40;
    expect(parser.feed(shared, 0, headerAndTen)).toBe(headerAndTen);
    expect(parser.state).toBe("body");
    expect(parser.bytes).toBe(headerAndTen);
  });

  it("reuses a parsed header only when the next one is byte for byte the same", () => {
    const a = ok("0123456789", "Connection: keep-alive\r\n");
    const b = ok("01234567890123456789", "Connection: keep-alive\r\n");
    const failed = a.replace("200 OK", "500 OK");
    const closing = ok("0123456789", "Connection: close     \r\n");
    expect(parseAll([a + a + b + a + failed + a + closing]).responses).toEqual([
      [200, a.length, false],
      [200, a.length, false],
      [200, b.length, false],
      [200, a.length, false],
      [500, failed.length, false],
      [200, a.length, false],
      [200, closing.length, true],
    ]);
    // A repeated header split across reads still parses: the fast path needs the whole header at once.
    expect(parseAll([a, a.slice(0, 30), a.slice(30) + a]).responses).toEqual([
      [200, a.length, false],
      [200, a.length, false],
      [200, a.length, false],
    ]);
  });

  it("flags malformed responses", () => {
    expect(parseAll(["SMTP ready\r\n\r\n"]).parser.problem).toMatch(/malformed status line/);
    expect(parseAll(["HTTP/1.1 2x0 OK\r\n\r\n"]).parser.problem).toMatch(/malformed status code/);
    expect(parseAll(["HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n"]).parser.problem).toMatch(/bad Content-Length/);
    expect(parseAll(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"]).parser.problem).toMatch(/malformed chunk size/);
    expect(parseAll(["HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(20000)]).parser.problem).toMatch(/header longer than/);
  });
});
