/**
 * Apache-like (lib/servers/apache.ts, the worker MPM): processes × threads. Each process hosts a fixed
 * number of threads, each serving one connection at a time with blocking reads and caches of its own,
 * each on its own SO_REUSEPORT listener. Every maintenance interval the parent asks each process for
 * its load (a message each), counts idle threads, starts a process when fewer than minSpareThreads are
 * idle (starting one costs CPU: the process and its threads), and retires the quietest when more than
 * maxSpareThreads are idle (it stops accepting and finishes what it holds), between minProcesses and
 * maxProcesses.
 */
import type { ProcessBody } from "../../process.js";
import { timeout } from "../../process.js";
import { TimeWeighted } from "../../time-weighted.js";
import type { SimArchitecture } from "../architecture-model.js";
import type { ContextHolder, ExecutionContext } from "../execution-context.js";
import type { ServerModel } from "../server-model.js";
import { serveOnOwnListener, type ListenerSupervisor } from "./mt.js";
import { architectureDeclarations } from "../../../servers/declarations.js";

interface PoolProcess {
  top: ExecutionContext;
  threads: ExecutionContext[];
  /** The process's main thread takes its threads' busy and idle messages. */
  supervisor: ListenerSupervisor;
}

function build(model: ServerModel): ReturnType<SimArchitecture["build"]> {
  const bounds = model.config.apache;
  const parent = model.process("parent", { access: "event-loop", serving: false });
  const live: PoolProcess[] = [];
  let accepting: ExecutionContext[] = [];
  /** The process each accepting thread belongs to. */
  const processOf = new Map<ExecutionContext, PoolProcess>();
  let growing = false;
  const counters = { processesStarted: 0, processesRetired: 0 };
  const processCount = new TimeWeighted(model.simulator);

  const newProcess = (): PoolProcess => {
    const top = model.process("process", { access: "event-loop", serving: false });
    const threads = Array.from({ length: bounds.threadsPerProcess }, () => model.thread(top.processId, "thread", { access: "one-connection", serving: true }));
    return { top, threads, supervisor: { context: top, kind: "thread" } };
  };
  const join = (process: PoolProcess): void => {
    live.push(process);
    for (const thread of process.threads) processOf.set(thread, process);
    accepting = live.flatMap((member) => member.threads);
    processCount.set(live.length);
  };
  const isBusy = (thread: ExecutionContext): boolean => thread.lock!.inUse > 0 || thread.lock!.waiting > 0;

  function* grow(): ProcessBody {
    growing = true;
    const process = newProcess();
    const holder: ContextHolder = { hold: undefined };
    yield* process.top.enter(holder);
    yield* process.top.compute(model.costs.contextStart.process + bounds.threadsPerProcess * model.costs.contextStart.thread);
    process.top.leave(holder);
    join(process);
    counters.processesStarted++;
    growing = false;
  }

  function* maintain(): ProcessBody {
    const holder: ContextHolder = { hold: undefined };
    for (;;) {
      yield timeout(bounds.maintenanceMs);
      yield* parent.enter(holder);
      yield* parent.compute(live.length * model.costs.message.process); // ask each process for its load
      parent.leave(holder);
      const threads = live.length * bounds.threadsPerProcess;
      const busy = live.reduce((sum, process) => sum + process.threads.filter(isBusy).length, 0);
      const idle = threads - busy;
      if (growing) continue;
      if (live.length < bounds.minProcesses || (idle < bounds.minSpareThreads && live.length < bounds.maxProcesses)) {
        model.spawn(grow(), "apache: start a process");
      } else if (idle > bounds.maxSpareThreads && idle - bounds.threadsPerProcess >= bounds.minSpareThreads && live.length > bounds.minProcesses) {
        const quietest = [...live].sort((a, b) => a.threads.filter(isBusy).length - b.threads.filter(isBusy).length)[0]!;
        live.splice(live.indexOf(quietest), 1); // it stops accepting; its threads finish what they hold
        accepting = live.flatMap((member) => member.threads);
        processCount.set(live.length);
        counters.processesRetired++;
      }
    }
  }

  const initial = Math.min(bounds.maxProcesses, Math.max(bounds.minProcesses, model.config.workers));
  for (let index = 0; index < initial; index++) join(newProcess());
  model.spawn(maintain(), "apache: maintenance");
  return {
    serve: (connection) => {
      const thread = model.reusePortPick(accepting);
      return serveOnOwnListener(model, thread, connection, processOf.get(thread)!.supervisor);
    },
    resources: () => ({ threads: accepting.map((thread) => thread.lock!) }),
    counters: () => ({ ...counters, processes: live.length, meanProcesses: processCount.mean() }),
  };
}

export const apacheModel: SimArchitecture = {
  ...architectureDeclarations.apache,
  footprint: (config) => ({
    processes: 1 + config.apache.maxProcesses,
    threads: config.apache.maxProcesses * config.apache.threadsPerProcess,
    cacheOwners: config.apache.maxProcesses * config.apache.threadsPerProcess,
  }),
  build,
};
