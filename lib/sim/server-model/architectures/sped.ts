/**
 * SPED (lib/servers/sped.ts): one process, one event loop; its reads are blocking, so a disk miss stalls
 * the loop and every connection waiting for it. `singleLoopModel` builds it, and SPED with asynchronous
 * reads (sped-async.ts), from the chunk source alone.
 */
import type { SimArchitecture, SimArchitectureName } from "../architecture-model.js";
import type { ChunkSource } from "../request-pipeline.js";
import type { ServerModel } from "../server-model.js";
import { EventLoopModel } from "./event-loop.js";

/** One process with one event loop that reads through `source`. */
export function singleLoopModel(name: SimArchitectureName, summary: string, source: (model: ServerModel) => ChunkSource): SimArchitecture {
  return {
    name,
    summary,
    options: ["maxConnections"],
    defaultWorkers: 1,
    acceptPolicies: ["one-listener"],
    cachesPer: "event loop",
    footprint: () => ({ processes: 1, threads: 0, cacheOwners: 1 }),
    build(model) {
      const loop = new EventLoopModel(model, model.process("event-loop", { access: "event-loop", serving: true }), source(model));
      return {
        serve: (connection) => loop.serve(connection),
        resources: () => ({ "event loop": [loop.context.lock!] }),
      };
    },
  };
}

export const spedModel = singleLoopModel("sped", "one event loop in one thread; a disk miss blocks the whole loop", (model) => model.blocking);
