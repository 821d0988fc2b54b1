/**
 * SPED (lib/servers/sped.ts): one process, one event loop; its reads are blocking, so a disk miss stalls
 * the loop and every connection waiting for it. `singleLoopModel` builds it, and SPED with asynchronous
 * reads (sped-async.ts), from the chunk source alone.
 */
import { architectureDeclarations } from "../../../servers/declarations.js";
import type { SimArchitecture, SimArchitectureDeclaration } from "../architecture-model.js";
import type { ChunkSource } from "../request-pipeline.js";
import type { ServerModel } from "../server-model.js";
import { EventLoopModel } from "./event-loop.js";

/** One process with one event loop that reads through `source`. */
export function singleLoopModel(declaration: SimArchitectureDeclaration, source: (model: ServerModel) => ChunkSource): SimArchitecture {
  return {
    ...declaration,
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

export const spedModel = singleLoopModel(architectureDeclarations.sped, (model) => model.blocking);
