/**
 * A count per second over a duration: the shape shared by throughput, bandwidth and connection rate.
 * The count must be ≥ 0 and the duration > 0 (a rate over no time is undefined). O(1).
 */
import { requireNonNegative, requirePositive } from "./input-checks.js";

/** count / durationS, checked on behalf of `metric`. */
export function ratePerSecond(metric: string, countName: string, count: number, durationS: number): number {
  requireNonNegative(metric, countName, count);
  requirePositive(metric, "durationS", durationS);
  return count / durationS;
}
