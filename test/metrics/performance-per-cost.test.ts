import { describe, expect, it } from "vitest";
import { MetricInputError, performancePerUnitCost, platformCost } from "../../lib/metrics/index.js";

describe("platformCost", () => {
  it("is fixed + perCore·cores + perGiB·memory", () => {
    expect(platformCost({ fixed: 0.5, perCore: 0.25, perGiB: 0.125 }, { cores: 4, memoryGiB: 8 })).toBe(2.5);
  });

  it("rejects negative prices and resources", () => {
    expect(() => platformCost({ fixed: -1, perCore: 0, perGiB: 0 }, { cores: 1, memoryGiB: 1 })).toThrow(/model.fixed is negative/);
    expect(() => platformCost({ fixed: 1, perCore: 0, perGiB: 0 }, { cores: Number.NaN, memoryGiB: 1 })).toThrow(MetricInputError);
  });
});

describe("performancePerUnitCost", () => {
  it("is performance / cost", () => {
    expect(performancePerUnitCost(1000, 2.5)).toBe(400);
  });

  it("rejects a zero cost", () => {
    expect(() => performancePerUnitCost(1000, 0)).toThrow(/cost is 0/);
    expect(() => performancePerUnitCost(-5, 1)).toThrow(MetricInputError);
  });
});
