/**
 * Apache-like (the worker MPM): a hybrid of processes × threads. Each child process hosts a fixed
 * number of serving threads (ThreadsPerChild), each serving one connection at a time with blocking
 * reads. The number of processes grows and shrinks with load between a minimum and a maximum, as
 * Apache's parent does: every maintenance interval it counts idle threads, forks a process when fewer
 * than MinSpareThreads are idle, and retires one (gracefully) when more than MaxSpareThreads are
 * idle. The pool size over time is kept as samples and reported in the stats.
 *
 * Accept: every thread has its own SO_REUSEPORT listener (see thread-group.ts). A retiring process
 * closes its listeners first; Linux resets a connection that was queued on a closing listener and not
 * yet accepted, a small window since Node accepts eagerly (Apache has a similar race on graceful stop).
 */
import type { DiskHandle } from "../storage/index.js";
import type { Architecture, RunningArchitecture } from "./architecture.js";
import { request } from "./channel.js";
import { forkContext, waitForMessage, type ChildContext } from "./child-context.js";
import { collectReports, stopContexts } from "./context-control.js";
import { describeThisProcess, mergeReports } from "./context-report.js";
import type { PoolSample, ServerConfig } from "./types.js";

/** Samples kept for the pool-size timeline (the oldest are dropped beyond this). */
const maxSamples = 10_000;

interface Load {
  threads: number;
  busy: number;
}

async function startApache(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const pool = config.apache;
  const startedAt = Date.now();
  const processes: ChildContext[] = [];
  const samples: PoolSample[] = [];
  let stopping = false;
  let growing = false;
  let replacedWorkers = 0;

  const launch = async (port: number): Promise<number> => {
    const context = forkContext({ role: "apache-process", config, disk, extra: { port, threads: pool.threadsPerProcess } });
    processes.push(context);
    context.onExit(() => {
      const index = processes.indexOf(context);
      if (index < 0) return; // retired on purpose
      processes.splice(index, 1);
      if (!stopping) replacedWorkers++; // the maintenance tick starts a new one if the pool is short
    });
    return (await waitForMessage<{ port: number }>(context, "listening")).port;
  };

  const port = await launch(config.port);
  const initial = Math.min(pool.maxProcesses, Math.max(pool.minProcesses, config.workers));
  await Promise.all(Array.from({ length: initial - 1 }, () => launch(port)));

  const retire = (context: ChildContext): void => {
    processes.splice(processes.indexOf(context), 1);
    void stopContexts([context], config.graceMs);
  };

  const maintain = async (): Promise<void> => {
    if (stopping || growing) return;
    const loads = await Promise.all(
      processes.map(async (context) => ({ context, load: await request<Load>(context.channel, { type: "load" }, 1000) })),
    );
    const threads = loads.reduce((sum, { load }) => sum + (load?.threads ?? 0), 0);
    const busy = loads.reduce((sum, { load }) => sum + (load?.busy ?? 0), 0);
    samples.push({ atMs: Date.now() - startedAt, processes: processes.length, threads, busyThreads: busy });
    if (samples.length > maxSamples) samples.shift();
    const idle = threads - busy;
    if (stopping) return;
    if (processes.length < pool.minProcesses || (idle < pool.minSpareThreads && processes.length < pool.maxProcesses)) {
      growing = true;
      await launch(port)
        .catch((error: Error) => console.error(`flashlab: could not start an Apache-like process: ${error.message}`))
        .finally(() => (growing = false));
    } else if (idle > pool.maxSpareThreads && idle - pool.threadsPerProcess >= pool.minSpareThreads && processes.length > pool.minProcesses) {
      const quietest = loads.filter(({ context }) => processes.includes(context)).sort((a, b) => (a.load?.busy ?? 0) - (b.load?.busy ?? 0))[0];
      if (quietest) retire(quietest.context);
    }
  };
  const timer = setInterval(() => void maintain(), pool.maintenanceMs);

  return {
    port,
    async report() {
      const merged = mergeReports(await collectReports(processes, "process"));
      return { ...merged, contexts: [describeThisProcess("parent", 0), ...merged.contexts], pool: [...samples], replacedWorkers };
    },
    async stop(graceMs) {
      stopping = true;
      clearInterval(timer);
      await stopContexts([...processes], graceMs);
    },
  };
}

export const apacheArchitecture: Architecture = {
  name: "apache",
  summary: "processes × threads (worker MPM); the process count grows and shrinks with idle threads between a min and a max",
  start: startApache,
};
