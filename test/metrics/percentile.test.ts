import { describe, expect, it } from "vitest";
import { MetricInputError, percentile, percentileOfSorted, percentiles } from "../../lib/metrics/index.js";

const oneToTen = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];

describe("percentile (linear interpolation, R type 7)", () => {
  it("defaults to p95 and interpolates between closest ranks", () => {
    // h = 9 · 0.95 = 8.55 → 9 + 0.55 · (10 − 9)
    expect(percentile(oneToTen)).toBeCloseTo(9.55, 12);
    // h = 9 · 0.9 = 8.1 → 9 + 0.1
    expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 12);
    // h = 4.5 → 5 + 0.5
    expect(percentile(oneToTen, 50)).toBeCloseTo(5.5, 12);
  });

  it("gives min at p0, max at p100, and an exact rank without interpolation", () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
    // five values: h = 4 · 0.25 = 1 → second smallest
    expect(percentile([50, 10, 40, 20, 30], 25)).toBe(20);
    expect(percentile([42], 99)).toBe(42);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("percentileOfSorted agrees on sorted input", () => {
    expect(percentileOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55, 12);
  });

  it("percentiles computes several ranks at once, in the order asked", () => {
    const [p95, p50, p0] = percentiles(oneToTen, [95, 50, 0]);
    expect(p95).toBeCloseTo(9.55, 12);
    expect(p50).toBeCloseTo(5.5, 12);
    expect(p0).toBe(1);
    expect(() => percentiles(oneToTen, [50, 100.5])).toThrow(/p is 100.5/);
    expect(() => percentiles([], [50])).toThrow(MetricInputError);
  });

  it("rejects p outside 0..100, NaN p, empty and non-finite values", () => {
    expect(() => percentile(oneToTen, 101)).toThrow(MetricInputError);
    expect(() => percentile(oneToTen, -1)).toThrow(/from 0 to 100/);
    expect(() => percentile(oneToTen, Number.NaN)).toThrow(/p is NaN/);
    expect(() => percentile([])).toThrow(/at least one value/);
    expect(() => percentile([1, Number.NaN, 3])).toThrow(/values\[1\] is NaN/);
    expect(() => percentile([1, Infinity])).toThrow(MetricInputError);
    expect(() => percentileOfSorted([], 50)).toThrow(MetricInputError);
    expect(() => percentileOfSorted([1], 200)).toThrow(MetricInputError);
  });
});
