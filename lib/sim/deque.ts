/**
 * A double-ended queue on a growable ring buffer: O(1) push and pop at both ends (amortized),
 * unlike `Array.prototype.shift`/`unshift`, which move every element. Models use it for ready
 * queues, where a preempted job goes back to the front.
 */
export class Deque<T> {
  private slots: Array<T | undefined> = new Array(16);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds an item at the back. */
  pushBack(item: T): void {
    this.growIfFull();
    this.slots[(this.head + this.count) & (this.slots.length - 1)] = item;
    this.count++;
  }

  /** Adds an item at the front. */
  pushFront(item: T): void {
    this.growIfFull();
    this.head = (this.head - 1) & (this.slots.length - 1);
    this.slots[this.head] = item;
    this.count++;
  }

  /** Removes and returns the front item, or undefined when empty. */
  popFront(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.count--;
    return item;
  }

  private growIfFull(): void {
    if (this.count < this.slots.length) return;
    // The capacity stays a power of two, so `& (length - 1)` wraps indices.
    const bigger: Array<T | undefined> = new Array(this.slots.length * 2);
    for (let index = 0; index < this.count; index++) {
      bigger[index] = this.slots[(this.head + index) & (this.slots.length - 1)];
    }
    this.slots = bigger;
    this.head = 0;
  }
}
