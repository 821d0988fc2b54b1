/**
 * A small raw-socket HTTP server for the load generator's tests. It counts the connections it accepts
 * and the requests it reads and answers, answers GET requests with a fixed body, keeps HTTP/1.1
 * connections alive and closes HTTP/1.0 ones, and can misbehave on purpose: stall once, reset, send a
 * short body, never answer, answer with a bad status, or close a kept-alive connection after some
 * responses without saying so. It can also stream the body in chunks with backpressure and record how
 * long each response took to hand to the kernel, and when each connection's first request came.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

export type Misbehaviour = "none" | "reset" | "short-body" | "silent" | "bad-status" | "garbage";

export interface TestServerOptions {
  bodyBytes?: number;
  misbehaviour?: Misbehaviour;
  /** Stall (hold every response) for this many ms, once, starting with the request numbered `stallAtRequest`. */
  stallMs?: number;
  stallAtRequest?: number;
  /**
   * Close a kept-alive connection after answering this many requests on it, without `Connection: close`:
   * right after the last response ("after-response", racing the client's next request; a graceful FIN),
   * or when the next request arrives, leaving it unanswered ("on-next-request"; the request is unread, so
   * the kernel resets the connection).
   */
  closeAfterResponses?: number;
  closeStyle?: "after-response" | "on-next-request";
  /** Write the body in chunks of this many bytes, each once the kernel took the previous one. */
  streamChunkBytes?: number;
}

export interface TestServer {
  url: string;
  port: number;
  connections: number;
  /** Requests read (answered or not). */
  requests: number;
  /** Requests answered in full (their whole response handed to the socket). */
  answered: number;
  /** Requests read on a connection the server had decided to close, never answered. */
  unanswered: number;
  /** With `streamChunkBytes`: per response, ms from its first write until the kernel took its last byte. */
  sendDurationsMs: number[];
  /** Per connection that sent a request: ms from its accept until its first request was complete. */
  acceptToRequestMs: number[];
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const body = Buffer.alloc(options.bodyBytes ?? 100, "x");
  const misbehaviour = options.misbehaviour ?? "none";
  const sockets = new Set<Socket>();
  let stallUntil = 0;
  let stalled = false;
  const state = { connections: 0, requests: 0, answered: 0, unanswered: 0 };
  const sendDurationsMs: number[] = [];
  const acceptToRequestMs: number[] = [];
  const chunkBytes = options.streamChunkBytes;

  /** Writes header and body in chunks, each when the kernel has taken the previous one. */
  const stream = (socket: Socket, header: string, http10: boolean) => {
    const started = performance.now();
    let offset = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (offset >= body.length) {
        sendDurationsMs.push(performance.now() - started);
        if (http10) socket.end();
        return;
      }
      const chunk = body.subarray(offset, offset + (chunkBytes ?? body.length));
      offset += chunk.length;
      socket.write(chunk, next);
    };
    socket.write(header);
    next();
  };

  const respond = (socket: Socket, http10: boolean) => {
    const send = () => {
      if (socket.destroyed) return;
      switch (misbehaviour) {
        case "reset":
          socket.resetAndDestroy();
          return;
        case "silent":
          return;
        case "short-body":
          socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body.subarray(0, body.length >> 1).toString()}`);
          return;
        case "bad-status":
          socket.write(`HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n`);
          if (http10) socket.end();
          return;
        case "garbage":
          socket.end("SMTP ready\r\n\r\n");
          return;
        default: {
          const header = `HTTP/1.${http10 ? 0 : 1} 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
          state.answered++;
          if (chunkBytes !== undefined) {
            stream(socket, header, http10);
            return;
          }
          socket.write(Buffer.concat([Buffer.from(header), body]));
          if (http10) socket.end();
        }
      }
    };
    const wait = stallUntil - Date.now();
    if (wait > 0) setTimeout(send, wait);
    else send();
  };

  const server: Server = createServer((socket) => {
    state.connections++;
    const acceptedAt = performance.now();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending = "";
    let answeredHere = 0;
    let sawRequest = false;
    let closing = false;
    socket.on("data", (chunk) => {
      pending += chunk.toString("latin1");
      let end: number;
      while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
        const request = pending.slice(0, end);
        pending = pending.slice(end + 4);
        state.requests++;
        if (!sawRequest) acceptToRequestMs.push(performance.now() - acceptedAt);
        sawRequest = true;
        if (closing) {
          state.unanswered++;
          continue;
        }
        if (options.closeAfterResponses !== undefined && answeredHere >= options.closeAfterResponses) {
          // "on-next-request": close with this request unread by the application.
          state.unanswered++;
          closing = true;
          socket.destroy();
          return;
        }
        if (options.stallMs !== undefined && !stalled && state.requests >= (options.stallAtRequest ?? 1)) {
          stalled = true;
          stallUntil = Date.now() + options.stallMs;
        }
        respond(socket, request.split("\r\n")[0]?.endsWith("HTTP/1.0") ?? false);
        answeredHere++;
        if (options.closeStyle === "after-response" && answeredHere === options.closeAfterResponses) {
          closing = true;
          socket.end();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/file`,
    port,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    get answered() {
      return state.answered;
    },
    get unanswered() {
      return state.unanswered;
    },
    sendDurationsMs,
    acceptToRequestMs,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
