/**
 * The execution context of MP, MT and Apache: it runs the whole pipeline for one connection at a time
 * and reads files with blocking calls, so a disk miss stalls only this context. Connections come either
 * from a master that hands them over (MP's default) or from the context's own SO_REUSEPORT listener
 * (MT and Apache threads, which cannot be handed sockets; MP with the `reuseport` accept policy).
 *
 * The `blocking-listener` role is such a context with its own listener, as a thread or as a process.
 */
import type { Server, Socket } from "node:net";
import { openDisk, type DiskHandle } from "../storage/index.js";
import { diskOf, type ContextChannel, type Role } from "./architecture.js";
import type { ContextReport } from "./context-report.js";
import { blockingSource } from "./event-loop-server.js";
import { boundPort, listen } from "./listen.js";
import { createServingContext, servingReport, stopServing } from "./serving-context.js";
import { reportToSupervisor } from "./supervised.js";
import type { ServerConfig } from "./types.js";

export interface BlockingWorker {
  /** Takes a connection handed over by a master (`acceptedAt`: when the master accepted it, in this thread's clock). */
  accept(socket: Socket, acceptedAt?: number): void;
  /** Opens this context's own listener in the SO_REUSEPORT group on `port`; resolves to the bound port. */
  listenOwn(port: number): Promise<number>;
  /** How many connections wait for this context elsewhere (MP's master queue). */
  setWaitingElsewhere(count: number): void;
  /** Shutdown is coming: no more keep-alive. */
  drain(): void;
  /** Requests answered so far. */
  requests(): number;
  report(role: string): ContextReport;
  stop(graceMs: number): Promise<void>;
}

/** `onIdle` runs each time the context has finished its last connection, `onBusy` when it starts one. */
export function startBlockingWorker(
  config: ServerConfig,
  diskHandle: DiskHandle,
  events: { onIdle?: () => void; onBusy?: () => void } = {},
): BlockingWorker {
  const disk = openDisk(diskHandle);
  const context = createServingContext(config, blockingSource(disk), { oneConnectionAtATime: true });
  let server: Server | undefined;
  const accept = (socket: Socket, acceptedAt?: number): void => {
    events.onBusy?.();
    void context.serve(socket, acceptedAt).then(() => {
      if (!context.isBusy()) events.onIdle?.();
    });
  };
  return {
    accept,
    async listenOwn(port) {
      server = await listen({ host: config.host, port, reusePort: true }, (socket) => accept(socket));
      return boundPort(server);
    },
    setWaitingElsewhere: (count) => context.setWaitingElsewhere(count),
    drain: () => context.drain(),
    requests: () => context.requests(),
    report: (role) => servingReport(role, context, disk),
    stop: (graceMs) => stopServing(server, context, disk, graceMs),
  };
}

/** Serves `worker` to its supervisor on `channel`: reports, checkpoints, drain and stop. */
export function superviseBlockingWorker(channel: ContextChannel, worker: BlockingWorker, label: string): void {
  channel.onMessage((message) => {
    if (message.type === "drain") worker.drain();
  });
  reportToSupervisor(channel, { report: () => worker.report(label), activity: () => worker.requests(), stop: (graceMs) => worker.stop(graceMs) });
}

/** A blocking context with its own SO_REUSEPORT listener (MT's and Apache's threads; MP processes with `reuseport`). */
export const blockingListenerRole: Role = {
  name: "blocking-listener",
  async run(context) {
    const channel: ContextChannel = context.parent();
    const worker = startBlockingWorker(context.config, diskOf(context), {
      onIdle: () => channel.post({ type: "busy", busy: false }),
      onBusy: () => channel.post({ type: "busy", busy: true }),
    });
    superviseBlockingWorker(channel, worker, context.extra.label ?? "worker");
    const port = await worker.listenOwn(context.extra.port ?? 0);
    channel.post({ type: "listening", port });
  },
};
