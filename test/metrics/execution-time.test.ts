import { describe, expect, it } from "vitest";
import { elapsedMs, executionTimeMs, MetricInputError, type RequestRecord } from "../../lib/metrics/index.js";

describe("executionTimeMs", () => {
  it("spans from the earliest origin to the latest end", () => {
    const records: RequestRecord[] = [
      { startMs: 100, endMs: 150, bytes: 0, status: 200 },
      { intendedMs: 90, startMs: 120, endMs: 300, bytes: 0, status: 200 },
      { startMs: 200, endMs: 250, bytes: 0, status: 200 },
    ];
    expect(executionTimeMs(records)).toBe(210);
  });

  it("rejects empty arrays and negative durations", () => {
    expect(() => executionTimeMs([])).toThrow(MetricInputError);
    expect(() => executionTimeMs([{ startMs: 5, endMs: 1, bytes: 0, status: 200 }])).toThrow(/negative duration/);
  });
});

describe("elapsedMs", () => {
  it("is end − start", () => {
    expect(elapsedMs(1.5, 4)).toBe(2.5);
    expect(elapsedMs(3, 3)).toBe(0);
  });

  it("rejects negative durations and NaN", () => {
    expect(() => elapsedMs(4, 3)).toThrow(/endMs \(3\) is before startMs \(4\)/);
    expect(() => elapsedMs(Number.NaN, 3)).toThrow(MetricInputError);
  });
});
