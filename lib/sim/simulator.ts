/**
 * The discrete-event engine: a simulated clock and a queue of actions to run at given times.
 *
 * A model schedules actions; `run` pops them in time order (ties in scheduling order), moves the
 * clock to each one's time and calls it, and the action may schedule more. Nothing depends on the
 * wall clock or on unseeded randomness, so the same model with the same inputs gives the same
 * results, event for event. The loop does a heap pop and a call per event: millions per second.
 */
import { EventQueue } from "./event-queue.js";
import type { QueuedEvent } from "./event-queue.js";

/** An action the simulator will run at a simulated time. */
export type SimulationAction = () => void;

/** A scheduled action; pass it to `cancel` to call it off. */
export type ScheduledAction = QueuedEvent<SimulationAction>;

export interface SimulationRunLimits {
  /** Stop before the first event later than this time (the clock then stays at the last event run). */
  untilMs?: number;
  /** Stop after this many events. */
  maxEvents?: number;
}

/** A simulated clock plus its event queue. Times are in milliseconds and start at 0. */
export class DiscreteEventSimulator {
  private readonly queue = new EventQueue<SimulationAction>();
  private clockMs = 0;
  private executed = 0;

  /** The current simulated time. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** How many events have run so far. */
  get eventsRun(): number {
    return this.executed;
  }

  /** How many events are waiting. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs `action` after `delayMs` (finite, ≥ 0) of simulated time. */
  schedule(delayMs: number, action: SimulationAction): ScheduledAction {
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new RangeError(`a delay must be a finite number ≥ 0 ms; got ${delayMs}`);
    }
    return this.queue.push(this.clockMs + delayMs, action);
  }

  /** Runs `action` at simulated time `timeMs`, which must not be in the past. */
  scheduleAt(timeMs: number, action: SimulationAction): ScheduledAction {
    if (!Number.isFinite(timeMs) || timeMs < this.clockMs) {
      throw new RangeError(`an event time must be finite and ≥ the current time ${this.clockMs} ms; got ${timeMs}`);
    }
    return this.queue.push(timeMs, action);
  }

  /** Calls off a scheduled action that has not run yet; otherwise does nothing. */
  cancel(action: ScheduledAction): void {
    this.queue.cancel(action);
  }

  /** Runs events in order until none are left or a limit is reached; returns how many ran. */
  run(limits: SimulationRunLimits = {}): number {
    const untilMs = limits.untilMs ?? Number.POSITIVE_INFINITY;
    const maxEvents = limits.maxEvents ?? Number.POSITIVE_INFINITY;
    let count = 0;
    while (count < maxEvents) {
      const next = this.queue.peek();
      if (next === undefined || next.timeMs > untilMs) break;
      this.queue.pop();
      this.clockMs = next.timeMs;
      count++;
      this.executed++;
      next.payload();
    }
    return count;
  }
}
