/**
 * One clock for every process and thread of this machine: the kernel's monotonic clock
 * (CLOCK_MONOTONIC, which `process.hrtime` reads and `performance.now()` counts from), in milliseconds.
 * Its zero is arbitrary (about the boot), so only differences mean something; but a time read in one
 * process can be compared with a time read in another, which is what a timeline of a server's
 * contexts and its client needs.
 *
 * Why not the wall clock `performance.timeOrigin + performance.now()`? Each process and worker thread
 * fixes its own `timeOrigin` at start by reading the monotonic and the real-time clocks one after the
 * other; a start preempted between the two reads (on a busy machine) shifts that context's wall clock
 * for its whole life. Tens of milliseconds were seen here, starting 80 contexts on 2 loaded cores.
 */

/** Now on the machine's monotonic clock, ms. */
export function monotonicClockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * What to add to this thread's `performance.now()` to get the monotonic clock: the two count from the
 * same clock, so this stays fixed for the thread's life. Read as the best of `samples` back-to-back
 * readings (the one bracketed most tightly), so a preemption in the middle of one does not spoil it.
 */
export function performanceNowToMonotonicMs(samples = 16): number {
  let tightest = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let sample = 0; sample < samples; sample++) {
    const before = performance.now();
    const monotonic = monotonicClockMs();
    const after = performance.now();
    if (after - before < tightest) {
      tightest = after - before;
      offset = monotonic - (before + after) / 2;
    }
  }
  return offset;
}
