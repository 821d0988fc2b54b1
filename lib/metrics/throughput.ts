/**
 * Throughput: how many tasks (requests) complete per unit of time — the server operator's metric.
 *
 *   throughput = completed tasks / execution time   (per second)
 *
 * Failed requests are not completed tasks; leave them out of `completed`. O(1).
 */
import { ratePerSecond } from "./rate-per-second.js";

/** Completed tasks per second over `durationS` seconds. */
export function throughput(completed: number, durationS: number): number {
  return ratePerSecond("throughput", "completed", completed, durationS);
}
