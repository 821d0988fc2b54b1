import { describe, expect, it } from "vitest";
import { MetricInputError, weightedAverage } from "../../lib/metrics/index.js";

describe("weightedAverage", () => {
  it("is Σ w·x / Σ w", () => {
    expect(weightedAverage([80, 90, 100], [1, 1, 2])).toBe(92.5);
    // a zero weight drops a value
    expect(weightedAverage([10, 1000], [1, 0])).toBe(10);
  });

  it("rejects mismatched lengths, negative or all-zero weights, NaN and empty arrays", () => {
    expect(() => weightedAverage([1, 2], [1])).toThrow(/values has 2 values but weights has 1/);
    expect(() => weightedAverage([1, 2], [1, -1])).toThrow(/weights\[1\] is negative/);
    expect(() => weightedAverage([1, 2], [0, 0])).toThrow(/all weights are 0/);
    expect(() => weightedAverage([Number.NaN], [1])).toThrow(/values\[0\] is NaN/);
    expect(() => weightedAverage([], [])).toThrow(MetricInputError);
  });
});
