/**
 * A first-in first-out queue of numbers on a growable ring of doubles: push and shift are O(1)
 * and allocate nothing (a JavaScript array of non-integer numbers boxes each one). Models keep
 * arrival times of waiting customers in one.
 */
function emptyQueue(): RangeError {
  return new RangeError("a NumberQueue was read while empty; check its length first");
}

export class NumberQueue {
  private items = new Float64Array(64);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds a number at the back. */
  push(value: number): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = value;
    this.count++;
  }

  /** Removes and returns the front number (the queue must not be empty: check `length`). */
  shift(): number {
    if (this.count === 0) throw emptyQueue();
    const value = this.items[this.head]!;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return value;
  }

  /** The front number without removing it (the queue must not be empty). */
  peek(): number {
    if (this.count === 0) throw emptyQueue();
    return this.items[this.head]!;
  }

  private grow(): void {
    // The capacity stays a power of two, so `& (length - 1)` wraps indices.
    const bigger = new Float64Array(this.items.length * 2);
    for (let index = 0; index < this.count; index++) bigger[index] = this.items[(this.head + index) & (this.items.length - 1)]!;
    this.items = bigger;
    this.head = 0;
  }
}
