/**
 * Zeus-like: k SPED processes, each an event loop with blocking reads and its own caches. Each process
 * accepts on its own listener in a SO_REUSEPORT group (the kernel spreads connections over them), as
 * nginx's workers do with `reuseport`. A miss stalls one process's loop, not the others.
 * A process that dies is replaced.
 */
import type { DiskHandle } from "../storage/index.js";
import type { Architecture, RunningArchitecture } from "./architecture.js";
import { forkContext, waitForMessage, type ChildContext } from "./child-context.js";
import { collectReports, replaceWhenDead, stopContexts } from "./context-control.js";
import { describeThisProcess, mergeReports } from "./context-report.js";
import type { ServerConfig } from "./types.js";

async function startZeus(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const processes: ChildContext[] = [];
  let stopping = false;
  let replacedWorkers = 0;
  const launch = async (port: number): Promise<number> => {
    const context = forkContext({ role: "sped-process", config, disk, extra: { port } });
    processes.push(context);
    context.onExit(() => processes.splice(processes.indexOf(context), 1));
    replaceWhenDead(context, () => stopping, () => {
      replacedWorkers++;
      void launch(port).catch((error: Error) => console.error(`flashlab: could not replace a Zeus process: ${error.message}`));
    });
    return (await waitForMessage<{ port: number }>(context, "listening")).port;
  };
  const port = await launch(config.port);
  await Promise.all(Array.from({ length: config.workers - 1 }, () => launch(port)));
  return {
    port,
    async report() {
      const merged = mergeReports(await collectReports(processes, "event-loop"));
      return { ...merged, contexts: [describeThisProcess("master", 0), ...merged.contexts], replacedWorkers };
    },
    async stop(graceMs) {
      stopping = true;
      await stopContexts([...processes], graceMs);
    },
  };
}

export const zeusArchitecture: Architecture = {
  name: "zeus",
  summary: "k SPED processes, each its own event loop on a SO_REUSEPORT listener; a miss stalls one of them",
  start: startZeus,
};
