import { describe, expect, it } from "vitest";
import { MetricInputError, platformEfficiency } from "../../lib/metrics/index.js";

describe("platformEfficiency", () => {
  it("is throughput per unit of resource", () => {
    expect(platformEfficiency(1200, 4)).toBe(300);
  });

  it("rejects a zero resource and bad throughput", () => {
    expect(() => platformEfficiency(1200, 0)).toThrow(/resourceAmount is 0/);
    expect(() => platformEfficiency(-1, 2)).toThrow(MetricInputError);
    expect(() => platformEfficiency(Number.NaN, 2)).toThrow(MetricInputError);
  });
});
