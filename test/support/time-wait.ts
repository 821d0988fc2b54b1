/**
 * Heavy traffic, as a test needs it: `count` loopback connections that the client closes first, so that
 * as many client ports sit in TIME_WAIT afterwards (about a minute on Linux). Servers started right
 * after this must still start and serve, as they would on a machine that just ran a benchmark.
 */
import { connect, createServer, type Server } from "node:net";

async function openServer(): Promise<Server> {
  const server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.on("end", () => socket.end()); // the client's FIN first: the client side ends in TIME_WAIT
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0, backlog: 1024 }, resolve));
  return server;
}

function closeFirst(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.end());
    socket.on("error", () => resolve());
    socket.on("close", () => resolve());
    socket.resume();
  });
}

/** Makes `count` connections (64 at a time) that leave their client ports in TIME_WAIT; resolves when done. */
export async function leaveClientPortsInTimeWait(count: number, concurrency = 64): Promise<void> {
  const server = await openServer();
  const { port } = server.address() as { port: number };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await closeFirst(port);
    }),
  );
  await new Promise((resolve) => server.close(resolve));
}

/** Sockets in TIME_WAIT on this machine now (from /proc/net/tcp; 0 where it cannot be read). */
export async function timeWaitSockets(): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile("/proc/net/tcp", "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.trim().split(/\s+/)[3] === "06").length;
}
