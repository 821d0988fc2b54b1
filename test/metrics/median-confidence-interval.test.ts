import { describe, expect, it } from "vitest";
import { medianConfidenceInterval, MetricInputError } from "../../lib/metrics/index.js";

describe("medianConfidenceInterval (order statistic)", () => {
  it("uses ranks 2 and 9 of 10 at 95%, with coverage 1 − 2·11/1024", () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    const interval = medianConfidenceInterval(values);
    expect(interval.method).toBe("order-statistic");
    expect(interval.median).toBe(5.5);
    expect(interval.lowerRank).toBe(2);
    expect(interval.upperRank).toBe(9);
    expect(interval.lower).toBe(2);
    expect(interval.upper).toBe(9);
    expect(interval.achievedLevel).toBeCloseTo(1 - (2 * 11) / 1024, 12);
  });

  it("narrows at a lower level: ranks 3 and 8 of 10 at 80%", () => {
    // coverage with j = 3 is 1 − 2·56/1024 = 0.8906 ≥ 0.8; j = 4 would give 0.6562
    const interval = medianConfidenceInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.8);
    expect([interval.lower, interval.upper]).toEqual([3, 8]);
  });

  it("falls back to [min, max] and reports the lower coverage when n is too small", () => {
    const interval = medianConfidenceInterval([4, 1, 3, 2, 5]);
    expect([interval.lower, interval.upper]).toEqual([1, 5]);
    expect(interval.achievedLevel).toBeCloseTo(1 - 2 / 32, 12);
    expect(interval.achievedLevel).toBeLessThan(interval.level);
  });

  it("handles many runs without overflow", () => {
    const values = Array.from({ length: 2001 }, (_, i) => i);
    const interval = medianConfidenceInterval(values);
    expect(interval.median).toBe(1000);
    expect(interval.lower).toBeLessThan(1000);
    expect(interval.upper).toBeGreaterThan(1000);
    expect(interval.achievedLevel).toBeGreaterThanOrEqual(0.95);
    // about ±1.96·√n/2 ≈ ±44 ranks
    expect(interval.upper - interval.lower).toBeGreaterThan(70);
    expect(interval.upper - interval.lower).toBeLessThan(100);
  });

  it("rejects fewer than 2 values, NaN and levels outside (0, 1)", () => {
    expect(() => medianConfidenceInterval([1])).toThrow(/at least 2 values/);
    expect(() => medianConfidenceInterval([1, Number.POSITIVE_INFINITY])).toThrow(MetricInputError);
    expect(() => medianConfidenceInterval([1, 2], 1)).toThrow(MetricInputError);
  });
});
