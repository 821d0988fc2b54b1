import { describe, expect, it } from "vitest";
import { MetricInputError, slaViolationPct } from "../../lib/metrics/index.js";

describe("slaViolationPct", () => {
  it("counts responses strictly above the SLA", () => {
    // 150 and 300 exceed 100; exactly 100 meets the SLA
    expect(slaViolationPct([50, 100, 150, 300], 100)).toBe(50);
    expect(slaViolationPct([1, 2, 3], 100)).toBe(0);
  });

  it("counts failed requests as violations", () => {
    // 1 late + 1 failed out of 4 + 1
    expect(slaViolationPct([50, 100, 150, 30], 100, 1)).toBe(40);
    expect(slaViolationPct([], 100, 3)).toBe(100);
  });

  it("rejects bad SLAs, bad failure counts and bad values", () => {
    expect(() => slaViolationPct([1], 0)).toThrow(/slaMs is 0/);
    expect(() => slaViolationPct([1], 10, -1)).toThrow(/failedCount is negative/);
    expect(() => slaViolationPct([1], 10, 0.5)).toThrow(/whole number/);
    expect(() => slaViolationPct([], 10)).toThrow(MetricInputError);
    expect(() => slaViolationPct([1, Number.NaN], 10)).toThrow(/responseTimesMs\[1\] is NaN/);
    expect(() => slaViolationPct([-1], 10)).toThrow(/negative/);
  });
});
