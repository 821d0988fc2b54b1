/**
 * Execution time: how long a whole job took, first request sent (or due) to last response received.
 * It is the denominator of every rate (throughput, bandwidth, connection rate) over a run:
 *
 *   execution time = max(endMs) − min(intendedMs ?? startMs)
 *
 * For a single task with a start and an end, `elapsedMs` is the same idea. O(n).
 */
import { requireFinite } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";
import { requireRequestRecords } from "./request-record-checks.js";
import { requestOriginMs, type RequestRecord } from "./request-record.js";

/** Time from the earliest origin to the latest end over the records, in ms. */
export function executionTimeMs(records: readonly RequestRecord[]): number {
  requireRequestRecords("executionTimeMs", records);
  let first = Infinity;
  let last = -Infinity;
  for (const record of records) {
    first = Math.min(first, requestOriginMs(record));
    last = Math.max(last, record.endMs);
  }
  return last - first;
}

/** endMs − startMs for one task; a negative duration is an error. */
export function elapsedMs(startMs: number, endMs: number): number {
  requireFinite("elapsedMs", "startMs", startMs);
  requireFinite("elapsedMs", "endMs", endMs);
  if (endMs < startMs) {
    throw new MetricInputError("elapsedMs", `endMs (${endMs}) is before startMs (${startMs})`, "endMs ≥ startMs");
  }
  return endMs - startMs;
}
