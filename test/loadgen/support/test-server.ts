/**
 * A small raw-socket HTTP server for the load generator's tests. It counts the connections it accepts
 * and the requests it reads, answers GET requests with a fixed body, keeps HTTP/1.1 connections alive
 * and closes HTTP/1.0 ones, and can misbehave on purpose: stall once, reset, send a short body, never
 * answer, or answer with a bad status.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

export type Misbehaviour = "none" | "reset" | "short-body" | "silent" | "bad-status" | "garbage";

export interface TestServerOptions {
  bodyBytes?: number;
  misbehaviour?: Misbehaviour;
  /** Stall (hold every response) for this many ms, once, starting with the request numbered `stallAtRequest`. */
  stallMs?: number;
  stallAtRequest?: number;
}

export interface TestServer {
  url: string;
  port: number;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const body = Buffer.alloc(options.bodyBytes ?? 100, "x");
  const misbehaviour = options.misbehaviour ?? "none";
  const sockets = new Set<Socket>();
  let stallUntil = 0;
  let stalled = false;
  const state = { connections: 0, requests: 0 };

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
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending = "";
    socket.on("data", (chunk) => {
      pending += chunk.toString("latin1");
      let end: number;
      while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
        const request = pending.slice(0, end);
        pending = pending.slice(end + 4);
        state.requests++;
        if (options.stallMs !== undefined && !stalled && state.requests >= (options.stallAtRequest ?? 1)) {
          stalled = true;
          stallUntil = Date.now() + options.stallMs;
        }
        respond(socket, request.split("\r\n")[0]?.endsWith("HTTP/1.0") ?? false);
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
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
