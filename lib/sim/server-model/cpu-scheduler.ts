/**
 * The cores of a simulated machine, and who runs on them. An execution context (a process or a thread)
 * asks for a core when it has work and gives it back when it blocks or runs out of work, as a thread
 * does with a real scheduler; while every core is busy, contexts wait in one FIFO run queue ("a busy
 * core queues work"). A context that has held its core for a time slice while others wait goes to the
 * back of the queue.
 *
 * Switching costs CPU: a core handed to a context other than the one that ran on it last is first busy
 * for a context switch, the cost of a thread switch when both belong to one process and of a process
 * switch otherwise. A context that finds several cores idle takes the one it ran on last (no switch) or
 * one last used by its own process, as a scheduler's affinity would.
 */
import { Deque } from "../deque.js";
import type { Awaitable } from "../process.js";
import type { DiscreteEventSimulator } from "../simulator.js";
import { TimeWeighted } from "../time-weighted.js";

/** What the scheduler needs to know of a context. */
export interface Schedulable extends Awaitable {
  /** Identifies the context's process: a switch between two contexts of one process is a thread switch. */
  readonly processId: number;
  /** The core it holds, or −1. */
  core: number;
  /** The core it ran on last, or −1. */
  lastCore: number;
  /** When it was given its core (for the time slice), ms. */
  coreSinceMs: number;
  /** The switch the core must do before running this context's work, ms (set when a core is granted). */
  pendingSwitchMs: number;
  /** The scheduler gave it a core while it waited: wake whoever runs on it. */
  coreGranted(): void;
}

export interface CpuSchedulerOptions {
  cores: number;
  /** One switch between contexts of different processes, ms. */
  processSwitchMs: number;
  /** One switch between threads of one process, ms. */
  threadSwitchMs: number;
  /** A context holding a core this long while others wait yields it, ms. */
  timeSliceMs: number;
  name?: string;
}

/** Cores, a FIFO run queue, context-switch costs and busy-time statistics. */
export class CpuScheduler {
  readonly cores: number;
  readonly name: string;
  /** Cores in use over time: its mean over `cores` is the utilization. */
  readonly busy: TimeWeighted;
  /** Contexts waiting for a core, over time: the mean run-queue length. */
  readonly runQueueLength: TimeWeighted;
  /** Switches done, and the CPU time they took (ms). */
  processSwitches = 0;
  threadSwitches = 0;
  switchMs = 0;
  private readonly lastContext: Array<Schedulable | undefined>;
  private readonly idle: Uint8Array;
  private idleCount: number;
  private readonly waiting = new Deque<Schedulable>();

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    private readonly options: CpuSchedulerOptions,
  ) {
    if (!Number.isSafeInteger(options.cores) || options.cores < 1) throw new RangeError(`cores must be a whole number ≥ 1; got ${options.cores}`);
    for (const name of ["processSwitchMs", "threadSwitchMs"] as const) {
      if (!(options[name] >= 0 && Number.isFinite(options[name]))) throw new RangeError(`${name} must be a finite number ≥ 0; got ${options[name]}`);
    }
    if (!(options.timeSliceMs > 0)) throw new RangeError(`timeSliceMs must be > 0; got ${options.timeSliceMs}`);
    this.cores = options.cores;
    this.name = options.name ?? "cpu";
    this.lastContext = new Array<Schedulable | undefined>(options.cores).fill(undefined);
    this.idle = new Uint8Array(options.cores).fill(1);
    this.idleCount = options.cores;
    this.busy = new TimeWeighted(simulator);
    this.runQueueLength = new TimeWeighted(simulator);
  }

  /** Contexts waiting for a core now. */
  get waitingContexts(): number {
    return this.waiting.length;
  }

  /** The time-weighted share of core time in use (switches included). */
  utilization(): number {
    return this.busy.mean() / this.cores;
  }

  /** Asks for a core for `context`: true when granted now (context.core set); else it waits in line. */
  request(context: Schedulable): boolean {
    if (context.core >= 0) return true;
    if (this.idleCount === 0) {
      this.waiting.pushBack(context);
      this.runQueueLength.set(this.waitingContexts);
      return false;
    }
    this.grant(context, this.pickIdleCore(context));
    return true;
  }

  /** `context` gives its core back (it blocks or has nothing to do); the next in line gets it. */
  release(context: Schedulable): void {
    const core = context.core;
    if (core < 0) return;
    context.core = -1;
    context.lastCore = core;
    this.handOn(core);
  }

  /**
   * Called after a stretch of work: when `context` has had its core for a time slice and others wait,
   * it gives the core up and queues again. Returns true when it must wait (yield the context).
   */
  yieldIfSliceUsed(context: Schedulable): boolean {
    if (this.waitingContexts === 0 || this.simulator.nowMs - context.coreSinceMs < this.options.timeSliceMs) return false;
    this.release(context);
    return !this.request(context);
  }

  /** Restarts the statistics (warm-up removal). */
  resetStatistics(): void {
    this.busy.reset();
    this.runQueueLength.reset();
    this.processSwitches = 0;
    this.threadSwitches = 0;
    this.switchMs = 0;
  }

  private handOn(core: number): void {
    const next = this.waiting.popFront();
    if (next !== undefined) {
      this.runQueueLength.set(this.waitingContexts);
      this.idle[core] = 1;
      this.idleCount++;
      this.grant(next, core);
      next.coreGranted();
      return;
    }
    this.idle[core] = 1;
    this.idleCount++;
    this.busy.set(this.cores - this.idleCount);
  }

  /** The idle core for `context`: the one it ran on last, else one its process used last, else any. */
  private pickIdleCore(context: Schedulable): number {
    if (context.lastCore >= 0 && this.idle[context.lastCore] === 1) return context.lastCore;
    let any = -1;
    for (let core = 0; core < this.cores; core++) {
      if (this.idle[core] !== 1) continue;
      if (this.lastContext[core]?.processId === context.processId) return core;
      if (any < 0 || this.lastContext[core] === undefined) any = core;
    }
    return any;
  }

  private grant(context: Schedulable, core: number): void {
    this.idle[core] = 0;
    this.idleCount--;
    const previous = this.lastContext[core];
    let switchMs = 0;
    if (previous !== undefined && previous !== context) {
      if (previous.processId === context.processId) {
        switchMs = this.options.threadSwitchMs;
        this.threadSwitches++;
      } else {
        switchMs = this.options.processSwitchMs;
        this.processSwitches++;
      }
    }
    this.switchMs += switchMs;
    this.lastContext[core] = context;
    context.core = core;
    context.coreSinceMs = this.simulator.nowMs;
    context.pendingSwitchMs += switchMs;
    this.busy.set(this.cores - this.idleCount);
  }
}
