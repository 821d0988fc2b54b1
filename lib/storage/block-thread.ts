/**
 * Blocking the calling thread for real: `Atomics.wait` on a private SharedArrayBuffer that nobody ever
 * notifies. Unlike a busy loop it uses no CPU, and unlike a timer it stops the thread's event loop too,
 * which is what a blocking disk read does to SPED's loop or to an MT worker.
 */

const neverNotified = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the calling thread (main thread or worker) for `ms` milliseconds; returns at once for ms ≤ 0. */
export function blockThreadFor(ms: number): void {
  if (!(ms > 0)) return;
  const deadline = performance.now() + ms;
  let left = ms;
  // Atomics.wait may wake a little early; loop until the deadline has really passed.
  while (left > 0) {
    Atomics.wait(neverNotified, 0, 0, left);
    left = deadline - performance.now();
  }
}
