/**
 * Zeus-like (lib/servers/zeus.ts): k SPED processes, each an event loop with blocking reads and caches
 * of its own, on one SO_REUSEPORT port: the kernel spreads connections over them, blind to which is
 * stalled on a miss.
 */
import type { SimArchitecture } from "../architecture-model.js";
import { EventLoopModel } from "./event-loop.js";
import { architectureDeclarations } from "../../../servers/declarations.js";

export const zeusModel: SimArchitecture = {
  ...architectureDeclarations.zeus,
  footprint: (config) => ({ processes: 1 + config.workers, threads: 0, cacheOwners: config.workers }),
  build(model) {
    model.process("master", { access: "pool", serving: false }); // the top process, which only supervises
    const loops = Array.from({ length: model.config.workers }, () => new EventLoopModel(model, model.process("event-loop", { access: "event-loop", serving: true }), model.blocking));
    return {
      serve: (connection) => model.reusePortPick(loops).serve(connection),
      resources: () => ({ "event loops": loops.map((loop) => loop.context.lock!) }),
    };
  },
};
