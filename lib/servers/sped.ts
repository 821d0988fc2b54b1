/**
 * SPED (single-process event-driven): one process, one thread, one event loop that accepts and
 * interleaves every connection. File reads are synchronous, as Flash-SPED's were: a disk miss stalls
 * the loop and every connection behind it (head-of-line blocking).
 */
import type { Architecture } from "./architecture.js";
import { startEventLoopServer } from "./event-loop-server.js";
import { architectureDeclarations } from "./declarations.js";

export const spedArchitecture: Architecture = {
  ...architectureDeclarations.sped,
  roles: [],
  async start(config, disk) {
    const loop = await startEventLoopServer(config, disk, { port: config.port, reusePort: false });
    return {
      port: loop.port,
      report: async () => ({ ...loop.report("event-loop"), replacedWorkers: 0, departedContexts: 0 }),
      stop: (graceMs) => loop.stop(graceMs),
    };
  },
};
