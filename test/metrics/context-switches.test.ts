import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contextSwitchesBetween, MetricInputError, parseContextSwitches, readContextSwitches } from "../../lib/metrics/index.js";

const status = "Name:\tnode\nThreads:\t11\nvoluntary_ctxt_switches:\t1520\nnonvoluntary_ctxt_switches:\t37\n";

describe("parseContextSwitches", () => {
  it("reads both counters", () => {
    expect(parseContextSwitches(status)).toEqual({ voluntary: 1520, nonvoluntary: 37 });
  });

  it("rejects text without them", () => {
    expect(() => parseContextSwitches("Name:\tnode\n")).toThrow(/no "voluntary_ctxt_switches:" line/);
  });
});

describe("contextSwitchesBetween", () => {
  it("subtracts the earlier reading", () => {
    expect(contextSwitchesBetween({ voluntary: 10, nonvoluntary: 2 }, { voluntary: 15, nonvoluntary: 2 })).toEqual({ voluntary: 5, nonvoluntary: 0 });
  });

  it("rejects readings in the wrong order", () => {
    expect(() => contextSwitchesBetween({ voluntary: 15, nonvoluntary: 2 }, { voluntary: 10, nonvoluntary: 2 })).toThrow(MetricInputError);
  });
});

describe("readContextSwitches", () => {
  it.runIf(existsSync("/proc/self/status"))("counts the voluntary switches of sleeping", async () => {
    const before = readContextSwitches();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = readContextSwitches();
    expect(before).not.toBeNull();
    // each sleep blocks the main thread in epoll_wait, a voluntary switch
    expect(contextSwitchesBetween(before!, after!).voluntary).toBeGreaterThan(0);
  });

  it("returns null for a process that does not exist", () => {
    expect(readContextSwitches(2 ** 30)).toBeNull();
  });
});
