/**
 * The waiting line of a resource, in one of two orders:
 * - FIFO: first come, first served (a ring-buffer deque: O(1));
 * - priority: the lowest priority number first, first come first served among equals (a binary heap
 *   ordered by (priority, arrival order): O(log n)).
 *
 * A request that leaves the line early (withdrawn, or its process interrupted) is skipped lazily when
 * it reaches the front; once such requests outnumber the waiting ones, one O(n) pass drops them, so
 * the line stays at most about twice its waiting size.
 */
import { Deque } from "./deque.js";

/** What the line needs to know of a request. */
export interface QueuedRequest {
  readonly priority: number;
  /** Arrival order at the resource: breaks ties between equal priorities. */
  readonly order: number;
  /** False once the request has left the line (granted, withdrawn). */
  readonly isWaiting: boolean;
}

export interface RequestQueue<R extends QueuedRequest> {
  /** Adds a waiting request. */
  push(request: R): void;
  /** Removes and returns the next waiting request, skipping those that left; undefined when none waits. */
  popNext(): R | undefined;
  /** Notes that a request left the line early; `waiting` is how many still wait. */
  noteLeft(waiting: number): void;
}

const minimumPurgeSize = 64;

export class FifoRequestQueue<R extends QueuedRequest> implements RequestQueue<R> {
  private line = new Deque<R>();
  private left = 0;

  push(request: R): void {
    this.line.pushBack(request);
  }

  popNext(): R | undefined {
    for (let request = this.line.popFront(); request !== undefined; request = this.line.popFront()) {
      if (request.isWaiting) return request;
      this.left--;
    }
    return undefined;
  }

  noteLeft(waiting: number): void {
    this.left++;
    if (this.left <= waiting || this.line.length < minimumPurgeSize) return;
    const kept = new Deque<R>();
    for (let request = this.line.popFront(); request !== undefined; request = this.line.popFront()) {
      if (request.isWaiting) kept.pushBack(request);
    }
    this.line = kept;
    this.left = 0;
  }
}

function comesFirst(a: QueuedRequest, b: QueuedRequest): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}

export class PriorityRequestQueue<R extends QueuedRequest> implements RequestQueue<R> {
  private heap: R[] = [];
  private left = 0;

  push(request: R): void {
    const heap = this.heap;
    let index = heap.length;
    heap.push(request);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!comesFirst(request, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = request;
  }

  popNext(): R | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      const last = this.heap.pop()!;
      if (this.heap.length > 0) this.siftDown(0, last);
      if (top.isWaiting) return top;
      this.left--;
    }
    return undefined;
  }

  noteLeft(waiting: number): void {
    this.left++;
    if (this.left <= waiting || this.heap.length < minimumPurgeSize) return;
    this.heap = this.heap.filter((request) => request.isWaiting);
    for (let index = (this.heap.length >> 1) - 1; index >= 0; index--) this.siftDown(index, this.heap[index]!);
    this.left = 0;
  }

  private siftDown(start: number, request: R): void {
    const heap = this.heap;
    const length = heap.length;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && comesFirst(heap[right]!, heap[left]!) ? right : left;
      if (!comesFirst(heap[child]!, request)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = request;
  }
}
