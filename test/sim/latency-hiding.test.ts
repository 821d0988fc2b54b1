import { describe, expect, it } from "vitest";
import {
  latencyHidingBreakEvenMs,
  runLatencyHidingPolicy,
  simulateLatencyHiding,
  switchingPays,
} from "../../lib/sim/latency-hiding.js";

describe("latency hiding on one CPU", () => {
  it("two requests, worked out by hand (compute 5+5, idle 4, switch 1)", () => {
    const options = { computeMs: 10, idleMs: 4, ctxSwitchMs: 1, requests: 2 };
    // no-switch: R1 0–5, waits to 9, 9–14; switch 14–15; R2 15–20, waits to 24, 24–29.
    const noSwitch = runLatencyHidingPolicy(options, "no-switch");
    expect(noSwitch.totalMs).toBe(29);
    expect(noSwitch.cpuBusyMs).toBe(21);
    expect(noSwitch.cpuIdleMs).toBe(8);
    expect(noSwitch.contextSwitches).toBe(1);
    expect(noSwitch.requests.map((record) => record.completionMs)).toEqual([14, 29]);
    // switch: R1 0–5 blocks; switch 5–6; R2 6–9; R1's I/O ends at 9: switch 9–10; R1 10–15 done;
    // switch 15–16; R2 finishes its first half 16–18, blocks (nothing else ready) until 22; R2 22–27.
    const switching = runLatencyHidingPolicy(options, "switch");
    expect(switching.cpuTimeline).toEqual([
      { activity: "compute", request: 1, startMs: 0, endMs: 5 },
      { activity: "switch", request: 2, startMs: 5, endMs: 6 },
      { activity: "compute", request: 2, startMs: 6, endMs: 9 },
      { activity: "switch", request: 1, startMs: 9, endMs: 10 },
      { activity: "compute", request: 1, startMs: 10, endMs: 15 },
      { activity: "switch", request: 2, startMs: 15, endMs: 16 },
      { activity: "compute", request: 2, startMs: 16, endMs: 18 },
      { activity: "compute", request: 2, startMs: 22, endMs: 27 },
    ]);
    expect(switching.totalMs).toBe(27);
    expect(switching.switchingMs).toBe(3);
    expect(switching.usefulCpuMs).toBe(20);
    expect(switching.utilization).toBeCloseTo(23 / 27, 12);
    expect(simulateLatencyHiding(options).savedMs).toBe(2);
  });

  it("with enough work to fill a wait, switching saves (requests − 1)·(t_idle − 2·t_ctx_switch)", () => {
    for (const ctxSwitchMs of [0.5, 1, 2]) {
      for (const requests of [2, 3, 5, 8]) {
        for (let idleMs = 0; idleMs <= 12; idleMs += 0.5) {
          const comparison = simulateLatencyHiding({ computeMs: 30, idleMs, ctxSwitchMs, requests });
          expect(comparison.savedMs).toBeCloseTo((requests - 1) * (idleMs - 2 * ctxSwitchMs), 9);
        }
      }
    }
  });

  it("the break-even is at t_idle = 2·t_ctx_switch: below it no switching is as good or better, above it switching wins", () => {
    for (const ctxSwitchMs of [0.25, 1, 3]) {
      const breakEven = latencyHidingBreakEvenMs(ctxSwitchMs);
      expect(breakEven).toBe(2 * ctxSwitchMs);
      const at = (idleMs: number) => simulateLatencyHiding({ computeMs: 20, idleMs, ctxSwitchMs, requests: 4 });
      const below = at(breakEven - 0.01);
      const exactly = at(breakEven);
      const above = at(breakEven + 0.01);
      expect(below.noSwitch.totalMs).toBeLessThan(below.switching.totalMs);
      expect(below.switchingWins).toBe(false);
      expect(below.ruleSaysSwitch).toBe(false);
      expect(exactly.savedMs).toBeCloseTo(0, 9);
      expect(exactly.ruleSaysSwitch).toBe(false);
      expect(above.switching.totalMs).toBeLessThan(above.noSwitch.totalMs);
      expect(above.switchingWins).toBe(true);
      expect(above.ruleSaysSwitch).toBe(true);
    }
  });

  it("with no idle time switching only wastes cycles; with free switches it never loses", () => {
    const busy = simulateLatencyHiding({ computeMs: 10, idleMs: 0, ctxSwitchMs: 1, requests: 5 });
    expect(busy.savedMs).toBe(-8);
    expect(busy.noSwitch.cpuIdleMs).toBe(0);
    for (const idleMs of [0, 1, 5, 50]) {
      const free = simulateLatencyHiding({ computeMs: 10, idleMs, ctxSwitchMs: 0, requests: 5 });
      expect(free.savedMs).toBeGreaterThanOrEqual(0);
      expect(free.switching.switchingMs).toBe(0);
    }
  });

  it("switching keeps the CPU busier when waits are long, and one request gains nothing", () => {
    const long = simulateLatencyHiding({ computeMs: 20, idleMs: 30, ctxSwitchMs: 1, requests: 6 });
    expect(long.switching.utilization).toBeGreaterThan(long.noSwitch.utilization);
    expect(long.switching.usefulCpuMs).toBe(long.noSwitch.usefulCpuMs);
    expect(long.switching.switchingMs).toBeGreaterThan(long.noSwitch.switchingMs);
    const single = simulateLatencyHiding({ computeMs: 20, idleMs: 30, ctxSwitchMs: 1, requests: 1 });
    expect(single.savedMs).toBe(0);
    expect(single.switching.contextSwitches).toBe(0);
  });

  it("every request completes and the CPU timeline never overlaps itself", () => {
    const run = runLatencyHidingPolicy({ computeMs: 7, idleMs: 13, ctxSwitchMs: 0.7, requests: 9 }, "switch");
    for (const record of run.requests) {
      expect(record.completionMs).toBeGreaterThan(record.ioEndMs);
      expect(record.ioEndMs - record.ioStartMs).toBeCloseTo(13, 9);
    }
    for (let index = 1; index < run.cpuTimeline.length; index++) {
      expect(run.cpuTimeline[index]!.startMs).toBeGreaterThanOrEqual(run.cpuTimeline[index - 1]!.endMs - 1e-9);
    }
    expect(run.usefulCpuMs).toBeCloseTo(63, 9);
  });

  it("the rule as functions, and clear errors for bad input", () => {
    expect(switchingPays(3, 1)).toBe(true);
    expect(switchingPays(2, 1)).toBe(false);
    expect(switchingPays(0, 0)).toBe(false);
    expect(() => switchingPays(-1, 1)).toThrow(/idleMs/);
    expect(() => latencyHidingBreakEvenMs(Number.NaN)).toThrow(/ctxSwitchMs/);
    expect(() => simulateLatencyHiding({ computeMs: 0, idleMs: 1, ctxSwitchMs: 1, requests: 2 })).toThrow(/computeMs must be/);
    expect(() => simulateLatencyHiding({ computeMs: 1, idleMs: 1, ctxSwitchMs: -1, requests: 2 })).toThrow(/ctxSwitchMs must be/);
    expect(() => simulateLatencyHiding({ computeMs: 1, idleMs: 1, ctxSwitchMs: 1, requests: 1.5 })).toThrow(/requests must be/);
    expect(() => runLatencyHidingPolicy({ computeMs: 1, idleMs: 1, ctxSwitchMs: 1, requests: 2 }, "maybe" as "switch")).toThrow(/policy/);
  });
});

describe("latency hiding: simultaneous events", () => {
  it("lets a compute phase that ends as an I/O completes finish, without a needless switch", () => {
    // Traced by hand: R1 computes 0–0.5 and waits until 2.4; switch to R2 (0.5–1.5), R2 computes
    // 1.5–2.0 and waits until 3.9; idle; switch back to R1 (2.4–3.4), R1 computes 3.4–3.9 and is
    // done exactly when R2's I/O completes; switch to R2 (3.9–4.9), R2 computes 4.9–5.4.
    const tie = runLatencyHidingPolicy({ computeMs: 1, idleMs: 1.9, ctxSwitchMs: 1, requests: 2 }, "switch");
    expect(tie.totalMs).toBeCloseTo(5.4, 9);
    expect(tie.contextSwitches).toBe(3);
    expect(tie.requests[0]!.completionMs).toBeCloseTo(3.9, 9);
  });
});

describe("the closed form's boundary", () => {
  it("at computeMs/2 = idleMs − ctxSwitchMs one switch hides two waits (hand-traced: 22 ms, not 28)", () => {
    // R1 computes 0–4 and waits 4–10; a switch (4–6); R2 computes 6–10 and blocks just as R1's I/O ends;
    // one switch back to R1 (10–12), R1 computes 12–16; R2's I/O ended at 16: switch (16–18), R2 computes 18–22.
    const comparison = simulateLatencyHiding({ computeMs: 8, idleMs: 6, ctxSwitchMs: 2, requests: 2 });
    expect(comparison.noSwitch.totalMs).toBe(30);
    expect(comparison.switching.totalMs).toBe(22);
    expect(comparison.switching.contextSwitches).toBe(3);
  });
});
