/**
 * A time-weighted statistic: the average of a value that changes at events and holds between them,
 * weighted by how long it held (the number of customers in a system, the busy servers of a resource,
 * the length of a queue). Utilization is the time-weighted mean of busy servers over servers; the mean
 * queue length is the time-weighted mean of the queue's length.
 *
 *   mean = (1 / (t − t₀)) · ∫ value(t) dt   over [t₀, t], with t₀ the start or the last `reset`
 *
 * Each `set` adds the area of the step that just ended: O(1), nothing allocated. `reset` restarts the
 * average at the current time (warm-up removal), keeping the current value.
 */
import type { DiscreteEventSimulator } from "./simulator.js";

export class TimeWeighted {
  // Number fields get a number where they are declared: V8 boxes every store into a field that started as undefined.
  private current = 0;
  private lastChangeMs = 0;
  private startMs = 0;
  private area = 0;
  private highest = 0;

  constructor(
    private readonly simulator: DiscreteEventSimulator,
    initialValue = 0,
  ) {
    if (!Number.isFinite(initialValue)) throw new RangeError(`a time-weighted value must be finite; got ${initialValue}`);
    this.current = initialValue;
    this.highest = initialValue;
    this.lastChangeMs = simulator.nowMs;
    this.startMs = simulator.nowMs;
  }

  /** The value now. */
  get value(): number {
    return this.current;
  }

  /** The largest value held since the start or the last reset. */
  get max(): number {
    return this.highest;
  }

  /** The time the average covers so far, in ms. */
  get elapsedMs(): number {
    return this.simulator.nowMs - this.startMs;
  }

  /** The value changes to `value` now. */
  set(value: number): void {
    const nowMs = this.simulator.nowMs;
    this.area += this.current * (nowMs - this.lastChangeMs);
    this.lastChangeMs = nowMs;
    this.current = value;
    if (value > this.highest) this.highest = value;
  }

  /** The value changes by `delta` now. */
  add(delta: number): void {
    this.set(this.current + delta);
  }

  /** The time-weighted mean from the start (or the last reset) to now; NaN when no time has passed. */
  mean(): number {
    const nowMs = this.simulator.nowMs;
    const elapsed = nowMs - this.startMs;
    // Over no time at all there is no average.
    if (elapsed <= 0) return Number.NaN;
    return (this.area + this.current * (nowMs - this.lastChangeMs)) / elapsed;
  }

  /** Forgets the past: the average restarts now, from the current value (for warm-up removal). */
  reset(): void {
    const nowMs = this.simulator.nowMs;
    this.area = 0;
    this.lastChangeMs = nowMs;
    this.startMs = nowMs;
    this.highest = this.current;
  }
}
