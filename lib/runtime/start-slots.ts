/**
 * A counting semaphore for starting things: at most `slots` starts in flight, the rest wait in order.
 * A group of 64 threads or 32 processes pinned to one CPU, all started at once, shares that CPU 64 ways,
 * so each start takes about as long as all of them; bounded, each start takes about as long as one, and
 * a per-start timeout keeps its meaning.
 */
export class StartSlots {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error(`StartSlots: slots must be a whole number ≥ 1, not ${slots}`);
  }

  /** Runs `start` once a slot is free, and frees the slot when it settles. */
  async run<T>(start: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    try {
      return await start();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (inFlight unchanged), or is freed.
      if (next) next();
      else this.inFlight--;
    }
  }
}
