/**
 * Listening sockets, shared by every architecture: a listener alone, or one of a SO_REUSEPORT group
 * whose members the kernel spreads new connections over (Node ≥ 22.12), and the choice of a free port
 * for such a group.
 */
import { createServer, type Server, type Socket } from "node:net";
import { pipelineSocketOptions } from "../http/index.js";

export interface ListenOptions {
  host: string;
  port: number;
  /** Join the SO_REUSEPORT group on this port (Node ≥ 22.12). */
  reusePort?: boolean;
  /** Accepted sockets start paused (a master that hands them on must not read from them). */
  pauseOnConnect?: boolean;
}

/** Opens a listener and resolves once it listens; rejects with the OS error (e.g. EADDRINUSE). */
export function listen(options: ListenOptions, onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createServer({ ...pipelineSocketOptions, pauseOnConnect: options.pauseOnConnect ?? false }, onConnection);
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (options.reusePort && (error.code === "ENOTSUP" || error.code === "EOPNOTSUPP")) {
        reject(
          new Error(
            `this platform (${process.platform}) has no load-balancing SO_REUSEPORT, which mt, zeus, apache and mp with ` +
              `the reuseport accept policy need (each of their contexts accepts on its own listener); use mp, sped, amped or amted here`,
          ),
        );
      } else reject(error);
    });
    server.listen({ host: options.host, port: options.port, reusePort: options.reusePort ?? false, backlog: 1024 }, () => {
      server.removeAllListeners("error");
      // After listening, an error (e.g. EMFILE on accept) is reported, not fatal: the server keeps going.
      server.on("error", (error) => console.error(`flashlab: listener on port ${options.port}: ${error.message}`));
      resolve(server);
    });
  });
}

/** The port a listener is bound to. */
export function boundPort(server: Server): number {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("flashlab: listener has no TCP address");
  return address.port;
}

/**
 * Closes a listener (no new connections); resolves at once, not when connections end. Connections the
 * kernel has completed but the loop has not yet accepted (in the same poll as the stop) are accepted
 * first: closing waits one turn of the event loop.
 */
export async function stopListening(server: Server | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (server?.listening) server.close();
}

/** Attempts at a fresh port before a SO_REUSEPORT group gives up. */
const portAttempts = 30;

/** A port no socket is bound to now, found by binding a plain listener to port 0 and closing it. */
async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host, port: 0, exclusive: true }, resolve);
  });
  const port = boundPort(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts a SO_REUSEPORT group with `start(port)`. A port of 0 means "any free port": the group gets a
 * port that no socket is bound to (asked of the kernel without SO_REUSEPORT, which would otherwise hand
 * out a port that client sockets of earlier traffic still use), and on EADDRINUSE (another process took
 * the port in between) a fresh one, up to 30 times. A given port is tried once.
 */
export async function startOnGroupPort<T>(host: string, requestedPort: number, start: (port: number) => Promise<T>): Promise<T> {
  if (requestedPort !== 0) return start(requestedPort);
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort(host));
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE" || /EADDRINUSE/.test(String((error as Error).message));
      if (!inUse || attempt >= portAttempts) throw error;
    }
  }
}
