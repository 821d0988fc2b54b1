/**
 * vitest global set-up: before any test file runs, 20,000 loopback connections leave their client ports
 * in TIME_WAIT (about a minute on Linux), so that the servers started by the first test files start
 * "right after heavy traffic", as they do on a machine that just ran a benchmark. A test that passes
 * only on a quiet machine hides a bug. FLASHLAB_TEST_HEAVY_TRAFFIC=0 skips it (for a quick local run).
 */
import { leaveClientPortsInTimeWait } from "./time-wait.js";

export default async function setup(): Promise<void> {
  if (process.env.FLASHLAB_TEST_HEAVY_TRAFFIC === "0") return;
  await leaveClientPortsInTimeWait(20_000);
}
