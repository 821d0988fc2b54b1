/**
 * SPED (lib/servers/sped.ts): one process, one event loop; its reads are blocking, so a disk miss stalls
 * the loop and every connection waiting for it.
 */
import type { SimArchitecture } from "../architecture-model.js";
import { EventLoopModel } from "./event-loop.js";

export const spedModel: SimArchitecture = {
  name: "sped",
  summary: "one event loop in one process; a disk miss blocks the whole loop",
  options: ["maxConnections"],
  defaultWorkers: 1,
  acceptPolicies: ["one-listener"],
  cachesPer: "event loop",
  footprint: () => ({ processes: 1, threads: 0, cacheOwners: 1 }),
  build(model) {
    const loop = new EventLoopModel(model, model.process("event-loop", { access: "event-loop", serving: true }), model.blocking);
    return {
      serve: (connection) => loop.serve(connection),
      resources: () => ({ "event loop": [loop.context.lock!] }),
    };
  },
};
