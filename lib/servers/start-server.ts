/**
 * `startServer`: starts one of the seven architectures as a real server and resolves to its URL, a
 * stats function and a stop function. The options are checked once, here, before anything starts; the
 * server then runs in its own top process (forked here), which owns the disk and supervises every
 * execution context of the architecture.
 */
import { ask } from "./channel.js";
import { forkContext, waitForMessage } from "./context-launch.js";
import type { FromRoot, RootReplies, RootRequest, ToRoot } from "./messages.js";
import { resolveServerConfig } from "./options.js";
import { serverRootRole } from "./server-root.js";
import type { RunningServer, ServerOptions, ServerStats } from "./types.js";

/** The IPC pipe carries JSON, which turns the simulated disk's "unlimited" (Infinity) into null; undo that. */
function withUnlimitedRestored(stats: ServerStats): ServerStats {
  const disk = stats.disk;
  if (disk.kind !== "sim") return stats;
  const unlimited = (value: number | null): number => value ?? Infinity;
  return { ...stats, disk: { ...disk, bandwidthMBps: unlimited(disk.bandwidthMBps), parallelism: unlimited(disk.parallelism) } };
}

/**
 * Starts a server and resolves once it accepts connections. Throws `ServerOptionsError` for bad options
 * (a missing docroot, a number out of range) and an Error when the server cannot start (port in use).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const config = resolveServerConfig(options);
  const root = forkContext<ToRoot, FromRoot>({ role: serverRootRole.name, config }, config.cpus);
  let listening: { port: number; disk: string };
  try {
    listening = await waitForMessage(root, "listening", 30_000);
  } catch (error) {
    root.kill();
    throw error;
  }
  const url = `http://${config.host}:${listening.port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    host: config.host,
    port: listening.port,
    pid: root.pid,
    arch: config.arch,
    diskDescription: listening.disk,
    exited: new Promise((resolve) => (root.exited ? resolve() : root.onExit(() => resolve()))),
    async stats(): Promise<ServerStats> {
      if (root.exited) throw new Error(`the ${config.arch} server at ${url} has stopped`);
      const stats = await ask<RootRequest, RootReplies, "stats">(root.channel, { kind: "stats" }, 10_000);
      if (!stats) throw new Error(`the ${config.arch} server at ${url} did not answer a stats request within 10 s`);
      return withUnlimitedRestored(stats);
    },
    stop(): Promise<void> {
      stopped ??= (async () => {
        if (!root.exited) await ask<RootRequest, RootReplies, "stop">(root.channel, { kind: "stop", graceMs: config.graceMs }, config.graceMs + 10_000);
        await root.waitForExit(3000);
      })();
      return stopped;
    },
  };
}
