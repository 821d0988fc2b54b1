import { describe, expect, it } from "vitest";
import { MetricInputError, studentTCdf, studentTQuantile } from "../../lib/metrics/index.js";

describe("studentTQuantile", () => {
  it("matches published two-sided 95% and 99% critical values", () => {
    // standard t tables, 4 decimals
    const table: [number, number, number][] = [
      [0.975, 1, 12.7062],
      [0.975, 2, 4.3027],
      [0.975, 4, 2.7764],
      [0.975, 9, 2.2622],
      [0.975, 29, 2.0452],
      [0.975, 1000, 1.9623],
      [0.995, 9, 3.2498],
      [0.95, 5, 2.015],
    ];
    for (const [p, df, expected] of table) expect(studentTQuantile(p, df)).toBeCloseTo(expected, 3);
  });

  it("is symmetric and zero at the median", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 10);
  });

  it("inverts the CDF", () => {
    expect(studentTCdf(studentTQuantile(0.9, 3.5), 3.5)).toBeCloseTo(0.9, 10);
    // df = 1 is the Cauchy distribution: P(T ≤ 1) = 3/4
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(0, 4)).toBe(0.5);
  });

  it("rejects probabilities outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/strictly between 0 and 1/);
    expect(() => studentTQuantile(0, 5)).toThrow(MetricInputError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degreesOfFreedom is 0/);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(MetricInputError);
  });
});
