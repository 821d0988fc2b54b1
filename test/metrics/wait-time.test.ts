import { describe, expect, it } from "vitest";
import { MetricInputError, waitTimeMs, waitTimesFromArrivals, waitTimesMs, type RequestRecord } from "../../lib/metrics/index.js";

describe("waitTimeMs", () => {
  it("is first byte − (intended ?? start), or null without a first byte", () => {
    expect(waitTimeMs({ startMs: 10, firstByteMs: 13, endMs: 20, bytes: 1, status: 200 })).toBe(3);
    expect(waitTimeMs({ intendedMs: 5, startMs: 10, firstByteMs: 13, endMs: 20, bytes: 1, status: 200 })).toBe(8);
    expect(waitTimeMs({ startMs: 10, endMs: 20, bytes: 0, status: 0, error: "ECONNREFUSED" })).toBeNull();
  });

  it("skips records without a first byte", () => {
    const records: RequestRecord[] = [
      { startMs: 0, firstByteMs: 2, endMs: 3, bytes: 1, status: 200 },
      { startMs: 0, endMs: 3, bytes: 0, status: 0, error: "timeout" },
      { startMs: 4, firstByteMs: 9, endMs: 10, bytes: 1, status: 200 },
    ];
    expect(waitTimesMs(records)).toEqual([2, 5]);
  });

  it("rejects a first byte after the end or before the start", () => {
    expect(() => waitTimeMs({ startMs: 0, firstByteMs: 30, endMs: 20, bytes: 1, status: 200 })).toThrow(/firstByteMs \(30\) is after endMs/);
    expect(() => waitTimeMs({ startMs: 10, firstByteMs: 5, endMs: 20, bytes: 1, status: 200 })).toThrow(/before the request's origin/);
  });
});

describe("waitTimesFromArrivals", () => {
  it("pairs arrivals with service starts", () => {
    expect(waitTimesFromArrivals([0, 10, 20], [0, 15, 40])).toEqual([0, 5, 20]);
  });

  it("rejects mismatched lengths, negative waits, NaN and empty arrays", () => {
    expect(() => waitTimesFromArrivals([0, 1], [0])).toThrow(/arrivals has 2 values but serviceStarts has 1/);
    expect(() => waitTimesFromArrivals([5], [4])).toThrow(/negative wait/);
    expect(() => waitTimesFromArrivals([Number.NaN], [4])).toThrow(MetricInputError);
    expect(() => waitTimesFromArrivals([], [])).toThrow(MetricInputError);
  });
});
