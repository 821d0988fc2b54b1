import { describe, expect, it } from "vitest";
import { averageResourceUsage, MetricInputError } from "../../lib/metrics/index.js";

describe("averageResourceUsage", () => {
  it("averages per context and sums the averages", () => {
    const usage = averageResourceUsage([
      { context: "pid 1", value: 100 },
      { context: "pid 2", value: 50 },
      { context: "pid 1", value: 300 },
      { context: "pid 2", value: 70 },
      { context: "pid 2", value: 60 },
    ]);
    expect(usage.byContext).toEqual({ "pid 1": { mean: 200, samples: 2 }, "pid 2": { mean: 60, samples: 3 } });
    expect(usage.totalMean).toBe(260);
    expect(usage.meanPerContext).toBe(130);
  });

  it("rejects no samples, negative or NaN values and missing context names", () => {
    expect(() => averageResourceUsage([])).toThrow(MetricInputError);
    expect(() => averageResourceUsage([{ context: "a", value: -1 }])).toThrow(/samples\[0\].value is negative/);
    expect(() => averageResourceUsage([{ context: "a", value: Number.NaN }])).toThrow(MetricInputError);
    expect(() => averageResourceUsage([{ context: "", value: 1 }])).toThrow(/context/);
  });
});
