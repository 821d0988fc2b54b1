import { describe, expect, it } from "vitest";
import { cpuUtilization, MetricInputError } from "../../lib/metrics/index.js";

describe("cpuUtilization", () => {
  it("pools busy time over all samples", () => {
    // (30 + 10) / (30 + 70 + 10 + 90) = 40 / 200
    expect(cpuUtilization([{ busy: 30, idle: 70 }, { busy: 10, idle: 90 }])).toBe(0.2);
    // a short fully busy sample does not outvote a long idle one
    expect(cpuUtilization([{ busy: 1, idle: 0 }, { busy: 0, idle: 99 }])).toBe(0.01);
  });

  it("rejects empty, negative, NaN and zero-length samples", () => {
    expect(() => cpuUtilization([])).toThrow(MetricInputError);
    expect(() => cpuUtilization([{ busy: -1, idle: 2 }])).toThrow(/samples\[0\].busy is negative/);
    expect(() => cpuUtilization([{ busy: 1, idle: Number.NaN }])).toThrow(/samples\[0\].idle is NaN/);
    expect(() => cpuUtilization([{ busy: 0, idle: 0 }])).toThrow(/cover no time/);
  });
});
