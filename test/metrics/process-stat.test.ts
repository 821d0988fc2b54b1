// CPU time of a process from /proc/<pid>/stat: grows while the process computes, parent pid in place.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readProcessCpuSeconds, readProcStatFields } from "../../lib/metrics/process-stat.js";

const linux = existsSync(`/proc/${process.pid}/stat`);

describe("readProcessCpuSeconds", () => {
  it.runIf(linux)("grows by about the CPU time a busy loop spends", () => {
    const before = readProcessCpuSeconds(process.pid);
    const started = process.cpuUsage();
    const until = performance.now() + 300;
    let spins = 0;
    while (performance.now() < until) spins++;
    const spentS = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1e6;
    const after = readProcessCpuSeconds(process.pid);
    expect(spins).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
    // /proc counts in 10 ms ticks and includes this process's other threads: a generous margin.
    expect(after! - before!).toBeGreaterThan(spentS * 0.5);
  });

  it("is undefined for a process that does not exist", () => {
    expect(readProcessCpuSeconds(2 ** 30)).toBeUndefined();
  });
});

describe("readProcStatFields", () => {
  it.runIf(linux)("puts the state first and the parent pid second", () => {
    const fields = readProcStatFields(process.pid)!;
    expect(fields[0]).toMatch(/^[RSDTtZXIW]$/);
    expect(Number(fields[1])).toBe(process.ppid);
  });
});
