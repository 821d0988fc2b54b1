/**
 * Listening sockets, shared by every architecture: a listener alone, or one of a SO_REUSEPORT group
 * whose members the kernel spreads new connections over (Node ≥ 22.12).
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
            `this platform (${process.platform}) has no load-balancing SO_REUSEPORT, which mt, zeus and apache need ` +
              `(each of their threads or processes accepts on its own listener); use mp, sped, amped or amted here`,
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

/** Closes a listener (no new connections); resolves at once, not when connections end. */
export function stopListening(server: Server | undefined): void {
  if (server?.listening) server.close();
}
