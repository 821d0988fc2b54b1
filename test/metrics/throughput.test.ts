import { describe, expect, it } from "vitest";
import { MetricInputError, throughput } from "../../lib/metrics/index.js";

describe("throughput", () => {
  it("is completed tasks per second", () => {
    expect(throughput(500, 2)).toBe(250);
    expect(throughput(0, 2)).toBe(0);
  });

  it("rejects a zero or negative duration and a negative or NaN count", () => {
    expect(() => throughput(10, 0)).toThrow(/durationS is 0; expected durationS > 0/);
    expect(() => throughput(10, -1)).toThrow(MetricInputError);
    expect(() => throughput(-1, 1)).toThrow(/completed is negative/);
    expect(() => throughput(Number.NaN, 1)).toThrow(/completed is NaN/);
  });
});
