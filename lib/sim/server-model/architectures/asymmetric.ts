/**
 * The asymmetric event-driven server (lib/servers/asymmetric.ts): AMPED (Flash, helper processes) and
 * AMTED (helper threads). One event loop runs every step of every connection except the reads of chunks
 * that are not in memory: those go to an idle helper (or wait for one, FIFO), which blocks in the loop's
 * place. Only the helpers' kind differs.
 */
import { architectureDeclarations, type ArchitectureDeclaration } from "../../../servers/declarations.js";
import type { SimArchitecture } from "../architecture-model.js";
import { helperChunkSource, type HelperCounters } from "../chunk-sources.js";
import { ContextPool } from "../context-pool.js";
import type { ContextKind } from "../execution-context.js";
import { EventLoopModel } from "./event-loop.js";

function asymmetricModel(declaration: ArchitectureDeclaration, helperKind: ContextKind): SimArchitecture {
  return {
    ...declaration,
    footprint: (config) => (helperKind === "process" ? { processes: 1 + config.helpers, threads: 0, cacheOwners: 1 } : { processes: 1, threads: config.helpers, cacheOwners: 1 }),
    build(model) {
      const loopContext = model.process("event-loop", { access: "event-loop", serving: true });
      const helpers = Array.from({ length: model.config.helpers }, () =>
        helperKind === "process" ? model.process("helper", { access: "pool", serving: false }) : model.thread(loopContext.processId, "helper", { access: "pool", serving: false }),
      );
      const pool = new ContextPool(model.simulator, helpers, { name: "helpers" });
      const counters: HelperCounters = { residentReads: 0, helperReads: 0 };
      const loop = new EventLoopModel(model, loopContext, helperChunkSource(model.disk, model.costs, pool, helperKind, counters, model.messages));
      return {
        serve: (connection) => loop.serve(connection),
        resources: () => ({ "event loop": [loopContext.lock!], helpers: [pool.resource] }),
        counters: () => ({ ...counters }),
      };
    },
  };
}

export const ampedModel = asymmetricModel(architectureDeclarations.amped, "process");
export const amtedModel = asymmetricModel(architectureDeclarations.amted, "thread");
