/**
 * select, poll and epoll measured through python3: every point reports the one ready descriptor (the
 * program checks it), select stops at FD_SETSIZE, and the lecture's claim holds with wide margins: the
 * cost of poll grows with the idle descriptors it must scan, the cost of epoll does not.
 */
import { describe, expect, it } from "vitest";
import { measureReadinessScan, ReadinessScanError } from "../../lib/experiments/readiness-scan.js";
import { findExecutable } from "../../lib/runtime/executables.js";

const python = findExecutable("python3", ["/usr/bin/python3"]);

describe.skipIf(python === undefined && process.env.CI !== "true")("measureReadinessScan", () => {
  it("measures select up to FD_SETSIZE and poll and epoll beyond, and poll's cost grows with N while epoll's stays", () => {
    const result = measureReadinessScan({ descriptorCounts: [20, 2000], batches: 5, batchMs: 2 });
    expect(result.python).toMatch(/^\d+\.\d+/);
    const at = (descriptors: number, mechanism: string) => result.points.find((point) => point.descriptors === descriptors && point.mechanism === mechanism)!;
    expect(at(20, "select").perCallUs).toBeGreaterThan(0);
    expect(at(2000, "select")).toMatchObject({ perCallUs: null, skipped: expect.stringMatching(/FD_SETSIZE \(1024\)/) });
    for (const mechanism of ["poll", "epoll"]) {
      for (const descriptors of [20, 2000]) expect(at(descriptors, mechanism).calls).toBeGreaterThan(5);
    }
    // 100 times the descriptors: poll scans them all (expect ~100×; 5× is a wide margin for a busy machine)…
    expect(at(2000, "poll").perCallUs!).toBeGreaterThan(5 * at(20, "poll").perCallUs!);
    // …epoll looks only at the ready list.
    expect(at(2000, "epoll").perCallUs!).toBeLessThan(4 * at(20, "epoll").perCallUs!);
    expect(at(2000, "epoll").perCallUs!).toBeLessThan(at(2000, "poll").perCallUs! / 5);
  });

  it("refuses bad options, and says when python3 cannot run", () => {
    expect(() => measureReadinessScan({ descriptorCounts: [] })).toThrow(/at least one count/);
    expect(() => measureReadinessScan({ descriptorCounts: [0] })).toThrow(/whole numbers from 1/);
    expect(() => measureReadinessScan({ descriptorCounts: [10], batches: 0 })).toThrow(/batches must be/);
    expect(() => measureReadinessScan({ descriptorCounts: [10], batchMs: 0 })).toThrow(/batchMs must be/);
    expect(() => measureReadinessScan({ descriptorCounts: [10], python: "/nonexistent/python3" })).toThrow(ReadinessScanError);
  });
});
