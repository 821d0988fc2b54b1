/**
 * Apache-like (the worker MPM): a hybrid of processes × threads. Each child process hosts a fixed
 * number of serving threads (ThreadsPerChild), each serving one connection at a time with blocking
 * reads. The number of processes grows and shrinks with load between a minimum and a maximum, as
 * Apache's parent does: every maintenance interval it counts idle threads, forks a process when fewer
 * than MinSpareThreads are idle, and retires one (gracefully) when more than MaxSpareThreads are
 * idle. The pool size over time is kept as samples and reported in the stats; a retired process's
 * final counts stay in the totals.
 *
 * Accept: every thread has its own SO_REUSEPORT listener (see thread-group.ts). A retiring process
 * closes its listeners first; Linux resets a connection that was queued on a closing listener and not
 * yet accepted (a few in a thousand under heavy churn), unless the machine enables
 * `net.ipv4.tcp_migrate_req` (Linux ≥ 5.14), which moves such connections to another listener of the
 * group. Real Apache avoids it by sharing one listening socket among its children; Node cannot hand a
 * listening socket to a worker thread.
 */
import { diskOf, type Architecture, type ContextChannel, type Role, type RunningArchitecture } from "./architecture.js";
import { blockingListenerRole } from "./blocking-worker.js";
import { describeThisProcess } from "./context-report.js";
import type { DiskHandle } from "../storage/index.js";
import { startOnGroupPort } from "./listen.js";
import { supervisedReport } from "./reuseport-group.js";
import { reportToSupervisor } from "./supervised.js";
import { ContextGroup, type Member } from "./supervisor.js";
import { ThreadGroup } from "./thread-group.js";
import type { PoolSample, ServerConfig } from "./types.js";
import { architectureDeclarations } from "./declarations.js";

/** Samples kept for the pool-size timeline (the oldest are dropped beyond this). */
const maxSamples = 10_000;

/** A process of the pool: it hosts `threadsPerProcess` serving threads on the server's port. */
const threadPoolProcessRole: Role = {
  name: "thread-pool-process",
  async run(context) {
    const channel: ContextChannel = context.parent();
    const group = await ThreadGroup.start(context.config, diskOf(context), context.extra.threads ?? 1, context.extra.port ?? 0);
    const label = context.extra.label ?? "process";
    reportToSupervisor(channel, {
      report: async () => {
        const threads = await group.report();
        return { ...threads, contexts: [describeThisProcess(label, 0), ...threads.contexts] };
      },
      activity: () => group.threads.checkpointedRequests(),
      stop: (graceMs) => group.stop(graceMs),
      load: () => ({ threads: group.size, busy: group.busy }),
    });
    channel.post({ type: "listening", port: group.port });
  },
};

async function startApache(config: ServerConfig, disk: DiskHandle): Promise<RunningArchitecture> {
  const pool = config.apache;
  const startedAt = Date.now();
  const samples: PoolSample[] = [];
  const processes = new ContextGroup<undefined>({
    role: threadPoolProcessRole.name,
    kind: "process",
    label: "process",
    config,
    disk,
    startedBy: "listening",
    initialState: () => undefined,
    // A process that dies leaves the pool short; the next maintenance tick starts another.
    replaceDead: false,
  });
  let stopping = false;
  /** A process is being started (one at a time); meanwhile the pool is sampled but not adjusted. */
  let growing = false;
  /** A maintenance step is under way (its asks may take a while on a busy machine). */
  let maintaining = false;
  const launch = (port: number): Promise<Member<undefined>> => processes.add({ port, threads: pool.threadsPerProcess });

  const port = await startOnGroupPort(config.host, config.port, async (candidate) => {
    await launch(candidate).catch(async (error: unknown) => {
      await processes.stop(0);
      throw error;
    });
    return candidate;
  });
  const initial = Math.min(pool.maxProcesses, Math.max(pool.minProcesses, config.workers));
  await Promise.all(Array.from({ length: initial - 1 }, () => launch(port)));

  const maintain = async (): Promise<void> => {
    if (stopping || maintaining) return;
    maintaining = true;
    try {
      // A process still starting serves nothing yet and cannot answer: it is counted apart.
      const running = processes.members.filter((member) => member.started);
      const loads = await Promise.all(running.map(async (member) => ({ member, load: await processes.ask(member, { kind: "load" }, 1000) })));
      // A process too busy to answer within a second is not a process with no threads: neither sample nor
      // decide on a partial count (it would fork a process the pool does not need), and ask again next tick.
      const answered = loads.flatMap(({ member, load }) => (load ? [{ member, load }] : []));
      if (answered.length < loads.length) return;
      const threads = answered.reduce((sum, { load }) => sum + load.threads, 0);
      const busy = answered.reduce((sum, { load }) => sum + load.busy, 0);
      const starting = processes.members.length - running.length;
      samples.push({ atMs: Date.now() - startedAt, processes: running.length, startingProcesses: starting, threads, busyThreads: busy });
      if (samples.length > maxSamples) samples.shift();
      // While a process starts, the pool is sampled but not adjusted: its threads are not counted yet.
      if (stopping || growing) return;
      const idle = threads - busy;
      const count = processes.members.length;
      if (count < pool.minProcesses || (idle < pool.minSpareThreads && count < pool.maxProcesses)) {
        growing = true;
        void launch(port)
          .catch((error: Error) => console.error(`flashlab: could not start an Apache-like process: ${error.message}`))
          .finally(() => (growing = false));
      } else if (idle > pool.maxSpareThreads && idle - pool.threadsPerProcess >= pool.minSpareThreads && count > pool.minProcesses) {
        const quietest = answered.filter(({ member }) => processes.members.includes(member)).sort((a, b) => a.load.busy - b.load.busy)[0];
        if (quietest) void processes.retire(quietest.member, config.graceMs);
      }
    } finally {
      maintaining = false;
    }
  };
  const timer = setInterval(() => void maintain(), pool.maintenanceMs);

  return {
    port,
    async report() {
      return { ...(await supervisedReport(processes, "parent")), pool: [...samples], replacedWorkers: processes.died };
    },
    async stop(graceMs) {
      stopping = true;
      clearInterval(timer);
      await processes.stop(graceMs);
    },
  };
}

export const apacheArchitecture: Architecture = {
  ...architectureDeclarations.apache,
  roles: [threadPoolProcessRole, blockingListenerRole],
  start: startApache,
};
