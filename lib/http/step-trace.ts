/**
 * An opt-in, per-request trace of the pipeline's steps: when each step of each request started and
 * ended, so that a timeline can show requests interleaving on one event loop (lecture §13) or a loop
 * waiting on a disk miss while a helper reads (§16).
 *
 * The trace is a ring buffer of a fixed number of events in typed arrays: recording one costs a few
 * array writes and never allocates; once full, each new event replaces the oldest. Times are recorded
 * on this thread's `performance.now()` and reported on the machine's monotonic clock (lib/runtime's
 * `monotonicClockMs`), which every process and thread shares, so that events from the contexts of one
 * server, and the client's own times read with `monotonicClockMs()`, fall on one axis. A pipeline
 * without a trace (the default) never creates one.
 */
import { performanceNowToMonotonicMs } from "../runtime/monotonic-clock.js";
import { pipelineSteps, type PipelineStep } from "./steps.js";

/** One step of one request, as `StepTrace.events()` reports it. */
export interface StepTraceEvent {
  /** The connection, numbered from 1 in the order this context began serving them. */
  connection: number;
  /** The request on that connection, from 1 (the accept step counts with the first request). */
  request: number;
  step: PipelineStep;
  /** ms on the machine's monotonic clock (`monotonicClockMs()`): comparable across processes and threads. */
  startMs: number;
  endMs: number;
}

/** The most events one trace keeps (a larger trace would be a log, not a demonstration). */
export const maxTraceEvents = 100_000;

/** Whether `capacity` is an accepted trace size: 0 (off) or a whole number up to `maxTraceEvents`. */
export function isTraceCapacity(capacity: unknown): capacity is number {
  return typeof capacity === "number" && Number.isInteger(capacity) && capacity >= 0 && capacity <= maxTraceEvents;
}

/** The last `capacity` step events of one execution context. */
export class StepTrace {
  private readonly connections: Float64Array;
  private readonly requests: Float64Array;
  private readonly steps: Uint8Array;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** Where the next event goes. */
  private next = 0;
  /** Events recorded since creation or `clear()`, overwritten ones included. */
  private recorded = 0;
  /** This thread's `performance.now()` plus this is the monotonic clock. */
  private readonly toMonotonicMs = performanceNowToMonotonicMs();

  /** Throws a RangeError unless `capacity` is a whole number from 1 to `maxTraceEvents`. */
  constructor(readonly capacity: number) {
    if (!isTraceCapacity(capacity) || capacity === 0) {
      throw new RangeError(`a step trace keeps a whole number of events from 1 to ${maxTraceEvents}; got ${String(capacity)}`);
    }
    this.connections = new Float64Array(capacity);
    this.requests = new Float64Array(capacity);
    this.steps = new Uint8Array(capacity);
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
  }

  /** Events recorded so far, including those the buffer has since overwritten. */
  get total(): number {
    return this.recorded;
  }

  /**
   * Records step `step` (a `StepIndex` value) of request `request` on connection `connection`, from
   * `start` to `end` (this thread's `performance.now()`). O(1); allocates nothing.
   */
  record(connection: number, request: number, step: number, start: number, end: number): void {
    const slot = this.next;
    this.connections[slot] = connection;
    this.requests[slot] = request;
    this.steps[slot] = step;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    this.recorded++;
  }

  /** The events kept, oldest first, on the monotonic clock. O(capacity). */
  events(): StepTraceEvent[] {
    const kept = Math.min(this.recorded, this.capacity);
    const first = this.recorded > this.capacity ? this.next : 0;
    const origin = this.toMonotonicMs;
    const events: StepTraceEvent[] = [];
    for (let index = 0; index < kept; index++) {
      const slot = (first + index) % this.capacity;
      events.push({
        connection: this.connections[slot]!,
        request: this.requests[slot]!,
        step: pipelineSteps[this.steps[slot]!]!,
        startMs: origin + this.starts[slot]!,
        endMs: origin + this.ends[slot]!,
      });
    }
    return events;
  }

  /** Forgets every event. */
  clear(): void {
    this.next = 0;
    this.recorded = 0;
  }
}
