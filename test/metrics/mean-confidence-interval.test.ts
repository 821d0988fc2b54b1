import { describe, expect, it } from "vitest";
import { meanConfidenceInterval, MetricInputError } from "../../lib/metrics/index.js";

describe("meanConfidenceInterval", () => {
  it("is mean ± t·s/√n", () => {
    // mean 5, s = √(10/4) = 1.5811, t(0.975, 4) = 2.7764 → half-width 2.7764 · 1.5811 / √5 = 1.9632
    const interval = meanConfidenceInterval([3, 4, 5, 6, 7]);
    expect(interval.method).toBe("student-t");
    expect(interval.n).toBe(5);
    expect(interval.level).toBe(0.95);
    expect(interval.mean).toBe(5);
    expect(interval.halfWidth).toBeCloseTo(1.9632, 3);
    expect(interval.lower).toBeCloseTo(5 - 1.9632, 3);
    expect(interval.upper).toBeCloseTo(5 + 1.9632, 3);
  });

  it("widens with the confidence level", () => {
    const values = [3, 4, 5, 6, 7];
    expect(meanConfidenceInterval(values, 0.99).halfWidth).toBeGreaterThan(meanConfidenceInterval(values, 0.9).halfWidth);
  });

  it("rejects fewer than 2 values, NaN and levels outside (0, 1)", () => {
    expect(() => meanConfidenceInterval([1])).toThrow(/at least 2 values/);
    expect(() => meanConfidenceInterval([1, Number.NaN])).toThrow(MetricInputError);
    expect(() => meanConfidenceInterval([1, 2], 95)).toThrow(/strictly between 0 and 1/);
  });
});
