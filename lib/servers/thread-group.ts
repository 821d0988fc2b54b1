/**
 * A group of serving worker threads in one process (MT's threads; the threads of one Apache-like
 * process). Node cannot hand an accepted socket to another thread, so each thread accepts for itself
 * on its own listener in a SO_REUSEPORT group: the kernel spreads new connections over the listeners
 * by a hash of the connection's addresses. Each thread then serves its connections one at a time
 * (see blocking-worker.ts). A thread that dies is replaced.
 */
import { spawnThreadContext, waitForMessage, type ChildContext } from "./child-context.js";
import { collectReports, replaceWhenDead, stopContexts } from "./context-control.js";
import type { ContextReport } from "./context-report.js";
import { readProcessUsage } from "./proc-stats.js";
import type { DiskHandle } from "../storage/index.js";
import type { ServerConfig } from "./types.js";

interface ServingThread {
  context: ChildContext;
  busy: boolean;
}

export class ThreadGroup {
  private readonly threads: ServingThread[] = [];
  private stopping = false;
  /** Threads started to replace dead ones. */
  replaced = 0;
  /** The process's RSS growth while the group started, divided by its threads: what one thread adds. */
  rssIncrementPerThread: number | undefined;

  private constructor(
    private readonly config: ServerConfig,
    private readonly disk: DiskHandle,
    /** The port every thread's listener joins. */
    readonly port: number,
  ) {}

  /**
   * Starts `count` threads listening on `port` (0: the first thread picks a free port and the others
   * join it); resolves when all of them listen.
   */
  static async start(config: ServerConfig, disk: DiskHandle, count: number, port: number): Promise<ThreadGroup> {
    const rssBefore = readProcessUsage(process.pid)?.rssBytes;
    const first = spawnThreadContext({ role: "serving-thread", config, disk, extra: { port } });
    const listening = await waitForMessage<{ port: number }>(first, "listening");
    const group = new ThreadGroup(config, disk, listening.port);
    group.adopt(first);
    await Promise.all(Array.from({ length: count - 1 }, () => group.add()));
    const rssAfter = readProcessUsage(process.pid)?.rssBytes;
    if (rssBefore !== undefined && rssAfter !== undefined) group.rssIncrementPerThread = Math.max(0, rssAfter - rssBefore) / count;
    return group;
  }

  /** Threads alive now. */
  get size(): number {
    return this.threads.length;
  }

  /** Threads serving a connection now. */
  get busy(): number {
    return this.threads.filter((thread) => thread.busy).length;
  }

  /** Starts one more thread in the group; resolves when it listens. */
  async add(): Promise<void> {
    const context = spawnThreadContext({ role: "serving-thread", config: this.config, disk: this.disk, extra: { port: this.port } });
    const thread = this.adopt(context);
    try {
      await waitForMessage(context, "listening");
    } catch (error) {
      this.threads.splice(this.threads.indexOf(thread), 1);
      throw error;
    }
  }

  async reports(role: string): Promise<ContextReport[]> {
    const reports = await collectReports(this.threads.map((thread) => thread.context), role);
    for (const context of reports.flatMap((report) => report.contexts)) context.rssIncrementBytes = this.rssIncrementPerThread;
    return reports;
  }

  /** Stops every thread: listeners close, in-flight requests finish within `graceMs`, threads exit. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    await stopContexts(this.threads.map((thread) => thread.context), graceMs);
  }

  private adopt(context: ChildContext): ServingThread {
    const thread: ServingThread = { context, busy: false };
    this.threads.push(thread);
    context.channel.onMessage((message) => {
      if (message.type === "busy") thread.busy = message.busy === true;
    });
    context.onExit(() => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
    });
    replaceWhenDead(context, () => this.stopping, () => {
      this.replaced++;
      void this.add().catch((error: Error) => console.error(`flashlab: could not replace a serving thread: ${error.message}`));
    });
    return thread;
  }
}
