/**
 * An execution context of a simulated server: a process or a thread that runs pipeline work on a core.
 * Model code runs on it from a process (SimPy style), one connection at a time:
 *
 *   yield* loop.enter(connection);     // an event loop: wait for the loop (the ready list, in FIFO order)
 *   yield* loop.compute(parseMs);      // CPU work: get a core (maybe waiting, maybe switching), hold it
 *   yield* loop.block(missMs);         // a blocking read: the thread sleeps, its core is free, the loop is not
 *   loop.leave(connection);            // the connection waits elsewhere (a helper, the client): the loop goes on
 *
 * A context shared by many connections (an event loop, a thread with its own listener) has a lock: a
 * capacity-1 FIFO `Resource`, whose line is the context's queue of ready connections. While one
 * connection holds it, the others wait, and a SPED loop blocked on a miss therefore serves nothing. When
 * a connection leaves and another waits, the context keeps its core (an event loop goes on with the next
 * ready connection); when none waits, it gives the core back (epoll_wait). A context given to one
 * connection at a time by a pool (an MP worker, a helper) needs no lock: `finish` gives its core back.
 */
import type { ProcessBody, ProcessStep } from "../process.js";
import { timeout, type SimProcess } from "../process.js";
import { Resource, type ResourceRequest } from "../resource.js";
import type { DiscreteEventSimulator } from "../simulator.js";
import type { CpuScheduler, Schedulable } from "./cpu-scheduler.js";
import type { FlashCacheModel } from "./flash-cache-model.js";

export type ContextKind = "process" | "thread";

/** What a connection holds while it runs on a context with a lock. */
export interface ContextHolder {
  hold: ResourceRequest | undefined;
}

export interface ExecutionContextOptions {
  name: string;
  kind: ContextKind;
  /** The process it belongs to (its own id for a process). */
  processId: number;
  /** What it is for, for statistics: "event-loop", "worker", "helper", "master", … */
  role: string;
  /** Shared by many connections: give it a lock (its queue of ready connections). */
  shared: boolean;
  /** Flash's caches, for a context that serves requests. */
  caches?: FlashCacheModel;
  /** A shared context's queue holds at most this many waiting connections; more are refused (503). */
  queueLimit?: number;
}

export class ExecutionContext implements Schedulable {
  readonly name: string;
  readonly kind: ContextKind;
  readonly processId: number;
  readonly role: string;
  readonly caches: FlashCacheModel | undefined;
  /** The connections' queue for this context (shared contexts only). */
  readonly lock: Resource | undefined;
  core = -1;
  lastCore = -1;
  coreSinceMs = 0;
  pendingSwitchMs = 0;
  /** CPU time of its work (switches not included), ms. */
  workMs = 0;
  private coreWaiter: SimProcess | undefined = undefined;

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    private readonly cpu: CpuScheduler,
    options: ExecutionContextOptions,
  ) {
    this.name = options.name;
    this.kind = options.kind;
    this.processId = options.processId;
    this.role = options.role;
    this.caches = options.caches;
    this.lock = options.shared ? new Resource(simulator, { capacity: 1, name: options.name, ...(options.queueLimit === undefined ? {} : { queueLimit: options.queueLimit }) }) : undefined;
  }

  /** Runs `ms` of CPU work on a core: waits for one if every core is busy, pays for a switch onto it. */
  *compute(ms: number): ProcessBody {
    if (this.core < 0 && !this.cpu.request(this)) yield this;
    const total = ms + this.pendingSwitchMs;
    this.pendingSwitchMs = 0;
    if (total > 0) yield timeout(total);
    this.workMs += ms;
    if (this.cpu.yieldIfSliceUsed(this)) yield this;
  }

  /** The thread sleeps for `ms` (a blocking read, a blocking write): its core is free meanwhile. */
  *block(ms: number): ProcessBody {
    this.cpu.release(this);
    if (ms > 0) yield timeout(ms);
  }

  /**
   * Waits for this context (shared contexts: in its FIFO queue); a pool's context is the caller's already.
   * Returns false when the queue was full and the connection is refused.
   */
  *enter(holder: ContextHolder): Generator<ProcessStep, boolean, unknown> {
    if (this.lock === undefined) return true;
    const request = this.lock.request();
    if (request.refused) return false;
    holder.hold = request;
    yield request;
    return true;
  }

  /** The connection stops running here; the next ready one goes on, or the context goes idle. */
  leave(holder: ContextHolder): void {
    if (this.lock === undefined || holder.hold === undefined) return;
    this.lock.release(holder.hold);
    holder.hold = undefined;
    if (this.lock.inUse === 0) this.cpu.release(this);
  }

  /** A pool's context is done with its job: it sleeps until the next one (its core is free). */
  finish(): void {
    this.cpu.release(this);
  }

  /** Part of the process protocol: a process waits here for a core. */
  awaitBy(process: SimProcess): boolean {
    if (this.core >= 0) return true;
    this.coreWaiter = process;
    return false;
  }

  abandonBy(process: SimProcess): void {
    if (this.coreWaiter === process) this.coreWaiter = undefined;
  }

  /** The scheduler granted a core: the waiting process goes on. */
  coreGranted(): void {
    const waiter = this.coreWaiter;
    this.coreWaiter = undefined;
    waiter?.resume();
  }

  /** Flash's caches of this context (an error for a context that serves no requests). */
  servingCaches(): FlashCacheModel {
    if (this.caches === undefined) throw new Error(`${this.name} serves no requests: it has no Flash caches`);
    return this.caches;
  }
}
