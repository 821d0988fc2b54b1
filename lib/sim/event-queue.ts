/**
 * The simulator's event queue: a binary min-heap of timed events.
 *
 * Events come out in time order; events at the same time come out in the order they were pushed
 * (each push takes the next sequence number, and the heap compares time, then sequence), so a
 * simulation is deterministic even when many things happen at once. Push and pop cost O(log n).
 * Cancelling is lazy: a cancelled event stays in the heap, marked, and `pop` skips it.
 */

/** An event in the queue. Keep it to cancel the event later. */
export interface QueuedEvent<T> {
  /** When the event happens, in simulated milliseconds. */
  readonly timeMs: number;
  /** Order of insertion; breaks ties between events at the same time. */
  readonly sequence: number;
  readonly payload: T;
  /** True once the event was cancelled; a cancelled event is never popped. */
  readonly cancelled: boolean;
}

interface HeapEntry<T> {
  timeMs: number;
  sequence: number;
  payload: T;
  cancelled: boolean;
  queued: boolean;
}

function comesFirst<T>(a: HeapEntry<T>, b: HeapEntry<T>): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.sequence < b.sequence);
}

/** A priority queue of events ordered by (time, insertion order). */
export class EventQueue<T> {
  private readonly heap: HeapEntry<T>[] = [];
  private nextSequence = 0;
  private liveCount = 0;

  /** The number of events still to come (cancelled ones not counted). */
  get size(): number {
    return this.liveCount;
  }

  /** Adds an event at `timeMs` (a finite number) and returns it. O(log n). */
  push(timeMs: number, payload: T): QueuedEvent<T> {
    if (!Number.isFinite(timeMs)) throw new RangeError(`an event time must be a finite number; got ${timeMs}`);
    const entry: HeapEntry<T> = { timeMs, sequence: this.nextSequence++, payload, cancelled: false, queued: true };
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
    this.liveCount++;
    return entry;
  }

  /** The next event without removing it, or undefined when none is left. */
  peek(): QueuedEvent<T> | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  /** Removes and returns the next event (earliest time, then earliest push), or undefined. O(log n). */
  pop(): QueuedEvent<T> | undefined {
    this.dropCancelledTop();
    const top = this.removeTop();
    if (top) this.liveCount--;
    return top;
  }

  /** Cancels an event that is still queued; cancelling twice, or after it was popped, does nothing. */
  cancel(event: QueuedEvent<T>): void {
    const entry = event as HeapEntry<T>;
    if (!entry.queued || entry.cancelled) return;
    entry.cancelled = true;
    this.liveCount--;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): HeapEntry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    top.queued = false;
    return top;
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    const entry = heap[start]!;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!comesFirst(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[start]!;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && comesFirst(heap[right]!, heap[left]!) ? right : left;
      if (!comesFirst(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}
