/**
 * Latency hiding on one CPU (P2L2 §5, P2L5 §14): is it worth switching to another thread while
 * one waits for I/O?
 *
 * Each request is a thread that computes, waits for I/O (`idleMs`), then computes again (its CPU
 * work, `computeMs`, is split evenly around the wait). All requests are ready at time 0 and the CPU
 * starts with request 1's context loaded. Changing the loaded context costs `ctxSwitchMs` of CPU
 * time; a switch, once begun, runs to its end.
 * - "no-switch": the CPU stays with a request through its I/O, idle, and moves to the next request
 *   only when this one is done.
 * - "switch": when a request blocks, the CPU switches to another ready request (preempted ones
 *   first, then new ones in order); when an I/O completes, the CPU switches back to that request at
 *   once, preempting whatever runs. If nothing else is ready it waits, with no switch.
 * Hiding one wait therefore costs two switches (away and back) and gains the CPU work done
 * meanwhile, t_idle − t_ctx_switch, minus the extra switch: switching pays exactly when
 * t_idle > 2·t_ctx_switch, as long as other requests have more CPU work than the wait
 * (computeMs / 2 > idleMs − ctxSwitchMs): then switching saves exactly
 * (requests − 1) · (t_idle − 2·t_ctx_switch). With no more CPU work than that (at equality, the next
 * request blocks just as the first one's I/O ends, and one switch hides both waits), waits overlap one
 * another and switching can pay even below the break-even, which the simple rule does not count.
 */
import { DiscreteEventSimulator } from "./simulator.js";
import type { EventHandle } from "./simulator.js";
import { Deque } from "./deque.js";

export type LatencyHidingPolicy = "no-switch" | "switch";

export interface LatencyHidingOptions {
  /** CPU work per request in ms (> 0), half before its I/O and half after. */
  computeMs: number;
  /** How long each request waits for I/O, in ms (≥ 0). */
  idleMs: number;
  /** The cost of one context switch, in ms of CPU time (≥ 0). */
  ctxSwitchMs: number;
  /** How many requests (whole number ≥ 1). */
  requests: number;
}

/** A stretch of CPU time: running a request, or switching to one. Gaps are idle time. */
export interface LatencyHidingCpuSegment {
  activity: "compute" | "switch";
  /** The request that computes, or the one being switched to (1-based). */
  request: number;
  startMs: number;
  endMs: number;
}

export interface LatencyHidingRequestRecord {
  request: number;
  ioStartMs: number;
  ioEndMs: number;
  completionMs: number;
}

/** One policy's run. */
export interface LatencyHidingRun {
  policy: LatencyHidingPolicy;
  /** When the last request is done. */
  totalMs: number;
  /** CPU time spent computing or switching. */
  cpuBusyMs: number;
  /** CPU time spent on requests' own work (computeMs × requests). */
  usefulCpuMs: number;
  /** CPU time spent switching contexts. */
  switchingMs: number;
  /** totalMs − cpuBusyMs. */
  cpuIdleMs: number;
  /** cpuBusyMs / totalMs. */
  utilization: number;
  /** usefulCpuMs / totalMs: the share of time the CPU did the requests' work. */
  usefulUtilization: number;
  contextSwitches: number;
  meanCompletionMs: number;
  requests: LatencyHidingRequestRecord[];
  cpuTimeline: LatencyHidingCpuSegment[];
}

/** Both policies on the same requests, and what the rule predicts. */
export interface LatencyHidingComparison {
  options: LatencyHidingOptions;
  noSwitch: LatencyHidingRun;
  switching: LatencyHidingRun;
  /** noSwitch.totalMs − switching.totalMs: positive when switching finished sooner. */
  savedMs: number;
  /** True when switching finished strictly sooner in the simulation. */
  switchingWins: boolean;
  /** The rule's prediction: t_idle > 2·t_ctx_switch. */
  ruleSaysSwitch: boolean;
  /** 2·t_ctx_switch: the idle time above which switching pays. */
  breakEvenIdleMs: number;
}

/** The idle time above which switching to another thread pays off: 2 · t_ctx_switch. */
export function latencyHidingBreakEvenMs(ctxSwitchMs: number): number {
  if (!Number.isFinite(ctxSwitchMs) || ctxSwitchMs < 0) {
    throw new RangeError(`ctxSwitchMs must be a finite number ≥ 0; got ${ctxSwitchMs}`);
  }
  return 2 * ctxSwitchMs;
}

/** The lecture's rule: switch while waiting when t_idle > 2 · t_ctx_switch. */
export function switchingPays(idleMs: number, ctxSwitchMs: number): boolean {
  if (!Number.isFinite(idleMs) || idleMs < 0) throw new RangeError(`idleMs must be a finite number ≥ 0; got ${idleMs}`);
  return idleMs > latencyHidingBreakEvenMs(ctxSwitchMs);
}

function checkOptions(options: LatencyHidingOptions): void {
  const { computeMs, idleMs, ctxSwitchMs, requests } = options;
  const problems: string[] = [];
  if (!Number.isFinite(computeMs) || computeMs <= 0) problems.push(`computeMs must be a finite number > 0; got ${computeMs}`);
  if (!Number.isFinite(idleMs) || idleMs < 0) problems.push(`idleMs must be a finite number ≥ 0; got ${idleMs}`);
  if (!Number.isFinite(ctxSwitchMs) || ctxSwitchMs < 0) {
    problems.push(`ctxSwitchMs must be a finite number ≥ 0; got ${ctxSwitchMs}`);
  }
  if (!Number.isSafeInteger(requests) || requests < 1) problems.push(`requests must be a whole number ≥ 1; got ${requests}`);
  if (problems.length > 0) throw new RangeError(`latency hiding: ${problems.join("; ")}`);
}

/** Compute left below this (in ms) counts as finished: it absorbs floating-point error in event times. */
const finishingToleranceMs = 1e-9;

type Phase = "new" | "before-io" | "io" | "after-io" | "done";

interface RequestThread {
  index: number;
  phase: Phase;
  /** CPU work left in the current compute phase. */
  remainingMs: number;
  ioStartMs: number;
  ioEndMs: number;
  completionMs: number;
}

type CpuState =
  | { kind: "idle" }
  | { kind: "compute"; thread: RequestThread; startMs: number; event: EventHandle }
  | { kind: "switch"; to: RequestThread };

/** One CPU, its loaded context and its queues, driven by the simulator. */
class OneCpuScheduler {
  private readonly simulator = new DiscreteEventSimulator();
  private readonly threads: RequestThread[];
  /** New and preempted requests, in the order the CPU takes them. */
  private readonly ready = new Deque<RequestThread>();
  /** Requests whose I/O finished while the CPU was elsewhere ("switch" policy). */
  private readonly returned = new Deque<RequestThread>();
  private loaded: RequestThread;
  private cpu: CpuState = { kind: "idle" };
  private switches = 0;
  readonly timeline: LatencyHidingCpuSegment[] = [];

  constructor(
    private readonly options: LatencyHidingOptions,
    private readonly policy: LatencyHidingPolicy,
  ) {
    this.threads = Array.from({ length: options.requests }, (_, index) => ({
      index,
      phase: "new" as Phase,
      remainingMs: options.computeMs / 2,
      ioStartMs: Number.NaN,
      ioEndMs: Number.NaN,
      completionMs: Number.NaN,
    }));
    for (const thread of this.threads) this.ready.pushBack(thread);
    this.loaded = this.threads[0]!;
  }

  run(): LatencyHidingRun {
    this.simulator.schedule(0, () => this.dispatch());
    this.simulator.run();
    return this.summary();
  }

  private dispatch(): void {
    if (this.cpu.kind !== "idle") return;
    // Without switching, a request that waits for I/O keeps the CPU.
    if (this.policy === "no-switch" && this.loaded.phase === "io") return;
    const next = this.returned.popFront() ?? this.ready.popFront();
    if (next === undefined) return;
    if (next === this.loaded) this.compute(next);
    else this.switchTo(next);
  }

  private switchTo(thread: RequestThread): void {
    this.switches++;
    const ctxSwitchMs = this.options.ctxSwitchMs;
    if (ctxSwitchMs === 0) {
      this.loaded = thread;
      this.compute(thread);
      return;
    }
    const startMs = this.simulator.nowMs;
    this.cpu = { kind: "switch", to: thread };
    this.simulator.schedule(ctxSwitchMs, () => {
      this.timeline.push({ activity: "switch", request: thread.index + 1, startMs, endMs: this.simulator.nowMs });
      this.loaded = thread;
      this.cpu = { kind: "idle" };
      // An I/O that completed during the switch takes the CPU first; this request waits at the front.
      if (this.returned.length > 0) this.ready.pushFront(thread);
      else this.compute(thread);
      this.dispatch();
    });
  }

  private compute(thread: RequestThread): void {
    if (thread.phase === "new") thread.phase = "before-io";
    const startMs = this.simulator.nowMs;
    const event = this.simulator.schedule(thread.remainingMs, () => this.computeDone(thread, startMs));
    this.cpu = { kind: "compute", thread, startMs, event };
  }

  private noteCompute(thread: RequestThread, startMs: number): void {
    const endMs = this.simulator.nowMs;
    if (endMs > startMs) this.timeline.push({ activity: "compute", request: thread.index + 1, startMs, endMs });
  }

  private computeDone(thread: RequestThread, startMs: number): void {
    this.noteCompute(thread, startMs);
    this.cpu = { kind: "idle" };
    if (thread.phase === "before-io") {
      thread.phase = "io";
      thread.ioStartMs = this.simulator.nowMs;
      this.simulator.schedule(this.options.idleMs, () => this.ioDone(thread));
    } else {
      thread.phase = "done";
      thread.completionMs = this.simulator.nowMs;
    }
    this.dispatch();
  }

  private ioDone(thread: RequestThread): void {
    thread.phase = "after-io";
    thread.ioEndMs = this.simulator.nowMs;
    thread.remainingMs = this.options.computeMs / 2;
    this.returned.pushBack(thread);
    if (this.cpu.kind === "compute") {
      const { thread: running, startMs, event } = this.cpu;
      // A compute phase that ends at this very instant finishes instead of being preempted with
      // nothing left to do (which would cost a needless switch back to it later).
      if (running.remainingMs - (this.simulator.nowMs - startMs) <= finishingToleranceMs) {
        this.simulator.cancel(event);
        this.computeDone(running, startMs);
        return;
      }
      this.preempt(running, startMs, event);
    }
    this.dispatch();
  }

  private preempt(thread: RequestThread, startMs: number, event: EventHandle): void {
    this.simulator.cancel(event);
    this.noteCompute(thread, startMs);
    thread.remainingMs = Math.max(0, thread.remainingMs - (this.simulator.nowMs - startMs));
    this.ready.pushFront(thread);
    this.cpu = { kind: "idle" };
  }

  private summary(): LatencyHidingRun {
    const totalMs = this.simulator.nowMs;
    let computeTotal = 0;
    let switchTotal = 0;
    for (const segment of this.timeline) {
      const length = segment.endMs - segment.startMs;
      if (segment.activity === "compute") computeTotal += length;
      else switchTotal += length;
    }
    const cpuBusyMs = computeTotal + switchTotal;
    const requests = this.threads.map((thread) => ({
      request: thread.index + 1,
      ioStartMs: thread.ioStartMs,
      ioEndMs: thread.ioEndMs,
      completionMs: thread.completionMs,
    }));
    return {
      policy: this.policy,
      totalMs,
      cpuBusyMs,
      usefulCpuMs: computeTotal,
      switchingMs: switchTotal,
      cpuIdleMs: totalMs - cpuBusyMs,
      utilization: cpuBusyMs / totalMs,
      usefulUtilization: computeTotal / totalMs,
      contextSwitches: this.switches,
      meanCompletionMs: requests.reduce((total, record) => total + record.completionMs, 0) / requests.length,
      requests,
      cpuTimeline: this.timeline,
    };
  }
}

/** Runs one policy on one CPU. Throws a RangeError naming the bad option. */
export function runLatencyHidingPolicy(options: LatencyHidingOptions, policy: LatencyHidingPolicy): LatencyHidingRun {
  checkOptions(options);
  if (policy !== "no-switch" && policy !== "switch") {
    throw new RangeError(`latency hiding: policy must be "no-switch" or "switch"; got "${String(policy)}"`);
  }
  return new OneCpuScheduler(options, policy).run();
}

/**
 * Runs the same requests without and with switching and compares total times with the rule
 * t_idle > 2·t_ctx_switch. Throws a RangeError naming the bad option.
 */
export function simulateLatencyHiding(options: LatencyHidingOptions): LatencyHidingComparison {
  const noSwitch = runLatencyHidingPolicy(options, "no-switch");
  const switching = runLatencyHidingPolicy(options, "switch");
  const savedMs = noSwitch.totalMs - switching.totalMs;
  return {
    options: { ...options },
    noSwitch,
    switching,
    savedMs,
    switchingWins: savedMs > 0,
    ruleSaysSwitch: switchingPays(options.idleMs, options.ctxSwitchMs),
    breakEvenIdleMs: latencyHidingBreakEvenMs(options.ctxSwitchMs),
  };
}
