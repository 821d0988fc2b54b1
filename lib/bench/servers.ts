/**
 * The servers benchmark (not yet written).
 */
export async function runServersBenchmark(): Promise<void> {
  throw new Error("the servers benchmark is not written yet");
}
