import { describe, expect, it } from "vitest";
import { aggregateAverage, MetricInputError } from "../../lib/metrics/index.js";

describe("aggregateAverage", () => {
  it("pools all values, so bigger groups weigh more than in a mean of means", () => {
    // (10 + 20 + 30 + 100) / 4 = 40, whereas the mean of the means (20 and 100) would be 60
    expect(aggregateAverage([[10, 20, 30], [100]])).toBe(40);
  });

  it("rejects no groups, an empty group and NaN", () => {
    expect(() => aggregateAverage([])).toThrow(MetricInputError);
    expect(() => aggregateAverage([[1], []])).toThrow(/groups\[1\] has 0 value/);
    expect(() => aggregateAverage([[1, Number.NaN]])).toThrow(/groups\[0\]\[1\] is NaN/);
  });
});
