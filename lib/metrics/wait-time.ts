/**
 * Wait time: how long a request waited before its service began — from its arrival to the moment work
 * on it started. A client sees the start of service as the first byte of the response, so for a
 * request record:
 *
 *   wait time = firstByteMs − (intendedMs ?? startMs)
 *
 * and it is unknown for a request that received no byte. Where arrival and service start are both
 * known (a simulation, a server's own log), `waitTimesFromArrivals` pairs them directly. O(n).
 */
import { requireFiniteValues, requireSameLength } from "./input-checks.js";
import { MetricInputError } from "./metric-input-error.js";
import { requireRequestRecords } from "./request-record-checks.js";
import { requestOriginMs, type RequestRecord } from "./request-record.js";

/** The wait time of one request in ms, or null when no response byte arrived. */
export function waitTimeMs(record: RequestRecord): number | null {
  requireRequestRecords("waitTimeMs", [record]);
  return record.firstByteMs === undefined ? null : record.firstByteMs - requestOriginMs(record);
}

/** The wait times, in ms, of the requests that received a first byte (others are skipped). */
export function waitTimesMs(records: readonly RequestRecord[]): number[] {
  requireRequestRecords("waitTimesMs", records);
  const waits: number[] = [];
  for (const record of records) {
    if (record.firstByteMs !== undefined) waits.push(record.firstByteMs - requestOriginMs(record));
  }
  return waits;
}

/**
 * Wait times from paired arrival and service-start instants (same unit, same clock):
 * wait[i] = serviceStarts[i] − arrivals[i]. A service start before its arrival is an error.
 */
export function waitTimesFromArrivals(arrivals: readonly number[], serviceStarts: readonly number[]): number[] {
  const metric = "waitTimesFromArrivals";
  requireFiniteValues(metric, "arrivals", arrivals);
  requireFiniteValues(metric, "serviceStarts", serviceStarts);
  requireSameLength(metric, "arrivals", arrivals, "serviceStarts", serviceStarts);
  return arrivals.map((arrival, i) => {
    const wait = (serviceStarts[i] as number) - arrival;
    if (wait < 0) {
      throw new MetricInputError(metric, `serviceStarts[${i}] is before arrivals[${i}] (a negative wait)`, "each service to start at or after its arrival");
    }
    return wait;
  });
}
