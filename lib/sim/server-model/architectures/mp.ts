/**
 * MP (lib/servers/mp.ts): N worker processes, each serving one connection at a time with blocking reads
 * and caches of its own.
 *
 * - `master-handoff` (the default): the master process accepts every connection and hands it to an
 *   idle worker over its pipe (one message; the worker confirms receipt with another), or queues it
 *   (at most 1024 wait; beyond, 503). A worker that has finished (its client closed) tells the master it
 *   is idle (a third message), and only when the master has taken that message can it be given the next
 *   connection. Each message costs both sides: the sender half, the receiver half.
 * - `reuseport`: each worker accepts on its own listener, as MT's threads do.
 */
import type { ProcessBody } from "../../process.js";
import type { SimArchitecture } from "../architecture-model.js";
import { ContextPool, type PoolLease } from "../context-pool.js";
import type { ContextHolder } from "../execution-context.js";
import type { ModelConnection } from "../model-connection.js";
import type { ServerModel } from "../server-model.js";
import { serveOnOwnListener } from "./mt.js";
import { architectureDeclarations } from "../../../servers/declarations.js";

function handoff(model: ServerModel): ReturnType<SimArchitecture["build"]> {
  const master = model.process("master", { access: "event-loop", serving: false });
  const workers = Array.from({ length: model.config.workers }, () => model.process("worker", { access: "pool", serving: true }));
  const pool = new ContextPool(model.simulator, workers, { name: "workers", queueLimit: model.config.queueLimit });
  const halfMessage = model.halfMessageMs("process");

  function* serve(connection: ModelConnection): ProcessBody {
    const holder: ContextHolder = { hold: undefined }; // the master's turn for this connection
    yield* master.enter(holder);
    yield* master.compute(model.costs.accept);
    master.leave(holder);
    const lease: PoolLease | undefined = yield* pool.take();
    if (lease === undefined) {
      // The master's queue is full: it answers 503 itself.
      yield* master.enter(holder);
      yield* master.compute(model.costs.sendHeader);
      master.leave(holder);
      connection.refuse();
      return;
    }
    const worker = lease.context;
    yield* master.enter(holder);
    yield* master.compute(halfMessage); // the socket goes out
    master.leave(holder);
    yield* worker.compute(2 * halfMessage); // the socket comes in; "received" goes out
    model.countMessages("process"); // the socket
    model.receive(master, "process"); // "received"
    yield* model.serveUntilClosed(worker, connection);
    yield* worker.compute(halfMessage); // "idle" goes out
    worker.finish();
    model.receive(master, "process", () => pool.giveBack(lease)); // "idle"
  }

  return { serve, resources: () => ({ master: [master.lock!], workers: [pool.resource] }) };
}

function reusePort(model: ServerModel): ReturnType<SimArchitecture["build"]> {
  const master = model.process("master", { access: "event-loop", serving: false }); // supervises only: takes the workers' busy and idle messages
  const workers = Array.from({ length: model.config.workers }, () => model.process("worker", { access: "one-connection", serving: true }));
  const supervisor = { context: master, kind: "process" } as const;
  return {
    serve: (connection) => serveOnOwnListener(model, model.reusePortPick(workers), connection, supervisor),
    resources: () => ({ workers: workers.map((worker) => worker.lock!) }),
  };
}

export const mpModel: SimArchitecture = {
  ...architectureDeclarations.mp,
  footprint: (config) => ({ processes: 1 + config.workers, threads: 0, cacheOwners: config.workers }),
  build: (model) => (model.config.acceptPolicy === "reuseport" ? reusePort(model) : handoff(model)),
};
