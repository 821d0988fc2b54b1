/**
 * Processes, as in SimPy: a model written as generator functions that read like the system they
 * describe. A process runs until it yields something to wait for, and the simulator resumes it when
 * that is done:
 *
 *   function* customer(): ProcessBody {
 *     const request = server.request();
 *     yield request;                       // wait for the server
 *     yield timeout(serviceMs);            // hold it for the service time
 *     server.release(request);
 *   }
 *   startProcess(simulator, customer());
 *
 * A process may yield `timeout(ms)` (a number, so holding allocates nothing), a `ResourceRequest`, a
 * `Signal`, or another `SimProcess` (to wait until it ends). Each wake-up is one event at the current
 * time, so whatever woke the process finishes first, as in SimPy. `interrupt` throws an `Interrupt`
 * into a waiting process (a preempted resource user gets one whose cause is a `Preemption`); what it
 * waited for is called off: a pending timeout is cancelled, a queued request is withdrawn.
 *
 * An exception that a process does not catch ends `simulator.run()` with that exception: a model
 * error is never swallowed.
 */
import type { DiscreteEventSimulator, EventHandle } from "./simulator.js";

/** A hold for a stretch of simulated time: yield it from a process. A number, so it costs no allocation. */
export type Timeout = number & { readonly __timeout: never };

/** What a process waits for when it yields it. Requests, signals and processes implement it. */
export interface Awaitable {
  /**
   * `process` yielded this. Returns true when it is already done: the process then goes on at once,
   * with no event. Otherwise it must call `process.resume(value)` when it is done.
   */
  awaitBy(process: SimProcess): boolean;
  /** `process` no longer waits (it was interrupted): forget it. */
  abandonBy(process: SimProcess): void;
}

/** What a process body may yield. */
export type ProcessStep = Timeout | Awaitable;

/** A process body: a generator that yields what it waits for. `yield` gives back what woke it (a signal's value). */
export type ProcessBody = Generator<ProcessStep, void, unknown>;

/**
 * Thrown into a process at its `yield` by `interrupt`; `cause` says why (e.g. a resource `Preemption`).
 * It carries no stack trace: it comes from the engine, not from a bug, and capturing one would cost
 * several microseconds per interrupt (preemptive models raise one per preemption).
 */
export class Interrupt extends Error {
  constructor(cause: unknown) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`process interrupted${cause instanceof Error ? `: ${cause.message}` : ""}`, { cause });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = "Interrupt";
  }
}

/** A hold of `ms` simulated milliseconds (finite, ≥ 0), to yield from a process. */
export function timeout(ms: number): Timeout {
  if (!(ms >= 0 && ms < Infinity)) throw new RangeError(`a timeout must be a finite number ≥ 0 ms; got ${ms}`);
  return ms as Timeout;
}

const noEvent = -1 as EventHandle;

/** A running generator on the simulator's clock. Yield one to wait until it ends. */
export class SimProcess implements Awaitable {
  private finished = false;
  /** The event that will continue the body: the end of a hold, or a wake-up. */
  private wakeEvent: EventHandle = noEvent;
  /** What it waits for, other than time. */
  private waitingOn: Awaitable | undefined = undefined;
  /** Processes waiting for this one to end. */
  private joiners: SimProcess[] = [];
  private valueToSend: unknown = undefined;
  private errorToThrow: Interrupt | undefined = undefined;

  constructor(
    readonly simulator: DiscreteEventSimulator,
    private readonly body: ProcessBody,
    /** For messages about this process. */
    readonly name = "process",
  ) {
    this.wakeEvent = simulator.schedule(0, continueProcess, this);
  }

  /** True once the body has returned. */
  get done(): boolean {
    return this.finished;
  }

  /** Wakes the process with `value` (what its `yield` returns), as an event at the current time. */
  resume(value?: unknown): void {
    this.waitingOn = undefined;
    this.valueToSend = value;
    this.wakeEvent = this.simulator.schedule(0, continueProcess, this);
  }

  /**
   * Throws an `Interrupt` with `cause` into the process where it waits, at the current time. Its
   * pending timeout or wake-up is cancelled (a value it was about to receive is lost) and what else it
   * waited for is withdrawn. Throws if the process has ended.
   */
  interrupt(cause: unknown): void {
    if (this.finished) throw new RangeError(`cannot interrupt ${this.name}: it has ended`);
    this.simulator.cancel(this.wakeEvent);
    this.waitingOn?.abandonBy(this);
    this.waitingOn = undefined;
    this.valueToSend = undefined;
    this.errorToThrow = new Interrupt(cause);
    this.wakeEvent = this.simulator.schedule(0, continueProcess, this);
  }

  awaitBy(process: SimProcess): boolean {
    if (this.finished) return true;
    this.joiners.push(process);
    return false;
  }

  abandonBy(process: SimProcess): void {
    const index = this.joiners.indexOf(process);
    if (index >= 0) this.joiners.splice(index, 1);
  }

  /** Runs the body to its next `yield` that must wait, and waits for what it yielded. Called as an event. */
  continueBody(): void {
    this.wakeEvent = noEvent;
    const error = this.errorToThrow;
    this.errorToThrow = undefined;
    const value = this.valueToSend;
    this.valueToSend = undefined;
    let result = error === undefined ? this.body.next(value) : this.body.throw(error);
    for (;;) {
      if (result.done) {
        this.end();
        return;
      }
      const step = result.value;
      if (typeof step === "number") {
        this.wakeEvent = this.simulator.schedule(step, continueProcess, this);
        return;
      }
      if (typeof step !== "object" || step === null || typeof step.awaitBy !== "function") {
        throw new TypeError(`${this.name} yielded ${String(step)}; a process may yield timeout(ms), a resource request, a signal or a process`);
      }
      this.waitingOn = step;
      if (!step.awaitBy(this)) return;
      // Already done (a request granted at once, a process that has ended): go on without an event.
      this.waitingOn = undefined;
      result = this.body.next(undefined);
    }
  }

  private end(): void {
    this.finished = true;
    const joiners = this.joiners;
    this.joiners = [];
    for (const joiner of joiners) joiner.resume();
  }
}

function continueProcess(process: SimProcess): void {
  process.continueBody();
}

/** Starts `body` as a process on `simulator` (it runs first at the current time). */
export function startProcess(simulator: DiscreteEventSimulator, body: ProcessBody, name?: string): SimProcess {
  return new SimProcess(simulator, body, name);
}
