/**
 * Waiting in tests for the event or the counter that proves a claim, never for a fixed time: `waitFor`
 * polls a condition until it holds and fails with a message naming what did not happen; `waitUntil`
 * polls a probe (a server's stats, say) until its value passes, and returns that value.
 */

/** Resolves once `condition()` is true; rejects after `timeoutMs` with "timed out waiting for <what>". */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, pollMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Polls `probe` until `accept` holds for its value, and returns that value; rejects after `timeoutMs`
 * with the last value seen. For a counter a test cannot subscribe to (a server's stats).
 */
export async function waitUntil<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000, pollMs = 100): Promise<T> {
  let last: T | undefined;
  await waitFor(
    "a value that passes",
    async () => accept((last = await probe())),
    timeoutMs,
    pollMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last value: ${JSON.stringify(last)?.slice(0, 400)}`);
  });
  return last as T;
}
