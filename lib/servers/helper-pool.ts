/**
 * The event loop's pool of helpers (AMPED: processes, AMTED: threads). The helper count bounds the
 * disk I/O in flight: a read goes to an idle helper, or waits in a FIFO queue when all are busy. A
 * helper that dies is replaced, and the job it held is sent again, so a killed helper costs its
 * request some time, never an answer.
 */
import { waitForMessage, type ChildContext } from "./child-context.js";
import { collectReports, replaceWhenDead } from "./context-control.js";
import type { ContextReport } from "./context-report.js";
import type { ReadDone, ReadJob } from "./helper-loop.js";
import type { HelperStats } from "./types.js";

interface PendingRead {
  job: ReadJob;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

interface Helper {
  context: ChildContext;
  current?: PendingRead;
}

export class HelperPool {
  private readonly helpers: Helper[] = [];
  private readonly queue: PendingRead[] = [];
  private nextJobId = 1;
  private stopped = false;
  private readonly counters = { dispatches: 0, completed: 0, maxQueueLength: 0, redispatched: 0, replaced: 0, residentHits: 0 };

  /** `start(index)` starts helper number `index` (a process or a thread running the helper loop). */
  constructor(
    private readonly start: (index: number) => ChildContext,
    size: number,
  ) {
    for (let index = 0; index < size; index++) this.helpers.push(this.launch(index));
  }

  /** Counts a read the loop served itself because the data was already in memory. */
  countResidentHit(): void {
    this.counters.residentHits++;
  }

  /** Resolves when every helper has started and opened the disk (rejects if one fails to start). */
  async ready(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => waitForMessage(helper.context, "ready")));
  }

  /** True when the helpers are threads, which can read into memory shared with the loop (`into`). */
  get sharesMemory(): boolean {
    return this.helpers[0]?.context.kind === "thread";
  }

  /**
   * Has a helper read a chunk (into `into`, or into the buffer cache); resolves to the bytes read, or
   * rejects with the helper's error (its `code`, such as ENOENT or ESTALE, kept).
   */
  read(request: Omit<ReadJob, "type" | "jobId">): Promise<number> {
    if (this.stopped) return Promise.reject(new Error("the server is stopping"));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { type: "read", jobId: this.nextJobId++, ...request }, resolve, reject });
      this.dispatch();
      this.counters.maxQueueLength = Math.max(this.counters.maxQueueLength, this.queue.length); // left waiting
    });
  }

  stats(): HelperStats {
    return {
      helpers: this.helpers.length,
      dispatches: this.counters.dispatches,
      completed: this.counters.completed,
      queueLength: this.queue.length,
      maxQueueLength: this.counters.maxQueueLength,
      inFlight: this.helpers.filter((helper) => helper.current).length,
      redispatched: this.counters.redispatched,
      replaced: this.counters.replaced,
      residentHits: this.counters.residentHits,
    };
  }

  /** The process ids of the helpers (for processes; a thread reports its host's pid). */
  pids(): number[] {
    return this.helpers.map((helper) => helper.context.pid);
  }

  /** Every helper's own report (a helper that does not answer is reported as not alive). */
  reports(): Promise<ContextReport[]> {
    return collectReports(this.helpers.map((helper) => helper.context), "helper");
  }

  /** Ends every helper; reads still waiting fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("the server is stopping"));
    for (const helper of this.helpers) helper.context.kill();
    await Promise.all(this.helpers.map((helper) => helper.context.waitForExit(2000)));
  }

  private launch(index: number): Helper {
    const helper: Helper = { context: this.start(index) };
    helper.context.channel.onMessage((message) => {
      if (message.type !== "read-done") return;
      const done = message as unknown as ReadDone;
      const current = helper.current;
      if (!current || current.job.jobId !== done.jobId) return;
      helper.current = undefined;
      this.counters.completed++;
      if (done.error !== undefined) current.reject(Object.assign(new Error(done.error), { code: done.code }));
      else current.resolve(done.bytes);
      this.dispatch();
    });
    // A helper died: its job goes back to the head of the queue, to the next idle helper.
    helper.context.onExit(() => {
      if (this.stopped || !helper.current) return;
      this.queue.unshift(helper.current);
      this.counters.redispatched++;
      helper.current = undefined;
      this.dispatch();
    });
    replaceWhenDead(helper.context, () => this.stopped, () => {
      this.helpers[index] = this.launch(index);
      this.counters.replaced++;
      this.dispatch();
    });
    return helper;
  }

  private dispatch(): void {
    for (const helper of this.helpers) {
      if (this.queue.length === 0) return;
      if (helper.current || helper.context.exited) continue;
      const next = this.queue.shift()!;
      helper.current = next;
      this.counters.dispatches++;
      helper.context.channel.post(next.job as unknown as Parameters<typeof helper.context.channel.post>[0]);
    }
  }
}
