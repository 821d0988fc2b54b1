/**
 * Waiting in tests for the event or the counter that proves a claim, never for a fixed time: `waitFor`
 * polls a condition until it holds and fails with a message naming what did not happen.
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
