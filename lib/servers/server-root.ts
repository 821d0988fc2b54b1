/**
 * The server's top process: it creates the server's one disk (and, for the simulated disk, the shared
 * buffer cache's owner), starts the architecture, tells its parent the port, and answers the parent's
 * "stats" and "stop". Running every architecture below its own top process keeps the caller (a
 * test, a notebook, the CLI) out of the server: a SPED loop that blocks never blocks the caller.
 */
import { createDiskOwner } from "../storage/index.js";
import type { ArchitectureReport, Role } from "./architecture.js";
import { answer } from "./channel.js";
import { architectures } from "./registry.js";
import type { FromRoot, RootReplies, RootRequest, ToRoot } from "./messages.js";
import type { ServerConfig, ServerStats } from "./types.js";

/** Builds the server's stats from its architecture's report. */
function serverStatsOf(config: ServerConfig, report: ArchitectureReport, uptimeMs: number, sharedCache: ServerStats["disk"]["sharedCache"]): ServerStats {
  const { counters } = report;
  const errorsByStatus = Object.fromEntries(Object.entries(counters.responsesByStatus).filter(([status]) => Number(status) >= 400));
  const architecture = architectures[config.arch];
  return {
    arch: config.arch,
    uptimeMs,
    ...counters,
    errorsByStatus,
    contexts: report.contexts,
    helpers: report.helpers,
    pool: report.pool,
    replacedWorkers: report.replacedWorkers,
    departedContexts: report.departedContexts,
    acceptPolicy: config.acceptPolicy,
    cachesPer: architecture.cachesPer,
    disk: { ...config.disk, sharedCache, contexts: report.disks },
  };
}

/** The server's top process, forked by `startServer`. */
export const serverRootRole: Role = {
  name: "root",
  async run(context) {
    const channel = context.parent<FromRoot, ToRoot>();
    const { config } = context;
    // Uptime counts from here, before the architecture starts, as the times an architecture reports do
    // (the Apache-like pool's samples), so that both fall on one axis.
    const startedAt = Date.now();
    const owner = createDiskOwner(config.disk);
    let running;
    try {
      running = await architectures[config.arch].start(config, owner.handle);
    } catch (error) {
      await owner.close();
      throw error;
    }
    const server = running;
    let stopping: Promise<void> | undefined;
    answer<RootRequest, RootReplies>(channel, {
      stats: async () => serverStatsOf(config, await server.report(), Date.now() - startedAt, owner.cacheStats()),
      stop: async ({ graceMs }) => {
        stopping ??= server.stop(graceMs).then(() => owner.close());
        await stopping;
        setTimeout(() => process.exit(0), 20);
        return true as const;
      },
    });
    channel.post({ type: "listening", port: server.port, disk: owner.description });
  },
};
