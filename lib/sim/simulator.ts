/**
 * The discrete-event engine: a simulated clock and the pending events, each an action to run at a
 * given time.
 *
 * A model schedules actions; `run` takes them in time order (ties in scheduling order), moves the
 * clock to each one's time and calls it, and the action may schedule more. Nothing depends on the
 * wall clock or on unseeded randomness, so the same model with the same inputs gives the same
 * results, event for event.
 *
 * An action is called with the payload it was scheduled with (`schedule(5, depart, customer)`), so a
 * model can schedule the same function for many customers without making a closure for each.
 * Scheduling and running an event then allocate nothing: each pending event takes a slot in a table of
 * actions and payloads, and the time order lives in an `EventHeap` of (time, sequence, slot) in typed
 * arrays. The loop costs a heap pop and a call per event (figures: `npm run bench sim`). Processes
 * (process.ts) and resources (resource.ts) are built on this.
 *
 * Cancelling. `schedule` returns an `EventHandle`, a number that packs the event's slot and the slot's
 * generation. The generation is odd while the event is pending and is bumped when it runs or is
 * cancelled, so a stale handle is recognised and ignored (it could match again only after its slot had
 * been reused 2^28 times). Cancelling is lazy, as in most event lists:
 * the heap entry stays and is skipped when it reaches the top. Once cancelled entries outnumber live
 * ones (and there are at least a few dozen), one O(n) pass drops them all, so a model that cancels most
 * of its timeouts keeps the heap at most about twice its live size: O(1) amortized per cancel, and
 * bounded memory. (An event that ran keeps its payload referenced until its slot is reused, which
 * happens at the next schedule: free slots are reused last-freed first.)
 */
import { EventHeap } from "./event-heap.js";

/** Names a scheduled event, for `cancel`. A plain number: keeping one allocates nothing. */
export type EventHandle = number & { readonly __eventHandle: never };

/** What an event does when it runs: called with the payload it was scheduled with. */
export type EventAction<P> = (payload: P) => void;

/** An action the simulator will run at a simulated time, without a payload. */
export type SimulationAction = () => void;

export interface SimulationRunLimits {
  /** Stop before the first event later than this time (the clock then stays at the last event run). */
  untilMs?: number;
  /** Stop after this many events. */
  maxEvents?: number;
}

/** Slots are numbered below 2^24 (16,777,216 pending events); the generation takes the handle's upper bits. */
const slotCount = 2 ** 24;
/** Generations count modulo 2^29 (an even number, so parity survives the wrap): handles stay below 2^53. */
const generationMask = 2 ** 29 - 1;
/** Below this many heap entries, cancelled ones are left for `run` to skip rather than purged. */
const minimumPurgeSize = 64;
/** Bytes per reference in a JavaScript array (V8 with pointer compression; 8 without). */
const referenceBytes = 4;

function doNothing(): void {}

// The errors are built out of line: the hot functions stay small, so that V8 inlines them into models.
function badDelay(delayMs: number): RangeError {
  return new RangeError(`a delay must be a finite number ≥ 0 ms; got ${delayMs}`);
}

function badTime(timeMs: number, nowMs: number): RangeError {
  return new RangeError(`an event time must be finite and ≥ the current time ${nowMs} ms; got ${timeMs}`);
}

/** A simulated clock plus its pending events. Times are in milliseconds and start at 0. */
export class DiscreteEventSimulator {
  private readonly heap = new EventHeap();
  private readonly actions: Array<EventAction<any>> = [];
  private readonly payloads: unknown[] = [];
  /** Per slot: odd while its event is pending, even once it ran or was cancelled. */
  private generations = new Uint32Array(64);
  private freeSlots = new Int32Array(64);
  private freeCount = 0;
  private slotsInUse = 0;
  private cancelledInHeap = 0;
  private clockMs = 0;
  private executed = 0;
  /** `run` stops once it has run this many events; `stop` sets it to 0. */
  private eventBudget = 0;

  /** The current simulated time. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** How many events have run so far. */
  get eventsRun(): number {
    return this.executed;
  }

  /** How many events are waiting (cancelled ones not counted). */
  get pendingEvents(): number {
    return this.heap.size - this.cancelledInHeap;
  }

  /** Bytes the event list holds: its typed arrays and the references in its action and payload tables. */
  get eventQueueBytes(): number {
    return this.heap.bytes + this.generations.byteLength + this.freeSlots.byteLength + 2 * referenceBytes * this.actions.length;
  }

  /** Runs `action(payload)` after `delayMs` (finite, ≥ 0) of simulated time; returns a handle for `cancel`. */
  schedule(delayMs: number, action: SimulationAction): EventHandle;
  schedule<P>(delayMs: number, action: EventAction<P>, payload: P): EventHandle;
  schedule<P>(delayMs: number, action: EventAction<P | undefined>, payload?: P): EventHandle {
    // One comparison chain rejects NaN, negative and infinite delays.
    if (!(delayMs >= 0 && delayMs < Infinity)) throw badDelay(delayMs);
    const slot = this.claimSlot(action, payload);
    this.heap.push(this.clockMs + delayMs, slot);
    return this.handleOf(slot);
  }

  /** Runs `action(payload)` at simulated time `timeMs`, which must not be in the past. */
  scheduleAt(timeMs: number, action: SimulationAction): EventHandle;
  scheduleAt<P>(timeMs: number, action: EventAction<P>, payload: P): EventHandle;
  scheduleAt<P>(timeMs: number, action: EventAction<P | undefined>, payload?: P): EventHandle {
    if (!(timeMs >= this.clockMs && timeMs < Infinity)) throw badTime(timeMs, this.clockMs);
    const slot = this.claimSlot(action, payload);
    this.heap.push(timeMs, slot);
    return this.handleOf(slot);
  }

  /** True while a scheduled action is still to run. */
  isPending(handle: EventHandle): boolean {
    return this.pendingSlot(handle) >= 0;
  }

  /** Calls off a scheduled action that has not run yet; returns false (doing nothing) otherwise. */
  cancel(handle: EventHandle): boolean {
    const slot = this.pendingSlot(handle);
    if (slot < 0) return false;
    this.generations[slot] = (this.generations[slot]! + 1) & generationMask;
    this.actions[slot] = doNothing;
    this.payloads[slot] = undefined;
    this.cancelledInHeap++;
    if (2 * this.cancelledInHeap > this.heap.size && this.heap.size >= minimumPurgeSize) this.purgeCancelled();
    return true;
  }

  /** Makes `run` return after the action that is running now (the rest stay queued). */
  stop(): void {
    this.eventBudget = 0;
  }

  /** Runs events in order until none are left, a limit is reached or `stop` is called; returns how many ran. */
  run(limits: SimulationRunLimits = {}): number {
    const untilMs = limits.untilMs ?? Number.POSITIVE_INFINITY;
    const heap = this.heap;
    this.eventBudget = limits.maxEvents ?? Number.POSITIVE_INFINITY;
    let count = 0;
    while (count < this.eventBudget && heap.size > 0) {
      const slot = heap.topSlot;
      const generation = this.generations[slot]!;
      if ((generation & 1) === 0) {
        // A cancelled event: drop it.
        heap.removeTop();
        this.freeSlots[this.freeCount++] = slot;
        this.cancelledInHeap--;
        continue;
      }
      const timeMs = heap.topTime;
      if (timeMs > untilMs) break;
      heap.removeTop();
      this.generations[slot] = (generation + 1) & generationMask;
      this.freeSlots[this.freeCount++] = slot;
      this.clockMs = timeMs;
      count++;
      this.executed++;
      // The callee and its argument are read before the call, so the action may reuse the slot at once.
      this.actions[slot]!(this.payloads[slot]);
    }
    return count;
  }

  // Only `schedule` and `scheduleAt` handle times. The helpers below take and return whole numbers and
  // objects: V8 boxes (allocates) a floating-point value passed to or returned from a call it does not
  // inline, and keeping the time out of them keeps scheduling free of allocation.

  /** Takes a free slot for a new pending event (odd generation) and returns it. */
  private claimSlot(action: EventAction<any>, payload: unknown): number {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.newSlot();
    this.generations[slot] = (this.generations[slot]! + 1) & generationMask;
    this.actions[slot] = action;
    this.payloads[slot] = payload;
    return slot;
  }

  /** The handle of the event pending in `slot`. */
  private handleOf(slot: number): EventHandle {
    return (this.generations[slot]! * slotCount + slot) as EventHandle;
  }

  /** The slot of a pending event's handle, or −1 for a handle whose event ran, was cancelled, or never was. */
  private pendingSlot(handle: EventHandle): number {
    if (!Number.isSafeInteger(handle) || handle < 0) return -1;
    const slot = handle % slotCount;
    const generation = (handle - slot) / slotCount;
    if (slot >= this.slotsInUse || (generation & 1) === 0 || this.generations[slot] !== generation) return -1;
    return slot;
  }

  private purgeCancelled(): void {
    this.heap.keepOnly((slot) => {
      if ((this.generations[slot]! & 1) === 1) return true;
      this.freeSlots[this.freeCount++] = slot;
      return false;
    });
    this.cancelledInHeap = 0;
  }

  /** A slot never used before, growing the tables when they are full. */
  private newSlot(): number {
    const slot = this.slotsInUse;
    if (slot === slotCount) {
      throw new RangeError(`the simulator holds at most ${slotCount} pending events; a model scheduled more (is an event rescheduling itself without end?)`);
    }
    if (slot === this.generations.length) {
      const generations = new Uint32Array(slot * 2);
      generations.set(this.generations);
      this.generations = generations;
      this.freeSlots = new Int32Array(slot * 2); // empty now: every slot is in use
    }
    this.actions.push(doNothing);
    this.payloads.push(undefined);
    this.slotsInUse++;
    return slot;
  }
}
