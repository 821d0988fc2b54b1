/**
 * The event loop's pool of helpers (AMPED: processes, AMTED: threads). The helper count bounds the
 * disk I/O in flight: a read goes to an idle helper, or waits in a FIFO queue when all are busy. A
 * helper that dies is replaced, and the job it held is sent again, so a killed helper costs its
 * request some time, never an answer.
 */
import type { DiskHandle } from "../storage/index.js";
import type { ContextReport } from "./context-report.js";
import { helperRole } from "./helper-loop.js";
import type { ReadDone, ReadJob } from "./messages.js";
import { ContextGroup, type Member } from "./supervisor.js";
import type { HelperStats, ServerConfig } from "./types.js";

interface PendingRead {
  job: ReadJob;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

interface HelperState {
  current?: PendingRead;
}

export class HelperPool {
  private readonly helpers: ContextGroup<HelperState>;
  private readonly queue: PendingRead[] = [];
  private nextJobId = 1;
  private stopped = false;
  private readonly counters = { dispatches: 0, completed: 0, maxQueueLength: 0, redispatched: 0, residentHits: 0 };

  constructor(
    private readonly kind: "process" | "thread",
    config: ServerConfig,
    disk: DiskHandle,
  ) {
    this.helpers = new ContextGroup<HelperState>({
      role: helperRole.name,
      kind,
      label: "helper",
      config,
      disk,
      startedBy: "ready",
      initialState: () => ({}),
      replaceDead: true,
      onStarted: () => this.dispatch(),
      onEvent: (helper, message) => {
        if (message.type === "read-done") this.readDone(helper, message);
      },
      // A helper died: its job goes back to the head of the queue, to the next idle helper.
      onExit: (helper) => {
        const current = helper.state.current;
        if (this.stopped || !current || helper.leaving) return;
        helper.state.current = undefined;
        this.queue.unshift(current);
        this.counters.redispatched++;
        this.dispatch();
      },
    });
  }

  /** Starts `count` helpers; resolves when every one has opened the disk (rejects if one fails to start). */
  async start(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.helpers.add()));
  }

  /** Counts a read the loop served itself because the data was already in memory. */
  countResidentHit(): void {
    this.counters.residentHits++;
  }

  /** True when the helpers are threads, which can read into memory shared with the loop (`into`). */
  get sharesMemory(): boolean {
    return this.kind === "thread";
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
    const members = this.helpers.members;
    return {
      helpers: members.length,
      dispatches: this.counters.dispatches,
      completed: this.counters.completed,
      queueLength: this.queue.length,
      maxQueueLength: this.counters.maxQueueLength,
      inFlight: members.filter((helper) => helper.state.current).length,
      redispatched: this.counters.redispatched,
      replaced: this.helpers.replaced,
      residentHits: this.counters.residentHits,
    };
  }

  /** Every helper's own report, and the counts of helpers that left. */
  report(): Promise<ContextReport> {
    return this.helpers.report();
  }

  /** Ends every helper; reads still waiting fail. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("the server is stopping"));
    await this.helpers.stop(0);
  }

  private readDone(helper: Member<HelperState>, done: ReadDone): void {
    const current = helper.state.current;
    if (!current || current.job.jobId !== done.jobId) return;
    helper.state.current = undefined;
    this.counters.completed++;
    if (done.error !== undefined) current.reject(Object.assign(new Error(done.error), { code: done.code }));
    else current.resolve(done.bytes);
    this.dispatch();
  }

  private dispatch(): void {
    for (const helper of this.helpers.members) {
      if (this.queue.length === 0) return;
      if (helper.state.current || !helper.started || helper.context.exited) continue;
      const next = this.queue.shift()!;
      helper.state.current = next;
      this.counters.dispatches++;
      helper.context.channel.post(next.job);
    }
  }
}
