import { describe, expect, it } from "vitest";
import { connectionRate, MetricInputError } from "../../lib/metrics/index.js";

describe("connectionRate", () => {
  it("is connections per second", () => {
    expect(connectionRate(300, 1.5)).toBe(200);
  });

  it("rejects bad input", () => {
    expect(() => connectionRate(-3, 1)).toThrow(MetricInputError);
    expect(() => connectionRate(3, Number.POSITIVE_INFINITY)).toThrow(MetricInputError);
  });
});
