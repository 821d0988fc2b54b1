/**
 * The raw-bytes test client, on the load generator's response parser: whole responses with headers and
 * bodies, HEAD answers without a body, 304, chunked and close-delimited bodies, heads and bodies split
 * across reads, and a clear error for what is not HTTP.
 */
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseHttpResponses, RawHttpConnection } from "../../lib/loadgen/index.js";

const bytes = (text: string) => Buffer.from(text, "latin1");

describe("parseHttpResponses", () => {
  it("parses pipelined responses, with HEAD answers marked, and says what it used", () => {
    const data = bytes(
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nX-A: 2\r\n\r\nhello" +
        "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n" + // the answer to a HEAD: no body
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nonly",
    );
    const { responses, consumed } = parseHttpResponses(data, [false, true]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 304, 200]);
    expect(responses[0]!.headers["x-a"]).toBe("1, 2");
    expect(responses[0]!.body.toString()).toBe("hello");
    expect(responses[1]!.body.length).toBe(0);
    expect(responses[2]!.body.length).toBe(0);
    expect(responses[3]!.body.toString()).toBe("3\r\nabc\r\n0\r\n\r\n"); // chunked bodies are kept as they came
    expect(data.length - consumed).toBe("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nonly".length);
  });

  it("ends a body without a length at the close, and only then", () => {
    const data = bytes("HTTP/1.0 200 OK\r\n\r\nto the end");
    expect(parseHttpResponses(data).responses).toHaveLength(0);
    expect(parseHttpResponses(data, [], true).responses[0]?.body.toString()).toBe("to the end");
  });

  it("refuses what is not an HTTP response", () => {
    expect(() => parseHttpResponses(bytes("SSH-2.0-OpenSSH\r\n\r\n"))).toThrow(/not an HTTP response/);
  });
});

describe("RawHttpConnection", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** A server that answers every connection with `pieces`, written `gapMs` apart, then closes. */
  async function scripted(pieces: string[], gapMs = 5): Promise<number> {
    server = createServer((socket) => {
      socket.on("error", () => undefined);
      void (async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((resolve) => setTimeout(resolve, gapMs));
        }
        socket.end();
      })();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  it("reassembles heads and bodies split across reads, even the blank line", async () => {
    const port = await scripted(["HTTP/1.1 200 OK\r\nContent-Le", "ngth: 6\r\n\r", "\nab", "cdefHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"]);
    const connection = await RawHttpConnection.open(port);
    const responses = await connection.waitForResponses(2);
    expect(responses.map((response) => [response.status, response.body.toString()])).toEqual([
      [200, "abcdef"],
      [404, ""],
    ]);
    expect(await connection.waitForClose()).toBe(true);
    expect(connection.ended).toBe(true);
    expect(connection.unparsed.length).toBe(0);
  });

  it("keeps a cut-off response as unparsed bytes", async () => {
    const port = await scripted(["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"]);
    const connection = await RawHttpConnection.open(port);
    expect(await connection.waitForClose()).toBe(true);
    expect(connection.responses).toHaveLength(0);
    expect(connection.unparsed.toString()).toBe("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
  });
});
