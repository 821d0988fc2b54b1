// The /proc reader: CPU time grows while the process computes, status fields parse, the tree holds children.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { currentThreadId, parseProcStatus, processTree, readProcessCpuSeconds, readProcStatFields, readProcStatus } from "../../lib/runtime/proc.js";

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

describe("parseProcStatus", () => {
  it("reads VmRSS in bytes and both context-switch counters", () => {
    const text = "Name:\tnode\nVmRSS:\t   51200 kB\nThreads:\t7\nvoluntary_ctxt_switches:\t1520\nnonvoluntary_ctxt_switches:\t37\n";
    expect(parseProcStatus(text)).toEqual({ rssBytes: 51200 * 1024, voluntaryContextSwitches: 1520, involuntaryContextSwitches: 37 });
  });

  it("leaves out what the text does not have (a thread's status has no VmRSS on some kernels)", () => {
    expect(parseProcStatus("Name:\tnode\n")).toEqual({ rssBytes: undefined, voluntaryContextSwitches: undefined, involuntaryContextSwitches: undefined });
  });
});

describe("readProcStatus and processTree", () => {
  it.runIf(linux)("reads this process and its own thread; finds a child in the tree", async () => {
    const status = readProcStatus(process.pid)!;
    expect(status.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    const tid = currentThreadId()!;
    expect(tid).toBe(process.pid); // the main thread's kernel id is the pid
    expect(readProcStatus(process.pid, tid)?.voluntaryContextSwitches).toBeGreaterThan(0);
    const child = spawn("sleep", ["5"]);
    try {
      expect(processTree(process.pid)).toContain(child.pid);
    } finally {
      child.kill();
    }
    expect(readProcStatus(2 ** 30)).toBeUndefined();
  });
});
