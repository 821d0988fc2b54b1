/**
 * The open loop: requests arrive on a schedule that does not wait for the server — a constant rate, a
 * Poisson process, or the due times of a replayed trace — and each request's latency counts from its
 * intended send time, as wrk2 does. When every connection slot is busy, due requests wait in a queue;
 * that wait is part of their latency. So a server stall shows up in every request scheduled during it,
 * instead of hiding behind clients that simply stopped sending (coordinated omission).
 *
 * Arrivals are timed with setTimeout down to the last millisecond and setImmediate for the rest, so a
 * request leaves within a fraction of a millisecond of its due time while the thread is not saturated.
 * Requests still queued at the drain deadline after the end count as timeouts.
 */
import type { EngineConfig } from "./engine-config.js";
import { errorKindCode } from "./error-kinds.js";
import { type EngineSinks, type InFlightRequest, LoadEngine, type Slot } from "./load-engine.js";
import { PathCursor } from "./path-cursor.js";
import { arrivalGapSampler, threadSeed } from "./timing.js";

/** The open-loop engine for one thread. */
export class OpenLoopEngine extends LoadEngine {
  private readonly paths: PathCursor;
  private readonly gap: (() => number) | undefined;
  private readonly freeSlots: Slot[] = [];
  private queue: InFlightRequest[] = [];
  private queueHead = 0;
  private nextDueMs = 0;
  private nextPathIndex = 0;
  private arrivalsDone = false;
  private started = false;
  private readonly tick = () => this.onTick();

  constructor(config: EngineConfig, sinks: EngineSinks) {
    super(config, sinks);
    this.paths = new PathCursor(config.plan, config.threadIndex, config.threadCount);
    if (config.plan.dueMs === undefined) {
      this.gap = arrivalGapSampler(config.arrival, config.ratePerS, threadSeed(config.seed, config.threadIndex, 2));
    }
  }

  protected begin(): void {
    this.started = true;
    for (const slot of this.slots) {
      slot.free = true;
      this.freeSlots.push(slot);
    }
    if (this.gap === undefined) {
      this.planNextArrival(0);
    } else {
      // Threads share the rate; with constant spacing they take turns, so their arrivals interleave.
      const first = this.config.arrival === "constant" ? ((1000 / this.config.ratePerS) * this.config.threadIndex) / this.config.threadCount : this.gap();
      this.planNextArrival(first);
    }
    this.onTick();
  }

  override stop(): void {
    if (this.issuing && this.started) this.enqueueDue(Math.min(this.now(), this.endMs));
    super.stop();
    this.dispatch();
  }

  protected override queuedCount(): number {
    return this.queue.length - this.queueHead;
  }

  protected override expireQueued(nowMs: number): void {
    const timeoutCode = errorKindCode("timeout");
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const request = this.queue[i] as InFlightRequest;
      request.startMs = nowMs;
      this.endRequest(-1, request, nowMs, 0, 0, timeoutCode);
    }
    this.queue = [];
    this.queueHead = 0;
  }

  protected requestFinished(slot: Slot, _nowMs: number): void {
    if (!slot.free && this.hasRoom(slot)) {
      slot.free = true;
      this.freeSlots.push(slot);
    }
    this.dispatch();
  }

  /** Sets the next arrival at `dueMs` (or ends the arrivals when the run's bounds say so). */
  private planNextArrival(dueMs: number): void {
    let due = dueMs;
    const dueTimes = this.config.plan.dueMs;
    if (dueTimes !== undefined) {
      const position = this.paths.position();
      if (position >= dueTimes.length) {
        this.arrivalsDone = true;
        return;
      }
      due = dueTimes[position] as number;
    }
    const measured = due >= this.config.warmupMs;
    if (due >= this.endMs || (measured && this.measuredIssued >= this.config.requestLimit)) {
      this.arrivalsDone = true;
      return;
    }
    this.nextDueMs = due;
    this.nextPathIndex = this.paths.next();
  }

  /** Moves every arrival due by `uptoMs` into the queue. */
  private enqueueDue(uptoMs: number): void {
    while (!this.arrivalsDone && this.nextDueMs <= uptoMs) {
      const request = this.newRequest(this.nextDueMs, this.nextDueMs, this.nextPathIndex);
      if (request.measured) this.measuredIssued++;
      this.queue.push(request);
      this.planNextArrival(this.gap === undefined ? 0 : this.nextDueMs + this.gap());
    }
  }

  private onTick(): void {
    if (!this.issuing) return;
    this.enqueueDue(this.now());
    this.dispatch();
    if (this.arrivalsDone) {
      this.stop();
      return;
    }
    const wait = this.nextDueMs - this.now();
    if (wait >= 1) setTimeout(this.tick, Math.floor(wait));
    else setImmediate(this.tick);
  }

  /** Sends queued requests on free slots, oldest first. */
  private dispatch(): void {
    while (this.queueHead < this.queue.length) {
      const slot = this.freeSlots.pop();
      if (slot === undefined) break;
      slot.free = false;
      const request = this.queue[this.queueHead] as InFlightRequest;
      this.queue[this.queueHead] = undefined as unknown as InFlightRequest;
      this.queueHead++;
      request.startMs = this.now();
      this.send(slot, request);
      if (this.hasRoom(slot)) {
        slot.free = true;
        this.freeSlots.push(slot);
      }
    }
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    this.maybeFinish();
  }

  private hasRoom(slot: Slot): boolean {
    if (this.config.http === "1.0") return slot.inflight.length === 0 && slot.socket === undefined;
    return slot.inflight.length < this.config.pipeline;
  }
}
