/**
 * Validation of RequestRecord arrays, shared by every metric that reads records. One pass, O(n).
 * A record is accepted when its times are finite, no time precedes the request's origin
 * (intended send time, else start), the end is not before any other time, bytes ≥ 0 and
 * status is a whole number ≥ 0. The error names the first bad record by index.
 */
import { MetricInputError } from "./metric-input-error.js";
import { requireNonEmpty } from "./input-checks.js";
import type { RequestRecord } from "./request-record.js";

/** Throws a MetricInputError for an empty array or the first malformed record. */
export function requireRequestRecords(metric: string, records: readonly RequestRecord[]): void {
  requireNonEmpty(metric, "records", records);
  for (let i = 0; i < records.length; i++) {
    const problem = requestRecordProblem(records[i]);
    if (problem !== null) {
      throw new MetricInputError(metric, `records[${i}]: ${problem}`, "records with finite times on one clock, in order");
    }
  }
}

/** What is wrong with one record, or null if nothing is. Allocates nothing for a good record. */
function requestRecordProblem(record: RequestRecord | undefined): string | null {
  if (record === null || typeof record !== "object") return `is ${String(record)}, not a record`;
  const { intendedMs, startMs, connectMs, firstByteMs, endMs } = record;
  if (!isFiniteNumber(startMs)) return `startMs is ${String(startMs)}`;
  if (!isFiniteNumber(endMs)) return `endMs is ${String(endMs)}`;
  const origin = intendedMs ?? startMs;
  if (!isFiniteNumber(origin)) return `intendedMs is ${String(intendedMs)}`;
  if (endMs < origin) return `endMs (${endMs}) is before the request's origin (${origin}), a negative duration`;
  return (
    timeProblem("startMs", startMs, origin, endMs) ??
    timeProblem("connectMs", connectMs, origin, endMs) ??
    timeProblem("firstByteMs", firstByteMs, origin, endMs) ??
    (isFiniteNumber(record.bytes) && record.bytes >= 0 ? null : `bytes is ${String(record.bytes)}`) ??
    (Number.isInteger(record.status) && record.status >= 0 ? null : `status is ${String(record.status)}`)
  );
}

/** An optional time must be finite and lie within [origin, end]. */
function timeProblem(name: string, value: number | undefined, origin: number, endMs: number): string | null {
  if (value === undefined) return null;
  if (!isFiniteNumber(value)) return `${name} is ${String(value)}`;
  if (value < origin) return `${name} (${value}) is before the request's origin (${origin})`;
  if (value > endMs) return `${name} (${value}) is after endMs (${endMs}), a negative duration`;
  return null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
