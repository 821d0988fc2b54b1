/**
 * MP (multi-process, Flash-MP / Apache prefork): N worker processes, each running the whole pipeline
 * for one connection at a time with blocking reads, each with its own caches.
 *
 * Accept policies:
 * - `master-handoff` (default): the master (this process) accepts every connection, paused and unread,
 *   and passes the socket over the IPC pipe (SCM_RIGHTS) to an idle worker, closing its own copy once
 *   the worker confirms receipt; when all workers are busy the connection waits in the master's FIFO
 *   queue, and busy workers are told so (their keep-alive connections then yield at the next response).
 *   This is how a classic MP server behaves: its idle processes all block in accept() on the one
 *   listening socket, and the next idle one takes the next connection. Handing over costs one sendmsg
 *   per connection, paid by the master.
 * - `reuseport`: each worker accepts on its own SO_REUSEPORT listener and the kernel picks a worker by
 *   a hash of the connection's addresses, blind to which are busy, as MT's threads must (a socket cannot
 *   be handed to a thread). Use it to compare MP with MT on the same footing.
 *
 * A worker that dies is replaced; the connection it held is reset (the client fails fast), queued
 * connections are unaffected. On stop, the master stops accepting, keeps handing queued connections to
 * workers (which no longer keep connections alive) within the grace period, then stops the workers.
 */
import type { Server, Socket } from "node:net";
import { monotonicClockMs, performanceNowToMonotonicMs } from "../runtime/monotonic-clock.js";
import type { DiskHandle } from "../storage/index.js";
import { diskOf, type Architecture, type ContextChannel, type Role, type RunningArchitecture } from "./architecture.js";
import { blockingListenerRole, startBlockingWorker, superviseBlockingWorker } from "./blocking-worker.js";
import { boundPort, listen, stopListening } from "./listen.js";
import { startReusePortGroup, supervisedReport } from "./reuseport-group.js";
import { ContextGroup, type Member } from "./supervisor.js";
import type { ServerConfig } from "./types.js";
import { architectureDeclarations } from "./declarations.js";

/** Connections allowed to wait for an idle worker; beyond, they get a 503 (as the pipeline's own queue does). */
const maxWaitingConnections = 1024;
const busyBody = "every worker is busy and the queue is full; try again later\n";
const busyResponse = `HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: ${busyBody.length}\r\nConnection: close\r\n\r\n${busyBody}`;

interface WorkerState {
  busy: boolean;
  /** The master's copy of the connection being handed to it, closed when the worker confirms receipt. */
  handed?: Socket;
}

/** An MP worker process that serves the connections its master hands it. */
const handedConnectionWorkerRole: Role = {
  name: "mp-worker",
  run(context) {
    const channel: ContextChannel = context.parent();
    const worker = startBlockingWorker(context.config, diskOf(context), { onIdle: () => channel.post({ type: "idle" }) });
    const toMonotonicMs = performanceNowToMonotonicMs();
    channel.onMessage((message, socket) => {
      if (message.type === "connection" && socket) {
        channel.post({ type: "received" });
        // The master's accept time, moved to this process's clock: the accept step includes the queue wait.
        worker.accept(socket, message.acceptedAtMs === undefined ? undefined : message.acceptedAtMs - toMonotonicMs);
      } else if (message.type === "waiting-elsewhere") {
        worker.setWaitingElsewhere(message.count);
      }
    });
    superviseBlockingWorker(channel, worker, context.extra.label ?? "worker");
    channel.post({ type: "ready" });
  },
};

async function startWithHandoff(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const waiting: Socket[] = [];
  /** When each waiting connection was accepted, on the machine's monotonic clock (shared with the workers). */
  const acceptedAtMs = new WeakMap<Socket, number>();
  let stopping = false;
  let queueEmptied: (() => void) | undefined;

  const workers: ContextGroup<WorkerState> = new ContextGroup<WorkerState>({
    role: handedConnectionWorkerRole.name,
    kind: "process",
    label: "worker",
    config,
    disk,
    startedBy: "ready",
    initialState: () => ({ busy: false }),
    replaceDead: true,
    onStarted: () => dispatch(),
    onEvent(worker, message) {
      if (message.type === "received") {
        worker.state.handed?.destroy();
        worker.state.handed = undefined;
      } else if (message.type === "idle") {
        worker.state.busy = false;
        dispatch();
      }
    },
    // A connection still in the pipe to a dead worker: closing the master's copy resets it.
    onExit: (worker) => worker.state.handed?.destroy(),
  });

  /** Tells the workers whether connections wait in the master's queue (on changes between none and some). */
  let announcedWaiting = 0;
  const announceWaiting = (): void => {
    const count = waiting.length;
    if ((count === 0) === (announcedWaiting === 0)) return;
    announcedWaiting = count;
    workers.broadcast({ type: "waiting-elsewhere", count });
  };

  const handTo = (worker: Member<WorkerState>, socket: Socket): boolean => {
    worker.state.busy = true; // until it says it is idle; a dead worker stays busy until its exit removes it
    // A connection handed to a worker that died is reset by the kernel (the client fails fast).
    const sent = worker.context.channel.post({ type: "connection", acceptedAtMs: acceptedAtMs.get(socket) }, socket, () => socket.destroy());
    if (sent) worker.state.handed = socket;
    return sent;
  };

  const dispatch = (): void => {
    for (const worker of workers.members) {
      if (waiting.length === 0) break;
      if (worker.state.busy || !worker.started || worker.context.exited) continue;
      const socket = waiting.shift()!;
      // One that could not be handed over at all goes back to the head of the queue for another worker.
      if (!handTo(worker, socket)) waiting.unshift(socket);
    }
    announceWaiting();
    if (waiting.length === 0) queueEmptied?.();
  };

  await Promise.all(Array.from({ length: config.workers }, () => workers.add()));
  const server: Server = await listen({ host: config.host, port: config.port, pauseOnConnect: true }, (socket) => {
    if (stopping) return void socket.destroy();
    socket.on("error", () => socket.destroy());
    if (waiting.length >= maxWaitingConnections) return void socket.end(busyResponse);
    acceptedAtMs.set(socket, monotonicClockMs());
    waiting.push(socket);
    socket.once("close", () => {
      const index = waiting.indexOf(socket);
      if (index >= 0) waiting.splice(index, 1);
    });
    dispatch();
  });

  return {
    port: boundPort(server),
    report: () => supervisedReport(workers, "master"),
    async stop(graceMs) {
      const deadline = Date.now() + graceMs;
      await stopListening(server);
      stopping = true;
      workers.broadcast({ type: "drain" });
      // What was accepted is still served: hand the queue out while the grace period lasts.
      if (waiting.length > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          queueEmptied = () => {
            clearTimeout(timer);
            resolve();
          };
          dispatch();
        });
      }
      for (const socket of waiting.splice(0)) socket.destroy();
      await workers.stop(Math.max(0, deadline - Date.now()));
    },
  };
}

async function startWithReusePort(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const { group, port } = await startReusePortGroup(
    { role: blockingListenerRole.name, kind: "process", label: "worker", config, disk, initialState: () => undefined, replaceDead: true },
    config.workers,
    config.port,
  );
  return { port, report: () => supervisedReport(group, "master"), stop: (graceMs) => group.stop(graceMs) };
}

export const mpArchitecture: Architecture = {
  ...architectureDeclarations.mp,
  roles: [handedConnectionWorkerRole, blockingListenerRole],
  start: (config, disk) => (config.acceptPolicy === "reuseport" ? startWithReusePort(config, disk) : startWithHandoff(config, disk)),
};
