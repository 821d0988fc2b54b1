/**
 * The simulator's priority queue: a binary min-heap of (time, sequence, slot) entries held in three
 * typed arrays, so that pushing and popping allocate nothing and move only numbers.
 *
 * Entries come out by time, and entries at the same time in push order: the heap numbers its pushes
 * and compares (time, sequence), so a simulation is deterministic. The slot is the caller's: an index
 * into its own table of what each event does (see simulator.ts). Push and pop cost O(log n); the
 * arrays double when full. `keepOnly` drops entries in one O(n) pass and re-heapifies (Floyd's method),
 * which is how cancelled events are purged.
 */

const initialCapacity = 64;

export class EventHeap {
  private times = new Float64Array(initialCapacity);
  private sequences = new Float64Array(initialCapacity);
  private slots = new Int32Array(initialCapacity);
  private count = 0;
  private nextSequence = 0;

  /** How many entries the heap holds. */
  get size(): number {
    return this.count;
  }

  /** The time of the first entry; Infinity when the heap is empty. */
  get topTime(): number {
    return this.count > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** The slot of the first entry (only meaningful when size > 0). */
  get topSlot(): number {
    return this.slots[0]!;
  }

  /** Bytes held by the heap's arrays (its capacity, not just its entries). */
  get bytes(): number {
    return this.times.byteLength + this.sequences.byteLength + this.slots.byteLength;
  }

  /** Adds an entry for `slot` at `time`, after any entry already there at the same time. O(log n). */
  push(time: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    const sequence = this.nextSequence++;
    let index = this.count++;
    // Sift up: move parents that come after the new entry down one level, then drop it in.
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent]!;
      if (time > parentTime || (time === parentTime && sequence > sequences[parent]!)) break;
      times[index] = parentTime;
      sequences[index] = sequences[parent]!;
      slots[index] = slots[parent]!;
      index = parent;
    }
    times[index] = time;
    sequences[index] = sequence;
    slots[index] = slot;
  }

  /** Removes the first entry (the heap must not be empty). O(log n). */
  removeTop(): void {
    const last = --this.count;
    if (last === 0) return;
    this.times[0] = this.times[last]!;
    this.sequences[0] = this.sequences[last]!;
    this.slots[0] = this.slots[last]!;
    this.siftDown(0);
  }

  /** Keeps the entries whose slot passes `keep`, drops the others, and restores heap order. O(n). */
  keepOnly(keep: (slot: number) => boolean): void {
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    let kept = 0;
    for (let index = 0; index < this.count; index++) {
      if (!keep(slots[index]!)) continue;
      times[kept] = times[index]!;
      sequences[kept] = sequences[index]!;
      slots[kept] = slots[index]!;
      kept++;
    }
    this.count = kept;
    for (let index = (kept >> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  // The sift down takes only an index, never a time: V8 boxes a floating-point argument (allocates
  // it) when it does not inline a call, and the loop is large enough that it may not.

  /** Moves the entry at `start` down while a child comes before it. */
  private siftDown(start: number): void {
    const times = this.times;
    const sequences = this.sequences;
    const slots = this.slots;
    const length = this.count;
    const time = times[start]!;
    const sequence = sequences[start]!;
    const slot = slots[start]!;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      let child = left;
      const right = left + 1;
      if (right < length) {
        const rightTime = times[right]!;
        const leftTime = times[left]!;
        if (rightTime < leftTime || (rightTime === leftTime && sequences[right]! < sequences[left]!)) child = right;
      }
      const childTime = times[child]!;
      if (childTime > time || (childTime === time && sequences[child]! > sequence)) break;
      times[index] = childTime;
      sequences[index] = sequences[child]!;
      slots[index] = slots[child]!;
      index = child;
    }
    times[index] = time;
    sequences[index] = sequence;
    slots[index] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    sequences.set(this.sequences);
    slots.set(this.slots);
    this.times = times;
    this.sequences = sequences;
    this.slots = slots;
  }
}
