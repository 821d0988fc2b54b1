/**
 * MP (multi-process, Flash-MP / Apache prefork): N worker processes, each running the whole pipeline
 * for one connection at a time with blocking reads, each with its own caches.
 *
 * Accept scheme: the master (this process) accepts every connection, paused and unread, and passes
 * the socket over the IPC pipe (SCM_RIGHTS) to an idle worker, closing its own copy once the worker
 * confirms receipt; when all workers are busy the connection waits in the master's FIFO queue. We
 * chose this over one SO_REUSEPORT listener per worker because the kernel spreads reuseport connections by a hash of their addresses, blind to
 * which workers are busy: a connection could wait behind a stalled worker while others sit idle,
 * which is not how a classic MP server behaves (its idle processes all block in accept() on the one
 * listening socket, and the next idle one takes the next connection). Handing over costs one
 * sendmsg per connection, paid by the master, not by the workers.
 *
 * A worker that dies is replaced; the connection it held is reset (the client fails fast), queued
 * connections are unaffected.
 */
import type { Socket } from "node:net";
import type { DiskHandle } from "../storage/index.js";
import type { Architecture, RunningArchitecture } from "./architecture.js";
import { forkContext, waitForMessage, type ChildContext } from "./child-context.js";
import { collectReports, replaceWhenDead, stopContexts } from "./context-control.js";
import { describeThisProcess, mergeReports } from "./context-report.js";
import { boundPort, listen, stopListening } from "./listen.js";
import type { ServerConfig } from "./types.js";

/** Connections allowed to wait for an idle worker; beyond, they get a 503 (as the pipeline's own queue does). */
const maxWaitingConnections = 1024;
const busyBody = "every worker is busy and the queue is full; try again later\n";
const busyResponse = `HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: ${busyBody.length}\r\nConnection: close\r\n\r\n${busyBody}`;

interface Worker {
  context: ChildContext;
  busy: boolean;
  /** The master's copy of the connection being handed to it, closed when the worker confirms receipt. */
  handed?: Socket;
}

async function startMultiProcess(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const workers: Worker[] = [];
  const waiting: Socket[] = [];
  /** When each waiting connection was accepted, on the wall clock (performance.timeOrigin + now). */
  const acceptedAtMs = new WeakMap<Socket, number>();
  let stopping = false;
  let replacedWorkers = 0;

  const dispatch = (): void => {
    for (const worker of workers) {
      if (waiting.length === 0) return;
      if (worker.busy || worker.context.exited) continue;
      const socket = waiting.shift()!;
      worker.busy = true; // until it says it is idle; a dead worker stays busy until its exit removes it
      // A connection handed to a worker that died is reset by the kernel (the client fails fast); one
      // that could not be handed over at all goes back to the head of the queue for another worker.
      const message = { type: "connection", acceptedAtMs: acceptedAtMs.get(socket) };
      if (worker.context.channel.post(message, socket, () => socket.destroy())) worker.handed = socket;
      else waiting.unshift(socket);
    }
  };

  const launch = async (): Promise<Worker> => {
    const context = forkContext({ role: "mp-worker", config, disk });
    const worker: Worker = { context, busy: true };
    workers.push(worker);
    context.channel.onMessage((message) => {
      if (message.type === "received") {
        worker.handed?.destroy();
        worker.handed = undefined;
      } else if (message.type === "idle") {
        worker.busy = false;
        dispatch();
      }
    });
    context.onExit(() => {
      workers.splice(workers.indexOf(worker), 1);
      // A connection still in the pipe to the dead worker: closing the master's copy resets it.
      worker.handed?.destroy();
    });
    replaceWhenDead(context, () => stopping, () => {
      replacedWorkers++;
      void launch().catch((error: Error) => console.error(`flashlab: could not replace an MP worker: ${error.message}`));
    });
    await waitForMessage(context, "ready");
    worker.busy = false;
    dispatch();
    return worker;
  };

  await Promise.all(Array.from({ length: config.workers }, launch));
  const server = await listen({ host: config.host, port: config.port, pauseOnConnect: true }, (socket) => {
    if (stopping) return void socket.destroy();
    socket.on("error", () => socket.destroy());
    if (waiting.length >= maxWaitingConnections) return void socket.end(busyResponse);
    acceptedAtMs.set(socket, performance.timeOrigin + performance.now());
    waiting.push(socket);
    socket.once("close", () => {
      const index = waiting.indexOf(socket);
      if (index >= 0) waiting.splice(index, 1);
    });
    dispatch();
  });

  return {
    port: boundPort(server),
    async report() {
      const merged = mergeReports(await collectReports(workers.map((worker) => worker.context), "worker"));
      return { ...merged, contexts: [describeThisProcess("master", 0), ...merged.contexts], replacedWorkers };
    },
    async stop(graceMs) {
      stopping = true;
      stopListening(server);
      for (const socket of waiting.splice(0)) socket.destroy();
      await stopContexts(workers.map((worker) => worker.context), graceMs);
    },
  };
}

export const mpArchitecture: Architecture = {
  name: "mp",
  summary: "N processes, one connection each at a time, blocking reads; the master hands connections to idle workers",
  start: startMultiProcess,
};
