/**
 * A group of serving worker threads in one process (MT's threads; the threads of one Apache-like
 * process). Node cannot hand an accepted socket to another thread, so each thread accepts for itself
 * on its own listener in a SO_REUSEPORT group (see reuseport-group.ts) and serves its connections one
 * at a time (see blocking-worker.ts). A thread that dies is replaced. The group also measures what one
 * more thread costs the process (its RSS growth while the threads started, per thread).
 */
import { readProcStatus } from "../runtime/proc.js";
import type { DiskHandle } from "../storage/index.js";
import { blockingListenerRole } from "./blocking-worker.js";
import type { ContextReport } from "./context-report.js";
import { startReusePortGroup } from "./reuseport-group.js";
import type { ContextGroup } from "./supervisor.js";
import type { ServerConfig } from "./types.js";

interface ThreadState {
  busy: boolean;
}

export class ThreadGroup {
  private constructor(
    readonly threads: ContextGroup<ThreadState>,
    /** The port every thread's listener joins. */
    readonly port: number,
    /** The process's RSS growth while the group started, divided by its threads: what one thread adds. */
    private readonly rssIncrementPerThread: number | undefined,
  ) {}

  /** Starts `count` threads listening on `port` (0: a free port); resolves when all of them listen. */
  static async start(config: ServerConfig, disk: DiskHandle, count: number, port: number): Promise<ThreadGroup> {
    const rssBefore = readProcStatus(process.pid)?.rssBytes;
    const started = await startReusePortGroup<ThreadState>(
      {
        role: blockingListenerRole.name,
        kind: "thread",
        label: "thread",
        config,
        disk,
        initialState: () => ({ busy: false }),
        replaceDead: true,
        onEvent(thread, message) {
          if (message.type === "busy") thread.state.busy = message.busy;
        },
      },
      count,
      port,
    );
    const rssAfter = readProcStatus(process.pid)?.rssBytes;
    const increment = rssBefore === undefined || rssAfter === undefined ? undefined : Math.max(0, rssAfter - rssBefore) / count;
    return new ThreadGroup(started.group, started.port, increment);
  }

  /** Threads alive now. */
  get size(): number {
    return this.threads.members.length;
  }

  /** Threads serving a connection now. */
  get busy(): number {
    return this.threads.members.filter((thread) => thread.state.busy).length;
  }

  /** Every thread's report (and the counts of threads that left), each with what one thread adds to RSS. */
  async report(): Promise<ContextReport> {
    const report = await this.threads.report();
    for (const context of report.contexts) if (context.alive) context.rssIncrementBytes = this.rssIncrementPerThread;
    return report;
  }

  /** Stops every thread: listeners close, what was received is served within `graceMs`, threads exit. */
  stop(graceMs: number): Promise<void> {
    return this.threads.stop(graceMs);
  }
}
