import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cpuUtilizationBetween, MetricInputError, parseProcStatCpu, readProcStatCpu } from "../../lib/metrics/index.js";

const earlier = `cpu  100 10 50 800 20 5 5 10 7 0
cpu0 50 5 25 400 10 3 2 5 7 0
intr 12345 0 0
`;
const later = `cpu  200 10 90 1000 40 5 5 30 9 0
cpu0 90 5 45 500 20 3 2 15 9 0
`;

describe("parseProcStatCpu", () => {
  it("adds user+nice+system+irq+softirq+steal as busy, idle+iowait as idle, and skips guest", () => {
    expect(parseProcStatCpu(earlier)).toEqual({ busyTicks: 180, idleTicks: 820 });
    expect(parseProcStatCpu(earlier, "cpu0")).toEqual({ busyTicks: 90, idleTicks: 410 });
  });

  it("accepts old kernels' four-field lines", () => {
    expect(parseProcStatCpu("cpu 1 2 3 4\n")).toEqual({ busyTicks: 6, idleTicks: 4 });
  });

  it("rejects a missing or malformed line", () => {
    expect(() => parseProcStatCpu(earlier, "cpu7")).toThrow(/no line for "cpu7"/);
    expect(() => parseProcStatCpu("cpu 1 2 x 4\n")).toThrow(/malformed/);
    expect(() => parseProcStatCpu("cpu 1 2\n")).toThrow(MetricInputError);
  });
});

describe("cpuUtilizationBetween", () => {
  it("is Δbusy / (Δbusy + Δidle)", () => {
    // busy 180 → 340 (Δ160), idle 820 → 1040 (Δ220): 160 / 380
    expect(cpuUtilizationBetween(parseProcStatCpu(earlier), parseProcStatCpu(later))).toBeCloseTo(160 / 380, 12);
  });

  it("rejects readings in the wrong order", () => {
    expect(() => cpuUtilizationBetween(parseProcStatCpu(later), parseProcStatCpu(earlier))).toThrow(/fewer ticks/);
  });
});

describe("readProcStatCpu", () => {
  it.runIf(existsSync("/proc/stat"))("reads this machine's counters, which never go backwards", async () => {
    const first = readProcStatCpu()!;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = readProcStatCpu()!;
    expect(second.busyTicks).toBeGreaterThanOrEqual(first.busyTicks);
    expect(second.idleTicks).toBeGreaterThanOrEqual(first.idleTicks);
    // 100 ms of wall time is at least 10 ticks of 10 ms on every CPU together: the counters moved.
    expect(second.busyTicks + second.idleTicks - (first.busyTicks + first.idleTicks)).toBeGreaterThanOrEqual(5);
    expect(cpuUtilizationBetween(first, second)).toBeLessThanOrEqual(1);
  });

  it.runIf(!existsSync("/proc/stat"))("returns null where there is no /proc/stat", () => {
    expect(readProcStatCpu()).toBeNull();
  });
});
