/**
 * MT (lib/servers/mt.ts): N threads of one process, each serving one connection at a time with blocking
 * reads, each with its own listener in a SO_REUSEPORT group and its own Flash caches. The kernel picks a
 * thread by a hash, blind to which are busy, so a connection may queue behind a busy thread while
 * another is idle; the thread serves its queue in order. Each thread tells the process's main thread
 * when it takes a connection ("busy") and when it has none left ("idle"), as lib/servers' thread group
 * does: a thread message each, half paid by the thread, half by the main thread.
 */
import type { SimArchitecture } from "../architecture-model.js";
import type { ServerModel } from "../server-model.js";
import type { ContextKind, ExecutionContext } from "../execution-context.js";
import type { ModelConnection } from "../model-connection.js";
import type { ProcessBody } from "../../process.js";
import { architectureDeclarations } from "../../../servers/declarations.js";

/** Who supervises a context with its own listener: it takes the context's busy and idle messages. */
export interface ListenerSupervisor {
  context: ExecutionContext;
  /** The kind of context both are: what a message between them costs (the context pays half, the supervisor half). */
  kind: ContextKind;
}

/**
 * A context with its own listener, serving its connections one at a time (MT's and Apache's threads, MP
 * with reuseport): it accepts and tells its supervisor it is busy, serves, and when no connection waits
 * for it any more, tells the supervisor it is idle.
 */
export function* serveOnOwnListener(model: ServerModel, context: ExecutionContext, connection: ModelConnection, supervisor: ListenerSupervisor): ProcessBody {
  if (!(yield* context.enter(connection))) {
    // Its queue is full: the pipeline answers 503 (a short write, not charged here).
    connection.refuse();
    return;
  }
  const halfMessage = model.halfMessageMs(supervisor.kind);
  yield* context.compute(model.costs.accept + halfMessage); // "busy" goes out
  model.receive(supervisor.context, supervisor.kind);
  yield* model.serveUntilClosed(context, connection);
  if (context.lock!.waiting === 0) {
    yield* context.compute(halfMessage); // "idle" goes out
    model.receive(supervisor.context, supervisor.kind);
  }
  context.leave(connection);
}

export const mtModel: SimArchitecture = {
  ...architectureDeclarations.mt,
  footprint: (config) => ({ processes: 1, threads: config.workers, cacheOwners: config.workers }),
  build(model) {
    const main = model.process("main thread", { access: "event-loop", serving: false });
    const threads = Array.from({ length: model.config.workers }, () => model.thread(main.processId, "thread", { access: "one-connection", serving: true }));
    const supervisor = { context: main, kind: "thread" } as const;
    return {
      serve: (connection) => serveOnOwnListener(model, model.reusePortPick(threads), connection, supervisor),
      resources: () => ({ threads: threads.map((thread) => thread.lock!) }),
    };
  },
};
