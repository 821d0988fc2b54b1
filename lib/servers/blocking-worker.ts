/**
 * The execution context of MP, MT and Apache: it runs the whole pipeline for one connection at a
 * time and reads files with blocking calls, so a disk miss stalls only this context. Connections
 * come either from a master that hands them over (MP) or from the context's own SO_REUSEPORT
 * listener (MT and Apache threads, which cannot be handed sockets).
 */
import type { Server, Socket } from "node:net";
import { openDisk, type DiskHandle } from "../storage/index.js";
import type { ContextReport } from "./context-report.js";
import { blockingSource } from "./event-loop-server.js";
import { boundPort, listen } from "./listen.js";
import { createServingContext, servingReport, stopServing } from "./serving-context.js";
import type { ServerConfig } from "./types.js";

export interface BlockingWorker {
  /** Takes a connection handed over by a master (`acceptedAt`: when the master accepted it, in this thread's clock). */
  accept(socket: Socket, acceptedAt?: number): void;
  /** Opens this context's own listener in the SO_REUSEPORT group on `port`; resolves to the bound port. */
  listenOwn(port: number): Promise<number>;
  /** True while a connection is being served. */
  isBusy(): boolean;
  report(role: string): ContextReport;
  stop(graceMs: number): Promise<void>;
}

/** `onIdle` runs each time the context has finished its last connection, `onBusy` when it starts one. */
export function startBlockingWorker(
  config: ServerConfig,
  diskHandle: DiskHandle,
  onIdle: () => void = () => undefined,
  onBusy: () => void = () => undefined,
): BlockingWorker {
  const disk = openDisk(diskHandle);
  const context = createServingContext(config, blockingSource(disk), { oneConnectionAtATime: true });
  let server: Server | undefined;
  const accept = (socket: Socket, acceptedAt?: number): void => {
    onBusy();
    void context.serve(socket, acceptedAt).then(() => {
      if (!context.isBusy()) onIdle();
    });
  };
  return {
    accept,
    async listenOwn(port) {
      server = await listen({ host: config.host, port, reusePort: true }, (socket) => accept(socket));
      return boundPort(server);
    },
    isBusy: () => context.isBusy(),
    report: (role) => servingReport(role, context, disk),
    stop: (graceMs) => stopServing(server, context, disk, graceMs),
  };
}
