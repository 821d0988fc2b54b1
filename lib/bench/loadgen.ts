/**
 * The loadgen benchmark (not yet written).
 */
export async function runLoadgenBenchmark(): Promise<void> {
  throw new Error("the loadgen benchmark is not written yet");
}
