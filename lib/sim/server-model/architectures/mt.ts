/**
 * MT (lib/servers/mt.ts): N threads of one process, each serving one connection at a time with blocking
 * reads, each with its own listener in a SO_REUSEPORT group and its own Flash caches. The kernel picks a
 * thread by a hash, blind to which are busy, so a connection may queue behind a busy thread while
 * another is idle; the thread serves its queue in order.
 */
import type { SimArchitecture } from "../architecture-model.js";
import type { ServerModel } from "../server-model.js";
import type { ExecutionContext } from "../execution-context.js";
import type { ModelConnection } from "../model-connection.js";
import type { ProcessBody } from "../../process.js";
import { architectureDeclarations } from "../../../servers/declarations.js";

/** A context with its own listener, serving its connections one at a time (MT's and Apache's threads, MP with reuseport). */
export function* serveOnOwnListener(model: ServerModel, context: ExecutionContext, connection: ModelConnection): ProcessBody {
  if (!(yield* context.enter(connection))) {
    // Its queue is full: the pipeline answers 503 (a short write, not charged here).
    connection.refuse();
    return;
  }
  yield* context.compute(model.costs.accept);
  yield* model.serveUntilClosed(context, connection);
  context.leave(connection);
}

export const mtModel: SimArchitecture = {
  ...architectureDeclarations.mt,
  footprint: (config) => ({ processes: 1, threads: config.workers, cacheOwners: config.workers }),
  build(model) {
    const top = model.process("process", { access: "pool", serving: false });
    const threads = Array.from({ length: model.config.workers }, () => model.thread(top.processId, "thread", { access: "one-connection", serving: true }));
    return {
      serve: (connection) => serveOnOwnListener(model, model.reusePortPick(threads), connection),
      resources: () => ({ threads: threads.map((thread) => thread.lock!) }),
    };
  },
};
