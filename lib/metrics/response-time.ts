/**
 * Response time: how long a client waited for its whole answer, from when the request was meant to be
 * sent (open loop) or was sent (closed loop) to when the last byte arrived:
 *
 *   response time = endMs − (intendedMs ?? startMs)
 *
 * Counting from the intended send time is what wrk2 does: a server that stalls delays the requests
 * scheduled behind the stall, and they must be charged for that delay. O(1) per record.
 */
import { requireRequestRecords } from "./request-record-checks.js";
import { requestOriginMs, type RequestRecord } from "./request-record.js";

/** The response time of one request, in ms. */
export function responseTimeMs(record: RequestRecord): number {
  requireRequestRecords("responseTimeMs", [record]);
  return record.endMs - requestOriginMs(record);
}

/** The response times of all the given requests, in ms, in record order. O(n). */
export function responseTimesMs(records: readonly RequestRecord[]): number[] {
  requireRequestRecords("responseTimesMs", records);
  return records.map((record) => record.endMs - requestOriginMs(record));
}
