/**
 * SPED with asynchronous reads (an io_uring-like kernel interface; not among lib/servers' real
 * architectures): one process, one event loop, no helpers. A miss is submitted and the loop goes on;
 * its completion comes back to the loop like any other event. See chunk-sources.ts for what it costs.
 */
import type { SimArchitecture } from "../architecture-model.js";
import { asyncChunkSource } from "../chunk-sources.js";
import { EventLoopModel } from "./event-loop.js";

export const spedAsyncModel: SimArchitecture = {
  name: "sped-async",
  summary: "one event loop with asynchronous (io_uring-like) reads: a miss blocks nobody, and no helpers are needed",
  options: ["maxConnections"],
  defaultWorkers: 1,
  acceptPolicies: ["one-listener"],
  cachesPer: "event loop",
  footprint: () => ({ processes: 1, threads: 0, cacheOwners: 1 }),
  build(model) {
    const context = model.process("event-loop", { access: "event-loop", serving: true });
    const loop = new EventLoopModel(model, context, asyncChunkSource(model.disk, model.costs));
    return {
      serve: (connection) => loop.serve(connection),
      resources: () => ({ "event loop": [context.lock!] }),
    };
  },
};
