/**
 * The server's top process: it creates the server's one disk (and, for the simulated disk, the shared
 * buffer cache's owner), starts the architecture, tells its parent the port, and answers the parent's
 * "stats" and "stop". Running every architecture below its own top process keeps the caller (a
 * test, a notebook, the CLI) out of the server: a SPED loop that blocks never blocks the caller.
 */
import { createDiskOwner, type DiskOptions } from "../storage/index.js";
import { architectures } from "./registry.js";
import { answerRequests, type Channel } from "./channel.js";
import type { ArchitectureReport } from "./architecture.js";
import type { ServerConfig, ServerDiskOptions, ServerStats } from "./types.js";

/** The lib/storage options for the server's disk. */
function diskOptionsOf(disk: ServerDiskOptions): DiskOptions {
  if (disk.kind === "sim") return { kind: "sim", latencyMs: disk.latencyMs, bandwidthMBps: disk.mbps, cacheMB: disk.cacheMb };
  return { kind: disk.kind };
}

/** Builds the server's stats from its architecture's report. */
function serverStatsOf(config: ServerConfig, report: ArchitectureReport, uptimeMs: number, sharedCache: unknown): ServerStats {
  const { counters } = report;
  const errorsByStatus = Object.fromEntries(Object.entries(counters.responsesByStatus).filter(([status]) => Number(status) >= 400));
  return {
    arch: config.arch,
    uptimeMs,
    ...counters,
    errorsByStatus,
    contexts: report.contexts,
    helpers: report.helpers,
    pool: report.pool,
    replacedWorkers: report.replacedWorkers,
    disk: { kind: config.disk.kind, sharedCache, contexts: report.disks },
  };
}

/** Runs the server in this process until the parent asks it to stop. */
export async function runServerRoot(channel: Channel, config: ServerConfig): Promise<void> {
  const owner = createDiskOwner(diskOptionsOf(config.disk));
  let running;
  try {
    running = await architectures[config.arch].start(config, owner.handle);
  } catch (error) {
    await owner.close();
    throw error;
  }
  const server = running;
  const startedAt = Date.now();
  let stopping: Promise<void> | undefined;
  const stop = (graceMs: number): Promise<void> =>
    (stopping ??= server.stop(graceMs).then(() => owner.close()));
  answerRequests(channel, {
    stats: async () => serverStatsOf(config, await server.report(), Date.now() - startedAt, owner.cacheStats()),
    stop: async (message) => {
      await stop(Number(message.graceMs ?? config.graceMs));
      setTimeout(() => process.exit(0), 20);
      return true;
    },
  });
  channel.post({ type: "listening", port: server.port, disk: owner.description });
}
