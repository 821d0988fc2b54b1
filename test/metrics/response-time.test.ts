import { describe, expect, it } from "vitest";
import { MetricInputError, responseTimeMs, responseTimesMs, type RequestRecord } from "../../lib/metrics/index.js";

describe("responseTimeMs", () => {
  it("is end − start in closed loop and end − intended in open loop", () => {
    expect(responseTimeMs({ startMs: 100, endMs: 112.5, bytes: 0, status: 200 })).toBe(12.5);
    // sent 30 ms late because the server stalled: the delay counts
    expect(responseTimeMs({ intendedMs: 100, startMs: 130, endMs: 135, bytes: 0, status: 200 })).toBe(35);
  });

  it("maps over records in order", () => {
    const records: RequestRecord[] = [
      { startMs: 0, endMs: 4, bytes: 1, status: 200 },
      { intendedMs: 5, startMs: 6, endMs: 9, bytes: 1, status: 200 },
    ];
    expect(responseTimesMs(records)).toEqual([4, 4]);
  });

  it("rejects negative durations, NaN times and empty arrays", () => {
    expect(() => responseTimeMs({ startMs: 10, endMs: 5, bytes: 0, status: 200 })).toThrow(/negative duration/);
    expect(() => responseTimeMs({ intendedMs: 20, startMs: 21, endMs: 15, bytes: 0, status: 200 })).toThrow(MetricInputError);
    expect(() => responseTimeMs({ startMs: Number.NaN, endMs: 5, bytes: 0, status: 200 })).toThrow(/startMs is NaN/);
    expect(() => responseTimesMs([])).toThrow(/at least one value/);
    expect(() => responseTimesMs([{ startMs: 0, endMs: 1, bytes: -1, status: 200 }])).toThrow(/records\[0\]: bytes is -1/);
    expect(() => responseTimesMs([{ startMs: 0, endMs: 1, bytes: 0, status: 1.5 }])).toThrow(/status is 1.5/);
  });
});
