import { describe, expect, it } from "vitest";
import { cpuUtilizationFromProcessUsage, MetricInputError } from "../../lib/metrics/index.js";

describe("cpuUtilizationFromProcessUsage", () => {
  it("divides CPU time by wall time × cores", () => {
    // 150 ms user + 50 ms system over 400 ms of wall time
    const before = { user: 1_000_000, system: 500_000 };
    const after = { user: 1_150_000, system: 550_000 };
    expect(cpuUtilizationFromProcessUsage(before, after, 400)).toBe(0.5);
    expect(cpuUtilizationFromProcessUsage(before, after, 400, 2)).toBe(0.25);
  });

  it("sees a busy loop as busier than a sleep, on real readings", async () => {
    // Spin until this process has used 100 ms of CPU (at most 3 s): on a loaded machine the wall time
    // grows, so only the ordering against an idle sleep is asserted, not a level.
    const spinStart = performance.now();
    const spinBefore = process.cpuUsage();
    while (process.cpuUsage(spinBefore).user < 100_000 && performance.now() - spinStart < 3000) Math.sqrt(Math.random());
    const busy = cpuUtilizationFromProcessUsage(spinBefore, process.cpuUsage(), performance.now() - spinStart);

    const sleepStart = performance.now();
    const sleepBefore = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const idle = cpuUtilizationFromProcessUsage(sleepBefore, process.cpuUsage(), performance.now() - sleepStart);

    expect(busy).toBeGreaterThan(idle);
    expect(idle).toBeLessThan(0.5);
  });

  it("rejects readings in the wrong order and bad wall times", () => {
    const reading = { user: 100, system: 100 };
    expect(() => cpuUtilizationFromProcessUsage({ user: 200, system: 100 }, reading, 1)).toThrow(/'after' reading is smaller/);
    expect(() => cpuUtilizationFromProcessUsage(reading, reading, 0)).toThrow(/wallMs is 0/);
    expect(() => cpuUtilizationFromProcessUsage(reading, reading, 1, 0)).toThrow(/cores is 0/);
    expect(() => cpuUtilizationFromProcessUsage({ user: Number.NaN, system: 0 }, reading, 1)).toThrow(MetricInputError);
  });
});
