/**
 * SLA violation percentage: the share of requests that missed the service level agreement, e.g.
 * "respond within 3 s". A request violates the SLA when its response time is strictly greater than the
 * limit (exactly on the limit meets it). A failed request got no good answer at all, so it counts as a
 * violation: pass how many failed as `failedCount`.
 *
 *   SLA violations (%) = 100 · (#{t > slaMs} + failed) / (n + failed)
 *
 * O(n).
 */
import { requireNonNegative, requireNonNegativeValues, requirePositive } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";

/** Percentage (0–100) of requests whose response time exceeds `slaMs`, failures included as violations. */
export function slaViolationPct(responseTimesMs: readonly number[], slaMs: number, failedCount = 0): number {
  const metric = "slaViolationPct";
  requirePositive(metric, "slaMs", slaMs);
  requireNonNegative(metric, "failedCount", failedCount);
  if (!Number.isInteger(failedCount)) {
    throw new MetricInputError(metric, `failedCount is ${failedCount}`, "a whole number of failed requests");
  }
  if (responseTimesMs.length === 0 && failedCount > 0) return 100;
  requireNonNegativeValues(metric, "responseTimesMs", responseTimesMs);
  let late = 0;
  for (const time of responseTimesMs) if (time > slaMs) late++;
  return (100 * (late + failedCount)) / (responseTimesMs.length + failedCount);
}
